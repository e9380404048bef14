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

  /* Optimistic concurrency (CONTRACTS.md §7): every save sends the project version the page
     shows; a successful save answers the new version (X-Project-Version), which the page
     keeps, so one's own saves never conflict, while someone else's change makes the next
     save answer 409 with a conflict notice instead of overwriting it. */
  function versionHolder() { return document.getElementById("project-version"); }
  document.addEventListener("htmx:configRequest", function (event) {
    var holder = versionHolder();
    if (holder && event.detail.verb === "post") {
      event.detail.parameters["version"] = holder.getAttribute("data-version");
    }
  });
  document.addEventListener("submit", function (event) {
    var holder = versionHolder();
    var field = event.target && event.target.querySelector ? event.target.querySelector("input[name=version]") : null;
    if (holder && field) { field.value = holder.getAttribute("data-version"); }
  }, true);

  /* Every failed save is visible: whatever goes wrong (server error, lost connection, expired
     session, refused request), the field is marked unsaved and a Chinese message appears
     beside it, or at the top of the page when the field has no message place. */
  var STATUS_MESSAGES = {
    "0": "无法连接服务器，修改未保存。请检查网络后重试。",
    "400": "请求无效，修改未保存。请重新加载页面后再试。",
    "403": "没有权限，或登录已失效，修改未保存。请重新登录后再试。",
    "404": "未找到该项目，修改未保存。请重新加载页面。",
    "413": "提交的内容过大，修改未保存。",
    "429": "请求过于频繁，修改未保存。请稍后再试。"
  };
  function failureMessage(status) {
    var known = STATUS_MESSAGES[String(status)];
    if (known) { return known; }
    return "保存失败（服务器错误 " + status + "），修改未保存。请稍后重试；如仍失败，请重新加载页面。";
  }
  function messagePlace(elt) {
    var next = elt ? elt.nextElementSibling : null;
    if (next && next.classList.contains("err")) { return next; }
    return document.getElementById("page-alert");
  }
  function showFailure(elt, text) {
    var place = messagePlace(elt);
    if (elt && elt.classList) { elt.classList.add("unsaved"); }
    if (!place) { window.alert(text); return; }
    var span = document.createElement("span");
    span.className = place.id === "page-alert" ? "save-failed" : "field-error";
    span.textContent = text;
    place.replaceChildren(span);
    if (place.id === "page-alert") { place.scrollIntoView({ block: "nearest" }); }
  }
  document.addEventListener("htmx:responseError", function (event) {
    showFailure(event.detail.elt, failureMessage(event.detail.xhr ? event.detail.xhr.status : 0));
  });
  document.addEventListener("htmx:sendError", function (event) {
    showFailure(event.detail.elt, failureMessage(0));
  });
  document.addEventListener("htmx:timeout", function (event) {
    showFailure(event.detail.elt, "服务器长时间未响应，修改可能未保存。请重新加载页面核对。");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var elt = event.detail.elt;
    if (!xhr || !elt || !elt.classList) { return; }
    if (xhr.status >= 200 && xhr.status < 300) {
      elt.classList.remove("unsaved");
      var version = xhr.getResponseHeader("X-Project-Version");
      var holder = versionHolder();
      if (version && holder) { holder.setAttribute("data-version", version); }
    } else {
      elt.classList.add("unsaved");  /* 409/422: the server's message is swapped in beside it */
    }
  });

  document.addEventListener("DOMContentLoaded", drawChart);
  document.addEventListener("DOMContentLoaded", drawOverview);
  document.addEventListener("htmx:afterSettle", drawChart);
})();

// Forms that ask before they act (data-confirm): no inline handlers, the CSP forbids them.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);
