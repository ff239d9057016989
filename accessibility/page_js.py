"""The in-browser checks' JavaScript, kept in accessibility/js/ (shipped as package data).

Each file is the body of a WebDriver script (it may `return`); `script(name)` gives it with
the shared helpers (helpers.js, as window.__cs) in front, read once per process.
"""
from __future__ import annotations

import functools
from pathlib import Path

JS_DIR = Path(__file__).resolve().parent / "js"


@functools.cache
def source(name: str) -> str:
    return (JS_DIR / f"{name}.js").read_text(encoding="utf-8")


@functools.cache
def script(name: str) -> str:
    """helpers.js, then js/<name>.js."""
    return source("helpers") + "\n" + source(name)


HELPERS = source("helpers")
