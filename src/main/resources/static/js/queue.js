// The rep's queue: focus after a decision, the undo's few seconds, and the keys j/k (move), a (accept), r (reject).
(function () {
    "use strict";

    function rows() {
        return Array.prototype.slice.call(document.querySelectorAll("#queue tr.queue-item:not(.decided)"));
    }

    function current() {
        var active = document.activeElement && document.activeElement.closest
            ? document.activeElement.closest("#queue tr.queue-item:not(.decided)") : null;
        return active || document.querySelector("#queue tr.queue-item.kbd-current:not(.decided)");
    }

    function mark(row) {
        document.querySelectorAll("#queue tr.kbd-current").forEach(function (r) {
            r.classList.remove("kbd-current");
        });
        if (row) {
            row.classList.add("kbd-current");
        }
    }

    function focusRow(row) {
        if (!row) {
            return false;
        }
        mark(row);
        var target = row.querySelector("button.accept") || row.querySelector("a.open-reject, select.reason");
        if (target) {
            target.focus();
            target.scrollIntoView({block: "nearest"});
        }
        return true;
    }

    // After a decision the row is replaced: the focus moves on to the next lead's Accept (or the one before, if it was
    // the last), never to the top of the page. After an undo it returns to the lead's own Accept.
    var pending = null;
    // The row as it was before its reject form opened, so Cancel (or Esc) can give it back without asking the server.
    var closed = {};
    document.addEventListener("htmx:beforeRequest", function (event) {
        var row = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("#queue tr.queue-item") : null;
        pending = row ? row.id : null;
        if (row && event.detail.elt.matches("a.open-reject")) {
            closed[row.id] = row.outerHTML;
        }
    });

    // Cancel closes the row's reject form: the row is as before, and the focus is back on its Reject… button.
    function closeReject(row) {
        var html = closed[row.id];
        if (!html) {
            return false;
        }
        var template = document.createElement("template");
        template.innerHTML = html.trim();
        var restored = template.content.firstElementChild;
        if (!restored) {
            return false;
        }
        row.replaceWith(restored);
        delete closed[restored.id];
        if (typeof htmx !== "undefined") {
            htmx.process(restored);
        }
        mark(restored);
        var open = restored.querySelector("a.open-reject");
        if (open) {
            open.focus();
        }
        return true;
    }

    document.addEventListener("click", function (event) {
        var cancel = event.target && event.target.closest ? event.target.closest("#queue a.cancel-reject") : null;
        if (cancel && closeReject(cancel.closest("tr.queue-item"))) {
            event.preventDefault();
        }
    });
    document.addEventListener("htmx:afterSettle", function (event) {
        // The title follows the count the answer brought (the summary was swapped in out of band).
        var summary = document.getElementById("queue-summary");
        if (summary && summary.getAttribute("data-title")) {
            document.title = summary.getAttribute("data-title");
        }
        // After the queue's own answers (a decision, an undo, a refresh; not the bell's live swaps), the navigation's
        // counts agree with the summary the answer brought, whatever live signal came in before it.
        var settled = event.target && event.target.closest ? event.target : null;
        var fromTheQueue = !settled || !settled.isConnected || !!settled.closest("#queue-region");
        if (fromTheQueue && summary && summary.getAttribute("data-awaiting") !== null) {
            var awaiting = summary.getAttribute("data-awaiting");
            document.querySelectorAll("#nav-queue-count, #nav-queue-count-phone").forEach(function (badge) {
                badge.textContent = awaiting;
                badge.classList.toggle("d-none", awaiting === "0");
            });
        }
        if (!pending) {
            return;
        }
        var row = document.getElementById(pending);
        pending = null;
        if (!row) {
            return;
        }
        if (!row.classList.contains("decided")) {
            if (!row.querySelector("form.reject-form")) {
                focusRow(row);
            }
            return;
        }
        var undo = row.querySelector("form.undo-form[data-undo-seconds]");
        if (undo) {
            var seconds = parseInt(undo.getAttribute("data-undo-seconds"), 10) || 10;
            window.setTimeout(function () {
                if (undo.isConnected) {
                    if (undo.contains(document.activeElement)) {
                        focusRow(next(row));
                    }
                    undo.remove();
                }
            }, seconds * 1000);
        }
        if (!focusRow(next(row))) {
            if (summary) {
                summary.setAttribute("tabindex", "-1");
                summary.focus();
            }
        }
    });

    function next(row) {
        for (var r = row.nextElementSibling; r; r = r.nextElementSibling) {
            if (r.matches("tr.queue-item:not(.decided)")) {
                return r;
            }
        }
        for (r = row.previousElementSibling; r; r = r.previousElementSibling) {
            if (r.matches("tr.queue-item:not(.decided)")) {
                return r;
            }
        }
        return null;
    }

    function typing(target) {
        if (!target || !target.tagName) {
            return false;
        }
        var tag = target.tagName.toLowerCase();
        return tag === "input" || tag === "select" || tag === "textarea" || target.isContentEditable;
    }

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !event.defaultPrevented) {
            var form = event.target && event.target.closest ? event.target.closest("#queue form.reject-form") : null;
            if (form && closeReject(form.closest("tr.queue-item"))) {
                event.preventDefault();
            }
            return;
        }
        if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
            return;
        }
        if (!document.getElementById("queue")) {
            return;
        }
        var all = rows();
        if (all.length === 0) {
            return;
        }
        var row = current();
        var index = row ? all.indexOf(row) : -1;
        var key = event.key;
        if (key === "j") {
            focusRow(all[Math.min(index + 1, all.length - 1)]);
        } else if (key === "k") {
            focusRow(all[Math.max(index - 1, 0)]);
        } else if (key === "a" && row) {
            var accept = row.querySelector("button.accept");
            if (accept) {
                accept.click();
            }
        } else if (key === "r" && row) {
            var open = row.querySelector("a.open-reject");
            if (open) {
                open.click();
            } else if (row.querySelector("select.reason")) {
                row.querySelector("select.reason").focus();
            }
        } else {
            return;
        }
        event.preventDefault();
    });
    // The live stream says the queue changed. It may arrive before this tab's own decision has brought its counts,
    // so it is looked at once no request of the page is under way. When the page already shows that count (the rep's
    // own decision), nothing happens. Otherwise the queue is fetched again and swapped in place, unless the rep is in
    // the middle of something (a reject form open, typing, a decision that can still be undone): then a line offers
    // the fresh queue instead of moving rows away under their hands.
    var requests = 0;
    var signalled = null;
    document.addEventListener("htmx:beforeRequest", function () {
        requests++;
    });
    document.addEventListener("htmx:afterRequest", function () {
        requests = Math.max(0, requests - 1);
        if (signalled !== null) {
            window.setTimeout(follow, 50);
        }
    });
    document.body.addEventListener("lb:queue", function (event) {
        signalled = event.detail.awaiting;
        window.setTimeout(follow, 50);
    });
    function follow() {
        var summary = document.getElementById("queue-summary");
        if (signalled === null || !summary || typeof htmx === "undefined" || requests > 0) {
            return;
        }
        var awaiting = signalled;
        signalled = null;
        if (String(awaiting) === summary.getAttribute("data-awaiting")) {
            return;
        }
        var busy = document.querySelector("#queue form.reject-form, #queue form.undo-form")
            || typing(document.activeElement);
        if (busy) {
            var notice = document.getElementById("queue-changed");
            if (notice) {
                notice.classList.remove("d-none");
            }
            return;
        }
        htmx.ajax("GET", window.location.pathname + window.location.search, {
            target: "#queue-region",
            select: "#queue-region",
            swap: "outerHTML"
        });
    }
})();
