"""The receiver: a WSGI application the generated forms post to.

    POST <prefix>/<form>         answers: 422 with the form and its errors, or 303 to check them
    GET  <prefix>/<form>/check   "Check your answers"
    GET  <prefix>/<form>/change  the form again, filled in, to change an answer
    POST <prefix>/<form>/send    sends the checked answers (idempotent: the session's draft is the key)
    GET  <prefix>/<form>/sent    the confirmation page with the reference number
    GET  <prefix>/health         the database answers: 200, else 503

Answers are never in an address. The journey is tied to the browser that started it by one
strictly necessary session cookie (councilsite.receiver.session): HttpOnly, SameSite=Lax, Secure
over HTTPS, sent only to the receiver's own paths, and holding nothing but the draft's random
key. Answers left alone for `session_minutes` (60 by default) are deleted, and the resident is
told so. After Send, the check and change pages lead to the confirmation, which shows only the
reference. Nothing needs JavaScript. The rules are the forms' own (councilsite.forms); the
markup is the theme's own (councilsite.receiver.render).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from werkzeug.wrappers import Request, Response

from councilsite import clock
from councilsite.forms.fields import field_names
from councilsite.forms.model import Form
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import FormError, UploadedFile, check_submission
from councilsite.forms.view import build_page
from councilsite.receiver import uploads as upload_types
from councilsite.receiver.body import Body, TooLarge, Unreadable, form_body_limit, read_multipart
from councilsite.receiver.deliver.compose import channels_for
from councilsite.receiver.pages import Pages
from councilsite.receiver.references import new_reference
from councilsite.receiver.session import SessionCookie
from councilsite.receiver.settings import Settings
from councilsite.receiver.spam import client_address, client_key, honeypot_filled
from councilsite.receiver.store import Store, StoreError, Upload, open_store

log = logging.getLogger("councilsite.receiver")

URLENCODED, MULTIPART = "application/x-www-form-urlencoded", "multipart/form-data"
RATE_WINDOW = dt.timedelta(minutes=1)  # settings.rate_limit counts posts per this window
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
}


@dataclass
class Reply:
    status: int
    body: str = ""
    location: str | None = None
    event: str = ""
    form: str | None = None
    reference: str | None = None
    extra: dict | None = None
    content_type: str = "text/html; charset=utf-8"
    cookie: str | None = None  # a Set-Cookie value: the session's key, given once answers are kept


class BadRequest(Exception):
    def __init__(self, status: int, event: str):
        self.status, self.event = status, event


class Receiver:
    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store or open_store(settings.database_url)
        self.pages = Pages(settings)
        self.rules = {form_id: form_rules(form) for form_id, form in settings.forms.items()}
        self.file_limits = {form_id: {r["name"]: r["max_bytes"] for r in rules["questions"] if r["kind"] == "file"}
                            for form_id, rules in self.rules.items()}
        self.limits = {form_id: form_body_limit(form, settings.max_field_chars)
                       for form_id, form in settings.forms.items()}
        self.prefix = settings.prefix.rstrip("/")
        self.session = SessionCookie(self.prefix + "/", settings.trusted_proxies)
        self.drafts_cleared = 0.0  # when this process last deleted stale drafts (time.monotonic)

    # WSGI ---------------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        request = Request(environ)
        try:
            reply = self.route(request)
        except BadRequest as exc:
            reply = self.refused(exc.status, exc.event, self._form_of(request.path))
        except StoreError as exc:
            log.error(json.dumps({"event": "store.error", "error": type(exc).__name__}))
            reply = self.refused(503, "store.unavailable", self._form_of(request.path))
        response = self.respond(reply)
        if reply.cookie:
            response.headers["Set-Cookie"] = reply.cookie
        entry = {"event": reply.event, "method": request.method, "status": reply.status,
                 "ms": round((time.perf_counter() - started) * 1000, 1)}
        if reply.form:
            entry["form"] = reply.form
        if reply.reference:
            entry["reference"] = reply.reference  # not personal data: residents quote it to us
        if reply.extra:
            entry.update(reply.extra)
        log.info(json.dumps(entry))
        return response(environ, start_response)

    def respond(self, reply: Reply) -> Response:
        response = Response(reply.body, status=reply.status, content_type=reply.content_type)
        response.headers.update(HEADERS)
        if reply.location:
            response.headers["Location"] = reply.location
        if reply.status == 429 and reply.extra:
            response.headers["Retry-After"] = str(reply.extra.get("retry_after", 60))
        if reply.status == 405 and reply.extra:
            response.headers["Allow"] = reply.extra["allow"]
        return response

    def route(self, request: Request) -> Reply:
        path = request.path
        if path == f"{self.prefix}/health":
            return self.health()
        if not path.startswith(self.prefix + "/"):
            return self.not_found()
        parts = path[len(self.prefix) + 1:].strip("/").split("/")
        form = self.settings.forms.get(parts[0])
        if form is None:
            return self.not_found()
        step = parts[1:]
        if not step:
            if request.method == "POST":
                return self.answers(form, request)
            if request.method in ("GET", "HEAD"):
                return Reply(303, location=form.url, event="form.redirect", form=form.id)
            return self.not_allowed("GET, POST", form)
        if step == ["send"]:
            if request.method != "POST":
                return self.not_allowed("POST", form)
            return self.send(form, request)
        if len(step) == 1 and step[0] in ("check", "change", "sent"):
            if request.method not in ("GET", "HEAD"):
                return self.not_allowed("GET", form)
            token = self.session.read(request)
            return {"check": self.check, "change": self.change, "sent": self.sent}[step[0]](form, token)
        return self.not_found(form)

    # Steps --------------------------------------------------------------------------------------

    def answers(self, form: Form, request: Request) -> Reply:
        limited = self.rate_limited(request, form)
        if limited:
            return limited
        fields, body = self.read(request, form)
        try:
            return self._answers(form, fields, body, self.session.read(request), request)
        finally:
            body.close()  # the temporary files of the uploads go now, kept or not

    def _answers(self, form: Form, fields: dict[str, list[str]], body: Body, token: str | None,
                 request: Request) -> Reply:
        if honeypot_filled(fields, self.settings.honeypot):
            return self.refused(400, "form.honeypot", form)
        # This browser's answers to this form, if it has some still waiting: a change keeps their files.
        draft = self._draft(form, token)
        kept = {u.question: u for u in (draft.uploads if draft else ())}
        rules = self.rules[form.id]
        uploads, infos, errors = self.check_files(form, rules, body)
        for question, upload in kept.items():
            infos.setdefault(question, UploadedFile(upload.filename, upload.size, upload.content_type))
        errors.extend(self.too_long(form, rules, fields))
        result = check_submission(rules, fields, infos, clock.today())
        errors = _merge(errors, result.errors)
        known = {name for q in form.questions for name in field_names(q)}
        kept_fields = {name: values for name, values in fields.items() if name in known}
        if errors:
            page = build_page(form, self.action(form), kept_fields, errors, state="error",
                              honeypot=self.settings.honeypot or None,
                              kept_files={q: u.filename for q, u in kept.items()})
            return Reply(422, self.pages.form(form, page), event="form.invalid", form=form.id,
                         extra={"errors": len(errors)})
        with upload_types.mapped(list(uploads.values())) as ready:
            token = self.store.save_draft(form.id, kept_fields, result.answers, ready, clock.now(),
                                          token=draft.token if draft else None)
        self.clear_stale_drafts()
        return Reply(303, location=f"{self.prefix}/{form.id}/check", event="form.checked", form=form.id,
                     cookie=self.session.header(token, request))

    def _draft(self, form: Form, token: str | None):
        """The session's draft of this form, unless there is none or it has expired."""
        if not token:
            return None
        draft = self.store.draft(token)
        if draft is None or draft.form_id != form.id or self._expired(draft.created_at):
            return None
        return draft

    def check(self, form: Form, token: str | None) -> Reply:
        draft = self._draft(form, token)
        if draft is None:
            return self._sent_or_expired(form, token)
        body = self.pages.check_answers(form, draft.answers, change_url=f"{self.prefix}/{form.id}/change",
                                        send_url=f"{self.prefix}/{form.id}/send")
        return Reply(200, body, event="form.check", form=form.id)

    def change(self, form: Form, token: str | None) -> Reply:
        draft = self._draft(form, token)
        if draft is None:
            return self._sent_or_expired(form, token)
        page = build_page(form, self.action(form), draft.fields, honeypot=self.settings.honeypot or None,
                          kept_files={u.question: u.filename for u in draft.uploads},
                          back=f"{self.prefix}/{form.id}/check")
        return Reply(200, self.pages.form(form, page), event="form.change", form=form.id)

    def send(self, form: Form, request: Request) -> Reply:
        # Not rate limited: a Send needs an unguessable token from a post of answers, which was
        # counted, and sending it again changes nothing. A resident whose answers just reached
        # the limit can still send them.
        # Its body says nothing: the session cookie (sent only with a same-site post) says which answers.
        token = self.session.read(request)
        if not token:
            return self.expired(form)
        done = self.store.submission(form.id, token)
        if done is None:
            draft = self._draft(form, token)
            if draft is None:
                return self.expired(form)
            made = self.store.submit(token, form.id, new_reference, clock.now(),
                                     channels=channels_for(form, draft.answers))  # the emails it makes
            if made is None:
                return self.expired(form)
            done, created = made
            event = "form.sent" if created else "form.resent"
        else:
            event = "form.resent"
        return Reply(303, location=f"{self.prefix}/{form.id}/sent", event=event, form=form.id,
                     reference=done.reference)

    def sent(self, form: Form, token: str | None) -> Reply:
        done = self.store.submission(form.id, token) if token else None
        if done is None:
            return self.expired(form)
        return Reply(200, self.pages.confirmation(form, done.reference), event="form.confirmation", form=form.id,
                     reference=done.reference)

    def health(self) -> Reply:
        try:
            self.store.ping()
        except StoreError:
            return Reply(503, '{"status": "unavailable"}', event="health", content_type="application/json")
        return Reply(200, '{"status": "ok"}', event="health", content_type="application/json")

    def rate_limited(self, request: Request, form: Form) -> Reply | None:
        if self.settings.rate_limit <= 0:
            return None
        now = clock.now()
        client = client_key(client_address(request.environ, self.settings.trusted_proxies),
                            self.settings.rate_limit_secret, now.date())
        wait = self.store.count_post(client, now, RATE_WINDOW, self.settings.rate_limit)
        if wait is None:
            return None
        reply = self.refused(429, "form.rate_limited", form)
        reply.extra = {"retry_after": math.ceil(wait.total_seconds())}
        return reply

    def clear_stale_drafts(self) -> None:
        """Answers nobody sent are personal data we have no reason to keep: each receiver deletes
        stale ones hourly, so they go even where nobody runs `councilsite submissions purge`."""
        if time.monotonic() - self.drafts_cleared < 3600 and self.drafts_cleared:
            return
        self.drafts_cleared = time.monotonic()
        cleared = self.store.purge_drafts(clock.now() - dt.timedelta(minutes=self.settings.session_minutes))
        if cleared.drafts:
            log.info(json.dumps({"event": "drafts.purged", "drafts": cleared.drafts}))

    # Reading and checking -----------------------------------------------------------------------

    def read(self, request: Request, form: Form) -> tuple[dict[str, list[str]], Body]:
        """The posted fields (name -> values) and files, refusing what no form of ours sends: a body
        bigger than this form's questions can need (councilsite.receiver.body) is 413."""
        limit = self.limits[form.id]
        if request.content_length is not None and request.content_length > limit:
            raise BadRequest(413, "form.too_large")
        mimetype = request.mimetype
        if mimetype == URLENCODED:
            body = request.stream.read(limit + 1)
            if len(body) > limit:
                raise BadRequest(413, "form.too_large")
            try:
                fields = parse_qs(body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict",
                                  max_num_fields=2000)
            except (UnicodeDecodeError, ValueError):
                raise BadRequest(400, "form.unreadable") from None
            return fields, Body(fields)
        if mimetype == MULTIPART:
            try:
                body = read_multipart(request.stream, request.headers.get("Content-Type", ""), limit,
                                      self.settings.max_field_chars * 4 + 1024, self.file_limits[form.id])
            except TooLarge:
                raise BadRequest(413, "form.too_large") from None
            except Unreadable:
                raise BadRequest(400, "form.unreadable") from None
            # Bytes that are not UTF-8 were replaced with U+FFFD; no keyboard types one.
            if any("\ufffd" in value for values in body.fields.values() for value in values):
                body.close()
                raise BadRequest(400, "form.unreadable")
            return body.fields, body
        raise BadRequest(415, "form.wrong_type")

    def check_files(self, form: Form, rules: dict, body: Body) -> tuple[dict, dict, list[FormError]]:
        """Each file's size checked, and its type checked by its content, not its name."""
        uploads, infos, errors = {}, {}, []
        for rule in rules["questions"]:
            if rule["kind"] != "file":
                continue
            posted = body.files.get(rule["name"])
            if posted is None or not posted.filename:
                continue
            name = upload_types.safe_filename(posted.filename)
            infos[rule["id"]] = UploadedFile(name, posted.size, None)
            if not posted.size or not posted.kept:
                continue  # check_submission words the message: empty or too big
            extension = name.lower().rsplit(".", 1)[-1] if "." in name else ""
            if f".{extension}" not in rule["accept"]:
                continue  # wrong name: check_submission says which types are allowed
            # The content must be what the name says: a PDF called photo.png is refused too.
            detected = upload_types.detect_file(posted.file, [extension])
            if detected is None:
                errors.append(FormError(rule["id"], rule["target"], rule["messages"]["type"]))
                continue
            infos[rule["id"]] = UploadedFile(name, posted.size, detected)
            uploads[rule["id"]] = (Upload(rule["id"], name, detected, posted.size, posted.sha256), posted.file)
        return uploads, infos, errors

    def too_long(self, form: Form, rules: dict, fields: dict[str, list[str]]) -> list[FormError]:
        """A cap on every answer, for questions whose definition sets none."""
        cap = self.settings.max_field_chars
        errors = []
        for rule in rules["questions"]:
            names = [p["name"] for p in rule.get("parts", [])] or [rule.get("name")]
            if any(len(v) > cap for n in names if n for v in fields.get(n, [])):
                question = form.question(rule["id"])
                errors.append(FormError(rule["id"], rule["target"],
                                        f"{question.label.rstrip('?')} must be {cap:,} characters or fewer"))
        return errors

    # Pages that turn a resident away, always with other ways to get help ----------------------------

    def refused(self, status: int, event: str, form: Form | None) -> Reply:
        return Reply(status, self.pages.message(form, MESSAGES[status]), event=event,
                     form=form.id if form else None)

    def expired(self, form: Form) -> Reply:
        return Reply(404, self.pages.message(form, expired_message(self.settings.session_minutes), start_again=True),
                     event="form.expired", form=form.id)

    def _sent_or_expired(self, form: Form, token: str | None) -> Reply:
        """The check page of answers already sent (the Back button) leads to their confirmation."""
        if token and self.store.submission(form.id, token) is not None:
            return Reply(303, location=f"{self.prefix}/{form.id}/sent", event="form.already_sent", form=form.id)
        return self.expired(form)

    def not_found(self, form: Form | None = None) -> Reply:
        return Reply(404, self.pages.message(form, MESSAGES[404]), event="not_found",
                     form=form.id if form else None)

    def not_allowed(self, allow: str, form: Form) -> Reply:
        reply = self.refused(405, "method_not_allowed", form)
        reply.extra = {"allow": allow}
        return reply

    def action(self, form: Form) -> str:
        return f"{self.prefix}/{form.id}"

    def _expired(self, saved_at) -> bool:
        """Answers not touched for session_minutes are gone, to the resident as to the purge."""
        return (clock.now() - saved_at).total_seconds() >= self.settings.session_minutes * 60

    def _form_of(self, path: str) -> Form | None:
        if not path.startswith(self.prefix + "/"):
            return None
        return self.settings.forms.get(path[len(self.prefix) + 1:].split("/")[0])


