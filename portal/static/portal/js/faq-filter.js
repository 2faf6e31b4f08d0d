/* FAQ filter: progressive enhancement. Without JavaScript every question is
   simply listed; with it, a search field hides the questions that do not match. */
(function () {
  "use strict";
  var box = document.querySelector("[data-faq-filter]");
  var list = document.querySelector("[data-faq-list]");
  if (!box || !list) { return; }
  var input = box.querySelector("input");
  var status = box.querySelector("[data-faq-status]");
  var items = Array.prototype.slice.call(list.querySelectorAll(".faq-item"));
  var themes = Array.prototype.slice.call(list.querySelectorAll(".faq-theme"));
  var timer = null;

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  items.forEach(function (item) { item.dataset.search = normalise(item.textContent); });

  function apply() {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var match = words.every(function (word) { return item.dataset.search.indexOf(word) !== -1; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    themes.forEach(function (theme) {
      theme.hidden = !theme.querySelector(".faq-item:not([hidden])");
    });
    if (!words.length) {
      status.textContent = "";
    } else if (shown === 0) {
      status.textContent = status.dataset.none;
    } else if (shown === 1) {
      status.textContent = status.dataset.countOne;
    } else {
      status.textContent = status.dataset.countMany.replace("%(count)s", shown);
    }
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 150);
  });
  box.hidden = false;
})();
