"""The question types an editor can use, and what each one accepts in the YAML.

Each type lists its own keys (on top of the keys every question has) and the kinds of error it
can show, which are the keys an editor may use under `errors:` to write their own message.
"""
from __future__ import annotations

from dataclasses import dataclass

from councilsite.content.schema import Boolean, Choice, Field, Integer, Invalid, ListOf, Number, Record, Text, validate
from councilsite.forms.dates import DateBoundKind

# GOV.UK input widths: a fixed number of characters, or a fraction of the column.
WIDTHS = ("2", "3", "4", "5", "10", "20", "30", "full", "three-quarters", "two-thirds", "one-half",
          "one-third", "one-quarter")

# HTML autocomplete tokens an editor may ask for on a text question (WCAG 1.3.5).
AUTOCOMPLETE = ("off", "name", "honorific-prefix", "given-name", "additional-name", "family-name",
                "honorific-suffix", "nickname", "email", "username", "organization-title", "organization",
                "street-address", "address-line1", "address-line2", "address-line3", "address-level2",
                "address-level1", "country-name", "postal-code", "bday", "sex", "tel", "url")

INPUTMODES = ("text", "numeric", "decimal", "email", "tel", "url", "none")

# File types residents can attach: extension -> (how it is named in messages, MIME types).
FILE_TYPES = {
    "jpg": ("JPG", ("image/jpeg",)),
    "jpeg": ("JPG", ("image/jpeg",)),
    "png": ("PNG", ("image/png",)),
    "heic": ("HEIC", ("image/heic", "image/heif")),
    "gif": ("GIF", ("image/gif",)),
    "pdf": ("PDF", ("application/pdf",)),
    "doc": ("Word document", ("application/msword",)),
    "docx": ("Word document", ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)),
    "odt": ("OpenDocument text", ("application/vnd.oasis.opendocument.text",)),
    "txt": ("text file", ("text/plain",)),
    "csv": ("CSV", ("text/csv",)),
}

ID = Text(pattern=r"[a-z][a-z0-9_]{0,39}",
          pattern_help="an id of up to 40 lower-case letters, numbers and underscores, starting with a letter, "
                       "such as 'bin_type' (it is the field name the form sends)",
          expected="a question id")
SIZE = Text(pattern=r"\d+(\.\d+)?\s*(KB|MB)", pattern_help="a size such as '10MB' or '500KB'", expected="a file size")


class OptionKind:
    """An answer: just its text, or `label` with an optional `value` (what the form sends) and `hint`."""

    def check(self, value):
        if isinstance(value, str):
            return {"label": Text(max_length=200).check(value)}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"label": str(value)}
        if not isinstance(value, dict):
            raise Invalid("expected an answer's text, or 'label' with an optional 'value' and 'hint'")
        problems: list[tuple[str, str]] = []
        out = validate(value, OPTION, collect=problems)
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return out


class AnswerKind:
    """The answer a condition waits for. YAML reads a bare yes or no as true or false: take those too."""

    def check(self, value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, (int, float)):
            return str(value)
        return Text(max_length=200).check(value)


OPTION_VALUE = Text(max_length=100, pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]*",
                    pattern_help="a value of letters, numbers, '-', '_' and '.', such as 'grey-bin'",
                    expected="a value")

OPTION = Record({
    "label": Field(Text(max_length=200), required=True, help="Write the answer as the resident reads it."),
    "value": Field(OPTION_VALUE),
    "hint": Field(Text(max_length=300)),
})

OPTIONS = Field(ListOf(OptionKind(), min_items=1), required=True,
                help="List the answers residents can choose from, one per line starting '- '.")


@dataclass(frozen=True)
class QuestionType:
    name: str
    fields: dict[str, Field]  # keys only this type has
    error_kinds: tuple[str, ...]  # keys allowed under `errors:`
    summary: str = ""
    choices: bool = False  # has options a condition can point at


_TEXT_LIMITS = {
    "min_length": Field(Integer(minimum=1, maximum=100_000)),
    "max_length": Field(Integer(minimum=1, maximum=100_000)),
}

