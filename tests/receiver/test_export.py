"""Exports: residents' answers reach officers' spreadsheets and other systems as text, never as
formulas or markup."""
import csv
import datetime as dt
import io
import json

import pytest

from councilsite.forms import load_forms
from councilsite.receiver.export import cell, export_csv, export_json, write_files
from councilsite.receiver.store.base import Submission, Upload
from sending import at, demo_forms, send, upload

ATTACKS = ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40

TINY = """\
title: Tell us a number
intro: A form for the export's tests.
privacy:
  what: We keep the number and the note.
  why: To test exports.
  how_long: We keep them for 1 year.
  keep_for: 1 year
what_happens_next: Nothing happens.
timescale: None.
questions:
  - id: amount
    type: number
    label: How much?
    whole: false
  - id: note
    type: textarea
    label: "Note <b>&</b>"
    optional: true
  - id: photo
    type: file
    label: A photo
    optional: true
    accept: [png]
"""


@pytest.fixture(scope="module")
def forms():
    return demo_forms()


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "tell-us-a-number.yml").write_text(TINY)
    return load_forms(tmp_path / "forms", "forms", None)[0]


def made(form_id, answers, reference="AB-1", received=None, uploads=()):
    return Submission(1, form_id, reference, "token", answers, received or at("2026-11-22 12:00"), tuple(uploads))


@pytest.mark.parametrize("value", ATTACKS)
def test_cells_that_could_be_formulas_are_quoted(value):
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-5", "-1,250.50", "-0.5", "1250", "Mill Lane", "", "'already", "a=b"])
def test_plain_numbers_and_ordinary_text_are_left_alone(value):
    # -5 cannot be a formula: quoting it would make a number an officer adds up into text.
    assert cell(value) == value


