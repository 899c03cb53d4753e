/* Offline use: registers this language's service worker (the sw.js beside
   the language's web app manifest, so it works from any sub-path) and, once
   it is active, shows the "works without internet" hints. No request to
   another host; nothing happens in a browser without service workers. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var manifest = document.querySelector('link[rel="manifest"]');
  if (!manifest) return;
  var root = new URL("./", manifest.href);
  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
    .catch(function () { /* no offline copy; the site works as before */ });
  navigator.serviceWorker.ready.then(function (registration) {
    Array.prototype.forEach.call(document.querySelectorAll(".gb-offline-hint"), function (el) {
      el.hidden = false;
    });
    /* This page loaded before the worker ran: ask it to keep the page too. */
    if (registration.active) registration.active.postMessage({ keep: window.location.href });
  });
})();
