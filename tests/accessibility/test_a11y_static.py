"""The HTML source checks and site-wide checks, without a browser."""
from __future__ import annotations

import pytest

from councilsite.accessibility import autocomplete, site_checks, static_checks
from councilsite.accessibility.site import Site, page_url


def page(body: str, head: str = "", lang: str = ' lang="en"', title: str = "A page") -> str:
    return (f"<!DOCTYPE html><html{lang}><head><title>{title}</title>{head}</head>"
            f"<body><main id=\"main\"><h1>Heading</h1>{body}</main></body></html>")


def rules(html: str, **kw) -> list[str]:
    found, _ = static_checks.check_page(html, "p.html", **kw)
    return sorted(f.rule for f in found)


def test_clean_page_has_no_findings():
    assert rules(page('<p><a href="/x/">Pay council tax</a></p><img src="a.png" alt="">')) == []


@pytest.mark.parametrize("body, rule", [
    ("<h1>Second</h1>", "heading-one"),
    ("<h3>Skip</h3>", "heading-skipped"),
    ('<div role="heading" aria-level="4">Skip</div>', "heading-skipped"),
    ('<a href="/x">click here</a>', "link-text"),
    ('<a href="/x">Read more</a>', "link-text"),
    ('<a href="/x">More.</a>', "link-text"),
    ('<a href="https://example.org/x">https://example.org/x</a>', "link-text"),
    ('<a href="/f.docx">Budget</a>', "document-link"),
    ('<a href="/f.pdf">Budget (PDF)</a>', "document-link"),
    ('<a href="/f.csv?v=2">Budget 2 MB</a>', "document-link"),
    ('<img src="a.png">', "img-alt"),
    ('<img src="a.png" alt="IMG_2041.JPG">', "img-alt-filename"),
    ('<input type="image" src="go.png">', "img-alt"),
    ('<a href="/x" tabindex="2">Pay</a>', "tabindex-positive"),
    ('<p id="a">1</p><p id="a">2</p>', "duplicate-id"),
    ('<table><tr><td>Day</td><td>Bin</td></tr><tr><td>Mon</td><td>Green</td></tr></table>',
     "table-headers"),
    ('<label for="e">Email</label><input id="e" name="e" type="text">', "autocomplete"),
    ('<label for="t">Telephone</label><input id="t" type="tel" autocomplete="nonsense">',
     "autocomplete"),
    ('<label for="n">Your full name</label><input id="n" name="n">', "autocomplete"),
    ('<label for="e">Email address</label><input id="e" type="text" autocomplete="nonsense">',
     "autocomplete"),
    ('<label for="s">Surname</label><input id="s" autocomplete="name">', "autocomplete"),
    ('<input name="postcode" aria-label="Your postcode">', "autocomplete"),
])
def test_each_source_check_fires(body, rule):
    assert rules(page(body)) == [rule]


@pytest.mark.parametrize("body", [
    '<a href="/f.pdf">Annual budget 2025 (PDF, 1.2 MB)</a>',
    '<a href="/f.xlsx">Spending data (Excel spreadsheet, 340 KB)</a>',
    '<a href="/x" aria-label="Read more about bin collections">Read more</a>',
    '<a href="/x">Change<span class="visually-hidden"> your name</span></a>',
    '<img src="a.png" alt="" role="presentation">',
    '<table role="presentation"><tr><td>layout</td></tr></table>',
    '<table><tr><th scope="col">Day</th></tr><tr><td>Mon</td></tr></table>',
    '<label for="e">Email address</label><input id="e" type="email" autocomplete="email">',
    '<label for="n">Full name</label><input id="n" autocomplete="section-a billing name">',
    '<label for="g">First name</label><input id="g" autocomplete="given-name">',
    '<label for="q">Search</label><input id="q" type="search" name="q">',
    '<label for="r">Reference number</label><input id="r" name="ref">',
    '<div role="search"><label for="w">Name of a service</label><input id="w"></div>',
    # Not the user's own data: the build marks such fields autocomplete="off" (WCAG 1.3.5
    # covers only information about the user), and "name of ..." names a thing.
    '<fieldset><legend>Where is the fly-tipping?</legend>'
    '<label for="a1">Address line 1</label><input id="a1" name="a1" autocomplete="off">'
    '<label for="s">Street name</label><input id="s" name="street" autocomplete="off">'
    '<label for="p">Postcode</label><input id="p" name="postcode" autocomplete="off">'
    '</fieldset>',
    '<label for="c">Name of your college or university</label><input id="c" name="college">',
    '<label for="b">Name of the business</label><input id="b" name="business">',
    '<label for="st">Name of the street</label><input id="st" name="st">',
    '<label for="sc">Name of your school</label><input id="sc" name="school">',
    '<label for="l">Your landlord\'s email address</label><input id="l" type="email">',
    '<a href="/x" tabindex="0">Pay</a><a href="/y" tabindex="-1">Skip</a>',
    '<h2>A</h2><h3>B</h3><h2>C</h2><h4 hidden>D</h4>',
])
def test_good_practice_passes(body):
    assert rules(page(body)) == []


