// Things that show more content on hover or focus (1.4.13): an element whose
// aria-describedby points at a role=tooltip, or one that a CSS rule such as
// `.tip:hover .bubble { display: block }` targets before its :hover or :focus.
var found = [], seen = new Set();
function add(el) {
  if (!el || seen.has(el) || found.length >= 5) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  seen.add(el);
  el.setAttribute('data-cs-hover', String(found.length));
  found.push({key: String(found.length), selector: __cs.cssPath(el), snippet: __cs.snippet(el),
              focusable: el.tabIndex >= 0 || el.matches('a[href], button, input, select, textarea')});
}
document.querySelectorAll('[aria-describedby]').forEach(function (el) {
  String(el.getAttribute('aria-describedby')).split(/\s+/).forEach(function (id) {
    var t = id && document.getElementById(id);
    if (t && t.getAttribute('role') === 'tooltip') add(el);
  });
});
var PSEUDO = /^(.*?):(hover|focus-within|focus-visible|focus)((?:\s*[>+~]\s*|\s+)\S.*)$/;
function rules(list) {
  for (var i = 0; i < list.length && found.length < 5; i++) {
    var r = list[i];
    if (r.cssRules && !(r instanceof CSSStyleRule)) { rules(r.cssRules); continue; }
    if (!(r instanceof CSSStyleRule)) continue;
    var st = r.style;
    if (!(st.display && st.display !== 'none') && st.visibility !== 'visible' &&
        !(st.opacity && +st.opacity > 0)) continue;
    r.selectorText.split(',').forEach(function (sel) {
      var m = sel.trim().match(PSEUDO);
      if (!m || !m[1].trim()) return;
      try { document.querySelectorAll(m[1]).forEach(add); } catch (e) { /* odd selector */ }
    });
  }
}
for (var s = 0; s < document.styleSheets.length; s++) {
  try { rules(document.styleSheets[s].cssRules); } catch (e) { /* cross-origin sheet */ }
}
return found;
