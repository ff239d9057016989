// Controls whose value a keyboard user changes with an arrow key: select lists, and the
// first radio button of each group. Marks them for on_input.js; sets the page's marker.
window.__csInputMark = 1;
var out = [], groups = {};
document.querySelectorAll('select, input[type=radio]').forEach(function (el, i) {
  if (out.length >= 5 || el.disabled || el.multiple) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  if (el.type === 'radio') {
    var g = (el.form ? 'f' : '') + el.name;
    if (!el.name || groups[g]) return;
    groups[g] = 1;
  }
  el.setAttribute('data-cs-input', String(i));
  out.push({key: String(i), selector: __cs.cssPath(el), snippet: __cs.snippet(el)});
});
return out;
