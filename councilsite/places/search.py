"""Entries for the site's search index, so a search for 'wifi', 'library' or 'Northgate' finds places.

Same shape as councilsite.content.search: title, url (from the site root, no leading slash),
summary, keywords and category.
"""
from __future__ import annotations

from councilsite.places.directory import Directory

SECTION = "Get online"


def search_entries(directory: Directory) -> list[dict]:
    entries = [{
        "title": directory.title, "url": directory.url.lstrip("/"), "summary": directory.summary,
        "keywords": ["free wifi", "public computers", "internet", "use a computer", "printing", "digital help"],
        "category": SECTION,
    }]
    for flt in directory.facility_filters:
        url = directory.filter_url(flt)
        if url:
            entries.append({"title": flt.title, "url": url.lstrip("/"),
                            "summary": f"{flt.title}: addresses, opening hours and what else they offer.",
                            "keywords": [flt.label.lower()], "category": SECTION})
    for place in directory.places:
        keywords = [place.type.label.lower(), place.area, place.town, place.postcode]
        keywords += [f.label.lower() for f in place.facilities]
        entries.append({"title": place.name, "url": place.url.lstrip("/"), "summary": place.summary,
                        "keywords": keywords, "category": SECTION})
    return entries
