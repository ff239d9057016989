"""A JSON Schema (draft 2020-12) for each form's answers, published as forms/<id>.schema.json.

It describes the tidied answers a receiver keeps or passes on (what check_submission returns),
so any CRM can check a submission by an open standard:

- text, email and phone answers are strings; numbers are numbers;
- dates are strings in ISO format (2026-11-20);
- radios, select and yes/no answers are one of their values; checkboxes a list of values;
- addresses and names in parts are objects (line1, line2, town, county, postcode / first, last);
- files are objects with filename, size in bytes and, if known, content_type;
- answers left blank are left out, as are answers to questions that were not shown.

It is built from the same rules as the browser and server checks. Rules JSON Schema cannot
express (a real date, a date in the past) are given in each property's description.
"""
from __future__ import annotations

from councilsite.forms.model import Form
from councilsite.forms.questions import FILE_TYPES
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import EMAIL, PHONE

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def form_schema(form: Form, site_url: str | None = None) -> dict:
    rules = form_rules(form)
    labels = {q.id: q.label for q in form.questions}
    by_id = {r["id"]: r for r in rules["questions"]}
    properties, required, conditions = {}, [], []
    for rule in rules["questions"]:
        prop = _property(rule)
        prop["title"] = labels[rule["id"]]
        properties[rule["id"]] = prop
        condition = rule["show_if"]
        if condition is None:
            if rule["required"]:
                required.append(rule["id"])
            continue
        trigger = by_id[condition["question"]]
        answered = ({"contains": {"const": condition["value"]}} if trigger["kind"] == "multi"
                    else {"const": condition["value"]})
        shown = {"properties": {trigger["id"]: answered}, "required": [trigger["id"]]}
        conditions.append({
            "if": shown,
            "then": {"required": [rule["id"]]} if rule["required"] else {},
            "else": {"not": {"required": [rule["id"]]}},
        })
    schema = {
        "$schema": DIALECT,
        "title": form.title,
        "description": f"{form.intro} Answers to this form, tidied, as the receiver keeps them.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if site_url:
        schema = {"$schema": DIALECT, "$id": site_url.rstrip("/") + "/" + form.schema_path,
                  **{k: v for k, v in schema.items() if k != "$schema"}}
    if conditions:
        schema["allOf"] = conditions
    return schema


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _property(rule: dict) -> dict:
    kind = rule["kind"]
    if kind == "text":
        prop: dict = {"type": "string", "minLength": rule.get("min_length") or 1}
        if rule.get("max_length"):
            prop["maxLength"] = rule["max_length"]
        if rule.get("pattern"):
            prop["pattern"] = _anchored(rule["pattern"])
        return prop
    if kind == "email":
        return {"type": "string", "format": "email", "maxLength": rule["max_length"],
                "pattern": _anchored(EMAIL.pattern)}
    if kind == "phone":
        return {"type": "string", "minLength": 1,
                "description": f"As the resident wrote it. Without spaces, brackets, dots and hyphens it matches "
                               f"{_anchored(PHONE.pattern)}"}
    if kind == "number":
        prop = {"type": "integer" if rule.get("whole", True) else "number"}
        if rule.get("min") is not None:
            prop["minimum"] = rule["min"]
        if rule.get("max") is not None:
            prop["maximum"] = rule["max"]
        return prop
    if kind == "date":
        prop = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        if rule.get("bounds"):
            # Each bound's message starts with the question's own words: the rule is the rest.
            rules_ = "; ".join(b["message"].split(" must be ", 1)[-1] for b in rule["bounds"])
            prop["description"] = f"A real date, on the day the form was sent: {rules_}."
        return prop
    if kind == "choice":
        return {"type": "string", "enum": rule["values"]}
    if kind == "multi":
        prop = {"type": "array", "items": {"enum": rule["values"]}, "uniqueItems": True}
        if rule["required"]:
            prop["minItems"] = 1
        return prop
    if kind == "parts":
        props = {}
        for part in rule["parts"]:
            props[part["key"]] = {"type": "string", "minLength": 1}
            if part.get("format") == "postcode":
                props[part["key"]]["pattern"] = r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$"
        return {"type": "object", "properties": props,
                "required": [p["key"] for p in rule["parts"] if p["required"]], "additionalProperties": False}
    if kind == "file":
        # ECMA-262 patterns have no (?i): spell out both cases of each letter.
        endings = "|".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in ext.lstrip("."))
                           for ext in rule["accept"])
        types = sorted({mime for ext in rule["accept"] for mime in FILE_TYPES[ext.lstrip(".")][1]})
        return {"type": "object", "properties": {
            "filename": {"type": "string", "pattern": f"\\.(?:{endings})$"},
            "size": {"type": "integer", "minimum": 1, "maximum": rule["max_bytes"]},
            "content_type": {"type": "string", "description": f"As the browser sent it, usually one of {', '.join(types)}"},
        }, "required": ["filename", "size"], "additionalProperties": False}
    raise ValueError(kind)  # pragma: no cover

