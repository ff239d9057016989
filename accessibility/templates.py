"""Which pages get the keyboard walk: a few per page template, and one per distinct form.

Pages built from one template share their header, navigation and footer, which is where
keyboard problems live; walking every page of a 1,000-page site would re-test the same
markup a thousand times.
"""
from __future__ import annotations

from collections import defaultdict

from .static_checks import PageFacts

DEFAULT_SAMPLE = 3


def keyboard_pages(pages: list[str], facts: dict[str, PageFacts], per_template: int) -> set[str]:
    """`per_template` 0 walks every page. The choice is deterministic, so caches stay valid."""
    if per_template <= 0:
        return set(pages)
    groups: dict[str, list[str]] = defaultdict(list)
    for page in sorted(pages):
        groups[facts[page].template].append(page)
    chosen: set[str] = set()
    for members in groups.values():
        chosen.update(_spread(members, per_template))
    forms_seen = {f for page in chosen for f in facts[page].forms}
    for page in sorted(pages, key=lambda p: (p.count("/"), p)):
        if any(f not in forms_seen for f in facts[page].forms):
            chosen.add(page)
            forms_seen.update(facts[page].forms)
    return chosen


def _spread(members: list[str], k: int) -> list[str]:
    """First, last and evenly between: home and odd deep pages both get a look."""
    if len(members) <= k:
        return members
    if k == 1:
        return [members[0]]
    step = (len(members) - 1) / (k - 1)
    return [members[round(i * step)] for i in range(k)]


def templates_of(pages: list[str], facts: dict[str, PageFacts]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        groups[facts[page].template].append(page)
    return dict(groups)
