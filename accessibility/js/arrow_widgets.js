// Composite widgets whose other members Tab skips (a roving tabindex): arrow keys are then
// the only keyboard way to them. Marks each widget's tab stop; state() says where things are.
var roles = {radiogroup: 'radio', menu: 'menuitem', menubar: 'menuitem', tablist: 'tab',
             listbox: 'option', tree: 'treeitem', toolbar: null};
var out = [];
document.querySelectorAll('[role]').forEach(function (g, n) {
  var role = g.getAttribute('role');
  if (!(role in roles) || out.length >= 5) return;
  if (g.checkVisibility && !g.checkVisibility({visibilityProperty: true})) return;
  var sel = roles[role] ? '[role^=' + roles[role] + ']' : 'button, a[href], input, [tabindex]';
  var members = Array.prototype.filter.call(g.querySelectorAll(sel), function (m) {
    return !m.disabled && (!m.checkVisibility || m.checkVisibility({visibilityProperty: true}));
  });
  if (members.length < 2) return;
  var stops = members.filter(function (m) { return m.tabIndex >= 0; });
  var entry = stops[0] || (g.tabIndex >= 0 ? g : null);
  if (!entry || stops.length === members.length) return;  // all in the Tab order: fine
  entry.setAttribute('data-cs-arrow', String(n));
  g.setAttribute('data-cs-arrow-group', String(n));
  out.push({key: String(n), role: role, selector: __cs.cssPath(g), snippet: __cs.snippet(g)});
});
return out;
