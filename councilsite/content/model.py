"""The content model: what an editor may write in a page's front matter, and what it means."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from councilsite.content.frontmatter import FrontMatterError, split
from councilsite.content.schema import Boolean, Date, Field, Integer, Invalid, ListOf, Record, Text, errors_for, validate
from councilsite.errors import ContentError

PHONE = Text(pattern=r"\+?[0-9][0-9 ()-]{6,20}", pattern_help="a phone number such as '01632 960 300'",
             expected="a phone number in quotes")
EMAIL = Text(pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+", pattern_help="an email address such as 'bins@example.gov.uk'",
             expected="an email address")
LINK = Text(pattern=r"(https://\S+|/\S*)", pattern_help="a web address starting https:// or a site path starting /",
            expected="a link")
FORM_ID = Text(pattern=r"[a-z0-9]+(-[a-z0-9]+)*", pattern_help="a form id in lower case with hyphens, such as 'report-a-missed-bin'",
               expected="a form id")


def _one_destination(task: dict) -> None:
    if ("link" in task) == ("form" in task):
        raise Invalid("give either 'link' (a web address) or 'form' (a form id), not both and not neither")


DO_IT_ONLINE = Record(
    {
        "label": Field(Text(max_length=60), required=True, help="Write the task as a verb, such as 'Report a missed bin'."),
        "link": Field(LINK),
        "form": Field(FORM_ID),
        "priority": Field(Integer(minimum=1, maximum=999),
                          help="1 is shown first in the home page's top tasks."),
    },
    rule=_one_destination,
)

OTHER_WAYS = Record(
    {
        "phone": Field(Record({"number": Field(PHONE, required=True), "hours": Field(Text())},
                              expected="a phone number and its opening hours")),
        "email": Field(EMAIL),
        "in_person": Field(Record({"place": Field(Text()), "address": Field(Text(), required=True),
                                   "hours": Field(Text())}, expected="a place, address and hours")),
        "post": Field(Text(expected="a postal address")),
    }
)

_COMMON = {
    "title": Field(Text(max_length=80), required=True, help="Give the page a short title, such as 'Report a missed bin'."),
    "summary": Field(Text(max_length=200), required=True,
                     help="Give a one-sentence summary: it is shown in search results and listings."),
    "keywords": Field(ListOf(Text())),
    "owner": Field(Text(), help="Name the team that keeps this page up to date."),
    "review_by": Field(Date()),
    "last_reviewed": Field(Date()),
    "skip_checks": Field(ListOf(Text()), help="Names of content checks to switch off for this page only."),
    "phone_links": Field(Boolean(), help="Write 'phone_links: false' to keep this page's phone numbers as plain text."),
}

SERVICE = Record(
    {
        **_COMMON,
        "category": Field(Text(), required=True, help="Give the category id, one of the categories in mkdocs.yml."),
        "do_it_online": Field(DO_IT_ONLINE),
        "other_ways": Field(OTHER_WAYS),
    }
)

# Help, home and legal pages: no category, may choose a template.
GENERAL = Record({
    **_COMMON,
    "template": Field(Text(pattern=r"[a-z0-9_-]+\.html", pattern_help="a template file name such as 'home.html'")),
    # The accessibility statement: when the site was last tested, and where to ask for the results.
    "last_tested": Field(Date(), help="The date of the last accessibility test, as YYYY-MM-DD."),
    "accessibility_contact": Field(EMAIL),
})


@dataclass
class Task:
    label: str
    url: str  # a site path ("/council-tax/pay/") or an https:// address
    priority: int | None


@dataclass
class Page:
    """A validated content page."""

    src_path: str
    url: str  # site path, e.g. "/bins-and-recycling/report-a-missed-bin/"
    kind: str  # "service" or "general"
    title: str
    summary: str
    category: str | None = None
    keywords: list[str] = field(default_factory=list)
    owner: str | None = None
    review_by: dt.date | None = None
    last_reviewed: dt.date | None = None
    task: Task | None = None
    other_ways: dict = field(default_factory=dict)
    line: dict[str, int] = field(default_factory=dict)

    def is_overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


def form_url(form_id: str) -> str:
    return f"/forms/{form_id}/"


def load_page(src_path: str, text: str, url: str, kind: str, categories: dict[str, object],
              display_path: str | None = None) -> tuple[Page | None, list[ContentError]]:
    """Parse and validate one Markdown file. Returns the page, or None and the problems found."""
    shown = display_path or src_path
    try:
        fm = split(text, shown)
    except FrontMatterError as exc:
        return None, [exc.error]
    problems: list[tuple[str, str]] = []
    schema = SERVICE if kind == "service" else GENERAL
    data = validate(fm.data, schema, collect=problems)
    if kind == "service" and fm.data.get("category") is None and categories:
        # Name this site's own categories rather than a made-up example.
        problems = [(f, f"{m} Use one of: {', '.join(sorted(categories))}" if f == "category" else m) for f, m in problems]
    if kind == "service" and "category" in data and data["category"] not in categories:
        known = ", ".join(sorted(categories)) or "(none configured)"
        problems.append(("category", f"'{data['category']}' is not a category. Use one of: {known}"))
    if problems:
        return None, errors_for(shown, problems, fm.line)
    task = None
    if "do_it_online" in data:
        online = data["do_it_online"]
        task = Task(online["label"], online.get("link") or form_url(online["form"]), online.get("priority"))
    page = Page(
        src_path=src_path, url=url, kind=kind, title=data["title"], summary=data["summary"],
        category=data.get("category"), keywords=data.get("keywords", []), owner=data.get("owner"),
        review_by=data.get("review_by"), last_reviewed=data.get("last_reviewed"), task=task,
        other_ways=data.get("other_ways", {}), line=fm.lines,
    )
    return page, []
