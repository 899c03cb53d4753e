/* Directory filters: hide the institutions that do not match every chosen
   filter and say how many are shown. Without this script the form stays
   hidden and the whole list is visible. No request, no library. */
(function () {
  "use strict";
  var form = document.querySelector("form.gb-filters");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".gb-directory-item"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".gb-group"));
  var count = document.querySelector(".gb-count");
  var template = form.getAttribute("data-shown-template");

  function matches(item, key, value) {
    return !value || (" " + (item.getAttribute("data-" + key) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var chosen = Array.prototype.map.call(form.elements, function (el) { return [el.name, el.value]; });
    var shown = 0;
    items.forEach(function (item) {
      var ok = chosen.every(function (c) { return matches(item, c[0], c[1]); });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".gb-directory-item:not([hidden])");
    });
    count.textContent = template.replace("{shown}", String(shown));
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
