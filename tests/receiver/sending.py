"""Submissions made the way the receiver makes them: fields checked by the forms' own rules,
then a draft, then Send, through a real store."""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path

from councilsite.clock import LONDON
from councilsite.forms import UploadedFile, check_submission, form_rules, load_forms
from councilsite.receiver.store.base import Store, Submission, Upload

ROOT = Path(__file__).resolve().parents[2]
_numbers = itertools.count(1)


def demo_forms() -> dict:
    return {f.id: f for f in load_forms(ROOT / "forms", "forms", None)}


def at(text: str) -> dt.datetime:
    """'2026-11-22 12:00' in UK time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def upload(question: str, filename: str, data: bytes, content_type: str) -> Upload:
    return Upload(question, filename, content_type, len(data), hashlib.sha256(data).hexdigest(), data)


def tidy(form, fields: dict, uploads=(), today: dt.date | None = None) -> dict:
    files = {u.question: UploadedFile(u.filename, u.size, u.content_type) for u in uploads}
    result = check_submission(form_rules(form), {k: v if isinstance(v, list) else [v] for k, v in fields.items()},
                              files, today or dt.date(2026, 11, 22))
    assert not result.errors, result.errors
    return result.answers


def send(store: Store, form, fields: dict, now: dt.datetime, uploads=(), reference: str | None = None) -> Submission:
    answers = tidy(form, fields, uploads, now.date())
    posted = {k: v if isinstance(v, list) else [v] for k, v in fields.items()}
    token = store.save_draft(form.id, posted, answers, list(uploads), now)
    ref = reference or f"TEST-{next(_numbers):06d}"
    submission, made = store.submit(token, form.id, lambda: ref, now)
    assert made
    return submission
