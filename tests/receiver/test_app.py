"""The receiver over HTTP: every step of the journey, and every kind of bad input, on both databases."""
from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from werkzeug.test import Client

from councilsite.receiver.app import create_app
from councilsite.receiver.references import PATTERN
from councilsite.receiver.store import StoreError
from receiversite import EXE, PDF, PNG, build_demo, demo_settings, multipart, session_of, text_of, valid_fields

MISSED_BIN = "report-a-missed-bin"
PERMIT = "apply-for-a-parking-permit"
NASTY = '<script>alert("x")</script><b onmouseover=alert(1)>&amp;'


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    import os

    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("receiver-site"))


@pytest.fixture
def make_client(site_dir, store):
    def make(**changes):
        settings = demo_settings(site_dir, **{"rate_limit": 0, **changes})
        receiver = create_app(settings, store)
        return Client(receiver), receiver
    return make


@pytest.fixture
def client(make_client):
    return make_client()[0]


def post(client, form_id, fields, files=None, path=""):
    if files:
        body, content_type = multipart(fields, files)
    else:
        body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
    return client.post(f"/submit/{form_id}{path}", data=body, content_type=content_type)


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def answers_for(receiver, form_id, text="A test answer"):
    return valid_fields(receiver.settings.forms[form_id], text)


def journey(client, receiver, form_id, text="A test answer"):
    fields, files = answers_for(receiver, form_id, text)
    checked = post(client, form_id, fields, files)
    assert checked.status_code == 303, text_of(checked.get_data(as_text=True))[:500]
    token = session_of(checked)
    sent = post(client, form_id, {}, path="/send")
    assert sent.status_code == 303
    return token, sent


# The journey -------------------------------------------------------------------------------------

def test_answers_with_mistakes_come_back_as_the_form_in_its_error_state(client, site_dir):
    response = post(client, MISSED_BIN, {"bin": "rubbish", "crew_notes": "Round the back", "address-town": "Eastmere"})
    assert response.status_code == 422
    page = soup(response)
    assert page.title.string.startswith("Error: Report a missed bin: online form")
    summary = page.select_one(".error-summary")
    assert summary.select_one("h2").get_text() == "There is a problem"
    links = [a["href"] for a in summary.select("a")]
    assert links[0] == "#collection_day" and "#address" in links
    for href in links:
        assert page.select_one(href), f"the error summary links to {href}, which is not on the page"
    # The resident's answers are kept.
    assert page.select_one("#bin")["checked"] is not None
    assert page.select_one("#crew_notes").get_text() == "Round the back"
    assert page.select_one("#address-town")["value"] == "Eastmere"
    # The same markup as the static page the build published: same fields, same ids.
    static = BeautifulSoup((site_dir / "forms" / MISSED_BIN / "index.html").read_text(), "html.parser")
    names = lambda p: sorted((i.get("name"), i.get("id")) for i in p.select("form.form input, form.form textarea"))
    assert names(page) == names(static)
    # Links and the stylesheet work from the receiver's address.
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith("/assets/")
    assert page.select_one("form.form")["action"] == f"/submit/{MISSED_BIN}"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_check_your_answers_then_send_gives_a_reference(make_client, store):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    del fields["crew_notes"]
    checked = post(client, MISSED_BIN, fields)
    assert checked.status_code == 303
    location = checked.headers["Location"]
    assert location == f"/submit/{MISSED_BIN}/check", "no token, no answers in the address"
    cookie = checked.headers["Set-Cookie"]
    assert re.fullmatch(r"councilsite_session=[\w-]{40,}; Path=/submit/; HttpOnly; SameSite=Lax", cookie)
    page = soup(client.get(location))
    assert page.h1.get_text() == "Check your answers before sending your form"
    rows = {row.dt.get_text(): row for row in page.select(".check-answers__row")}
    assert rows["Which bin did we miss?"].select_one(".check-answers__value").get_text() == "Grey rubbish bin"
    assert rows["When was your collection day?"].select_one(".check-answers__value").get_text() == "20 November 2026"
    # A skipped optional question reads "Not provided"; a hidden one is not listed.
    assert rows["Is there anything the crew needs to know?"].select_one(".check-answers__value").get_text() == \
        "Not provided"
    assert "Mobile phone number" not in rows
    change = rows["Which bin did we miss?"].select_one("a")
    assert change.get_text() == "Change which bin did we miss?"
    assert change.select_one(".visually-hidden").get_text() == " which bin did we miss?"
    assert change["href"] == f"/submit/{MISSED_BIN}/change#bin"
    send = page.select_one("form.form")
    assert send["action"] == f"/submit/{MISSED_BIN}/send" and send.select_one("button").get_text() == \
        "Report missed bin"
    assert not send.select("input"), "the Send button carries nothing: the session cookie says which answers"
    assert store.count(MISSED_BIN) == 0, "nothing is sent before the resident presses Send"

    sent = post(client, MISSED_BIN, {}, path="/send")
    assert sent.status_code == 303 and sent.headers["Location"] == f"/submit/{MISSED_BIN}/sent"
    confirmation = soup(client.get(sent.headers["Location"]))
    reference = confirmation.select_one("[data-reference]").get_text()
    assert PATTERN.fullmatch(reference)
    assert confirmation.select_one("[data-reference-slot]").get("hidden") is None
    assert "Missed bin reported" in confirmation.h1.get_text()
    body = text_of(str(confirmation))
    assert "We will come back within 2 working days." in body and "What happens next" in body
    [stored] = list(store.submissions(MISSED_BIN))
    assert stored.reference == reference and stored.answers["bin"] == "rubbish"


