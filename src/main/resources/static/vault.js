// Enhancements for the vault page; every flow works without them.
(function () {
  // Confirm before deleting.
  document.querySelectorAll("form.js-confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // Drag and drop: a file dropped on the upload form goes into its file field.
  var form = document.getElementById("upload-form");
  var fileInput = document.getElementById("file");
  if (form && fileInput && window.DataTransfer) {
    form.addEventListener("dragover", function (event) {
      event.preventDefault();
      form.classList.add("dropping");
    });
    form.addEventListener("dragleave", function () { form.classList.remove("dropping"); });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      form.classList.remove("dropping");
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        fileInput.files = event.dataTransfer.files;
      }
    });
  }
  // Upload with a progress bar.
  var bar = document.getElementById("upload-progress");
  if (!form || !bar || !window.XMLHttpRequest) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.setRequestHeader("Accept", "text/html");
    // The page this request is redirected to is not shown: it leaves the status message for the
    // page the browser then opens.
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    bar.hidden = false;
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
    });
    request.addEventListener("load", function () { window.location.href = request.responseURL || "/vault"; });
    request.addEventListener("error", function () { bar.hidden = true; window.alert(form.getAttribute("data-failed")); });
    request.send(new FormData(form));
  });
})();
