"""The allow-list: known issues that may ship for a while, each with a reason and an end date.

It is the only way to quiet a rule, and only narrowly (one rule, some pages, maybe one
element). Entries that have expired or no longer match anything fail the run, so the list
cannot silently rot into a global switch-off.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding
from .site import page_url


class AllowlistError(ValueError):
    pass


@dataclass
class Entry:
    rule: str
    page: str
    reason: str
    expires: dt.date
    selector: str | None = None
    line: int | None = None
    used: int = 0

    def expired(self, today: dt.date) -> bool:
        return self.expires < today

    def matches(self, f: Finding) -> bool:
        if f.rule != self.rule:
            return False
        if self.selector is not None and f.selector != self.selector:
            return False
        url = page_url(f.page)
        return any(fnmatch.fnmatchcase(candidate, self.page)
                   for candidate in (f.page, url, url.lstrip("/")))

    def describe(self) -> str:
        where = f" on {self.selector}" if self.selector else ""
        return f"{self.rule} on pages '{self.page}'{where}"

    def to_dict(self) -> dict:
        return {"rule": self.rule, "page": self.page, "selector": self.selector,
                "reason": self.reason, "expires": self.expires.isoformat(), "used": self.used}


@dataclass
class Problem:
    entry: Entry
    kind: str  # "expired" | "unused"

    @property
    def message(self) -> str:
        at = f" (line {self.entry.line})" if self.entry.line else ""
        if self.kind == "expired":
            return (f"allow-list entry{at} for {self.entry.describe()} expired on "
                    f"{self.entry.expires.isoformat()}: fix the issue or renew it with a reason")
        return (f"allow-list entry{at} for {self.entry.describe()} matches nothing: "
                "remove it")

    def to_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "entry": self.entry.to_dict()}


class _LineLoader(yaml.SafeLoader):
    pass


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load(path: Path | None) -> list[Entry]:
    if path is None or not path.exists():
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        raise AllowlistError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    if isinstance(data, dict):
        data = data.get("entries", [])
    if not isinstance(data, list):
        raise AllowlistError(f"{path}: expected a list of entries")
    entries = []
    for raw in data:
        line = raw.pop("__line__", None) if isinstance(raw, dict) else None
        where = f"{path}:{line}" if line else str(path)
        if not isinstance(raw, dict):
            raise AllowlistError(f"{where}: each entry must be a mapping")
        unknown = set(raw) - {"rule", "page", "selector", "reason", "expires"}
        if unknown:
            raise AllowlistError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for key in ("rule", "page", "reason", "expires"):
            if not raw.get(key):
                raise AllowlistError(f"{where}: '{key}' is required")
        expires = raw["expires"]
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError as exc:
                raise AllowlistError(f"{where}: expires must be a date like 2026-03-31") from exc
        if isinstance(expires, dt.datetime):
            expires = expires.date()
        if not isinstance(expires, dt.date):
            raise AllowlistError(f"{where}: expires must be a date like 2026-03-31")
        entries.append(Entry(rule=str(raw["rule"]), page=str(raw["page"]),
                             reason=str(raw["reason"]).strip(), expires=expires,
                             selector=str(raw["selector"]) if raw.get("selector") else None,
                             line=line))
    return entries


def apply(entries: list[Entry], findings: list[Finding], today: dt.date) -> list[Problem]:
    """Mark the findings entries cover; return the entries that should fail the run."""
    for entry in entries:
        entry.used = 0
    for f in findings:
        f.allowed = False
        f.allowlist_reason = None
        f.allowlist_expires = None
        for entry in entries:
            if entry.matches(f):
                entry.used += 1
                if not entry.expired(today):
                    f.allowed = True
                    f.allowlist_reason = entry.reason
                    f.allowlist_expires = entry.expires.isoformat()
                    break
    problems = []
    for entry in entries:
        if entry.expired(today):
            problems.append(Problem(entry, "expired"))
        elif entry.used == 0:
            problems.append(Problem(entry, "unused"))
    return problems
