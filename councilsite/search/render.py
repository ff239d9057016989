"""The results, as HTML: what `councilsite serve` puts in the search page. search.js builds the
same elements, in the same order, in the browser (a test compares the two)."""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from councilsite.search.engine import PER_PAGE, Answer

# encodeURIComponent's unreserved characters, so both runtimes write the same links.
_URI_SAFE = "-_.!~*'()"


def query_href(query: str, page: int = 1) -> str:
    return "?q=" + quote(query, safe=_URI_SAFE) + (f"&amp;page={page}" if page > 1 else "")


def counted(n: int) -> str:
    return f"{n} result" if n == 1 else f"{n} results"


def title_for(query: str, site_name: str) -> str:
    title = f"Search results for \u2018{query}\u2019" if query else "Search"
    return f"{title} - {site_name}" if site_name else title


def announcement(answer: Answer) -> str:
    text = f"{counted(answer.total)} for \u2018{answer.query}\u2019"
    if answer.suggestion:
        text += f". Did you mean {answer.suggestion}?"
    return text


def results_html(answer: Answer, base: str) -> str:
    """The inside of [data-search-results]; `base` leads from the search page to the site root."""
    out = []
    if answer.suggestion:
        out.append(f'<p class="search-results__suggestion">Did you mean <a href="{query_href(answer.suggestion)}">'
                   f'{escape(answer.suggestion)}</a>?</p>')
    out.append(f'<h2 class="search-results__count" id="search-count">{counted(answer.total)}</h2>')
    if not answer.total:
        out.append("<p>There are no matching results.</p><p>Improve your search results by:</p>"
                   '<ul class="search-results__tips"><li>checking your spelling</li><li>using fewer words</li>'
                   "<li>searching for something less specific</li></ul>")
        return "".join(out)
    items = []
    for r in answer.results:
        parts = [f'<h3 class="search-result__title"><a href="{escape(base + r.url)}">{escape(r.title)}</a></h3>']
        if r.online:
            parts.append('<p class="search-result__online"><strong class="tag">Do it online</strong></p>')
        if r.summary:
            parts.append(f'<p class="search-result__summary">{escape(r.summary)}</p>')
        if r.section:
            parts.append(f'<p class="search-result__section">In {escape(r.section)}</p>')
        items.append(f'<li class="search-result">{"".join(parts)}</li>')
    start = (answer.page - 1) * PER_PAGE + 1
    out.append(f'<ol class="search-results__list" aria-labelledby="search-count" start="{start}">{"".join(items)}</ol>')
    if answer.pages > 1:
        links = []
        if answer.page > 1:
            links.append(f'<a class="search-pagination__prev" rel="prev" href="{query_href(answer.query, answer.page - 1)}">'
                         "Previous page</a>")
        links.append(f'<span class="search-pagination__label">Page {answer.page} of {answer.pages}</span>')
        if answer.page < answer.pages:
            links.append(f'<a class="search-pagination__next" rel="next" href="{query_href(answer.query, answer.page + 1)}">'
                         "Next page</a>")
        out.append(f'<nav class="search-pagination" aria-label="Results pages">{"".join(links)}</nav>')
    return "".join(out)
