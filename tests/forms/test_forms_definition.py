"""Form definitions are checked at build time: a mistake names the file, the line and the key."""
import pytest
from mkdocs.exceptions import Abort, PluginError

from formsite import EVERY_QUESTION, REPO, demo_form_ids, forms_site

from councilsite.forms.definition import load_form

GOOD = """\
title: Report a missed bin
intro: Tell us if we did not empty your bin.
category: bins
privacy:
  what: Your address.
  why: To empty your bin.
  how_long: 2 years.
  keep_for: 2 years
what_happens_next: We come back.
timescale: Within 2 working days.
questions:
  - id: bin
    type: radios
    label: Which bin did we miss?
    options: [Grey bin, Blue bin]
  - id: bin_colour
    type: text
    label: What colour is the lid?
    show_if: {question: bin, answer: Blue bin}
  - id: postcode
    type: text
    label: Postcode
    autocomplete: postal-code
"""


def problems(text, form_id="report-a-missed-bin", categories=frozenset({"bins", "tax"})):
    form, errors = load_form(form_id, text, f"forms/{form_id}.yml", set(categories))
    assert form is None, "expected the definition to be refused"
    return [str(e) for e in errors]


def test_a_good_definition_is_accepted():
    form, errors = load_form("report-a-missed-bin", GOOD, "forms/report-a-missed-bin.yml", {"bins"})
    assert errors == []
    assert form.title == "Report a missed bin" and form.category == "bins"
    assert [q.id for q in form.questions] == ["bin", "bin_colour", "postcode"]
    assert [q.id for q in form.sections[0].questions] == ["bin", "postcode"], "revealed questions hang off their answer"
    assert form.question("bin").reveals == {"blue-bin": [form.question("bin_colour")]}
    assert [o.value for o in form.question("bin").options] == ["grey-bin", "blue-bin"]


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_every_demo_form_is_valid(form_id):
    text = (REPO / "forms" / f"{form_id}.yml").read_text(encoding="utf-8")
    categories = {"bins-and-recycling", "council-tax", "parking-and-roads", "libraries-and-leisure"}
    form, errors = load_form(form_id, text, f"forms/{form_id}.yml", categories)
    assert errors == []
    assert form.privacy.what and form.what_happens_next and form.timescale


def test_there_are_at_least_eight_demo_forms_using_every_question_type():
    from councilsite.forms.questions import TYPES

    ids = demo_form_ids()
    assert len(ids) >= 8
    used = set()
    for form_id in ids:
        form, _ = load_form(form_id, (REPO / "forms" / f"{form_id}.yml").read_text(), "x", None)
        used |= {q.type for q in form.questions}
    assert used == set(TYPES)


