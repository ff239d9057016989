"""A validated form definition: what an editor wrote in forms/<id>.yml, as plain data."""
from __future__ import annotations

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
class Privacy:
    what: str
    why: str
    how_long: str
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
