// arguments[0] true: apply the WCAG 1.4.12 text spacing (line height 1.5, paragraph spacing
// 2 em, letter spacing 0.12 em, word spacing 0.16 em) over the author's styles; false: undo.
var old = document.getElementById('__cs-text-spacing');
if (old) old.remove();
if (arguments[0]) {
  var s = document.createElement('style');
  s.id = '__cs-text-spacing';
  s.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; ' +
    'word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
  (document.head || document.documentElement).appendChild(s);
}
return document.documentElement.getBoundingClientRect().height;
