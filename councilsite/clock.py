"""The site's idea of "now", in UK time.

COUNCILSITE_NOW fixes it ('2026-11-22 12:00', UK time), but only where COUNCILSITE_TESTING=1 says
this is a test or a preview (tests/conftest.py sets it). Set by mistake on a live server it would
stop drafts expiring and break the rate limit, so without the test setting it is ignored, and
`councilsite serve` warns about it either way (fixed_clock_warning).
"""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
TESTING = "COUNCILSITE_TESTING"
FIXED = "COUNCILSITE_NOW"


def parse_local(text: str) -> dt.datetime:
    """'2026-11-20 06:00' (UK local time) or a full ISO timestamp -> aware datetime."""
    value = dt.datetime.fromisoformat(text.strip().replace("T", " ") if "T" in text and "+" not in text else text.strip())
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def testing(environ=os.environ) -> bool:
    return environ.get(TESTING, "") == "1"


def now() -> dt.datetime:
    fixed = os.environ.get(FIXED)
    if fixed and testing():
        return parse_local(fixed)
    return dt.datetime.now(LONDON)


def today() -> dt.date:
    return now().astimezone(LONDON).date()


def fixed_clock_warning(environ=os.environ) -> str | None:
    """What a server should shout about COUNCILSITE_NOW, or None if it is not set."""
    fixed = environ.get(FIXED)
    if not fixed:
        return None
    if testing(environ):
        return (f"WARNING: {FIXED}={fixed} with {TESTING}=1: the clock is fixed, so drafts never expire and the "
                f"rate limit never forgets. Never run a public site like this.")
    return (f"WARNING: {FIXED}={fixed} is set but ignored ({TESTING} is not 1): the real clock is used. "
            f"Unset {FIXED} on this server.")
