var el = null;
try { el = document.querySelector(arguments[0]); } catch (e) { return null; }
if (!el || el === document.documentElement || el === document.body) return null;
el.scrollIntoView({block: 'center', inline: 'nearest'});
var b = __cs.box(el);
if (b.width < 1 || b.height < 1) return null;
// Parked off-screen (left: -9999px): there is nothing on the page to picture.
if (b.right + window.scrollX <= 0 || b.bottom + window.scrollY <= 0) return null;
return {x: b.left + window.scrollX, y: b.top + window.scrollY, w: b.width, h: b.height,
        dw: document.documentElement.scrollWidth, dh: document.documentElement.scrollHeight};
