"""Read and check form definitions (forms/<id>.yml), with errors naming the file, line and key.

A broken form never publishes: every problem in every file is collected and reported together.
"""
from __future__ import annotations

import re
from pathlib import Path

from councilsite.content.frontmatter import FrontMatterError, line_for, parse_yaml
from councilsite.content.model import OTHER_WAYS
from councilsite.content.schema import Boolean, Field, Integer, Record, Text, _closest, validate
from councilsite.errors import ContentError, ContentErrors
from councilsite.forms import dates
from councilsite.forms import delivery
from councilsite.forms.model import Condition, Form, Option, Privacy, Question, Retention, Section
from councilsite.forms.questions import COMMON, TYPES, YES_NO, question_record

FORM_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
PERSONAL = ("name", "email", "phone")  # must be optional on a form residents may send anonymously


class Raw:
    """Accept anything: sections and questions are checked one by one, so every problem is found."""

    def check(self, value):
        return value


PRIVACY = Record({
    "what": Field(Text(max_length=500), required=True, help="Say what information the form keeps."),
    "why": Field(Text(max_length=500), required=True, help="Say why you need it."),
    "how_long": Field(Text(max_length=300), required=True, help="Say how long you keep it."),
    "shared_with": Field(Text(max_length=300)),
    # The retention period the receiver's purge enforces; how_long must tell residents the same.
    "keep_for": Field(Text(pattern=r"[1-9]\d{0,3} (day|week|month|year)s?", pattern_help="a period such as '2 years', "
                           "'6 months' or '30 days'"), required=True,
                      help="Say how long the receiver keeps each submission, such as '2 years'."),
}, expected="'what', 'why', 'how_long' and 'keep_for'")

ACTION = Text(pattern=r"(https://\S+|/\S*)", pattern_help="a web address starting https:// or a site path starting /",
              expected="where the form is sent")

FORM = Record({
    "title": Field(Text(max_length=80), required=True, help="Give the form a title, such as 'Report a missed bin'."),
    "intro": Field(Text(max_length=500), required=True, help="Say in a sentence or two what the form is for."),
    "category": Field(Text(), help="A category id from mkdocs.yml."),
    "priority": Field(Integer(minimum=1, maximum=999), help="1 is shown first in the home page's top tasks."),
    "task_label": Field(Text(max_length=60)),
    "who_can_use": Field(Text(max_length=500)),
    "anonymous": Field(Boolean()),
    "privacy": Field(PRIVACY, required=True, help="Say what you keep, why and for how long."),
    "what_happens_next": Field(Text(max_length=1500), required=True, help="Say what happens after someone sends it."),
    "timescale": Field(Text(max_length=200), required=True,
                       help="Say how long it takes, such as 'We collect within 10 working days.'"),
    "other_ways": Field(OTHER_WAYS),
    "action": Field(ACTION),
    "submit_label": Field(Text(max_length=40)),
    "confirmation_title": Field(Text(max_length=60)),
    "sections": Field(Raw()),
    "questions": Field(Raw()),
    **delivery.FIELDS,  # deliver, confirmation_email, payment
})

SECTION = Record({
    "title": Field(Text(max_length=80)),
    "intro": Field(Text(max_length=500)),
    "questions": Field(Raw(), required=True, help="List the section's questions."),
})

_UNPORTABLE = re.compile(r"\(\?[PiLmsux#<]|\\[AZz]|\(\?<[=!]")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "answer"


def load_forms(folder: Path, shown_folder: str, categories: set[str] | None = None) -> list[Form]:
    """Every forms/*.yml in `folder`, checked. Raises ContentErrors listing every problem."""
    forms, errors = [], []
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix in (".yml", ".yaml") and path.is_file():
                form, problems = load_form(path.stem, path.read_text(encoding="utf-8"),
                                           f"{shown_folder}/{path.name}", categories)
                errors += problems
                if form:
                    forms.append(form)
    if errors:
        raise ContentErrors(errors)
    return forms


