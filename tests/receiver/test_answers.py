"""Answers as people read them, on "Check your answers" and in exports."""
from __future__ import annotations

from pathlib import Path

import pytest

from councilsite.forms import load_forms
from councilsite.receiver.answers import NOT_PROVIDED, answer_rows

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def forms():
    return {f.id: f for f in load_forms(REPO / "forms", "forms", None)}


def read(rows):
    return {row.label: row.lines for row in rows}


def test_values_read_as_labels_dates_and_lines(forms):
    rows = answer_rows(forms["report-a-missed-bin"], {
        "bin": "garden-waste", "collection_day": "2026-11-20",
        "address": {"line1": "12 Mill Lane", "town": "Eastmere", "postcode": "EM1 1AA"},
        "updates": "text", "mobile": "07700 900 123", "crew_notes": "By the gate\nBehind the shed"})
    seen = read(rows)
    assert seen["Which bin did we miss?"] == ("Brown garden waste bin",)
    assert seen["When was your collection day?"] == ("20 November 2026",)
    assert seen["Your address"] == ("12 Mill Lane", "Eastmere", "EM1 1AA")
    assert seen["Is there anything the crew needs to know?"] == ("By the gate", "Behind the shed")
    assert seen["Full name"] == (NOT_PROVIDED,)  # optional, shown, left blank
    assert "Email address" not in seen  # hidden: they chose text messages
    assert seen["Mobile phone number"] == ("07700 900 123",)
    address = next(r for r in rows if r.label == "Your address")
    assert address.text == "12 Mill Lane; Eastmere; EM1 1AA" and address.target == "address"


def test_ticked_boxes_and_files(forms):
    rows = read(answer_rows(forms["report-fly-tipping"], {
        "waste_type": ["dangerous", "other"],
        "photo": {"filename": "tip.png", "size": 70, "content_type": "image/png"}}))
    assert rows["What has been dumped?"] == ("Something that could be dangerous", "Something else")
    assert rows[next(label for label in rows if "photo" in label.lower())] == ("tip.png (70 bytes)",)


def test_numbers_keep_their_unit_in_the_singular_too(forms):
    form = forms["book-a-bulky-waste-collection"]
    number = next(q for q in form.questions if q.type == "number")
    suffix = number.setting("suffix")
    one = read(answer_rows(form, {number.id: 1}))[number.label]
    two = read(answer_rows(form, {number.id: 2}))[number.label]
    assert two == (f"2 {suffix}",) if suffix else ("2",)
    if suffix and suffix.endswith("s"):
        assert one == (f"1 {suffix[:-1]}",)
