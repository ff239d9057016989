"""Which autocomplete token a personal-data field needs (WCAG 1.3.5), guessed from its words.

Most specific purposes come first: "surname" must win over "name", "email" over "address".

WCAG 1.3.5 only covers fields that collect information about the user. Two things say a field
is about something else: `autocomplete="off"` on the field (the author's explicit statement,
which councilsite forms put on every input of an address that is not the resident's), and
words that make the field someone's or something's ("Name of your school", "Street name",
"Your landlord's email address").
"""
from __future__ import annotations

import re

# (purpose words, accepted tokens). A field is matched by the first row whose words appear
# in its name, id, label, aria-label or placeholder (as whole words, ignoring case).
PURPOSES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("username", "user name"), ("username", "email")),
    (("email", "e-mail", "email address"), ("email",)),
    (("organisation", "organization", "company", "business name"), ("organization",)),
    (("first name", "firstname", "given name", "givenname", "forename", "fname", "first-name",
      "given-name", "first_name"),
     ("given-name",)),
    (("middle name", "middlename", "middle-name", "middle_name"), ("additional-name",)),
    (("last name", "lastname", "surname", "family name", "familyname", "lname", "last-name",
      "family-name", "last_name"),
     ("family-name",)),
    (("full name", "fullname", "your name", "full-name", "full_name"),
     ("name", "given-name", "family-name", "nickname")),
    (("telephone", "phone", "mobile", "tel", "phone number", "telephone number"),
     ("tel", "tel-national", "tel-local", "tel-country-code", "tel-area-code")),
    (("postcode", "post code", "postal code", "zip", "zipcode", "post_code", "post-code"),
     ("postal-code",)),
    (("address line 1", "address1", "address-line1", "address_line_1", "address-line-1",
      "addressline1", "building and street", "street"),
     ("address-line1", "street-address")),
    (("address line 2", "address2", "address-line2", "address_line_2", "address-line-2",
      "addressline2"),
     ("address-line2", "street-address")),
    (("town", "city", "town or city"), ("address-level2",)),
    (("county",), ("address-level1",)),
    (("address", "home address", "street address"),
     ("street-address", "address-line1", "address-line2", "address-line3")),
    (("date of birth", "dob", "birthday", "birth date", "birthdate"),
     ("bday", "bday-day", "bday-month", "bday-year")),
    (("country",), ("country", "country-name")),
]

_NAME_TOKENS = PURPOSES[6][1]
_BY_TYPE = {"email": ("email",), "tel": PURPOSES[7][1]}
# A bare "name" is the person's only when nothing before it makes it a thing's name
# ("street name", "file name"): these may stand before it and it is still the person's.
_PERSON_NAME_BEFORE = {"", "your", "full", "my", "name", "contact", "applicant", "preferred"}
# "Name of the business", "Email address of your landlord", "Your child's date of birth":
# information about someone or something other than the user.
_SOMEONE_ELSE = re.compile(
    r"\bof (?:the|your|a|an|their|his|her|this|that|each)\b|\b(?!your\b)\w+'s\b"
    r"|\b(?:name|email|phone|address|postcode) of\b")

NOT_PERSONAL_TYPES = {"hidden", "submit", "button", "reset", "image", "checkbox", "radio",
                      "file", "range", "color", "search"}

_SECTION_PREFIXES = ("shipping", "billing", "home", "work", "mobile", "fax", "pager")


def expected_tokens(words: str, input_type: str) -> tuple[str, tuple[str, ...]] | None:
    """The purpose a field seems to collect and the tokens that would satisfy it."""
    lowered = " ".join(words.lower().replace("\u2019", "'").split())
    if _SOMEONE_ELSE.search(lowered):
        return None
    text = " " + re.sub(r"[^a-z0-9@\-_]+", " ", lowered) + " "
    text = text.replace("_", " ").replace("-", " ")
    for keywords, tokens in PURPOSES:
        for kw in keywords:
            kw_norm = " " + kw.replace("_", " ").replace("-", " ") + " "
            if kw_norm in text:
                return kw, tokens
        if tokens is _NAME_TOKENS and _bare_person_name(text):
            return "name", tokens
    if input_type == "email":
        return "email", _BY_TYPE["email"]
    if input_type == "tel":
        return "telephone", _BY_TYPE["tel"]
    return None


def _bare_person_name(text: str) -> bool:
    words = text.split()
    for i, w in enumerate(words):
        if w == "name" and (words[i - 1] if i else "") in _PERSON_NAME_BEFORE:
            return True
    return False


def about_someone_else(words: str) -> bool:
    return bool(_SOMEONE_ELSE.search(" ".join(words.lower().replace("\u2019", "'").split())))


def states_not_personal(autocomplete: str | None) -> bool:
    """`autocomplete="off"`: the author says this field is not the user's own data."""
    return bool(autocomplete) and autocomplete.strip().lower() == "off"


def satisfies(autocomplete: str | None, tokens: tuple[str, ...]) -> bool:
    if not autocomplete:
        return False
    parts = autocomplete.lower().split()
    parts = [p for p in parts if not p.startswith("section-") and p not in _SECTION_PREFIXES
             and p != "webauthn"]
    return bool(parts) and parts[-1] in tokens
