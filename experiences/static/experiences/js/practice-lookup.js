/* Practice suggestions on the experience form: progressive enhancement.
   Without JavaScript the member types a title or pastes an address and the
   server resolves it when the form is posted. With it, the practices whose
   title holds what was typed are offered in the browser's own suggestion list
   (a datalist); choosing one fills in its address. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-practice-lookup]");
  if (!input || !window.fetch) { return; }
  var endpoint = input.getAttribute("data-practice-lookup");
  if (!endpoint) { return; }
  var list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.insertAdjacentElement("afterend", list);
  input.setAttribute("list", list.id);
  var timer = null;
  var asked = "";

  function show(results) {
    list.textContent = "";
    results.forEach(function (practice) {
      var option = document.createElement("option");
      option.value = practice.url;
      option.label = practice.title + " (" + practice.municipality + ")";
      list.appendChild(option);
    });
  }

  function lookup() {
    var query = input.value.trim();
    if (query === asked) { return; }
    asked = query;
    // An address is resolved by the server; only titles are looked up.
    if (query.length < 2 || /^\S*\/\S*$/.test(query)) { show([]); return; }
    fetch(endpoint + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (input.value.trim() === query) { show(data.results); } })
      .catch(function () { show([]); });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 200);
  });
})();
