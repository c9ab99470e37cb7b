// Semptify's service worker. It keeps ONLY the static assets listed below (styles, scripts, icons)
// and an offline page saying that the vault needs a connection. It never stores a page, a file, a
// record or anything an answer from the server holds: pages go to the network every time, and
// when the network is gone the offline page is shown instead. Nothing is ever added at run time.
"use strict";
var VERSION = "__SEMPTIFY_VERSION__";
var CACHE = "semptify-static-" + VERSION;
var OFFLINE = "/static/offline.html";
var OFFLINE_ES = "/static/offline-es.html";
var ASSETS = [
  OFFLINE,
  OFFLINE_ES,
  "/static/semptify.css",
  "/static/quick-exit.js",
  "/static/focus.js",
  "/static/copy.js",
  "/static/vault.js",
  "/static/pwa.js",
  "/static/icons/icon-192.png",
  "/static/icons/icon-512.png",
  "/static/icons/icon-maskable-512.png",
  "/static/icons/apple-touch-icon.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(ASSETS.map(function (url) { return new Request(url, { cache: "reload" }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  // Older versions' caches go; so would anything that is not this version's static assets.
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; })
        .map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// The quick exit (and "Delete my vault") ask for everything to go: every cache, and this worker.
self.addEventListener("message", function (event) {
  if (event.data === "semptify-clear") {
    event.waitUntil(
      caches.keys().then(function (names) {
        return Promise.all(names.map(function (name) { return caches.delete(name); }));
      }).then(function () { return self.registration.unregister(); })
    );
  }
});

// The offline page in the phone's language (both pages hold both languages, in a different order).
function offlinePage() {
  var languages = (self.navigator && self.navigator.languages) || [];
  for (var i = 0; i < languages.length; i++) {
    var code = String(languages[i]).toLowerCase();
    if (code.indexOf("es") === 0) { return OFFLINE_ES; }
    if (code.indexOf("en") === 0) { return OFFLINE; }
  }
  return OFFLINE;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (ASSETS.indexOf(url.pathname) >= 0 && url.search === "") {
    // A static asset: from the cache, else the network (never stored from here).
    event.respondWith(caches.match(url.pathname).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode === "navigate" && url.pathname !== "/exit") {
    // A page: always the network; only when it cannot be reached, the offline page.
    event.respondWith(fetch(request).catch(function () { return caches.match(offlinePage()); }));
  }
  // Anything else (files, certificates, the API, /exit) is not touched at all.
});
