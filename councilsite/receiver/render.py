"""The theme's templates as the receiver renders them: from the manifest, never from a theme folder.

The build copied each template the receiver renders (and everything it imports) into the
manifest, as the site's own theme lookup found it, so a council's override is the one used here.
Shells (the built pages those bodies sit inside) are in councilsite.receiver.shells.
"""
from __future__ import annotations

import re

import jinja2


class Theme:
    """The theme's templates, with the filters and globals they expect from mkdocs."""

    def __init__(self, templates: dict[str, str], globals_: dict):
        # As mkdocs renders them: no autoescape, every template escapes with `| e` itself.
        self.env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=False, auto_reload=False)
        self.env.filters["href"] = _site_path
        self.env.filters["url"] = _site_path
        self.env.globals.update(globals_)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)


def _site_path(value) -> str:
    """Links as the receiver serves them: absolute from the site's root."""
    value = str(value)
    if re.match(r"([a-z][a-z0-9+.-]*:|//|#)", value, re.I):
        return value
    return value if value.startswith("/") else "/" + (value if value != "." else "")
