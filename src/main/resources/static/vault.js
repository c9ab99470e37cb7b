// Enhancements for the vault page; every flow works without them.
(function () {
  // Confirm before deleting.
  document.querySelectorAll("form.js-confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // Upload with a progress bar.
  var form = document.getElementById("upload-form");
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.setRequestHeader("Accept", "text/html");
    bar.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
    });
    request.addEventListener("load", function () { window.location.href = request.responseURL || "/vault"; });
    request.addEventListener("error", function () { bar.hidden = true; window.alert("The upload failed. Nothing was stored. Please try again."); });
    request.send(new FormData(form));
  });
})();
