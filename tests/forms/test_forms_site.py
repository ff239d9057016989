"""The council/forms plugin in a real mkdocs build: the pages and files each form publishes, how
forms join Do it Online, and the checks on service pages that link to them."""
from __future__ import annotations

import gzip
import json
import os

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, PluginError

from formsite import EVERY_QUESTION, demo_form_ids, forms_site
from sitebuilder import service

from councilsite.forms.definition import load_form
from councilsite.forms.rules import form_rules

SIMPLE = """\
title: {title}
intro: Tell us about it.
{extra}privacy:
  what: Your answer.
  why: To help.
  how_long: 1 year.
  keep_for: 1 year
what_happens_next: We read it.
timescale: Within 5 working days.
questions:
  - id: details
    type: textarea
    label: What happened?
"""


def simple(title, extra=""):
    return SIMPLE.format(title=title, extra=extra)


FORMS = {
    "every-question.yml": EVERY_QUESTION,  # category bins, priority 2, no page links to it
    "report-a-missed-bin.yml": simple("Report a missed bin", "category: bins\n"),
    "send-feedback.yml": simple("Send feedback", "action: https://receiver.testham.example/feedback\n"),
}
PAGES = {
    "bins/missed.md": service("Report a missed bin", do_it_online={"label": "Report a missed bin",
                                                             "form": "report-a-missed-bin", "priority": 1}),
    "tax/pay.md": service("Pay your Council Tax", "tax", do_it_online={"label": "Pay your Council Tax",
                                                                       "link": "https://pay.testham.example/",
                                                                       "priority": 3}),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return forms_site(tmp_path_factory.mktemp("forms"), FORMS, PAGES)


def texts(elements):
    return [" ".join(e.get_text(" ", strip=True).split()) for e in elements]


def test_each_form_publishes_its_page_error_state_confirmation_and_schema(site):
    for form_id in ("every-question", "report-a-missed-bin", "send-feedback"):
        for page in ("", "error/", "confirmation/"):
            assert (site.out / "forms" / form_id / page / "index.html").is_file(), (form_id, page)
        schema = json.loads((site.out / "forms" / f"{form_id}.schema.json").read_text())
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"https://www.testham.example/forms/{form_id}.schema.json"


def test_the_form_posts_plain_html_to_the_default_receiver(site):
    page = site.html("forms/report-a-missed-bin/")
    form = page.select_one("main form")
    assert form["method"] == "post" and form["action"] == "../../submit/report-a-missed-bin"
    assert form.has_attr("novalidate") and form["accept-charset"] == ["utf-8"]
    assert not form.has_attr("enctype"), "urlencoded, the default, without a file question"
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Send"
    assert not page.find_all(attrs={"required": True})


def test_a_form_with_a_file_question_is_multipart(site):
    form = site.html("forms/every-question/").select_one("main form")
    assert form["enctype"] == "multipart/form-data"


def test_a_form_may_name_its_own_receiver(site):
    assert site.html("forms/send-feedback/").select_one("main form")["action"] == "https://receiver.testham.example/feedback"


def test_the_default_receiver_is_configurable(tmp_path):
    built = forms_site(tmp_path, {"report-a-missed-bin.yml": simple("Report a missed bin")},
                       options={"default_action": "https://forms.testham.example/{id}/send"})
    assert built.html("forms/report-a-missed-bin/").select_one("main form")["action"] == \
        "https://forms.testham.example/report-a-missed-bin/send"


def test_the_default_receiver_must_be_a_site_path_or_https(tmp_path, caplog):
    with pytest.raises((PluginError, Abort)):
        forms_site(tmp_path, {}, options={"default_action": "http://forms.testham.example/{id}"})
    assert "council/forms default_action: 'http://forms.testham.example/{id}' should be a site path" in caplog.text


def test_the_rules_for_the_browser_are_the_rules_from_the_definition(site):
    page = site.html("forms/every-question/")
    rules = json.loads(page.find("script", id="form-rules").string)
    form, _ = load_form("every-question", EVERY_QUESTION, "x")
    assert rules == form_rules(form)
    scripts = [s["src"] for s in page.find_all("script", src=True) if not s["src"].endswith("assets/header.js")]
    assert scripts == ["../../assets/forms.js"]


def test_forms_js_is_loaded_only_on_form_pages(site):
    for path in site.pages():
        rel = path.relative_to(site.out).as_posix()
        scripts = [s["src"] for s in BeautifulSoup(path.read_text(), "html.parser").find_all("script", src=True)]
        has_forms_js = any(s.endswith("assets/forms.js") for s in scripts)
        assert has_forms_js == rel.startswith("forms/"), rel


def test_the_form_page_points_the_audit_at_its_error_state(site):
    link = site.html("forms/every-question/").find("link", attrs={"data-councilsite-state": "error"})
    assert link["rel"] == ["alternate"] and link["href"] == "error/"
    assert not site.html("forms/every-question/").find("meta", attrs={"name": "robots"})


def test_the_error_state_shows_every_error_and_is_hidden_from_search_engines(site):
    page = site.html("forms/every-question/error/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.title.get_text() == "Error: Every question type: online form - Testham Borough Council"
    assert not page.find("link", attrs={"data-councilsite-state": True})
    main = page.find("main")
    summary = main.find("div", class_="error-summary")
    assert summary is main.find(["div", "h1", "p", "form"], recursive=False) or \
        summary.find_next("h1") is main.find("h1")
    assert summary.select_one("[role=alert] h2").get_text() == "There is a problem"
    links = summary.select("a")
    assert len(links) >= 14
    for link in links:
        target = page.find(id=link["href"][1:])
        assert target is not None and target.name in ("input", "select", "textarea"), link
    messages = main.select("form .error-message")
    assert len(messages) == len(links)
    assert {m.get_text(" ", strip=True)[len("Error: "):] for m in messages} == {a.get_text() for a in links}


def test_the_confirmation_page_has_the_panel_next_steps_and_other_ways(site):
    page = site.html("forms/report-a-missed-bin/confirmation/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.title.get_text() == "Form sent - Report a missed bin - Testham Borough Council"
    panel = page.select_one(".panel--confirmation")
    assert panel.h1.get_text() == "Form sent"
    slot = panel.select_one("[data-reference-slot]")
    assert slot.has_attr("hidden") and slot.select_one("[data-reference]") is not None
    headings = texts(page.select("main h2"))
    assert headings[:1] == ["What happens next"] and "Other ways to get help" in headings
    assert "Within 5 working days." in page.get_text()


def test_titles_are_unique_and_every_page_has_one_h1(site):
    titles = {}
    for path in site.pages():
        html = BeautifulSoup(path.read_text(), "html.parser")
        if path.name == "404.html":
            continue
        assert len(html.find_all("h1")) == 1, path
        titles.setdefault(html.title.get_text(), []).append(path)
        ids = [e["id"] for e in html.find_all(id=True)]
        assert len(ids) == len(set(ids)), path
    assert all(len(paths) == 1 for paths in titles.values()), {t: p for t, p in titles.items() if len(p) > 1}


def test_error_states_and_confirmations_are_left_out_of_the_sitemaps_and_search(site):
    sitemap = (site.out / "sitemap.xml").read_text()
    assert "forms/every-question/</loc>" in sitemap
    assert "/error/" not in sitemap and "/confirmation/" not in sitemap
    with gzip.open(site.out / "sitemap.xml.gz") as packed:
        assert packed.read().decode() == sitemap
    assert not site.html("a-to-z/").select("a[href*='forms/']")
    in_sitemap = [a["href"] for a in site.html("sitemap/").select("a[href*='forms/']")]
    assert "../forms/report-a-missed-bin/" in in_sitemap, "the HTML sitemap lists every form"
    assert not [h for h in in_sitemap if "/error/" in h or "/confirmation/" in h]
    records = [r for f in (site.out / "search" / "d").glob("*.json") for r in json.loads(f.read_text())]
    urls = [record[1] for record in records]  # [title, url, summary, section, online]
    assert any("forms/every-question/" in u for u in urls), "the form itself is found"
    assert not [u for u in urls if "/error/" in u or "/confirmation/" in u]


def test_forms_join_do_it_online_without_being_listed_twice(site):
    home = site.html("")
    top = site.html("").find(id="do-it-online-title").find_parent("section")
    assert [(a.get_text(strip=True), a["href"]) for a in top.select(".task-list a")] == [
        ("Report a missed bin", "bins/missed/"),  # the service page, priority 1
        ("Every question type", "forms/every-question/"),  # the form itself, priority 2
        ("Pay your Council Tax", "tax/pay/"),
    ]
    online = site.html("do-it-online/")
    groups = {h2.get_text(strip=True): texts(h2.find_next("ul").find_all("a")) for h2 in online.select("main h2")}
    assert groups == {"Bins and recycling": ["Every question type", "Report a missed bin"],
                      "Council Tax": ["Pay your Council Tax"]}
    assert home is not None


def test_the_service_page_start_button_links_to_the_form(site):
    button = site.html("bins/missed/").select_one("a.start-button")
    assert button["href"] == "../../forms/report-a-missed-bin/"


def test_form_pages_have_a_back_link_to_the_service_not_breadcrumbs(site):
    """As GOV.UK Forms: Back to the service page that starts the form, else its category, else home."""
    for path, back in (("forms/report-a-missed-bin/", "../../bins/missed/"),
                       ("forms/every-question/error/", "../../../bins/"),
                       ("forms/send-feedback/", "../..")):
        page = site.html(path)
        assert not page.select(".breadcrumbs"), path
        assert page.select_one("main a.back-link")["href"] == back, path


def build_error(tmp_path, caplog, forms, pages) -> str:
    with pytest.raises((PluginError, Abort)):
        forms_site(tmp_path, forms, pages)
    return caplog.text


def test_a_service_page_linking_to_a_missing_form_is_an_error(tmp_path, caplog):
    pages = {"bins/missed.md": service("Missed bins", do_it_online={"label": "Report it", "form": "report-a-mised-bin"})}
    message = build_error(tmp_path, caplog, {"report-a-missed-bin.yml": simple("Report a missed bin")}, pages)
    assert ("content/bins/missed.md:7: do_it_online.form: there is no form 'report-a-mised-bin' in forms/. "
            "Forms: report-a-missed-bin") in message


def test_a_priority_set_on_both_the_page_and_the_form_is_an_error(tmp_path, caplog):
    forms = {"report-a-missed-bin.yml": simple("Report a missed bin", "category: bins\npriority: 4\n")}
    message = build_error(tmp_path, caplog, forms, PAGES)
    assert ("forms/report-a-missed-bin.yml:4: priority: content/bins/missed.md already lists this form in Do it "
            "Online: set its priority there") in message


def test_mkdocs_serve_watches_the_forms_folder(site):
    from mkdocs.config import load_config

    config = load_config(str(site.root / "mkdocs.yml"))
    plugin = config.plugins["council/forms"]
    plugin.on_config(config)

    class Server:
        watched = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert server.watched == [str((site.root / "forms").resolve())]


# -- The demo site -----------------------------------------------------------------------------------


def test_the_demo_links_its_services_to_the_forms(demo_site):
    def page(path):
        return BeautifulSoup((demo_site / path / "index.html").read_text(), "html.parser")

    linked = {
        "bins-and-recycling/report-a-missed-bin": "report-a-missed-bin",
        "bins-and-recycling/book-a-bulky-waste-collection": "book-a-bulky-waste-collection",
        "bins-and-recycling/report-fly-tipping": "report-fly-tipping",
        "council-tax/tell-us-you-have-moved": "tell-us-you-have-moved",
        "council-tax/apply-for-a-single-person-discount": "apply-for-a-single-person-discount",
        "parking-and-roads/apply-for-a-parking-permit": "apply-for-a-parking-permit",
    }
    for path, form_id in linked.items():
        assert page(path).select_one("a.start-button")["href"] == f"../../forms/{form_id}/", path
    assert page("contact-us").select_one("main a[href='../forms/contact-us/']")
    assert page("help/get-help-getting-online").select_one("main a[href='../../forms/book-a-digital-skills-class/']")
    online = [a["href"] for a in page("do-it-online").select("main .task-list a")]
    assert "../forms/book-a-digital-skills-class/" in online
    assert len(online) == len(set(online))
    for form_id in demo_form_ids():
        assert (demo_site / "forms" / f"{form_id}.schema.json").is_file()