@pytest.mark.parametrize("body", [
    '<input type="image" src="go.png" aria-label="Search">',
    '<input type="image" src="go.png" title="Search">',
    '<span id="l">Search</span><input type="image" src="go.png" aria-labelledby="l">',
    '<img src="a.png" title="Bin collection map">',
    '<p><a href="../Overview.html">Overview</a></p>',
    '<meta http-equiv="refresh" content="72000">',
])
def test_named_images_and_pages_that_pass_wcag(body):
    assert [r for r in rules(page(body)) if r not in WARNINGS] == []


WARNINGS = {"heading-one", "heading-skipped", "link-text", "document-link", "duplicate-id",
            "tabindex-positive", "table-headers"}


@pytest.mark.parametrize("content", ["5; url=/next.html", "30", "1.5;url=x"])
def test_timed_refresh_fails_2_2_1(content):
    found, _ = static_checks.check_page(page("", head=f'<meta http-equiv="refresh" '
                                                       f'content="{content}">'), "p.html")
    assert [(f.rule, f.criteria, f.severity) for f in found] == [
        ("meta-refresh", ["2.2.1"], "error")]


def test_missing_lang_and_title():
    assert rules(page("", lang="", title="")) == ["html-lang", "page-title"]


def test_error_state_must_describe_the_error_in_text():
    form = page('<form><label for="a">A</label><input id="a"></form>')
    silent = page('<form><label for="a">A</label><input id="a" aria-invalid="true"></form>')
    good = page('<form><label for="a">A</label><p id="a-e">Enter A</p>'
                '<input id="a" aria-invalid="true" aria-describedby="a-e"></form>')
    text_only = page('<p>There is a problem: enter A.</p>'
                     '<form><label for="a">A</label><input id="a"></form>')
    unlinked = page('<form><label for="a">A</label><p>Enter A</p>'
                    '<input id="a" aria-invalid="true"></form>')

    def check(html):
        return rules(html, is_error_state=True, form_html=form)

    assert check(silent) == ["error-identification"]
    assert check(form) == ["error-identification"]
    assert check(good) == []
    # Text alone identifies the error (G83): only our markup convention is missed.
    assert check(text_only) == ["error-association"]
    assert check(unlinked) == ["error-association"]
    found, _ = static_checks.check_page(text_only, "p.html", is_error_state=True, form_html=form)
    assert {f.severity for f in found} == {"warning"}


def test_findings_name_page_element_and_criterion():
    found, _ = static_checks.check_page(page('<p><a href="/x">here</a></p>'), "news/a.html")
    (f,) = found
    assert f.page == "news/a.html" and f.state == "html"
    assert f.selector == "#main > p:nth-of-type(1) > a:nth-of-type(1)"
    assert f.snippet == '<a href="/x">here</a>'
    assert f.criteria == ["2.4.4"] and f.source == "councilsite"
    # "click here" can pass 2.4.4 in context: a house convention, so a warning by default.
    assert f.severity == "warning" and f.group == "best-practice"
    assert f.help and f.help_url.startswith("https://www.w3.org/WAI/WCAG22/Understanding/")


