// Draw Plotly figures that engine pages embed as JSON, without inline scripts (the Content-Security-Policy forbids
// them). Markup: <div class="chart" data-figure="ID"></div> <script type="application/json" id="ID">{...}</script>
// where the JSON is a Plotly figure ({"data": [...], "layout": {...}}), e.g. plotly.graph_objects.Figure.to_json().
// The first figure is drawn at once and each further one in a task of its own, so the browser shows the page and
// its first chart without waiting for every chart on it.
(function () {
  "use strict";
  function drawOne(el) {
    if (el.dataset.drawn) { return; }
    var source = document.getElementById(el.dataset.figure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    var config = Object.assign({displaylogo: false, responsive: true}, figure.config || {});
    Plotly.newPlot(el, figure.data || [], figure.layout || {}, config);
    el.dataset.drawn = "1";
  }
  function draw(root) {
    if (typeof Plotly === "undefined") { return; }
    var pending = Array.prototype.slice.call(root.querySelectorAll("[data-figure]"));
    (function next() {
      var el = pending.shift();
      if (!el) { return; }
      drawOne(el);
      if (pending.length) { window.setTimeout(next, 0); }
    })();
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
