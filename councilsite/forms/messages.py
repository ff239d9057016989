"""Default error messages, worded as the GOV.UK Design System words them.

A question's `name_in_errors` ("your postcode") makes them specific ("Enter your postcode");
without it they fall back to general wording ("Enter an answer"). An editor's own message for a
kind, under `errors:`, always wins.
"""
from __future__ import annotations

from councilsite.forms import dates
from councilsite.forms.model import Question
from councilsite.forms.questions import DEFAULT_MAX_SIZE, accept_names

DATE_PARTS = ("day", "month", "year")
PHONE_EXAMPLE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def incomplete_key(missing: list[str] | tuple[str, ...]) -> str:
    """'day', 'month,year': the key for a date missing these parts."""
    return ",".join(p for p in DATE_PARTS if p in missing)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def defaults(q: Question) -> dict:
    """Every message the question can show, keyed by kind. Date 'incomplete' is a dict by missing parts."""
    x = q.name_in_errors
    the = _cap(x) if x else None
    s = q.settings
    if q.type in ("text", "textarea"):
        out = {"required": f"Enter {x}" if x else "Enter an answer"}
        if s.get("min_length"):
            out["too_short"] = f"{the or 'The answer'} must be {s['min_length']} characters or more"
        if s.get("max_length"):
            out["too_long"] = f"{the or 'The answer'} must be {s['max_length']} characters or less"
        if s.get("pattern_message"):
            out["pattern"] = s["pattern_message"]
        return out
    if q.type == "email":
        return {"required": f"Enter {x or 'an email address'}", "format": EMAIL_FORMAT,
                "too_long": f"{the or 'The email address'} must be 254 characters or less"}
    if q.type == "phone":
        return {"required": f"Enter {x or 'a telephone number'}", "format": PHONE_EXAMPLE}
    if q.type == "number":
        subject = the or "The answer"
        low, high = s.get("min"), s.get("max")
        out = {"required": f"Enter {x or 'a number'}", "format": f"{subject} must be a number",
               "whole": f"{subject} must be a whole number"}
        if low is not None and high is not None:
            between = f"{subject} must be between {_number(low)} and {_number(high)}"
            out["too_small"] = out["too_big"] = between
        elif low is not None:
            out["too_small"] = f"{subject} must be {_number(low)} or more"
        elif high is not None:
            out["too_big"] = f"{subject} must be {_number(high)} or less"
        return out
    if q.type == "date":
        subject = the or "The date"
        incomplete = {}
        for missing in (["day"], ["month"], ["year"], ["day", "month"], ["day", "year"], ["month", "year"]):
            incomplete[incomplete_key(missing)] = f"{subject} must include a {_and(missing)}"
        out = {"required": f"Enter {x or 'a date'}", "incomplete": incomplete,
               "invalid": f"{the} must be a real date" if the else "Enter a real date",
               "year": "Year must include 4 numbers"}
        for bound in dates.bounds(s, subject):
            out[bound["kind"]] = bound["message"]
        return out
    if q.type in ("radios", "select"):
        return {"required": f"Select {x or 'an option'}"}
    if q.type == "yes_no":
        return {"required": f"Select {x}" if x else "Select yes or no"}
    if q.type == "checkboxes":
        return {"required": f"Select {x or 'at least one option'}"}
    if q.type == "address":
        own = s.get("autocomplete", True)
        return {"line1": "Enter address line 1, typically the building and street",
                "town": "Enter town or city",
                "postcode": "Enter your postcode" if own else "Enter the postcode",
                "postcode_format": "Enter a full UK postcode"}
    if q.type == "name":
        return {"required": f"Enter {x or 'your full name'}", "first": "Enter your first name",
                "last": "Enter your last name", "too_long": f"{the or 'Your name'} must be 200 characters or less"}
    if q.type == "file":
        return {"required": f"Select {x or 'a file'}",
                "type": f"The selected file must be a {accept_names(q)}",
                "size": f"The selected file must be smaller than {s.get('max_size', DEFAULT_MAX_SIZE).replace(' ', '')}",
                "empty": "The selected file is empty"}
    raise ValueError(f"unknown question type {q.type}")


def messages(q: Question) -> dict:
    """The defaults with the editor's own messages on top."""
    out = defaults(q)
    for kind, text in q.errors.items():
        if kind == "incomplete" and isinstance(out.get("incomplete"), dict):
            out["incomplete"] = {key: text for key in out["incomplete"]}
        else:
            out[kind] = text
    return out
