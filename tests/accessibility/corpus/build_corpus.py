"""Writes the labelled corpus pages: `python build_corpus.py` (edit PAGES, then rerun).

Each page names the WCAG 2.2 criterion and the technique (sufficient technique, or failure)
it illustrates in <meta name="wcag"> and <meta name="technique">, and whether it passes.
The pages are committed; test_a11y_corpus.py audits them in Chromium.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANDMARKS = ('<header><nav aria-label="Main"><a href="#x">Home</a></nav></header>'
             '<main id="main"><h1>{title}</h1>{body}</main>')
BARE = '<div><a href="#x">Home</a> <a href="#y">News</a></div><div id="x">{body}</div>'

# rule -> [(kind, name, criterion, technique, body, layout)]
PAGES = {
    "img-alt": [
        ("pass", "image-button-aria-label", "1.1.1", "ARIA6",
         '<form action="#"><input type="image" src="go.png" aria-label="Search"></form>', LANDMARKS),
        ("pass", "image-button-title", "1.1.1", "H37 (title names it)",
         '<form action="#"><input type="image" src="go.png" title="Search"></form>', LANDMARKS),
        ("pass", "image-button-labelledby", "1.1.1", "ARIA10",
         '<span id="l">Search</span><form action="#"><input type="image" src="go.png" '
         'aria-labelledby="l"></form>', LANDMARKS),
        ("pass", "img-decorative", "1.1.1", "H67", '<img src="rule.png" alt="">', LANDMARKS),
        ("pass", "img-alt", "1.1.1", "H37", '<img src="bins.png" alt="Green bin">', LANDMARKS),
        ("fail", "img-no-alt", "1.1.1", "F65", '<img src="bins.png">', LANDMARKS),
        ("fail", "image-button-no-name", "1.1.1", "F65",
         '<form action="#"><input type="image" src="go.png"></form>', LANDMARKS),
        ("fail", "img-in-paragraph", "1.1.1", "F65", '<p>Bins <img src="bins.png"></p>', LANDMARKS),
    ],
    "keyboard-trap": [
        ("pass", "video-controls", "2.1.2", "G21",
         '<p><a href="#a">Before</a></p><video controls width="200" height="100"></video>'
         '<p><a href="#b">After</a></p>', LANDMARKS),
        ("pass", "audio-controls", "2.1.2", "G21",
         '<p><a href="#a">Before</a></p><audio controls></audio><p><a href="#b">After</a></p>',
         LANDMARKS),
        ("pass", "iframe", "2.1.2", "G21",
         '<p><a href="#a">Before</a></p><iframe title="Map" srcdoc="<a href=#>In frame</a>">'
         '</iframe><p><a href="#b">After</a></p>', LANDMARKS),
        ("pass", "escape-leaves", "2.1.2", "G21 (standard exit: Escape)",
         '<p>Press Escape to leave the editor.</p><div id="ed" tabindex="0">Editor</div>'
         '<p><a href="#b">After</a></p><script>var ed = document.getElementById("ed"), free = false;'
         'ed.addEventListener("keydown", function (e) { if (e.key === "Escape") free = true;'
         ' if (e.key === "Tab" && !free) e.preventDefault(); });'
         'ed.addEventListener("blur", function () { free = false; });</script>', LANDMARKS),
        ("pass", "plain-links", "2.1.2", "G21",
         '<p><a href="#a">One</a> <a href="#b">Two</a></p>', LANDMARKS),
        ("fail", "tab-swallowed", "2.1.2", "F10",
         '<div id="t" tabindex="0">Widget</div><p><a href="#b">After</a></p><script>'
         'document.getElementById("t").addEventListener("keydown", function (e) {'
         ' if (e.key === "Tab") e.preventDefault(); });</script>', LANDMARKS),
        ("fail", "refocus-on-blur", "2.1.2", "F10",
         '<input id="f" aria-label="Code"><p><a href="#b">After</a></p><script>'
         'var f = document.getElementById("f"); f.addEventListener("blur", function () {'
         ' setTimeout(function () { f.focus(); }, 0); });</script>', LANDMARKS),
        ("fail", "cycle-two", "2.1.2", "F10",
         '<a id="a1" href="#a">One</a> <a id="a2" href="#b">Two</a> <a href="#c">Three</a><script>'
         'document.getElementById("a2").addEventListener("keydown", function (e) {'
         ' if (e.key === "Tab" && !e.shiftKey) { e.preventDefault();'
         ' document.getElementById("a1").focus(); } });</script>', LANDMARKS),
    ],
    "bypass-blocks": [
        ("pass", "landmarks-no-skip-link", "2.4.1", "ARIA11", '<p>Text.</p>', LANDMARKS),
        ("pass", "headings-no-skip-link", "2.4.1", "H69",
         '<h1>Title</h1><h2>Part</h2><p>Text.</p>', BARE),
        ("pass", "skip-link", "2.4.1", "G1",
         '<p>Text.</p>', '<p><a href="#main">Skip to main content</a></p>' + LANDMARKS),
        ("pass", "main-only", "2.4.1", "ARIA11", '<p>Text.</p>',
         '<div><a href="#x">Home</a></div><main><h1>{title}</h1>{body}</main>'),
        ("pass", "nav-landmark", "2.4.1", "ARIA11", '<p>Text.</p>',
         '<nav aria-label="Site"><a href="#x">Home</a></nav><main>{body}</main>'),
    ],
}


def page(title, sc, technique, kind, body, layout):
    inner = layout.format(title=title, body=body)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="wcag" content="{sc}"><meta name="technique" content="{technique}">
<meta name="expected" content="{kind}">
<title>{title}</title>
<style>a:focus, [tabindex]:focus, input:focus {{ outline: 3px solid #0b0c0c; }}</style></head>
<body>{inner}</body></html>
"""


def main():
    for rule, pages in PAGES.items():
        (HERE / rule).mkdir(exist_ok=True)
        for kind, name, sc, technique, body, layout in pages:
            title = f"{rule} {kind} {name}"
            (HERE / rule / f"{kind}-{name}.html").write_text(
                page(title, sc, technique, kind, body, layout), encoding="utf-8")


if __name__ == "__main__":
    main()
