// Dashboard charts: each canvas carries its data (data-chart, JSON); the table beside it holds the same numbers.
document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") {
        return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
        var data = JSON.parse(canvas.getAttribute("data-chart"));
        new Chart(canvas, {
            type: data.type,
            data: {labels: data.labels, datasets: [{label: data.label, data: data.values, backgroundColor: "#0d6efd"}]},
            options: {plugins: {legend: {display: false}}, scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}
        });
    });
});

// Live feed: an item the list already shows (sent again after a reconnect) is not added twice.
document.addEventListener("htmx:sseBeforeMessage", function (event) {
    if (!event.detail || event.detail.type !== "activity") {
        return; // the bell's count carries no id of its own (an event keeps the stream's last id)
    }
    var id = event.detail.lastEventId;
    if (id && /^[0-9]+$/.test(id) && document.querySelector('[data-item="' + id + '"]')) {
        event.preventDefault();
    }
});

// Examples that name LeadBridge's address use the page's own where none is configured (the server never takes it from
// the request's Host header).
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-page-origin]").forEach(function (element) {
        element.textContent = window.location.origin;
    });
});
