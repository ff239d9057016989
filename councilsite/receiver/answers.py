"""Answers as people read them: "Check your answers", the CSV export and the back office agree.

Tidied answers (councilsite.forms.check_submission) hold values, such as `garden-waste` or
`2026-11-20`; residents and officers read labels and dates, such as "Brown garden waste bin" and
"20 November 2026". Questions hidden by a condition are left out; an optional question that was
shown but left blank reads "Not provided", as GOV.UK says it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councilsite.forms.fields import parts
from councilsite.forms.model import Form, Question
from councilsite.forms.rules import question_rule

NOT_PROVIDED = "Not provided"


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    label: str  # the question, as asked
    lines: tuple[str, ...]  # the answer, one line each (addresses, ticked boxes, paragraphs)
    provided: bool
    target: str  # the field id a "Change" link goes to

    @property
    def text(self) -> str:
        """The answer on one line, for exports: lines joined with '; ' and paragraphs kept."""
        return "; ".join(self.lines) if self.question.type in ("address", "checkboxes") else "\n".join(self.lines)


def shown(q: Question, answers: dict) -> bool:
    if q.show_if is None:
        return True
    given = answers.get(q.show_if.question)
    values = given if isinstance(given, list) else [given]
    return q.show_if.value in values


def answer_rows(form: Form, answers: dict) -> list[AnswerRow]:
    rows = []
    for q in form.questions:
        if not shown(q, answers):
            continue
        value = answers.get(q.id)
        lines = tuple(answer_lines(q, value)) if value not in (None, "", [], {}) else ()
        target = question_rule(q)["target"]
        rows.append(AnswerRow(q, q.label, lines or (NOT_PROVIDED,), bool(lines), target))
    return rows


def answer_lines(q: Question, value) -> list[str]:
    labels = {o.value: o.label for o in q.options}
    if q.type in ("radios", "select", "yes_no"):
        return [labels.get(value, str(value))]
    if q.type == "checkboxes":
        return [labels.get(v, str(v)) for v in value]
    if q.type == "date":
        day = dt.date.fromisoformat(value)
        return [f"{day.day} {day:%B %Y}"]
    if q.type in ("address", "name") and isinstance(value, dict):
        keys = [p.key for p in parts(q)]
        given = [value[k] for k in keys if value.get(k)]
        return given if q.type == "address" else [" ".join(given)]
    if q.type == "file":
        return [f"{value['filename']} ({_size(value['size'])})"]
    if q.type == "number":
        prefix, suffix = q.setting("prefix", ""), q.setting("suffix", "")
        if value == 1 and suffix.endswith("s") and not suffix.endswith("ss"):
            suffix = suffix[:-1]  # "1 item", not "1 items"
        return [f"{prefix}{value:,}{(' ' + suffix) if suffix else ''}"]
    return [line for line in str(value).split("\n")]


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size < 1024:
        return f"{size} bytes"
    return f"{round(size / 1024)} KB"
