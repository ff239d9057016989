"""Shared set-up for the accessibility checker's tests.

Browser tests share one pool of Chromium workers and one audit of the fixture site for
the whole session: starting browsers and auditing dominate the suite's run time.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from councilsite.accessibility import axe_runner
from councilsite.accessibility.audit import run_audit
from councilsite.accessibility.pool import BrowserPool

from a11y_support import FIXTURE_SITE, audit_config


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """The axe-core the package ships (vendor/axe-core/), as an installed wheel uses it."""
    return axe_runner.axe_script_path()


@pytest.fixture(scope="session")
def pool(axe_script):
    with BrowserPool(2, axe_script) as p:
        yield p


@pytest.fixture(scope="session")
def fixture_audit(tmp_path_factory, pool):
    """One audit of every fixture page, in a copy: the audit writes evidence into the site."""
    tmp = tmp_path_factory.mktemp("fixture-audit")
    site = tmp / "site"
    shutil.copytree(FIXTURE_SITE, site)
    return run_audit(audit_config(site, tmp), pool=pool)
