"""A small search index of titles, summaries and keywords, fetched only when someone searches."""
from __future__ import annotations

from councilsite.content.catalogue import Catalogue


def search_index(catalogue: Catalogue) -> list[dict]:
    entries = []
    for page in catalogue.pages:
        if page.url == "/":
            continue
        category = catalogue.category(page.category)
        entries.append({
            "title": page.title,
            "url": page.url.lstrip("/"),
            "summary": page.summary,
            "keywords": page.keywords,
            "category": category.title if category else "",
        })
    for category in catalogue.categories:
        entries.append({"title": category.title, "url": category.url.lstrip("/"), "summary": category.summary,
                        "keywords": [], "category": ""})
    return entries