def _merge(first: list[FormError], second: list[FormError]) -> list[FormError]:
    """One message per question: a file of the wrong kind or an over-long answer wins."""
    taken = {e.question for e in first}
    return first + [e for e in second if e.question not in taken]


@dataclass(frozen=True)
class Message:
    title: str
    text: str
    html_title: str


MESSAGES = {
    400: Message("Sorry, we could not accept your form",
                 "Something about your form made our system think it was sent automatically, or we could not read "
                 "it. Nothing you entered has been kept.\n\nYou can go back and try again, or contact us another "
                 "way and we will help you.", "Form not accepted"),
    404: Message("Page not found", "If you typed the web address, check it is correct.\n\nYou can find every form "
                 "on the Do it online page.", "Page not found"),
    405: Message("Sorry, we could not accept your form", "Forms are sent with their Send button. Go back to the "
                 "form and try again, or contact us another way.", "Form not accepted"),
    413: Message("Your form is too big to send", "Your answers, with any files, are more than we can take in "
                 "one go. Nothing you entered has been kept.\n\nGo back and make any files smaller, or contact us "
                 "another way.", "Form too big"),
    415: Message("Sorry, we could not accept your form", "We could not read your form. Nothing you entered has "
                 "been kept.\n\nGo back and try again, or contact us another way.", "Form not accepted"),
    429: Message("You have sent too many forms in a short time", "To protect this service, we limit how many "
                 "forms can be sent from one place in a minute. Wait a minute, then try again. Nothing you entered "
                 "has been kept.\n\nIf you need help now, contact us another way.", "Too many forms sent"),
    503: Message("Sorry, there is a problem with the service", "We could not save your form, so it has not been "
                 "sent. Try again later.\n\nIf you need help now, contact us another way.",
                 "Sorry, there is a problem with the service"),
}
def expired_message(minutes: int) -> Message:
    """GOV.UK's "your answers have been deleted": a journey left alone, or never started in this browser."""
    wait = f"{minutes} minutes" if minutes % 60 else f"{minutes // 60} hour{'s' if minutes // 60 != 1 else ''}"
    return Message("Your answers have been deleted", f"You have not done anything on this form for {wait}, or it "
                   "was started in another browser, so we have deleted your answers to protect your information."
                   "\n\nIf you have already sent your form, you do not need to do anything: we have it.",
                   "Your answers have been deleted")


def create_app(settings: Settings, store: Store | None = None) -> Receiver:
    receiver = Receiver(settings, store)
    receiver.store.migrate()
    return receiver
