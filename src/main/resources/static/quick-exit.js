// Quick exit: leave at once without adding this page to the back button's history.
// Without JavaScript the link still works: /exit ends the session and redirects.
(function () {
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    // Ask the server to end the session, then replace this page with a neutral one.
    fetch("/exit", { credentials: "same-origin", redirect: "manual" }).catch(function () {});
    window.location.replace("https://www.google.com/search?q=weather");
  });
})();
