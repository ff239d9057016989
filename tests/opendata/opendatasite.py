"""Helpers for the open data tests: a tiny real site with places, a form, service pages and
council/opendata, and the official Open Referral UK 3.0 schemas as the tests read them."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from sitebuilder import CATEGORIES, Site, make_site, service

FOLDER = "get-online/places"
SECURITY = {"contact": ["mailto:security@testham.example", "https://www.testham.example/report-a-security-problem/"],
            "expires": "2027-06-30", "policy": "https://www.testham.example/security-policy/"}
FORM = """\
title: Report a missed bin
intro: Tell us if we did not empty your bin.
category: bins
privacy: {what: Your address., why: To collect the bin., how_long: 1 year., keep_for: 1 year}
what_happens_next: We will collect it.
timescale: Within 2 working days.
questions:
  - {id: address, type: text, label: Your address}
"""


def place(name: str, **fields) -> str:
    meta = {"name": name, "type": "library", "address": "High Street", "town": "Testham", "postcode": "TE1 1AA",
            "area": "Town centre", "phone": "01632 960 101", "email": "library@testham.example",
            "facilities": ["free-wifi"], "opening_hours": {"monday to friday": "9am to 5pm"}}
    meta.update(fields)
    meta = {k: v for k, v in meta.items() if v is not None}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + f"---\n\n{name} is a place to get online.\n"


def config(places: dict | None = None, opendata: dict | None = None) -> dict:
    return {"plugins": [
        {"council/content": {"categories": CATEGORIES, "top_tasks": 3,
                             "general_pages": ["*.md", "help/*.md", "get-online/*.md"], "ignore": [f"{FOLDER}/*"]}},
        {"council/brand": {
            "name": "Testham Borough Council",
            "contact": {"phone": "01632 960 500", "phone_hours": "Monday to Friday, 9am to 5pm",
                        "email": "hello@testham.example", "address": "Town Hall, Testham, TE1 1AA",
                        "page": "/contact-us/"},
            "navigation": [{"text": "A to Z", "url": "/a-to-z/"}],
            "footer_links": [{"text": "Accessibility statement", "url": "/accessibility-statement/"}],
            "get_online": "/get-online/",
        }},
        {"council/alerts": {}},
        {"council/forms": {}},
        {"council/places": {"folder": FOLDER, "areas": ["Town centre", "Northgate"], **(places or {})}},
        {"council/opendata": {"security": SECURITY} if opendata is None else opendata},
    ]}


GET_ONLINE = "---\ntitle: Get online\nsummary: Free WiFi, computers and help to get online.\n---\n\nFind a place.\n"
OPEN_DATA = ("---\ntitle: Open data\nsummary: The data we publish.\nowner: Web team\ntemplate: open-data.html\n---\n\n"
             "You can use this data for free.\n")


def build(root: Path, places: dict[str, str], pages: dict[str, str] | None = None, places_options=None,
          opendata=None, forms: dict[str, str] | None = None, strict: bool = True) -> Site:
    folder = root / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (forms if forms is not None else {"report-a-missed-bin.yml": FORM}).items():
        (folder / name).write_text(text, encoding="utf-8")
    files = {"get-online/index.md": GET_ONLINE, "open-data.md": OPEN_DATA,
             **{f"{FOLDER}/{name}.md": text for name, text in places.items()}, **(pages or {})}
    return make_site(root, files, config(places_options, opendata), strict=strict)


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


__all__ = ["build", "place", "service", "read_json", "SECURITY", "FOLDER"]
