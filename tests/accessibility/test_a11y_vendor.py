"""The axe-core shipped in the package is exactly the one npm installs from the lock file.

An installed wheel has no npm and no node_modules, so the audit runs the vendored copy; CI
runs `npm ci --prefix accessibility` and this test then proves the two are the same bytes.
"""
from __future__ import annotations

import json

import pytest

from councilsite.accessibility import axe_runner

VENDOR = axe_runner.VENDOR_DIR
LOCK = axe_runner.PACKAGE_DIR / "package-lock.json"
NPM_COPY = axe_runner.PACKAGE_DIR / "node_modules" / "axe-core"


def test_vendored_axe_is_the_default():
    assert axe_runner.DEFAULT_AXE_JS == VENDOR / "axe.min.js"
    assert (VENDOR / "axe.min.js").stat().st_size > 100_000
    assert (VENDOR / "LICENSE").is_file()  # MPL-2.0 travels with the code


def test_vendored_version_is_the_pinned_version():
    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    vendored = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    assert vendored["name"] == "axe-core"
    assert vendored["version"] == pinned
    assert axe_runner.declared_version(VENDOR / "axe.min.js") == pinned
    # The file itself names its version in its banner.
    assert f"axe v{pinned}" in (VENDOR / "axe.min.js").read_text(encoding="utf-8")[:300]


@pytest.mark.skipif(not (NPM_COPY / "axe.min.js").is_file(),
                    reason="npm ci --prefix accessibility has not been run")
def test_vendored_axe_is_byte_identical_to_npm():
    assert (VENDOR / "axe.min.js").read_bytes() == (NPM_COPY / "axe.min.js").read_bytes()
    assert (VENDOR / "LICENSE").read_bytes() == (NPM_COPY / "LICENSE").read_bytes()
    npm_version = json.loads((NPM_COPY / "package.json").read_text(encoding="utf-8"))["version"]
    assert axe_runner.declared_version(VENDOR / "axe.min.js") == npm_version


def test_environment_and_option_still_override(tmp_path, monkeypatch):
    other = tmp_path / "axe.min.js"
    other.write_text("/* another build */")
    monkeypatch.setenv("AXE_CORE_JS", str(other))
    assert axe_runner.axe_script_path() == other
    monkeypatch.delenv("AXE_CORE_JS")
    assert axe_runner.axe_script_path() == axe_runner.DEFAULT_AXE_JS
    assert axe_runner.axe_script_path(other) == other
    with pytest.raises(axe_runner.AxeMissing, match="AXE_CORE_JS"):
        axe_runner.axe_script_path(tmp_path / "missing.js")
