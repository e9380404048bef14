/* jixiao: draws the score chart (ECharts) and redraws it after htmx swaps the score panel.
   No inline scripts anywhere: the Content-Security-Policy allows only this server's files. */
(function () {
  "use strict";
  function drawChart() {
    var holder = document.getElementById("score-chart");
    var dataTag = document.getElementById("chart-data");
    if (!holder || !dataTag || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(dataTag.textContent || "{}");
    if (!data.names) { return; }
    var old = window.echarts.getInstanceByDom(holder);
    if (old) { old.dispose(); }
    var chart = window.echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 110, right: 20, top: 24, bottom: 24 },
      legend: { data: ["分值", "得分"], top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.names, inverse: true },
      series: [
        { name: "分值", type: "bar", data: data.weights.map(Number), itemStyle: { color: "#c9d6e8" } },
        { name: "得分", type: "bar", data: data.scores.map(Number), itemStyle: { color: "#2f6db5" } }
      ]
    });
  }
  document.addEventListener("DOMContentLoaded", drawChart);
  document.addEventListener("htmx:afterSettle", drawChart);
})();