def load_form(form_id: str, text: str, shown: str, categories: set[str] | None = None
              ) -> tuple[Form | None, list[ContentError]]:
    """Parse and check one definition. Returns the form, or None and every problem found."""
    if not FORM_ID.fullmatch(form_id):
        return None, [ContentError(shown, None, None, "the file name is the form's id and web address: use lower case "
                                                      "letters, numbers and hyphens, such as report-a-missed-bin.yml")]
    try:
        data, lines = parse_yaml(text, shown)
    except FrontMatterError as exc:
        return None, [exc.error]
    checker = _Checker(form_id, shown, lines, categories)
    form = checker.run(data)
    return (None, checker.errors) if checker.errors else (form, [])


class _Checker:
    def __init__(self, form_id: str, shown: str, lines: dict[str, int], categories: set[str] | None):
        self.form_id, self.shown, self.lines, self.categories = form_id, shown, lines, categories
        self.errors: list[ContentError] = []
        self.broken: set[str] = set()  # ids of questions with problems, so conditions on them say nothing more

    def line(self, path: str) -> int | None:
        return line_for(self.lines, path) or 1

    def problem(self, path: str, message: str) -> None:
        self.errors.append(ContentError(self.shown, self.line(path), path or None, message))

    def run(self, data: dict) -> Form | None:
        problems: list[tuple[str, str]] = []
        top = validate(data, FORM, collect=problems)
        for path, message in problems:
            self.problem(path, message)
        if "category" in top and self.categories is not None and top["category"] not in self.categories:
            self.problem("category", f"'{top['category']}' is not a category. Use one of: {', '.join(sorted(self.categories))}")
        if "priority" in top and "category" not in top:
            self.problem("priority", "a form in the top tasks needs a 'category' too, for the Do it Online page")
        retention = None
        if "keep_for" in top.get("privacy", {}):
            retention = Retention.parse(top["privacy"]["keep_for"])
            if "how_long" in top["privacy"] and not retention.mentioned_in(top["privacy"]["how_long"]):
                self.problem("privacy.how_long", f"tell residents the period you keep it for: privacy.keep_for is "
                             f"'{top['privacy']['keep_for']}', but how_long does not say '{retention}'")
        sections = self._sections(data)
        questions = [q for section in sections for q in section.questions]
        self._cross_checks(sections, questions, top)
        for path, message in delivery.delivery_problems(top, questions):
            self.problem(path, message)
        if self.errors:
            return None
        privacy = top["privacy"]
        return Form(
            id=self.form_id, src_path=self.shown, title=top["title"], intro=top["intro"],
            privacy=Privacy(privacy["what"], privacy["why"], privacy["how_long"], retention,
                            privacy.get("shared_with")),
            what_happens_next=top["what_happens_next"], timescale=top["timescale"],
            sections=sections, questions=questions, category=top.get("category"), priority=top.get("priority"),
            task_label=top.get("task_label"), who_can_use=top.get("who_can_use"),
            anonymous=top.get("anonymous", False), other_ways=top.get("other_ways", {}), action=top.get("action"),
            submit_label=top.get("submit_label", "Send"), confirmation_title=top.get("confirmation_title", "Form sent"),
            lines=self.lines, deliver=top.get("deliver", {}), confirmation_email=top.get("confirmation_email"),
            payment=top.get("payment"),
        )

    # Sections and questions -------------------------------------------------------------------

    def _sections(self, data: dict) -> list[Section]:
        has_sections, has_questions = data.get("sections") is not None, data.get("questions") is not None
        if has_sections and has_questions:
            self.problem("questions", "use either 'sections' (each with its questions) or 'questions', not both")
            return []
        if not has_sections and not has_questions:
            self.problem("", "the form has no questions: add 'questions' (or 'sections', each with 'questions')")
            return []
        if has_questions:
            return [Section(None, None, self._questions(data["questions"], "questions"))]
        raw = data["sections"]
        if not isinstance(raw, list) or not raw:
            self.problem("sections", "expected a list of sections, each with a 'title' and 'questions'")
            return []
        sections = []
        for index, item in enumerate(raw):
            path = f"sections[{index}]"
            if not isinstance(item, dict):
                self.problem(path, "expected a section: 'title' and 'questions'")
                continue
            problems: list[tuple[str, str]] = []
            clean = validate(item, SECTION, collect=problems)
            for sub, message in problems:
                self.problem(f"{path}.{sub}", message)
            if len(raw) > 1 and "title" not in clean:
                self.problem(path, "give each section a 'title' when a form has more than one")
            if "questions" in clean:
                sections.append(Section(clean.get("title"), clean.get("intro"),
                                        self._questions(clean["questions"], f"{path}.questions")))
        return sections

    def _questions(self, raw, path: str) -> list[Question]:
        if not isinstance(raw, list) or not raw:
            self.problem(path, "expected a list of questions, each starting '- id: ...'")
            return []
        out = []
        for index, item in enumerate(raw):
            question = self._question(item, f"{path}[{index}]")
            if question:
                out.append(question)
        return out

    def _question(self, raw, path: str) -> Question | None:
        if not isinstance(raw, dict):
            self.problem(path, "expected a question with 'id', 'type' and 'label'")
            return None
        if isinstance(raw.get("id"), str):
            self.broken.add(raw["id"])  # until it proves sound
        qtype = raw.get("type")
        if qtype is None:
            self.problem(f"{path}.type", f"this field is missing. Use one of: {', '.join(TYPES)}")
            return None
        if not isinstance(qtype, str) or qtype not in TYPES:
            close = _closest(str(qtype), TYPES)
            hint = f" Did you mean '{close}'?" if close else ""
            self.problem(f"{path}.type", f"'{qtype}' is not a question type.{hint} Use one of: {', '.join(TYPES)}")
            return None
        problems: list[tuple[str, str]] = []
        clean = validate(raw, question_record(TYPES[qtype]), collect=problems)
        for sub, message in problems:
            self.problem(f"{path}.{sub}", message)
        if problems:
            return None
        settings = {k: v for k, v in clean.items() if k not in COMMON and k != "options"}
        options = self._options(clean, qtype, path)
        self.broken.discard(clean["id"])
        condition = None
        if "show_if" in clean:
            condition = Condition(clean["show_if"]["question"], clean["show_if"]["answer"])
        return Question(id=clean["id"], type=qtype, label=clean["label"], hint=clean.get("hint"),
                        optional=clean.get("optional", False), name_in_errors=clean.get("name_in_errors"),
                        errors=clean.get("errors", {}), show_if=condition, options=options, settings=settings,
                        path=path)

    def _options(self, clean: dict, qtype: str, path: str) -> list[Option]:
        if qtype == "yes_no":
            return [Option(value, label) for value, label in YES_NO]
        if "options" not in clean:
            return []
        options, seen = [], {}
        for index, item in enumerate(clean["options"]):
            value = item.get("value") or slug(item["label"])
            if value in seen:
                self.problem(f"{path}.options[{index}]",
                             f"two answers would send the same value '{value}' (answers {seen[value] + 1} and "
                             f"{index + 1}). Give one of them a different 'value'")
            seen[value] = index
            options.append(Option(value, item["label"], item.get("hint")))
        if qtype in ("radios", "select") and len(options) < 2:
            self.problem(f"{path}.options", "give at least 2 answers to choose from")
        return options

    # Checks across questions --------------------------------------------------------------------

    def _cross_checks(self, sections: list[Section], questions: list[Question], top: dict) -> None:
        seen: dict[str, Question] = {}
        for q in questions:
            if q.id in seen:
                self.problem(f"{q.path}.id", f"the id '{q.id}' is used by another question "
                                             f"(line {self.line(seen[q.id].path)}); each question needs its own id")
            else:
                seen[q.id] = q
            self._settings(q)
            if re.search(r"\(optional\)\s*$", q.label, re.I):
                self.problem(f"{q.path}.label", "do not write '(optional)' in the label: add 'optional: true' and "
                                                "the form adds it")
            if "*" in q.label:
                self.problem(f"{q.path}.label", "do not mark questions with '*': questions are required unless "
                                                "they say 'optional: true', and optional ones say '(optional)'")
            if top.get("anonymous") and q.type in PERSONAL and q.required:
                self.problem(f"{q.path}.optional", "this form may be sent anonymously, so this question must be "
                                                   "optional: add 'optional: true'")
        for section in sections:
            position = {q.id: i for i, q in enumerate(section.questions)}
            for q in list(section.questions):
                if q.show_if:
                    self._condition(q, section, position, seen)
            section.questions = [q for q in section.questions if not q.show_if]

    def _condition(self, q: Question, section: Section, position: dict[str, int], every: dict[str, Question]) -> None:
        cond, path = q.show_if, f"{q.path}.show_if.question"
        trigger = every.get(cond.question)
        if trigger is None and cond.question in self.broken:
            return  # its own problem is reported already
        if trigger is None:
            close = _closest(cond.question, every)
            hint = f" Did you mean '{close}'?" if close else ""
            self.problem(path, f"there is no question with the id '{cond.question}'.{hint}")
            return
        if trigger is q:
            self.problem(path, "a question cannot depend on its own answer")
            return
        if cond.question not in position or position[cond.question] > position[q.id]:
            self.problem(path, f"'{cond.question}' must come before this question, in the same section")
            return
        if not TYPES[trigger.type].choices or trigger.type == "select":
            self.problem(path, f"'{cond.question}' is a {trigger.type} question: a question can only depend on "
                               "radios, checkboxes or yes_no, whose answers reveal it")
            return
        if trigger.show_if:
            self.problem(path, f"'{cond.question}' is itself shown only for some answers: keep to one level "
                               "of conditional questions, or ask it on its own")
            return
        if trigger.type in ("radios", "yes_no") and trigger.setting("inline"):
            self.problem(path, f"'{cond.question}' shows its answers inline, which cannot reveal questions: "
                               "remove 'inline: true' from it")
            return
        wanted = cond.value.strip().lower()
        match = next((o for o in trigger.options if wanted in (o.value.lower(), o.label.lower())), None)
        if match is None:
            answers = ", ".join(f"'{o.label}'" for o in trigger.options)
            self.problem(f"{q.path}.show_if.answer",
                         f"'{cond.value}' is not an answer to '{cond.question}'. Its answers are: {answers}")
            return
        q.show_if = Condition(trigger.id, match.value)
        trigger.reveals.setdefault(match.value, []).append(q)

    def _settings(self, q: Question) -> None:
        s = q.settings
        if s.get("pattern") is not None:
            try:
                re.compile(s["pattern"])
            except re.error as exc:
                self.problem(f"{q.path}.pattern", f"this is not a valid regular expression ({exc})")
            if _UNPORTABLE.search(s["pattern"]):
                self.problem(f"{q.path}.pattern", "use only the parts of regular expressions that browsers and "
                                                  "Python share: no (?P, (?i, (?#, lookbehind, \\A or \\Z")
            if not s.get("pattern_message"):
                self.problem(f"{q.path}.pattern", "a pattern needs its own error message: add 'pattern_message', "
                                                  "saying what to enter, such as 'Enter your account number as 8 numbers'")
        elif s.get("pattern_message"):
            self.problem(f"{q.path}.pattern_message", "there is no 'pattern' for this message")
        if s.get("min_length") and s.get("max_length") and s["min_length"] > s["max_length"]:
            self.problem(f"{q.path}.min_length", "min_length is more than max_length")
        if s.get("min") is not None and s.get("max") is not None and s["min"] > s["max"]:
            self.problem(f"{q.path}.min", "min is more than max")
        if q.type == "date":
            for key, message in dates.problems(s):
                self.problem(f"{q.path}.{key}", message)
        if q.type == "number" and s.get("whole", True):
            for key in ("min", "max"):
                if isinstance(s.get(key), float) and not s[key].is_integer():
                    self.problem(f"{q.path}.{key}", "this question takes whole numbers: make it a whole number, "
                                                    "or add 'whole: false'")

