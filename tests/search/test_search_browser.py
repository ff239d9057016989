"""The browser's search (lunr.js, on a host that only serves files) and the server's (lunr in
Python, on `councilsite serve`) give the same results, in the same order, with the same scores,
on the demo site's resident queries; and the page behaves with JavaScript as residents expect."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "receiver"), str(REPO / "benchmarks")]

pytest.importorskip("selenium")
pytest.importorskip("werkzeug")
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browsing import browser as start_browser  # noqa: E402
from receiversite import run_in_thread  # noqa: E402
from search_quality import QUERIES  # noqa: E402

from councilsite.receiver.server import StaticSite  # noqa: E402
from councilsite.search import text  # noqa: E402
from councilsite.search.engine import SiteSearch  # noqa: E402
from councilsite.search.serve import SearchPages  # noqa: E402

pytestmark = pytest.mark.browser
EXTRA = ["a to z", "pay", "day", "Council's", "café opening", "xyzzy", "the", "recyling centre", "counci tax",
         "bins bins bins", "  blue   badge ", "parking-permit", "<b>bold</b>"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("search-demo")
    build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(out)))
    return out


@pytest.fixture(scope="module")
def hosts(demo):
    static, stop_static = run_in_thread(StaticSite(demo))
    served, stop_served = run_in_thread(SearchPages(StaticSite(demo), demo))
    yield static, served
    stop_static()
    stop_served()


@pytest.fixture(scope="module")
def driver():
    d = start_browser()
    d.set_script_timeout(60)
    yield d
    d.quit()


def wait_for_results(driver):
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "var r = document.querySelector('[data-search-results]');"
        "return r.getAttribute('data-rendered') || (r.textContent && !r.hasAttribute('aria-busy'));"))


BROWSER_SEARCH = """
var done = arguments[arguments.length - 1], queries = arguments[0], out = {};
var next = function (i) {
  if (i === queries.length) return done(out);
  window.councilsiteSearch.search(queries[i], 1).then(function (a) {
    out[queries[i]] = [a.total, a.suggestion, a.results.map(function (r) { return [r.url, r.score]; })];
    next(i + 1);
  }, function (e) { out[queries[i]] = String(e); next(i + 1); });
};
next(0);
"""


def test_browser_and_server_rank_alike_on_the_demo_queries(demo, hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.councilsiteSearch"))
    queries = list(QUERIES) + EXTRA
    in_browser = driver.execute_async_script(BROWSER_SEARCH, queries)
    server = SiteSearch(demo)
    for query in queries:
        answer = server.search(query)
        expected = [answer.total, answer.suggestion, [[r.url, r.score] for r in answer.results]]
        assert in_browser[query] == expected, query


def test_the_browser_stems_and_drops_stop_words_as_the_index_does(demo, hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/?q=bin")
    wait_for_results(driver)
    words = sorted(SiteSearch(demo).words) + ["pay", "day", "yearly", "agreed", "the", "your", "can", "by"]
    got = driver.execute_script(
        "return arguments[0].map(function (w) { return [lunr.stemmer(new lunr.Token(w)).toString(),"
        " lunr.stopWordFilter(w) === undefined]; });", words)
    assert got == [[text.stem(w), text.is_stop_word(w)] for w in words]


def test_a_search_with_no_results_never_says_javascript_is_off(hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/?q=xyzzy")
    wait_for_results(driver)
    page = driver.find_element(By.TAG_NAME, "main").text
    assert "0 results" in page and "There are no matching results." in page
    assert "JavaScript" not in page
    assert driver.find_element(By.CSS_SELECTOR, "[data-search-other-ways]").is_displayed()
    assert driver.find_element(By.ID, "search-page").get_attribute("value") == "xyzzy"


def test_the_browser_page_is_the_server_page(hosts, driver):
    static, served = hosts

    def region(url):
        driver.get(url)
        wait_for_results(driver)
        return driver.execute_script(
            "return [document.querySelector('[data-search-results]').innerHTML, document.title,"
            " document.querySelector('[data-search-status]').textContent,"
            " document.querySelector('[data-search-other-ways]').hidden,"
            " document.getElementById('search-page').value]")

    for query in ("recyling", "pay council tax", "xyzzy", "bin", "<b>x</b>"):
        from urllib.parse import quote
        a, b = region(f"{static}/search/?q={quote(query)}"), region(f"{served}/search/?q={quote(query)}")
        a[0], b[0] = (re.sub(r">\s+<", "><", x[0].strip()) for x in (a, b))
        assert a == b, query


def test_searching_again_updates_the_results_and_tells_screen_readers(hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/?q=pothole")
    wait_for_results(driver)
    box = driver.find_element(By.ID, "search-page")
    box.clear()
    box.send_keys("blue badge")
    driver.find_element(By.CSS_SELECTOR, "[data-search-form] button").click()
    WebDriverWait(driver, 20).until(lambda d: "blue badge" in d.find_element(
        By.CSS_SELECTOR, "[data-search-status]").get_attribute("textContent"))
    status = driver.find_element(By.CSS_SELECTOR, "[data-search-status]")
    assert status.get_attribute("role") == "status"
    assert re.fullmatch(r"\d+ results for \u2018blue badge\u2019", status.get_attribute("textContent"))
    assert driver.current_url.endswith("?q=blue%20badge")
    first = driver.find_element(By.CSS_SELECTOR, ".search-result__title a")
    assert first.text == "Apply for a Blue Badge"
    assert driver.execute_script("return getComputedStyle(arguments[0]).fontWeight", first) == "700"
    driver.back()
    WebDriverWait(driver, 20).until(lambda d: "pothole" in d.find_element(
        By.CSS_SELECTOR, "[data-search-status]").get_attribute("textContent"))


def test_lunr_is_fetched_only_when_someone_searches(hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.councilsiteSearch"))
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert not [u for u in fetched if "lunr" in u or "/search/" in u.split("?")[0][len(static):] and u.endswith(".json")]
    assert driver.execute_script("return typeof window.lunr") == "undefined"


def test_without_javascript_the_static_page_says_so_and_offers_other_ways(hosts, driver):
    static, _ = hosts
    driver.get(static + "/search/example-without-javascript.html")
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "needs JavaScript" in main and "A to Z of services" in main and "Sitemap of every page" in main
