// Quick exit: leave at once without adding this page to the back button's history.
// Without JavaScript the link still works: /exit ends the session and redirects.
// The Escape key does the same from anywhere on the page.
(function () {
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  // The installed app's caches (static assets only, but still a sign the app was used) go too:
  // the service worker is asked to empty them and unregister itself, and the page empties them
  // as well in case it is gone before the worker hears. /exit's Clear-Site-Data does the same.
  function clearAppCaches() {
    try {
      if (navigator.serviceWorker && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("semptify-clear");
      }
      if (window.caches) {
        caches.keys().then(function (names) { names.forEach(function (name) { caches.delete(name); }); });
      }
    } catch (e) { /* leaving matters more */ }
  }
  function leave() {
    clearAppCaches();
    // Ask the server to end the session, then replace this page with a neutral one.
    fetch("/exit", { credentials: "same-origin", redirect: "manual", keepalive: true }).catch(function () {});
    window.location.replace("https://www.google.com/search?q=weather");
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      // An open "More" menu closes first; the next Escape leaves.
      var open = document.querySelector("details.nav-more[open]");
      if (open) { open.removeAttribute("open"); return; }
      event.preventDefault();
      leave();
    }
  });
})();
