"""The form journey's one cookie: strictly necessary, so it needs no consent (PECR regulation 6).

It holds only the random key of the resident's draft (the answers stay on the server), so the
answers are never in an address, a browser's history or a shared computer's bookmarks. It is

    HttpOnly   no script can read it
    SameSite=Lax  another site cannot post a Send with it
    Secure     when the receiver is reached over HTTPS (or behind a proxy that says so, with
               COUNCILSITE_TRUST_PROXY=1)
    Path       only the receiver's own paths (/submit/) get it, never the static pages
    no expiry  a session cookie: it goes when the browser closes; the answers it points to go
               after the receiver's session_minutes of inactivity anyway

The cookies page (content/cookies.md) declares it.
"""
from __future__ import annotations

import re

from werkzeug.wrappers import Request

from councilsite.receiver.spam import from_trusted_proxy

NAME = "councilsite_session"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


class SessionCookie:
    def __init__(self, path: str, trusted_proxies: tuple = ()):
        self.path, self.trusted_proxies = path, trusted_proxies

    def read(self, request: Request) -> str | None:
        value = request.cookies.get(NAME)
        return value if value and TOKEN.fullmatch(value) else None

    def secure(self, request: Request) -> bool:
        if request.environ.get("wsgi.url_scheme") == "https":
            return True
        # X-Forwarded-Proto is believed only from a trusted proxy, as X-Forwarded-For is.
        if not from_trusted_proxy(request.environ, self.trusted_proxies):
            return False
        forwarded = request.headers.get("X-Forwarded-Proto", "")
        return forwarded.split(",")[-1].strip().lower() == "https"

    def header(self, token: str, request: Request) -> str:
        """The Set-Cookie value that ties this browser to the draft `token`."""
        secure = "; Secure" if self.secure(request) else ""
        return f"{NAME}={token}; Path={self.path}; HttpOnly; SameSite=Lax{secure}"
