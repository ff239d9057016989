"""WCAG 1.4.10 Reflow: at 320 CSS px the page must not scroll sideways."""
from __future__ import annotations

from .browser import Browser
from .findings import Finding
from .page_js import HELPERS
from .rules import own_finding

_OVERFLOW_JS = HELPERS + r"""
var doc = document.documentElement;
var vw = doc.clientWidth;
if (doc.scrollWidth <= vw) return null;
// Content inside a container that scrolls or clips sideways does not widen the page.
function scrolledAway(el) {
  for (var a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== 'visible') return true;
  }
  return false;
}
// The outermost elements that stick out: their parent still fits, so they are the cause.
var culprits = [];
var all = document.body ? document.body.querySelectorAll('*') : [];
for (var i = 0; i < all.length && culprits.length < 5; i++) {
  var el = all[i];
  var r = el.getBoundingClientRect();
  if (r.width === 0 || r.right + window.scrollX <= vw + 1) continue;
  if (scrolledAway(el)) continue;
  var p = el.parentElement;
  var pr = p ? p.getBoundingClientRect() : null;
  var parentFits = !p || p === document.body || pr.right + window.scrollX <= vw + 1;
  if (parentFits) {
    culprits.push({selector: __cs.cssPath(el), snippet: __cs.snippet(el),
                   right: Math.round(r.right + window.scrollX)});
  }
}
return {scroll_width: doc.scrollWidth, client_width: vw, culprits: culprits};
"""


def check(browser: Browser, page: str, state: str) -> list[Finding]:
    result = browser.js(_OVERFLOW_JS)
    if not result:
        return []
    culprits = result["culprits"] or [{"selector": "html", "snippet": "", "right": None}]
    head = (f"At {result['client_width']} CSS px the page is {result['scroll_width']} px wide, "
            "so readers must scroll sideways.")
    out = []
    for c in culprits:
        extra = f" This element reaches {c['right']} px." if c.get("right") else ""
        out.append(own_finding("reflow", page=page, state=state, selector=c["selector"],
                               snippet=c["snippet"], message=head + extra))
    return out
