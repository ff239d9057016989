"""The content checks inside a real build: warnings, levels, per-page switches, the health page."""
import pytest
from mkdocs.exceptions import Abort

from sitebuilder import base_config, make_site, service


def config_with_checks(tmp_path, **options):
    cfg = base_config(tmp_path)
    cfg["plugins"].append({"council/checks": options})
    return cfg


BAD = service("Bin days", owner="Waste team").replace("Some words.", "We utilise the bins. [Click here](../index.md).")


def messages(caplog, level):
    return [r.getMessage() for r in caplog.records if r.levelname == level]


def test_findings_are_warnings_that_fail_a_strict_build(tmp_path, caplog):
    with pytest.raises(Abort):
        make_site(tmp_path, {"bins/days.md": BAD}, config_with_checks(tmp_path))
    warnings = messages(caplog, "WARNING")
    assert "content/bins/days.md:10: words-to-avoid: \u201cutilise\u201d. Write \u201cuse\u201d instead." in warnings
    assert any(w.startswith("content/bins/days.md:10: link-text: \u201cClick here\u201d") for w in warnings)


def test_a_build_that_is_not_strict_still_publishes_and_prints_a_summary(tmp_path, caplog):
    caplog.set_level("INFO")
    site = make_site(tmp_path, {"bins/days.md": BAD}, config_with_checks(tmp_path), strict=False)
    assert (site.out / "bins" / "days" / "index.html").exists()
    summary = next(m for m in messages(caplog, "INFO") if m.startswith("Content checks:"))
    assert "pages checked, 2 findings" in summary and "words-to-avoid  1" in summary
    assert "content/bins/days.md" in summary


def test_a_check_can_be_made_an_error_or_switched_off(tmp_path, caplog):
    with pytest.raises(Abort):
        make_site(tmp_path, {"bins/days.md": BAD},
                  config_with_checks(tmp_path, levels={"words-to-avoid": "error", "link-text": "off"}), strict=False)
    assert any("words-to-avoid" in m for m in messages(caplog, "ERROR"))
    assert not any("link-text" in m for m in messages(caplog, "WARNING") + messages(caplog, "ERROR"))


def test_a_page_can_switch_a_check_off_for_itself(tmp_path):
    page = BAD.replace("owner: Waste team", "owner: Waste team\nskip_checks: [words-to-avoid, link-text]")
    make_site(tmp_path, {"bins/days.md": page}, config_with_checks(tmp_path))


def test_an_unknown_check_name_is_an_error_naming_the_line(tmp_path, caplog):
    page = service("Bin days", owner="Waste team", skip_checks=["wordz"])
    with pytest.raises(Abort):
        make_site(tmp_path, {"bins/days.md": page}, config_with_checks(tmp_path))
    assert any("content/bins/days.md:6: skip_checks: unknown check 'wordz'" in m for m in messages(caplog, "ERROR"))


def test_the_health_page_is_for_editors_only(tmp_path, monkeypatch):
    files = {
        "bins/days.md": service("Bin days", owner="Waste team", review_by="2026-12-01"),
        "bins/old.md": service("Old page", review_by="2027-06-01"),
    }
    site = make_site(tmp_path, files, config_with_checks(tmp_path, levels={"owner": "off"}))
    page = site.html("editors/content-health/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    text = page.get_text(" ")
    assert "Waste team" in text and "Bin days" in text, "pages due for review, grouped by owner"
    assert "Old page" in page.find(string="Pages with no owner").find_next("ul").get_text()
    assert "content-health" not in (site.out / "sitemap.xml").read_text()
    assert not site.html("sitemap/").find("a", href=lambda h: h and "content-health" in h)
