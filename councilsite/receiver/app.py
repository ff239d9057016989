"""The receiver: a WSGI application the generated forms post to.

    POST <prefix>/<form>               answers: 422 with the form and its errors, or 303 to check them
    GET  <prefix>/<form>/check/<token>  "Check your answers"
    GET  <prefix>/<form>/change/<token> the form again, filled in, to change an answer
    POST <prefix>/<form>/send           sends the checked answers (idempotent: the token is the key)
    GET  <prefix>/<form>/sent/<token>   the confirmation page with the reference number
    GET  <prefix>/health                the database answers: 200, else 503

It works without JavaScript and without cookies: the draft's token travels in the address and
in the Send button's form, like a magic link, and it is never logged or sent to other sites
(Referrer-Policy: no-referrer). The rules are the forms' own (councilsite.forms); the markup is
the theme's own (councilsite.receiver.render).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import math
import time
from dataclasses import dataclass
from urllib.parse import parse_qs

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import parse_form_data
from werkzeug.wrappers import Request, Response

from councilsite import clock
from councilsite.forms.fields import field_names
from councilsite.forms.model import Form
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import FormError, UploadedFile, check_submission
from councilsite.forms.view import build_page
from councilsite.receiver import uploads as upload_types
from councilsite.receiver.pages import Pages
from councilsite.receiver.references import new_reference
from councilsite.receiver.settings import Settings
from councilsite.receiver.spam import client_address, client_key, honeypot_filled
from councilsite.receiver.store import Store, StoreError, Upload, open_store

log = logging.getLogger("councilsite.receiver")

URLENCODED, MULTIPART = "application/x-www-form-urlencoded", "multipart/form-data"
RATE_WINDOW = dt.timedelta(minutes=1)  # settings.rate_limit counts posts per this window
DRAFT_FIELD = "_draft"  # on a form being changed: the draft whose answers (and files) it changes
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


class BadRequest(Exception):
    def __init__(self, status: int, event: str):
        self.status, self.event = status, event


class Receiver:
    def __init__(self, settings: Settings, store: Store | None = None):
        self.settings = settings
        self.store = store or open_store(settings.database_url)
        self.pages = Pages(settings)
        self.rules = {form_id: form_rules(form) for form_id, form in settings.forms.items()}
        self.prefix = settings.prefix.rstrip("/")
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
        if len(step) == 2 and step[0] in ("check", "change", "sent"):
            if request.method not in ("GET", "HEAD"):
                return self.not_allowed("GET", form)
            return {"check": self.check, "change": self.change, "sent": self.sent}[step[0]](form, step[1])
        return self.not_found(form)

    # Steps --------------------------------------------------------------------------------------

    def answers(self, form: Form, request: Request) -> Reply:
        limited = self.rate_limited(request, form)
        if limited:
            return limited
        fields, files = self.read(request, form)
        if honeypot_filled(fields, self.settings.honeypot):
            return self.refused(400, "form.honeypot", form)
        draft = None
        if fields.get(DRAFT_FIELD):
            draft = self.store.draft(fields[DRAFT_FIELD][0])
            if draft is None or draft.form_id != form.id or self._expired(draft.created_at):
                return self.expired(form)
        kept = {u.question: u for u in (draft.uploads if draft else ())}
        rules = self.rules[form.id]
        uploads, infos, errors = self.check_files(form, rules, files)
        for question, upload in kept.items():
            infos.setdefault(question, UploadedFile(upload.filename, upload.size, upload.content_type))
        errors.extend(self.too_long(form, rules, fields))
        result = check_submission(rules, fields, infos, clock.today())
        errors = _merge(errors, result.errors)
        known = {name for q in form.questions for name in field_names(q)}
        kept_fields = {name: values for name, values in fields.items() if name in known}
        if errors:
            hidden = {DRAFT_FIELD: draft.token} if draft else {}
            page = build_page(form, self.action(form), kept_fields, errors, state="error",
                              honeypot=self.settings.honeypot or None, hidden=hidden,
                              kept_files={q: u.filename for q, u in kept.items()})
            return Reply(422, self.pages.form(form, page), event="form.invalid", form=form.id,
                         extra={"errors": len(errors)})
        token = self.store.save_draft(form.id, kept_fields, result.answers, list(uploads.values()), clock.now(),
                                      token=draft.token if draft else None)
        self.clear_stale_drafts()
        return Reply(303, location=f"{self.prefix}/{form.id}/check/{token}", event="form.checked", form=form.id)

    def check(self, form: Form, token: str) -> Reply:
        draft = self.store.draft(token)
        if draft is None or draft.form_id != form.id or self._expired(draft.created_at):
            return self._sent_or_expired(form, token)
        body = self.pages.check_answers(form, draft.answers, token,
                                        change_url=f"{self.prefix}/{form.id}/change/{token}",
                                        send_url=f"{self.prefix}/{form.id}/send")
        return Reply(200, body, event="form.check", form=form.id)

    def change(self, form: Form, token: str) -> Reply:
        draft = self.store.draft(token)
        if draft is None or draft.form_id != form.id or self._expired(draft.created_at):
            return self._sent_or_expired(form, token)
        page = build_page(form, self.action(form), draft.fields, honeypot=self.settings.honeypot or None,
                          hidden={DRAFT_FIELD: token}, kept_files={u.question: u.filename for u in draft.uploads})
        return Reply(200, self.pages.form(form, page), event="form.change", form=form.id)

    def send(self, form: Form, request: Request) -> Reply:
        # Not rate limited: a Send needs an unguessable token from a post of answers, which was
        # counted, and sending it again changes nothing. A resident whose answers just reached
        # the limit can still send them.
        fields, _ = self.read(request, form, multipart=False)
        token = (fields.get("token") or [""])[0]
        if not token:
            return self.expired(form)
        done = self.store.submission(form.id, token)
        if done is None:
            draft = self.store.draft(token)
            if draft is None or draft.form_id != form.id or self._expired(draft.created_at):
                return self.expired(form)
            made = self.store.submit(token, form.id, new_reference, clock.now())
            if made is None:
                return self.expired(form)
            done, created = made
            event = "form.sent" if created else "form.resent"
        else:
            event = "form.resent"
        return Reply(303, location=f"{self.prefix}/{form.id}/sent/{token}", event=event, form=form.id,
                     reference=done.reference)

    def sent(self, form: Form, token: str) -> Reply:
        done = self.store.submission(form.id, token)
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
        cleared = self.store.purge_drafts(clock.now() - dt.timedelta(hours=self.settings.draft_hours))
        if cleared.drafts:
            log.info(json.dumps({"event": "drafts.purged", "drafts": cleared.drafts}))

    # Reading and checking -----------------------------------------------------------------------

    def read(self, request: Request, form: Form, multipart: bool = True) -> tuple[dict[str, list[str]], dict]:
        """The posted fields (name -> values) and files, refusing what no form of ours sends."""
        limit = self.settings.max_body_bytes
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
            return fields, {}
        if mimetype == MULTIPART and multipart:
            try:
                _, form_data, files = parse_form_data(request.environ, max_content_length=limit,
                                                      max_form_memory_size=self.settings.max_field_chars * 4 + 1024,
                                                      max_form_parts=2000, silent=False)
            except RequestEntityTooLarge:
                raise BadRequest(413, "form.too_large") from None
            except (UnicodeDecodeError, ValueError):
                raise BadRequest(400, "form.unreadable") from None
            fields = {name: form_data.getlist(name) for name in form_data}
            # werkzeug replaces bytes that are not UTF-8 with U+FFFD; no keyboard types one.
            if any("\ufffd" in value for values in fields.values() for value in values):
                raise BadRequest(400, "form.unreadable")
            return fields, files
        raise BadRequest(415, "form.wrong_type")

    def check_files(self, form: Form, rules: dict, files) -> tuple[dict[str, Upload], dict, list[FormError]]:
        """Each file read, its size checked, and its type checked by its content, not its name."""
        import hashlib

        uploads, infos, errors = {}, {}, []
        for rule in rules["questions"]:
            if rule["kind"] != "file":
                continue
            posted = files.get(rule["name"]) if files else None
            if posted is None or not posted.filename:
                continue
            data = posted.stream.read(rule["max_bytes"] + 1)
            name = upload_types.safe_filename(posted.filename)
            infos[rule["id"]] = UploadedFile(name, len(data), None)
            if not data or len(data) > rule["max_bytes"]:
                continue  # check_submission words the message: empty or too big
            extension = name.lower().rsplit(".", 1)[-1] if "." in name else ""
            if f".{extension}" not in rule["accept"]:
                continue  # wrong name: check_submission says which types are allowed
            # The content must be what the name says: a PDF called photo.png is refused too.
            detected = upload_types.detect(data, [extension])
            if detected is None:
                errors.append(FormError(rule["id"], rule["target"], rule["messages"]["type"]))
                continue
            infos[rule["id"]] = UploadedFile(name, len(data), detected)
            uploads[rule["id"]] = Upload(rule["id"], name, detected, len(data), hashlib.sha256(data).hexdigest(),
                                         data)
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
        return Reply(404, self.pages.message(form, EXPIRED), event="form.expired", form=form.id)

    def _sent_or_expired(self, form: Form, token: str) -> Reply:
        """The check page of answers already sent (the Back button) leads to their confirmation."""
        if self.store.submission(form.id, token) is not None:
            return Reply(303, location=f"{self.prefix}/{form.id}/sent/{token}", event="form.already_sent",
                         form=form.id)
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

    def _expired(self, created_at) -> bool:
        return (clock.now() - created_at).total_seconds() >= self.settings.draft_hours * 3600

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
EXPIRED = Message("This page has expired", "We keep answers that have not been sent for a short time only, to "
                  "protect your information. Start the form again to send it.\n\nIf you have already sent it, "
                  "you do not need to do anything: we have your form.", "Page expired")


def create_app(settings: Settings, store: Store | None = None) -> Receiver:
    receiver = Receiver(settings, store)
    receiver.store.migrate()
    return receiver
