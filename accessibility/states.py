"""The states a page is checked in: its width, its colour scheme and, for forms, its error state.

A state is emulated, not faked: Chromium lays the page out at that many CSS pixels and
evaluates `prefers-color-scheme` media queries as a reader's browser would.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .browser import DESKTOP, Browser

DEFAULT_WIDTHS = (1280, 320)
SCHEMES = ("light", "dark")
NARROW_HEIGHT = 640
_DARK = re.compile(rb"prefers-color-scheme\s*:\s*dark", re.IGNORECASE)


@dataclass(frozen=True)
class State:
    width: int
    scheme: str
    variant: str = "default"  # "error" for a form's error state

    @property
    def id(self) -> str:
        size = "desktop" if self.width >= 1024 else f"{self.width}px"
        prefix = "error:" if self.variant == "error" else ""
        return f"{prefix}{size}/{self.scheme}"

    @property
    def narrow(self) -> bool:
        return self.width <= 400


def plan(widths: tuple[int, ...], schemes: tuple[str, ...]) -> list[State]:
    return [State(w, s) for s in schemes for w in widths]


def html_state(variant: str = "default") -> str:
    """Pseudo-state for checks of the HTML source, which do not depend on width or colour."""
    return "error:html" if variant == "error" else "html"


def site_has_dark_scheme(root: Path, css_files: list[str], pages_say_dark: bool) -> bool:
    """Does the theme offer a dark scheme? Any CSS with a prefers-color-scheme: dark query."""
    if pages_say_dark:
        return True
    for rel in css_files:
        try:
            if _DARK.search((root / rel).read_bytes()):
                return True
        except OSError:
            continue
    return False


def parse_schemes(text: str) -> tuple[str, ...]:
    schemes = tuple(s.strip().lower() for s in text.split(",") if s.strip())
    bad = [s for s in schemes if s not in SCHEMES]
    if bad or not schemes:
        raise ValueError(f"unknown colour scheme(s) {', '.join(bad) or '(none)'}; "
                         f"use {', '.join(SCHEMES)}")
    return schemes


_VIEWPORT_JS = """return {inner_width: window.innerWidth,
 client_width: document.documentElement.clientWidth,
 scroll_width: document.documentElement.scrollWidth};"""


def prepare_width(browser: Browser, width: int) -> None:
    """Set the viewport before a page loads, so scripts that size things at start-up see it."""
    if width >= 1024:
        browser.set_viewport(width, DESKTOP[1], mobile=False)
    else:
        browser.set_viewport(width, NARROW_HEIGHT, mobile=True)


def apply_width(browser: Browser, width: int) -> dict:
    """Lay the loaded page out at `width` CSS px and report the viewport it really got."""
    if width >= 1024:
        browser.set_viewport(width, DESKTOP[1], mobile=False)
        info = browser.js(_VIEWPORT_JS)
        info["mobile"] = False
        return info
    # A mobile viewport honours <meta name="viewport">, as phones do. innerWidth grows when
    # content overflows (the browser zooms out), so the layout width to verify is clientWidth.
    browser.set_viewport(width, NARROW_HEIGHT, mobile=True)
    info = browser.js(_VIEWPORT_JS)
    info["mobile"] = True
    if info["client_width"] != width:
        # No viewport meta: a phone would lay it out at 980 px. Check it the way WCAG 1.4.10
        # is defined instead, as a desktop browser window zoomed to 320 CSS px.
        browser.set_viewport(width, NARROW_HEIGHT, mobile=False)
        info = browser.js(_VIEWPORT_JS)
        info["mobile"] = False
    return info


def apply_scheme(browser: Browser, scheme: str) -> None:
    browser.set_color_scheme(scheme)
