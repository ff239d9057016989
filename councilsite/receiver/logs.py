"""The server's log lines: one JSON object each, and no personal data in any of them.

The receiver writes its own events as JSON already (event, form, status, time taken, reference:
never answers, addresses or tokens). Everything else that logs (the web server, a library) is
turned into the same shape here, scrubbed: such messages are written for a developer's
terminal and carry client addresses, raw request lines (a path may hold a token, a query string
an email address) and tracebacks. What is left says what went wrong, not who or what was sent.
"""
from __future__ import annotations

import json
import logging
import re

OURS = "councilsite.receiver"

_SCRUB = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b"), "<address>"),
    (re.compile(r"\[?(?<![\w:])[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(%\w+)?\]?(:\d+)?"), "<address>"),
    (re.compile(r"(\"[^\"]*\"|'[^']*')"), "<quoted>"),
    (re.compile(r"(?<![\w<])/\S*"), "<path>"),  # a request path, with any token or query in it
    (re.compile(r"\b[A-Za-z0-9_-]{16,}\b"), "<token>"),
    (re.compile(r"[\x00-\x1f\x7f]"), ""),
]
LIMIT = 300


def scrub(text: str) -> str:
    for pattern, replacement in _SCRUB:
        text = pattern.sub(replacement, text)
    return text[:LIMIT]


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith(OURS) and not record.args:
            text = str(record.msg)
            if text.startswith("{"):
                return text
        # A message's template, not its arguments (which are what a request sent), then scrubbed.
        message = str(record.msg) if record.args else record.getMessage()
        entry = {"event": "server.message", "level": record.levelname.lower(), "logger": record.name,
                 "message": scrub(message)}
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__  # the kind only: a traceback holds values
        return json.dumps(entry)
