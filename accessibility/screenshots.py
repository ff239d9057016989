"""Cropped pictures of failing elements, so an editor sees which thing on the page is meant."""
from __future__ import annotations

import base64

from .browser import Browser
from . import page_js

PADDING = 8
MAX_WIDTH = 800
MAX_HEIGHT = 400
MAX_PER_STATE = 12

_RECT_JS = page_js.script("element_rect")


def element_rect(browser: Browser, selector: str) -> dict | None:
    if not selector or ">>>" in selector:
        return None  # inside an iframe or shadow root: the top document cannot crop it
    try:
        return browser.js(_RECT_JS, selector)
    except Exception:
        return None


def capture(browser: Browser, selector: str) -> str | None:
    """Base64 PNG of the element with a little context, or None if it cannot be pictured."""
    rect = element_rect(browser, selector)
    if not rect:
        return None
    x = max(0.0, rect["x"] - PADDING)
    y = max(0.0, rect["y"] - PADDING)
    w = min(rect["w"] + 2 * PADDING, MAX_WIDTH, max(1.0, rect["dw"] - x))
    h = min(rect["h"] + 2 * PADDING, MAX_HEIGHT, max(1.0, rect["dh"] - y))
    try:
        png = browser.screenshot(x, y, w, h)
    except Exception:
        return None
    return base64.b64encode(png).decode("ascii")


def attach(browser: Browser, findings: list, limit: int = MAX_PER_STATE) -> None:
    """Give the first findings of a state their screenshot; one picture per selector."""
    done: dict[str, str | None] = {}
    for f in findings:
        if f.screenshot is not None:
            continue
        if f.selector not in done:
            if len(done) >= limit:
                break
            done[f.selector] = capture(browser, f.selector)
        f.screenshot = done[f.selector]