def test_sending_twice_stores_once_and_shows_the_same_reference(make_client, store):
    client, receiver = make_client()
    token, first = journey(client, receiver, MISSED_BIN)
    again = post(client, MISSED_BIN, {}, path="/send")
    assert again.status_code == 303 and again.headers["Location"] == first.headers["Location"]
    assert store.count(MISSED_BIN) == 1
    # Back to the check or change page leads to the confirmation, which shows none of the answers.
    for page in ("check", "change"):
        back = client.get(f"/submit/{MISSED_BIN}/{page}")
        assert back.status_code == 303 and back.headers["Location"] == first.headers["Location"]
    confirmation = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "A test answer" not in confirmation


def test_references_are_unique(make_client, store):
    client, receiver = make_client()
    for _ in range(20):
        journey(client, receiver, MISSED_BIN)
    references = [s.reference for s in store.submissions(MISSED_BIN)]
    assert len(references) == 20 == len(set(references))
    assert all(PATTERN.fullmatch(r) and not set(r) & set("01OIUL") for r in references)


def test_change_an_answer_keeps_the_others_and_the_file(make_client, store):
    client, receiver = make_client()
    fields, files = answers_for(receiver, PERMIT)
    checked = post(client, PERMIT, fields, files)
    assert checked.status_code == 303, text_of(checked.get_data(as_text=True))[:400]
    token = session_of(checked)
    change = soup(client.get(f"/submit/{PERMIT}/change"))
    assert not change.select('input[name="_draft"]') and token not in str(change)
    assert change.select_one("#registration")["value"] == fields["registration"][0]
    assert "You sent proof.png" in change.select_one("#proof_of_address-hint").get_text()
    # Change the registration; send no file again: the one already sent is kept.
    changed = {**fields, "registration": ["EM99 XYZ"]}
    again = post(client, PERMIT, changed, {})
    assert again.status_code == 303 and session_of(again) == token
    page = soup(client.get(again.headers["Location"]))
    values = {r.dt.get_text(): r.select_one(".check-answers__value").get_text() for r in page.select(".check-answers__row")}
    assert values["Vehicle registration number"] == "EM99 XYZ"
    assert values["Upload proof of your address"].startswith("proof.png")
    post(client, PERMIT, {}, path="/send")
    [sent] = list(store.submissions(PERMIT, with_data=True))
    kept = {u.question: (u.filename, u.content_type, u.data) for u in sent.uploads}
    assert kept["proof_of_address"] == ("proof.png", "image/png", PNG)
    assert set(kept) == {q for q, value in sent.answers.items() if isinstance(value, dict) and "size" in value}


# Bad input ---------------------------------------------------------------------------------------

def test_unknown_form_is_404_with_other_ways_to_get_help(client):
    response = post(client, "no-such-form", {"a": "b"})
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text() == "Page not found" and page.select_one(".other-ways")


def test_wrong_content_type_is_415(client):
    response = client.post(f"/submit/{MISSED_BIN}", data='{"bin": "rubbish"}', content_type="application/json")
    assert response.status_code == 415
    assert soup(response).select_one(".other-ways")


