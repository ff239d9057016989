import os

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The test clock (COUNCILSITE_NOW) is honoured only with this on; subprocesses inherit it.
os.environ["COUNCILSITE_TESTING"] = "1"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Every test sees the same 'now' unless it sets its own."""
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")
