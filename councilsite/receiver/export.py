"""Submissions for officers: a CSV for a spreadsheet, JSON for other systems, uploads as files.

Residents' answers are untrusted text that officers open in Excel or paste into web pages:

    CSV   a cell that starts with = + - @ tab or CR would run as a formula (OWASP "CSV injection"),
          so it gets a leading ' and shows as text. A plain number, such as -5 or -1,250.50, is the
          exception: it cannot be a formula, and quoting it would turn a number an officer may add
          up into text with a stray apostrophe. "+1" is quoted: Excel would drop the plus.
    JSON  < > & and the JavaScript line separators are written as \\u escapes, so the file is also
          safe to paste inside HTML or a <script>; other characters stay as they are.

Answers are shown as people read them (councilsite.receiver.answers), in the form's order. An
answer to a question the form no longer has still goes out, in a column of its own at the end,
so a changed form never hides what a resident told us.
"""
from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from councilsite.clock import LONDON
from councilsite.forms.model import Form
from councilsite.receiver.answers import answer_lines, answer_rows, shown
from councilsite.receiver.store.base import Submission, Upload
from councilsite.receiver.uploads import safe_filename

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
HTML_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def cell(value: str) -> str:
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def received(submission: Submission) -> str:
    return submission.received_at.astimezone(LONDON).isoformat(timespec="seconds")


def _for_display(form: Form, answers: dict) -> dict:
    """File answers with the filename made safe to show."""
    shown_answers = dict(answers)
    for q in form.questions:
        value = answers.get(q.id)
        if q.type == "file" and isinstance(value, dict) and "filename" in value:
            shown_answers[q.id] = {**value, "filename": safe_filename(str(value["filename"]))}
    return shown_answers


def answer_texts(form: Form, answers: dict) -> dict[str, str]:
    """Question id -> the answer as read, for the questions the resident was shown."""
    answers = _for_display(form, answers)
    try:
        return {row.question.id: row.text for row in answer_rows(form, answers)}
    except (ValueError, TypeError, KeyError, AttributeError):
        # An answer from before the form changed (a question became a date, say): show it plainly.
        texts = {}
        for q in form.questions:
            if shown(q, answers) and q.id in answers:
                try:
                    texts[q.id] = "; ".join(answer_lines(q, answers[q.id]))
                except (ValueError, TypeError, KeyError, AttributeError):
                    texts[q.id] = _plain(answers[q.id])
        return texts


def _plain(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def labelled_texts(form: Form, answers: dict) -> dict[str, str]:
    """Question label -> the answer as read (a label used twice is told apart by its id)."""
    texts = answer_texts(form, answers)
    labels = [q.label for q in form.questions]
    return {(q.label if labels.count(q.label) == 1 else f"{q.label} ({q.id})"): texts[q.id]
            for q in form.questions if q.id in texts}


def export_csv(form: Form, submissions: Iterable[Submission], out: TextIO) -> int:
    """Write a header and one row per submission; return how many rows."""
    submissions = list(submissions)
    known = {q.id for q in form.questions}
    extra = sorted({key for s in submissions for key in s.answers if key not in known})
    writer = csv.writer(out)
    writer.writerow([cell(h) for h in ["Reference", "Received", *(q.label for q in form.questions),
                                       *(f"Earlier question: {key}" for key in extra)]])
    for s in submissions:
        texts = answer_texts(form, s.answers)
        writer.writerow([cell(s.reference), cell(received(s)), *(cell(texts.get(q.id, "")) for q in form.questions),
                         *(cell(_plain(s.answers[key])) if key in s.answers else "" for key in extra)])
    return len(submissions)


def file_record(upload: Upload, content: bool = False) -> dict:
    entry = {"question": upload.question, "filename": safe_filename(upload.filename),
             "content_type": upload.content_type, "size": upload.size, "sha256": upload.sha256}
    if content:
        import base64
        if upload.data is None:
            raise ValueError(f"upload for {upload.question} has no data: read submissions with with_data=True")
        entry["content_base64"] = base64.b64encode(upload.data).decode("ascii")
    return entry


def record(form: Form | None, submission: Submission, content: bool = False) -> dict:
    """One submission as JSON data: what the export lists and what the forwarder posts."""
    return {
        "form": submission.form_id,
        "reference": submission.reference,
        "received_at": received(submission),
        "answers": submission.answers,
        "answers_text": labelled_texts(form, submission.answers) if form is not None else {},
        "files": [file_record(u, content) for u in submission.uploads],
    }


def html_safe_json(value, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    # Outside strings JSON has none of these characters, so escaping them everywhere is exact.
    return re.sub("[<>&\u2028\u2029]", lambda m: HTML_SAFE[m.group()], text)


def export_json(form: Form, submissions: Iterable[Submission], out: TextIO) -> int:
    """Write a JSON list of submissions; return how many."""
    count = 0
    out.write("[")
    for s in submissions:
        out.write(("," if count else "") + "\n" + html_safe_json(record(form, s), indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_files(submissions: Iterable[Submission], folder: Path) -> list[Path]:
    """Save each upload (read with with_data=True) as <folder>/<reference>/<question>-<filename>,
    each file 0600 in folders 0700: they hold residents' personal data.

    An existing file is never overwritten: FileExistsError names it, and what was saved so far stays.
    """
    written = []
    for s in submissions:
        for upload in s.uploads:
            if upload.data is None:
                raise ValueError(f"{s.reference}: upload for {upload.question} has no data: read submissions "
                                 "with with_data=True")
            name = f"{safe_filename(upload.question)}-{safe_filename(upload.filename)}"
            while len(name.encode()) > 250:  # file systems count bytes, and é takes two
                stem, ext = os.path.splitext(name)
                name = stem[:-1] + ext if len(ext) < 20 else name[:-1]
            target = Path(folder) / safe_filename(s.reference) / name
            _private_folder(target.parent)
            # 0600 from the start (never briefly readable by others), and whatever the umask.
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                os.fchmod(out.fileno(), 0o600)
                out.write(upload.data)
            written.append(target)
    return written


def _private_folder(path: Path) -> None:
    """Make the folder and any missing parents 0700 (readable by their owner only); folders that
    were there already keep their permissions, except the reference's own, which holds the files."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask; this is not
    if not missing:
        os.chmod(path, 0o700)
