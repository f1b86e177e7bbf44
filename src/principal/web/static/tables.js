// A table wider than a narrow screen scrolls inside its own box (principal.css); this makes such a box reachable
// by keyboard (tabindex 0, named by the table's caption) and takes that back when the table fits again.
(function () {
  "use strict";
  var SELECTOR = "table.list, table.textdiff";
  function mark(root) {
    root.querySelectorAll(SELECTOR).forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  var pending = null;
  document.addEventListener("DOMContentLoaded", function () { mark(document); });
  document.addEventListener("htmx:afterSettle", function () { mark(document); });
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () { pending = null; mark(document); }, 150);
  });
})();
