var e = document.activeElement;
if (!e || e === document.body) return 'body';
var i = e.getAttribute('data-cs-kb'); return i !== null ? 'k' + i : '?' + e.tagName;
