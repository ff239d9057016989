"""The HTML fields each question sends: their names and ids. This is the submission contract.

- A one-field question is sent as its id: `bin_type=grey-bin`.
- Checkboxes send their id once per ticked box: `items=sofa&items=fridge`.
- Dates send `<id>-day`, `<id>-month` and `<id>-year`.
- Addresses send `<id>-line1`, `<id>-line2`, `<id>-town`, `<id>-county` and `<id>-postcode`.
- Names in parts send `<id>-first` and `<id>-last`.
- Files are sent as `<id>` in a multipart/form-data body.

The first box of a date, address or name, and the first radio or checkbox, has the bare question
id as its element id, so an error summary link `#<id>` lands on it.
"""
from __future__ import annotations

from dataclasses import dataclass

from councilsite.forms.model import Question


@dataclass(frozen=True)
class Part:
    """One box of a date, an address or a name in parts."""

    key: str  # day, month, year, line1, line2, town, county, postcode, first, last
    name: str
    id: str
    label: str
    required: bool
    autocomplete: str | None = None
    width: str | None = None
    inputmode: str | None = None
    spellcheck: bool | None = None
    format: str | None = None  # "postcode"


def part_id(question_id: str, key: str, first: bool) -> str:
    return question_id if first else f"{question_id}-{key}"


def item_id(question_id: str, index: int) -> str:
    """Radios and checkboxes: the first has the bare id, then <id>-2, <id>-3... (as GOV.UK Frontend)."""
    return question_id if index == 0 else f"{question_id}-{index + 1}"


def conditional_id(question_id: str, index: int) -> str:
    return f"conditional-{item_id(question_id, index)}"


def parts(q: Question, address_section: str | None = None) -> list[Part]:
    """The boxes of a date, address or name-in-parts question ([] for other types).

    `address_section` groups the autocomplete of one address when a form asks for several
    (such as an old and a new address), so browsers fill each with the right one.
    """
    if q.type == "date":
        bday = q.setting("autocomplete") == "bday"
        return [Part(key, f"{q.id}-{key}", part_id(q.id, key, key == "day"), key.capitalize(), True,
                     f"bday-{key}" if bday else None, "4" if key == "year" else "2", "numeric")
                for key in ("day", "month", "year")]
    if q.type == "address":
        own = q.setting("autocomplete", True)
        prefix = f"section-{address_section} " if address_section else ""

        # An address that is not the resident's (where the fly-tipping is) says so with "off": the
        # browser must not fill in the resident's own address, and the audit's 1.3.5 check, which
        # only concerns data about the user, reads the same declaration.
        def token(name):
            return f"{prefix}{name}" if own else "off"

        return [
            Part("line1", f"{q.id}-line1", q.id, "Address line 1", True, token("address-line1")),
            Part("line2", f"{q.id}-line2", f"{q.id}-line2", "Address line 2 (optional)", False, token("address-line2")),
            Part("town", f"{q.id}-town", f"{q.id}-town", "Town or city", True, token("address-level2"), "two-thirds"),
            Part("county", f"{q.id}-county", f"{q.id}-county", "County (optional)", False, token("address-level1"),
                 "two-thirds"),
            Part("postcode", f"{q.id}-postcode", f"{q.id}-postcode", "Postcode", True, token("postal-code"), "10",
                 spellcheck=False, format="postcode"),
        ]
    if q.type == "name" and q.setting("style") == "parts":
        return [
            Part("first", f"{q.id}-first", q.id, "First name", True, "given-name", "20", spellcheck=False),
            Part("last", f"{q.id}-last", f"{q.id}-last", "Last name", True, "family-name", "20", spellcheck=False),
        ]
    return []


def field_names(q: Question) -> list[str]:
    """Every name the question's fields are sent as."""
    return [p.name for p in parts(q)] or [q.id]


def address_sections(questions: list[Question]) -> dict[str, str]:
    """question id -> autocomplete section name, when a form asks for more than one address."""
    addresses = [q for q in questions if q.type == "address" and q.setting("autocomplete", True)]
    if len(addresses) < 2:
        return {}
    return {q.id: q.id.replace("_", "-") for q in addresses}
