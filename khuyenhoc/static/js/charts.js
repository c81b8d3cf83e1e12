// Plan-versus-actual charts (Chart.js): every <canvas data-chart="ID"> reads the JSON of the element
// with that id — {labels, actual, plan, unit} — and draws the actual figures as bars with the targets
// as a line of points on top. The table beside each chart holds the same numbers without JavaScript.
(function () {
  function draw(canvas) {
    var data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var sign = data.unit === "percent" ? "%" : "";
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          {type: "bar", label: canvas.dataset.actual, data: data.actual, backgroundColor: "#2f6fb0", order: 2},
          {type: "line", label: canvas.dataset.plan, data: data.plan, borderColor: "#d9480f",
           backgroundColor: "#d9480f", borderDash: [6, 4], pointStyle: "line", pointRadius: 12,
           pointBorderWidth: 3, showLine: data.trend === true, order: 1}
        ]
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {y: {beginAtZero: true, suggestedMax: sign ? 100 : undefined,
                     ticks: {callback: function (v) { return v.toLocaleString("vi-VN") + sign; }}}},
        plugins: {tooltip: {callbacks: {label: function (c) {
          return c.dataset.label + ": " + (c.parsed.y === null ? "—" : c.parsed.y.toLocaleString("vi-VN") + sign);
        }}}}
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