def test_facts_for_sampling_caching_and_schemes():
    html = page('<form method="post"><input name="a"></form>',
                head='<meta name="generator-template" content="service">'
                     '<link rel="stylesheet" href="/a.css">'
                     '<link rel="alternate" data-councilsite-state="error" href="err/">'
                     '<style>@media (prefers-color-scheme: dark) { body { color: #fff } }</style>'
                     '<script src="/app.js"></script>')
    _, facts = static_checks.check_page(html, "p.html")
    assert facts.template == "meta:service"
    assert facts.assets == ["/a.css", "/app.js"]
    assert facts.error_state_href == "err/"
    assert facts.dark_scheme is True
    assert facts.post_forms == 1 and len(facts.forms) == 1
    assert facts.title == "A page"


@pytest.mark.parametrize("words, kind, token", [
    ("Email address", "text", "email"),
    ("Your full name", "text", "name"),
    ("Surname", "text", "family-name"),
    ("First name", "text", "given-name"),
    ("Mobile phone number", "text", "tel"),
    ("Postcode", "text", "postal-code"),
    ("Address line 1", "text", "address-line1"),
    ("Town or city", "text", "address-level2"),
    ("Date of birth", "text", "bday"),
    ("Organisation name", "text", "organization"),
    ("Username", "text", "username"),
    ("Anything", "email", "email"),
])
def test_autocomplete_purposes(words, kind, token):
    assert token in autocomplete.expected_tokens(words, kind)[1]


def test_autocomplete_ignores_non_personal_fields():
    assert autocomplete.expected_tokens("Reference number", "text") is None
    assert autocomplete.expected_tokens("How can we help?", "textarea") is None


def make_site(tmp_path, files: dict[str, str]) -> Site:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return Site.discover(tmp_path)


def test_site_discovery_and_urls(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page(""), "a/index.html": page(""), "b.html": page(""),
        "partial.html": "<p>not a page</p>",
        "old.html": '<html><head><meta http-equiv="refresh" content="0; url=/b.html"></head></html>',
        "timed.html": page('', head='<meta http-equiv="refresh" content="5; url=/b.html">'),
        ".git/x.html": page(""), "style.css": "",
    })
    # An instant redirect is a stub; a timed refresh is a page (and a 2.2.1 failure).
    assert site.pages == ["a/index.html", "b.html", "index.html", "timed.html"]
    assert site.resolve("a/index.html", "../../Overview.html") is None  # out of the folder
    assert page_url("index.html") == "/" and page_url("a/index.html") == "/a/"
    assert site.resolve("a/index.html", "../b.html#x").path == "b.html"
    assert site.resolve("a/index.html", "/a/").page == "a/index.html"
    assert site.resolve("a/index.html", "./").page == "a/index.html"
    assert site.resolve("b.html", "a").page == "a/index.html"
    assert site.resolve("b.html", "https://example.org/") is None
    assert not site.resolve("b.html", "/missing/").exists
    assert site.resolve("b.html", "#top").fragment == "top"


def test_site_wide_titles_and_links(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<a href="a.html#part">A</a> <a href="gone.html">Gone</a>'
                           ' <a href="#nowhere">Jump</a> <a href="#top">Top</a>'
                           ' <a href="a.html#sec">Named</a>', title="Same"),
        "a.html": page('<h2 id="part">Part</h2><a name="sec"></a>', title="Same"),
        "c.html": page('<a href="a.html#missing">Missing part</a>', title="Other"),
    })
    facts = {}
    for p in site.pages:
        _, facts[p] = static_checks.check_page(site.read(p), p)
    found = site_checks.check_site(site, facts, site.pages)
    got = sorted((f.page, f.rule) for f in found)
    assert got == [("a.html", "page-title-unique"), ("c.html", "link-anchor-missing"),
                   ("index.html", "link-anchor-missing"), ("index.html", "link-broken"),
                   ("index.html", "page-title-unique")]
    broken = next(f for f in found if f.rule == "link-broken")
    assert "gone.html" in broken.message and broken.criteria == ["2.4.4"]
