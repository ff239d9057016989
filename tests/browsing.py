"""Debian's headless Chromium and the pinned axe-core, for every test that looks at pages in a browser."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def axe_script() -> Path:
    for candidate in (os.environ.get("AXE_CORE_JS"), REPO / "accessibility/node_modules/axe-core/axe.min.js",
                      Path("/tmp/node_modules/axe-core/axe.min.js")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip("axe-core is not installed: npm ci --prefix accessibility")


def browser():
    """Headless Chromium with the flags this closed network needs (scripts/screenshots.py)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from screenshots import browser as start
    finally:
        sys.path.pop(0)
    driver = start()
    driver.set_page_load_timeout(30)
    return driver


def demo_form_ids() -> list[str]:
    return [p.stem for p in sorted((REPO / "forms").glob("*.yml"))]
