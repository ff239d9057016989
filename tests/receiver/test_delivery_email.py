"""Emails to the team and to the resident, through the outbox, to a real SMTP server (aiosmtpd)
and a stand-in for GOV.UK Notify on 127.0.0.1."""
import dataclasses
import datetime as dt
import hashlib
import json
import logging

import pytest

from councilsite.receiver.answers import answer_rows
from councilsite.receiver.deliver import queue
from councilsite.receiver.deliver.compose import channels_for
from councilsite.receiver.deliver.notify import NotifyChannel
from councilsite.receiver.deliver.sender import Mailer
from councilsite.receiver.deliver.smtp import SmtpChannel, parse_smtp_url
from councilsite.receiver.export import labelled_texts
from mailservers import API_KEY, NotifyStandIn, SmtpServer, submit
from sending import at, demo_forms, upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 2000
T0 = at("2026-11-22 12:00")
SOON = T0 + dt.timedelta(seconds=1)
OTHER_WAYS = {"phone": {"number": "01632 960 000", "hours": "Monday to Friday, 9am to 5pm"}}


@pytest.fixture(scope="module")
def forms():
    return demo_forms()


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def mailer(store, forms, channel, **kw):
    return Mailer(store, channel, forms, other_ways=OTHER_WAYS, brand_name="Eastmere Borough Council", **kw)


def smtp_channel(server):
    return SmtpChannel(parse_smtp_url(server.url), "Eastmere Borough Council <forms@eastmere.example>", timeout=5)


def fly_tipping(store, forms, email="ann@example.com", location="Behind 1 Mill Lane <script>alert(1)</script>",
                photo=PNG):
    fields = {"location": location, "waste_type": ["tyres", "household"], "amount": "single",
              "full_name": "Ann Smith"}
    if email:
        fields["email"] = email
    return submit(store, forms["report-fly-tipping"], fields, T0,
                  uploads=[upload("photo", "tyres.png", photo, "image/png")] if photo else ())


def parts(message):
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content().replace("\r\n", "\n")
    files = [(p.get_filename(), p.get_content()) for p in message.iter_attachments()]
    return text, html, files


def by_recipient(server):
    return {tuple(rcpts): msg for (_, rcpts), msg in zip(server.envelopes, server.messages)}


def test_the_team_gets_the_answers_as_check_your_answers_words_them_with_the_files(store, forms, smtp):
    form = forms["report-fly-tipping"]
    sent = fly_tipping(store, forms)
    report = mailer(store, forms, smtp_channel(smtp)).run_once(now=SOON)
    assert (report.delivered, report.failed, report.pending) == (2, 0, 0)
    team = by_recipient(smtp)[("street-cleaning-team@eastmere.example",)]
    assert team["Subject"] == f"Report fly-tipping: reference {sent.reference}"
    assert team["From"] == "Eastmere Borough Council <forms@eastmere.example>"
    assert team["Message-ID"] == f"<report-fly-tipping.{sent.reference}.team@eastmere.example>"
    text, html, files = parts(team)
    assert f"Reference: {sent.reference}" in text
    # The very wording of Check your answers (and of the export): labels, then answers as read.
    for row in answer_rows(form, sent.answers):
        assert f"{row.label}\n{row.text}\n" in text
    waste = form.question("waste_type")
    tyres = next(o.label for o in waste.options if o.value == "tyres")
    assert f"{waste.label}\n{labelled_texts(form, sent.answers)[waste.label]}\n" in text and tyres in text
    assert files == [("photo-tyres.png", PNG)]
    assert hashlib.sha256(files[0][1]).hexdigest() == sent.uploads[0].sha256
    # The HTML part is simple, in English, and escapes what residents wrote.
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<h2>Where is the rubbish?</h2>" in html


def test_files_over_the_allowance_are_not_attached_and_the_email_says_how_to_get_them(store, forms, smtp):
    sent = fly_tipping(store, forms)
    mailer(store, forms, smtp_channel(smtp), attachments_max=1000).run_once(now=SOON)
    team = by_recipient(smtp)[("street-cleaning-team@eastmere.example",)]
    text, html, files = parts(team)
    assert files == []
    assert "1 file sent with this form (photo-tyres.png) was too big to attach" in text
    assert "councilsite submissions export --form report-fly-tipping --from 2026-11-22 --to 2026-11-22 --files" \
        in text
    assert "councilsite submissions export --form report-fly-tipping" in html
    assert sent.reference in text


