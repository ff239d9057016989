// Shared by every in-browser check (loaded before each script as __cs).
var __cs = window.__cs || (window.__cs = {});
__cs.cssPath = function (el) {
  if (!(el instanceof Element)) return '';
  var parts = [];
  while (el && el.nodeType === 1) {
    if (el.id && document.querySelectorAll('#' + CSS.escape(el.id)).length === 1) {
      parts.unshift('#' + CSS.escape(el.id));
      break;
    }
    var tag = el.localName;
    var parent = el.parentElement;
    if (!parent) { parts.unshift(tag); break; }
    var same = Array.prototype.filter.call(parent.children, function (c) {
      return c.localName === tag; });
    if (same.length === 1 && (tag === 'body' || tag === 'head' || tag === 'main')) {
      parts.unshift(tag);
    } else {
      parts.unshift(tag + ':nth-of-type(' + (same.indexOf(el) + 1) + ')');
    }
    el = parent;
  }
  return parts.join(' > ');
};
__cs.snippet = function (el) {
  var html = el.outerHTML || '';
  if (html.length <= 300) return html;
  var end = html.indexOf('>') + 1;
  return html.slice(0, Math.max(end, 297)) + '...';
};
// Box of the element and everything inside it, in viewport coordinates: an inline link
// that wraps a block has an empty box of its own.
__cs.box = function (el) {
  var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
  var nodes = [el].concat(Array.prototype.slice.call(el.querySelectorAll('*'), 0, 50));
  nodes.forEach(function (n) {
    var rects = n.getClientRects();
    for (var i = 0; i < rects.length; i++) {
      var q = rects[i];
      if (q.width === 0 && q.height === 0) continue;
      l = Math.min(l, q.left); t = Math.min(t, q.top);
      r = Math.max(r, q.right); b = Math.max(b, q.bottom);
    }
  });
  if (l === Infinity) return {left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0};
  return {left: l, top: t, right: r, bottom: b, width: r - l, height: b - t};
};
// The part of the element's box that ancestors with overflow clipping leave showing.
__cs.visibleBox = function (el) {
  var b = __cs.box(el);
  var l = b.left, t = b.top, r = b.right, bo = b.bottom;
  for (var p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
    var cs = getComputedStyle(p);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      var pr = p.getBoundingClientRect();
      if (cs.overflowX !== 'visible') { l = Math.max(l, pr.left); r = Math.min(r, pr.right); }
      if (cs.overflowY !== 'visible') { t = Math.max(t, pr.top); bo = Math.min(bo, pr.bottom); }
    }
    if (cs.position === 'fixed') break;
  }
  return {left: l, top: t, right: r, bottom: bo,
          width: Math.max(0, r - l), height: Math.max(0, bo - t)};
};
__cs.clippedAway = function (el) {
  for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
    var cs = getComputedStyle(n);
    if (cs.clip && cs.clip !== 'auto' && cs.position !== 'static') {
      var m = cs.clip.match(/-?[\d.]+/g);
      if (m && m.length === 4 && (+m[2] - +m[0] <= 1 || +m[1] - +m[3] <= 1)) return true;
    }
    if (cs.clipPath && /inset\(\s*50%/.test(cs.clipPath)) return true;
  }
  return false;
};
