"""The site's idea of "now", in UK time. COUNCILSITE_NOW fixes it for tests and previews."""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def parse_local(text: str) -> dt.datetime:
    """'2026-11-20 06:00' (UK local time) or a full ISO timestamp -> aware datetime."""
    value = dt.datetime.fromisoformat(text.strip().replace("T", " ") if "T" in text and "+" not in text else text.strip())
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def now() -> dt.datetime:
    fixed = os.environ.get("COUNCILSITE_NOW")
    if fixed:
        return parse_local(fixed)
    return dt.datetime.now(LONDON)


def today() -> dt.date:
    return now().astimezone(LONDON).date()
