// The header's "Menu" link works without JavaScript (it opens the menu as the page's :target).
// Here it is swapped for a real toggle button that opens and closes the menu in place.
(function () {
  var link = document.querySelector("[data-menu-toggle]");
  var menu = link && document.getElementById(link.getAttribute("aria-controls"));
  if (!menu) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    menu.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
  link.parentNode.replaceChild(button, link);
})();
