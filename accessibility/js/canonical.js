// axe-core names elements by its own short selectors; give each our path (helpers.js
// cssPath, the syntax of the HTML checks), so one element found by both is one issue.
return arguments[0].map(function (sel) {
  try {
    var el = document.querySelector(sel);
    return el ? __cs.cssPath(el) : null;
  } catch (e) { return null; }
});
