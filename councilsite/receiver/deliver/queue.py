"""The email outbox: the `deliveries` rows the submit transaction made, claimed and settled the way
the webhook's outbox is (councilsite.receiver.store.sql), with the same SQL on both databases.

A claim leases rows to one sender, so two senders never hold the same row, and a sender that
dies leaves them to the next once the lease runs out. Each claim is counted: a row claimed more
times than it has settled (failed, or was sent) was held by a sender that died mid-send, so it
is *in doubt*: the email may have gone. The sender checks where it can (GOV.UK Notify is asked
by reference) before sending again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from councilsite.receiver.store.base import Submission
from councilsite.receiver.store.sql import ERROR_LENGTH, SUBMISSION_COLUMNS, SqlStore, Tx, aware, marks

CHANNELS = ("team", "resident")


@dataclass(frozen=True)
class MailDelivery:
    submission: Submission  # with its uploads' data
    channel: str
    attempts: int  # failed attempts so far
    in_doubt: bool  # a sender may have sent it already, then died before saying so


@dataclass(frozen=True)
class ChannelStatus:
    channel: str
    waiting: int
    delivered: int
    oldest_waiting: dt.datetime | None
    failing_for_a_day: int  # waiting, tried, and received more than a day ago
    last_error: str | None


def _sql(store) -> SqlStore:
    if not isinstance(store, SqlStore):
        raise TypeError(f"{store!r} keeps no email outbox")
    return store


def claim(store, channels: tuple[str, ...], owner: str, now: dt.datetime, lease: dt.timedelta,
          limit: int) -> list[MailDelivery]:
    """Claim up to `limit` due rows of these channels, oldest first."""
    store = _sql(store)
    if limit <= 0 or not channels:
        return []
    at = aware(now)
    moment, until = store._time_in(at), store._time_in(at + lease)

    def work(tx: Tx) -> list[MailDelivery]:
        rows = tx.all(
            "UPDATE deliveries SET lease_owner = ?, lease_until = ?, claims = claims + 1 "
            "WHERE (submission_id, channel) IN (SELECT submission_id, channel FROM deliveries "
            f"WHERE delivered_at IS NULL AND channel IN ({marks(len(channels))}) AND next_attempt_at <= ? "
            "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, submission_id, channel "
            f"LIMIT ?{store.skip_locked}) RETURNING submission_id, channel, attempts, claims, next_attempt_at",
            (owner, until, *channels, moment, moment, limit))
        if not rows:
            return []
        rows.sort(key=lambda r: (store._time_out(r[4]), r[0], r[1]))
        ids = sorted({r[0] for r in rows})
        found = tx.all(f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id IN ({marks(len(ids))})", ids)
        by_id = {s.id: s for s in store._build(tx, found, with_uploads=True, with_data=True)}
        return [MailDelivery(by_id[i], channel, attempts, claims > attempts + 1)
                for i, channel, attempts, claims, _ in rows if i in by_id]
    return store._run("claim emails to send", work, write=True)


def sent(store, delivery: MailDelivery, now: dt.datetime) -> None:
    store = _sql(store)
    moment = store._time_in(aware(now))
    store._run("mark an email sent", lambda tx: tx.run(
        "UPDATE deliveries SET delivered_at = ?, lease_owner = NULL, lease_until = NULL "
        "WHERE submission_id = ? AND channel = ?", (moment, delivery.submission.id, delivery.channel)), write=True)


def failed(store, delivery: MailDelivery, next_attempt: dt.datetime, error: str) -> None:
    """Count the failure, keep a short error naming no personal data, and release the claim."""
    store = _sql(store)
    moment = store._time_in(aware(next_attempt))
    store._run("record a failed email", lambda tx: tx.run(
        "UPDATE deliveries SET attempts = attempts + 1, claims = attempts + 1, next_attempt_at = ?, last_error = ?, "
        "lease_owner = NULL, lease_until = NULL WHERE submission_id = ? AND channel = ?",
        (moment, (error or "")[:ERROR_LENGTH], delivery.submission.id, delivery.channel)), write=True)


def status(store, now: dt.datetime) -> list[ChannelStatus]:
    """What is waiting in each channel: the webhook's outbox, then each email channel."""
    store = _sql(store)
    day_ago = store._time_in(aware(now) - dt.timedelta(days=1))

    def counts(tx: Tx, table: str, where: str, params: tuple) -> tuple:
        waiting, delivered, oldest, failing = tx.one(
            "SELECT COALESCE(SUM(CASE WHEN d.delivered_at IS NULL THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN d.delivered_at IS NULL THEN 0 ELSE 1 END), 0), "
            "MIN(CASE WHEN d.delivered_at IS NULL THEN s.received_at END), "
            "COALESCE(SUM(CASE WHEN d.delivered_at IS NULL AND d.attempts > 0 AND s.received_at < ? "
            "THEN 1 ELSE 0 END), 0) "
            f"FROM {table} d JOIN submissions s ON s.id = d.submission_id WHERE {where}", (day_ago, *params))
        last = tx.one(f"SELECT d.last_error FROM {table} d WHERE {where} AND d.delivered_at IS NULL "
                      "AND d.last_error IS NOT NULL ORDER BY d.next_attempt_at DESC LIMIT 1", params)
        return (int(waiting), int(delivered), None if oldest is None else store._time_out(oldest), int(failing),
                last[0] if last else None)

    def work(tx: Tx) -> list[ChannelStatus]:
        found = [ChannelStatus("webhook", *counts(tx, "outbox", "1 = 1", ()))]
        for channel in CHANNELS:
            found.append(ChannelStatus(channel, *counts(tx, "deliveries", "d.channel = ?", (channel,))))
        return found
    return store._run("read the outbox", work)
