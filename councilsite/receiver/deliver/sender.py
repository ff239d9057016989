"""The email sender: claims the team's and residents' emails from the outbox and sends each by the
mail channel set up (SMTP or GOV.UK Notify), as the webhook forwarder does for the CRM.

A mail outage loses nothing: a failed email waits (30 s doubling to an hour, give or take a
fifth; COUNCILSITE_RETRY_FIRST_SECONDS and _LONGEST_SECONDS) and is tried again, for ever,
and one failing for a day says so in the log at ERROR and in `councilsite submissions status`.
A restart sends nothing twice that was settled: an email is marked sent in the database the
moment the channel accepts it. One a killed sender held is in doubt (councilsite.receiver.
deliver.queue): Notify is asked by reference before it goes again; SMTP cannot be asked, so it
goes again with the same Message-ID (a duplicate beats a lost report; at most one per sender
killed, the one it was sending).

Logs name the form, reference, channel and a short error; never an address or an answer.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import random
import secrets
import socket
import threading

from councilsite import clock
from councilsite.forms.model import Form
from councilsite.receiver.deliver import queue
from councilsite.receiver.deliver.compose import resident_email, team_email
from councilsite.receiver.forward import ForwardReport, backoff, deliver_claimed, event, report_if_failing_for_a_day
from councilsite.receiver.store.base import Store, StoreError


class Mailer:
    def __init__(self, store: Store, channel, forms: dict[str, Form], other_ways: dict | None = None,
                 brand_name: str = "", attachments_max: int = 10 * 2**20, first_wait: float = 30,
                 longest_wait: float = 3600, batch: int = 10, lease: dt.timedelta | None = None,
                 owner: str | None = None, rng: random.Random | None = None, timeout: float = 30):
        self.store, self.channel, self.forms = store, channel, forms
        self.other_ways, self.brand_name = other_ways or {}, brand_name
        # Notify sends no attachments: the team email says how to export the files instead.
        self.attachments_max = 0 if getattr(channel, "name", "") == "notify" else attachments_max
        self.first_wait, self.longest_wait, self.batch, self.rng = first_wait, longest_wait, batch, rng
        self.lease = lease or dt.timedelta(seconds=timeout * batch + 30)
        self.owner = owner or f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(4)}"

    def run_once(self, now: dt.datetime | None = None) -> ForwardReport:
        report = deliver_claimed(
            lambda: queue.claim(self.store, queue.CHANNELS, self.owner, now or clock.now(), self.lease, self.batch),
            lambda delivery: self.deliver(delivery, now), self.lease)
        report.pending = sum(s.waiting for s in queue.status(self.store, now or clock.now())
                             if s.channel in queue.CHANNELS)
        return report

    def compose(self, delivery: queue.MailDelivery):
        form = self.forms.get(delivery.submission.form_id)
        if form is None:
            raise LookupError("the form is no longer defined")
        if delivery.channel == "team":
            if not form.deliver.get("email"):
                raise LookupError("the form no longer names a team email address")
            return team_email(form, delivery.submission, self.attachments_max)
        return resident_email(form, delivery.submission, self.other_ways, self.brand_name)

    def deliver(self, delivery: queue.MailDelivery, now: dt.datetime | None = None) -> bool:
        submission = delivery.submission
        attempt = delivery.attempts + 1
        where = {"form": submission.form_id, "reference": submission.reference, "channel": delivery.channel,
                 "attempt": attempt}
        try:
            mail = self.compose(delivery)
            if mail is not None:
                if delivery.in_doubt:
                    event(logging.WARNING, "email_in_doubt", **where, via=self.channel.name)
                self.channel.send(mail, in_doubt=delivery.in_doubt or delivery.attempts > 0, channel=delivery.channel)
        except Exception as exc:
            error = _error(exc)
            moment = now or clock.now()
            next_attempt = moment + backoff(delivery.attempts, self.rng, self.first_wait, self.longest_wait)
            queue.failed(self.store, delivery, next_attempt, error)
            event(logging.WARNING, "email_failed", **where, via=self.channel.name, error=error,
                  next_attempt=next_attempt.isoformat(timespec="seconds"))
            report_if_failing_for_a_day(submission, delivery.channel, moment, error)
            return False
        queue.sent(self.store, delivery, now or clock.now())
        event(logging.INFO, "email_sent" if mail is not None else "email_not_needed", **where,
              via=self.channel.name, files=len(mail.attachments) if mail else 0)
        return True

    def run(self, stop: threading.Event, interval: float = 5) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except StoreError as exc:
                event(logging.ERROR, "email_store_error", error=str(exc))
            except Exception as exc:  # keep the thread alive: the next round may work
                event(logging.ERROR, "email_error", error=type(exc).__name__)
            stop.wait(interval)


def _error(exc: BaseException) -> str:
    from councilsite.receiver.deliver.notify import NotifyTemplateMissing, notify_error
    from councilsite.receiver.deliver.smtp import smtp_error

    if isinstance(exc, (LookupError, NotifyTemplateMissing)):
        return str(exc)  # our own words, naming no one
    if type(exc).__module__.startswith("notifications_python_client"):
        return notify_error(exc)
    return smtp_error(exc)


def mailer_for(store: Store, settings) -> Mailer | None:
    """The Mailer the settings set up, or None if no email channel is set up."""
    mail = settings.mail
    if mail is None or mail.channel is None:
        return None
    return Mailer(store, mail.make_channel(), settings.forms, other_ways=settings.other_ways,
                  brand_name=settings.brand_name, attachments_max=mail.attachments_max, first_wait=mail.first_wait,
                  longest_wait=mail.longest_wait)
