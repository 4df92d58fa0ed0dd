// Forms: after a submit that failed, keyboard focus goes to the first field in error (in the order of the page), so
// that a keyboard or screen-reader user lands where the fix is needed. The same for a form that htmx swaps in.
(function () {
    var INVALID = "form .is-invalid, form [aria-invalid='true']";

    function focusFirstError(root) {
        var field = root.querySelector(INVALID);
        if (!field) {
            return false;
        }
        // A group's error (radios, checkboxes) marks each box: the first of them takes the focus.
        if (!field.matches("input, select, textarea, button")) {
            field = field.querySelector("input, select, textarea") || field;
            if (!field.hasAttribute("tabindex") && !field.matches("input, select, textarea")) {
                field.setAttribute("tabindex", "-1");
            }
        }
        field.focus();
        if (typeof field.scrollIntoView === "function") {
            field.scrollIntoView({block: "center"});
        }
        return true;
    }

    document.addEventListener("DOMContentLoaded", function () {
        focusFirstError(document);
    });

    document.addEventListener("htmx:afterSettle", function (event) {
        var target = event.detail && event.detail.elt;
        if (target && target.querySelector) {
            focusFirstError(target.matches && target.matches("form") ? target.parentNode || target : target);
        }
    });
})();

// History: a request that would push the address the browser already shows (a search typed, then "Apply filters";
// a field's change event after its input event) replaces that entry instead of adding a second one.
document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var update = event.detail && event.detail.history;
    if (update && update.type === "push" && update.path) {
        var target = new URL(update.path, window.location.href);
        if (target.pathname + target.search === window.location.pathname + window.location.search) {
            update.type = "replace";
        }
    }
});
