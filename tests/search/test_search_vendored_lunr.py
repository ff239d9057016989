"""The lunr.js shipped in the theme is exactly the one npm installs from the lock file.

An installed wheel has no npm, so sites get the vendored copy; `scripts/setup --test` runs
`npm ci --prefix councilsite/search/npm` and this test then proves the two are the same bytes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "theme" / "assets" / "search-lunr"
PIN = REPO / "councilsite" / "search" / "npm"
NPM_COPY = PIN / "node_modules" / "lunr"


def pinned_version() -> str:
    lock = json.loads((PIN / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/lunr"]["version"]


def test_vendored_lunr_is_the_pinned_version_with_its_licence():
    script = (VENDOR / "lunr.min.js").read_text(encoding="utf-8")
    assert f"- {pinned_version()}\n" in script[:200], "the banner names the version"
    assert json.loads((PIN / "package.json").read_text())["dependencies"]["lunr"] == pinned_version()
    licence = (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert "Oliver Nightingale" in licence and "Permission is hereby granted" in licence  # MIT travels with it


def test_the_python_index_builder_is_the_one_pinned():
    from importlib.metadata import version
    assert version("lunr") == "0.8.0"


@pytest.mark.skipif(not (NPM_COPY / "lunr.min.js").is_file(),
                    reason="npm ci --prefix councilsite/search/npm has not been run")
def test_vendored_lunr_is_byte_identical_to_npm():
    assert (VENDOR / "lunr.min.js").read_bytes() == (NPM_COPY / "lunr.min.js").read_bytes()
    assert (VENDOR / "LICENSE").read_bytes() == (NPM_COPY / "LICENSE").read_bytes()
    assert json.loads((NPM_COPY / "package.json").read_text())["version"] == pinned_version()
