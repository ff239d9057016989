"""Corpus pages for the rules that read the HTML source (static_checks.py, site_checks.py).

rule -> [(kind, name, spec)]; spec: sc, technique, body, and optionally head, layout,
title, title_tag, lang. Layouts are format strings with {title} and {body}.
"""
from __future__ import annotations

MAIN_ONLY = ('<header><a href="#main">Skip to main content</a></header>'
             '<main id="main" tabindex="-1">{body}</main>')
# No landmark, heading or skip link; the opening links repeat on every page that uses it.
BARE = ('<div><a href="pass-unique-links.html">Home</a> | <a href="fail-no-mechanism.html">News'
        '</a> | <a href="pass-skip-link.html">Contact</a></div><div>{body}</div>')

FORM_FIELD = ('<label for="ref">Reference number</label> '
              '<input id="ref" name="ref" autocomplete="off">')

PAGES = {
    "heading-one": [
        ("pass", "one-h1", dict(sc="1.3.1", technique="H42", body="<p>Text.</p>")),
        ("pass", "h1-and-h2s", dict(sc="1.3.1", technique="H42",
                                    body="<h2>Part one</h2><p>A.</p><h2>Part two</h2><p>B.</p>")),
        ("pass", "aria-heading-level-1", dict(
            sc="1.3.1", technique="ARIA12", layout=MAIN_ONLY,
            body='<div role="heading" aria-level="1">Bin collections</div><p>Text.</p>')),
        ("pass", "second-h1-hidden", dict(
            sc="1.3.1", technique="H42",
            body='<div hidden><h1>Old title</h1></div><p>Text.</p>')),
        ("pass", "h1-with-markup", dict(
            sc="1.3.1", technique="H42", layout=MAIN_ONLY,
            body="<h1>Pay your <em>council tax</em></h1><p>Text.</p>")),
        ("fail", "no-h1", dict(sc="1.3.1", technique="H42 (house rule: exactly one h1)",
                               layout=MAIN_ONLY, body="<h2>Part</h2><p>Text.</p>")),
        ("fail", "two-h1", dict(sc="1.3.1", technique="H42 (house rule: exactly one h1)",
                                body="<h1>Another title</h1><p>Text.</p>")),
        ("fail", "no-heading", dict(sc="1.3.1", technique="H42 (house rule: exactly one h1)",
                                    layout=MAIN_ONLY, body="<p>Text only.</p>")),
    ],
    "heading-skipped": [
        ("pass", "h1-h2-h3", dict(sc="1.3.1", technique="H42",
                                  body="<h2>A</h2><h3>A.1</h3><p>Text.</p>")),
        ("pass", "back-up-a-level", dict(sc="1.3.1", technique="H42",
                                         body="<h2>A</h2><h3>A.1</h3><h2>B</h2><p>Text.</p>")),
        ("pass", "aria-levels", dict(
            sc="1.3.1", technique="ARIA12",
            body='<div role="heading" aria-level="2">A</div><p>Text.</p>')),
        ("pass", "siblings", dict(sc="1.3.1", technique="H42",
                                  body="<h2>A</h2><h2>B</h2><h2>C</h2>")),
        ("pass", "skip-in-hidden", dict(sc="1.3.1", technique="H42",
                                        body="<h2>A</h2><div hidden><h4>Draft</h4></div>")),
        ("fail", "h1-to-h3", dict(sc="1.3.1", technique="G141 (house rule: no skipped level)",
                                  body="<h3>Part</h3><p>Text.</p>")),
        ("fail", "h2-to-h4", dict(sc="1.3.1", technique="G141 (house rule: no skipped level)",
                                  body="<h2>A</h2><h4>A.1.1</h4>")),
        ("fail", "aria-skip", dict(sc="1.3.1", technique="G141 (house rule: no skipped level)",
                                   body='<h2>A</h2><div role="heading" aria-level="5">X</div>')),
    ],
    "page-title": [
        ("pass", "title", dict(sc="2.4.2", technique="H25", body="<p>Text.</p>")),
        ("pass", "title-entities", dict(sc="2.4.2", technique="H25", body="<p>Text.</p>",
                                        title_tag="<title>Bins &amp; recycling</title>")),
        ("pass", "title-spaced", dict(sc="2.4.2", technique="H25", body="<p>Text.</p>",
                                      title_tag="<title>\n  Council tax bands\n</title>")),
        ("pass", "title-site-name", dict(sc="2.4.2", technique="G88", body="<p>Text.</p>",
                                         title_tag="<title>Parking - Anytown Council</title>")),
        ("pass", "title-welsh", dict(sc="2.4.2", technique="H25", lang='lang="cy"',
                                     body="<p>Testun.</p>",
                                     title_tag="<title>Casgliadau biniau</title>")),
        ("fail", "no-title", dict(sc="2.4.2", technique="F25 (no title)", title_tag="",
                                  body="<p>Text.</p>")),
        ("fail", "empty-title", dict(sc="2.4.2", technique="F25 (empty title)",
                                     title_tag="<title></title>", body="<p>Text.</p>")),
        ("fail", "blank-title", dict(sc="2.4.2", technique="F25 (blank title)",
                                     title_tag="<title>   </title>", body="<p>Text.</p>")),
    ],
    "page-title-unique": [
        ("pass", f"unique-{n}", dict(sc="2.4.2", technique="G88", body="<p>Text.</p>",
                                     title=f"Service {n} - Anytown Council"))
        for n in ("bins", "parking", "libraries", "schools", "planning")
    ] + [
        ("fail", f"same-{n}", dict(sc="2.4.2", technique="G88 (house rule: unique titles)",
                                   body=f"<p>Page {n}.</p>", title="Contact us - Anytown"))
        for n in ("a", "b", "c")
    ],
    "html-lang": [
        ("pass", f"lang-{code}", dict(sc="3.1.1", technique="H57", lang=f'lang="{code}"',
                                      body=f"<p>{text}</p>"))
        for code, text in (("en-GB", "Text."), ("en", "Text."), ("cy", "Testun."),
                           ("fr-CA", "Texte en français."))
    ] + [
        ("pass", "lang-and-xml-lang", dict(sc="3.1.1", technique="H57",
                                           lang='lang="en-GB" xml:lang="en-GB"',
                                           body="<p>Text.</p>")),
        ("fail", "no-lang", dict(sc="3.1.1", technique="H57 (not used)", lang="",
                                 body="<p>Text.</p>")),
        ("fail", "empty-lang", dict(sc="3.1.1", technique="H57 (not used)", lang='lang=""',
                                    body="<p>Text.</p>")),
        ("fail", "blank-lang", dict(sc="3.1.1", technique="H57 (not used)", lang='lang="  "',
                                    body="<p>Text.</p>")),
    ],
    "link-text": [
        ("pass", "descriptive", dict(sc="2.4.4", technique="H30",
                                     body='<p><a href="#main">Pay your council tax</a></p>')),
        ("pass", "aria-label", dict(sc="2.4.4", technique="ARIA8", body=(
            '<p><a href="#main" aria-label="Read more about bin collections">Read more</a>'
            '</p>'))),
        ("pass", "hidden-words", dict(
            sc="2.4.4", technique="C7",
            head="<style>.vh { position: absolute; width: 1px; height: 1px; overflow: hidden;"
                 " clip: rect(0 0 0 0); white-space: nowrap; }</style>",
            body='<p><a href="#main">Read more<span class="vh"> about parking permits</span>'
                 '</a></p>')),
        ("pass", "labelledby", dict(
            sc="2.4.4", technique="ARIA7",
            body='<h2 id="h">Garden waste</h2><p><a id="l" href="#main" '
                 'aria-labelledby="l h">More</a></p>')),
        ("pass", "image-link", dict(sc="2.4.4", technique="H30 (alt of the image)", body=(
            '<p><a href="#main"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw='
            '" alt="Home page" width="20" height="20"></a></p>'))),
        ("fail", "click-here", dict(sc="2.4.4", technique="F84 (house rule)",
                                    body='<p>For bins <a href="#main">click here</a>.</p>')),
        ("fail", "read-more", dict(sc="2.4.4", technique="F84 (house rule)",
                                   body='<p>Bins. <a href="#main">Read more</a></p>')),
        ("fail", "bare-url", dict(sc="2.4.4", technique="F84 (house rule: URL as link text)",
                                  body='<p><a href="https://example.org/bins">'
                                       'https://example.org/bins</a></p>')),
    ],
    "document-link": [
        ("pass", "pdf-format-size", dict(sc="2.4.4", technique="G91", body=(
            '<p><a href="budget.pdf">Annual budget (PDF, 1.2 MB)</a></p>'))),
        ("pass", "word-format-size", dict(sc="2.4.4", technique="G91", body=(
            '<p><a href="minutes.docx">Minutes (Word document, 30 KB)</a></p>'))),
        ("pass", "csv-format-size", dict(sc="2.4.4", technique="G91", body=(
            '<p><a href="budget.csv">Budget data (CSV, 2 KB)</a></p>'))),
        ("pass", "text-file-in-prose", dict(sc="2.4.4", technique="G53", body=(
            '<p>Read <a href="notes.txt">the meeting notes</a> before you come.</p>'))),
        ("pass", "web-page", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="pass-web-page.html">About the budget</a></p>'))),
        ("fail", "pdf-no-size", dict(sc="2.4.4", technique="G91 (house rule: format and size)",
                                     body='<p><a href="budget.pdf">Annual budget (PDF)</a></p>')),
        ("fail", "docx-nothing", dict(sc="2.4.4", technique="G91 (house rule: format and size)",
                                      body='<p><a href="minutes.docx">Minutes</a></p>')),
        ("fail", "csv-no-format", dict(sc="2.4.4", technique="G91 (house rule: format and size)",
                                       body='<p><a href="budget.csv">Budget data 2 KB</a></p>')),
    ],
    "img-alt": [
        ("pass", "image-button-aria-label", dict(sc="1.1.1", technique="ARIA6", body=(
            '<form action="#main"><input type="image" src="go.png" aria-label="Search"></form>'
        ))),
        ("pass", "image-button-title", dict(sc="1.1.1", technique="H37 (title names it)", body=(
            '<form action="#main"><input type="image" src="go.png" title="Search"></form>'))),
        ("pass", "image-button-labelledby", dict(sc="1.1.1", technique="ARIA10", body=(
            '<span id="l">Search</span><form action="#main"><input type="image" src="go.png" '
            'aria-labelledby="l"></form>'))),
        ("pass", "img-decorative", dict(sc="1.1.1", technique="H67",
                                        body='<img src="rule.png" alt="">')),
        ("pass", "img-alt", dict(sc="1.1.1", technique="H37",
                                 body='<img src="bins.png" alt="Green bin">')),
        ("pass", "img-aria-label", dict(sc="1.1.1", technique="ARIA6",
                                        body='<img src="bins.png" aria-label="Green bin">')),
        ("pass", "image-button-alt", dict(sc="1.1.1", technique="H36", body=(
            '<form action="#main"><input type="image" src="go.png" alt="Search"></form>'))),
        ("fail", "img-no-alt", dict(sc="1.1.1", technique="F65", body='<img src="bins.png">')),
        ("fail", "image-button-no-name", dict(sc="1.1.1", technique="F65", body=(
            '<form action="#main"><input type="image" src="go.png"></form>'))),
        ("fail", "img-in-paragraph", dict(sc="1.1.1", technique="F65",
                                          body='<p>Bins <img src="bins.png"></p>')),
    ],
    "img-alt-filename": [
        ("pass", "describes", dict(sc="1.1.1", technique="G94",
                                   body='<img src="bins.png" alt="A green wheelie bin">')),
        ("pass", "decorative", dict(sc="1.1.1", technique="H67",
                                    body='<img src="rule.png" alt="">')),
        ("pass", "version-number", dict(sc="1.1.1", technique="G94",
                                        body='<img src="go.png" alt="Version 2.0 logo">')),
        ("pass", "words-with-dot", dict(sc="1.1.1", technique="G94",
                                        body='<img src="bins.png" alt="Bins. Collected weekly">')),
        ("pass", "format-named", dict(sc="1.1.1", technique="G94",
                                      body='<img src="go.png" alt="PNG file icon">')),
        ("fail", "png-name", dict(sc="1.1.1", technique="F30",
                                  body='<img src="bins.png" alt="bins.png">')),
        ("fail", "camera-name", dict(sc="1.1.1", technique="F30",
                                     body='<img src="bins.png" alt="IMG_2041.JPG">')),
        ("fail", "svg-name", dict(sc="1.1.1", technique="F30",
                                  body='<img src="go.png" alt="logo-final.svg">')),
    ],
    "tabindex-positive": [
        ("pass", "no-tabindex", dict(sc="2.4.3", technique="H4",
                                     body='<p><a href="#main">One</a> <a href="#main">Two</a></p>')),
        ("pass", "tabindex-zero", dict(sc="2.4.3", technique="H4", body=(
            '<div role="region" aria-label="Scrolling list" tabindex="0">List</div>'))),
        ("pass", "tabindex-minus-one", dict(sc="2.4.3", technique="H4",
                                            body='<p id="t" tabindex="-1">Target</p>')),
        ("pass", "tabindex-junk", dict(sc="2.4.3", technique="H4",
                                       body='<p tabindex="abc">Not a number</p>')),
        ("pass", "tabindex-zero-padded", dict(sc="2.4.3", technique="H4",
                                              body='<p tabindex="00">Zero</p>')),
        ("fail", "tabindex-one", dict(sc="2.4.3", technique="F44 (house rule)",
                                      body='<p><a href="#main" tabindex="1">One</a></p>')),
        ("fail", "tabindex-five", dict(sc="2.4.3", technique="F44 (house rule)",
                                       body='<p><a href="#main" tabindex="5">Five</a></p>')),
        ("fail", "tabindex-on-input", dict(sc="2.4.3", technique="F44 (house rule)",
                                           body='<label for="q">Reference</label>'
                                                '<input id="q" tabindex="2">')),
    ],
    "duplicate-id": [
        ("pass", "unique", dict(sc="4.1.2", technique="H93",
                                body='<p id="a">A</p><p id="b">B</p>')),
        ("pass", "case-differs", dict(sc="4.1.2", technique="H93",
                                      body='<p id="note">A</p><p id="Note">B</p>')),
        ("pass", "radio-names", dict(sc="4.1.2", technique="H93", body=(
            '<fieldset><legend>Bin</legend><input type="radio" name="b" id="b1">'
            '<label for="b1">Green</label><input type="radio" name="b" id="b2">'
            '<label for="b2">Blue</label></fieldset>'))),
        ("pass", "template-copy", dict(sc="4.1.2", technique="H93", body=(
            '<p id="row">Row</p><template><p id="row">Row</p></template>'))),
        ("pass", "name-anchor", dict(sc="4.1.2", technique="H93",
                                     body='<p id="top-p">A</p><a name="top-p"></a>')),
        ("fail", "two-paragraphs", dict(sc="4.1.2", technique="H93 (house rule)",
                                        body='<p id="a">A</p><p id="a">B</p>')),
        ("fail", "label-target", dict(sc="4.1.2", technique="H93 (house rule)", body=(
            '<label for="f">Reference</label><input id="f" autocomplete="off">'
            '<p id="f">Help</p>'))),
        ("fail", "nested", dict(sc="4.1.2", technique="H93 (house rule)",
                                body='<div id="x"><span id="x">A</span></div>')),
    ],
    "autocomplete": [
        ("pass", "email", dict(sc="1.3.5", technique="H98", body=(
            '<label for="e">Email address</label><input id="e" type="email" '
            'autocomplete="email">'))),
        ("pass", "full-name", dict(sc="1.3.5", technique="H98", body=(
            '<label for="n">Full name</label><input id="n" autocomplete="name">'))),
        ("pass", "search-box", dict(sc="1.3.5", technique="H98 (not the user's data)", body=(
            '<search><label for="s">Search</label><input id="s" type="search"></search>'))),
        ("pass", "someone-else", dict(sc="1.3.5", technique="H98 (not the user's data)", body=(
            '<label for="s">Name of your school</label><input id="s">'))),
        ("pass", "reference", dict(sc="1.3.5", technique="H98 (not the user's data)",
                                   body=FORM_FIELD)),
        ("pass", "sectioned-token", dict(sc="1.3.5", technique="H98", body=(
            '<label for="p">Postcode</label><input id="p" autocomplete="section-a shipping '
            'postal-code">'))),
        ("fail", "email-no-token", dict(sc="1.3.5", technique="F107", body=(
            '<label for="e">Email address</label><input id="e" type="email">'))),
        ("fail", "name-no-token", dict(sc="1.3.5", technique="F107", body=(
            '<label for="n">Full name</label><input id="n">'))),
        ("fail", "wrong-token", dict(sc="1.3.5", technique="F107", body=(
            '<label for="t">Telephone</label><input id="t" type="tel" autocomplete="email">'))),
    ],
    "table-headers": [
        ("pass", "column-headers", dict(sc="1.3.1", technique="H51, H63", body=(
            '<table><tr><th scope="col">Day</th><th scope="col">Bin</th></tr>'
            '<tr><td>Mon</td><td>Green</td></tr></table>'))),
        ("pass", "row-headers", dict(sc="1.3.1", technique="H63", body=(
            '<table><tr><th scope="row">Mon</th><td>Green</td></tr>'
            '<tr><th scope="row">Tue</th><td>Blue</td></tr></table>'))),
        ("pass", "layout-presentation", dict(sc="1.3.1", technique="F46 (avoided)", body=(
            '<table role="presentation"><tr><td>Left</td><td>Right</td></tr>'
            '<tr><td>A</td><td>B</td></tr></table>'))),
        ("pass", "single-row", dict(sc="1.3.1", technique="G115", body=(
            '<table><tr><td>Open</td><td>9am to 5pm</td></tr></table>'))),
        ("pass", "single-column", dict(sc="1.3.1", technique="G115", body=(
            '<table><tr><td>Green bin</td></tr><tr><td>Blue bin</td></tr></table>'))),
        ("fail", "all-td", dict(sc="1.3.1", technique="F91", body=(
            '<table><tr><td>Day</td><td>Bin</td></tr><tr><td>Mon</td><td>Green</td></tr>'
            '</table>'))),
        ("fail", "bold-not-th", dict(sc="1.3.1", technique="F91", body=(
            '<table><tr><td><b>Day</b></td><td><b>Bin</b></td></tr>'
            '<tr><td>Mon</td><td>Green</td></tr><tr><td>Tue</td><td>Blue</td></tr></table>'))),
        ("fail", "three-columns", dict(sc="1.3.1", technique="F91", body=(
            '<table><tr><td>Ward</td><td>Day</td><td>Bin</td></tr>'
            '<tr><td>North</td><td>Mon</td><td>Green</td></tr></table>'))),
    ],
    "link-broken": [
        ("pass", "existing-page", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="pass-out-of-folder.html">Another page</a></p>'))),
        ("pass", "out-of-folder", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="../../Overview.html">Overview of the test suite</a></p>'))),
        ("pass", "file-with-query", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="budget.csv?v=2">Budget data (CSV, 1 KB)</a></p>'))),
        ("pass", "mail-and-phone", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="mailto:bins@example.org">Email the bins team</a> or '
            '<a href="tel:+441234567890">phone 01234 567890</a></p>'))),
        ("pass", "external", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="https://www.w3.org/WAI/">W3C accessibility pages</a></p>'))),
        ("fail", "missing-page", dict(sc="2.4.4", technique="H30 (house rule: link works)",
                                      body='<p><a href="no-such-page.html">Bins</a></p>')),
        ("fail", "missing-folder", dict(sc="2.4.4", technique="H30 (house rule: link works)",
                                        body='<p><a href="gone/">Parking</a></p>')),
        ("fail", "missing-file", dict(sc="2.4.4", technique="H30 (house rule: link works)",
                                      body='<p><a href="missing.csv">Data (CSV, 1 KB)</a></p>')),
    ],
    "link-anchor-missing": [
        ("pass", "id-exists", dict(sc="2.4.4", technique="H30",
                                   body='<p><a href="#part">Part two</a></p><h2 id="part">Two</h2>')),
        ("pass", "top", dict(sc="2.4.4", technique="H30", body='<p><a href="#top">Top</a></p>')),
        ("pass", "named-anchor", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="#old">Old part</a></p><p><a name="old"></a>Old.</p>'))),
        ("pass", "other-page-id", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="pass-id-exists.html#part">Part two of the other page</a></p>'))),
        ("pass", "encoded-id", dict(sc="2.4.4", technique="H30", body=(
            '<p><a href="#caf%C3%A9">Café</a></p><p id="café">Target</p>'))),
        ("fail", "no-such-id", dict(sc="2.4.4", technique="H30 (house rule: anchor exists)",
                                    body='<p><a href="#nowhere">Part</a></p>')),
        ("fail", "other-page-no-id", dict(sc="2.4.4",
                                          technique="H30 (house rule: anchor exists)",
                                          body='<p><a href="pass-top.html#gone">Part</a></p>')),
        ("fail", "case-differs", dict(sc="2.4.4", technique="H30 (house rule: anchor exists)",
                                      body='<p><a href="#Part">Part</a></p><p id="part">P</p>')),
    ],
    "meta-refresh": [
        ("pass", "no-refresh", dict(sc="2.2.1", technique="G198", body="<p>Text.</p>")),
        ("pass", "content-type-meta", dict(
            sc="2.2.1", technique="G198", body="<p>Text.</p>",
            head='<meta http-equiv="content-type" content="text/html; charset=utf-8">')),
        ("pass", "twenty-hours", dict(sc="2.2.1", technique="20-hour exception",
                                      body="<p>Text.</p>",
                                      head='<meta http-equiv="refresh" content="72000">')),
        ("pass", "timer-with-controls", dict(sc="2.2.1", technique="G198", body=(
            '<p>This page updates every minute. <button type="button">Stop updates</button>'
            '</p>'))),
        ("pass", "refresh-word-in-text", dict(sc="2.2.1", technique="G198", body=(
            '<p>Press F5 to refresh the page.</p>'))),
        ("fail", "reload-30", dict(sc="2.2.1", technique="F41", body="<p>Text.</p>",
                                   head='<meta http-equiv="refresh" content="30">')),
        ("fail", "redirect-5", dict(sc="2.2.1", technique="F40", body="<p>Text.</p>",
                                    head='<meta http-equiv="refresh" '
                                         'content="5; url=pass-no-refresh.html">')),
        ("fail", "redirect-upper", dict(sc="2.2.1", technique="F40", body="<p>Text.</p>",
                                        head='<META HTTP-EQUIV="Refresh" '
                                             'CONTENT="2;URL=pass-no-refresh.html">')),
    ],
    "bypass-blocks": [
        ("pass", "landmarks-no-skip-link", dict(
            sc="2.4.1", technique="ARIA11",
            layout='<header><nav aria-label="Main"><a href="pass-unique-links.html">Home</a> '
                   '<a href="fail-no-mechanism.html">News</a></nav></header>'
                   '<main>{body}</main>', body="<p>Text.</p>")),
        ("pass", "headings-no-skip-link", dict(sc="2.4.1", technique="H69", layout=BARE,
                                               body="<h1>Title</h1><h2>Part</h2><p>Text.</p>")),
        ("pass", "skip-link", dict(
            sc="2.4.1", technique="G1",
            layout='<div><a href="#content">Skip to content</a> <a href="pass-unique-links.html"'
                   '>Home</a> <a href="fail-no-mechanism.html">News</a></div>'
                   '<div id="content">{body}</div>', body="<p>Text.</p>")),
        ("pass", "main-only", dict(sc="2.4.1", technique="ARIA11", body="<p>Text.</p>",
                                   layout=BARE.replace("<div>{body}</div>",
                                                       "<main>{body}</main>"))),
        ("pass", "unique-links", dict(
            sc="2.4.1", technique="no repeated blocks",
            layout='<div><a href="pass-main-only.html">Only here</a> '
                   '<a href="pass-skip-link.html">And here</a></div><div>{body}</div>',
            body="<p>Text.</p>")),
        ("fail", "no-mechanism", dict(sc="2.4.1", technique="G1, G123, G124 (none used)",
                                      layout=BARE, body="<p>News.</p>")),
        ("fail", "no-mechanism-two", dict(sc="2.4.1", technique="G1, G123, G124 (none used)",
                                          layout=BARE, body="<p>More news.</p>")),
        ("fail", "broken-skip-link", dict(
            sc="2.4.1", technique="G1 (skip link target missing)",
            layout=BARE.replace("<div><a", '<div><a href="#content">Skip</a> <a', 1),
            body="<p>Text.</p>")),
    ],
}
