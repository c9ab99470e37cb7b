// An announced error (role="alert" with autofocus) takes the focus when the page opens, so a
// screen reader reads it first and the keyboard starts there; browsers that skip autofocus on a
// non-field element get it here. Without JavaScript the error is still at the top of the page.
(function () {
  function focusAlert() {
    var alert = document.querySelector("[role='alert'][autofocus]");
    if (alert && document.activeElement !== alert) {
      alert.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusAlert);
  } else {
    focusAlert();
  }
})();
