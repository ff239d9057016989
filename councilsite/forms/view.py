"""What the templates render: a form's questions as ready-made labels, ids, hints and errors.

The same view renders the empty form, the error state the build publishes for the audit, and,
for a receiver, a form sent back with the resident's answers and the errors found in them.
Templates only loop over it; every id and aria-describedby is decided here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Mapping

from councilsite.forms.fields import address_sections, conditional_id, item_id, parts
from councilsite.forms.model import Form, Question
from councilsite.forms.questions import DEFAULT_MAX_SIZE, accept_extensions, accept_names
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import FormError

ERROR_SUMMARY_TITLE = "There is a problem"

INPUT_TYPES = {"text": "text", "name": "text", "email": "email", "phone": "tel", "number": "text",
               "textarea": "textarea", "select": "select", "file": "file"}


@dataclass
class SelectOption:
    value: str
    label: str
    selected: bool = False


class Described:
    """GOV.UK ids that join a field to its hint and error through aria-describedby."""

    id: str
    hint: str | None
    error: str | None

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.id}-error"

    def _describedby(self, *more: str | None) -> str:
        ids = (self.hint_id if self.hint else None, self.error_id if self.error else None, *more)
        return " ".join(i for i in ids if i)


@dataclass
class Control(Described):
    """One labelled box: an input, textarea, select or file upload, with its hint and error."""

    id: str
    name: str
    label: str
    type: str = "text"
    value: str = ""
    hint: str | None = None
    error: str | None = None
    invalid: bool = False  # a date part can be invalid with the message on its fieldset
    autocomplete: str | None = None
    inputmode: str | None = None
    spellcheck: bool | None = None
    width: str | None = None
    rows: int | None = None
    options: list[SelectOption] = field(default_factory=list)
    accept: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    max_length: int | None = None  # shows a character count
    label_class: str = "label--s"

    @property
    def info_id(self) -> str:
        return f"{self.id}-info"

    @property
    def describedby(self) -> str:
        return self._describedby(self.info_id if self.max_length else None)

    @property
    def has_error(self) -> bool:
        return bool(self.error) or self.invalid


@dataclass
class Item:
    """A radio or checkbox."""

    id: str
    value: str
    label: str
    hint: str | None = None
    checked: bool = False
    reveals: list["QuestionView"] = field(default_factory=list)
    conditional_id: str | None = None

    @property
    def hint_id(self) -> str:
        return f"{self.id}-item-hint"


@dataclass
class QuestionView(Described):
    id: str
    type: str
    component: str  # field, radios, checkboxes, date-input, address, file-upload
    label: str  # the label or legend, with "(optional)"
    hint: str | None = None
    error: str | None = None
    control: Control | None = None
    items: list[Item] = field(default_factory=list)
    parts: list[Control] = field(default_factory=list)
    inline: bool = False

    @property
    def describedby(self) -> str:
        return self._describedby()

    @property
    def has_error(self) -> bool:
        if self.control:
            return self.control.has_error
        return bool(self.error) or any(p.error for p in self.parts)


@dataclass
class SectionView:
    title: str | None
    intro: list[str]
    questions: list[QuestionView]


@dataclass
class SummaryLink:
    href: str
    text: str


@dataclass
class FormPage:
    form: Form
    sections: list[SectionView]
    errors: list[SummaryLink]
    action: str
    rules_json: str
    state: str = "form"  # "form" or "error"
    honeypot: str | None = None  # the name of the hidden trap field for bots
    hidden: dict[str, str] = field(default_factory=dict)  # more hidden fields
    back: str | None = None  # the Back link: the page before in the resident's journey

    @property
    def method(self) -> str:
        return "post"

    @property
    def enctype(self) -> str:
        return self.form.enctype

    @property
    def intro(self) -> list[str]:
        return paragraphs(self.form.intro)


def paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def rules_json(form: Form, kept_files: set[str] = frozenset()) -> str:
    """The rules for a <script type="application/json">: '</' is escaped so it cannot end the script."""
    rules = form_rules(form)
    for rule in rules["questions"]:
        if rule["id"] in kept_files:
            rule["required"] = False  # the receiver already has the file: an empty box keeps it
    text = json.dumps(rules, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


class _Values:
    def __init__(self, values: Mapping | None):
        self.values = values or {}

    def all(self, name: str) -> list[str]:
        value = self.values.get(name)
        if value is None:
            return []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    def one(self, name: str) -> str:
        found = self.all(name)
        return found[0] if found else ""


def build_page(form: Form, action: str, values: Mapping | None = None, errors: list[FormError] | None = None,
               state: str = "form", honeypot: str | None = None, hidden: Mapping[str, str] | None = None,
               kept_files: Mapping[str, str] | None = None, back: str | None = None) -> FormPage:
    """The form with these answers and errors (none for the empty form).

    `kept_files` (question id -> file name) are uploads a receiver already holds for a resident
    changing their answers: those questions say so, and may be left empty to keep the file.
    """
    errors = list(errors or [])
    kept = dict(kept_files or {})
    builder = _Builder(form, _Values(values), errors, kept)
    sections = [SectionView(s.title, paragraphs(s.intro), [builder.question(q) for q in s.questions])
                for s in form.sections]
    ordered = _in_page_order(sections, errors)
    summary = [SummaryLink(f"#{e.target}", e.message) for e in ordered]
    return FormPage(form, sections, summary, action, rules_json(form, set(kept)), state, honeypot, dict(hidden or {}),
                    back if back is not None else form.back_url)


def _in_page_order(sections: list[SectionView], errors: list[FormError]) -> list[FormError]:
    order: list[str] = []

    def walk(view: QuestionView):
        order.append(view.id)
        for item in view.items:
            for sub in item.reveals:
                walk(sub)

    for section in sections:
        for view in section.questions:
            walk(view)
    rank = {qid: i for i, qid in enumerate(order)}
    return sorted(errors, key=lambda e: rank.get(e.question, len(rank)))


def sample_errors(form: Form) -> tuple[dict, list[FormError]]:
    """The error state the build publishes: every question that can be wrong, showing its error.

    Questions revealed by an answer are shown by ticking that answer, as a resident would have.
    """
    rules = {r["id"]: r for r in form_rules(form)["questions"]}
    values: dict[str, list[str]] = {}
    errors: list[FormError] = []

    def add(q: Question):
        errors.extend(_sample(rules[q.id]))

    for q in form.questions:
        if q.show_if:
            continue
        revealing = [value for value, shown in q.reveals.items() if any(_sample(rules[s.id]) for s in shown)]
        if revealing:
            chosen = revealing if q.type == "checkboxes" else revealing[:1]
            values[q.id] = chosen
            for value in chosen:
                for sub in q.reveals[value]:
                    add(sub)
        else:
            add(q)
    return values, errors


def _sample(rule: dict) -> list[FormError]:
    kind, msgs = rule["kind"], rule.get("messages", {})

    def one(key, fields=None):
        return [FormError(rule["id"], rule["target"], msgs[key], tuple(fields or (rule["target"],)))]

    if kind == "parts":
        return [FormError(rule["id"], p["id"], p["messages"]["required"], (p["id"],), p["key"])
                for p in rule["parts"] if p["required"]]
    if kind == "date":
        ids = tuple(p["id"] for p in rule["parts"])
        if rule["required"]:
            return one("required", ids)
        return one(rule["bounds"][0]["kind"] if rule["bounds"] else "invalid", ids)
    if rule["required"]:
        return one("required")
    for key in ("format", "too_long", "pattern", "type", "too_short", "too_big"):
        if key in msgs:
            return one(key)
    return []


class _Builder:
    def __init__(self, form: Form, values: _Values, errors: list[FormError], kept: dict[str, str] | None = None):
        self.form, self.values, self.kept = form, values, kept or {}
        self.errors: dict[str, list[FormError]] = {}
        for error in errors:
            self.errors.setdefault(error.question, []).append(error)
        self.sections = address_sections(form.questions)

    def label(self, q: Question) -> str:
        return f"{q.label} (optional)" if q.optional else q.label

    def question(self, q: Question) -> QuestionView:
        errors = self.errors.get(q.id, [])
        message = next((e.message for e in errors if e.part is None), None)
        if q.type in ("radios", "checkboxes", "yes_no"):
            return self._choices(q, message)
        if q.type == "date":
            bad = {f for e in errors for f in e.fields}
            controls = [Control(p.id, p.name, p.label, "text", self.values.one(p.name), invalid=p.id in bad,
                                autocomplete=p.autocomplete, inputmode=p.inputmode, width=p.width,
                                label_class="date-input__label") for p in parts(q)]
            return QuestionView(q.id, q.type, "date-input", self.label(q), q.hint or _date_example(q), message,
                                parts=controls)
        if q.type == "address" or (q.type == "name" and q.setting("style") == "parts"):
            by_part = {e.part: e.message for e in errors if e.part}
            controls = [Control(p.id, p.name, p.label, "text", self.values.one(p.name), error=by_part.get(p.key),
                                autocomplete=p.autocomplete, width=p.width, spellcheck=p.spellcheck,
                                label_class="label--regular")
                        for p in parts(q, self.sections.get(q.id))]
            return QuestionView(q.id, q.type, "address", self.label(q), q.hint, None, parts=controls)
        control = self._control(q, message)
        component = "file-upload" if q.type == "file" else "field"
        return QuestionView(q.id, q.type, component, self.label(q), control.hint, message, control=control)

    def _control(self, q: Question, message: str | None) -> Control:
        s = q.settings
        control = Control(q.id, q.id, self.label(q), INPUT_TYPES[q.type], self.values.one(q.id), hint=q.hint,
                          error=message)
        if q.type == "text":
            control.autocomplete = s.get("autocomplete")
            control.width, control.spellcheck, control.inputmode = s.get("width"), s.get("spellcheck"), s.get("inputmode")
        elif q.type == "name":
            control.autocomplete, control.spellcheck = "name", False
        elif q.type == "email":
            control.autocomplete, control.spellcheck, control.width = "email", False, s.get("width")
        elif q.type == "phone":
            control.autocomplete, control.width = "tel", s.get("width", "20")
        elif q.type == "number":
            whole = s.get("whole", True)
            control.inputmode, control.spellcheck = ("numeric" if whole else "decimal"), False
            control.width, control.prefix, control.suffix = s.get("width", "5"), s.get("prefix"), s.get("suffix")
        elif q.type == "textarea":
            control.rows, control.spellcheck = s.get("rows", 5), s.get("spellcheck")
            control.max_length = s.get("max_length")
        elif q.type == "select":
            chosen = self.values.one(q.id)
            control.options = [SelectOption("", "Select an option", not chosen)] + [
                SelectOption(o.value, o.label, o.value == chosen) for o in q.options]
        elif q.type == "file":
            control.accept = ",".join(f".{ext}" for ext in accept_extensions(q))
            size = s.get("max_size", DEFAULT_MAX_SIZE).replace(" ", "")
            rule = f"The file must be a {accept_names(q)}, smaller than {size}."
            if q.id in self.kept:
                rule += f" You sent {self.kept[q.id]}: choose a file only if you want to send a different one."
            control.hint = f"{q.hint} {rule}" if q.hint else rule
        return control

    def _choices(self, q: Question, message: str | None) -> QuestionView:
        chosen = set(self.values.all(q.id))
        items = []
        for index, option in enumerate(q.options):
            reveals = [self.question(sub) for sub in q.reveals.get(option.value, [])]
            items.append(Item(item_id(q.id, index), option.value, option.label, option.hint, option.value in chosen,
                              reveals, conditional_id(q.id, index) if reveals else None))
        hint = q.hint or ("Select all that apply." if q.type == "checkboxes" else None)
        inline = q.setting("inline", q.type == "yes_no") and not q.reveals
        return QuestionView(q.id, q.type, "checkboxes" if q.type == "checkboxes" else "radios", self.label(q), hint,
                            message, items=items, inline=bool(inline))


def _date_example(q: Question) -> str:
    """GOV.UK's date hint, with a date the question takes."""
    from councilsite import clock
    from councilsite.forms.dates import example

    day = example(q.settings, clock.today())
    return f"For example, {day.day} {day.month} {day.year}"


def form_page(form: Form, action: str, honeypot: str | None = None) -> FormPage:
    return build_page(form, action, honeypot=honeypot)


def error_page(form: Form, action: str, honeypot: str | None = None) -> FormPage:
    values, errors = sample_errors(form)
    return build_page(form, action, values, errors, state="error", honeypot=honeypot)
