"""Every question type, in its normal and error state, has the GOV.UK markup assistive technology
relies on. Each is also compared with a golden snapshot in tests/forms/golden/ (to update them after
a deliberate change: UPDATE_GOLDEN=1 pytest tests/forms/test_forms_markup.py, then review the diff).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from formsite import EVERY_QUESTION, REPO

from councilsite.forms.definition import load_form
from councilsite.forms.fields import field_names
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import UploadedFile, check_submission
from councilsite.forms.view import build_page

GOLDEN = Path(__file__).parent / "golden"
FORM, _ = load_form("every-question", EVERY_QUESTION, "forms/every-question.yml")
BAD_ANSWERS = {"reference": "1234", "nickname": "x", "phone": "12", "bags": "lots", "owner-first": "Sam",
               "birthday-year": "1980", "missed_on-day": "31", "missed_on-month": "2", "missed_on-year": "2020",
               "address-postcode": "nowhere", "email": "sam@"}
BAD_FILES = {"photo": UploadedFile("notes.txt", 12)}
# question id -> the type (or style) its snapshot is named after
SNAPSHOTS = {"reference": "text", "story": "textarea", "email": "email", "phone": "phone", "bags": "number",
             "full_name": "name", "owner": "name-parts", "bin": "radios", "items": "checkboxes", "area": "select",
             "assisted": "yes_no", "missed_on": "date", "address": "address", "photo": "file"}


@pytest.fixture(scope="module")
def env():
    # As mkdocs renders themes: no autoescaping, so the templates escape text themselves.
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "theme")), autoescape=False)
    environment.filters["url"] = lambda value: value
    environment.filters["href"] = lambda value: value.lstrip("/") or "."
    return environment


def views(state: str):
    if state == "normal":
        page = build_page(FORM, "/submit/every-question")
    else:
        result = check_submission(form_rules(FORM), BAD_ANSWERS, BAD_FILES, today=__import__("datetime").date(2026, 11, 22))
        page = build_page(FORM, "/submit/every-question", BAD_ANSWERS, result.errors)
    return {q.id: q for section in page.sections for q in section.questions}


def sent_names(question) -> set[str]:
    """The names a question's fields are sent as, with the questions its answers reveal."""
    names = set(field_names(question))
    for revealed in question.reveals.values():
        for other in revealed:
            names |= set(field_names(other))
    return names


def render(env, view) -> str:
    template = env.from_string('{% import "components/question/macro.html" as question %}{{ question.render(q) }}')
    return template.render(q=view).strip() + "\n"


def html(env, question_id: str, state: str) -> BeautifulSoup:
    return BeautifulSoup(render(env, views(state)[question_id]), "html.parser")


@pytest.mark.parametrize("state", ["normal", "error"])
@pytest.mark.parametrize("question_id", list(SNAPSHOTS))
def test_matches_its_golden_snapshot(env, question_id, state):
    rendered = render(env, views(state)[question_id])
    name = SNAPSHOTS[question_id] + ("-error" if state == "error" else "") + ".html"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no snapshot {name}: run with UPDATE_GOLDEN=1 and review it"
    assert rendered == golden.read_text(encoding="utf-8"), f"{name} changed: review it, then UPDATE_GOLDEN=1"


@pytest.mark.parametrize("state", ["normal", "error"])
@pytest.mark.parametrize("question_id", list(SNAPSHOTS))
def test_every_field_has_a_label_and_no_required_attribute(env, question_id, state):
    soup = html(env, question_id, state)
    fields = soup.find_all(["input", "select", "textarea"])
    assert fields
    for field in fields:
        labels = soup.find_all("label", attrs={"for": field["id"]})
        assert len(labels) == 1 and labels[0].get_text(strip=True), field
        assert not field.has_attr("required") and not field.has_attr("aria-required")
        assert field["name"] in sent_names(FORM.question(question_id)), field
    assert "*" not in soup.get_text()


@pytest.mark.parametrize("state", ["normal", "error"])
@pytest.mark.parametrize("question_id", list(SNAPSHOTS))
def test_hints_and_errors_are_joined_by_aria_describedby(env, question_id, state):
    soup = html(env, question_id, state)
    for hint in soup.select(".hint[id], .error-message"):
        described = soup.find_all(attrs={"aria-describedby": re.compile(rf"(^|\s){re.escape(hint['id'])}(\s|$)")})
        assert described, f"nothing is described by {hint['id']}"
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            assert soup.find(id=ref), f"{ref} is missing"


@pytest.mark.parametrize("question_id", ["bin", "items", "assisted", "missed_on", "address", "owner"])
def test_groups_are_fieldsets_with_the_question_as_legend(env, question_id):
    soup = html(env, question_id, "normal")
    fieldset = soup.find("fieldset")
    legend = fieldset.find("legend", recursive=False)
    label = FORM.question(question_id).label
    assert legend.get_text(strip=True) in (label, f"{label} (optional)")
    if question_id == "missed_on":
        assert fieldset["role"] == "group"


@pytest.mark.parametrize("question_id", ["bin", "items", "assisted", "missed_on", "address", "owner"])
def test_the_first_part_carries_the_bare_question_id(env, question_id):
    soup = html(env, question_id, "normal")
    first = soup.find(["input", "select", "textarea"])
    assert first["id"] == question_id


def test_optional_questions_say_so_in_the_label(env):
    assert html(env, "nickname", "normal").label.get_text(strip=True) == "What should we call you? (optional)"
    assert html(env, "owner", "normal").legend.get_text(strip=True) == "Who owns it? (optional)"
    assert html(env, "email", "normal").label.get_text(strip=True) == "Email address"


