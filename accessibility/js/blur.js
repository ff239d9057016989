var el = document.activeElement; if (el && el.blur) el.blur();
