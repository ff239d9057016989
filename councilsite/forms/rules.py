"""The validation rules of a form as plain JSON: the one source of truth for checking answers.

The browser (theme/assets/forms.js) and the server (councilsite.forms.validate) both read this
export; neither has its own copy of a limit, a pattern or a message. Each question's rule says
which `kind` of check applies:

    text    one box: min_length, max_length, pattern
    email   one box, an email address
    phone   one box, a UK or international phone number
    number  one box: min, max, whole
    date    three boxes (parts): bounds, each a side (min, max), a date (today or
            YYYY-MM-DD), days from it and a message (councilsite.forms.dates)
    choice  one of `values` (radios, select, yes/no)
    multi   any of `values` (checkboxes)
    parts   several boxes, each `required` or not, postcodes checked (addresses, names in parts)
    file    a file: accept (extensions), max_bytes

and `show_if` ({question, value}) limits it to residents who gave that answer.
"""
from __future__ import annotations

from councilsite.forms import dates
from councilsite.forms.fields import address_sections, item_id, parts
from councilsite.forms.messages import messages
from councilsite.forms.model import Form, Question
from councilsite.forms.questions import DEFAULT_MAX_SIZE, accept_extensions, size_in_bytes

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
VERSION = 1


def form_rules(form: Form) -> dict:
    sections = address_sections(form.questions)
    return {"version": VERSION, "form": form.id,
            "questions": [question_rule(q, sections.get(q.id)) for q in form.questions]}


def question_rule(q: Question, address_section: str | None = None) -> dict:
    text = messages(q)
    rule: dict = {"id": q.id, "type": q.type, "required": q.required, "target": q.id,
                  "show_if": {"question": q.show_if.question, "value": q.show_if.value} if q.show_if else None}
    s = q.settings
    if q.type in ("text", "textarea") or (q.type == "name" and s.get("style") != "parts"):
        limit = s.get("max_length") if q.type != "name" else NAME_MAX_LENGTH
        rule.update(kind="text", name=q.id, min_length=s.get("min_length"), max_length=limit,
                    pattern=s.get("pattern"))
    elif q.type == "email":
        rule.update(kind="email", name=q.id, max_length=EMAIL_MAX_LENGTH)
    elif q.type == "phone":
        rule.update(kind="phone", name=q.id)
    elif q.type == "number":
        rule.update(kind="number", name=q.id, min=s.get("min"), max=s.get("max"), whole=s.get("whole", True))
    elif q.type == "date":
        rule.update(kind="date", bounds=[{**b, "message": text[b["kind"]]} for b in dates.bounds(s, "")],
                    parts=[{"key": p.key, "name": p.name, "id": p.id} for p in parts(q)])
    elif q.type in ("radios", "select", "yes_no"):
        rule.update(kind="choice", name=q.id, values=[o.value for o in q.options])
    elif q.type == "checkboxes":
        rule.update(kind="multi", name=q.id, values=[o.value for o in q.options])
    elif q.type in ("address", "name"):
        rule["kind"] = "parts"
        rule["parts"] = []
        for p in parts(q, address_section):
            part = {"key": p.key, "name": p.name, "id": p.id, "required": p.required, "format": p.format,
                    "messages": {}}
            if p.required:
                part["messages"]["required"] = text[p.key]
            if p.format == "postcode":
                part["messages"]["format"] = text["postcode_format"]
            rule["parts"].append(part)
    elif q.type == "file":
        size = s.get("max_size", DEFAULT_MAX_SIZE)
        rule.update(kind="file", name=q.id, accept=[f".{ext}" for ext in accept_extensions(q)],
                    max_bytes=size_in_bytes(size))
    else:  # pragma: no cover - the definition checks types
        raise ValueError(q.type)
    if q.type in ("radios", "checkboxes", "yes_no"):
        rule["target"] = item_id(q.id, 0)
    rule["messages"] = {k: v for k, v in text.items()
                        if not (rule["kind"] == "parts")}  # parts carry their own messages
    return rule
