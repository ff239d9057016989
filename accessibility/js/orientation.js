// In the current orientation: is the main content turned sideways (a rotate transform on it
// or an ancestor) or hidden? A page locked to one orientation does one or the other (F97).
var main = document.querySelector('main, [role=main]') || document.body;
var turned = null;
for (var n = main; n && n.nodeType === 1; n = n.parentElement) {
  var t = getComputedStyle(n).transform;
  var m = t && t.match(/^matrix\(([^)]+)\)/);
  if (m) {
    var v = m[1].split(',').map(parseFloat);
    var deg = Math.abs(Math.atan2(v[1], v[0]) * 180 / Math.PI);
    if (deg > 45 && deg < 135) turned = n;
  }
}
var hidden = main.checkVisibility ?
  !main.checkVisibility({visibilityProperty: true, opacityProperty: true}) : false;
var target = turned || main;
return {turned: !!turned, hidden: hidden, selector: __cs.cssPath(target),
        snippet: __cs.snippet(target)};
