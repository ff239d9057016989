"""Corpus pages for the form rules that need an error state (spec "error_state": its body)."""
from __future__ import annotations


def form(field: str = "", extra: str = "", method: str = "post", label: str = "") -> str:
    return (f'<form method="{method}" action="#main">{extra}'
            f'<label for="ref">Reference number{label}</label>{field or _input()}'
            '<button type="submit">Continue</button></form>')


def _input(attrs: str = "") -> str:
    return f'<input id="ref" name="ref" autocomplete="off"{attrs}>'


SUMMARY = ('<div role="alert"><h2>There is a problem</h2><ul><li><a href="#ref">Enter your '
           'reference number</a></li></ul></div>')
MESSAGE = '<p id="ref-error">Error: Enter your reference number</p>'
MARKED = _input(' aria-invalid="true" aria-describedby="ref-error"')

PAGES = {
    "error-identification": [
        ("pass", "summary-and-message", dict(
            sc="3.3.1", technique="G83, ARIA21", body=form(),
            error_state=SUMMARY + form(MESSAGE + MARKED))),
        ("pass", "message-by-field", dict(sc="3.3.1", technique="ARIA21", body=form(),
                                          error_state=form(MESSAGE + MARKED))),
        ("pass", "summary-only", dict(sc="3.3.1", technique="G83", body=form(),
                                      error_state=SUMMARY + form())),
        ("pass", "alert-text", dict(sc="3.3.1", technique="ARIA19", body=form(),
                                    error_state='<p role="alert">The reference number must be '
                                                '8 digits.</p>' + form())),
        ("pass", "suggestion", dict(sc="3.3.1", technique="G85", body=form(),
                                    error_state=form(MESSAGE.replace(
                                        "Enter your reference number",
                                        "Reference numbers look like AB123456") + MARKED))),
        ("fail", "invalid-no-text", dict(sc="3.3.1", technique="G83 (not met: no text)",
                                         body=form(),
                                         error_state=form(_input(' aria-invalid="true"')))),
        ("fail", "unchanged", dict(sc="3.3.1", technique="G83 (not met: nothing changes)",
                                   body=form(), error_state=form())),
        ("fail", "colour-only", dict(
            sc="3.3.1", technique="F81 (error shown by colour only)", body=form(),
            error_state=form(_input(' style="border: 3px solid #d4351c"')))),
    ],
    "error-association": [
        ("pass", "described-field", dict(sc="3.3.1", technique="ARIA21", body=form(),
                                         error_state=SUMMARY + form(MESSAGE + MARKED))),
        ("pass", "two-messages", dict(sc="3.3.1", technique="ARIA21", body=form(),
                                      error_state=form(
                                          MESSAGE + '<p id="ref-hint">8 digits</p>' + _input(
                                              ' aria-invalid="true" '
                                              'aria-describedby="ref-hint ref-error"')))),
        ("pass", "message-in-label", dict(
            sc="3.3.1", technique="ARIA21", body=form(),
            error_state=form(MARKED, label=' <span id="ref-error">Error: Enter your reference '
                                           'number</span>'))),
        ("pass", "get-form-error", dict(
            sc="3.3.1", technique="ARIA21", body=form(method="get"),
            error_state=form(MESSAGE + MARKED, method="get"))),
        ("pass", "describedby-alert", dict(
            sc="3.3.1", technique="ARIA19, ARIA21", body=form(),
            error_state=form('<p id="ref-error" role="alert">Enter your reference number</p>'
                             + MARKED))),
        ("fail", "summary-no-marking", dict(sc="3.3.1",
                                            technique="ARIA21 (house rule: fields marked)",
                                            body=form(), error_state=SUMMARY + form())),
        ("fail", "invalid-not-described", dict(
            sc="3.3.1", technique="ARIA21 (house rule: message linked)", body=form(),
            error_state=form(MESSAGE + _input(' aria-invalid="true"')))),
        ("fail", "describedby-missing-id", dict(
            sc="3.3.1", technique="ARIA21 (house rule: message linked)", body=form(),
            error_state=form(MESSAGE + _input(
                ' aria-invalid="true" aria-describedby="no-such-message"')))),
    ],
    "form-error-state": [
        ("pass", "declared", dict(sc="3.3.1", technique="G83 (error state published)",
                                  body=form(), error_state=SUMMARY + form(MESSAGE + MARKED))),
        ("pass", "get-search", dict(sc="3.3.1", technique="not a form that posts data", body=(
            '<search><form action="#main"><label for="q">Search</label>'
            '<input id="q" type="search" name="q"><button>Search</button></form></search>'))),
        ("pass", "no-form", dict(sc="3.3.1", technique="no form", body="<p>Text.</p>")),
        ("pass", "dialog-form", dict(sc="3.3.1", technique="not a form that posts data", body=(
            '<form method="dialog"><button>Close</button></form>'))),
        ("pass", "two-forms-declared", dict(
            sc="3.3.1", technique="G83 (error state published)",
            body=form() + '<form action="#main"><button>Print</button></form>',
            error_state=SUMMARY + form(MESSAGE + MARKED)
            + '<form action="#main"><button>Print</button></form>')),
        ("fail", "post-undeclared", dict(sc="3.3.1",
                                         technique="G83 (house rule: error state published)",
                                         body=form())),
        ("fail", "post-upper", dict(sc="3.3.1", technique="G83 (house rule: error state published)",
                                    body=form().replace('method="post"', 'method="POST"'))),
        ("fail", "upload-undeclared", dict(
            sc="3.3.1", technique="G83 (house rule: error state published)",
            body=form().replace('method="post"', 'method="post" enctype="multipart/form-data"'))),
    ],
}