def test_numbers_export_legibly(tiny):
    out = io.StringIO()
    export_csv(tiny, [made(tiny.id, {"amount": -5}), made(tiny.id, {"amount": -1250.5}, "AB-2")], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert [r[2] for r in rows[1:]] == ["-5", "-1,250.5"]


def test_csv_injection_round_trips_as_text(store, forms):
    form = forms["contact-us"]
    fields = {"topic": "other", "full_name": "@SUM(A1)", "reference": "+1", "reply_by": "email",
              "email": "ann@example.com", "message": '=HYPERLINK("http://x")'}
    first = send(store, form, fields, at("2026-11-20 09:30"))
    second = send(store, form, {**fields, "full_name": "Zoë O'Neill", "reference": "",
                                "message": "<script>alert(1)</script>"}, at("2026-11-21 10:00"))
    out = io.StringIO()
    assert export_csv(form, store.submissions(form.id), out) == 2
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == ["Reference", "Received", *(q.label for q in form.questions)]
    by = dict(zip(header, rows[0]))
    assert by["Reference"] == first.reference
    assert by["Received"] == "2026-11-20T09:30:00+00:00"
    assert by["Your message"] == "'" + '=HYPERLINK("http://x")'
    assert by["Full name"] == "'@SUM(A1)"
    assert by["Reference number"] == "'+1"
    assert by["What is your message about?"] == "Something else"
    assert by["Phone number"] == ""  # hidden by a condition: not asked
    again = dict(zip(header, rows[1]))
    assert again["Reference"] == second.reference
    assert again["Your message"] == "<script>alert(1)</script>"  # harmless in a spreadsheet
    assert again["Full name"] == "Zoë O'Neill"
    assert again["Reference number"] == "Not provided"
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r"))


def test_json_is_safe_to_paste_into_html(store, forms):
    form = forms["contact-us"]
    fields = {"topic": "housing", "full_name": "Zoë <b>&</b>", "reply_by": "post", "address-line1": "1 Mill Lane",
              "address-town": "Eastmere", "address-postcode": "EM1 1AA", "message": "<script>alert(1)</script>"}
    sent = send(store, form, fields, at("2026-07-01 15:45"))
    out = io.StringIO()
    assert export_json(form, store.submissions(form.id), out) == 1
    text = out.getvalue()
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003cscript\\u003e" in text and "Zoë" in text  # escaped markup, unicode kept
    [entry] = json.loads(text)
    assert entry["form"] == "contact-us" and entry["reference"] == sent.reference
    assert entry["received_at"] == "2026-07-01T15:45:00+01:00"  # UK summer time
    assert entry["answers"]["message"] == "<script>alert(1)</script>"
    assert entry["answers"]["full_name"] == "Zoë <b>&</b>"
    assert entry["answers_text"]["Postal address"] == "1 Mill Lane; Eastmere; EM1 1AA"
    assert entry["answers_text"]["How should we reply?"] == "Post"
    assert "Email address" not in entry["answers_text"]
    assert entry["files"] == []


def test_files_are_listed_and_saved_without_overwriting(store, forms, tmp_path):
    form = forms["report-fly-tipping"]
    photo = upload("photo", "../../Pictures/bin <1>.png", PNG, "image/png")
    sent = send(store, form, {"location": "Behind the shops", "waste_type": ["dangerous"], "amount": "single"},
                at("2026-11-21 08:00"), uploads=[photo])
    csv_out, json_out = io.StringIO(), io.StringIO()
    export_csv(form, store.submissions(form.id), csv_out)
    export_json(form, store.submissions(form.id), json_out)
    header, row = list(csv.reader(io.StringIO(csv_out.getvalue())))
    assert dict(zip(header, row))["Upload a photo"] == "bin _1_.png (48 bytes)"
    [entry] = json.loads(json_out.getvalue())
    assert entry["files"] == [{"question": "photo", "filename": "bin _1_.png", "content_type": "image/png",
                               "size": len(PNG), "sha256": photo.sha256}]
    assert "content_base64" not in entry["files"][0]

    [path] = write_files(store.submissions(form.id, with_data=True), tmp_path / "files")
    assert path == tmp_path / "files" / sent.reference / "photo-bin _1_.png"
    assert path.read_bytes() == PNG
    with pytest.raises(FileExistsError):
        write_files(store.submissions(form.id, with_data=True), tmp_path / "files")
    with pytest.raises(ValueError):
        write_files(store.submissions(form.id), tmp_path / "other")  # listed without their data


def test_long_names_fit_the_file_system(tmp_path):
    data = b"%PDF-1.4 x"
    sub = made("contact-us", {}, uploads=[Upload("evidence", "é" * 199 + ".pdf", "application/pdf", 10, "ab", data)])
    [path] = write_files([sub], tmp_path)
    assert path.name.startswith("evidence-éé") and path.name.endswith("é.pdf") and len(path.name.encode()) <= 250
    assert path.read_bytes() == data


def test_answers_to_questions_a_form_no_longer_has_still_export(tiny):
    old = made(tiny.id, {"amount": 3, "colour": "=red"}, received=dt.datetime(2026, 1, 5, 9, tzinfo=dt.timezone.utc))
    out = io.StringIO()
    export_csv(tiny, [old], out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert header[-1] == "Earlier question: colour" and row[-1] == "'=red"
    assert row[1] == "2026-01-05T09:00:00+00:00"
    assert header[3] == "Note <b>&</b>"  # a label, as the editor wrote it


def test_an_answer_that_no_longer_fits_its_question_is_shown_plainly(tiny):
    out = io.StringIO()
    export_csv(tiny, [made(tiny.id, {"amount": "lots", "note": "ok"})], out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[2:4] == ["lots", "ok"]


def test_empty_exports():
    out = io.StringIO()
    form = demo_forms()["contact-us"]
    assert export_json(form, [], out) == 0 and json.loads(out.getvalue()) == []
    out = io.StringIO()
    assert export_csv(form, [], out) == 0
    assert len(list(csv.reader(io.StringIO(out.getvalue())))) == 1


def test_a_label_used_twice_is_told_apart():
    form = demo_forms()["contact-us"]
    form.questions[2].label = form.questions[1].label  # "Your message" twice
    from councilsite.receiver.export import labelled_texts
    texts = labelled_texts(form, {"topic": "housing", "message": "Hi", "reference": "X1"})
    assert texts["Your message (message)"] == "Hi" and texts["Your message (reference)"] == "X1"


def test_uploads_carry_content_only_when_asked():
    from councilsite.receiver.export import record
    data = b"\x89PNG\r\n\x1a\nxx"
    sub = made("report-fly-tipping", {}, uploads=[Upload("photo", "a.png", "image/png", 10, "ab", data)])
    assert record(None, sub, content=True)["files"][0]["content_base64"] == "iVBORw0KGgp4eA=="
    assert "content_base64" not in record(None, sub)["files"][0]
    assert record(None, sub)["answers_text"] == {}

