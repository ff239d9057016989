"""Where submissions go, as a form and the environment say it: the form keys deliver,
confirmation_email and payment (checked with file, line and key), the payment button, SMTP URLs,
the choice of channel, and secrets kept out of logs."""
import datetime as dt
import logging
import re

import pytest
from bs4 import BeautifulSoup

from councilsite.forms.definition import load_form
from councilsite.forms.manifest import form_data, form_from_data
from councilsite.receiver.deliver.config import MailSettingsError, mail_settings
from councilsite.receiver.deliver.sender import Mailer
from councilsite.receiver.deliver.smtp import SmtpChannel, SmtpUrlError, parse_smtp_url
from mailservers import SmtpServer, submit
from sending import at, demo_forms

FORM = """\
title: Book a bulky waste collection
intro: We collect large items from your home.
privacy:
  what: Your address and email address.
  why: To collect your items.
  how_long: We keep bookings for 2 years.
  keep_for: 2 years
what_happens_next: We will email you the date.
timescale: Within 2 working days.
{extra}
questions:
  - id: items
    type: textarea
    label: What do you want us to collect?
  - id: email
    type: email
    label: Email address
    optional: true
"""


def load(extra: str):
    return load_form("book-bulky", FORM.format(extra=extra), "forms/book-bulky.yml", None)


def problems(extra: str) -> list[str]:
    form, errors = load(extra)
    assert form is None, "expected the definition to be refused"
    return [str(e) for e in errors]


def test_the_keys_are_read_and_survive_the_manifest():
    form, errors = load("deliver:\n  email: [waste@eastmere.example, bulky@eastmere.example]\n"
                        "confirmation_email:\n  include_answers: true\n"
                        "payment:\n  url: https://www.gov.uk/payments/eastmere/bulky-waste\n  label: Pay £25 now\n")
    assert errors == []
    assert form.deliver == {"email": ["waste@eastmere.example", "bulky@eastmere.example"]}
    assert form.confirmation_email == {"include_answers": True}
    assert form.payment["label"] == "Pay £25 now"
    again = form_from_data(form_data(form))
    assert (again.deliver, again.confirmation_email, again.payment) == (form.deliver, form.confirmation_email,
                                                                        form.payment)
    plain, _ = load("deliver:\n  email: waste@eastmere.example\nconfirmation_email: true\n")
    assert plain.deliver == {"email": ["waste@eastmere.example"]} and plain.confirmation_email == {}
    none, _ = load("")
    assert (none.deliver, none.confirmation_email, none.payment) == ({}, None, None)


@pytest.mark.parametrize("extra, expected", [
    ("deliver:\n  email: waste-at-eastmere\n", "forms/book-bulky.yml:11: deliver.email[0]: expected an email address"),
    ("deliver:\n  emial: waste@eastmere.example\n", "deliver.emial: unknown field. Did you mean 'email'?"),
    ("confirmation_email:\n  question: items\n", "confirmation_email.question: 'items' is a textarea question"),
    ("confirmation_email:\n  question: mail\n", "confirmation_email.question: there is no question with the id 'mail'"),
    ("confirmation_email: yes please\n", "confirmation_email: expected 'true' or the settings"),
    ("payment:\n  url: http://pay.example/bulky\n", "payment.url: expected a web address starting https://"),
    ("payment:\n  label: Pay now\n", "payment.url: this field is missing"),
])
def test_mistakes_name_the_file_line_and_key(extra, expected):
    assert any(expected in p for p in problems(extra)), problems(extra)


def test_a_confirmation_needs_an_email_question():
    text = FORM.format(extra="confirmation_email: true").replace(
        "  - id: email\n    type: email\n    label: Email address\n    optional: true\n", "")
    form, errors = load_form("book-bulky", text, "forms/book-bulky.yml", None)
    assert form is None and "a confirmation email needs an email question" in str(errors[0])