TYPES: dict[str, QuestionType] = {t.name: t for t in [
    QuestionType("text", {
        **_TEXT_LIMITS,
        "pattern": Field(Text(), help="A regular expression the whole answer must match."),
        "pattern_message": Field(Text(max_length=200)),
        "autocomplete": Field(Choice(AUTOCOMPLETE, "an HTML autocomplete token")),
        "width": Field(Choice(WIDTHS, "a GOV.UK input width")),
        "spellcheck": Field(Boolean()),
        "inputmode": Field(Choice(INPUTMODES, "an input mode")),
    }, ("required", "too_short", "too_long"), "A one-line answer."),
    QuestionType("textarea", {
        **_TEXT_LIMITS,
        "rows": Field(Integer(minimum=2, maximum=20)),
        "spellcheck": Field(Boolean()),
    }, ("required", "too_short", "too_long"), "A longer answer; with max_length, a character count."),
    QuestionType("email", {"width": Field(Choice(WIDTHS, "a GOV.UK input width"))},
                 ("required", "format", "too_long"), "An email address."),
    QuestionType("phone", {"width": Field(Choice(WIDTHS, "a GOV.UK input width"))},
                 ("required", "format"), "A UK or international phone number."),
    QuestionType("number", {
        "min": Field(Number()),
        "max": Field(Number()),
        "whole": Field(Boolean(), help="true (the default) for whole numbers only."),
        "prefix": Field(Text(max_length=10)),
        "suffix": Field(Text(max_length=30)),
        "width": Field(Choice(WIDTHS, "a GOV.UK input width")),
    }, ("required", "format", "whole", "too_small", "too_big"), "A number, such as how many items."),
    QuestionType("date", {
        "when": Field(Choice(("past", "today_or_past", "future", "today_or_future", "any"), "one of")),
        "before": Field(DateBoundKind(), help="The latest date it takes: 'today' or a date such as 2027-03-31."),
        "after": Field(DateBoundKind(), help="The earliest date it takes: 'today' or a date such as 2026-04-01."),
        "within_days": Field(Integer(minimum=1, maximum=3660),
                             help="With before: today, how many days back; with after: today, how many ahead."),
        "earliest_year": Field(Integer(minimum=1000, maximum=9999)),
        "latest_year": Field(Integer(minimum=1000, maximum=9999)),
        "autocomplete": Field(Choice(("bday",), "'bday' for a date of birth")),
    }, ("required", "incomplete", "invalid", "year", "when", "before", "after", "within_days", "earliest_year",
        "latest_year"), "A date in three boxes: day, month and year."),
    QuestionType("radios", {"options": OPTIONS, "inline": Field(Boolean())}, ("required",),
                 "Choose one answer.", choices=True),
    QuestionType("checkboxes", {"options": OPTIONS}, ("required",), "Choose any number of answers.", choices=True),
    QuestionType("select", {"options": OPTIONS}, ("required",), "Choose one answer from a drop-down list.",
                 choices=True),
    QuestionType("yes_no", {"inline": Field(Boolean())}, ("required",), "Yes or no.", choices=True),
    QuestionType("address", {"autocomplete": Field(Boolean(), help="false if it is not the resident's own address.")},
                 ("line1", "town", "postcode", "postcode_format"), "A UK address with postcode."),
    QuestionType("name", {"style": Field(Choice(("full", "parts"), "one of"))},
                 ("required", "too_long", "first", "last"), "A full name, or first and last names."),
    QuestionType("file", {
        "accept": Field(ListOf(Choice(tuple(FILE_TYPES), "a file type"), min_items=1)),
        "max_size": Field(SIZE),
    }, ("required", "type", "size", "empty"), "A file, such as a photo."),
]}

# Keys every question has.
COMMON: dict[str, Field] = {
    "id": Field(ID, required=True, help="Give the question an id such as 'bin_type': it is the field name the form sends."),
    "type": Field(Text(), required=True),
    "label": Field(Text(max_length=200), required=True, help="Write the question, such as 'Which bin did we miss?'"),
    "hint": Field(Text(max_length=500)),
    "optional": Field(Boolean(), help="true if residents may leave it blank; questions are required otherwise."),
    "name_in_errors": Field(Text(max_length=120),
                            help="How error messages name the answer, such as 'your postcode' (for 'Enter your postcode')."),
    "errors": Field(Record({})),  # replaced per type: see question_record
    "show_if": Field(Record({
        "question": Field(ID, required=True),
        "answer": Field(AnswerKind(), required=True),
    }, expected="'question' (an id) and 'answer' (one of its answers)")),
}

YES_NO = [("yes", "Yes"), ("no", "No")]
DEFAULT_ACCEPT = ("jpg", "jpeg", "png", "pdf")
DEFAULT_MAX_SIZE = "10MB"


def question_record(qtype: QuestionType) -> Record:
    errors = Record({kind: Field(Text(max_length=200)) for kind in qtype.error_kinds},
                    expected="custom error messages by kind")
    return Record({**COMMON, "errors": Field(errors), **qtype.fields})


def size_in_bytes(text: str) -> int:
    number, unit = float(text.strip()[:-2]), text.strip()[-2:].upper()
    return int(number * (1024 if unit == "KB" else 1024 * 1024))


def accept_extensions(question) -> list[str]:
    """The file extensions a file question accepts, with jpg implying jpeg and back."""
    chosen = list(question.setting("accept", DEFAULT_ACCEPT))
    for a, b in (("jpg", "jpeg"), ("jpeg", "jpg")):
        if a in chosen and b not in chosen:
            chosen.insert(chosen.index(a) + 1, b)
    return chosen


def accept_names(question) -> str:
    """'JPG, PNG or PDF', for messages and hints."""
    names: list[str] = []
    for ext in accept_extensions(question):
        name = FILE_TYPES[ext][0]
        if name not in names:
            names.append(name)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
