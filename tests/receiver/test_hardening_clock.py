"""The test clock (COUNCILSITE_NOW) is honoured only where COUNCILSITE_TESTING=1 says so."""
from __future__ import annotations

import datetime as dt

from councilsite import clock


def test_the_fixed_clock_needs_the_test_setting(monkeypatch):
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")
    monkeypatch.setenv("COUNCILSITE_TESTING", "1")
    assert clock.now() == dt.datetime(2026, 11, 22, 12, 0, tzinfo=clock.LONDON)
    for off in ("0", "", "yes"):
        monkeypatch.setenv("COUNCILSITE_TESTING", off)
        assert abs(clock.now() - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1), off
    monkeypatch.delenv("COUNCILSITE_TESTING")
    assert clock.today() == dt.datetime.now(clock.LONDON).date()


def test_a_server_is_told_loudly_about_a_fixed_clock():
    assert clock.fixed_clock_warning({}) is None
    ignored = clock.fixed_clock_warning({"COUNCILSITE_NOW": "2026-11-22 12:00"})
    assert ignored.startswith("WARNING") and "ignored" in ignored
    honoured = clock.fixed_clock_warning({"COUNCILSITE_NOW": "2026-11-22 12:00", "COUNCILSITE_TESTING": "1"})
    assert honoured.startswith("WARNING") and "never expire" in honoured
