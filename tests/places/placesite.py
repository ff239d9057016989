"""Helpers for the places tests: a tiny site with the places plugin, and place files to put in it."""
from __future__ import annotations

import yaml

from sitebuilder import CATEGORIES

AREAS = ["Town centre", "Northgate", "Millbrook"]
FOLDER = "get-online/places"


def places_config(**options) -> dict:
    """mkdocs.yml plugins for a tiny site with council/places (the content plugin skips the place files)."""
    return {
        "plugins": [
            {"council/content": {"categories": CATEGORIES, "top_tasks": 3,
                                 "general_pages": ["*.md", "help/*.md", "get-online/*.md"],
                                 "ignore": [f"{FOLDER}/*"]}},
            {"council/brand": {
                "name": "Testham Borough Council",
                "contact": {"phone": "01632 960 500", "email": "hello@testham.example",
                            "address": "Town Hall, Testham, TE1 1AA", "page": "/contact-us/"},
                "navigation": [{"text": "A to Z", "url": "/a-to-z/"}],
                "footer_links": [{"text": "Accessibility statement", "url": "/accessibility-statement/"}],
                "get_online": "/get-online/",
            }},
            {"council/alerts": {}},
            {"council/places": {"folder": FOLDER, "areas": AREAS, **options}},
        ],
    }


def place(name: str, **fields) -> str:
    """A place file: sensible defaults, overridden by `fields` (None removes a field)."""
    meta = {
        "name": name,
        "type": "library",
        "address": "High Street",
        "town": "Testham",
        "postcode": "TE1 1AA",
        "area": "Town centre",
        "phone": "01632 960 101",
        "email": "library@testham.example",
        "facilities": ["free-wifi"],
        "opening_hours": {"monday to friday": "9am to 5pm"},
    }
    meta.update(fields)
    meta = {k: v for k, v in meta.items() if v is not None}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + f"---\n\n{name} is a place to get online.\n"


GET_ONLINE = "---\ntitle: Get online\nsummary: Free WiFi, computers and help to get online.\n---\n\nFind a place.\n"
