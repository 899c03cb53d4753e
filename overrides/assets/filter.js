/* Directory filters: hide the institutions that do not match every chosen
   filter and say how many are shown. The choice lives in the page's URL
   (?specialty=ophthalmology&language=mn): a link to it is shareable, and the
   Back button brings the patient back to the same filtered list, read from
   the URL rather than from whatever the browser restored into the selects.
   A choice with no match says so and offers to show everything again.
   Without this script the form stays hidden and the whole list is visible.
   No request, no library. */
(function () {
  "use strict";
  var form = document.querySelector("form.gb-filters");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".gb-directory-item"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".gb-group"));
  var count = document.querySelector(".gb-count");
  var none = document.querySelector(".gb-no-match");
  var template = form.getAttribute("data-shown-template");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(item, key, value) {
    return !value || (" " + (item.getAttribute("data-" + key) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var ok = selects.every(function (s) { return matches(item, s.name, s.value); });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector(".gb-directory-item:not([hidden])");
    });
    count.textContent = template.replace("{shown}", String(shown));
    if (none) none.hidden = shown !== 0;
  }

  /* The selects from the URL's query; a value no option has is ignored. */
  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name) || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === wanted; });
      s.value = known ? wanted : "";
    });
    apply();
  }

  /* The URL from the selects; replaceState, so Back leaves the directory
     instead of stepping through every change of a filter. */
  function toUrl() {
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      if (s.value) params.set(s.name, s.value); else params.delete(s.name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  form.hidden = false;
  form.addEventListener("change", function () { apply(); toUrl(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  if (none) {
    none.querySelector("button").addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      apply(); toUrl();
      selects[0].focus();
    });
  }
  fromUrl();
  /* Back and Forward may show this page from the browser's page cache, with
     the script's state as it was: read the URL again. */
  window.addEventListener("pageshow", function (event) { if (event.persisted) fromUrl(); });
})();
