// Text that its box cuts off (overflow hidden or clip, or an ellipsis) or that spills out of
// a box of fixed height over what follows. Compared before and after a change (text
// spacing, zoom), so only what the change breaks is reported: a visually hidden label is
// cut off by design in both.
var out = [];
var els = [document.documentElement, document.body].concat(
  Array.prototype.slice.call(document.body ? document.body.querySelectorAll('*') : []));
function visible(el) {
  return !el.checkVisibility || el.checkVisibility({visibilityProperty: true});
}
function ownText(el) {
  for (var n = el.firstChild; n; n = n.nextSibling)
    if (n.nodeType === 3 && n.textContent.trim()) return true;
  return false;
}
for (var i = 0; i < els.length && out.length < 50; i++) {
  var el = els[i];
  if (!el || /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|SVG|svg|IFRAME|VIDEO|AUDIO|CANVAS|SELECT|TEXTAREA|INPUT|OPTION)$/.test(el.tagName)) continue;
  if (!visible(el) || !el.textContent.trim()) continue;
  if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;  // visually hidden on purpose
  var cs = getComputedStyle(el);
  var root = el === document.documentElement || el === document.body;
  var clipX = /hidden|clip/.test(cs.overflowX), clipY = /hidden|clip/.test(cs.overflowY);
  var how = null;
  if (clipY && el.scrollHeight > el.clientHeight + 2) how = 'clipped';
  else if (clipX && !root && el.scrollWidth > el.clientWidth + 2) how = 'clipped';
  else if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 2) how = 'clipped';
  else if (!root && !clipY && ownText(el) && cs.height !== 'auto' &&
           el.scrollHeight > el.clientHeight + 2) {
    var r = el.getBoundingClientRect();
    var next = el.nextElementSibling;
    if (next && visible(next)) {
      var nr = next.getBoundingClientRect();
      if (nr.top < r.top + el.scrollHeight - 2 && nr.left < r.right && nr.right > r.left)
        how = 'overlaps';
    }
  }
  if (how) out.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el), how: how});
}
return out;
