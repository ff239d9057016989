"""WCAG 1.4.10 Reflow: at 320 CSS px the page must not scroll sideways."""
from __future__ import annotations

from .browser import Browser
from .findings import Finding
from . import page_js
from .rules import own_finding

_OVERFLOW_JS = page_js.script("reflow")


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
