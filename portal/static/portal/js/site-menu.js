// The header's menu is a <details> that folds on a phone. Wider screens show it
// whole through CSS (::details-content); browsers without that selector get it
// opened here. Without JavaScript it still opens with a tap or a click.
(function () {
  var menu = document.querySelector("[data-site-menu]");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function follow() { menu.open = wide.matches; }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
})();
