// Plan-versus-actual charts (Chart.js): every <canvas data-chart="ID"> reads the JSON of the element
// with that id — {labels, actual, plan, unit} — and draws the actual figures as bars with the targets
// as a line of points on top. The table beside each chart holds the same numbers without JavaScript.
(function () {
  // The target mark spans its bar (the bars are laid out first: dataset 0 updates before dataset 1).
  function markWidth(context) {
    var bar = context.chart.getDatasetMeta(0).data[context.dataIndex];
    return bar && bar.width ? Math.max(bar.width / 2 + 6, 12) : 12;
  }

  function draw(canvas) {
    var data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var sign = data.unit === "percent" ? "%" : "";
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          {type: "bar", label: canvas.dataset.actual, data: data.actual, backgroundColor: "#2f6fb0",
           maxBarThickness: 72, order: 2},
          {type: "line", label: canvas.dataset.plan, data: data.plan, borderColor: "#d9480f",
           backgroundColor: "#d9480f", borderDash: [6, 4], pointStyle: "line", pointRadius: markWidth,
           pointHoverRadius: markWidth, pointBorderWidth: 3, showLine: data.trend === true, order: 1}
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
