// Draw Plotly figures that engine pages embed as JSON, without inline scripts (the Content-Security-Policy forbids
// them). Markup: <div class="chart" data-figure="ID"></div> <script type="application/json" id="ID">{...}</script>
// where the JSON is a Plotly figure ({"data": [...], "layout": {...}}), e.g. plotly.graph_objects.Figure.to_json().
(function () {
  "use strict";
  function draw(root) {
    if (typeof Plotly === "undefined") { return; }
    root.querySelectorAll("[data-figure]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var source = document.getElementById(el.dataset.figure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      var config = Object.assign({displaylogo: false, responsive: true}, figure.config || {});
      Plotly.newPlot(el, figure.data || [], figure.layout || {}, config);
      el.dataset.drawn = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
