"""GET /search/?q= on `councilsite serve`: the results, rendered on the server, without JavaScript."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitebuilder import make_site, service  # noqa: E402

pytest.importorskip("werkzeug")
from werkzeug.test import Client  # noqa: E402

from councilsite.receiver.server import StaticSite  # noqa: E402
from councilsite.search import engine  # noqa: E402
from councilsite.search.serve import SearchPages  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-serve")
    files = {f"bins/bin-{i}.md": service(f"Bin service number {i}") for i in range(25)}
    files["bins/missed-bin.md"] = service("Report a missed bin", do_it_online={
        "label": "Report a missed bin", "link": "https://x.example/missed"})
    files["tax/pay.md"] = service("Pay your council tax", "tax")
    return make_site(root, files)


@pytest.fixture(scope="module")
def client(site):
    return Client(SearchPages(StaticSite(site.out), site.out))


def get(client, url):
    response = client.get(url)
    return response, BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_results_are_rendered_on_the_server_with_the_words_kept(client):
    response, page = get(client, "/search/?q=missed+bins")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert page.find("input", id="search-page")["value"] == "missed bins"
    assert page.title.string == "Search results for \u2018missed bins\u2019 - Testham Borough Council"
    results = page.select_one("[data-search-results]")
    assert results["data-rendered"] == "server"
    first = results.select_one("li.search-result")
    link = first.select_one("h3.search-result__title a")
    assert link.get_text() == "Report a missed bin" and link["href"] == "../bins/missed-bin/"
    assert first.select_one(".search-result__online").get_text() == "Do it online"
    assert first.select_one(".search-result__summary").get_text() == "Summary of report a missed bin."
    assert first.select_one(".search-result__section").get_text() == "In Bins and recycling"
    count = results.select_one("h2.search-results__count").get_text()
    assert count == f"{len(results.select('li.search-result'))} results" or "results" in count
    # Said to screen readers, and nothing says JavaScript is needed: it is not, here.
    assert page.select_one("[data-search-status]").get_text().endswith("for \u2018missed bins\u2019")
    assert not page.select_one("[data-search-nojs]")
    assert page.select_one("[data-search-other-ways]").has_attr("hidden")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_same_ranking_as_the_engine(client, site):
    _, page = get(client, "/search/?q=bin")
    shown = [a["href"].removeprefix("../") for a in page.select(".search-result__title a")]
    expected = engine.SiteSearch(site.out).search("bin")
    assert shown == [r.url for r in expected.results] and len(shown) == engine.PER_PAGE


def test_many_results_come_in_pages(client):
    _, first = get(client, "/search/?q=bin")
    assert first.select_one("[data-search-results] h2").get_text() == "27 results"  # and the category, "Bins and recycling"
    nxt = first.select_one("a[rel=next]")
    assert nxt["href"] == "?q=bin&page=2" and not first.select_one("a[rel=prev]")
    _, second = get(client, "/search/" + nxt["href"])
    assert len(second.select("li.search-result")) == 7 and second.select_one("ol.search-results__list")["start"] == "21"
    assert second.select_one("a[rel=prev]")["href"] == "?q=bin"
    assert second.select_one(".search-pagination__label").get_text() == "Page 2 of 2"


def test_no_results_offers_a_suggestion_and_other_ways(client):
    _, page = get(client, "/search/?q=servise")
    # "servise" is one letter from "service", which finds results by one typo
    assert page.select_one(".search-results__suggestion a").get_text() == "service"
    _, page = get(client, "/search/?q=xyzzy")
    results = page.select_one("[data-search-results]")
    assert results.select_one("h2").get_text() == "0 results"
    assert "There are no matching results." in results.get_text()
    ways = page.select_one("[data-search-other-ways]")
    assert not ways.has_attr("hidden")
    assert [a.get_text() for a in ways.find_all("a")] == [
        "A to Z of services", "Everything you can do online", "Sitemap of every page", "Contact us"]


def test_what_was_typed_is_escaped(client):
    response, page = get(client, "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E%22")
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert page.find("input", id="search-page")["value"] == '<script>alert(1)</script>"'


def test_no_query_is_the_search_page_without_the_javascript_notice(client):
    _, page = get(client, "/search/")
    assert page.find("input", id="search-page")["value"] == ""
    assert not page.select_one("[data-search-nojs]") and not page.select_one("[data-search-results] *")
    assert not page.find("meta", attrs={"name": "robots"})


def test_other_addresses_and_methods_pass_through(client):
    assert client.get("/bins/missed-bin/").status_code == 200
    assert client.get("/search/index.json").mimetype == "application/json"
    assert client.post("/search/?q=bin").status_code == 405
    assert client.head("/search/?q=bin").get_data() == b""


def test_a_bad_page_number_is_the_first_page(client):
    _, page = get(client, "/search/?q=bin&page=x")
    assert page.select_one("ol.search-results__list")["start"] == "1"
    _, page = get(client, "/search/?q=bin&page=99")
    assert page.select_one("ol.search-results__list")["start"] == "21"


def test_the_audit_gets_each_state_of_the_search_page(site):
    folder = site.out / "search"
    results = BeautifulSoup((folder / "example-results.html").read_text(), "html.parser")
    assert results.select("li.search-result") and results.find("meta", attrs={"name": "robots"})
    # A typing mistake in it, so "Did you mean" is audited too.
    assert results.find("input", id="search-page")["value"] == "Rpeort a missed bin"
    assert results.select_one(".search-results__suggestion a").get_text() == "report a missed bin"
    none = BeautifulSoup((folder / "example-no-results.html").read_text(), "html.parser")
    assert none.select_one("[data-search-results] h2").get_text() == "0 results"
    static = BeautifulSoup((folder / "example-without-javascript.html").read_text(), "html.parser")
    assert static.select_one("[data-search-nojs]") and not static.find("script", src=lambda s: s and "search" in s)
    assert static.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    titles = {p.title.string for p in (results, none, static)}
    assert len(titles) == 3


def test_a_search_page_without_the_results_slot_is_refused_clearly():
    from councilsite.search import page
    with pytest.raises(page.NotASearchPage, match="data-search-results"):
        page.with_results("<html><body><main><h1>Search</h1></main></body></html>", None, "Testham")
