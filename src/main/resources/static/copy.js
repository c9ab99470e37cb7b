// Copy-to-clipboard buttons: <button data-copy-target="input-id">. Hidden without JavaScript.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) { return; }
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = "Copied";
    });
  });
});
