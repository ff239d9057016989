"""Reading a form's body: each form's own size limit, and files streamed to disk as they arrive.

werkzeug's form parser applies `max_form_memory_size` to every chunk it buffers, file data
included, so any limit small enough to protect the answers refused photos of more than about
40 KB. Here werkzeug's decoder only cuts the body into parts: answers are capped one by one,
and each file goes straight into a temporary file on disk (hashed on the way), so a 10 MB photo
is never held in memory, not even once. A file over its question's limit is read to its end and
dropped, so the resident gets GOV.UK's "The selected file must be smaller than 10MB" on that
question rather than an error page.

How big a body each form may send is worked out from its own questions (`body_limit`): every
answer at its longest, percent-encoded at worst, plus room for names and multipart headers; a
file question adds its limit, and as much again so that a file up to twice too big still gets
the inline message. Anything larger is refused with 413 before a byte of it is read.
"""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from councilsite.forms.fields import field_names

CHUNK = 64 * 1024
BYTES_PER_CHAR = 12  # a 4-byte UTF-8 character percent-encoded: %F0%9F%98%80
PART_OVERHEAD = 256  # a multipart boundary and Content-Disposition header, with a long filename
HEADROOM = 16 * 1024  # the honeypot, a draft's fields, and browsers that add a little


class TooLarge(Exception):
    """The body is bigger than this form can need."""


class Unreadable(Exception):
    """The body is not the multipart data it says it is."""


SHORT = {"email": 254, "name": 200, "phone": 50, "number": 50, "date": 20, "address": 500}


def answer_chars(q, max_field_chars: int) -> int:
    """The longest answer one box of a question takes: its own limit, or the receiver's cap."""
    if q.type in ("text", "textarea"):
        return min(q.setting("max_length") or max_field_chars, max_field_chars)
    if q.options:
        return max(len(o.value) for o in q.options)
    return SHORT.get(q.type, max_field_chars)


def body_limit(form, max_field_chars: int, file_limits: dict[str, int]) -> int:
    """The most a body for `form` can be: every answer at its longest, sent at its most
    long-winded (12 bytes a character, so a long answer still gets its message rather than a 413),
    and every file at twice its limit (so a file too big still gets its message)."""
    total = HEADROOM
    for q in form.questions:
        if q.type == "file":
            total += 2 * file_limits[q.id] + PART_OVERHEAD
            continue
        names = field_names(q)
        boxes = names * len(q.options) if q.type == "checkboxes" else names
        total += sum(answer_chars(q, max_field_chars) * BYTES_PER_CHAR + PART_OVERHEAD + len(n) for n in boxes)
    return total


def form_body_limit(form, max_field_chars: int) -> int:
    """body_limit for a form, with its files' limits taken from its rules (as the browser has them)."""
    from councilsite.forms.rules import form_rules

    files = {r["id"]: r["max_bytes"] for r in form_rules(form)["questions"] if r["kind"] == "file"}
    return body_limit(form, max_field_chars, files)


@dataclass
class PostedFile:
    """One file as it arrived: on disk, hashed, and its true size even when it was too big to keep."""

    name: str
    filename: str
    size: int  # every byte the resident sent
    sha256: str = ""
    file: object = None  # the open temporary file (None when it was too big or not asked for)
    head: bytes = b""

    @property
    def kept(self) -> bool:
        return self.file is not None

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


@dataclass
class Body:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, PostedFile] = field(default_factory=dict)

    def close(self) -> None:
        for posted in self.files.values():
            posted.close()


def read_multipart(stream, content_type: str, limit: int, field_bytes: int, file_limits: dict[str, int],
                   max_parts: int = 2000) -> Body:
    """Parse a multipart/form-data body of at most `limit` bytes.

    `file_limits` (field name -> bytes) says which names are file questions and how much of each
    to keep; a file part under any other name is read and dropped. A text part over `field_bytes`
    raises TooLarge, as does a body over `limit`.
    """
    boundary = parse_options_header(content_type)[1].get("boundary")
    if not boundary:
        raise Unreadable("no boundary")
    decoder = MultipartDecoder(boundary.encode("latin-1"), max_form_memory_size=None, max_parts=max_parts)
    body = Body()
    received = 0
    current = None  # a list of bytes for a field, a PostedFile, or None for a part we drop
    hasher = None
    try:
        while True:
            chunk = stream.read(CHUNK)
            received += len(chunk)
            if received > limit:
                raise TooLarge()
            decoder.receive_data(chunk or None)
            event = decoder.next_event()
            while not isinstance(event, (Epilogue, NeedData)):
                if isinstance(event, Field):
                    current = [event.name, [], 0]
                elif isinstance(event, File):
                    current, hasher = _start_file(body, event, file_limits)
                elif isinstance(event, Data):
                    if isinstance(current, list):
                        current[2] += len(event.data)
                        if current[2] > field_bytes:
                            raise TooLarge()
                        current[1].append(event.data)
                        if not event.more_data:
                            value = b"".join(current[1]).decode("utf-8", "replace")
                            body.fields.setdefault(current[0], []).append(value)
                    elif isinstance(current, PostedFile):
                        _write(current, hasher, event.data, file_limits[current.name])
                        if not event.more_data and current.kept:
                            current.sha256 = hasher.hexdigest()
                            current.file.flush()
                            current.file.seek(0)
                event = decoder.next_event()
            if isinstance(event, Epilogue) or not chunk:
                break
    except RequestEntityTooLarge:
        body.close()
        raise TooLarge() from None
    except ValueError as exc:
        body.close()
        raise Unreadable(str(exc)) from None
    except BaseException:
        body.close()
        raise
    return body


def _start_file(body: Body, event: File, file_limits: dict[str, int]):
    if event.name not in file_limits or event.name in body.files:
        return None, None  # not a file question of this form, or a second file for one: dropped
    posted = PostedFile(event.name, event.filename or "", 0)
    if posted.filename:
        posted.file = tempfile.TemporaryFile(prefix="councilsite-upload-")
    body.files[event.name] = posted
    return posted, hashlib.sha256()


def _write(posted: PostedFile, hasher, data: bytes, keep: int) -> None:
    posted.size += len(data)
    if posted.file is None:
        return
    if posted.size > keep:
        posted.close()  # too big: the rest is counted, not kept
        return
    if len(posted.head) < 4096:
        posted.head += data[:4096 - len(posted.head)]
    posted.file.write(data)
    hasher.update(data)
