"""Emergency alert banners with a time window, so they appear and disappear on their own.

At build time an alert is shown if its window is open, sent hidden (for the browser to reveal
when it starts) if the window is still to come, and left out once it has closed. Without
JavaScript, a scheduled rebuild keeps banners current; with it, the browser switches them on time.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from councilsite.content.frontmatter import FrontMatterError, line_for, parse_yaml
from councilsite.content.model import LINK
from councilsite.content.schema import DateTime, Field, Invalid, ListOf, Record, Text, errors_for, validate
from councilsite.errors import ContentError, ContentErrors


def _window(alert: dict) -> None:
    if alert["end"] <= alert["start"]:
        raise Invalid("the alert ends before it starts: 'end' must be later than 'start'", "end")


ALERT = Record(
    {
        "id": Field(Text(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", pattern_help="an id in lower case with hyphens"), required=True),
        "title": Field(Text(max_length=80), required=True),
        "message": Field(Text(max_length=400), required=True),
        "link": Field(Record({"text": Field(Text(max_length=80), required=True), "url": Field(LINK, required=True)})),
        "start": Field(DateTime(), required=True),
        "end": Field(DateTime(), required=True),
    },
    rule=_window,
)
ALERTS_FILE = Record({"alerts": Field(ListOf(ALERT))})


@dataclass(frozen=True)
class Alert:
    id: str
    title: str
    message: str
    start: dt.datetime
    end: dt.datetime
    link_text: str | None = None
    link_url: str | None = None

    def state(self, now: dt.datetime) -> str:
        """'live', 'scheduled' or 'expired' at `now`."""
        if now >= self.end:
            return "expired"
        return "live" if now >= self.start else "scheduled"


def parse_alerts(text: str, path: str) -> list[Alert]:
    try:
        data, lines = parse_yaml(text, path)
    except FrontMatterError as exc:
        raise ContentErrors([exc.error]) from None

    problems: list[tuple[str, str]] = []
    clean = validate(data, ALERTS_FILE, collect=problems)
    ids = [a["id"] for a in clean.get("alerts", [])]
    for index, alert_id in enumerate(ids):
        if alert_id in ids[:index]:
            problems.append((f"alerts[{index}].id", f"the id '{alert_id}' is used by another alert"))
    if problems:
        raise ContentErrors(errors_for(path, problems, lambda field_path: line_for(lines, field_path) or 1))
    return [
        Alert(a["id"], a["title"], a["message"], a["start"], a["end"],
              (a.get("link") or {}).get("text"), (a.get("link") or {}).get("url"))
        for a in clean.get("alerts", [])
    ]


def load_alerts(path: Path, shown_as: str | None = None) -> list[Alert]:
    if not path.exists():
        return []
    return parse_alerts(path.read_text(encoding="utf-8"), shown_as or str(path))


def current(alerts: list[Alert], now: dt.datetime) -> list[tuple[Alert, str]]:
    """Alerts worth sending to the browser, each with its state at `now`, soonest first."""
    return [(a, a.state(now)) for a in sorted(alerts, key=lambda a: a.start) if a.state(now) != "expired"]


__all__ = ["Alert", "ContentError", "parse_alerts", "load_alerts", "current"]