@pytest.mark.parametrize("change, expected", [
    # unknown key, with a suggestion
    (("    label: Postcode\n", "    lable: Postcode\n"),
     "forms/report-a-missed-bin.yml:22: questions[2].lable: unknown field. Did you mean 'label'?"),
    (("timescale: Within 2 working days.\n", "timescale: Within 2 working days.\nsubmit_lable: Send\n"),
     "forms/report-a-missed-bin.yml:11: submit_lable: unknown field. Did you mean 'submit_label'?"),
    # wrong type
    (("    label: Postcode\n", "    label: Postcode\n    optional: maybe\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].optional: expected yes or no (true or false), got 'maybe'"),
    (("    label: Postcode\n", "    label: Postcode\n    max_length: lots\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].max_length: expected a whole number, got 'lots'"),
    (("    options: [Grey bin, Blue bin]\n", "    options: Grey bin\n"),
     "forms/report-a-missed-bin.yml:15: questions[0].options: expected a list, got 'Grey bin'"),
    # duplicate question id
    (("  - id: postcode\n", "  - id: bin\n"),
     "forms/report-a-missed-bin.yml:20: questions[2].id: the id 'bin' is used by another question (line 12)"),
    # a condition pointing at a missing question, or at an answer that does not exist
    (("show_if: {question: bin,", "show_if: {question: bins,"),
     "forms/report-a-missed-bin.yml:19: questions[1].show_if.question: there is no question with the id 'bins'. "
     "Did you mean 'bin'?"),
    (("answer: Blue bin}", "answer: Green bin}"),
     "forms/report-a-missed-bin.yml:19: questions[1].show_if.answer: 'Green bin' is not an answer to 'bin'. "
     "Its answers are: 'Grey bin', 'Blue bin'"),
    (("show_if: {question: bin,", "show_if: {question: postcode,"),
     "forms/report-a-missed-bin.yml:19: questions[1].show_if.question: 'postcode' must come before this question"),
    # unknown question type
    (("    type: radios\n", "    type: radio\n"),
     "forms/report-a-missed-bin.yml:13: questions[0].type: 'radio' is not a question type. Did you mean 'radios'?"),
    (("    type: text\n    label: Postcode\n", "    label: Postcode\n"),
     "forms/report-a-missed-bin.yml:20: questions[2].type: this field is missing. Use one of: text, textarea"),
    # missing and empty things
    (("intro: Tell us if we did not empty your bin.\n", ""),
     "forms/report-a-missed-bin.yml:1: intro: this field is missing."),
    (("privacy:\n  what: Your address.\n", "privacy:\n"),
     "forms/report-a-missed-bin.yml:4: privacy.what: this field is missing."),
    (("category: bins\n", "category: binz\n"),
     "forms/report-a-missed-bin.yml:3: category: 'binz' is not a category. Use one of: bins, tax"),
    (("category: bins\n", "priority: 2\n"),
     "forms/report-a-missed-bin.yml:3: priority: a form in the top tasks needs a 'category' too"),
    # GOV.UK conventions editors might not know
    (("    label: Postcode\n", "    label: Postcode (optional)\n"),
     "forms/report-a-missed-bin.yml:22: questions[2].label: do not write '(optional)' in the label"),
    (("    label: Postcode\n", "    label: Postcode*\n"),
     "forms/report-a-missed-bin.yml:22: questions[2].label: do not mark questions with '*'"),
    (("    autocomplete: postal-code\n", "    pattern: '[A-Z'\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].pattern: this is not a valid regular expression"),
    (("    autocomplete: postal-code\n", "    pattern: '[A-Z]+'\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].pattern: a pattern needs its own error message"),
    (("    autocomplete: postal-code\n", "    autocomplete: postcode\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].autocomplete: 'postcode' is not allowed here."),
    (("    options: [Grey bin, Blue bin]\n", "    options: [Grey bin, grey bin]\n"),
     "forms/report-a-missed-bin.yml:15: questions[0].options[1]: two answers would send the same value 'grey-bin'"),
    (("    options: [Grey bin, Blue bin]\n", "    options: [Grey bin]\n"),
     "forms/report-a-missed-bin.yml:15: questions[0].options: give at least 2 answers to choose from"),
    (("    label: Postcode\n", "    label: Postcode\n    errors: {requried: Enter it}\n"),
     "forms/report-a-missed-bin.yml:23: questions[2].errors.requried: unknown field. Did you mean 'required'?"),
])
def test_mistakes_name_the_file_line_and_key(change, expected):
    old, new = change
    assert old in GOOD
    found = problems(GOOD.replace(old, new))
    assert any(e.startswith(expected) for e in found), found


def test_broken_yaml_names_the_line():
    found = problems(GOOD.replace("    label: Which bin did we miss?\n", "    label: [Which bin did we miss?\n"))
    assert found[0].startswith("forms/report-a-missed-bin.yml:14: the file is not valid YAML"), found


def test_a_key_given_twice_names_the_line():
    found = problems(GOOD.replace("timescale: Within 2 working days.\n",
                                  "timescale: Within 2 working days.\ntitle: Again\n"))
    assert found == ["forms/report-a-missed-bin.yml:11: title: this field is given twice"]


def test_every_problem_is_reported_at_once():
    text = GOOD.replace("    type: radios\n", "    type: radio\n").replace("    label: Postcode\n", "    lable: Postcode\n")
    found = problems(text)
    assert len(found) == 3, found  # the type; the unknown 'lable' and so the missing 'label'
    assert not any("no question with the id" in e for e in found), "no knock-on errors from a broken question"


def test_an_anonymous_form_must_make_personal_questions_optional():
    text = GOOD.replace("questions:\n", "anonymous: true\nquestions:\n  - id: email\n    type: email\n"
                                         "    label: Email address\n")
    found = problems(text)
    assert found == ["forms/report-a-missed-bin.yml:13: questions[0].optional: this form may be sent anonymously, "
                     "so this question must be optional: add 'optional: true'"]


def test_a_question_can_only_depend_on_radios_checkboxes_or_yes_no():
    text = GOOD + "  - id: detail\n    type: text\n    label: Detail\n    show_if: {question: postcode, answer: x}\n"
    found = problems(text)
    assert any("'postcode' is a text question: a question can only depend on radios, checkboxes or yes_no" in e
               for e in found), found


def test_a_yes_no_condition_may_be_written_as_plain_yes_or_no():
    text = GOOD.replace("  - id: postcode\n", "  - id: moved\n    type: yes_no\n    label: Have you moved?\n"
                                              "  - id: when_moved\n    type: date\n    label: When?\n"
                                              "    show_if: {question: moved, answer: yes}\n  - id: postcode\n")
    form, errors = load_form("x", text, "x.yml", None)
    assert errors == [] and form.question("when_moved").show_if.value == "yes"
    found = problems(text.replace("    label: Have you moved?\n", "    label: Have you moved?\n    inline: true\n"))
    assert any("shows its answers inline, which cannot reveal questions" in e for e in found), found


def test_the_file_name_is_the_form_id():
    form, errors = load_form("Report_Missed", GOOD, "forms/Report_Missed.yml")
    assert [str(e) for e in errors] == ["forms/Report_Missed.yml: the file name is the form's id and web address: "
                                        "use lower case letters, numbers and hyphens, such as report-a-missed-bin.yml"]


def test_a_broken_form_stops_the_build_with_every_message(tmp_path, caplog):
    bad = GOOD.replace("    type: radios\n", "    type: radio\n")
    with pytest.raises((PluginError, Abort)):
        forms_site(tmp_path, {"report-a-missed-bin.yml": bad, "every-question.yml": EVERY_QUESTION})
    message = caplog.text
    assert "1 problem in the content:" in message
    assert "forms/report-a-missed-bin.yml:13: questions[0].type: 'radio' is not a question type" in message
    assert not (tmp_path / "out" / "forms").exists(), "a broken form never publishes"


@pytest.mark.parametrize("change, expected", [
    (("  keep_for: 2 years\n", ""), "forms/report-a-missed-bin.yml:4: privacy.keep_for: this field is missing."),
    (("  keep_for: 2 years\n", "  keep_for: for ever\n"), "forms/report-a-missed-bin.yml:8: privacy.keep_for: expected a period"),
    (("  how_long: 2 years.\n", "  how_long: 3 years.\n"),
     "forms/report-a-missed-bin.yml:7: privacy.how_long: tell residents the period you keep it for: privacy.keep_for "
     "is '2 years', but how_long does not say '2 years'"),
])
def test_retention_is_machine_readable_and_matches_what_residents_are_told(change, expected):
    old, new = change
    found = problems(GOOD.replace(old, new))
    assert any(e.startswith(expected) for e in found), found


def test_retention_cutoffs_follow_the_calendar():
    import datetime as dt

    from councilsite.forms.model import Retention

    now = dt.datetime(2028, 2, 29, 9, 30, tzinfo=dt.timezone.utc)
    assert Retention.parse("1 year").cutoff(now) == dt.datetime(2027, 2, 28, 9, 30, tzinfo=dt.timezone.utc)
    assert Retention.parse("6 months").cutoff(now) == dt.datetime(2027, 8, 29, 9, 30, tzinfo=dt.timezone.utc)
    assert Retention.parse("30 days").cutoff(now) == now - dt.timedelta(days=30)
    assert Retention.parse("2 weeks").cutoff(now) == now - dt.timedelta(days=14)
    assert Retention.parse("1 month").cutoff(dt.datetime(2027, 3, 31, tzinfo=dt.timezone.utc)) == \
        dt.datetime(2027, 2, 28, tzinfo=dt.timezone.utc)
    assert str(Retention.parse("1 years")) == "1 year" and Retention.parse("1 year").mentioned_in("for one year")
    form, _ = load_form("report-a-missed-bin", GOOD, "forms/report-a-missed-bin.yml", {"bins"})
    assert str(form.privacy.keep_for) == "2 years"
