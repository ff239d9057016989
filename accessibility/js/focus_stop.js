var el = document.querySelector('[data-cs-kb="' + arguments[0] + '"]');
if (el) { el.focus(); }
// Focus the checker gave is not focus a script moved (keyboard_step.js reads this log).
window.__csFocusLog = [];
return !!el;
