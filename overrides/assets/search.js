/* Search in the reader's language with Pagefind's per-language index. The
   index, its WebAssembly and the result fragments are loaded on first use from
   this site's own /pagefind/ folder; nothing goes to another host. */
(function () {
  "use strict";
  var form = document.querySelector("form.gb-search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = form.querySelector(".gb-search-status");
  var list = form.querySelector(".gb-search-results");
  /* The site root as a path ("/" or "/guide/"), from the page's relative base_url. */
  var root = new URL(form.getAttribute("data-base").replace(/\/?$/, "/"), document.baseURI).pathname;
  var engine = null;

  function load() {
    if (!engine) {
      engine = import(root + "pagefind/pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: root }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  var more = form.querySelector(".gb-search-more");
  var latest = 0;
  var pending = [];
  var PAGE = 5; /* results fetched per step: each one is a fragment to download */

  function showNext(ticket) {
    var step = pending.splice(0, PAGE);
    more.hidden = pending.length === 0;
    return Promise.all(step.map(function (r) { return r.data(); })).then(function (results) {
      if (ticket === latest) append(results); /* not for a query typed over since */
    });
  }

  function append(results) {
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
      var excerpt = document.createElement("p");
      if (data.meta && data.meta.gbline) {
        /* An institution: its kind and specialties, not an excerpt that may
           come from its hidden list of patients' words. */
        excerpt.textContent = data.meta.gbline;
      } else {
        excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text; only <mark> is markup */
      }
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = ""; status.textContent = ""; pending = []; more.hidden = true;
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, 250);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      list.textContent = "";
      pending = search.results.slice();
      status.textContent = pending.length
        ? form.getAttribute("data-count").replace("{count}", String(pending.length))
        : form.getAttribute("data-none");
      return showNext(ticket);
    }).catch(function () {
      /* The worker keeps pages, not the search index: offline, say why. */
      status.textContent = form.getAttribute(navigator.onLine === false ? "data-offline" : "data-error");
    });
  }

  /* Enter searches as typing does; the form is never sent (no inline
     onsubmit: the Content-Security-Policy allows no inline handlers). */
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", run);
  more.addEventListener("click", function () { showNext(latest); });
  input.addEventListener("focus", load, { once: true });
  /* ?q=… fills the field (a shared search); the header's search button lands
     here, so the field takes the focus at once. */
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked && !input.value) input.value = asked;
  input.focus();
  if (input.value) run();
})();
