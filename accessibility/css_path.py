"""CSS selectors and HTML snippets for parsed elements, matching what the browser sees.

The selector is what editors copy into the allow-list and what the browser uses to take a
screenshot, so it must be unique on the page and valid CSS.
"""
from __future__ import annotations

import re

from bs4 import Tag

SNIPPET_LIMIT = 300
_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")


def css_escape(ident: str) -> str:
    if _IDENT.match(ident):
        return ident
    out = []
    for i, ch in enumerate(ident):
        if ch.isalnum() and not (i == 0 and ch.isdigit()) or ch in "-_" or ord(ch) > 127:
            out.append(ch)
        else:
            out.append("\\%x " % ord(ch))
    return "".join(out)


def selector(el: Tag, id_counts: dict[str, int] | None = None) -> str:
    """Shortest path from the nearest uniquely identified ancestor, by tag and position."""
    parts = []
    node = el
    while isinstance(node, Tag) and node.name not in ("[document]",):
        ident = node.get("id")
        if isinstance(ident, str) and ident and (id_counts is None or id_counts.get(ident) == 1):
            parts.append("#" + css_escape(ident))
            break
        if node.name in ("html", "body", "head", "main") and _only_child_of_type(node):
            parts.append(node.name)
            if node.name == "html":
                break
        else:
            parts.append(f"{node.name}:nth-of-type({_nth_of_type(node)})")
        node = node.parent
    return " > ".join(reversed(parts))


def _nth_of_type(el: Tag) -> int:
    n = 1
    for sib in el.previous_siblings:
        if isinstance(sib, Tag) and sib.name == el.name:
            n += 1
    return n


def _only_child_of_type(el: Tag) -> bool:
    parent = el.parent
    if parent is None:
        return True
    return sum(1 for c in parent.children if isinstance(c, Tag) and c.name == el.name) == 1


def snippet(el: Tag, limit: int = SNIPPET_LIMIT) -> str:
    text = str(el)
    if len(text) <= limit:
        return text
    # Keep the opening tag whole: it carries the attributes that matter.
    open_end = text.find(">") + 1
    if 0 < open_end <= limit:
        return text[: max(open_end, limit - 3)] + "..."
    return text[: limit - 3] + "..."
