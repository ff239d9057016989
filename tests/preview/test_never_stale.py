"""Never stale: during a preview, edit, rename, add and delete pages, forms and places (and the
alerts, a template and mkdocs.yml), and after every change check that the preview folder holds
exactly what a full `mkdocs build` of the same files writes: every file, byte for byte."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from councilsite.preview.engine import Engine

REPO = Path(__file__).resolve().parents[2]
PAGE = "content/bins-and-recycling/report-a-missed-bin.md"
OTHER = "content/housing/get-help-to-adapt-your-home.md"
PLACE = "content/get-online/places/civic-centre.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the demo, with a custom_dir so a test can edit a template of its own."""
    clock = pytest.MonkeyPatch()  # the same fixed "now" as every test's (conftest), for the whole module
    clock.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")
    root = tmp_path_factory.mktemp("preview-site")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "forms", root / "forms")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "overrides").mkdir()
    (root / "overrides" / "category.html").write_text(
        (REPO / "theme" / "category.html").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    engine = Engine(root / "mkdocs.yml", root / "preview")
    outcome = engine.full()
    assert outcome.kind == "full", outcome.error
    yield root, engine
    clock.undo()


def full_build(root: Path) -> Path:
    out = root / "reference"
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_same_as_full_build(root: Path, engine: Engine) -> None:
    preview, reference = files_of(engine.out_dir), files_of(full_build(root))
    assert sorted(preview) == sorted(reference), "files differ: only in the preview " \
        f"{sorted(set(preview) - set(reference))[:5]}, only in the full build {sorted(set(reference) - set(preview))[:5]}"
    stale = [path for path in reference if preview[path] != reference[path]]
    assert not stale, f"stale in the preview: {stale[:10]}"


def change(root: Path, engine: Engine, edits: dict[str, str | None], renames: dict[str, str] | None = None):
    """Write (or, for None, delete) files, rename some, and tell the engine, as the watcher would."""
    touched = []
    for rel, text in edits.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        touched.append(path)
    for old, new in (renames or {}).items():
        (root / old).rename(root / new)
        touched += [root / old, root / new]
    return engine.update(touched)


def text(root: Path, rel: str) -> str:
    return (root / rel).read_text(encoding="utf-8")


def built(engine: Engine, path: str) -> str:
    return (engine.out_dir / path / "index.html").read_text(encoding="utf-8")


def test_the_first_build_is_a_full_build(site):
    root, engine = site
    assert_same_as_full_build(root, engine)


def test_a_body_edit_rebuilds_only_that_page(site):
    root, engine = site
    outcome = change(root, engine, {PAGE: text(root, PAGE).replace("\n## ", "\nA new sentence for the test.\n\n## ", 1)})
    assert outcome.kind == "update", outcome.error
    assert "/bins-and-recycling/report-a-missed-bin/" in outcome.written
    assert "/a-to-z/" not in outcome.written and "/bins-and-recycling/" not in outcome.written
    assert "A new sentence for the test." in built(engine, "bins-and-recycling/report-a-missed-bin")
    assert_same_as_full_build(root, engine)


def test_a_title_edit_reaches_the_a_to_z_and_the_category_page(site):
    root, engine = site
    outcome = change(root, engine, {PAGE: text(root, PAGE).replace("title: Report a missed bin", "title: Tell us about a missed bin", 1)})
    assert outcome.kind == "update", outcome.error
    assert "Tell us about a missed bin" in built(engine, "a-to-z")
    assert "Tell us about a missed bin" in built(engine, "bins-and-recycling")
    assert_same_as_full_build(root, engine)


def test_a_new_category_and_task_move_the_page_between_listings(site):
    root, engine = site
    page = text(root, OTHER).replace("category: housing", "category: benefits", 1).replace(
        "other_ways:", "do_it_online:\n  label: Apply for an adaptation grant\n  link: https://online.eastmere.example/dfg\n"
        "  priority: 1\nother_ways:", 1)
    outcome = change(root, engine, {OTHER: page})
    assert outcome.kind == "update", outcome.error
    assert "Apply for an adaptation grant" in built(engine, "")
    assert_same_as_full_build(root, engine)


def test_renaming_adding_and_deleting_pages(site):
    root, engine = site
    outcome = change(root, engine, {}, renames={OTHER: "content/housing/adapt-your-home.md"})
    assert outcome.kind == "update", outcome.error
    assert not (engine.out_dir / "housing/get-help-to-adapt-your-home").exists()
    assert_same_as_full_build(root, engine)
    new = ("---\ntitle: Report a broken street light\nsummary: Tell us about a street light that is not working.\n"
           "category: parking-and-roads\nowner: Highways team\nreview_by: 2027-09-30\n---\n\n"
           "Tell us which light it is.\n\n## What we do\n\nWe fix most lights within 5 working days.\n")
    outcome = change(root, engine, {"content/parking-and-roads/report-a-broken-street-light.md": new})
    assert outcome.kind == "update", outcome.error
    assert "Report a broken street light" in built(engine, "a-to-z")
    assert_same_as_full_build(root, engine)
    outcome = change(root, engine, {"content/parking-and-roads/report-a-broken-street-light.md": None})
    assert outcome.kind == "update", outcome.error
    assert "Report a broken street light" not in built(engine, "a-to-z")
    assert_same_as_full_build(root, engine)


def test_a_link_to_a_page_that_comes_later(site):
    root, engine = site
    linking = text(root, PAGE).replace("\n## ", "\nRead [our guide to bin days](bin-days-guide.md).\n\n## ", 1)
    outcome = change(root, engine, {PAGE: linking})
    assert outcome.kind == "update", outcome.error
    assert_same_as_full_build(root, engine)
    guide = ("---\ntitle: Bin days guide\nsummary: When we collect each bin.\ncategory: bins-and-recycling\n"
             "owner: Waste services team\nreview_by: 2027-09-30\n---\n\nWe collect every week.\n")
    outcome = change(root, engine, {"content/bins-and-recycling/bin-days-guide.md": guide})
    assert outcome.kind == "update", outcome.error
    assert "bin-days-guide/" in built(engine, "bins-and-recycling/report-a-missed-bin")
    assert_same_as_full_build(root, engine)


def test_forms_added_edited_and_deleted(site):
    root, engine = site
    form = text(root, "forms/report-fly-tipping.yml").replace("title: Report fly-tipping", "title: Report graffiti", 1)
    form = form.replace("intro:", "category: bins-and-recycling\nintro:", 1)
    outcome = change(root, engine, {"forms/report-graffiti.yml": form})
    assert outcome.kind == "update", outcome.error
    assert "Report graffiti" in built(engine, "forms/report-graffiti")
    assert_same_as_full_build(root, engine)
    outcome = change(root, engine, {"forms/report-graffiti.yml": form.replace("Report graffiti", "Report graffiti or flyposting")})
    assert outcome.kind == "update", outcome.error
    assert "Report graffiti or flyposting" in built(engine, "do-it-online")
    assert_same_as_full_build(root, engine)
    outcome = change(root, engine, {"forms/report-graffiti.yml": None})
    assert outcome.kind == "update", outcome.error
    assert not (engine.out_dir / "forms/report-graffiti").exists()
    assert_same_as_full_build(root, engine)


def test_places_added_edited_and_deleted(site):
    root, engine = site
    place = text(root, PLACE)
    outcome = change(root, engine, {PLACE: place.replace("name: Civic Centre", "name: Eastmere Civic Centre", 1)})
    assert outcome.kind == "update", outcome.error
    assert "Eastmere Civic Centre" in built(engine, "get-online/places")
    assert_same_as_full_build(root, engine)
    outcome = change(root, engine, {"content/get-online/places/town-hall-annexe.md":
                                    place.replace("name: Civic Centre", "name: Town Hall Annexe", 1)})
    assert outcome.kind == "update", outcome.error
    assert_same_as_full_build(root, engine)
    outcome = change(root, engine, {"content/get-online/places/town-hall-annexe.md": None})
    assert outcome.kind == "update", outcome.error
    assert_same_as_full_build(root, engine)


def test_alerts_a_template_and_mkdocs_yml(site):
    root, engine = site
    alerts = text(root, "content/alerts.yml").replace("Bin collections suspended in snow", "Bin collections stopped by snow")
    outcome = change(root, engine, {"content/alerts.yml": alerts})
    assert outcome.kind == "update", outcome.error
    assert_same_as_full_build(root, engine)
    template = text(root, "overrides/category.html").replace("{% block content %}", "{% block content %}<p>Test line.</p>", 1)
    assert "Test line" in template
    outcome = change(root, engine, {"overrides/category.html": template})
    assert outcome.kind == "update", outcome.error
    assert "Test line." in built(engine, "council-tax")
    assert "/council-tax/" in outcome.written and "/bins-and-recycling/report-a-missed-bin/" not in outcome.written
    assert_same_as_full_build(root, engine)
    config = text(root, "mkdocs.yml").replace("title: Council Tax", "title: Council Tax and business rates", 1)
    outcome = change(root, engine, {"mkdocs.yml": config})
    assert outcome.kind == "full", outcome.error
    assert "Council Tax and business rates" in built(engine, "council-tax")
    assert_same_as_full_build(root, engine)


def test_an_error_is_reported_then_cleared_and_nothing_is_left_stale(site):
    root, engine = site
    good = text(root, PAGE)
    outcome = change(root, engine, {PAGE: good.replace("summary:", "summry:", 1)})
    assert outcome.kind == "error"
    assert "report-a-missed-bin.md:3: summry: unknown field" in engine.error
    # A second change while the first is still broken: both must be built once it is fixed.
    change(root, engine, {OTHER.replace("get-help-to-adapt-your-home", "adapt-your-home"):
                          text(root, "content/housing/adapt-your-home.md").replace("title: Get help", "title: Help", 1)})
    outcome = change(root, engine, {PAGE: good.replace("title: Tell us about", "title: Tell us now about", 1)})
    assert outcome.kind == "update", outcome.error
    assert engine.error is None
    assert "Tell us now about a missed bin" in built(engine, "a-to-z")
    assert "Help to adapt your home" in built(engine, "a-to-z")
    assert_same_as_full_build(root, engine)
