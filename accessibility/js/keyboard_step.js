var el = document.activeElement;
if (window.__csWalkMark !== 1) return {left: false, navigated: true};
// Focus that Tab gave to one element and a script then moved on (F55): not into the
// element itself (a widget handing focus to its active part), and not back out of the page.
var log = window.__csFocusLog || [];
window.__csFocusLog = [];
var movedFrom = null;
if (log.length >= 2 && el && el !== log[0] && !log[0].contains(el) && el !== document.body &&
    log[0].isConnected) movedFrom = {selector: __cs.cssPath(log[0]), snippet: __cs.snippet(log[0])};
if (!el || el === document.body || el === document.documentElement) return {left: true, moved_from: movedFrom};
var idx = el.getAttribute('data-cs-kb');
var key = idx !== null ? 'k' + idx : __cs.cssPath(el);
if (el.tagName === 'IFRAME') {
  try {
    var inner = el.contentDocument && el.contentDocument.activeElement;
    if (inner && inner !== el.contentDocument.body) key += '>>' + __cs.cssPath(inner);
  } catch (e) { key += '>>cross-origin'; }
}
// What the reader sees is the visual viewport: on a phone-sized page that overflows it is
// smaller than the layout viewport and offset into it.
var vv = window.visualViewport;
var vx = vv ? vv.offsetLeft : 0, vy = vv ? vv.offsetTop : 0;
var vw = vx + (vv ? vv.width : document.documentElement.clientWidth);
var vh = vy + (vv ? vv.height : document.documentElement.clientHeight);
var b = __cs.box(el), v = __cs.visibleBox(el);
var cs = getComputedStyle(el);
var hidden = null;
if (b.width <= 1 || b.height <= 1) hidden = 'it has no size on screen';
else if (cs.visibility !== 'visible') hidden = 'it is visibility: hidden';
else if (__cs.clippedAway(el)) hidden = 'it is clipped to nothing';
else if (v.width < 1 || v.height < 1) hidden = 'it is cut off by a container (overflow)';
else if (v.right <= vx || v.bottom <= vy || v.left >= vw || v.top >= vh)
  hidden = 'it stays off-screen';
// A visually hidden native control (a custom checkbox, say) may show its focus on a visible
// neighbour instead: offer the nearest small ancestor's area for a before/after comparison.
var proxy = null;
if (hidden === 'it has no size on screen' || hidden === 'it is clipped to nothing') {
  for (var a = el.parentElement, up = 0; a && up < 3 && a !== document.body; a = a.parentElement, up++) {
    var ab = __cs.box(a);
    if (ab.width >= 8 && ab.height >= 8) {
      if (ab.width <= 800 && ab.height <= 400 && ab.right > vx && ab.bottom > vy &&
          ab.left < vw && ab.top < vh)
        proxy = {x: Math.max(0, ab.left + scrollX - 6), y: Math.max(0, ab.top + scrollY - 6),
                 w: ab.width + 12, h: ab.height + 12};
      break;
    }
  }
}
var obscured = false;
if (!hidden) {
  var l = Math.max(v.left, vx), t = Math.max(v.top, vy);
  var r = Math.min(v.right, vw), bo = Math.min(v.bottom, vh);
  var pts = [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]];
  var covered = 0;
  pts.forEach(function (p) {
    var x = l + (r - l) * p[0], y = t + (bo - t) * p[1];
    var top = document.elementFromPoint(x, y);
    if (!top || top === el || el.contains(top) || top.contains(el) ||
        (top.control && top.control === el) ||
        (el.labels && Array.prototype.indexOf.call(el.labels, top) >= 0)) return;
    covered++;
  });
  obscured = covered === pts.length;
}
var fixed = false;
for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
  var p = getComputedStyle(n).position;
  if (p === 'fixed' || p === 'sticky') { fixed = true; break; }
}
var sig = __cs.sig ? __cs.sig(el) : null;
var before = idx !== null && __cs.kbBefore ? __cs.kbBefore[idx] : undefined;
var main = document.querySelector('main, [role=main]');
// A focus style that only changes the outline, to the colour of what is behind it, cannot be
// seen (F78): let the screenshot comparison decide instead.
function outlineUnseen(was, now) {
  var a = was.split('#'), b = now.split('#');
  if (a.length !== b.length || a.slice(1).join('#') !== b.slice(1).join('#')) return false;
  var fa = a[0].split('|'), fb = b[0].split('|');
  for (var k = 1; k < fa.length; k++) if (fa[k] !== fb[k]) return false;
  if (cs.outlineStyle === 'none') return false;
  var back = 'rgb(255, 255, 255)';
  for (var n = el.parentElement; n; n = n.parentElement) {
    var bg = getComputedStyle(n).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) { back = bg; break; }
  }
  return cs.outlineColor === back;
}
// Media controls, plugins and frames move focus inside themselves, where the top document
// sees the same active element press after press: that is not a trap, and their focus
// indicator is drawn inside them.
var opaque = /^(IFRAME|VIDEO|AUDIO|OBJECT|EMBED)$/.test(el.tagName);
return {left: false, moved_from: movedFrom, key: key, idx: idx === null ? null : +idx, tag: el.tagName.toLowerCase(),
        opaque: opaque,
        selector: __cs.cssPath(el), snippet: __cs.snippet(el), hidden: hidden,
        obscured: obscured, proxy: proxy,
        changed: before === undefined ? null : before !== sig && !outlineUnseen(before, sig),
        fixed: fixed, in_main: !!(main && (main === el || main.contains(el))),
        href: el.getAttribute('href'),
        rect: {x: b.left + scrollX, y: b.top + scrollY, w: b.width, h: b.height},
        crop: {x: Math.max(0, v.left + scrollX - 6), y: Math.max(0, v.top + scrollY - 6),
               w: Math.min(v.width + 12, 800), h: Math.min(v.height + 12, 400)}};
