"""Each theme component, rendered on its own, has the semantics assistive technology relies on."""
import datetime as dt
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from councilsite.alerts import Alert
from councilsite.clock import LONDON
from councilsite.content.model import Task

THEME = Path(__file__).resolve().parents[2] / "theme"


@pytest.fixture(scope="module")
def env():
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME)), autoescape=True)
    environment.filters["url"] = lambda value: value
    environment.filters["href"] = lambda value: value.lstrip("/") or "."
    return environment


def render(env, component, call, **values) -> BeautifulSoup:
    template = env.from_string(f'{{% import "components/{component}/macro.html" as c %}}{{{{ c.{call} }}}}')
    return BeautifulSoup(template.render(**values), "html.parser")


def test_every_component_has_a_template_and_styles():
    for folder in (THEME / "components").iterdir():
        assert (folder / "style.css").is_file(), folder.name
        assert (folder / "macro.html").is_file() or folder.name in {"base", "print", "skip-link"}, folder.name


def test_search_form_has_a_visible_label_tied_to_its_input(env):
    html = render(env, "search-form", 'render("q1", "Search this website")')
    field = html.find("input")
    label = html.find("label")
    assert label["for"] == field["id"] == "q1" and label.get_text(strip=True) == "Search this website"
    assert "visually-hidden" not in label.get("class", [])
    assert html.form["role"] == "search" and html.form["method"] == "get"
    assert html.find("button")["type"] == "submit"


def test_breadcrumbs_are_a_labelled_ordered_list(env):
    from councilsite.content.catalogue import Entry

    html = render(env, "breadcrumbs", "render(trail)", trail=[Entry("Home", "/", ""), Entry("Bins", "/bins/", "")])
    assert html.nav["aria-label"] == "Breadcrumb"
    assert [a["href"] for a in html.select("ol li a")] == [".", "bins/"]


def test_start_button_is_a_link_with_a_hidden_arrow_and_a_name_that_stands_alone(env):
    html = render(env, "start-button", "render(task)", task=Task("Report a missed bin", "/bins/missed/", 1))
    link = html.a
    assert link["href"] == "bins/missed/" and link["role"] == "button" and link["draggable"] == "false"
    assert link.svg["aria-hidden"] == "true" and link.svg["focusable"] == "false"
    assert " ".join(link.get_text(" ", strip=True).split()) == "Start now : Report a missed bin"
    assert "visually-hidden" in link.span["class"]


def test_other_ways_is_a_labelled_section_with_working_contact_links(env):
    ways = {"phone": {"number": "01632 960 010", "hours": "9am to 5pm"}, "email": "bins@eastmere.example",
            "in_person": {"address": "Market Street"}, "post": "Civic Centre"}
    html = render(env, "other-ways", "render(ways, True)", ways=ways)
    section = html.section
    assert section.find(id=section["aria-labelledby"]).get_text() == "Other ways to do this"
    assert [h.get_text() for h in section.find_all("h3")] == ["By phone", "By email", "In person", "By post"]
    assert section.find("a", href="tel:01632960010") and section.find("a", href="mailto:bins@eastmere.example")
    assert render(env, "other-ways", "render(ways, None)", ways={"email": "a@b.example"}).h2.get_text() == \
        "Other ways to get help"


def alert(**changes):
    values = dict(id="snow", title="Collections suspended", message="Snow.", link_text="Check your area",
                  link_url="/bins/", start=dt.datetime(2026, 11, 20, 6, tzinfo=LONDON),
                  end=dt.datetime(2026, 11, 23, 18, tzinfo=LONDON))
    return Alert(**{**values, **changes})


def test_notification_banner_is_a_region_named_by_its_heading(env):
    html = render(env, "notification-banner", 'render(alert, "live")', alert=alert())
    region = html.section
    assert region.find(id=region["aria-labelledby"]).name == "h2"
    assert not region.has_attr("hidden")
    assert region.find("a")["href"] == "bins/"
    assert region.get("role") is None, "not role=alert: it is there on page load, not a live change"


def test_scheduled_banner_is_hidden_until_the_browser_reveals_it(env):
    region = render(env, "notification-banner", 'render(alert, "scheduled")', alert=alert()).section
    assert region.has_attr("hidden")
    assert region["data-alert-start"] == "2026-11-20T06:00:00+00:00"
    assert region["data-alert-end"] == "2026-11-23T18:00:00+00:00"


def test_header_names_the_council_and_its_home_link(env):
    brand = {"name": "Eastmere Borough Council", "logo": None, "navigation": [{"text": "A to Z", "url": "/a-to-z/"}]}
    html = render(env, "header", "render(brand)", brand=brand)
    home = html.select_one(".site-header__name")
    assert home.get_text(" ", strip=True) == "Eastmere Borough Council home page"
    assert html.find("nav")["aria-label"] == "Main"
    assert html.find("input", attrs={"name": "q"})
    assert render(env, "header", "render(brand, with_search=false)", brand=brand).find("input") is None


def test_footer_lists_support_links_under_a_heading(env):
    brand = {"name": "Eastmere Borough Council", "footer_links": [{"text": "Cookies", "url": "/cookies/"}],
             "contact": {"phone": "01632 960 000", "email": "contact@eastmere.example", "address": "Civic Centre"}}
    html = render(env, "footer", "render(brand)", brand=brand)
    assert html.footer.h2.get_text() == "Support links"
    assert html.find("a", string="Cookies")["href"] == "cookies/"
    assert html.find("a", href="tel:01632960000")


def test_task_list_links_each_task_to_its_start_page(env):
    from types import SimpleNamespace

    tasks = [SimpleNamespace(label="Pay your Council Tax", page=SimpleNamespace(url="/council-tax/pay/"))]
    html = render(env, "task-list", "render(tasks)", tasks=tasks)
    assert [(a.get_text(), a["href"]) for a in html.select("ul li a")] == [("Pay your Council Tax", "council-tax/pay/")]