@pytest.mark.parametrize("question_id, attrs", [
    ("email", {"type": "email", "autocomplete": "email", "spellcheck": "false"}),
    ("phone", {"type": "tel", "autocomplete": "tel"}),
    ("bags", {"type": "text", "inputmode": "numeric", "spellcheck": "false"}),
    ("full_name", {"type": "text", "autocomplete": "name", "spellcheck": "false"}),
    ("reference", {"type": "text", "inputmode": "numeric", "spellcheck": "false"}),
    ("photo", {"type": "file", "accept": ".jpg,.jpeg,.png"}),
])
def test_fields_have_the_right_type_autocomplete_inputmode_and_spellcheck(env, question_id, attrs):
    field = html(env, question_id, "normal").find(id=question_id)
    for name, value in attrs.items():
        assert field.get(name) == value, (name, field)


def test_dates_are_three_numeric_boxes_with_date_of_birth_tokens(env):
    parts = html(env, "birthday", "normal").find_all("input")
    assert [(p["id"], p["name"], p["autocomplete"], p["inputmode"]) for p in parts] == [
        ("birthday", "birthday-day", "bday-day", "numeric"),
        ("birthday-month", "birthday-month", "bday-month", "numeric"),
        ("birthday-year", "birthday-year", "bday-year", "numeric")]
    assert [label.get_text() for label in html(env, "birthday", "normal").find_all("label")] == ["Day", "Month", "Year"]


def test_addresses_use_uk_address_tokens(env):
    fields = html(env, "address", "normal").find_all("input")
    assert [(f["name"], f["autocomplete"]) for f in fields] == [
        ("address-line1", "address-line1"), ("address-line2", "address-line2"), ("address-town", "address-level2"),
        ("address-county", "address-level1"), ("address-postcode", "postal-code")]
    assert fields[-1]["spellcheck"] == "false"


def test_an_address_that_is_not_the_residents_says_so_with_autocomplete_off():
    from councilsite.forms.fields import parts
    from councilsite.forms.model import Question

    where = Question(id="where", type="address", label="Where is the rubbish?", settings={"autocomplete": False})
    assert {p.autocomplete for p in parts(where)} == {"off"}, "the browser must not offer the resident's address"


def test_names_in_parts_use_given_and_family_name(env):
    fields = html(env, "owner", "normal").find_all("input")
    assert [(f["id"], f["name"], f["autocomplete"]) for f in fields] == [
        ("owner", "owner-first", "given-name"), ("owner-last", "owner-last", "family-name")]


def test_answers_that_reveal_questions_name_their_container(env):
    soup = html(env, "bin", "normal")
    green = soup.find(id="bin-3")
    assert green["data-aria-controls"] == "conditional-bin-3"
    container = soup.find(id="conditional-bin-3")
    assert "radios__conditional--hidden" in container["class"]
    assert container.find("input")["name"] == "colour_other"
    assert soup.find(id="bin")["name"] == soup.find(id="bin-2")["name"] == "bin"


def test_the_error_state_marks_fields_invalid_and_says_error(env):
    errors = views("error")
    for question_id in ("reference", "nickname", "email", "phone", "bags", "full_name", "missed_on", "address",
                        "photo", "bin", "items", "area", "assisted"):
        soup = BeautifulSoup(render(env, errors[question_id]), "html.parser")
        message = soup.select_one(".error-message")
        assert message and message.get_text(" ", strip=True).startswith("Error: "), question_id
        assert message.select_one(".visually-hidden").get_text() == "Error:"
        assert "form-group--error" in soup.find("div")["class"], question_id
        invalid = soup.find_all(attrs={"aria-invalid": "true"})
        assert invalid, question_id
        for element in invalid:
            assert any(ref.endswith("-error") for ref in element["aria-describedby"].split()), element


def test_errors_on_radios_checkboxes_and_dates_describe_the_fieldset(env):
    errors = views("error")
    for question_id in ("bin", "items", "assisted", "missed_on"):
        fieldset = BeautifulSoup(render(env, errors[question_id]), "html.parser").find("fieldset")
        assert f"{question_id}-error" in fieldset["aria-describedby"].split()
    date = BeautifulSoup(render(env, errors["missed_on"]), "html.parser")
    assert date.find("fieldset")["aria-describedby"] == "missed_on-hint missed_on-error"
    assert [i.get("aria-invalid") for i in date.find_all("input")] == ["true", "true", "true"]


def test_an_address_shows_an_error_under_each_box_in_error(env):
    soup = BeautifulSoup(render(env, views("error")["address"]), "html.parser")
    messages = {m["id"]: m.get_text(" ", strip=True) for m in soup.select(".error-message")}
    assert messages == {"address-error": "Error: Enter address line 1, typically the building and street",
                        "address-town-error": "Error: Enter town or city",
                        "address-postcode-error": "Error: Enter a full UK postcode"}


def test_a_textarea_with_a_limit_has_a_character_count(env):
    soup = html(env, "story", "normal")
    group = soup.find("div")
    assert group["data-module"] == "character-count" and group["data-maxlength"] == "50"
    assert soup.find("textarea")["aria-describedby"] == "story-info"
    assert soup.find(id="story-info").get_text() == "You can enter up to 50 characters"


def test_text_is_escaped(env):
    form, _ = load_form("x", EVERY_QUESTION.replace("label: Reference number", 'label: "Fish & <chips>"'), "x.yml")
    view = build_page(form, "/x").sections[0].questions[0]
    assert "Fish &amp; &lt;chips&gt;" in render(env, view)
