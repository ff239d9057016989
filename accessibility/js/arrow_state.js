// arguments[0]: a key from arrow_widgets.js; arguments[1]: true to focus its tab stop first.
// Returns what an arrow key may change: focus, selection, checked state, active descendant.
var entry = document.querySelector('[data-cs-arrow="' + arguments[0] + '"]');
if (!entry) return null;
if (arguments[1]) entry.focus();
var g = document.querySelector('[data-cs-arrow-group="' + arguments[0] + '"]') || entry;
var marks = Array.prototype.map.call(g.querySelectorAll('[aria-checked],[aria-selected]'),
  function (m) { return (m.getAttribute('aria-checked') || '') + (m.getAttribute('aria-selected') || ''); });
var a = document.activeElement;
return [a ? __cs.cssPath(a) : '', g.getAttribute('aria-activedescendant') ||
        (a && a.getAttribute('aria-activedescendant')) || '', marks.join(',')].join('|');
