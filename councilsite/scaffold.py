"""`councilsite new page|form|place NAME`: start a file from a template that already passes the checks."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from councilsite import clock


class ScaffoldError(Exception):
    pass


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "").replace("’", "")).strip("-")
    if not text:
        raise ScaffoldError(f"'{name}' has no letters or numbers to make a file name from")
    return text


def months_ahead(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.month - 1 + months, 12)
    year, month = today.year + year, month + 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Site:
    """What scaffolding needs to know about a site: read from its mkdocs.yml."""

    root: Path
    docs_dir: Path
    categories: list[str]
    forms_dir: Path | None
    places_dir: Path | None
    areas: list[str] = field(default_factory=list)
    contact: dict = field(default_factory=dict)  # council/brand contact: phone, phone_hours, email, address


def write_new(path: Path, text: str) -> Path:
    """Create the file, never replacing one an editor already has."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists. Choose another name, or edit that file.") from None
    return path


def yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`: a JSON string is a YAML double-quoted one,
    so a name with a colon, quotes or '&' cannot break the file."""
    return json.dumps(value, ensure_ascii=False)


def _other_ways(contact: dict) -> str:
    """The council's own main number, for the editor to change to the service's; no made-up one."""
    if not contact.get("phone"):
        return ""
    hours = f"\n    hours: {yaml_text(contact['phone_hours'])}" if contact.get("phone_hours") else ""
    return f"other_ways:\n  phone:\n    number: {yaml_text(contact['phone'])}{hours}\n"


def town_of_address(address: str | None) -> str | None:
    """'Town Hall, Bridge Street, Harrowdale, HD1 2AB' -> 'Harrowdale': the part before the postcode."""
    parts = [p.strip() for p in (address or "").split(",") if p.strip()]
    return parts[-2] if len(parts) >= 3 else None


def new_page(site: Site, name: str, category: str | None, owner: str, review_months: int = 6) -> Path:
    if category is None:
        raise ScaffoldError(f"say which category the page is in, with --category. Categories: {', '.join(site.categories)}")
    if category not in site.categories:
        raise ScaffoldError(f"'{category}' is not a category. Use one of: {', '.join(site.categories)}")
    today = clock.today()
    text = f"""---
title: {name}
summary: Say in one sentence what someone can do on this page.
category: {category}
keywords: []
owner: {owner}
review_by: {months_ahead(today, review_months).isoformat()}
last_reviewed: {today.isoformat()}
{_other_ways(site.contact)}---

Start with what the service is and who can use it. Keep sentences short.

## What you need

List what people need to have ready.

## What happens next

Say what we do next and how long it takes.
"""
    return write_new(site.docs_dir / category / f"{slug(name)}.md", text)


def new_form(site: Site, name: str, category: str | None) -> Path:
    if site.forms_dir is None:
        raise ScaffoldError("this site has no council/forms plugin in mkdocs.yml")
    if category is not None and category not in site.categories:
        raise ScaffoldError(f"'{category}' is not a category. Use one of: {', '.join(site.categories)}")
    listing = f"category: {category}\n" if category else ""
    text = f"""# A new form. Link it from a service page with  do_it_online: {{label: ..., form: {slug(name)}}}
title: {name}
intro: Say in one sentence what this form is for.
{listing}privacy:
  what: Say what we keep, such as your name, address and what you tell us.
  why: Say why we need it.
  how_long: We keep it for 2 years, then delete it.
  keep_for: 2 years   # how long the receiver keeps each form sent, then deletes it
what_happens_next: |
  Say what we do when we get the form.
timescale: Say how long it takes, such as 10 working days.
sections:
  - title: Your details
    questions:
      - id: name
        type: name
        label: Your name
      - id: email
        type: email
        label: Your email address
        hint: We will only use this to contact you about this form.
  - title: Your request
    questions:
      - id: details
        type: textarea
        label: Tell us what you need
        max_length: 1000
"""
    return write_new(site.forms_dir / f"{slug(name)}.yml", text)


def new_place(site: Site, name: str, area: str | None, review_months: int = 6) -> Path:
    if site.places_dir is None:
        raise ScaffoldError("this site has no council/places plugin in mkdocs.yml")
    if site.areas and area not in site.areas:
        raise ScaffoldError(f"say which area the place is in, with --area. Areas: {', '.join(site.areas)}")
    today = clock.today()
    town = town_of_address(site.contact.get("address"))
    phone = f"phone: {yaml_text(site.contact['phone'])}\n" if site.contact.get("phone") else ""
    # The street and postcode are this place's own, which no config knows: left empty, the build
    # stops and names them, so the place is never published without them.
    text = f"""---
name: {yaml_text(name)}
type: library
address:    # the street, such as "Station Road": the build stops until you write it
town: {yaml_text(town) if town else "   # the town: the build stops until you write it"}
postcode:   # the postcode: the build stops until you write it
area: {yaml_text(area) if area else "   # the area or ward, as listed under council/places in mkdocs.yml"}
{phone}facilities:
  - free-wifi
  - public-computers
opening_hours:
  monday to friday: 9am to 5pm
owner: Libraries team
review_by: {months_ahead(today, review_months).isoformat()}
last_reviewed: {today.isoformat()}
---

Say what the place offers and who can help you there.
"""
    return write_new(site.places_dir / f"{slug(name)}.md", text)
