"""What the catalogue knows about each page that its HTML does not say, for the search index:
its keywords, its section and whether it is a "Do it online" task.

Addresses are from the site root without the leading slash, as in councilsite.search.
"""
from __future__ import annotations

from councilsite.content.catalogue import Catalogue


def search_facts(catalogue: Catalogue) -> dict[str, dict]:
    facts: dict[str, dict] = {}
    for category in catalogue.categories:
        facts[category.url.lstrip("/")] = {"section": ""}
    for page in catalogue.pages:
        category = catalogue.category(page.category)
        facts[page.url.lstrip("/")] = {
            "keywords": page.keywords, "section": category.title if category else "",
            "online": page.task is not None,
        }
    for category, tasks in catalogue.online_by_category():
        for task in tasks:
            # Forms no page starts (Do it online lists them on their own) are online tasks too.
            if task.url.startswith("/") and task.url not in catalogue.by_url:
                facts.setdefault(task.url.lstrip("/"), {}).update(online=True, section=category.title)
    return facts


def started_by_a_page(catalogue: Catalogue) -> set[str]:
    """Forms that a service page's Start now button leads to: residents find them through that
    page, so they are not listed again as results of their own."""
    return {p.task.url.lstrip("/") for p in catalogue.pages
            if p.task and p.task.url.startswith("/forms/")}
