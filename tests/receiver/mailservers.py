"""Real mail services on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) that can go
down and come back on the same port, and a stand-in for the GOV.UK Notify API that checks the
official client's signed token, as Notify does, and answers lookups by reference."""
from __future__ import annotations

import email
import email.policy
import itertools
import json
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from aiosmtpd.controller import Controller

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"councilsite_test-{SERVICE_ID}-{SECRET}"  # the shape of a Notify key: name-service id-secret
_numbers = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """Every message accepted, parsed; stop() refuses connections until start() again."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self) -> "SmtpServer":
        server = self

        class Handler:
            async def handle_DATA(self, smtp, session, envelope):
                parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
                with server.lock:
                    server.messages.append(parsed)
                    server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


class NotifyStandIn:
    """POST /v2/notifications/email and GET /v2/notifications?reference=..., as GOV.UK Notify
    answers them, for a token signed with API_KEY's secret (anything else is 403)."""

    def __init__(self):
        self.sent: list[dict] = []
        self.lookups: list[str] = []
        self.status = None  # set to a number to fail every request with it
        self.lock = threading.Lock()
        self.server = None

    def start(self) -> "NotifyStandIn":
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _authorised(self) -> bool:
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                try:
                    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
                except jwt.PyJWTError:
                    return False
                return claims.get("iss") == SERVICE_ID and abs(claims.get("iat", 0) - time.time()) < 30

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if stand_in.status:
                    return self._reply(stand_in.status, {"errors": [{"error": "Down", "message": "down"}]})
                if not self._authorised():
                    return self._reply(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
                if urlsplit(self.path).path != "/v2/notifications/email":
                    return self._reply(404, {"errors": [{"error": "NotFound"}]})
                notification = {"id": str(uuid.uuid4()), **body}
                with stand_in.lock:
                    stand_in.sent.append(notification)
                self._reply(201, {"id": notification["id"], "reference": body.get("reference"),
                                  "content": {"subject": body["personalisation"].get("subject", "")},
                                  "template": {"id": body["template_id"]}})

            def do_GET(self):
                if stand_in.status:
                    return self._reply(stand_in.status, {"errors": [{"error": "Down", "message": "down"}]})
                if not self._authorised():
                    return self._reply(403, {"errors": [{"error": "AuthError", "message": "Invalid token"}]})
                reference = parse_qs(urlsplit(self.path).query).get("reference", [None])[0]
                with stand_in.lock:
                    stand_in.lookups.append(reference)
                    found = [n for n in stand_in.sent if reference is None or n.get("reference") == reference]
                self._reply(200, {"notifications": [{"id": n["id"], "reference": n.get("reference"),
                                                     "type": "email", "status": "delivered"} for n in found],
                                  "links": {}})

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def references(self) -> list[str]:
        with self.lock:
            return [n.get("reference") for n in self.sent]


def submit(store, form, fields: dict, now, uploads=(), reference: str | None = None):
    """A submission as the receiver makes one, with the emails its form asks for (sending.send, plus channels)."""
    from councilsite.receiver.deliver.compose import channels_for
    from sending import tidy

    answers = tidy(form, fields, uploads, now.date())
    posted = {k: v if isinstance(v, list) else [v] for k, v in fields.items()}
    token = store.save_draft(form.id, posted, answers, list(uploads), now)
    ref = reference or f"MAIL{next(_numbers):06d}"
    made, created = store.submit(token, form.id, lambda: ref, now, channels=channels_for(form, answers))
    assert created
    return made

