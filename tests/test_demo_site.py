"""The demo council site: complete, self-contained and built from Markdown."""
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    config = load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(out))
    build(config)
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def service_pages(demo):
    return [p for p in demo.rglob("index.html") if soup(p).body["class"] == ["template-service"]]


def test_demo_has_enough_services_categories_and_online_tasks(demo):
    pages = service_pages(demo)
    assert len(pages) >= 30
    assert len({p.parent.parent.name for p in pages}) >= 8
    with_tasks = [p for p in pages if soup(p).select_one("a.start-button")]
    assert len(with_tasks) >= 8
    top = soup(demo / "index.html").select(".task-list a")
    assert 6 <= len(top) <= 10


@pytest.mark.parametrize("path", [
    "help/how-to-use-this-website", "help/get-help-getting-online", "contact-us", "privacy", "cookies",
    "accessibility-statement", "do-it-online", "a-to-z", "sitemap", "search",
])
def test_demo_has_the_pages_residents_expect(demo, path):
    assert (demo / path / "index.html").exists()


def test_accessibility_statement_follows_the_govuk_model(demo):
    text = soup(demo / "accessibility-statement" / "index.html").get_text(" ")
    for section in ["How accessible this website is", "Feedback and contact information",
                    "Reporting accessibility problems with this website", "Enforcement procedure",
                    "Compliance status", "Non-accessible content", "How we tested this website",
                    "Preparation of this accessibility statement"]:
        assert section in text, section


FETCHED_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
                "preconnect", "dns-prefetch"}
ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src",
         "form": "action", "video": "src", "audio": "src", "object": "data", "embed": "src"}


def third_party_requests(demo: Path) -> list:
    """What a browser would fetch from another host. Links out (<a>) are fine."""
    fetched = []
    for page in demo.rglob("*.html"):
        html = soup(page)
        for tag, attr in ATTRS.items():
            if tag == "a":
                continue
            for el in html.find_all(tag):
                if tag == "link" and not FETCHED_RELS.intersection(el.get("rel", [])):
                    continue  # rel=canonical and the like name an address; the browser fetches nothing
                value = el.get(attr)
                if value and urlsplit(value).netloc:
                    fetched.append((page.relative_to(demo).as_posix(), tag, value))
        for style in html.find_all(style=True):
            fetched += [(page.name, "style", u) for u in re.findall(r"url\(['\"]?(https?:)?//", style["style"])]
    for css in demo.rglob("*.css"):
        fetched += [(css.name, "css", u) for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text())]
        fetched += [(css.name, "css", u) for u in re.findall(r"@import\s+['\"]?((?:https?:)?//[^;'\"]+)", css.read_text())]
    for js in demo.rglob("*.js"):
        # A vendored library's licence banner names its home page; nothing fetches it.
        code = re.sub(r"\A/\*.*?\*/", "", js.read_text(), flags=re.S)
        fetched += [(js.name, "js", u) for u in re.findall(r"https?://[^\s'\"]+", code)]
    return fetched


def test_no_page_references_a_third_party_host(demo):
    assert third_party_requests(demo) == []


def test_the_third_party_check_catches_fonts_cdns_and_trackers(tmp_path):
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="canonical" href="https://www.eastmere.example/">'
        '<script src="//cdn.example.net/lib.js"></script><img src="https://tracker.example/p.gif" alt="">'
        '<a href="https://www.gov.uk/">GOV.UK</a>')
    (tmp_path / "site.css").write_text("@font-face{src:url(https://fonts.gstatic.com/x.woff2)}")
    found = {value for _, _, value in third_party_requests(tmp_path)}
    assert found == {"https://fonts.googleapis.com/css?family=Roboto", "//cdn.example.net/lib.js",
                     "https://tracker.example/p.gif", "https://fonts.gstatic.com/x.woff2"}


def test_no_cookies_or_storage_are_set(demo):
    for js in demo.rglob("*.js"):
        assert not re.search(r"document\.cookie|localStorage|sessionStorage", js.read_text()), js.name


def test_service_page_html_does_not_carry_the_navigation_tree(demo):
    page = demo / "bins-and-recycling" / "report-a-missed-bin" / "index.html"
    html = soup(page)
    assert len(page.read_bytes()) < 20_000
    assert len(html.find_all("a")) < 40


def test_no_single_key_shortcuts_or_instant_navigation(demo):
    """WCAG 2.1.4: Material's bundle binds f, s, /, p, n, comma and full stop; we never ship it."""
    scripts = {s["src"] for p in demo.rglob("*.html") for s in soup(p).find_all("script", src=True)}
    assert all(re.search(r"assets/(alerts|header|search|forms|places)\.js$", s) for s in scripts), scripts
    for js in demo.rglob("*.js"):
        assert not re.search(r"key(down|press|up)", js.read_text()), js.name
