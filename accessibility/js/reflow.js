// WCAG 1.4.10 at 320 CSS px: content that sticks out past the right edge of the viewport.
// Chromium does not always widen scrollWidth for it (a min-width block in a mobile
// viewport), so the boxes themselves are measured; the content is then either reached by
// sideways scrolling or out of reach altogether, and both fail.
var doc = document.documentElement;
var vw = doc.clientWidth;
var widened = doc.scrollWidth > vw;
// Content inside a container that scrolls or clips sideways does not widen the page; when
// the page itself clips (overflow-x on html or body) it is hidden on purpose, unless the
// page still scrolls.
function scrolledAway(el) {
  for (var a = el.parentElement; a; a = a.parentElement) {
    if ((a === document.body || a === doc) && widened) break;
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
}
// Content that needs two dimensions for its meaning (data tables, images, maps, video,
// frames) may scroll both ways: the 1.4.10 exception. It is not a culprit.
var TWO_D = 'table, img, picture, svg, canvas, video, iframe, object, embed, map, ' +
  '[role=img], [role=grid], [role=application]';
var culprits = [], excepted = 0, widest = doc.scrollWidth;
var all = document.body ? document.body.querySelectorAll('*') : [];
for (var i = 0; i < all.length && culprits.length < 5; i++) {
  var el = all[i];
  var r = el.getBoundingClientRect();
  var right = r.right + window.scrollX;
  if (r.width === 0 || r.height === 0 || right <= vw + 1) continue;
  // Wholly off to one side, or hidden: an off-canvas menu or a skip link at rest.
  if (r.left + window.scrollX >= vw || getComputedStyle(el).visibility !== 'visible') continue;
  if (scrolledAway(el)) continue;
  var p = el.parentElement;
  var pr = p ? p.getBoundingClientRect() : null;
  var parentFits = !p || p === document.body || pr.right + window.scrollX <= vw + 1;
  if (!parentFits) continue;
  if (el.matches(TWO_D) || el.closest(TWO_D)) { excepted++; continue; }
  widest = Math.max(widest, Math.round(right));
  culprits.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el), right: Math.round(right)});
}
if (!culprits.length) return null;
return {scroll_width: widest, client_width: vw, culprits: culprits};
