"""Evidence for the accessibility statement, written from the latest audit.

The theme puts `<div id="audit-evidence" data-audit-evidence>placeholder</div>` in the
statement page; the audit replaces the div's contents in the built HTML, so the statement
always says how, when and with what the site was really tested.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

from .rules import RULES

_OPEN = re.compile(
    r"<div\b(?=[^>]*\bid\s*=\s*[\"']?audit-evidence[\"'\s>])(?=[^>]*data-audit-evidence)[^>]*>",
    re.IGNORECASE)
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)

CAVEAT = (
    "Automated tests find only some accessibility problems. They cannot judge, for example, "
    "whether a text alternative describes its image well, whether content is clear and easy "
    "to understand, or how every part of the website works with a screen reader, voice "
    "control or screen magnifier. Passing these tests does not by itself mean the website "
    "meets WCAG 2.2 AA. If you find a problem that is not listed here, please tell us."
)


def build(summary: dict, tools: dict, entries: list, today: dt.date,
          state_ids: list[str]) -> dict:
    """The facts the statement shows, also saved as evidence.json."""
    known = [e.to_dict() for e in entries if not e.expired(today)]
    return {
        "date": today.isoformat(),
        "pages": summary["pages"],
        "states": sorted(state_ids),
        "widths": summary["widths"],
        "schemes": summary["schemes"],
        "error_states": summary["error_states"],
        "keyboard_pages": summary["keyboard_pages"],
        "templates": summary["templates"],
        "tools": tools,
        "result": {
            "passed": summary["passed"],
            "errors": summary["errors"],
            "warnings": summary["warnings"],
            "allowed": summary["allowed"],
            "pages_with_errors": summary["pages_with_errors"],
        },
        "known_issues": known,
        "caveat": CAVEAT,
    }


def _human_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def render(ev: dict) -> str:
    e = html.escape
    widths = " and ".join(f"{w:,}" for w in ev["widths"])
    schemes = " and ".join(ev["schemes"])
    scheme_text = (f"in the {schemes} colour scheme{'s' if len(ev['schemes']) > 1 else ''}")
    tested = [f"{_plural(ev['pages'], 'page')}, each {widths} CSS pixels wide, {scheme_text}."]
    if ev["error_states"]:
        tested.append(f"The error messages of {_plural(ev['error_states'], 'form')}.")
    tested.append(
        f"Using the website with a keyboard only (moving with the Tab key) on "
        f"{_plural(ev['keyboard_pages'], 'page')}, covering "
        f"{_plural(ev['templates'], 'page layout')} and every form.")
    tools = ev["tools"]
    tool_items = [
        f"axe-core {e(tools.get('axe_core') or 'unknown')} by Deque Systems, with its rules "
        "for WCAG 2.0, 2.1 and 2.2 at levels A and AA",
        f"the Chromium web browser, version {e(tools.get('chromium') or 'unknown')}",
        f"councilsite's own checks {e(tools.get('checker') or '')}: headings, page titles, "
        "link text, document links, keyboard use, focus visibility and reflow".replace("  ", " "),
    ]
    r = ev["result"]
    if r["passed"] and not r["allowed"]:
        result = "The tests found no failures of the accessibility rules they check."
    elif r["passed"]:
        result = ("The tests found no failures apart from the known issues listed below, "
                  f"which affect {_plural(r['allowed'], 'place')} on the website.")
    else:
        result = (f"The tests found {_plural(r['errors'], 'failure')} on "
                  f"{_plural(r['pages_with_errors'], 'page')} that we have not yet fixed "
                  "or listed as known issues.")
    if ev["known_issues"]:
        items = []
        for k in ev["known_issues"]:
            rule = RULES.get(k["rule"])
            what = rule.title if rule else k["rule"]
            items.append(
                f"<li>{e(k['reason'])} ({e(what)}; pages: <code>{e(k['page'])}</code>). "
                f"We plan to fix this by <time datetime=\"{e(k['expires'])}\">"
                f"{e(_human_date(k['expires']))}</time>.</li>")
        known = "<ul>\n" + "\n".join(items) + "\n</ul>"
    else:
        known = "<p>There are no known issues from these tests that we have not fixed.</p>"
    return "\n".join([
        '<h2 id="audit-evidence-heading">How this website was last tested</h2>',
        f"<p>We last tested this website on <time datetime=\"{e(ev['date'])}\">"
        f"{e(_human_date(ev['date']))}</time>, using automated tests.</p>",
        '<h3 id="audit-evidence-scope">What we tested</h3>',
        "<ul>\n" + "\n".join(f"<li>{e(t)}</li>" for t in tested) + "\n</ul>",
        '<h3 id="audit-evidence-tools">Tools we used</h3>',
        "<ul>\n" + "\n".join(f"<li>{t}</li>" for t in tool_items) + "\n</ul>",
        '<h3 id="audit-evidence-result">What we found</h3>',
        f"<p>{e(result)}</p>",
        '<h3 id="audit-evidence-known">Known issues</h3>',
        known,
        '<h3 id="audit-evidence-limits">What automated tests cannot find</h3>',
        f"<p>{e(ev['caveat'])}</p>",
    ])


def replace_in_html(text: str, inner: str) -> str | None:
    """Put `inner` inside the evidence div, leaving every other byte of the page alone."""
    m = _OPEN.search(text)
    if not m:
        return None
    depth = 1
    pos = m.end()
    for tag in _DIV_TAG.finditer(text, pos):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return text[: m.end()] + "\n" + inner + "\n" + text[tag.start():]
    return None


def write_into(path: Path, inner: str) -> bool:
    text = path.read_text(encoding="utf-8")
    new = replace_in_html(text, inner)
    if new is None:
        return False
    if new != text:
        path.write_text(new, encoding="utf-8")
    return True


def save_json(ev: dict, report_dir: Path) -> Path:
    report_dir.mkdir(parents=True, exist_ok=True)
    path = report_dir / "evidence.json"
    path.write_text(json.dumps(ev, indent=2) + "\n", encoding="utf-8")
    return path