def test_oversized_body_is_413(make_client):
    client, receiver = make_client()
    too_big = receiver.limits[PERMIT] + 1
    response = client.post(f"/submit/{MISSED_BIN}", data=b"bin=" + b"x" * too_big,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "too big" in soup(response).h1.get_text()
    body, content_type = multipart({"bin": ["rubbish"]}, {"proof_of_address": ("big.pdf", b"%PDF-" + b"0" * too_big)})
    assert client.post(f"/submit/{PERMIT}", data=body, content_type=content_type).status_code == 413


@pytest.mark.parametrize("body", [b"bin=%ff%fe", b"crew_notes=caf%E9", b"\xff\xfe=1"])
def test_invalid_utf8_is_refused_plainly(client, body):
    response = client.post(f"/submit/{MISSED_BIN}", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "could not accept your form" in soup(response).h1.get_text()


def test_invalid_utf8_in_multipart_is_refused(client):
    body, content_type = multipart({"bin": [b"\xff\xfe rubbish"]})
    assert client.post(f"/submit/{MISSED_BIN}", data=body, content_type=content_type).status_code == 400


def test_missing_fields_are_errors_and_extra_fields_are_never_stored(make_client, store):
    client, receiver = make_client()
    assert post(client, MISSED_BIN, {}).status_code == 422
    fields, _ = answers_for(receiver, MISSED_BIN)
    response = post(client, MISSED_BIN, {**fields, "is_admin": ["1"], "bin-extra": ["x"]})
    assert response.status_code == 303
    draft = store.draft(session_of(response))
    assert "is_admin" not in draft.fields and "bin-extra" not in draft.fields and "is_admin" not in draft.answers


def test_over_long_answers_are_refused_with_a_message(make_client):
    client, receiver = make_client(max_field_chars=100)
    fields, _ = answers_for(receiver, MISSED_BIN)
    fields["address-line1"] = ["x" * 101]
    response = post(client, MISSED_BIN, fields)
    assert response.status_code == 422
    assert "Your address must be 100 characters or fewer" in soup(response).select_one(".error-summary").get_text()


def test_script_and_html_are_escaped_wherever_they_are_shown(make_client, store):
    client, receiver = make_client()
    form_id = "contact-us"
    fields, _ = answers_for(receiver, form_id, NASTY)
    # Back with an error (a required answer missing), the nasty text is shown escaped, never run.
    first = next(iter(fields))
    wrong = post(client, form_id, {k: v for k, v in fields.items() if k != first})
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert" in html
    checked = post(client, form_id, fields)
    html = client.get(checked.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in html and "<b onmouseover" not in html and "&lt;script&gt;" in html
    html = client.get(f"/submit/{form_id}/change").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    post(client, form_id, {}, path="/send")
    [stored] = list(store.submissions(form_id))
    assert NASTY in str(stored.answers), "the answer is stored as it was typed; it is escaped when shown"


def test_forged_file_types_are_refused_by_content(make_client, store):
    client, receiver = make_client()
    fields, files = answers_for(receiver, PERMIT)
    for filename, data in (("proof.pdf", EXE), ("proof.png", b"<svg onload=alert(1)></svg>"), ("proof.png", PDF)):
        response = post(client, PERMIT, fields, {**files, "proof_of_address": (filename, data)})
        assert response.status_code == 422, filename
        errors = soup(response).select_one(".error-summary").get_text()
        assert "must be a PDF, JPG or PNG" in errors
    response = post(client, PERMIT, fields, {**files, "proof_of_address": ("proof.exe", PNG)})
    assert response.status_code == 422
    assert store.count(PERMIT) == 0


def test_uploads_are_never_served_back(make_client, store, site_dir):
    client, receiver = make_client()
    fields, files = answers_for(receiver, PERMIT)
    token, _ = journey(client, receiver, PERMIT)
    for path in (f"/submit/{PERMIT}/files/{token}", f"/submit/{PERMIT}/sent/proof_of_address",
                 f"/submit/{PERMIT}/uploads/proof.png"):
        response = client.get(path)
        assert response.status_code == 404 and PNG not in response.get_data()
    assert not list(site_dir.rglob("proof*.png"))


def test_a_filled_in_honeypot_is_turned_away(make_client, store):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    response = post(client, MISSED_BIN, {**fields, "website": ["http://spam.example"]})
    assert response.status_code == 400
    page = soup(response)
    assert "could not accept your form" in page.h1.get_text() and page.select_one(".other-ways")
    assert "01632 960 010" in page.select_one(".other-ways").get_text(), "the form's own other ways"
    assert store.count() == 0


def test_a_burst_over_the_rate_limit_is_turned_away(make_client):
    client, receiver = make_client(rate_limit=5)
    fields, _ = answers_for(receiver, MISSED_BIN)
    statuses = [post(client, MISSED_BIN, fields).status_code for _ in range(8)]
    assert statuses == [303] * 5 + [429] * 3
    response = post(client, MISSED_BIN, fields)
    assert 1 <= int(response.headers["Retry-After"]) <= 61
    assert "too many forms" in soup(response).h1.get_text()
    # Another client is not held up by the first.
    other = client.post(f"/submit/{MISSED_BIN}", data=urlencode(fields, doseq=True),
                        content_type="application/x-www-form-urlencoded",
                        environ_overrides={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 303


def test_receivers_sharing_a_store_share_the_rate_limit(make_client):
    """As gunicorn's workers, or instances behind a load balancer, do."""
    first, receiver = make_client(rate_limit=4)
    second, _ = make_client(rate_limit=4)
    fields, _ = answers_for(receiver, MISSED_BIN)
    statuses = [post(client, MISSED_BIN, fields).status_code for client in (first, second) * 3]
    assert statuses == [303] * 4 + [429] * 2


def test_answers_that_reached_the_limit_can_still_be_sent(make_client, store):
    client, receiver = make_client(rate_limit=2)
    other = Client(receiver)  # a second browser at the same address: the limit is per address
    fields, _ = answers_for(receiver, MISSED_BIN)
    for browser in (client, other):
        assert post(browser, MISSED_BIN, fields).status_code == 303
    assert post(client, MISSED_BIN, fields).status_code == 429
    for browser in (client, other):
        assert post(browser, MISSED_BIN, {}, path="/send").status_code == 303
    assert store.count() == 2
    assert post(client, MISSED_BIN, fields).status_code == 429, "sending made no room"


def test_answers_left_alone_for_an_hour_are_deleted_and_the_resident_is_told(make_client, store, monkeypatch):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    token = session_of(post(client, MISSED_BIN, fields))
    assert client.get(f"/submit/{MISSED_BIN}/check").status_code == 200
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:59")
    assert client.get(f"/submit/{MISSED_BIN}/check").status_code == 200, "59 minutes: still there"
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 13:00")
    fresh = Client(receiver)
    for response in (client.get(f"/submit/{MISSED_BIN}/check"), client.get(f"/submit/{MISSED_BIN}/change"),
                     post(client, MISSED_BIN, {}, path="/send"),
                     client.get(f"/submit/contact-us/check"),  # another form's answers are not these
                     fresh.get(f"/submit/{MISSED_BIN}/check"),  # another browser has none
                     post(fresh, MISSED_BIN, {}, path="/send")):
        assert response.status_code == 404
        page = soup(response)
        assert page.h1.get_text() == "Your answers have been deleted"
        assert "for 1 hour" in page.get_text() and page.find("a", string="Start the form again")
    assert store.count() == 0
    assert store.draft(token) is not None, "the purge deletes it; until then nobody can reach it"


def test_the_session_length_is_configurable(make_client, monkeypatch):
    client, receiver = make_client(session_minutes=20)
    fields, _ = answers_for(receiver, MISSED_BIN)
    post(client, MISSED_BIN, fields)
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:20")
    page = soup(client.get(f"/submit/{MISSED_BIN}/check"))
    assert page.h1.get_text() == "Your answers have been deleted" and "for 20 minutes" in page.get_text()


def test_a_forged_or_old_style_address_reaches_no_answers(make_client, store):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    token = session_of(post(client, MISSED_BIN, fields))
    for path in (f"check/{token}", f"change/{token}", f"sent/{token}"):
        assert Client(receiver).get(f"/submit/{MISSED_BIN}/{path}").status_code == 404
    forged = Client(receiver)
    forged.set_cookie("councilsite_session", "x" * 43, path="/submit/")
    assert forged.get(f"/submit/{MISSED_BIN}/check").status_code == 404


def test_the_cookie_is_secure_over_https(make_client):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    body = urlencode(fields, doseq=True)
    over_https = client.post(f"/submit/{MISSED_BIN}", data=body, content_type="application/x-www-form-urlencoded",
                             base_url="https://localhost/")
    assert over_https.headers["Set-Cookie"].endswith("; HttpOnly; SameSite=Lax; Secure")
    from councilsite.receiver.spam import parse_proxies
    proxied, receiver = make_client(trusted_proxies=parse_proxies("127.0.0.1"))
    behind = proxied.post(f"/submit/{MISSED_BIN}", data=body, content_type="application/x-www-form-urlencoded",
                          headers={"X-Forwarded-Proto": "https"}, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert behind.headers["Set-Cookie"].endswith("; Secure")
    # ...but only from a proxy on the list: anyone else's X-Forwarded-Proto proves nothing.
    around = proxied.post(f"/submit/{MISSED_BIN}", data=body, content_type="application/x-www-form-urlencoded",
                          headers={"X-Forwarded-Proto": "https"}, environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert not around.headers["Set-Cookie"].endswith("; Secure")
    untrusted = client.post(f"/submit/{MISSED_BIN}", data=body, content_type="application/x-www-form-urlencoded",
                            headers={"X-Forwarded-Proto": "https"})
    assert not untrusted.headers["Set-Cookie"].endswith("; Secure"), "a header anyone can send proves nothing"


def test_methods_and_paths(client):
    assert client.get(f"/submit/{MISSED_BIN}/send").status_code == 405
    assert client.get(f"/submit/{MISSED_BIN}/send").headers["Allow"] == "POST"
    assert client.delete(f"/submit/{MISSED_BIN}").status_code == 405
    response = client.get(f"/submit/{MISSED_BIN}")
    assert response.status_code == 303 and response.headers["Location"] == f"/forms/{MISSED_BIN}/"
    assert client.get(f"/submit/{MISSED_BIN}/elsewhere").status_code == 404


def test_every_answer_is_private_and_a_cookie_is_set_only_once_answers_are_kept(client):
    for response in (post(client, MISSED_BIN, {}), client.get(f"/submit/{MISSED_BIN}/check")):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "Set-Cookie" not in response.headers


def test_health(make_client, store):
    client, receiver = make_client()
    response = client.get("/submit/health")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"

    def broken():
        raise StoreError("the database does not answer")

    receiver.store.ping = broken
    assert client.get("/submit/health").status_code == 503


def test_logs_carry_no_personal_data(make_client, caplog):
    import logging

    client, receiver = make_client()
    with caplog.at_level(logging.INFO, logger="councilsite.receiver"):
        token, sent = journey(client, receiver, MISSED_BIN, text="Jo Bloggs of 1 Secret Lane")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert '"event": "form.sent"' in logged and '"reference"' in logged
    assert "Secret Lane" not in logged and token not in logged and "127.0.0.1" not in logged


def test_answers_nobody_sent_are_deleted_after_an_hour(make_client, store, monkeypatch):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    stale = session_of(post(client, MISSED_BIN, fields))
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 13:30")
    receiver.drafts_cleared = 0.0  # as if an hour had passed
    fresh = session_of(post(Client(receiver), MISSED_BIN, fields))
    assert store.draft(stale) is None and store.draft(fresh) is not None


def test_receiver_pages_have_the_plain_form_header_and_a_back_link_to_the_page_before(make_client):
    client, receiver = make_client()
    fields, _ = answers_for(receiver, MISSED_BIN)
    wrong = soup(post(client, MISSED_BIN, {}))
    assert wrong.select_one("header .form-header__title").get_text() == "Report a missed bin"
    assert not wrong.select(".search-form") and not wrong.select(".breadcrumbs")
    assert wrong.select_one("main a.back-link")["href"] == "/bins-and-recycling/report-a-missed-bin/"
    post(client, MISSED_BIN, fields)
    check = soup(client.get(f"/submit/{MISSED_BIN}/check"))
    assert check.select_one("main a.back-link")["href"] == f"/submit/{MISSED_BIN}/change"
    change = soup(client.get(f"/submit/{MISSED_BIN}/change"))
    assert change.select_one("main a.back-link")["href"] == f"/submit/{MISSED_BIN}/check"
