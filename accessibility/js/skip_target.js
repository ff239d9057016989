var link = document.querySelector('[data-cs-kb="' + arguments[0] + '"]');
var id = decodeURIComponent((link.getAttribute('href') || '').slice(1));
var target = document.getElementById(id) || document.getElementsByName(id)[0] || null;
var main = document.querySelector('main, [role=main]');
var ok = !!(target && main && (target === main || main.contains(target) || target.contains(main)
          || (target.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING &&
              !target.querySelector('a[href], button, input, select, textarea'))));
return {id: id, exists: !!target, to_main: ok};
