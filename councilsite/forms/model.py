"""A validated form definition: what an editor wrote in forms/<id>.yml, as plain data."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from councilsite.content.frontmatter import line_for


@dataclass(frozen=True)
class Option:
    """One answer to a radios, checkboxes or select question."""

    value: str  # what the form sends
    label: str  # what the resident reads
    hint: str | None = None


@dataclass(frozen=True)
class Condition:
    """Show a question only if another question was answered with `value`."""

    question: str
    value: str


@dataclass
class Question:
    id: str
    type: str
    label: str
    hint: str | None = None
    optional: bool = False
    name_in_errors: str | None = None  # "your postcode", for default messages such as "Enter your postcode"
    errors: dict[str, str] = field(default_factory=dict)  # custom messages by kind
    show_if: Condition | None = None
    options: list[Option] = field(default_factory=list)
    settings: dict = field(default_factory=dict)  # type-specific keys: max_length, pattern, when, accept...
    path: str = ""  # where it is in the YAML, such as sections[0].questions[2]
    # option value -> the conditional questions revealed under that option (filled by the loader)
    reveals: dict[str, list["Question"]] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        return not self.optional

    def setting(self, key: str, default=None):
        value = self.settings.get(key)
        return default if value is None else value


@dataclass
class Section:
    title: str | None
    intro: str | None
    questions: list[Question]  # top-level questions; conditional ones hang off their trigger's `reveals`


@dataclass(frozen=True)
class Retention:
    """How long submissions are kept, such as 2 years: the receiver's purge deletes older ones."""

    amount: int
    unit: str  # day, week, month or year

    @classmethod
    def parse(cls, text: str) -> "Retention":
        amount, unit = text.split()
        return cls(int(amount), unit.rstrip("s"))

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}{'' if self.amount == 1 else 's'}"

    def mentioned_in(self, text: str) -> bool:
        words = {1: "one|a|an|1", 2: "two|2", 3: "three|3", 6: "six|6"}.get(self.amount, str(self.amount))
        return re.search(rf"\b({words}) {self.unit}s?\b", text, re.IGNORECASE) is not None

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        """The oldest moment a submission received now-ish may be from: anything before goes."""
        if self.unit in ("day", "week"):
            return now - dt.timedelta(days=self.amount * (7 if self.unit == "week" else 1))
        months = self.amount * (12 if self.unit == "year" else 1)
        year, month = divmod(now.month - 1 - months, 12)
        year, month = now.year + year, month + 1
        # 29 February less a year, or 31 March less a month: keep to the last day of that month.
        for day in range(now.day, 27, -1):
            try:
                return now.replace(year=year, month=month, day=day)
            except ValueError:
                continue
        return now.replace(year=year, month=month, day=min(now.day, 28))


@dataclass(frozen=True)
class Privacy:
    what: str
    why: str
    how_long: str
    keep_for: Retention | None = None
    shared_with: str | None = None


@dataclass
class Form:
    id: str
    src_path: str  # as shown in messages, such as forms/report-a-missed-bin.yml
    title: str
    intro: str
    privacy: Privacy
    what_happens_next: str
    timescale: str
    sections: list[Section]
    questions: list[Question]  # every question, in the order written
    category: str | None = None
    priority: int | None = None
    task_label: str | None = None
    who_can_use: str | None = None
    anonymous: bool = False
    other_ways: dict = field(default_factory=dict)
    action: str | None = None
    submit_label: str = "Send"
    confirmation_title: str = "Form sent"
    lines: dict[str, int] = field(default_factory=dict)
    back_url: str | None = None  # where its Back link goes: the page that links to it (set by the build)
    # Where submissions go and how the form ends (councilsite.forms.delivery).
    deliver: dict = field(default_factory=dict)  # {"email": [team addresses]}
    confirmation_email: dict | None = None  # None: no email to the resident
    payment: dict | None = None  # {"url": ..., "label": ..., "text": ...}

    def payment_url(self, reference: str | None = None) -> str | None:
        """The payment start button's address, carrying the reference."""
        from councilsite.forms.delivery import payment_link
        return payment_link(self.payment, reference) if self.payment else None

    @property
    def url(self) -> str:
        return f"/forms/{self.id}/"

    @property
    def error_url(self) -> str:
        return f"/forms/{self.id}/error/"

    @property
    def confirmation_url(self) -> str:
        return f"/forms/{self.id}/confirmation/"

    @property
    def schema_path(self) -> str:
        return f"forms/{self.id}.schema.json"

    @property
    def label(self) -> str:
        """How Do it Online lists the form."""
        return self.task_label or self.title

    @property
    def has_file(self) -> bool:
        return any(q.type == "file" for q in self.questions)

    @property
    def enctype(self) -> str:
        return "multipart/form-data" if self.has_file else "application/x-www-form-urlencoded"

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def line(self, path: str) -> int | None:
        return line_for(self.lines, path)
