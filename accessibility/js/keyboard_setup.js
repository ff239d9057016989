// Marks this document: if a Tab press lands on another, focus changed the context (3.2.1).
window.__csWalkMark = 1;
// Every element that gets focus, so a step can tell focus that moved again on its own.
window.__csFocusLog = [];
if (!window.__csFocusListening) {
  window.__csFocusListening = true;
  document.addEventListener('focus', function (e) { window.__csFocusLog.push(e.target); }, true);
}
__cs.sig = function (el) {
  function side(cs, s) {
    var st = cs['border' + s + 'Style'];
    return st === 'none' || st === 'hidden' ? 'none' :
      st + cs['border' + s + 'Width'] + cs['border' + s + 'Color'];
  }
  function one(cs) {
    var outline = (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0) ? 'none' :
      cs.outlineStyle + cs.outlineWidth + cs.outlineColor + cs.outlineOffset;
    return [outline, cs.boxShadow, cs.backgroundColor, cs.backgroundImage, cs.color,
            side(cs, 'Top'), side(cs, 'Right'), side(cs, 'Bottom'), side(cs, 'Left'),
            cs.textDecorationLine, cs.textDecorationStyle, cs.textDecorationColor,
            cs.textDecorationThickness, cs.transform, cs.filter, cs.opacity,
            cs.fontWeight].join('|');
  }
  var parts = [one(getComputedStyle(el)), one(getComputedStyle(el, '::before')),
               one(getComputedStyle(el, '::after'))];
  var kids = el.querySelectorAll('*');
  for (var i = 0; i < kids.length && i < 5; i++) parts.push(one(getComputedStyle(kids[i])));
  return parts.join('#');
};
var sel = 'a[href], area[href], button, input, select, textarea, iframe, summary, ' +
  '[tabindex], [contenteditable]:not([contenteditable="false"]), audio[controls], video[controls]';
var list = [];
__cs.kbBefore = {};
var i = 0;
document.querySelectorAll(sel).forEach(function (el) {
  if (el.disabled || el.tabIndex < 0 || (el.type === 'hidden' && el.tagName === 'INPUT')) return;
  if (el.closest('[inert]')) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  if (el.tagName === 'SUMMARY' && el.parentElement.tagName !== 'DETAILS') return;
  el.setAttribute('data-cs-kb', String(i));
  __cs.kbBefore[i] = __cs.sig(el);
  list.push({idx: i, selector: __cs.cssPath(el), snippet: __cs.snippet(el),
             radio: (el.type === 'radio' && el.name) ? (el.form ? 'f' : '') + el.name : null,
             iframe: el.tagName === 'IFRAME',
             opaque: /^(IFRAME|VIDEO|AUDIO|OBJECT|EMBED)$/.test(el.tagName)});
  i++;
});
// Things that act as controls for a mouse but cannot be reached with Tab.
var dead = [];
var roles = /^(button|link|checkbox|radio|switch|tab|menuitem|menuitemcheckbox|menuitemradio|option|slider|spinbutton|textbox|combobox|searchbox|treeitem)$/;
document.querySelectorAll('[onclick], [role]').forEach(function (el) {
  if (el.hasAttribute('data-cs-kb') || el.disabled) return;
  if (el.matches(sel) && el.tabIndex >= 0) return;
  if (el.checkVisibility && !el.checkVisibility({visibilityProperty: true})) return;
  var role = el.getAttribute('role') || '';
  var acts = el.hasAttribute('onclick') || roles.test(role);
  if (!acts) return;
  if (role === 'option' || role === 'treeitem' || role === 'tab' || role === 'menuitem' ||
      role === 'radio' || role === 'menuitemcheckbox' || role === 'menuitemradio') {
    // Composite widgets move focus with arrow keys: one member is the tab stop.
    var group = el.closest('[role=listbox],[role=tree],[role=tablist],[role=menu],' +
                           '[role=menubar],[role=radiogroup]');
    if (group && (group.tabIndex >= 0 || group.querySelector('[data-cs-kb]'))) return;
  }
  if (el.closest('[data-cs-kb]')) return;  // inside a real control, e.g. a span in a button
  // A container that handles its controls' clicks (event delegation) is not a control.
  if (el.querySelector('[data-cs-kb]')) return;
  var b = __cs.box(el);
  if (b.width < 1 || b.height < 1) return;
  dead.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el)});
});
var main = document.querySelector('main, [role=main]');
return {stops: list, dead: dead, has_main: !!main,
        ltr: getComputedStyle(document.documentElement).direction !== 'rtl'};
