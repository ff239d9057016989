"""Where a form's submissions go and how it ends: the `deliver`, `confirmation_email` and
`payment` keys of forms/<id>.yml.

    deliver:
      email: waste@eastmere.example        # the team's inbox (or a list of them): one email per submission
    confirmation_email:                    # or `confirmation_email: true`
      question: email                      # which email question (default: the form's only one)
      include_answers: false               # GOV.UK Forms never copies answers into it unless asked
    payment:
      url: https://www.gov.uk/payments/eastmere/bulky-waste   # a GOV.UK Pay payment link, or any https:// address
      label: Pay for your collection       # the start button's words (default "Continue to payment")
      text: It costs £25 for up to 3 items.

The payment link carries the reference: `{reference}` in the URL is replaced with it, or else
`reference=<it>` is added to the query, which is how GOV.UK Pay payment links take one.
"""
from __future__ import annotations

from urllib.parse import quote

from councilsite.content.model import EMAIL
from councilsite.content.schema import Boolean, Field, Invalid, ListOf, Record, Text

DEFAULT_PAYMENT_LABEL = "Continue to payment"

DELIVER = Record({
    "email": Field(ListOf(EMAIL, min_items=1), help="The team's email address, such as 'waste@example.gov.uk'."),
}, expected="where submissions go, such as 'email: waste@example.gov.uk'")

_CONFIRMATION = Record({
    "question": Field(Text(pattern=r"[a-z0-9_-]+", pattern_help="a question id")),
    "include_answers": Field(Boolean()),
}, expected="'question' and 'include_answers', or 'true'")

PAYMENT = Record({
    "url": Field(Text(pattern=r"https://\S+", pattern_help="a web address starting https://"), required=True,
                 help="The payment page, such as a GOV.UK Pay payment link."),
    "label": Field(Text(max_length=40)),
    "text": Field(Text(max_length=500)),
}, expected="a 'url', and optionally 'label' and 'text'")


class ConfirmationEmail:
    """`true`, or the settings of the confirmation email."""

    def check(self, value):
        if value is True:
            return {}
        if value is False or value is None:
            return None
        if not isinstance(value, dict):
            raise Invalid("expected 'true' or the settings 'question' and 'include_answers'")
        return _CONFIRMATION.check(value)


FIELDS = {
    "deliver": Field(DELIVER),
    "confirmation_email": Field(ConfirmationEmail()),
    "payment": Field(PAYMENT),
}


def delivery_problems(top: dict, questions: list) -> list[tuple[str, str]]:
    """(key path, message) for settings that do not fit the form's questions."""
    wanted = top.get("confirmation_email")
    if wanted is None:
        return []
    emails = [q for q in questions if q.type == "email"]
    named = wanted.get("question")
    if named is not None:
        question = next((q for q in questions if q.id == named), None)
        if question is None:
            return [("confirmation_email.question", f"there is no question with the id '{named}'")]
        if question.type != "email":
            return [("confirmation_email.question", f"'{named}' is a {question.type} question: the confirmation "
                                                   "goes to the answer of an email question")]
        return []
    if not emails:
        return [("confirmation_email", "a confirmation email needs an email question to send it to: add one "
                                       "(type: email), or remove confirmation_email")]
    if len(emails) > 1:
        return [("confirmation_email", f"the form asks for {len(emails)} email addresses: say which one the "
                                       f"confirmation goes to with 'question: {emails[0].id}'")]
    return []


def resident_question(form) -> str | None:
    """The id of the email question a confirmation goes to, or None if the form sends none."""
    if form.confirmation_email is None:
        return None
    named = form.confirmation_email.get("question")
    if named:
        return named
    return next((q.id for q in form.questions if q.type == "email"), None)


def payment_link(payment: dict, reference: str | None) -> str:
    url = payment["url"]
    if reference is None:
        return url.replace("{reference}", "")
    ref = quote(reference, safe="")
    if "{reference}" in url:
        return url.replace("{reference}", ref)
    base, _, fragment = url.partition("#")
    joined = f"{base}{'&' if '?' in base else '?'}reference={ref}"
    return joined + (f"#{fragment}" if fragment else "")