def test_the_payment_link_carries_the_reference():
    form, _ = load("payment:\n  url: https://www.gov.uk/payments/eastmere/bulky-waste\n")
    assert form.payment_url("K7QMX-4RT2P") == "https://www.gov.uk/payments/eastmere/bulky-waste?reference=K7QMX-4RT2P"
    form.payment["url"] = "https://pay.example/start?service=bulky#top"
    assert form.payment_url("K7QMX-4RT2P") == "https://pay.example/start?service=bulky&reference=K7QMX-4RT2P#top"
    form.payment["url"] = "https://pay.example/bulky/{reference}/start"
    assert form.payment_url("A&B C") == "https://pay.example/bulky/A%26B%20C/start"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo built with mail secrets in the environment (which the build must not pick up)."""
    from receiversite import build_demo
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COUNCILSITE_SMTP_URL", "smtp+starttls://forms:hunter2-smtp@smtp.example:587")
        env.setenv("COUNCILSITE_NOTIFY_API_KEY", "hunter2-notify")
        return build_demo(tmp_path_factory.mktemp("delivery") / "site")


def test_the_confirmation_page_ends_with_a_payment_start_button(site):
    from councilsite.receiver.pages import Pages
    from receiversite import demo_settings

    settings = demo_settings(site)
    form = settings.forms["book-a-bulky-waste-collection"]
    form.payment = {"url": "https://www.gov.uk/payments/eastmere/bulky-waste", "label": "Pay for your collection",
                    "text": "It costs £25 for up to 3 items."}
    page = BeautifulSoup(Pages(settings).confirmation(form, "K7QMX-4RT2P"), "html.parser")
    button = page.select_one("main a.start-button")
    assert button["href"] == "https://www.gov.uk/payments/eastmere/bulky-waste?reference=K7QMX-4RT2P"
    assert button["role"] == "button" and button.get_text(strip=True) == "Pay for your collection"
    assert page.find("h2", string="You still need to pay") and "It costs £25 for up to 3 items." in page.text
    # The panel's reference comes first; the button after what the resident must do.
    assert "K7QMX-4RT2P" in page.select_one("main").text
    form.payment = None
    assert BeautifulSoup(Pages(settings).confirmation(form, "K7QMX-4RT2P"), "html.parser").select_one(
        "main a.start-button") is None


@pytest.mark.parametrize("url, shown, parts", [
    ("smtp://mail.eastmere.example", "smtp://mail.eastmere.example:25", ("smtp", "mail.eastmere.example", 25, None)),
    ("smtp+starttls://forms%40eastmere.example:p%40ss:word@smtp.example:587",
     "smtp+starttls://forms@eastmere.example:***@smtp.example:587",
     ("smtp+starttls", "smtp.example", 587, "forms@eastmere.example")),
    ("smtps://user:secret@smtp.example", "smtps://user:***@smtp.example:465", ("smtps", "smtp.example", 465, "user")),
])
def test_smtp_urls(url, shown, parts):
    parsed = parse_smtp_url(url)
    assert (parsed.scheme, parsed.host, parsed.port, parsed.user) == parts
    assert str(parsed) == shown and "secret" not in repr(parsed) and "p@ss" not in repr(parsed)
    if parsed.user == "forms@eastmere.example":
        assert parsed.password == "p@ss:word"


@pytest.mark.parametrize("url, message", [
    ("http://smtp.example", "use smtp://, smtp+starttls:// or smtps://"),
    ("smtp://user:secret@smtp.example", "a password is never sent over plain smtp://"),
    ("smtps://", "names no server"),
    ("smtp://smtp.example/inbox", "has a path or query"),
])
def test_bad_smtp_urls_say_why_without_the_password(url, message):
    with pytest.raises(SmtpUrlError, match=re.escape(message)) as caught:
        parse_smtp_url(url)
    assert "secret" not in str(caught.value)


def test_the_channel_is_chosen_from_the_environment():
    assert mail_settings({}).channel is None
    smtp = mail_settings({"COUNCILSITE_SMTP_URL": "smtp://localhost:2525", "COUNCILSITE_MAIL_FROM": "a@b.example"})
    assert smtp.channel == "smtp" and isinstance(smtp.make_channel(), SmtpChannel)
    notify = mail_settings({"COUNCILSITE_NOTIFY_API_KEY": "k-26785a09-ab16-4eb0-8407-a37497a57506-"
                                                          "3d844edf-8d35-48ac-975b-e847b4f122b0",
                            "COUNCILSITE_NOTIFY_TEAM_TEMPLATE": "t1", "COUNCILSITE_NOTIFY_RESIDENT_TEMPLATE": "t2"})
    assert notify.channel == "notify" and notify.notify_templates == {"team": "t1", "resident": "t2"}
    assert "3d844edf" not in repr(notify)
    both = {"COUNCILSITE_SMTP_URL": "smtp://localhost", "COUNCILSITE_MAIL_FROM": "a@b.example",
            "COUNCILSITE_NOTIFY_API_KEY": "x"}
    with pytest.raises(MailSettingsError, match="choose one"):
        mail_settings(both)
    assert mail_settings({**both, "COUNCILSITE_MAIL_CHANNEL": "smtp"}).channel == "smtp"
    with pytest.raises(MailSettingsError, match="COUNCILSITE_MAIL_FROM"):
        mail_settings({"COUNCILSITE_SMTP_URL": "smtp://localhost"})
    with pytest.raises(MailSettingsError, match="COUNCILSITE_RETRY_FIRST_SECONDS"):
        mail_settings({"COUNCILSITE_RETRY_FIRST_SECONDS": "soon"})


def test_the_built_site_never_holds_a_mail_secret(site):
    """Secrets come only from the environment, to the receiver: a build with them set writes none."""
    assert (site / ".councilsite" / "receiver.json").is_file()
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"hunter2" not in data, path


def test_logs_never_hold_the_smtp_password(store, caplog):
    """A server the client cannot log in to safely (it offers no TLS): the failure is logged and kept, the
    password nowhere."""
    caplog.set_level(logging.DEBUG)
    forms = demo_forms()
    server = SmtpServer().start()
    try:
        channel = SmtpChannel(parse_smtp_url(f"smtp+starttls://forms:hunter2-smtp@127.0.0.1:{server.port}"),
                              "forms@eastmere.example", timeout=5)
        made = submit(store, forms["contact-us"], {"topic": "housing", "message": "Hello", "full_name": "Ann Smith",
                                                   "reply_by": "email", "email": "ann@example.com"},
                      at("2026-11-22 12:00"))
        report = Mailer(store, channel, forms).run_once(now=at("2026-11-22 12:00") + dt.timedelta(seconds=1))
        assert report.failed == 2
        assert made.reference in caplog.text  # the failure is logged...
        assert "hunter2" not in caplog.text  # ...without the password
        from councilsite.receiver.deliver import queue
        errors = [s.last_error for s in queue.status(store, at("2026-11-22 12:01"))]
        assert not any("hunter2" in (e or "") for e in errors) and any(errors)
    finally:
        server.stop()
