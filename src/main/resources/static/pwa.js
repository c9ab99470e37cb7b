// Installable app: registers the service worker (static assets and the offline page only).
// Everything works without it; a browser without service workers simply never installs it.
(function () {
  if (!("serviceWorker" in navigator)) { return; }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  });
})();
