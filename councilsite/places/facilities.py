"""What a place offers, and what kind of place it is: the words editors may use, and what they mean
to residents, to search engines (schema.org) and to Open Referral UK.

Editors may write an id (`free-wifi`), the label (`Free WiFi`) or a common alias (`wifi`); all
three mean the same facility.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from councilsite.places.text import slug

ONLINE, ACCESS = "online", "access"


@dataclass(frozen=True)
class Facility:
    id: str
    label: str  # on its own, in lists: "Free WiFi"
    phrase: str  # after "places with": "free WiFi"
    group: str  # ONLINE (getting online) or ACCESS (getting in and around)
    oruk_accessibility: str | None = None  # Open Referral UK accessibility_for_disabilities value
    aliases: tuple[str, ...] = ()


FACILITIES: tuple[Facility, ...] = (
    Facility("free-wifi", "Free WiFi", "free WiFi", ONLINE, aliases=("wifi", "wi-fi", "free-wi-fi", "internet")),
    Facility("public-computers", "Public computers", "public computers", ONLINE,
             aliases=("computers", "pcs", "public-pcs", "computer")),
    Facility("printing", "Printing", "printing", ONLINE, aliases=("printer", "printers", "print")),
    Facility("scanning", "Scanning", "scanning", ONLINE, aliases=("scanner", "scanners", "scan")),
    Facility("assisted-digital", "Staff to help you use online services",
             "staff to help you use online services", ONLINE,
             aliases=("assisted-digital-help", "digital-help", "help-to-get-online", "help-using-online-services")),
    Facility("digital-skills-courses", "Free digital skills courses", "free digital skills courses", ONLINE,
             aliases=("digital-skills", "courses", "computer-courses", "digital-skills-course")),
    Facility("device-loans", "Tablets and laptops to borrow", "tablets and laptops to borrow", ONLINE,
             aliases=("device-loan", "tablet-loans", "laptop-loans", "device-lending")),
    Facility("accessible-computers", "Computers with accessibility software",
             "computers with accessibility software", ONLINE,
             aliases=("assistive-technology", "screen-readers", "accessibility-software")),
    Facility("private-room", "A private room for appointments", "a private room for appointments", ONLINE,
             aliases=("private-space", "quiet-room", "interview-room")),
    Facility("step-free-access", "Step-free access", "step-free access", ACCESS, "wheelchair",
             aliases=("step-free", "wheelchair-access", "level-access")),
    Facility("lift", "Lift to all floors", "a lift to all floors", ACCESS, "elevator", aliases=("elevator", "lifts")),
    Facility("accessible-toilet", "Accessible toilet", "an accessible toilet", ACCESS, "restroom",
             aliases=("accessible-toilets", "disabled-toilet")),
    Facility("hearing-loop", "Hearing loop", "a hearing loop", ACCESS,
             aliases=("induction-loop", "loop", "hearing-loops")),
    Facility("baby-changing", "Baby changing", "baby changing", ACCESS, aliases=("baby-change",)),
    Facility("parking", "Parking", "parking", ACCESS, aliases=("car-park", "car-parking")),
    Facility("blue-badge-parking", "Blue Badge parking", "Blue Badge parking", ACCESS, "disabled_parking",
             aliases=("disabled-parking", "accessible-parking")),
)

BY_ID = {f.id: f for f in FACILITIES}
ORDER = {f.id: i for i, f in enumerate(FACILITIES)}


@dataclass(frozen=True)
class PlaceType:
    id: str
    label: str  # "Customer service centre"
    schema_type: str  # schema.org type for JSON-LD


TYPES: tuple[PlaceType, ...] = (
    PlaceType("library", "Library", "Library"),
    PlaceType("customer-service-centre", "Customer service centre", "GovernmentOffice"),
    PlaceType("community-hub", "Community hub", "CivicStructure"),
    PlaceType("community-centre", "Community centre", "CivicStructure"),
)
TYPES_BY_ID = {t.id: t for t in TYPES}


def _lookup(words: str, known: dict, aliases: dict) -> str | None:
    key = slug(words)
    if key in known:
        return key
    return aliases.get(key)


_FACILITY_ALIASES = {slug(f.label): f.id for f in FACILITIES} | {a: f.id for f in FACILITIES for a in f.aliases}
_TYPE_ALIASES = {slug(t.label): t.id for t in TYPES} | {"customer-services": "customer-service-centre",
                                                        "hub": "community-hub", "community-center": "community-centre"}


def find_facility(words: str) -> Facility | None:
    found = _lookup(words, BY_ID, _FACILITY_ALIASES)
    return BY_ID[found] if found else None


def find_type(words: str) -> PlaceType | None:
    found = _lookup(words, TYPES_BY_ID, _TYPE_ALIASES)
    return TYPES_BY_ID[found] if found else None


def closest(words: str, options) -> str | None:
    """The option nearest to a near miss, compared as slugs, or None."""
    close = difflib.get_close_matches(slug(words), list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def suggestion(words: str, options) -> str:
    """' Did you mean 'x'?' for a near miss, else ''."""
    close = closest(words, options)
    return f" Did you mean '{close}'?" if close else ""


def unknown_facility_message(words: str) -> str:
    close = difflib.get_close_matches(slug(words), list(BY_ID) + list(_FACILITY_ALIASES), n=1, cutoff=0.6)
    hint = f" Did you mean '{BY_ID.get(close[0]) and close[0] or _FACILITY_ALIASES[close[0]]}'?" if close else ""
    return f"'{words}' is not a facility we know.{hint} Use one of: {', '.join(BY_ID)}"


def unknown_type_message(words: str) -> str:
    return (f"'{words}' is not a type of place we know.{suggestion(words, TYPES_BY_ID)} "
            f"Use one of: {', '.join(TYPES_BY_ID)}")
