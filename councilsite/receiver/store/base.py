"""What the receiver keeps, and the one interface both databases implement.

A resident's answers go through two steps, as on GOV.UK Forms:

    draft       answers that passed every check, waiting on "Check your answers"; keyed by an
                unguessable token that the check page's Send button carries back
    submission  a draft the resident sent: it gets a reference and an outbox entry in the same
                transaction, and it is acknowledged (303) only after that transaction commits

The draft token doubles as the idempotency key: a second Send with the same token (a double
click, a resent request, a second receiver behind the load balancer) finds the submission the
first one made instead of making another, so nothing is stored twice.

Uploads are kept in the database beside the draft and then the submission (same token), so
several receivers share them, a purge removes them with their submission, and nothing on disk
can be served by mistake.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence


class StoreError(Exception):
    """The database could not be reached or refused a write: nothing was stored."""


@dataclass(frozen=True)
class Upload:
    question: str  # the file question's id
    filename: str  # as the resident's device named it (shown back escaped, never used as a path)
    content_type: str  # what the content was found to be, such as application/pdf
    size: int
    sha256: str
    data: bytes | memoryview | None = None  # left out when only listing; a receiver saves a mapped file


@dataclass(frozen=True)
class Draft:
    token: str
    form_id: str
    fields: dict[str, list[str]]  # the fields as posted, to fill the form again for "Change"
    answers: dict  # tidied, as councilsite.forms.check_submission returns them
    created_at: dt.datetime  # timezone-aware
    uploads: tuple[Upload, ...] = ()  # without data


@dataclass(frozen=True)
class Submission:
    id: int
    form_id: str
    reference: str
    token: str
    answers: dict
    received_at: dt.datetime  # timezone-aware
    uploads: tuple[Upload, ...] = ()  # with data only where asked for


@dataclass(frozen=True)
class Delivery:
    """One outbox entry claimed for forwarding to the back office."""

    submission: Submission  # uploads with their data
    attempts: int  # failed attempts so far


@dataclass(frozen=True)
class OutboxCounts:
    pending: int
    delivered: int
    oldest_pending: dt.datetime | None = None


@dataclass
class PurgeCounts:
    submissions: int = 0
    uploads: int = 0
    drafts: int = 0
    undelivered: int = 0  # submissions purged before the back office had them
    by_form: dict[str, int] = field(default_factory=dict)


class Store(ABC):
    """Both backends behave the same; tests run every behaviour against each."""

    @abstractmethod
    def migrate(self) -> list[int]:
        """Apply the migrations the database has not had (store/migrations.py), in order, in one
        transaction; return their numbers. Safe to run again, and from several receivers at once.
        StoreError if a newer councilsite has migrated the database further."""

    @abstractmethod
    def schema_version(self) -> int:
        """The last migration applied (0 for a database without the version table)."""

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreError unless the database answers (the health endpoint)."""

    @abstractmethod
    def save_draft(self, form_id: str, fields: dict[str, list[str]], answers: dict, uploads: list[Upload],
                   now: dt.datetime, token: str | None = None) -> str:
        """Keep answers until the resident sends them; return the draft's token.

        With the token of an unsent draft of the same form (the resident used "Change"), update
        it in place: uploads replace that draft's upload for the same question, and earlier
        uploads for other questions stay. Otherwise make a new draft with a new token.
        """

    @abstractmethod
    def draft(self, token: str) -> Draft | None:
        """The unsent draft with this token, or None."""

    @abstractmethod
    def submit(self, token: str, form_id: str, new_reference: Callable[[], str],
               now: dt.datetime, channels: Sequence[str] = ()) -> tuple[Submission, bool] | None:
        """Turn a draft into a submission, once.

        In one transaction: if a submission with this token exists, return (it, False); else
        insert one with a reference from new_reference() (asking again if the form already has
        it), add its outbox entry and a delivery for each of `channels` (emails to send), drop uploads for questions its answers no longer include,
        delete the draft, and return (it, True) after the commit. None if there is no such draft
        for this form. Two receivers sending the same token at once give one submission.
        """

    @abstractmethod
    def submission(self, form_id: str, token: str) -> Submission | None:
        """The submission made from this draft token (for the confirmation page), without uploads."""

    @abstractmethod
    def submissions(self, form_id: str, start: dt.datetime | None = None, end: dt.datetime | None = None,
                    with_data: bool = False) -> Iterator[Submission]:
        """Submissions of a form received in [start, end), oldest first, with upload metadata
        (and their data if with_data)."""

    @abstractmethod
    def count(self, form_id: str | None = None) -> int:
        """How many submissions are stored (of one form, or of all)."""

    @abstractmethod
    def form_ids(self) -> set[str]:
        """The forms that have submissions stored (some may no longer be defined)."""

    @abstractmethod
    def purge(self, form_id: str, received_before: dt.datetime) -> PurgeCounts:
        """Delete a form's submissions received before the date, with their uploads and outbox entries."""

    @abstractmethod
    def purge_drafts(self, created_before: dt.datetime) -> PurgeCounts:
        """Delete drafts nobody sent, with their uploads."""

    @abstractmethod
    def count_post(self, client: str, now: dt.datetime, window: dt.timedelta, limit: int) -> dt.timedelta | None:
        """Count a post from a client (an opaque key) against `limit` posts per `window`.

        None if it is within the limit (and counted); else how long until the client's oldest
        post in the window leaves it (the post is not counted). Every receiver sharing the store
        shares the count; posts older than the window are forgotten.
        """

    @abstractmethod
    def claim_deliveries(self, owner: str, now: dt.datetime, lease: dt.timedelta, limit: int) -> list[Delivery]:
        """Claim up to `limit` undelivered outbox entries that are due (next attempt <= now) and not
        claimed by a live lease, oldest first. A claim lasts `lease`, so a forwarder that dies
        leaves its entries to the next one; two forwarders never hold the same entry."""

    @abstractmethod
    def delivered(self, submission_id: int, now: dt.datetime) -> None:
        """Mark an outbox entry as delivered."""

    @abstractmethod
    def delivery_failed(self, submission_id: int, next_attempt: dt.datetime, error: str) -> None:
        """Count a failed attempt, keep a short error (no personal data), and release the claim."""

    @abstractmethod
    def outbox(self) -> OutboxCounts:
        """What is waiting to be forwarded."""

    @abstractmethod
    def close(self) -> None:
        """Close this process's connections."""
