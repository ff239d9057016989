"""robots.txt, sitemap.xml, /.well-known/security.txt, the Open data page, and how `councilsite
serve` answers for them and for the Open Referral UK feed."""
import datetime as dt
import gzip
import os
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from werkzeug.test import Client

from councilsite.opendata import security
from councilsite.places.directory import human_size
from councilsite.receiver.server import StaticSite
from opendatasite import build, place, service

SITE = "https://www.testham.example/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGES = {
    "bins/reviewed.md": service("Reviewed page", "bins", last_reviewed="2026-10-01"),
    "bins/unreviewed.md": service("Unreviewed page", "bins"),
    "bins/hidden.md": "---\ntitle: Hidden\nsummary: Not for search engines.\ncategory: bins\n---\n\nWords.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("find")
    content = root / "content" / "bins"
    content.mkdir(parents=True)
    (content / "unreviewed.md").write_text(PAGES["bins/unreviewed.md"], encoding="utf-8")
    stamp = dt.datetime(2026, 9, 15, 12, tzinfo=dt.timezone.utc).timestamp()
    os.utime(content / "unreviewed.md", (stamp, stamp))
    pages = {k: v for k, v in PAGES.items() if k != "bins/unreviewed.md"}
    return build(root, {"central-library": place("Central Library", last_reviewed="2026-11-01")}, pages)


def html_noindex(path) -> bool:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = soup.find("meta", attrs={"name": "robots"})
    return bool(meta and "noindex" in meta["content"])


def sitemap(site) -> dict[str, str | None]:
    tree = ET.fromstring((site.out / "sitemap.xml").read_bytes())
    return {u.find("s:loc", NS).text: (u.find("s:lastmod", NS).text if u.find("s:lastmod", NS) is not None else None)
            for u in tree.findall("s:url", NS)}


def test_sitemap_lists_every_indexable_page_and_no_other(site):
    urls = sitemap(site)
    built = {}
    for page in site.out.rglob("*.html"):
        rel = page.relative_to(site.out).as_posix()
        if rel == "404.html":
            continue
        built[SITE + rel.removesuffix("index.html")] = html_noindex(page)
    assert set(urls) == {url for url, hidden in built.items() if not hidden}
    assert SITE + "forms/report-a-missed-bin/" in urls
    for hidden in ("forms/report-a-missed-bin/error/", "forms/report-a-missed-bin/confirmation/"):
        assert built[SITE + hidden] and SITE + hidden not in urls
    assert (site.out / "sitemap.xml.gz").read_bytes() and \
        gzip.decompress((site.out / "sitemap.xml.gz").read_bytes()) == (site.out / "sitemap.xml").read_bytes()


def test_sitemap_lastmod_comes_from_the_review_date_or_the_file(site):
    urls = sitemap(site)
    assert urls[SITE + "bins/reviewed/"] == "2026-10-01"
    assert urls[SITE + "bins/unreviewed/"] == "2026-09-15", "the file's modification date"
    assert urls[SITE + "get-online/places/central-library/"] == "2026-11-01"
    assert all(v is None or re.fullmatch(r"\d{4}-\d\d-\d\d", v) for v in urls.values())


