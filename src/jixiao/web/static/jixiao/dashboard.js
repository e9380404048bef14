// 统计分析: draw each chart of #dashboard-data with the vendored ECharts (no CDN).
document.addEventListener("DOMContentLoaded", function () {
  var node = document.getElementById("dashboard-data");
  if (!node || !window.echarts) { return; }
  var data = JSON.parse(node.textContent);
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var c = data[el.dataset.chart];
    if (!c || !c.rows.length) { el.textContent = "无数据"; return; }
    var labels = c.rows.map(function (r) { return String(r[0]); });
    var series = [];
    c.plot.forEach(function (i) {
      var values = c.rows.map(function (r) { var v = r[i]; return v === null || isNaN(Number(v)) ? null : Number(v); });
      series.push({ name: c.headers[i], type: c.kind, data: values, label: { show: c.rows.length <= 12, position: "top" } });
    });
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 48, right: 16, top: 32, bottom: 64 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0, width: 110, overflow: "truncate" } },
      yAxis: { type: "value" }, series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
});
