/* jixiao 统计分析: draws each dashboard chart (ECharts, served from this server) from the
   numbers in the page's <script type="application/json" id="dashboard-data"> (json_script).
   No inline scripts: the Content-Security-Policy allows only this server's files. */
(function () {
  "use strict";
  var GRADE_COLORS = ["#2e8b4f", "#2f6db5", "#d49b00", "#c0392b", "#a0a7b0"];
  var LIGHT_COLORS = ["#c0392b", "#d49b00", "#2e8b4f", "#a0a7b0"];
  var FONT = { fontFamily: "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif" };

  function num(text) { return Number(text); }
  function column(rows, i) { return rows.map(function (r) { return r[i]; }); }

  /* Horizontal stacked bars: one bar per organisation, one series per column. */
  function stacked(table, first, last, colors, skipTotal) {
    var rows = skipTotal ? table.rows.slice(0, -1) : table.rows;
    var series = [];
    for (var c = first; c <= last; c++) {
      series.push({ name: table.headers[c], type: "bar", stack: "n", data: column(rows, c).map(num),
                    itemStyle: { color: colors[c - first] }, barMaxWidth: 22,
                    label: { show: rows.length <= 12, formatter: function (p) { return p.value || ""; }, fontSize: 11 } });
    }
    return {
      rows: rows.length,
      option: {
        legend: { top: 0 }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 10, right: 24, top: 30, bottom: 28, containLabel: true },
        xAxis: { type: "value", name: "项目数", nameLocation: "middle", nameGap: 24, minInterval: 1 },
        yAxis: { type: "category", data: column(rows, 0), inverse: true, axisLabel: { width: 150, overflow: "truncate" } },
        series: series
      }
    };
  }

  var builders = {
    grades: function (t) { return stacked(t, 1, 5, GRADE_COLORS, true); },
    monitoring: function (t) { return stacked(t, 1, 4, LIGHT_COLORS, false); },
    execution: function (t) {
      return { rows: 0, option: {
        tooltip: { trigger: "axis", formatter: function (p) { var r = t.rows[p[0].dataIndex]; return r[0] + "：" + r[1] + " 个（" + r[2] + "%）"; } },
        grid: { left: 10, right: 20, top: 30, bottom: 10, containLabel: true },
        xAxis: { type: "category", data: column(t.rows, 0), axisLabel: { interval: 0 } },
        yAxis: { type: "value", name: "项目数", minInterval: 1 },
        series: [{ type: "bar", data: column(t.rows, 1).map(num), barMaxWidth: 46,
                   itemStyle: { color: function (p) { return ["#c0392b", "#d49b00", "#7fb26b", "#2e8b4f", "#2f6db5", "#a0a7b0"][p.dataIndex]; } },
                   label: { show: true, position: "top", formatter: function (p) { return p.value + "（" + t.rows[p.dataIndex][2] + "%）"; } } }]
      } };
    },
    ranking: function (t) {
      return { rows: t.rows.length, option: {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (p) { var r = t.rows[p[0].dataIndex]; return "第 " + r[0] + " 名 " + r[1] + "<br>平均分 " + r[2] + "（" + r[3] + " 个项目）"; } },
        grid: { left: 10, right: 50, top: 20, bottom: 28, containLabel: true },
        xAxis: { type: "value", name: "平均分", nameLocation: "middle", nameGap: 24, max: 100 },
        yAxis: { type: "category", inverse: true, axisLabel: { width: 170, overflow: "truncate" },
                 data: t.rows.map(function (r) { return r[0] + ". " + r[1]; }) },
        series: [{ type: "bar", data: column(t.rows, 2).map(num), barMaxWidth: 20, itemStyle: { color: "#2f6db5" },
                   label: { show: true, position: "right", formatter: function (p) { return t.rows[p.dataIndex][2]; } } }]
      } };
    },
    review: function (t) {
      return { rows: t.rows.length * 2, option: {
        legend: { top: 0 }, tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 10, right: 100, top: 30, bottom: 28, containLabel: true },
        xAxis: { type: "value", name: "平均分", nameLocation: "middle", nameGap: 24, max: 100 },
        yAxis: { type: "category", inverse: true, data: column(t.rows, 0), axisLabel: { width: 150, overflow: "truncate" } },
        series: [
          { name: "自评平均分", type: "bar", data: column(t.rows, 2).map(num), itemStyle: { color: "#9db7dc" }, barMaxWidth: 16,
            label: { show: true, position: "right", fontSize: 11, formatter: function (p) { return t.rows[p.dataIndex][2]; } } },
          { name: "复核平均分", type: "bar", data: column(t.rows, 3).map(num), itemStyle: { color: "#1f4e8c" }, barMaxWidth: 16,
            label: { show: true, position: "right", fontSize: 11, formatter: function (p) { return t.rows[p.dataIndex][3] + "（" + t.rows[p.dataIndex][4] + "）"; } } }
        ]
      } };
    },
    years: function (t) {
      return { rows: 0, option: {
        legend: { top: 0 }, tooltip: { trigger: "axis" },
        grid: { left: 10, right: 10, top: 40, bottom: 10, containLabel: true },
        xAxis: { type: "category", data: column(t.rows, 0).map(String) },
        yAxis: [{ type: "value", name: "项目数", minInterval: 1 }, { type: "value", name: "分 / %", max: 100 }],
        series: [
          { name: "项目数", type: "bar", data: column(t.rows, 1).map(num), itemStyle: { color: "#c9d6e8" }, barMaxWidth: 46 },
          { name: "平均分", type: "line", yAxisIndex: 1, data: column(t.rows, 3).map(num), itemStyle: { color: "#1f4e8c" },
            label: { show: true, formatter: function (p) { return t.rows[p.dataIndex][3]; } } },
          { name: "优秀率（%）", type: "line", yAxisIndex: 1, data: column(t.rows, 4).map(num), itemStyle: { color: "#2e8b4f" } }
        ]
      } };
    }
  };

  function draw() {
    var tag = document.getElementById("dashboard-data");
    if (!tag || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(tag.textContent || "{}");
    var holders = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(holders, function (holder) {
      var table = data[holder.getAttribute("data-chart")];
      var build = builders[holder.getAttribute("data-chart")];
      if (!table || !build) { return; }
      var made = build(table);
      if (made.rows > 8) { holder.style.height = (made.rows * 26 + 80) + "px"; }
      var chart = window.echarts.init(holder, null, { renderer: "canvas" });
      made.option.animation = false;
      made.option.textStyle = FONT;
      chart.setOption(made.option);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
