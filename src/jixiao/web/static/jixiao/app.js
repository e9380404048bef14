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
  function drawOverview() {
    var holder = document.getElementById("overview-chart");
    var dataTag = document.getElementById("overview-data");
    if (!holder || !dataTag || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(dataTag.textContent || "{}");
    var chart = window.echarts.init(holder, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: [{ left: 40, right: "55%", top: 40, bottom: 30 }, { left: "55%", right: 20, top: 40, bottom: 30 }],
      title: [{ text: "按状态", left: "15%", textStyle: { fontSize: 13 } },
              { text: "按等级", left: "70%", textStyle: { fontSize: 13 } }],
      xAxis: [{ type: "category", data: data.states, gridIndex: 0, axisLabel: { interval: 0, fontSize: 10 } },
              { type: "category", data: data.grades, gridIndex: 1 }],
      yAxis: [{ type: "value", minInterval: 1, gridIndex: 0 }, { type: "value", minInterval: 1, gridIndex: 1 }],
      series: [
        { type: "bar", data: data.state_counts, xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: "#2f6db5" } },
        { type: "bar", data: data.grade_counts, xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: "#2e8b4f" } }
      ]
    });
  }
  document.addEventListener("DOMContentLoaded", drawChart);
  document.addEventListener("DOMContentLoaded", drawOverview);
  document.addEventListener("htmx:afterSettle", drawChart);
})();
