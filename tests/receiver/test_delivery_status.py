"""`councilsite submissions forward` sends the emails too, and `status` says what waits in each
channel, the last error, and any delivery failing for a day (which the JSON log says too)."""
import copy
import json
import logging

import pytest

from councilsite.cli import main
from councilsite.receiver.settings import env_settings, load_settings
from mailservers import SmtpServer, submit
from receiversite import build_demo

BUILT = {}


@pytest.fixture(scope="module", autouse=True)
def site_settings(tmp_path_factory):
    BUILT["site"] = build_demo(tmp_path_factory.mktemp("status-site"))
    return load_settings(BUILT["site"], environ={})


@pytest.fixture(autouse=True)
def quick_settings(monkeypatch, site_settings):
    monkeypatch.setattr("councilsite.receiver.settings.load_settings",
                        lambda site_dir, environ=None: env_settings(copy.copy(site_settings)))
    for name in ("COUNCILSITE_DATABASE_URL", "COUNCILSITE_WEBHOOK_URL", "COUNCILSITE_WEBHOOK_SECRET",
                 "COUNCILSITE_NOTIFY_API_KEY", "COUNCILSITE_MAIL_CHANNEL"):
        monkeypatch.delenv(name, raising=False)


def submissions(*args, store_url):
    return main(["submissions", *args[:1], "--site-dir", str(BUILT["site"]), "--database", store_url, *args[1:]])


def test_forward_sends_the_emails_and_status_follows_them(store, store_url, site_settings, monkeypatch, capsys,
                                                          caplog):
    from sending import at
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    server = SmtpServer()  # not started yet: the mail server is down
    monkeypatch.setenv("COUNCILSITE_SMTP_URL", server.url)
    monkeypatch.setenv("COUNCILSITE_MAIL_FROM", "Eastmere Borough Council <forms@eastmere.example>")
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")
    made = submit(store, site_settings.forms["contact-us"], {
        "topic": "housing", "message": "Hello", "full_name": "Ann Smith", "reply_by": "email",
        "email": "ann@example.com"}, at("2026-11-22 11:59"))

    assert submissions("forward", store_url=store_url) == 3  # still waiting
    assert "Delivered 0, failed 2, still waiting 2" in capsys.readouterr().out
    assert submissions("status", store_url=store_url) == 0
    out = capsys.readouterr().out
    assert "Waiting per channel:" in out
    lines = [line.strip() for line in out.splitlines()]
    team = next(line for line in lines if line.startswith("team email"))
    assert "1 waiting (the oldest received 11:59 on 22 November 2026), 0 delivered" in team
    assert f"by SMTP smtp://127.0.0.1:{server.port}" in team
    assert "last error: ConnectionRefusedError" in lines
    assert "FAILING" not in out

    # A day on, still down: the status and the log both say so, loudly.
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-23 12:30")
    assert submissions("forward", store_url=store_url) == 3
    alarms = [json.loads(r.getMessage()) for r in caplog.records if r.levelno == logging.ERROR]
    assert {(a["event"], a["channel"], a["reference"]) for a in alarms} == {
        ("delivery_failing_for_a_day", "team", made.reference), ("delivery_failing_for_a_day", "resident",
                                                                 made.reference)}
    capsys.readouterr()
    submissions("status", store_url=store_url)
    out = capsys.readouterr().out
    assert "FAILING: 1 team email delivery has been failing for more than a day (last error: " \
           "ConnectionRefusedError)" in out
    assert "FAILING: 1 resident email delivery has been failing" in out

    server.start()
    try:
        monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-23 14:00")
        assert submissions("forward", store_url=store_url) == 0
        assert "Delivered 2, failed 0, still waiting 0" in capsys.readouterr().out
        submissions("status", store_url=store_url)
        out = capsys.readouterr().out
        assert "FAILING" not in out and "last error" not in out
        assert next(line for line in out.splitlines() if "team email" in line).split()[2:6] == \
            ["0", "waiting,", "1", "delivered,"]
        assert sorted(r for _, rcpts in server.envelopes for r in rcpts) == [
            "ann@example.com", "customer-services@eastmere.example"]
    finally:
        server.stop()


def test_forward_with_nothing_set_up_says_what_to_set(store, store_url, capsys):
    assert submissions("forward", store_url=store_url) == 1
    err = capsys.readouterr().err
    assert "no webhook" in err and "COUNCILSITE_SMTP_URL or COUNCILSITE_NOTIFY_API_KEY" in err
