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

  function show(results, query) {
    list.textContent = "";
    status.textContent = results.length
      ? form.getAttribute("data-count").replace("{count}", String(results.length))
      : form.getAttribute("data-none");
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text; only <mark> is markup */
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  var latest = 0;
  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, 250);
    }).then(function (search) {
      if (!search || ticket !== latest) return null;
      return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (results && ticket === latest) show(results, query);
    }).catch(function () {
      status.textContent = form.getAttribute("data-error");
    });
  }

  input.addEventListener("input", run);
  input.addEventListener("focus", load, { once: true });
  if (input.value) run();
})();