def test_robots_points_at_the_sitemap_and_keeps_noindex_pages_and_errors_out(site):
    text = (site.out / "robots.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "User-agent: *" in lines and f"Sitemap: {SITE}sitemap.xml" in lines
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert {"/forms/report-a-missed-bin/error/", "/forms/report-a-missed-bin/confirmation/", "/submit/",
            "/404.html"} <= disallowed
    for page in site.out.rglob("index.html"):
        path = "/" + page.parent.relative_to(site.out).as_posix().removeprefix(".").strip("/") + "/"
        path = "/" if path == "//" else path
        assert html_noindex(page) == (path in disallowed), path


def test_security_txt_follows_rfc_9116(site):
    text = (site.out / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = [line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#")]
    assert fields == [
        ["Contact", "mailto:security@testham.example"],
        ["Contact", "https://www.testham.example/report-a-security-problem/"],
        ["Expires", "2027-06-30T23:59:59.000Z"],
        ["Preferred-Languages", "en"],
        ["Canonical", "https://www.testham.example/.well-known/security.txt"],
        ["Policy", "https://www.testham.example/security-policy/"],
    ]
    assert dt.datetime.fromisoformat(dict(fields)["Expires"].replace("Z", "+00:00")).tzinfo is not None


@pytest.mark.parametrize("settings, words", [
    ({"contact": ["security@testham.example"], "expires": "2027-06-30"},
     "contact[0]: 'security@testham.example' is an email address: write it as mailto:security@testham.example"),
    ({"contact": ["http://testham.example/security"], "expires": "2027-06-30"}, "contact[0]: 'http://testham.example/security' should start with https:// or mailto: or tel:"),
    ({"contact": ["mailto:security@testham.example"]}, "expires: give the date"),
    ({"contact": ["mailto:security@testham.example"], "expires": "30/06/2027"}, "expires: '30/06/2027' is not a date. Write it as YYYY-MM-DD"),
])
def test_security_settings_are_checked(tmp_path, caplog, settings, words):
    with pytest.raises(Abort):
        build(tmp_path, {}, opendata={"security": settings})
    assert f"mkdocs.yml: council/opendata security {words}" in caplog.text


@pytest.mark.parametrize("expires, words", [
    ("2026-11-01", "security.txt expired on 01 November 2026"),
    ("2028-01-31", "more than a year ahead"),
])
def test_a_stale_security_txt_fails_a_strict_build(tmp_path, caplog, expires, words):
    with pytest.raises(Abort):
        build(tmp_path, {}, opendata={"security": {"contact": ["mailto:s@testham.example"], "expires": expires}})
    assert words in caplog.text


def test_without_a_security_contact_the_build_says_what_to_add(tmp_path, caplog):
    with pytest.raises(Abort):
        build(tmp_path, {}, opendata={})
    assert "council/opendata has no security contact" in caplog.text and "contact: [mailto:" in caplog.text
    site = build(tmp_path / "loose", {}, opendata={}, strict=False)
    assert not (site.out / ".well-known").exists()


def test_security_expiry_is_the_end_of_the_day():
    txt = security.SecurityTxt(("mailto:a@b.example",), dt.date(2027, 1, 31))
    assert "Expires: 2027-01-31T23:59:59.000Z" in txt.text("A council")
    assert txt.warnings(dt.date(2027, 1, 31)) == [] and txt.warnings(dt.date(2027, 2, 1))


def test_the_open_data_page_lists_each_file_with_format_and_size(site):
    soup = BeautifulSoup((site.out / "open-data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = soup.select("main .open-data li")
    assert len(items) >= 10
    linked = 0
    for item in items:
        link = item.find("a")
        text = " ".join(item.get_text(" ").split())
        assert "Standard:" in text
        if link is None:  # one row for many files: a service or term each
            match = re.search(r"at (/\S+\{id\}/) \(JSON, (\d+) files, (.+?) in all\)", text)
            assert match, text
            folder = site.out / match.group(1).strip("/").removesuffix("{id}").strip("/")
            files = [p / "index.json" for p in folder.iterdir() if re.fullmatch(r"[0-9a-f-]{36}", p.name)]
            assert len(files) == int(match.group(2))
            assert match.group(3) == human_size(sum(f.stat().st_size for f in files))
            continue
        linked += 1
        target = (site.out / "open-data" / link["href"]).resolve()
        assert target.is_file(), link["href"]
        fmt, size = re.search(r"\((JSON|CSV), (.+?)\)$", link.get_text()).groups()
        if "pages" in size:
            continue
        assert size == human_size(target.stat().st_size), link.get_text()
        assert link["type"] == ("text/csv" if fmt == "CSV" else "application/json")
    assert linked >= 8
    texts = [a.get_text() for a in soup.select("main .open-data a")]
    assert any(t.startswith("API root (JSON") for t in texts)
    assert any(t.startswith("Report a missed bin: the answers (JSON") for t in texts)
    assert any("older Open Referral UK 1.0" in t for t in texts)
    terms = [row.find("code").get_text() for row in soup.select("#open-data-vocabulary ~ table tbody tr, "
                                                                  "section[aria-labelledby=open-data-vocabulary] tbody tr")]
    assert "free-wifi" in terms and "blue-badge-parking" in terms


def test_serve_answers_the_feed_as_json_and_security_txt_as_text(site):
    client = Client(StaticSite(site.out))
    moved = client.get("/openreferral/services")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/openreferral/services/")
    for path in ("/openreferral/", "/openreferral/services/", "/openreferral/taxonomy_terms/"):
        reply = client.get(path)
        assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/json; charset=utf-8", path
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert reply.get_json()
    txt = client.get("/.well-known/security.txt")
    assert txt.status_code == 200 and txt.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert client.get("/robots.txt").headers["Content-Type"] == "text/plain; charset=utf-8"
    assert client.get("/sitemap.xml").status_code == 200
    # Pages are still pages, and other dot-folders are still never served.
    assert client.get("/open-data/").headers["Content-Type"] == "text/html; charset=utf-8"
    (site.out / ".councilsite").mkdir(exist_ok=True)
    (site.out / ".councilsite" / "receiver.json").write_text("{}", encoding="utf-8")
    assert client.get("/.councilsite/receiver.json").status_code == 404
    assert client.get("/.well-known/../.councilsite/receiver.json").status_code == 404


def test_a_new_councils_site_publishes_a_placeholder_security_txt_and_says_to_replace_it(tmp_path):
    import subprocess
    import sys
    made = subprocess.run([sys.executable, "-m", "councilsite", "new", "site", str(tmp_path / "harrowdale"), "--name",
                           "Harrowdale District Council", "--email", "hello@harrowdale.example"],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "harrowdale"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml")],
                           cwd=site, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    out = site / "build" / "site"
    text = (out / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert "Contact: mailto:security@harrowdale.example" in text
    expires = dt.date.fromisoformat(re.search(r"Expires: (\d{4}-\d\d-\d\d)T", text).group(1))
    assert dt.date(2026, 11, 22) < expires <= dt.date(2027, 11, 22)
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "`mailto:security@harrowdale.example`" in readme and "is made up" in readme
    assert (out / "robots.txt").is_file() and (out / "openreferral" / "index.json").is_file()
    assert (out / "open-data" / "index.html").is_file()
