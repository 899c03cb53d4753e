/* Skip Material's fetches of "sitemap.xml" (loaded before its bundle).

   Material 9.8.1's bundle, on every page view, fetches "sitemap.xml" next to
   each <link rel="alternate" hreflang> of the page (5 requests here, each
   answered by a 404 page; to another host when site_url is not the serving
   host, which a Content-Security-Policy then reports as a violation), and
   reroutes the language switcher through what it finds. The switcher's own
   links are already right. No supported way exists to turn this off: the
   fetch is not behind a feature flag or a setting; it runs for every
   <link rel="alternate"> in the page (bundle.js: `ui({document$})`), and
   those links are what search engines read for hreflang, so they stay.
   Hence this patch of XMLHttpRequest, which Material uses for the fetch:
   only requests for a sitemap.xml are dropped. It lives in a file so that
   the Content-Security-Policy needs no hash for it. Remove it if Material
   gets a setting for this. */
(function () {
  "use strict";
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send;
  proto.open = function (method, url) {
    this.gbSkip = /\/sitemap\.xml(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!this.gbSkip) return send.apply(this, arguments);
  };
})();
