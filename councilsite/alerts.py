"""Emergency alert banners with a time window, so they appear and disappear on their own, on the
pages they are about.

An alert is shown in full on the home page, on the page it links to and on the pages or sections
(a path ending in /, and everything under it) it lists in `pages`. With `site_wide: true` it also
shows on every other page as one compact line, so it never pushes a page's heading off a phone's
first screen.

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
from councilsite.content.schema import Boolean, DateTime, Field, Invalid, ListOf, Record, Text, errors_for, validate
from councilsite.errors import ContentError, ContentErrors


def _window(alert: dict) -> None:
    if alert["end"] <= alert["start"]:
        raise Invalid("the alert ends before it starts: 'end' must be later than 'start'", "end")


SITE_PATH = Text(pattern=r"/[^\s]*", pattern_help="a path on this website starting with /, such as /bins-and-recycling/",
                 expected="a site path")

ALERT = Record(
    {
        "id": Field(Text(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", pattern_help="an id in lower case with hyphens"), required=True),
        "title": Field(Text(max_length=80), required=True),
        # About 7 lines on a phone: longer messages belong on the page the alert links to.
        "message": Field(Text(max_length=200), required=True,
                         help="Keep the message to 200 characters or fewer and link to a page with the details."),
        "link": Field(Record({"text": Field(Text(max_length=80), required=True), "url": Field(LINK, required=True)})),
        "start": Field(DateTime(), required=True),
        "end": Field(DateTime(), required=True),
        "pages": Field(ListOf(SITE_PATH), help="Site paths such as /bins-and-recycling/ (a section) or "
                                                  "/housing/report-a-repair/ (a page)."),
        "site_wide": Field(Boolean(), help="true also shows the alert on every other page, as one line."),
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
    pages: tuple[str, ...] = ()
    site_wide: bool = False
    line: int = 1  # where the alert starts in the file

    def shown_on(self, path: str) -> str | None:
        """'full', 'compact' or None: how the alert shows on the page at site path `path`."""
        path = _tidy(path)
        if path == "/" or (self.link_url and _tidy(self.link_url) == path):
            return "full"
        for listed in self.pages:
            listed = _tidy(listed)
            if path == listed or (listed.endswith("/") and path.startswith(listed)):
                return "full"
        return "compact" if self.site_wide else None

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
              (a.get("link") or {}).get("text"), (a.get("link") or {}).get("url"),
              tuple(a.get("pages") or ()), a.get("site_wide", False), line_for(lines, f"alerts[{i}]") or 1)
        for i, a in enumerate(clean.get("alerts", []))
    ]


def _tidy(path: str) -> str:
    """'/bins/days' and '/bins/days/index.html' are '/bins/days/'; anchors and queries dropped."""
    path = path.split("#", 1)[0].split("?", 1)[0] or "/"
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def unknown_pages(alerts: list[Alert], path: str, text: str, known: set[str]) -> list[ContentError]:
    """An alert that names a page or section the site does not have would show nowhere: say so,
    with the file, line and field."""
    _, lines = parse_yaml(text, path)
    problems = []
    for index, alert in enumerate(alerts):
        for n, listed in enumerate(alert.pages):
            tidy = _tidy(listed)
            if not any(page == tidy or (tidy.endswith("/") and page.startswith(tidy)) for page in known):
                problems.append((f"alerts[{index}].pages[{n}]",
                                 f"no page or section has the address '{listed}'. Check it against the site's addresses"))
    return errors_for(path, problems, lambda field_path: line_for(lines, field_path) or 1)


def for_page(alerts: list[tuple[Alert, str]], path: str) -> list[tuple[Alert, str, str]]:
    """The current alerts to show on the page at `path`: (alert, state, 'full' or 'compact')."""
    shown = [(alert, state, alert.shown_on(path)) for alert, state in alerts]
    return [item for item in shown if item[2]]


def load_alerts(path: Path, shown_as: str | None = None) -> list[Alert]:
    if not path.exists():
        return []
    return parse_alerts(path.read_text(encoding="utf-8"), shown_as or str(path))


def current(alerts: list[Alert], now: dt.datetime) -> list[tuple[Alert, str]]:
    """Alerts worth sending to the browser, each with its state at `now`, soonest first."""
    return [(a, a.state(now)) for a in sorted(alerts, key=lambda a: a.start) if a.state(now) != "expired"]


__all__ = ["Alert", "ContentError", "parse_alerts", "load_alerts", "current", "for_page", "unknown_pages"]
