"""Real-sized uploads: photos and PDFs of 5 MB and 10 MB are taken, several in one form, streamed
to disk; a file just over its question's limit gets GOV.UK's inline message, not an error page;
and each form takes a body no bigger than its own questions need."""
from __future__ import annotations

import hashlib
import os
import tracemalloc

import pytest
from bs4 import BeautifulSoup
from werkzeug.test import Client, EnvironBuilder

from councilsite.receiver.app import create_app
from councilsite.receiver.body import body_limit
from receiversite import build_demo, demo_settings, multipart, text_of, valid_fields

PERMIT = "apply-for-a-parking-permit"
CONTACT = "contact-us"
MB = 1024 * 1024


def jpeg(size: int) -> bytes:
    """A JPEG of exactly `size` bytes: a real header, then camera-style APP segments of noise."""
    start = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    end = b"\xff\xd9"
    left, sizes = size - len(start) - len(end), []
    while left > 2 * 65537:
        sizes.append(65537)
        left -= 65537
    sizes += [left // 2, left - left // 2] if left > 65537 else [left]  # each segment 4 bytes or more
    out = [start] + [b"\xff\xe1" + (n - 2).to_bytes(2, "big") + os.urandom(n - 4) for n in sizes]
    data = b"".join(out) + end
    assert len(data) == size
    return data


def pdf(size: int) -> bytes:
    """A PDF of exactly `size` bytes whose one stream holds noise, as a scanned page would."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n" \
           b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n3 0 obj <</Length LENGTH>> stream\n"
    tail = b"\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    room = size - len(head) - len(tail) + len(b"LENGTH") - 10
    head = head.replace(b"LENGTH", b"%010d" % room)
    data = head + os.urandom(room) + tail
    assert len(data) == size
    return data


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("uploads-site"))


@pytest.fixture
def receiver(site_dir, store):
    return create_app(demo_settings(site_dir, rate_limit=0), store)


def post(receiver, form_id, fields, files):
    body, content_type = multipart(fields, files)
    return Client(receiver).post(f"/submit/{form_id}", data=body, content_type=content_type)


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("proof, letter", [
    (("proof.jpg", 5 * MB, jpeg), ("letter.pdf", 5 * MB, pdf)),
    (("proof.pdf", 10 * MB, pdf), ("letter.jpg", 10 * MB, jpeg)),
])
def test_photos_and_pdfs_up_to_the_limit_are_taken_several_in_one_form(receiver, store, proof, letter):
    fields, _ = valid_fields(receiver.settings.forms[PERMIT])
    assert fields["company_car"] == ["yes"], "the letter from an employer is asked for"
    files = {"proof_of_address": (proof[0], proof[2](proof[1])), "employer_letter": (letter[0], letter[2](letter[1]))}
    browser = Client(receiver)
    body, content_type = multipart(fields, files)
    response = browser.post(f"/submit/{PERMIT}", data=body, content_type=content_type)
    assert response.status_code == 303, text_of(response.get_data(as_text=True))[:600]
    sent = browser.post(f"/submit/{PERMIT}/send")
    assert sent.status_code == 303
    [submission] = list(store.submissions(PERMIT, with_data=True))
    got = {u.question: u for u in submission.uploads}
    for question, (filename, data) in files.items():
        assert got[question].filename == filename and got[question].size == len(data)
        assert got[question].sha256 == hashlib.sha256(data).hexdigest() and bytes(got[question].data) == data


@pytest.mark.parametrize("size", [10 * MB + 1, 10 * MB + 300 * 1024, 15 * MB])
def test_a_file_over_the_limit_gets_the_inline_message_on_its_question(receiver, store, size):
    fields, files = valid_fields(receiver.settings.forms[PERMIT])
    response = post(receiver, PERMIT, fields, {**files, "proof_of_address": ("proof.pdf", pdf(size))})
    assert response.status_code == 422
    page = soup(response)
    assert [a.get_text() for a in page.select(".error-summary a")] == ["The selected file must be smaller than 10MB"]
    assert page.select_one(".error-summary a")["href"] == "#proof_of_address"
    assert "The selected file must be smaller than 10MB" in page.select_one("#proof_of_address-error").get_text()
    assert store.count(PERMIT) == 0


def test_a_10mb_upload_is_streamed_not_held_in_memory(receiver, store, store_url):
    fields, files = valid_fields(receiver.settings.forms[PERMIT])
    data = pdf(10 * MB)
    body, content_type = multipart(fields, {**files, "proof_of_address": ("proof.pdf", data)})
    environ = EnvironBuilder(path=f"/submit/{PERMIT}", method="POST", data=body, content_type=content_type).get_environ()
    statuses = []
    tracemalloc.start()
    try:
        receiver(environ, lambda status, headers, exc_info=None: statuses.append(status))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert statuses[0].startswith("303")
    # The body itself is already in memory (the test made it); reading it adds chunks, not copies.
    # SQLite reads the mapped file as it writes; psycopg makes one passing copy as it sends the
    # row (in binary: as text it would be a hex copy twice the size, and then some).
    allowed = 2 * MB if store_url.startswith("sqlite") else 10 * MB + 2 * MB
    assert peak < allowed, f"reading a 10 MB upload took {peak / MB:.1f} MB of Python memory"


def test_each_form_takes_only_what_its_own_questions_need(receiver):
    limits = receiver.limits
    assert limits[PERMIT] > 2 * 3 * 10 * MB, "three 10MB file questions, each file up to twice too big"
    assert limits[CONTACT] < 1 * MB, "no file question: answers only"
    forms = receiver.settings.forms
    assert limits[CONTACT] == body_limit(forms[CONTACT], receiver.settings.max_field_chars, {})


def test_a_form_without_files_refuses_a_bigger_body_with_a_small_413(receiver):
    client = Client(receiver)
    limit = receiver.limits[CONTACT]
    for size in (limit + 1, 30 * MB):
        response = client.post(f"/submit/{CONTACT}", data=b"message=" + b"x" * size,
                               content_type="application/x-www-form-urlencoded")
        assert response.status_code == 413
        assert "too big" in soup(response).h1.get_text()
        assert len(response.get_data()) < 100 * 1024, "the error page does not send the answers back"
    # Sent without a length, the body is read only up to the limit.
    body, content_type = multipart({"message": ["x" * (limit + 10)]})
    environ = EnvironBuilder(path=f"/submit/{CONTACT}", method="POST", data=body, content_type=content_type).get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True
    statuses = []
    receiver(environ, lambda status, headers, exc_info=None: statuses.append(status))
    assert statuses[0].startswith("413")


def test_a_body_far_over_a_file_forms_limit_is_413_before_it_is_read(receiver):
    limit = receiver.limits[PERMIT]
    environ = EnvironBuilder(path=f"/submit/{PERMIT}", method="POST", data=b"",
                             content_type="multipart/form-data; boundary=x").get_environ()
    environ["CONTENT_LENGTH"] = str(limit + 1)
    statuses = []
    receiver(environ, lambda status, headers, exc_info=None: statuses.append(status))
    assert statuses[0].startswith("413")


def test_an_answer_just_over_its_length_still_gets_its_message(receiver):
    form = receiver.settings.forms[CONTACT]
    fields, _ = valid_fields(form)
    longest = receiver.settings.max_field_chars
    name = next(q.id for q in form.questions if q.type == "textarea")
    fields[name] = ["😀" * (longest + 1)]
    body, content_type = multipart(fields)
    response = Client(receiver).post(f"/submit/{CONTACT}", data=body, content_type=content_type)
    assert response.status_code == 422