def test_the_resident_gets_a_confirmation_without_their_answers(store, forms, smtp):
    form = forms["report-fly-tipping"]
    sent = fly_tipping(store, forms, location="Behind the old mill")
    mailer(store, forms, smtp_channel(smtp)).run_once(now=SOON)
    mine = by_recipient(smtp)[("ann@example.com",)]
    assert mine["Subject"] == f"{form.confirmation_title}: your reference is {sent.reference}"
    text, html, files = parts(mine)
    assert f"Your reference is {sent.reference}." in text
    assert "What happens next" in text and form.timescale in text
    assert "Other ways to contact Eastmere Borough Council" in text
    assert form.other_ways["email"] in text  # the form's own other ways, over the council's default
    assert "Behind the old mill" not in text + html and "Ann Smith" not in text + html and files == []
    assert f"<strong>{sent.reference}</strong>" in html


def test_the_answers_go_to_the_resident_only_if_the_form_says_so(store, forms, smtp):
    form = dataclasses.replace(forms["report-fly-tipping"], confirmation_email={"include_answers": True})
    changed = {**forms, form.id: form}
    fly_tipping(store, changed, location="Behind the old mill", photo=None)
    mailer(store, changed, smtp_channel(smtp)).run_once(now=SOON)
    text, _, files = parts(by_recipient(smtp)[("ann@example.com",)])
    assert "Your answers" in text and "Behind the old mill" in text and files == []


def test_no_address_no_confirmation_and_no_team_address_no_team_email(store, forms, smtp):
    fly_tipping(store, forms, email=None)
    assert channels_for(forms["report-fly-tipping"], {"email": ""}) == ["team"]
    bare = dataclasses.replace(forms["report-fly-tipping"], deliver={}, confirmation_email=None)
    assert channels_for(bare, {"email": "ann@example.com"}) == []
    mailer(store, forms, smtp_channel(smtp)).run_once(now=SOON)
    assert [rcpts for _, rcpts in smtp.envelopes] == [["street-cleaning-team@eastmere.example"]]


def test_a_mail_outage_loses_nothing_and_sends_nothing_twice(store, forms, smtp, caplog):
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    smtp.stop()
    sent = fly_tipping(store, forms)
    sender = mailer(store, forms, smtp_channel(smtp))
    down = sender.run_once(now=SOON)
    assert (down.delivered, down.failed, down.pending) == (0, 2, 2)
    [waiting] = [s for s in queue.status(store, SOON) if s.channel == "team"]
    assert waiting.waiting == 1 and waiting.last_error == "ConnectionRefusedError"
    assert sender.run_once(now=SOON + dt.timedelta(seconds=20)).failed == 0  # not due yet: 30 s, give or take
    smtp.start()
    back = sender.run_once(now=SOON + dt.timedelta(seconds=40))
    assert (back.delivered, back.failed, back.pending) == (2, 0, 0)
    assert sender.run_once(now=SOON + dt.timedelta(days=2)).delivered == 0
    assert len(smtp.messages) == 2 and len(set(smtp.message_ids())) == 2
    logged = [json.loads(r.getMessage()) for r in caplog.records]
    failed = [e for e in logged if e["event"] == "email_failed"]
    assert {e["channel"] for e in failed} == {"team", "resident"} and all(e["reference"] == sent.reference
                                                                          for e in failed)
    assert "ann@example.com" not in caplog.text and "Mill Lane" not in caplog.text


def test_a_delivery_failing_for_a_day_is_reported_in_the_log(store, forms, smtp, caplog):
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    smtp.stop()
    sent = fly_tipping(store, forms)
    sender = mailer(store, forms, smtp_channel(smtp))
    sender.run_once(now=SOON)
    assert "delivery_failing_for_a_day" not in caplog.text
    sender.run_once(now=T0 + dt.timedelta(days=1, hours=1))
    alarms = [json.loads(r.getMessage()) for r in caplog.records
              if r.levelno == logging.ERROR and "delivery_failing_for_a_day" in r.getMessage()]
    assert {(a["channel"], a["reference"]) for a in alarms} == {("team", sent.reference), ("resident", sent.reference)}
    [team] = [s for s in queue.status(store, T0 + dt.timedelta(days=1, hours=1)) if s.channel == "team"]
    assert team.failing_for_a_day == 1


