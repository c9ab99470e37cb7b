// Quick exit: leave at once without adding this page to the back button's history.
// Without JavaScript the link still works: /exit ends the session and redirects.
// The Escape key does the same from anywhere on the page.
(function () {
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  function leave() {
    // Ask the server to end the session, then replace this page with a neutral one.
    fetch("/exit", { credentials: "same-origin", redirect: "manual" }).catch(function () {});
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
