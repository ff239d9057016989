"""`councilsite new site`: a council's own starter that builds strictly, passes the audit and carries
nothing of the Eastmere demo."""
import re
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuilder import REPO

PHONE = re.compile(r"\b0\d{2,4} ?\d{3} ?\d{3,4}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
PAGES = ["index.html", "accessibility-statement/index.html", "privacy/index.html", "cookies/index.html",
         "contact-us/index.html", "help/how-to-use-this-website/index.html",
         "help/get-help-getting-online/index.html", "help/other-ways-to-contact-us/index.html",
         "your-council/make-a-complaint/index.html", "forms/make-a-complaint/index.html",
         "get-online/places/index.html", "do-it-online/index.html"]
TEXT_SUFFIXES = {".html", ".css", ".json", ".csv", ".xml", ".js", ".txt", ".md", ".yml"}


def councilsite(cwd, *args):
    return subprocess.run([sys.executable, "-m", "councilsite", *args], cwd=cwd, capture_output=True, text=True)


def new_site(parent, folder, *options):
    made = councilsite(parent, "new", "site", str(folder), *options)
    assert made.returncode == 0, made.stderr
    return parent / folder


def build(root):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
                          cwd=root, capture_output=True, text=True)


def digits(text):
    return re.sub(r"\D", "", text)


def demo_data():
    """The demo's phone numbers and postcodes, read from its config and content."""
    sources = [REPO / "mkdocs.yml", *sorted((REPO / "content").rglob("*.md")), *sorted((REPO / "content").rglob("*.yml"))]
    text = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    phones = {digits(m) for m in PHONE.findall(text)}
    postcodes = {m.replace(" ", "") for m in POSTCODE.findall(text)}
    return phones, postcodes


@pytest.fixture(scope="module")
def harrowdale(tmp_path_factory):
    parent = tmp_path_factory.mktemp("new-site")
    root = new_site(parent, "harrowdale", "--name", "Harrowdale District Council", "--colour", "#6a1b4d")
    built = build(root)
    assert built.returncode == 0, built.stderr
    return root


def test_a_starter_builds_strictly_with_every_page_a_council_needs(tmp_path):
    root = new_site(tmp_path, "westmoor", "--name", "Westmoor Borough Council")
    built = councilsite(root, "build")
    assert built.returncode == 0, built.stderr
    assert "0 findings" in built.stderr
    site = root / "build" / "site"
    for page in PAGES:
        assert (site / page).is_file(), page
    home = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert home.h1.get_text(strip=True) == "Westmoor Borough Council"
    assert "Make a complaint" in home.get_text(), "the service page's online task is a top task"
    brand = next(p["council/brand"] for p in yaml.safe_load((root / "mkdocs.yml").read_text())["plugins"]
                 if isinstance(p, dict) and "council/brand" in p)
    assert brand["contact"]["email"] == "contact@westmoor.example"
    assert brand["contact"]["address"].endswith("XX1 1XX"), "a postcode no one could take for real"
    assert "custom_dir" not in (root / "mkdocs.yml").read_text()
    assert "XX1 1XX" in (root / "README.md").read_text()


def test_nothing_it_builds_mentions_the_demo(harrowdale):
    phones, postcodes = demo_data()
    assert "01632960000" in phones and "EM11AA" in postcodes, "the demo data was read"
    found = []
    for path in sorted(harrowdale.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(harrowdale)
        if re.search(r"eastmere", text, re.I):
            found.append(f"{where}: Eastmere")
        if "#1d4f91" in text.lower():
            found.append(f"{where}: the demo's colour")
        found += [f"{where}: phone {m}" for m in PHONE.findall(text) if digits(m) in phones]
        found += [f"{where}: tel {m}" for m in re.findall(r"tel:\+?(\d+)", text) if m in phones]
        found += [f"{where}: postcode {m}" for m in POSTCODE.findall(text) if m.replace(" ", "") in postcodes]
    assert not found, found
    css = "".join(p.read_text() for p in (harrowdale / "build" / "site" / "assets").glob("council.*.css"))
    assert "#6a1b4d" in css


def test_it_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "notes.txt").write_text("our work")
    result = councilsite(tmp_path, "new", "site", str(folder), "--name", "Harrowdale District Council")
    assert result.returncode == 1 and "already exists and is not empty" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_it_refuses_a_brand_colour_white_text_cannot_be_read_on(tmp_path):
    result = councilsite(tmp_path, "new", "site", "pale", "--name", "Harrowdale District Council", "--colour", "#ffcc00")
    assert result.returncode == 1 and "4.5:1" in result.stderr
    assert not (tmp_path / "pale").exists()


def test_a_name_yaml_cannot_hold_still_builds(tmp_path):
    name = 'St Albans & District: "North"'
    root = new_site(tmp_path, tmp_path / "st-albans", "--name", name, "--address", "Civic Hall: Main Road, St Albans, AB1 2CD")
    assert yaml.safe_load((root / "mkdocs.yml").read_text())["site_name"] == name
    built = build(root)
    assert built.returncode == 0, built.stderr
    home = BeautifulSoup((root / "build" / "site" / "index.html").read_text(), "html.parser")
    assert home.h1.get_text(strip=True) == name
    contact = (root / "build" / "site" / "contact-us" / "index.html").read_text()
    assert "Civic Hall: Main Road, St Albans, AB1 2CD" in contact


def test_new_place_in_a_starter_uses_the_councils_details_and_waits_for_the_rest(tmp_path):
    root = new_site(tmp_path, "harrowdale", "--name", "Harrowdale District Council", "--phone", "01632 960 456",
                    "--address", "Town Hall, Bridge Street, Harrowdale, HD1 2AB")
    made = councilsite(root, "new", "place", "Westfield Hub", "--area", "Harrowdale")
    assert made.returncode == 0, made.stderr
    text = (root / "content" / "get-online" / "places" / "westfield-hub.md").read_text()
    assert 'town: "Harrowdale"' in text and 'phone: "01632 960 456"' in text
    phones, postcodes = demo_data()
    assert not re.search("eastmere", text, re.I)
    assert not [m for m in PHONE.findall(text) if digits(m) in phones]
    assert not [m for m in POSTCODE.findall(text) if m.replace(" ", "") in postcodes]
    built = councilsite(root, "build")
    assert built.returncode != 0, "never published with its street and postcode missing"
    assert "address: this field is missing" in built.stderr and "postcode: this field is missing" in built.stderr


@pytest.mark.browser
def test_a_starter_passes_the_audit_with_no_findings(harrowdale):
    audited = councilsite(harrowdale, "audit", "build/site", "--workers", "2", "--quiet")
    assert audited.returncode == 0, audited.stdout + audited.stderr
    assert "No findings" in audited.stdout + audited.stderr
