/* The offline copy of one language's site: written by guidebook/offline.py
   into each language's folder (/sw.js, /zh/sw.js ...), whose pages it
   controls. A patient who opened the guide once with Wi-Fi gets, without
   data, the emergency card, the help page, the forms and every page they
   opened. No request ever goes to another host: this worker fetches only
   from its own origin and lets every other request pass untouched. */
"use strict";
var VERSION = "__VERSION__";
/* URLs relative to this file: this language's key pages and what they load. */
var PRECACHE = __PRECACHE__;
/* Folders of the other languages inside this one's (the default language's
   site holds /zh/ ...): their pages belong to their own worker. */
var OTHER_LANGUAGES = __OTHER_LANGUAGES__;
/* The page shown instead of one neither kept nor reachable (kept at install). */
var OFFLINE = __OFFLINE__;
var ROOT = new URL("./", self.location.href).href;
var PREFIX = "guidebook " + ROOT + " ";
var STATIC = PREFIX + VERSION;  /* the build's files, replaced with each build */
var PAGES = PREFIX + "pages";   /* pages the patient opened, kept across builds */

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) {
    return cache.addAll(PRECACHE.map(function (url) {
      return new Request(new URL(url, self.location.href).href, { cache: "reload" });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf(PREFIX) === 0 && key !== STATIC && key !== PAGES;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function ownPage(url) {
  if (url.href.indexOf(ROOT) !== 0) return false;
  var rest = url.href.slice(ROOT.length);
  return !OTHER_LANGUAGES.some(function (folder) { return rest.indexOf(folder) === 0; });
}

/* A page: from the network when there is one (and kept for later), else as
   it was kept; a query (?specialty=…) does not make another page. */
function page(request) {
  var key = new URL(request.url);
  key.search = ""; key.hash = "";
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(key.href, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key.href).then(function (hit) {
      if (hit) return hit;
      /* Neither kept nor reachable: the offline page, at its own address so
         that its links and styles resolve (a redirect the browser follows). */
      var offline = new URL(OFFLINE, self.location.href).href;
      return caches.match(offline).then(function (kept) {
        return kept ? Response.redirect(offline, 302) : Response.error();
      });
    });
  });
}

/* A file of the build (CSS, JS, icons): kept first, else fetched and kept. */
function file(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

/* The page that registered this worker loaded before the worker ran: it
   asks to be kept too (assets/offline.js), once. */
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (typeof data.keep !== "string") return;
  var url = new URL(data.keep);
  if (url.origin !== self.location.origin || !ownPage(url)) return;
  url.search = ""; url.hash = "";
  event.waitUntil(caches.match(url.href).then(function (hit) {
    return hit || fetch(url.href).then(function (response) {
      if (response.ok) return caches.open(PAGES).then(function (cache) { return cache.put(url.href, response); });
    });
  }).catch(function () {}));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (ownPage(url)) event.respondWith(page(request));
    return;
  }
  if (/\/pagefind\//.test(url.pathname)) return;  /* search needs the network */
  event.respondWith(file(request));
});
