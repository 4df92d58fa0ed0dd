// The goal form: with script, choosing a period shows that period's goal at once (htmx swaps the form), so the
// "Show this period's goal" button (a post that only shows that period; Save stays the default for Enter), which
// does the same without script, is hidden.
(function () {
    function hideShowButton() {
        var button = document.getElementById('show-goal');
        if (button) {
            button.hidden = true;
        }
    }
    hideShowButton();
    document.addEventListener('htmx:afterSwap', hideShowButton);
})();
