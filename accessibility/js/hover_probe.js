// arguments[0] 'mark': remember what is hidden now. 'shown': what of that is now visible
// and lies over other content (out of the flow, and overlapping text that is not its own).
var mode = arguments[0];
function visible(el) {
  return !el.checkVisibility || el.checkVisibility({visibilityProperty: true, opacityProperty: true});
}
if (mode === 'mark') {
  document.querySelectorAll('[data-cs-hid]').forEach(function (el) { el.removeAttribute('data-cs-hid'); });
  var n = 0;
  document.querySelectorAll('body *').forEach(function (el) {
    if (n < 2000 && !visible(el) && el.textContent.trim()) { el.setAttribute('data-cs-hid', ''); n++; }
  });
  return n;
}
var out = [];
document.querySelectorAll('[data-cs-hid]').forEach(function (el) {
  if (!visible(el) || el.parentElement.closest('[data-cs-hid]') && !visible(el.parentElement)) return;
  if (out.length >= 3) return;
  var pos = getComputedStyle(el).position;
  if (pos !== 'absolute' && pos !== 'fixed') return;  // pushes content aside: obscures nothing
  var r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return;
  var covers = false;
  document.querySelectorAll('body *').forEach(function (o) {
    if (covers || el.contains(o) || o.contains(el) || !visible(o)) return;
    var hasText = false;
    for (var c = o.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 3 && c.textContent.trim()) { hasText = true; break; }
    if (!hasText) return;
    var q = o.getBoundingClientRect();
    if (q.left < r.right && q.right > r.left && q.top < r.bottom && q.bottom > r.top) covers = true;
  });
  if (covers) out.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el)});
});
return out;
