// Async, after a short wait: is this still the document the check started on, and is focus
// still on the control (arguments[0], from input_controls.js) or its radio group?
var key = arguments[0], done = arguments[arguments.length - 1];
setTimeout(function () {
  if (window.__csInputMark !== 1) return done({same: false, kept: false});
  var el = document.querySelector('[data-cs-input="' + key + '"]');
  var a = document.activeElement;
  var kept = !!el && (a === el || (el.type === 'radio' && a && a.type === 'radio' &&
                                   a.name === el.name && a.form === el.form));
  done({same: true, kept: kept, to: kept || !a ? '' : __cs.cssPath(a)});
}, 60);
