// Async: a zero-delay timer queued by a blur or focus handler runs before ours does, so
// focus pulled back by script is where this reports it.
var done = arguments[arguments.length - 1];
setTimeout(function () {
  var e = document.activeElement;
  done(!!(e && e !== document.body && e !== document.documentElement));
}, 20);
