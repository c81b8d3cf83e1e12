// Small behaviours of every page, kept out of the HTML so that the Content Security Policy can forbid
// inline scripts (script-src 'self'). Listeners sit on the document, so they also serve the parts that
// HTMX swaps in later (the organisation tree's children).
(function () {
  // <select data-autosubmit>: choosing a value submits its form (language menu, year filters).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });

  // <button class="toggle" data-toggle>: the tree's ▸ / ▾ arrow follows the branch it opens or closes.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-toggle]");
    if (button) {
      button.textContent = button.textContent === "▸" ? "▾" : "▸";
    }
  });
})();
