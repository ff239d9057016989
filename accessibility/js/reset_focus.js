// Start from nothing focused (so "before" styles are the unfocused ones) and from the top:
// blur() alone leaves Tab's starting point where focus was, so focus and drop a probe.
var el = document.activeElement; if (el && el.blur) el.blur();
var probe = document.createElement('span');
probe.tabIndex = -1;
document.body.prepend(probe);
probe.focus(); probe.blur(); probe.remove();
window.scrollTo(0, 0);
