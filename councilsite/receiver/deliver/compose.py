"""The two emails a submission makes, as plain data both channels send (SMTP or GOV.UK Notify).

To the team: the form's title and reference in the subject, then the answers as people read
them, in the words of Check your answers and the export (councilsite.receiver.export's
labelled_texts, not a third copy), and the files attached while they fit in the size allowed;
beyond that, the email says how to export them.

To the resident (GOV.UK Forms' confirmation email): the reference, what happens next and how
long it takes, and the other ways to contact the council. Never the answers unless the form
says include_answers: an email can be read by whoever shares the inbox.

Both have a plain text part and a simple HTML part, every resident's word escaped in it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from councilsite.clock import LONDON
from councilsite.forms.delivery import resident_question
from councilsite.forms.model import Form
from councilsite.forms.view import paragraphs
from councilsite.receiver.export import labelled_texts
from councilsite.receiver.store.base import Submission
from councilsite.receiver.uploads import safe_filename

DEFAULT_ATTACHMENTS_MAX = 10 * 1024 * 1024  # many mail servers refuse a message over 10-25 MB


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Email:
    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    key: str  # <form>/<reference>/<channel>: the same on every try (Message-ID, Notify's reference)
    attachments: tuple[Attachment, ...] = ()
    files_left_out: int = 0


def channels_for(form: Form, answers: dict) -> list[str]:
    """The emails a submission of this form makes: given at submit time, so stored with it."""
    channels = []
    if form.deliver.get("email"):
        channels.append("team")
    question = resident_question(form)
    if question and isinstance(answers.get(question), str) and answers[question].strip():
        channels.append("resident")
    return channels


def received_text(submission: Submission) -> str:
    local = submission.received_at.astimezone(LONDON)
    # GOV.UK style: 9am, 5:30pm, midday, midnight.
    if (local.hour, local.minute) in ((0, 0), (12, 0)):
        return f"{'midnight' if local.hour == 0 else 'midday'} on {local.day} {local:%B %Y}"
    hour = local.strftime("%I:%M%p" if local.minute else "%I%p").lstrip("0").lower()
    return f"{hour} on {local.day} {local:%B %Y}"


def team_email(form: Form, submission: Submission, attachments_max: int = DEFAULT_ATTACHMENTS_MAX) -> Email:
    answers = labelled_texts(form, submission.answers)
    attached, total, left_out = [], 0, []
    for upload in submission.uploads:
        if upload.data is not None and total + upload.size <= attachments_max:
            attached.append(Attachment(f"{safe_filename(upload.question)}-{safe_filename(upload.filename)}",
                                       upload.content_type, upload.data))
            total += upload.size
        else:
            left_out.append(upload)
    day = submission.received_at.astimezone(LONDON).date().isoformat()
    export = (f"councilsite submissions export --form {form.id} --from {day} --to {day} "
              f"--files <an empty folder>")
    files_note = []
    if left_out:
        one = len(left_out) == 1
        why = ("too big to attach" if attachments_max else "not attached (this service does not send files by email)")
        files_note = [f"{len(left_out)} file{'' if one else 's'} sent with this form ({', '.join(_names(left_out))}) "
                      f"{'was' if one else 'were'} {why}. To get {'it' if one else 'them'}, someone with access "
                      "to the server runs:", export]
    intro = f"{form.title}: a form was sent on {received_text(submission)}."
    lines = [intro, "", f"Reference: {submission.reference}", ""]
    for label, text in answers.items():
        lines += [label, text, ""]
    if attached:
        lines += [f"Attached: {', '.join(a.filename for a in attached)}", ""]
    if files_note:
        lines += [files_note[0], "", "    " + files_note[1], ""]
    body_html = [f"<p>{_e(intro)}</p>", f"<p>Reference: <strong>{_e(submission.reference)}</strong></p>"]
    for label, text in answers.items():
        body_html.append(f"<h2>{_e(label)}</h2>")
        body_html.append(_html_lines(text))
    if attached:
        body_html.append(f"<p>Attached: {_e(', '.join(a.filename for a in attached))}</p>")
    if files_note:
        body_html += [f"<p>{_e(files_note[0])}</p>", f"<pre><code>{_e(files_note[1])}</code></pre>"]
    subject = f"{form.title}: reference {submission.reference}"
    return Email(tuple(form.deliver["email"]), subject, "\n".join(lines).rstrip() + "\n",
                 _document(subject, form.title, body_html), f"{form.id}/{submission.reference}/team",
                 tuple(attached), len(left_out))


def resident_email(form: Form, submission: Submission, other_ways: dict, brand_name: str = "") -> Email | None:
    """The confirmation to the resident, or None if they gave no email address."""
    question = resident_question(form)
    address = submission.answers.get(question) if question else None
    if not isinstance(address, str) or not address.strip():
        return None
    council = brand_name or "the council"
    steps = paragraphs(form.what_happens_next)
    ways = form.other_ways or other_ways or {}
    lines = [f"{form.confirmation_title}", "", f"Your reference is {submission.reference}.",
             f"We received your form \u201c{form.title}\u201d on {received_text(submission)}. "
             "Quote the reference if you contact us about it.", "", "What happens next", ""]
    body_html = [f"<p>Your reference is <strong>{_e(submission.reference)}</strong>.</p>",
                 f"<p>We received your form \u201c{_e(form.title)}\u201d on {_e(received_text(submission))}. "
                 "Quote the reference if you contact us about it.</p>", "<h2>What happens next</h2>"]
    for step in steps:
        lines += [step, ""]
        body_html.append(f"<p>{_e(step)}</p>")
    lines += [form.timescale, ""]
    body_html.append(f"<p><strong>{_e(form.timescale)}</strong></p>")
    if form.payment:
        link = form.payment_url(submission.reference)
        lines += ["You still need to pay. We cannot deal with your form until you have paid:", link, ""]
        body_html.append(f'<p>You still need to pay. We cannot deal with your form until you have paid: '
                         f'<a href="{_e(link)}">{_e(form.payment.get("label") or "Continue to payment")}</a></p>')
    if (form.confirmation_email or {}).get("include_answers"):
        lines += ["Your answers", ""]
        body_html.append("<h2>Your answers</h2>")
        for label, text in labelled_texts(form, submission.answers).items():
            lines += [label, text, ""]
            body_html += [f"<h3>{_e(label)}</h3>", _html_lines(text)]
    way_lines = _other_ways(ways)
    if way_lines:
        lines += [f"Other ways to contact {council}", ""]
        body_html.append(f"<h2>Other ways to contact {_e(council)}</h2>")
        for heading, text in way_lines:
            lines += [heading, text, ""]
            body_html += [f"<h3>{_e(heading)}</h3>", _html_lines(text)]
    lines += [f"This email was sent by {council} because this address was given on the form."]
    body_html.append(f"<p>This email was sent by {_e(council)} because this address was given on the form.</p>")
    subject = f"{form.confirmation_title}: your reference is {submission.reference}"
    return Email((address.strip(),), subject, "\n".join(lines) + "\n",
                 _document(subject, form.confirmation_title, body_html), f"{form.id}/{submission.reference}/resident")


def _names(uploads) -> list[str]:
    return [f"{safe_filename(u.question)}-{safe_filename(u.filename)}" for u in uploads]


def _other_ways(ways: dict) -> list[tuple[str, str]]:
    found = []
    if ways.get("phone"):
        phone = ways["phone"]
        found.append(("By phone", phone["number"] + (f"\n{phone['hours']}" if phone.get("hours") else "")))
    if ways.get("email"):
        found.append(("By email", ways["email"]))
    if ways.get("in_person"):
        place = ways["in_person"]
        found.append(("In person", "\n".join(p for p in (place.get("place"), place["address"], place.get("hours"))
                                             if p)))
    if ways.get("post"):
        found.append(("By post", ways["post"]))
    return found


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _html_lines(text: str) -> str:
    return "<p>" + "<br>".join(_e(line) for line in text.split("\n")) + "</p>"


def _document(subject: str, heading: str, body: list[str]) -> str:
    # Simple on purpose: mail programs strip styles and scripts; headings and paragraphs survive
    # everywhere and a screen reader can move between them.
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{_e(subject)}</title>\n</head>\n<body>\n<h1>{_e(heading)}</h1>\n" + "\n".join(body) +
            "\n</body>\n</html>\n")
