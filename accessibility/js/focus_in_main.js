var el = document.activeElement;
var main = document.querySelector('main, [role=main]');
if (!main || !el || el === document.body) return false;
if (main === el || main.contains(el)) return true;
// Focus moved past main (main had nothing focusable): still skipped the repeated blocks.
return !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
