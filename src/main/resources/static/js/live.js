// The live stream (activity feed and bell) is open only while its tab is in view. A browser allows six connections to
// a server over HTTP/1.1; with a stream in every tab, a seventh tab would wait for a free one. A hidden tab closes its
// stream; shown again, it reconnects (htmx's SSE extension reconnects a closed stream after an error) and the server
// first sends the bell's current count and the feed items the page missed.
(function () {
    if (typeof htmx === "undefined" || typeof htmx.createEventSource !== "function") {
        return;
    }
    var streams = [];
    var create = htmx.createEventSource;
    htmx.createEventSource = function (url) {
        // A new connection (the first, or one after the tab was hidden) asks for what came after the newest item the
        // page shows, so nothing that happened meanwhile is lost.
        var newest = document.querySelector("#activity-list [data-item]");
        if (newest) {
            var address = new URL(url, window.location.href);
            address.searchParams.set("after", newest.getAttribute("data-item"));
            url = address.pathname + address.search;
        }
        var source = create(url);
        // The server ends the stream of a tab when a newer tab of the same session (or person) opens one beyond its
        // few: that tab stays without until it is shown or focused again, instead of taking a stream back at once.
        source.addEventListener("superseded", function () {
            pause(source);
        });
        // A rep's queue changed (a lead handed to them or taken away, a decision in another tab): "awaiting overdue".
        // The navigation's counts follow here; the queue page itself (queue.js) listens to lb:queue.
        source.addEventListener("queue", function (event) {
            var parts = String(event.data || "").split(" ");
            var awaiting = parseInt(parts[0], 10);
            var overdue = parseInt(parts[1], 10);
            if (isNaN(awaiting)) {
                return;
            }
            document.querySelectorAll("#nav-queue-count, #nav-queue-count-phone").forEach(function (badge) {
                badge.textContent = String(awaiting);
                badge.classList.toggle("d-none", awaiting === 0);
            });
            document.body.dispatchEvent(new CustomEvent("lb:queue", {
                detail: {awaiting: awaiting, overdue: isNaN(overdue) ? 0 : overdue}
            }));
        });
        streams.push(source);
        return source;
    };
    // Only what this script closed is reopened here: a stream the server refused (503) the extension retries itself.
    function pause(source) {
        source.close();
        source.pausedByPage = true;
    }
    function reopen() {
        var closed = streams.filter(function (source) {
            return source.pausedByPage;
        });
        streams = streams.filter(function (source) {
            return !source.pausedByPage && source.readyState !== EventSource.CLOSED;
        });
        closed.forEach(function (source) {
            if (typeof source.onerror === "function") {
                source.onerror(new Event("error"));
            }
        });
    }
    document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") {
            streams.forEach(pause);
            return;
        }
        reopen();
    });
    window.addEventListener("focus", reopen);
})();

// The phone's copy of the bell's count (next to the menu's toggler, layout/main.html) follows the bell the stream sends.
document.addEventListener("htmx:sseMessage", function (event) {
    if (!event.target || event.target.id !== "bell") {
        return;
    }
    var count = document.getElementById("unread-count");
    document.querySelectorAll(".phone-unread-count").forEach(function (badge) {
        badge.textContent = count ? count.textContent : "0";
        badge.classList.toggle("d-none", !count);
    });
});
