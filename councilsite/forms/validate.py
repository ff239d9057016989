"""Check a submission against a form's rules, on the server: the twin of theme/assets/forms.js.

Both read the same rules (councilsite.forms.rules), so a receiver gives the same messages a
resident would have seen in the browser. `check_submission` takes the posted fields as a
mapping of name -> list of strings (as urllib.parse.parse_qs gives them) and returns the
answers, tidied (see councilsite.forms.json_schema for their shape), and the errors.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from councilsite.forms import dates
from councilsite.forms.messages import incomplete_key

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"(?:0\d{9,10}|(?:\+|00)[1-9]\d{6,14})")
PHONE_PUNCTUATION = re.compile(r"[\s().-]")
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


@dataclass(frozen=True)
class FormError:
    question: str
    target: str  # the element id the error summary links to
    message: str
    fields: tuple[str, ...] = ()  # element ids to mark as invalid
    part: str | None = None  # for addresses and names: the box the message is shown under


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    size: int
    content_type: str | None = None


@dataclass
class Result:
    answers: dict = field(default_factory=dict)
    errors: list[FormError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _values(fields: Mapping, name: str) -> list[str]:
    value = fields.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _one(fields: Mapping, name: str) -> str:
    values = _values(fields, name)
    return values[0].replace("\r\n", "\n").strip() if values else ""


def visible(rule: dict, fields: Mapping) -> bool:
    condition = rule.get("show_if")
    return condition is None or condition["value"] in _values(fields, condition["question"])


def check_submission(rules: dict, fields: Mapping, files: Mapping[str, UploadedFile] | None = None,
                     today: dt.date | None = None) -> Result:
    if today is None:
        from councilsite import clock
        today = clock.today()
    by_id = {r["id"]: r for r in rules["questions"]}
    result = Result()
    for rule in rules["questions"]:
        condition = rule.get("show_if")
        if condition and not visible(by_id[condition["question"]], fields):
            continue  # the trigger itself is hidden
        if not visible(rule, fields):
            continue
        answer, errors = CHECKS[rule["kind"]](rule, fields, files or {}, today)
        result.errors.extend(errors)
        if not errors and answer not in (None, "", [], {}):
            result.answers[rule["id"]] = answer
    return result


def _error(rule: dict, kind: str, fields=None, target=None, message=None) -> FormError:
    text = message or rule["messages"][kind]
    target = target or rule["target"]
    return FormError(rule["id"], target, text, tuple(fields or (target,)))


def _length(value: str) -> int:
    return len(value)  # code points, as forms.js counts them with Array.from


def check_text(rule, fields, files, today):
    value = _one(fields, rule["name"])
    if not value:
        return None, [_error(rule, "required")] if rule["required"] else []
    if rule.get("min_length") and _length(value) < rule["min_length"]:
        return None, [_error(rule, "too_short")]
    if rule.get("max_length") and _length(value) > rule["max_length"]:
        return None, [_error(rule, "too_long")]
    if rule.get("pattern") and not re.fullmatch(rule["pattern"], value):
        return None, [_error(rule, "pattern")]
    return value, []


def check_email(rule, fields, files, today):
    value = _one(fields, rule["name"])
    if not value:
        return None, [_error(rule, "required")] if rule["required"] else []
    if _length(value) > rule["max_length"]:
        return None, [_error(rule, "too_long")]
    if not EMAIL.fullmatch(value):
        return None, [_error(rule, "format")]
    return value, []


def check_phone(rule, fields, files, today):
    value = _one(fields, rule["name"])
    if not value:
        return None, [_error(rule, "required")] if rule["required"] else []
    if not PHONE.fullmatch(PHONE_PUNCTUATION.sub("", value)):
        return None, [_error(rule, "format")]
    return value, []


def check_number(rule, fields, files, today):
    value = _one(fields, rule["name"])
    if not value:
        return None, [_error(rule, "required")] if rule["required"] else []
    plain = re.sub(r"[,\s]", "", value)
    if not NUMBER.fullmatch(plain):
        return None, [_error(rule, "format")]
    number = float(plain)
    if rule.get("whole", True):
        if not number.is_integer():
            return None, [_error(rule, "whole")]
        number = int(number)
    if rule.get("min") is not None and number < rule["min"]:
        return None, [_error(rule, "too_small")]
    if rule.get("max") is not None and number > rule["max"]:
        return None, [_error(rule, "too_big")]
    return number, []


def _month(text: str) -> int | None:
    """12, 'Dec', 'December' or 'dec.': GOV.UK asks services to accept month names too."""
    if re.fullmatch(r"\d{1,2}", text):
        return int(text)
    word = text.lower().rstrip(".")
    for index, name in enumerate(MONTHS):
        if word in (name, name[:3]) or (name == "september" and word == "sept"):
            return index + 1
    return None


def check_date(rule, fields, files, today):
    parts = rule["parts"]
    values = {p["key"]: _one(fields, p["name"]) for p in parts}
    ids = {p["key"]: p["id"] for p in parts}
    missing = [p["key"] for p in parts if not values[p["key"]]]
    if len(missing) == len(parts):
        return None, [_error(rule, "required", [ids[k] for k in ids])] if rule["required"] else []
    if missing:
        key = incomplete_key(missing)
        return None, [_error(rule, "incomplete", [ids[k] for k in missing], ids[missing[0]],
                             rule["messages"]["incomplete"][key])]
    day, month, year = values["day"], _month(values["month"]), values["year"]
    bad = [k for k, ok in (("day", re.fullmatch(r"\d{1,2}", day)), ("month", month is not None),
                           ("year", re.fullmatch(r"\d+", year))) if not ok]
    if bad:
        return None, [_error(rule, "invalid", [ids[k] for k in bad], ids[bad[0]])]
    if len(year) != 4:
        return None, [_error(rule, "year", [ids["year"]], ids["year"])]
    try:
        date = dt.date(int(year), month, int(day))
    except ValueError:
        return None, [_error(rule, "invalid", [ids[k] for k in ids], ids["day"])]
    bound = dates.broken(rule.get("bounds", []), date, today)
    if bound is not None:
        return None, [_error(rule, bound["kind"], [ids[k] for k in ids], ids["day"], bound["message"])]
    return date.isoformat(), []


def check_choice(rule, fields, files, today):
    value = _one(fields, rule["name"])
    if value not in rule["values"]:
        return None, [_error(rule, "required")] if rule["required"] or value else []
    return value, []


def check_multi(rule, fields, files, today):
    chosen = [v for v in rule["values"] if v in _values(fields, rule["name"])]
    if not chosen and rule["required"]:
        return None, [_error(rule, "required")]
    return chosen, []


def tidy_postcode(value: str) -> str:
    plain = re.sub(r"\s+", "", value).upper()
    return f"{plain[:-3]} {plain[-3:]}" if len(plain) > 3 else plain


def check_parts(rule, fields, files, today):
    values = {p["key"]: _one(fields, p["name"]) for p in rule["parts"]}
    if not rule["required"] and not any(values.values()):
        return None, []
    errors, answer = [], {}
    for part in rule["parts"]:
        value = values[part["key"]]
        if not value:
            if part["required"]:
                errors.append(FormError(rule["id"], part["id"], part["messages"]["required"], (part["id"],),
                                        part["key"]))
            continue
        if part.get("format") == "postcode":
            if not POSTCODE.fullmatch(re.sub(r"\s+", "", value).upper()):
                errors.append(FormError(rule["id"], part["id"], part["messages"]["format"], (part["id"],),
                                        part["key"]))
                continue
            value = tidy_postcode(value)
        answer[part["key"]] = value
    return (None, errors) if errors else (answer, [])


def check_file(rule, fields, files, today):
    upload = files.get(rule["name"])
    if upload is None or not upload.filename:
        return None, [_error(rule, "required")] if rule["required"] else []
    name = upload.filename.lower()
    if not any(name.endswith(ext) for ext in rule["accept"]):
        return None, [_error(rule, "type")]
    if upload.size == 0:
        return None, [_error(rule, "empty")]
    if upload.size > rule["max_bytes"]:
        return None, [_error(rule, "size")]
    answer = {"filename": upload.filename, "size": upload.size}
    if upload.content_type:
        answer["content_type"] = upload.content_type
    return answer, []


CHECKS = {"text": check_text, "email": check_email, "phone": check_phone, "number": check_number,
          "date": check_date, "choice": check_choice, "multi": check_multi, "parts": check_parts,
          "file": check_file}
