"""A small declarative schema for front matter, with messages written for web editors."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from councilsite.errors import ContentError


class Invalid(Exception):
    """A value is wrong; `path` is relative to the field being checked. A group of fields may
    report several problems at once in `problems`."""

    def __init__(self, message: str, path: str = "", problems: list[tuple[str, str]] | None = None):
        self.message, self.path = message, path
        self.problems = problems or [(path, message)]
        super().__init__(message)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


@dataclass
class Text:
    max_length: int | None = None
    pattern: str | None = None
    pattern_help: str = ""
    expected: str = "text"

    def check(self, value):
        if not isinstance(value, str):
            hint = " Put it in quotes." if isinstance(value, (int, float, bool)) else ""
            raise Invalid(f"expected {self.expected}, got {_describe(value)}.{hint}")
        value = value.strip()
        if not value:
            raise Invalid(f"expected {self.expected}, but it is empty")
        if self.max_length and len(value) > self.max_length:
            raise Invalid(f"must be {self.max_length} characters or fewer (it has {len(value)})")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise Invalid(f"expected {self.pattern_help or self.expected}, got {_describe(value)}")
        return value


@dataclass
class Integer:
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected a whole number, got {_describe(value)}")
        if self.minimum is not None and value < self.minimum:
            raise Invalid(f"must be {self.minimum} or more (it is {value})")
        if self.maximum is not None and value > self.maximum:
            raise Invalid(f"must be {self.maximum} or less (it is {value})")
        return value


@dataclass
class Date:
    def check(self, value):
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                try:
                    return dt.date.fromisoformat(text)
                except ValueError:
                    raise Invalid(f"'{text}' is not a real date. Write it as YYYY-MM-DD, for example 2027-03-31") from None
        raise Invalid(f"expected a date written as YYYY-MM-DD (for example 2027-03-31), got {_describe(value)}")


@dataclass
class ListOf:
    item: Any
    min_items: int = 0

    def check(self, value):
        if isinstance(value, str) and self.item.__class__ is Text:
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise Invalid(f"expected a list, got {_describe(value)}")
        if len(value) < self.min_items:
            raise Invalid(f"expected at least {self.min_items} item(s)")
        out = []
        for index, item in enumerate(value):
            try:
                out.append(self.item.check(item))
            except Invalid as exc:
                raise Invalid(exc.message, _join(f"[{index}]", exc.path)) from None
        return out


@dataclass
class Field:
    kind: Any
    required: bool = False
    help: str = ""


@dataclass
class Record:
    """A mapping of known fields. Unknown fields are errors: a typo must not vanish silently."""

    fields: dict[str, Field]
    rule: Callable[[dict], None] | None = None  # cross-field check, raises Invalid
    expected: str = "a group of fields"

    def check(self, value):
        if not isinstance(value, dict):
            raise Invalid(f"expected {self.expected}, got {_describe(value)}")
        problems: list[tuple[str, str]] = []
        out = validate(value, self, collect=problems)
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return out


def _join(prefix: str, sub: str) -> str:
    if not sub:
        return prefix
    return f"{prefix}{sub}" if sub.startswith("[") else f"{prefix}.{sub}"


def validate(data: dict, record: Record, collect: list[tuple[str, str]]) -> dict:
    """Check `data` against `record`, appending (dotted path, message) for every problem to `collect`."""
    out: dict = {}
    problems: list[tuple[str, str]] = []
    for key in data:
        if key not in record.fields:
            known = ", ".join(sorted(record.fields))
            close = _closest(key, record.fields)
            hint = f" Did you mean '{close}'?" if close else f" Known fields: {known}."
            problems.append((key, f"unknown field.{hint}"))
    for name, spec in record.fields.items():
        if name not in data or data[name] is None:
            if spec.required:
                problems.append((name, f"this field is missing. {spec.help}".strip()))
            continue
        try:
            out[name] = spec.kind.check(data[name])
        except Invalid as exc:
            problems.extend((_join(name, sub), message) for sub, message in exc.problems)
    if not problems and record.rule:
        try:
            record.rule(out)
        except Invalid as exc:
            problems.append((exc.path, exc.message))
    collect.extend(problems)
    return out


def _closest(word: str, options) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.75)
    return found[0] if found else None


def errors_for(path: str, problems, line_of: Callable[[str], int | None]) -> list[ContentError]:
    return [ContentError(path, line_of(field_path), field_path or None, message) for field_path, message in problems]


__all__ = ["Text", "Integer", "Date", "DateTime", "ListOf", "Field", "Record", "Invalid", "validate", "errors_for", "field"]


@dataclass
class DateTime:
    """A UK local date and time such as '2026-11-20 06:00'."""

    def check(self, value):
        from councilsite.clock import parse_local

        text = str(value).strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?", text):
            try:
                return parse_local(text if " " in text or "T" in text else f"{text} 00:00")
            except ValueError:
                pass
        raise Invalid(f"expected a date and time written as 'YYYY-MM-DD HH:MM' (UK time), "
                      f"for example '2026-12-24 18:00', got {_describe(value)}")


@dataclass
class Boolean:
    """yes/no, true/false."""

    def check(self, value):
        if not isinstance(value, bool):
            raise Invalid(f"expected yes or no (true or false), got {_describe(value)}")
        return value


@dataclass
class Choice:
    """One of a fixed set of words, such as a question type."""

    choices: tuple[str, ...]
    expected: str = "one of"

    def check(self, value):
        if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value).strip() not in self.choices:
            close = _closest(str(value), self.choices) if isinstance(value, (str, int)) else None
            hint = f" Did you mean '{close}'?" if close else ""
            raise Invalid(f"{_describe(value)} is not allowed here.{hint} Use {self.expected}: {', '.join(self.choices)}")
        return str(value).strip()


@dataclass
class Number:
    """A whole or decimal number."""

    minimum: float | None = None
    maximum: float | None = None

    def check(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"expected a number, got {_describe(value)}")
        if self.minimum is not None and value < self.minimum:
            raise Invalid(f"must be {self.minimum} or more (it is {value})")
        if self.maximum is not None and value > self.maximum:
            raise Invalid(f"must be {self.maximum} or less (it is {value})")
        return value


__all__ += ["Boolean", "Choice", "Number"]
