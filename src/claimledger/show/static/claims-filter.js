/* Filters the claims table in place: text box, source, source kind and kind.
   The table is complete without JavaScript; this only hides rows. Data is read
   from data-* attributes and textContent, never written back as HTML. */
(function () {
  "use strict";
  var bar = document.querySelector(".filters");
  var table = document.querySelector("table.claims");
  if (!bar || !table || !table.tBodies.length) { return; }
  bar.hidden = false;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var text = bar.querySelector("[name=filter-text]");
  var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-field]"));
  var count = bar.querySelector(".count");
  function matches(row, needle) {
    if (needle && row.textContent.toLowerCase().indexOf(needle) < 0) { return false; }
    return selects.every(function (select) {
      return !select.value || row.getAttribute("data-" + select.getAttribute("data-field")) === select.value;
    });
  }
  function apply() {
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var keep = matches(row, needle);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " claims shown";
  }
  text.addEventListener("input", apply);
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  apply();
}());
