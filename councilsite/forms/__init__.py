"""Declarative forms: YAML definitions become accessible GOV.UK-pattern web forms.

Plain Python, independent of mkdocs (plugins/forms.py only feeds mkdocs' events into it):

    model.py        the validated definition: Form, Section, Question, Option, Condition, Privacy
    questions.py    the question types and the keys each accepts
    definition.py   reading forms/<id>.yml with file/line/key errors (load_forms, load_form)
    messages.py     default error messages, worded as GOV.UK words them
    fields.py       the names and ids each question's fields are sent as: the submission contract
    rules.py        the validation rules as JSON, for the browser and the server alike
    validate.py     checking a submission on the server (check_submission): forms.js's twin
    view.py         what templates render: the form, its error state, a form sent back with errors
    json_schema.py  a JSON Schema of each form's tidied answers
    pages.py        the pages and files each form publishes
"""
from councilsite.forms.definition import load_form, load_forms
from councilsite.forms.json_schema import form_schema
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import FormError, UploadedFile, check_submission
from councilsite.forms.view import build_page, error_page, form_page

__all__ = ["load_form", "load_forms", "form_schema", "form_rules", "check_submission", "FormError", "UploadedFile",
           "build_page", "error_page", "form_page"]
