"""The server-side twin of the browser checks, the GOV.UK default messages and the JSON Schema."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from formsite import EVERY_QUESTION, REPO, demo_form_ids

from councilsite.forms.definition import load_form
from councilsite.forms.json_schema import form_schema
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import UploadedFile, check_submission

FORM, _ = load_form("every-question", EVERY_QUESTION, "forms/every-question.yml")
RULES = form_rules(FORM)
TODAY = dt.date(2026, 11, 22)
GOOD = {
    "reference": ["40012345"], "nickname": ["Sam"], "story": ["The lid was open."], "email": [" sam@example.com "],
    "phone": ["01632 960 001"], "bags": ["3"], "full_name": ["Sam Smith"], "owner-first": [""], "owner-last": [""],
    "bin": ["green-bin"], "colour_other": ["Red"], "items": ["paper", "glass"], "other_item": ["ignored: not shown"],
    "area": ["south"], "assisted": ["no"], "missed_on-day": ["2"], "missed_on-month": ["Nov"],
    "missed_on-year": ["2026"], "birthday-day": [""], "birthday-month": [""], "birthday-year": [""],
    "address-line1": ["12 Mill Lane"], "address-line2": [""], "address-town": ["Eastmere"], "address-county": [""],
    "address-postcode": ["em11aa"],
}


def check(changes=None, files=None):
    fields = {**GOOD, **(changes or {})}
    return check_submission(RULES, fields, files or {}, today=TODAY)


def messages(result):
    return {e.question if e.part is None else f"{e.question}.{e.part}": e.message for e in result.errors}


def test_a_good_submission_gives_tidy_answers():
    result = check(files={"photo": UploadedFile("Lid.JPG", 2048, "image/jpeg")})
    assert result.ok, result.errors
    assert result.answers == {
        "reference": "40012345", "nickname": "Sam", "story": "The lid was open.", "email": "sam@example.com",
        "phone": "01632 960 001", "bags": 3, "full_name": "Sam Smith", "bin": "green-bin", "colour_other": "Red",
        "items": ["paper", "glass"], "area": "south", "assisted": "no", "missed_on": "2026-11-02",
        "address": {"line1": "12 Mill Lane", "town": "Eastmere", "postcode": "EM1 1AA"},
        "photo": {"filename": "Lid.JPG", "size": 2048, "content_type": "image/jpeg"},
    }


def test_an_empty_submission_says_what_to_enter_the_gov_uk_way():
    result = check_submission(RULES, {}, {}, today=TODAY)
    assert messages(result) == {
        "reference": "Enter your reference number",
        "story": "Enter what happened",
        "email": "Enter an email address",
        "bags": "Enter the number of bags",
        "full_name": "Enter your full name",
        "bin": "Select which bin",
        "items": "Select what is in it",
        "area": "Select which area",
        "assisted": "Select yes or no",
        "missed_on": "Enter the date we missed it",
        "address.line1": "Enter address line 1, typically the building and street",
        "address.town": "Enter town or city",
        "address.postcode": "Enter your postcode",
    }
    assert [e.target for e in result.errors][:3] == ["reference", "story", "email"]


@pytest.mark.parametrize("changes, question, message", [
    ({"reference": ["1234"]}, "reference", "Enter your reference number as 8 numbers, like 40012345"),
    ({"nickname": ["S"]}, "nickname", "The answer must be 2 characters or more"),
    ({"nickname": ["S" * 21]}, "nickname", "The answer must be 20 characters or less"),
    ({"story": ["x" * 51]}, "story", "What happened must be 50 characters or less"),
    ({"story": ["🗑️" + "x" * 48]}, "story", None),  # an emoji and its variation selector are 2 characters
    ({"email": ["sam.example.com"]}, "email", "Enter an email address in the correct format, like name@example.com"),
    ({"phone": ["12345"]}, "phone", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
    ({"phone": ["+44 (0)808-157-0192"]}, "phone", None),  # brackets, hyphens and spaces are fine
    ({"phone": ["01632 96"]}, "phone", "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"),
    ({"phone": ["+44 808 157 0192"]}, "phone", None),
    ({"bags": ["three"]}, "bags", "The number of bags must be a number"),
    ({"bags": ["2.5"]}, "bags", "The number of bags must be a whole number"),
    ({"bags": ["0"]}, "bags", "The number of bags must be between 1 and 10"),
    ({"bags": ["1,000"]}, "bags", "The number of bags must be between 1 and 10"),
    ({"missed_on-month": [""]}, "missed_on", "The date we missed it must include a month"),
    ({"missed_on-day": [""], "missed_on-year": [""]}, "missed_on", "The date we missed it must include a day and year"),
    ({"missed_on-day": ["31"], "missed_on-month": ["2"]}, "missed_on", "The date we missed it must be a real date"),
    ({"missed_on-month": ["Smarch"]}, "missed_on", "The date we missed it must be a real date"),
    ({"missed_on-month": ["December"], "missed_on-year": ["2025"]}, "missed_on", None),
    ({"missed_on-year": ["26"]}, "missed_on", "Year must include 4 numbers"),
    ({"missed_on-day": ["22"], "missed_on-month": ["11"]}, "missed_on", "The date we missed it must be in the past"),
    ({"birthday-year": ["1990"]}, "birthday", "The date must include a day and month"),
    ({"bin": ["purple"]}, "bin", "Select which bin"),
    ({"colour_other": [""]}, "colour_other", "Enter the colour of the lid"),
    ({"address-postcode": ["EM1"]}, "address.postcode", "Enter a full UK postcode"),
    ({"owner-first": ["Sam"]}, "owner.last", "Enter your last name"),
])
def test_each_check_gives_its_message(changes, question, message):
    found = messages(check(changes))
    assert found.get(question) == message, found


@pytest.mark.parametrize("upload, message", [
    (UploadedFile("notes.pdf", 100), "The selected file must be a JPG or PNG"),
    (UploadedFile("big.png", 1024 * 1024 + 1), "The selected file must be smaller than 1MB"),
    (UploadedFile("empty.png", 0), "The selected file is empty"),
    (UploadedFile("", 0), None),  # no file chosen: the question is optional
])
def test_files_are_checked_for_type_and_size(upload, message):
    assert messages(check(files={"photo": upload})).get("photo") == message


def test_answers_to_questions_that_were_not_shown_are_neither_checked_nor_kept():
    result = check({"bin": ["grey"], "colour_other": [""], "items": ["paper"], "other_item": ["Glass jars"]})
    assert result.ok and "colour_other" not in result.answers and "other_item" not in result.answers
    result = check({"items": ["paper", "other"], "other_item": [""]})
    assert messages(result) == {"other_item": "Enter an answer"}


def test_custom_messages_replace_the_defaults():
    text = EVERY_QUESTION.replace("        name_in_errors: the number of bags\n",
                                  "        name_in_errors: the number of bags\n"
                                  "        errors: {required: Tell us how many bags, too_big: We collect up to 10 bags}\n")
    form, errors = load_form("every-question", text, "x")
    assert not errors
    rules = form_rules(form)
    assert messages(check_submission(rules, {**GOOD, "bags": [""]}, today=TODAY))["bags"] == "Tell us how many bags"
    assert messages(check_submission(rules, {**GOOD, "bags": ["11"]}, today=TODAY))["bags"] == "We collect up to 10 bags"
    assert messages(check_submission(rules, {**GOOD, "bags": ["0"]}, today=TODAY))["bags"] == \
        "The number of bags must be between 1 and 10"


# -- JSON Schema ----------------------------------------------------------------------------------


def conforms(instance, schema) -> list[str]:
    """A small JSON Schema (2020-12) checker for the keywords the form schemas use."""
    problems: list[str] = []

    def walk(value, rule, where):
        if rule is True or rule == {}:
            return
        kinds = {"string": str, "integer": int, "number": (int, float), "object": dict, "array": list}
        if "type" in rule:
            ok = isinstance(value, kinds[rule["type"]]) and not isinstance(value, bool)
            if rule["type"] == "integer":
                ok = ok and not isinstance(value, float)
            if not ok:
                problems.append(f"{where}: not {rule['type']}")
                return
        if "const" in rule and value != rule["const"]:
            problems.append(f"{where}: not {rule['const']}")
        if "enum" in rule and value not in rule["enum"]:
            problems.append(f"{where}: {value!r} not in enum")
        if isinstance(value, str):
            if len(value) < rule.get("minLength", 0) or len(value) > rule.get("maxLength", 10 ** 9):
                problems.append(f"{where}: length")
            if "pattern" in rule and not re.search(rule["pattern"], value):
                problems.append(f"{where}: pattern {rule['pattern']}")
        if isinstance(value, (int, float)):
            if value < rule.get("minimum", -10 ** 12) or value > rule.get("maximum", 10 ** 12):
                problems.append(f"{where}: range")
        if isinstance(value, list):
            if len(value) < rule.get("minItems", 0):
                problems.append(f"{where}: too few items")
            if rule.get("uniqueItems") and len(value) != len(set(map(str, value))):
                problems.append(f"{where}: repeated items")
            for i, item in enumerate(value):
                walk(item, rule.get("items", {}), f"{where}[{i}]")
            if "contains" in rule and not any(not conforms(item, rule["contains"]) for item in value):
                problems.append(f"{where}: contains")
        if isinstance(value, dict):
            for key in rule.get("required", []):
                if key not in value:
                    problems.append(f"{where}.{key}: required")
            for key, item in value.items():
                if key in rule.get("properties", {}):
                    walk(item, rule["properties"][key], f"{where}.{key}")
                elif rule.get("additionalProperties") is False:
                    problems.append(f"{where}.{key}: not allowed")
        for sub in rule.get("allOf", []):
            walk(value, sub, where)
        if "if" in rule:
            walk(value, rule["then"] if not conforms(value, rule["if"]) else rule.get("else", {}), where)
        if "not" in rule and not conforms(value, rule["not"]):
            problems.append(f"{where}: matches 'not'")

    walk(instance, schema, "$")
    return problems


SCHEMA = form_schema(FORM, "https://www.eastmere.example/")


def test_tidy_answers_conform_to_the_published_schema():
    result = check(files={"photo": UploadedFile("lid.png", 2048)})
    assert result.ok
    assert conforms(result.answers, SCHEMA) == []
    assert SCHEMA["$id"] == "https://www.eastmere.example/forms/every-question.schema.json"
    assert SCHEMA["required"] == ["reference", "story", "email", "bags", "full_name", "bin", "items", "area",
                                  "assisted", "missed_on", "address"]


@pytest.mark.parametrize("change, problem", [
    (lambda a: a.pop("email"), "$.email: required"),
    (lambda a: a.update(area="west"), "$.area: 'west' not in enum"),
    (lambda a: a.update(bags=2.5), "$.bags: not integer"),
    (lambda a: a.update(reference="1234"), "$.reference: pattern"),
    (lambda a: a.update(missed_on="2 Nov 2026"), "$.missed_on: pattern"),
    (lambda a: a.update(surprise="!"), "$.surprise: not allowed"),
    (lambda a: a.pop("colour_other"), "$.colour_other: required"),  # shown, because bin is green
    (lambda a: a.update(other_item="jars"), "$: matches 'not'"),  # not shown, so it must not be there
    (lambda a: a["address"].pop("postcode"), "$.address.postcode: required"),
])
def test_the_schema_rejects_what_the_checks_reject(change, problem):
    answers = check().answers
    change(answers)
    found = conforms(answers, SCHEMA)
    assert any(p.startswith(problem) for p in found), found


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_every_demo_schema_is_well_formed(form_id):
    form, _ = load_form(form_id, (REPO / "forms" / f"{form_id}.yml").read_text(), "x")
    schema = form_schema(form)
    assert set(schema["properties"]) == {q.id for q in form.questions}
    for prop in schema["properties"].values():
        assert prop["title"] and "type" in prop
        for pattern in re.findall(r"'pattern': '([^']*)'", str(prop)):
            re.compile(pattern)
    assert conforms({}, schema) or not schema["required"]
