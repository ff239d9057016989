"""`councilsite new` starts files that build cleanly and never overwrites an editor's work."""
import subprocess
import sys

import pytest
import yaml

from sitebuilder import GENERAL, base_config

from councilsite.scaffold import months_ahead, slug


def make_root(tmp_path):
    for rel, text in GENERAL.items():
        (tmp_path / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / rel).write_text(text)
    cfg = base_config(tmp_path)
    cfg["plugins"].append({"council/checks": {}})
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(cfg))
    return tmp_path


def councilsite(root, *args):
    return subprocess.run([sys.executable, "-m", "councilsite", *args], cwd=root, capture_output=True, text=True)


def test_a_new_page_has_its_front_matter_and_builds_cleanly_under_strict(tmp_path):
    root = make_root(tmp_path)
    made = councilsite(root, "new", "page", "Report a dangerous tree", "--category", "parking", "--owner", "Trees team")
    assert made.returncode == 0, made.stderr
    page = root / "content" / "parking" / "report-a-dangerous-tree.md"
    meta = yaml.safe_load(page.read_text().split("---")[1])
    assert meta["title"] == "Report a dangerous tree" and meta["owner"] == "Trees team"
    assert str(meta["review_by"]) == "2027-05-22", "six months from the fixed clock's today"
    built = councilsite(root, "build")
    assert built.returncode == 0, built.stderr
    assert "0 findings" in built.stderr
    assert (root / "out" / "parking" / "report-a-dangerous-tree" / "index.html").exists()


def test_it_refuses_to_overwrite_an_existing_file(tmp_path):
    root = make_root(tmp_path)
    target = root / "content" / "bins" / "bin-days.md"
    target.parent.mkdir(parents=True)
    target.write_text("my work")
    result = councilsite(root, "new", "page", "Bin days", "--category", "bins")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert target.read_text() == "my work"


def test_it_names_the_categories_when_one_is_wrong(tmp_path):
    result = councilsite(make_root(tmp_path), "new", "page", "Bin days", "--category", "rubbish")
    assert result.returncode == 1 and "Use one of: bins, tax, parking" in result.stderr


@pytest.mark.parametrize("name, expected", [("Report a pothole", "report-a-pothole"), ("Tell us you've moved", "tell-us-youve-moved")])
def test_slug(name, expected):
    assert slug(name) == expected


def test_months_ahead_keeps_to_real_dates():
    import datetime as dt

    assert months_ahead(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_ahead(dt.date(2026, 11, 22), 6) == dt.date(2027, 5, 22)


@pytest.fixture
def demo_copy(tmp_path):
    """The demo site's config, content and forms in a temporary folder."""
    import shutil

    from sitebuilder import REPO

    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "forms", tmp_path / "forms")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_new_form_and_new_place_build_cleanly(demo_copy):
    made = councilsite(demo_copy, "new", "form", "Report a dead animal", "--category", "bins-and-recycling")
    assert made.returncode == 0, made.stderr
    made = councilsite(demo_copy, "new", "place", "Westfield Community Hub", "--area", "Northgate")
    assert made.returncode == 0, made.stderr
    place = demo_copy / "content" / "get-online" / "places" / "westfield-community-hub.md"
    unfinished = councilsite(demo_copy, "build")
    assert unfinished.returncode != 0, "a place without its street and postcode must never publish"
    assert "westfield-community-hub.md:4: address: this field is missing" in unfinished.stderr
    assert "postcode: this field is missing" in unfinished.stderr
    text = place.read_text()
    text = text.replace("address:    #", "address: Mill Lane  #").replace("postcode:   #", "postcode: AB1 2CD  #")
    place.write_text(text)
    built = councilsite(demo_copy, "build")
    assert built.returncode == 0, built.stderr
    site = demo_copy / "build" / "site"
    assert (site / "forms" / "report-a-dead-animal" / "index.html").exists()
    assert (site / "get-online" / "places" / "westfield-community-hub" / "index.html").exists()
    again = councilsite(demo_copy, "new", "form", "Report a dead animal")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_place_names_the_areas(demo_copy):
    result = councilsite(demo_copy, "new", "place", "Somewhere", "--area", "Atlantis")
    assert result.returncode == 1 and "Areas: Eastmere town centre, Northgate" in result.stderr
