"""The search page with results in it, made from the built page itself, so the server's page has
the site's own header, footer, styles and wording (and a council's template overrides)."""
from __future__ import annotations

import re
from html import escape

from councilsite.search import render
from councilsite.search.engine import Answer

EMPTY_RESULTS = "<div id=\"search-results\" class=\"search-results\" data-search-results></div>"
_INPUT = re.compile(r'(<input\b[^>]*\bid="search-page"[^>]*\bvalue=")[^"]*(")')
_NOJS = re.compile(r'<p class="search-nojs" data-search-nojs>.*?</p>\s*', re.S)
_STATUS = '<p class="visually-hidden" role="status" data-search-status></p>'
_OTHER_WAYS = '<div class="search-other-ways" data-search-other-ways>'
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_HEAD_END = "</head>"


class NotASearchPage(ValueError):
    pass


def check(shell: str) -> None:
    if EMPTY_RESULTS not in shell or not _INPUT.search(shell):
        raise NotASearchPage("the built search page has no [data-search-results] or no search box "
                             "(was search.html overridden without them?)")


def with_results(shell: str, answer: Answer | None, site_name: str, base: str = "../") -> str:
    """The page for one search (or, with no answer, for no search), as `councilsite serve` sends
    it. Without JavaScript it is complete: the words typed, the results and, when nothing is
    found, the other ways to find things."""
    check(shell)
    html = _NOJS.sub("", shell)
    query = answer.query if answer else ""
    html = _INPUT.sub(lambda m: m.group(1) + escape(query) + m.group(2), html, count=1)
    html = _TITLE.sub(lambda m: f"<title>{escape(render.title_for(query, site_name))}</title>", html, count=1)
    if answer is None:
        return html
    html = html.replace(_HEAD_END, '<meta name="robots" content="noindex">\n' + _HEAD_END, 1)
    html = html.replace(EMPTY_RESULTS, '<div id="search-results" class="search-results" data-search-results '
                        f'data-rendered="server">{render.results_html(answer, base)}</div>', 1)
    html = html.replace(_STATUS, _STATUS.replace("</p>", escape(render.announcement(answer)) + "</p>"), 1)
    if answer.total:
        html = html.replace(_OTHER_WAYS, _OTHER_WAYS[:-1] + " hidden>", 1)
    return html
