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
        fileInput.dispatchEvent(new Event("change"));
      }
    });
  }
  // Capture and choose: after a photo, a recording or a selection, say what is ready and ask the
  // optional questions (without script they are simply always shown, below the buttons).
  var inputs = form ? form.querySelectorAll("input[type=file][name=file]") : [];
  var chosen = document.getElementById("capture-chosen");
  var details = document.getElementById("capture-details");
  var problem = document.getElementById("upload-error");
  function selectedFiles() {
    var names = [];
    inputs.forEach(function (input) {
      for (var i = 0; input.files && i < input.files.length; i++) { names.push(input.files[i].name); }
    });
    return names;
  }
  // The live region (#capture-chosen) stays in the page, empty or not, so that it is announced;
  // the error box is shown only when it has something to say.
  function say(element, text) {
    if (!element) { return; }
    element.textContent = text;
    if (element !== chosen) { element.hidden = !text; }
  }
  if (form && details && chosen) {
    form.classList.add("js-capture");
    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        var names = selectedFiles();
        say(problem, "");
        details.classList.toggle("capture-asked", names.length > 0);
        if (names.length === 0) { say(chosen, ""); return; }
        var text = names.length === 1
          ? form.getAttribute("data-ready-one").replace("%NAMES%", names[0])
          : form.getAttribute("data-ready-many").replace("%N%", String(names.length)).replace("%NAMES%", names.join(", "));
        say(chosen, text);
      });
    });
  }
  // Upload with a progress bar.
  var bar = document.getElementById("upload-progress");
  var barLabel = document.getElementById("upload-progress-label");
  if (!form || !bar || !window.XMLHttpRequest || !window.FormData) { return; }
  function failed(text) {
    bar.hidden = true;
    if (barLabel) { barLabel.hidden = true; }
    say(problem, text);
    if (problem) { problem.focus(); }
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (selectedFiles().length === 0) { failed(form.getAttribute("data-none")); return; }
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.setRequestHeader("Accept", "text/html");
    // The page this request is redirected to is not shown: it leaves the status message for the
    // page the browser then opens.
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    say(problem, "");
    bar.value = 0;
    bar.hidden = false;
    if (barLabel) { barLabel.hidden = false; }
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round((e.loaded / e.total) * 100); }
    });
    request.addEventListener("load", function () {
      if (request.status >= 400) { failed(form.getAttribute("data-failed")); return; }
      window.location.href = request.responseURL || "/vault";
    });
    request.addEventListener("error", function () { failed(form.getAttribute("data-failed")); });
    request.send(new FormData(form));
  });
})();
