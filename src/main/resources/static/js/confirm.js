// Confirmation before a destructive action, without inline script (the Content Security Policy forbids it).
// A form with data-confirm asks first; confirmed, it is sent with confirmed=true. Without JavaScript the form is sent
// as it is and the server answers with a page that asks.
document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
        return;
    }
    var confirmed = form.querySelector('input[name="confirmed"]');
    if (confirmed && confirmed.value === "true") {
        return;
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
    }
    if (confirmed) {
        confirmed.value = "true";
    }
});

// Copy buttons: data-copy-target names the field whose value goes to the clipboard; the button is hidden without
// JavaScript, where it could do nothing.
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
        var field = document.getElementById(button.getAttribute("data-copy-target"));
        if (!field) {
            return;
        }
        var label = button.textContent;
        var status = document.getElementById(button.id + "-status");
        button.hidden = false;
        button.addEventListener("click", function () {
            var done = function () {
                button.textContent = button.getAttribute("data-copied") || label;
                if (status) {
                    status.textContent = button.textContent;
                }
                window.setTimeout(function () {
                    button.textContent = label;
                }, 2000);
            };
            var fallback = function () {
                field.select();
                document.execCommand("copy");
                done();
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(done, fallback);
            } else {
                fallback();
            }
        });
    });
});
