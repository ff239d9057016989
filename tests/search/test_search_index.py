"""Full-text search on a tiny real site: what is indexed, how words match and how pages rank."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitebuilder import make_site, service  # noqa: E402

from councilsite.search import stemmer, text  # noqa: E402
from councilsite.search.engine import SiteSearch  # noqa: E402

BODY_ONLY = "Our crews collect from the kerbside before seven."


def page(title, category="bins", body="## About\n\nSome words.\n", **extra):
    return service(title, category, **extra).replace("## About\n\nSome words.\n", body)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    files = {
        "bins/missed-bin.md": page("Report a missed bin", keywords=["rubbish"],
                                   do_it_online={"label": "Report a missed bin", "link": "https://x.example/missed"}),
        "bins/collection-days.md": page("Bin collection days", body=(
            "## Recycling collections\n\nWe collect recycling every week.\n\n## Garden waste\n\n" + BODY_ONLY + "\n")),
        "tax/pay.md": page("Pay your council tax", "tax",
                           do_it_online={"label": "Pay your council tax", "link": "https://x.example/pay"}),
        "tax/struggling.md": page("If you are struggling to pay your council tax", "tax",
                                  body="## Help\n\nTalk to us if you cannot pay. Council tax help is here.\n"),
        "tax/bands.md": page("Bands and charges", "tax",
                             body="## Bands\n\nThe council sets a tax for each band.\n"),
        "parking/rules.md": page("Car park rules", "parking", body="## Rules\n\nThe zeppelin bay is for staff.\n"),
    }
    return make_site(root, files)


@pytest.fixture(scope="module")
def search(site):
    return SiteSearch(site.out)


def urls(answer):
    return [r.url for r in answer.results]


def test_every_published_page_is_found_by_what_it_says(search):
    # A word only in a page's body finds it, and so does a heading.
    assert urls(search.search("kerbside"))[:1] == ["bins/collection-days/"]
    assert urls(search.search("garden waste"))[:1] == ["bins/collection-days/"]


def test_stemming_finds_plurals_and_other_forms(search):
    assert "bins/missed-bin/" in urls(search.search("bins"))
    # The category "Bins and recycling" has it in its title; the page says it in a heading.
    assert urls(search.search("recycled"))[:2] == ["bins/", "bins/collection-days/"]
    assert text.terms("bins recycling recycled") == ["bin", "recycl", "recycl"]


def test_one_typo_is_forgiven_in_words_of_five_letters_or_more(search):
    assert urls(search.search("recyling"))[:2] == ["bins/", "bins/collection-days/"]
    assert urls(search.search("counci tax"))[0].startswith("tax/")
    # Short words are not guessed at: "bim" is not "bin".
    assert search.search("bim").total == 0


def test_title_and_online_tasks_rank_first_and_phrases_count(search):
    assert urls(search.search("pay council tax"))[0] == "tax/pay/"
    # "council tax" as a phrase beats the two words apart.
    ranked = urls(search.search("council tax"))
    assert ranked.index("tax/struggling/") < ranked.index("tax/bands/")
    assert search.search("missed bin").results[0].online is True


def test_keywords_are_searched(search):
    assert urls(search.search("rubbish"))[:1] == ["bins/missed-bin/"]


def test_spelling_suggestion_uses_the_sites_own_words(search):
    assert search.search("recyling").suggestion == "recycling"
    assert search.search("recycling").suggestion is None
    assert search.search("xyzzy").total == 0 and search.search("xyzzy").suggestion is None


def test_results_carry_title_summary_section_and_online_mark(search):
    first = search.search("missed bin").results[0]
    assert (first.title, first.section, first.summary) == (
        "Report a missed bin", "Bins and recycling", "Summary of report a missed bin.")


def test_listing_and_search_pages_are_not_results(search):
    found = {r[1] for r in search.records}
    assert not found & {"", "search/"}
    # The A to Z is found by its name, not by the titles it lists.
    assert "a-to-z/" not in urls(search.search("kerbside"))
    assert "a-to-z/" in urls(search.search("a to z"))


def test_noindex_pages_never_appear(tmp_path):
    from councilsite.search.documents import collect

    def write(rel, robots):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = '<meta name="robots" content="noindex">' if robots else ""
        path.write_text(f'<html><head>{meta}</head><body class="template-page"><main><h1>Zeppelin {rel}</h1>'
                        "<p>The zeppelin rota.</p></main></body></html>")

    write("open/index.html", False)
    write("hidden/index.html", True)
    assert [d.url for d in collect(tmp_path, {})] == ["open/"]


def test_form_error_and_confirmation_pages_are_not_indexed():
    from councilsite.search.extract import read_page
    page_text = read_page('<html><head><meta name="robots" content="noindex"></head><body class="template-form">'
                          "<main><h1>Report</h1></main></body></html>")
    assert page_text.noindex and page_text.title == "Report"


def test_alert_banners_and_hidden_text_are_not_what_a_page_is_about():
    from councilsite.search.extract import read_page
    page_text = read_page(
        '<html><head><meta name="description" content="About bins."></head><body class="template-service">'
        '<nav class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/bins/">Bins</a></li></ol></nav>'
        '<main><section class="notification-banner"><p>Snow!</p></section><h1>Bins</h1>'
        '<a class="start-button">Start now<span class="visually-hidden">: Bins</span></a>'
        '<h2>Your bin</h2><p>Put it out.</p><section class="other-ways"><h2>Other ways</h2><p>Phone</p></section>'
        "</main></body></html>")
    assert page_text.title == "Bins" and page_text.headings == ["Your bin"]
    assert page_text.breadcrumbs == ["Home", "Bins"] and page_text.summary == "About bins."
    assert "Snow" not in page_text.body and "Phone" not in page_text.body and "Put it out." in page_text.body


def test_index_files_are_small_and_split(site):
    meta = json.loads((site.out / "search" / "index.json").read_text())
    assert meta["terms"] == sorted(meta["terms"]) and meta["starts"][0] == 0
    assert meta["fields"][0] == "title"
    for part in (site.out / "search" / "t").glob("*.json"):
        assert set(json.loads(part.read_text())) <= set(meta["terms"])


def test_stemmer_is_lunr_js_porter():
    # lunr.js keeps a final y after a vowel ("pay", "day"); lunr on PyPI would make them "pai", "dai".
    cases = {"pay": "pay", "day": "day", "bins": "bin", "recycling": "recycl", "libraries": "librari",
             "potholes": "pothol", "yearly": "yearli", "hopping": "hop", "relational": "relat",
             "generalization": "gener", "cry": "cri", "by": "by", "agreed": "agre", "caresses": "caress"}
    assert {w: stemmer.stem(w) for w in cases} == cases