def test_a_killed_sender_leaves_its_claim_in_doubt_and_the_next_one_sends_it(store, forms, smtp):
    fly_tipping(store, forms, photo=None)
    lease = dt.timedelta(seconds=60)
    [first, second] = queue.claim(store, queue.CHANNELS, "dead-sender", SOON, lease, 10)
    assert not first.in_doubt and not second.in_doubt
    # Nothing more happens to that claim: its sender was killed. Another cannot take it until
    # the lease runs out...
    assert queue.claim(store, queue.CHANNELS, "next", SOON + dt.timedelta(seconds=30), lease, 10) == []
    # ...and then knows it is in doubt.
    report = mailer(store, forms, smtp_channel(smtp)).run_once(now=SOON + dt.timedelta(seconds=61))
    assert report.delivered == 2 and len(smtp.messages) == 2


def test_notify_sends_both_emails_with_the_template_and_a_reference(store, forms):
    notify = NotifyStandIn().start()
    try:
        channel = NotifyChannel(API_KEY, {"team": "team-template", "resident": "resident-template"}, notify.url)
        sent = fly_tipping(store, forms)
        report = mailer(store, forms, channel).run_once(now=SOON)
        assert (report.delivered, report.failed) == (2, 0)
        by_template = {n["template_id"]: n for n in notify.sent}
        team, mine = by_template["team-template"], by_template["resident-template"]
        assert team["email_address"] == "street-cleaning-team@eastmere.example"
        assert team["reference"] == f"report-fly-tipping/{sent.reference}/team/0"
        assert team["personalisation"]["subject"] == f"Report fly-tipping: reference {sent.reference}"
        # Notify sends no attachments: the body says how to get the files instead.
        assert "(photo-tyres.png) was not attached" in team["personalisation"]["body"]
        assert "--files" in team["personalisation"]["body"]
        assert mine["email_address"] == "ann@example.com"
        assert f"Your reference is {sent.reference}." in mine["personalisation"]["body"]
    finally:
        notify.stop()


def test_notify_is_asked_before_an_email_in_doubt_goes_again(store, forms):
    notify = NotifyStandIn().start()
    try:
        channel = NotifyChannel(API_KEY, {"team": "t", "resident": "r"}, notify.url)
        fly_tipping(store, forms, photo=None)
        # A sender sends both, then is killed before it can say so.
        for delivery in queue.claim(store, queue.CHANNELS, "killed", SOON, dt.timedelta(seconds=60), 10):
            channel.send(mailer(store, forms, channel).compose(delivery), channel=delivery.channel)
        assert len(notify.sent) == 2
        report = mailer(store, forms, channel).run_once(now=SOON + dt.timedelta(seconds=61))
        assert report.delivered == 2
        assert len(notify.sent) == 2  # found by reference: not sent again
        assert len(notify.lookups) == 2
    finally:
        notify.stop()


def test_notify_down_or_refusing_waits_and_names_only_the_status(store, forms, caplog):
    caplog.set_level(logging.INFO)
    notify = NotifyStandIn().start()
    try:
        notify.status = 500
        channel = NotifyChannel(API_KEY, {"team": "t", "resident": "r"}, notify.url)
        fly_tipping(store, forms, photo=None)
        sender = mailer(store, forms, channel)
        assert sender.run_once(now=SOON).failed == 2
        [team] = [s for s in queue.status(store, SOON) if s.channel == "team"]
        assert team.last_error == "HTTPError 500"
        notify.status = None
        assert sender.run_once(now=SOON + dt.timedelta(minutes=2)).delivered == 2
        assert len(notify.sent) == 2
        # A wrong key is refused (403), and nothing of the key reaches the log.
        wrong = NotifyChannel(API_KEY[:-4] + "0000", {"team": "t", "resident": "r"}, notify.url)
        fly_tipping(store, forms, photo=None)
        assert mailer(store, forms, wrong).run_once(now=SOON).failed == 2
        assert API_KEY.rsplit("-", 5)[-1] not in caplog.text
        assert "403" in " ".join(s.last_error or "" for s in queue.status(store, SOON))
    finally:
        notify.stop()


def test_a_purge_takes_the_emails_waiting_with_their_submission(store, forms):
    fly_tipping(store, forms)
    assert sum(s.waiting for s in queue.status(store, SOON) if s.channel != "webhook") == 2
    store.purge("report-fly-tipping", T0 + dt.timedelta(days=1))
    assert [s.waiting + s.delivered for s in queue.status(store, SOON)] == [0, 0, 0]
