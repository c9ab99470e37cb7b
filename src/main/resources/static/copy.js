// Copy and Share buttons, hidden without JavaScript (the text stays selectable on the page).
// <button data-copy-target="id" data-copied="Copied">: copies the element's value or text.
// <button data-share-target="id">: the phone's own share sheet (Web Share API), where it exists.
(function () {
  function textOf(id) {
    var field = document.getElementById(id);
    if (!field) { return null; }
    return field.value !== undefined && field.tagName === "INPUT" ? field.value : field.textContent.trim();
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var text = textOf(button.getAttribute("data-copy-target"));
      if (text === null) { return; }
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.getAttribute("data-copied") || label;
        window.setTimeout(function () { button.textContent = label; }, 4000);
      });
    });
  });
  document.querySelectorAll("[data-share-target]").forEach(function (button) {
    if (!navigator.share) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textOf(button.getAttribute("data-share-target"));
      if (text === null) { return; }
      navigator.share({ title: button.getAttribute("data-share-title") || document.title, url: text })
        .catch(function () {});
    });
  });
})();
