"""Corpus pages for the rules that need a real browser (keyboard.py, reflow.py)."""
from __future__ import annotations

LINKS = '<p><a href="#main">First link</a> <a href="#main">Second link</a></p>'
BEFORE = '<p><a href="#main">Before</a></p>'
AFTER = '<p><a href="#main">After</a></p>'
VH = ("<style>.vh { position: absolute; width: 1px; height: 1px; overflow: hidden;"
      " clip: rect(0 0 0 0); white-space: nowrap; }</style>")
LONG = "<p>" + "Council tax pays for local services such as bins and libraries. " * 3 + "</p>"


def style(css: str) -> str:
    return f"<style>{css}</style>"


PAGES = {
    "keyboard-trap": [
        ("pass", "video-controls", dict(sc="2.1.2", technique="G21", body=(
            BEFORE + '<video controls width="200" height="100"></video>' + AFTER))),
        ("pass", "audio-controls", dict(sc="2.1.2", technique="G21", body=(
            BEFORE + '<audio controls></audio>' + AFTER))),
        ("pass", "iframe", dict(sc="2.1.2", technique="G21", body=(
            BEFORE + '<iframe title="Map" srcdoc="<a href=#>In frame</a>"></iframe>' + AFTER))),
        ("pass", "escape-leaves", dict(sc="2.1.2", technique="G21 (standard exit: Escape)", body=(
            '<p>Press Escape to leave the editor.</p><div id="ed" tabindex="0">Editor</div>'
            + AFTER + '<script>var ed = document.getElementById("ed"), free = false;'
            'ed.addEventListener("keydown", function (e) { if (e.key === "Escape") free = true;'
            ' if (e.key === "Tab" && !free) e.preventDefault(); });'
            'ed.addEventListener("blur", function () { free = false; });</script>'))),
        ("pass", "plain-links", dict(sc="2.1.2", technique="G21", body=LINKS)),
        ("pass", "closed-dialog", dict(sc="2.1.2", technique="G21", body=(
            '<dialog id="d"><button>Close</button></dialog>' + LINKS))),
        ("fail", "tab-swallowed", dict(sc="2.1.2", technique="F10", body=(
            '<div id="t" tabindex="0">Widget</div>' + AFTER + '<script>'
            'document.getElementById("t").addEventListener("keydown", function (e) {'
            ' if (e.key === "Tab") e.preventDefault(); });</script>'))),
        ("fail", "refocus-on-blur", dict(sc="2.1.2", technique="F10", body=(
            '<label for="f">Code</label><input id="f" autocomplete="off">' + AFTER + '<script>'
            'var f = document.getElementById("f"); f.addEventListener("blur", function () {'
            ' setTimeout(function () { f.focus(); }, 0); });</script>'))),
        ("fail", "cycle-two", dict(sc="2.1.2", technique="F10", body=(
            '<p><a id="a1" href="#main">One</a> <a id="a2" href="#main">Two</a> '
            '<a href="#main">Three</a></p><script>'
            'document.getElementById("a2").addEventListener("keydown", function (e) {'
            ' if (e.key === "Tab" && !e.shiftKey) { e.preventDefault();'
            ' document.getElementById("a1").focus(); } });</script>'))),
    ],
    "keyboard-trap-advised": [
        ("pass", "plain-links", dict(sc="2.1.2", technique="G21", body=LINKS)),
        ("pass", "video", dict(sc="2.1.2", technique="G21", body=(
            BEFORE + '<video controls width="200" height="100"></video>' + AFTER))),
        ("pass", "iframe", dict(sc="2.1.2", technique="G21", body=(
            BEFORE + '<iframe title="Map" srcdoc="<a href=#>In frame</a>"></iframe>' + AFTER))),
        ("pass", "form", dict(sc="2.1.2", technique="G21", body=(
            '<label for="q">Reference</label><input id="q" autocomplete="off">'
            '<button type="button">Find</button>'))),
        ("pass", "details", dict(sc="2.1.2", technique="G21", body=(
            '<details><summary>Help</summary><p>Text.</p></details>' + AFTER))),
    ] + [
        ("fail", f"escape-{n}", dict(
            sc="2.1.2", technique="G21 (non-standard exit: users must be told)", body=(
                f'<p>{say}</p><div id="ed" tabindex="0">Editor</div>' + AFTER +
                '<script>var ed = document.getElementById("ed"), free = false;'
                'ed.addEventListener("keydown", function (e) { if (e.key === "Escape") '
                'free = true; if (e.key === "Tab" && !free) e.preventDefault(); });'
                'ed.addEventListener("blur", function () { free = false; });</script>')))
        for n, say in (("told", "Press Escape, then Tab, to leave the editor."),
                       ("help-text", "The editor keeps Tab for indenting; Escape releases it."),
                       ("short", "Escape leaves."))
    ],
    "keyboard-unreachable": [
        ("pass", "button", dict(sc="2.1.1", technique="H91",
                                body='<button type="button" onclick="void 0">Show</button>')),
        ("pass", "div-button-tabindex", dict(sc="2.1.1", technique="SCR29", body=(
            '<div role="button" tabindex="0" onclick="void 0" '
            'onkeydown="void 0">Show</div>'))),
        ("pass", "radio-group", dict(sc="2.1.1", technique="H91", body=(
            '<fieldset><legend>Bin</legend>' + "".join(
                f'<input type="radio" name="b" id="b{i}"><label for="b{i}">{c}</label>'
                for i, c in enumerate(("Green", "Blue", "Black"))) + '</fieldset>'))),
        ("pass", "tabs-roving", dict(sc="2.1.1", technique="SCR29 (roving tabindex)", body=(
            '<div role="tablist" aria-label="Days"><button role="tab" aria-selected="true" '
            'aria-controls="p1" id="t1">Mon</button><button role="tab" aria-selected="false" '
            'tabindex="-1" aria-controls="p1" id="t2">Tue</button></div>'
            '<div role="tabpanel" id="p1" aria-labelledby="t1">Green bin</div><script>'
            'var tabs = document.querySelectorAll("[role=tab]");'
            'document.querySelector("[role=tablist]").addEventListener("keydown", function (e) {'
            ' if (!/^Arrow/.test(e.key)) return; e.preventDefault();'
            ' var i = Array.prototype.indexOf.call(tabs, document.activeElement);'
            ' var n = (i + 1) % tabs.length; tabs.forEach(function (t, k) {'
            ' t.tabIndex = k === n ? 0 : -1; t.setAttribute("aria-selected", String(k === n));'
            ' }); tabs[n].focus(); });</script>'))),
        ("pass", "delegated-click", dict(sc="2.1.1", technique="SCR35", body=(
            '<div onclick="void 0"><button type="button">One</button> '
            '<button type="button">Two</button></div>'))),
        ("fail", "div-onclick", dict(sc="2.1.1", technique="F54", body=(
            '<div onclick="void 0" style="cursor: pointer">Show more</div>'))),
        ("fail", "span-role-button", dict(sc="2.1.1", technique="F54", body=(
            '<span role="button" onclick="void 0">Close</span>'))),
        ("fail", "link-without-href", dict(sc="2.1.1", technique="F42", body=(
            '<p><a onclick="void 0" style="text-decoration: underline">Next page</a></p>'))),
    ],
    "focus-visible": [
        ("pass", "default-outline", dict(sc="2.4.7", technique="G165", body=LINKS)),
        ("pass", "custom-outline", dict(sc="2.4.7", technique="C15", body=LINKS,
                                        head=style("a:focus { outline: 3px dashed #b00; }"))),
        ("pass", "background-change", dict(
            sc="2.4.7", technique="C15", body=LINKS,
            head=style("a:focus { outline: none; background: #fd0; color: #0b0c0c; }"))),
        ("pass", "iframe", dict(sc="2.4.7", technique="G165", body=(
            '<iframe title="Map" srcdoc="<a href=#>In frame</a>"></iframe>' + AFTER))),
        ("pass", "video", dict(sc="2.4.7", technique="G165", body=(
            '<video controls width="200" height="100"></video>' + AFTER))),
        ("pass", "underline-on-focus", dict(
            sc="2.4.7", technique="C15", body=LINKS,
            head=style("a { text-decoration: none; } a:focus { outline: none; "
                       "text-decoration: underline 3px; }"))),
        ("fail", "outline-none", dict(sc="2.4.7", technique="F78", body=LINKS,
                                      head=style("main a:focus { outline: none; }"))),
        ("fail", "outline-zero", dict(sc="2.4.7", technique="F78", body=LINKS,
                                      head=style("main a:focus { outline: 0; }"))),
        ("fail", "outline-same-colour", dict(
            sc="2.4.7", technique="F78", body=BEFORE + AFTER,
            head=style("main a:focus { outline: 3px solid #fff; }"))),
    ],
    "focus-hidden": [
        ("pass", "skip-link-revealed", dict(sc="2.4.7", technique="G1, C15", head=style(
            "header a { position: absolute; left: -9999px; } header a:focus { left: 8px; }"),
            body=LINKS)),
        ("pass", "display-none", dict(sc="2.4.7", technique="G149",
                                      body='<p style="display: none"><a href="#main">Gone</a></p>'
                                           + LINKS)),
        ("pass", "hidden-attribute", dict(sc="2.4.7", technique="G149",
                                          body='<p hidden><a href="#main">Gone</a></p>' + LINKS)),
        ("pass", "inert-offscreen", dict(sc="2.4.7", technique="G149", body=(
            '<div inert style="position: absolute; left: -9999px"><a href="#main">Menu</a>'
            '</div>' + LINKS))),
        ("pass", "custom-checkbox", dict(sc="2.4.7", technique="C15", head=style(
            ".cb { position: relative; display: inline-block; padding: 4px 4px 4px 32px; }"
            " .cb input { position: absolute; opacity: 0; width: 1px; height: 1px; }"
            " .cb span::before { content: ''; position: absolute; left: 4px; top: 4px;"
            " width: 18px; height: 18px; border: 2px solid #0b0c0c; }"
            " .cb input:focus + span::before { outline: 3px solid #b00; outline-offset: 2px; }"),
            body='<label class="cb"><input type="checkbox" id="c"><span>Email me</span>'
                 '</label>')),
        ("fail", "off-screen", dict(sc="2.4.7", technique="G149 (not met: off-screen)", body=(
            '<p><a href="#main" style="position: absolute; left: -9999px">Hidden link</a></p>'
            + AFTER))),
        ("fail", "zero-height-box", dict(sc="2.4.7", technique="G149 (not met: clipped)", body=(
            '<div style="height: 0; overflow: hidden"><p><a href="#main">Folded link</a></p>'
            '</div>' + AFTER))),
        ("fail", "visually-hidden", dict(sc="2.4.7", technique="G149 (not met: C7 on a link)",
                                         head=VH, body=(
            '<p><a class="vh" href="#main">Invisible link</a></p>' + AFTER))),
    ],
    "focus-obscured": [
        ("pass", "no-fixed-content", dict(sc="2.4.11", technique="G149", body=LINKS)),
        ("pass", "sticky-with-scroll-padding", dict(
            sc="2.4.11", technique="C43",
            head=style("html { scroll-padding-top: 120px; } .bar { position: sticky; top: 0;"
                       " height: 100px; background: #eee; } .gap { height: 1500px; }"),
            body='<div class="bar">Sticky header</div><div class="gap"></div>' + LINKS)),
        ("pass", "fixed-footer-padded", dict(
            sc="2.4.11", technique="C43",
            head=style("body { padding-bottom: 120px; } .foot { position: fixed; bottom: 0;"
                       " left: 0; right: 0; height: 80px; background: #eee; }"),
            body='<div class="foot">Footer</div>' + LINKS)),
        ("pass", "partly-covered", dict(
            sc="2.4.11", technique="G149 (partly covered is allowed at AA)",
            head=style(".over { position: absolute; left: 0; top: 0; width: 60px;"
                       " height: 300px; background: #eee; } main { position: relative; }"),
            body='<div class="over">Note</div><p style="padding-top: 40px; padding-left: 20px">'
                 '<a href="#main">A long link that shows beside the note</a></p>')),
        ("pass", "link-in-fixed-bar", dict(
            sc="2.4.11", technique="G149",
            head=style(".bar { position: fixed; bottom: 0; left: 0; right: 0;"
                       " background: #eee; padding: 8px; }"),
            body='<div class="bar"><a href="#main">Back to top</a></div>')),
        ("fail", "fixed-banner", dict(
            sc="2.4.11", technique="F110",
            head=style(".banner { position: fixed; top: 0; left: 0; right: 0; height: 320px;"
                       " background: #eee; }"),
            body='<div class="banner">Cookie notice</div>' + LINKS)),
        ("fail", "fixed-footer", dict(
            sc="2.4.11", technique="F110",
            head=style(".foot { position: fixed; bottom: 0; left: 0; right: 0; height: 60%;"
                       " background: #eee; } .gap { height: 1200px; }"),
            body='<div class="foot">Footer</div><div class="gap"></div>' + LINKS)),
        ("fail", "overlay", dict(
            sc="2.4.11", technique="F110",
            head=style(".over { position: absolute; left: 0; top: 0; right: 0; height: 400px;"
                       " background: #eee; z-index: 2; } main { position: relative; }"),
            body='<div class="over">Advert</div>' + LINKS)),
    ],
    "focus-order": [
        ("pass", "source-order", dict(sc="2.4.3", technique="C27", body=LINKS)),
        ("pass", "flex-row", dict(sc="2.4.3", technique="C27", body=(
            '<p style="display: flex; gap: 16px"><a href="#main">One</a>'
            '<a href="#main">Two</a><a href="#main">Three</a></p>'))),
        ("pass", "two-columns", dict(sc="2.4.3", technique="C27", body=(
            '<div style="display: grid; grid-template-columns: 1fr 1fr">'
            '<div><p><a href="#main">Left one</a></p><p><a href="#main">Left two</a></p></div>'
            '<div><p><a href="#main">Right one</a></p></div></div>'))),
        ("pass", "right-to-left", dict(sc="2.4.3", technique="C27", lang='lang="ar" dir="rtl"',
                                       body='<p><a href="#main">واحد</a> '
                                            '<a href="#main">اثنان</a></p>')),
        ("pass", "wrapped-line", dict(sc="2.4.3", technique="C27", body=(
            '<p style="width: 200px">' + " ".join(
                f'<a href="#main">Link {n}</a>' for n in range(1, 8)) + '</p>'))),
        ("fail", "row-reverse", dict(sc="2.4.3", technique="C27 (not met: reversed)", body=(
            '<p style="display: flex; flex-direction: row-reverse; justify-content: flex-end;'
            ' gap: 16px"><a href="#main">Step 1</a><a href="#main">Step 2</a>'
            '<a href="#main">Step 3</a></p>'))),
        ("fail", "order-property", dict(sc="2.4.3", technique="C27 (not met: CSS order)", body=(
            '<div style="display: flex; flex-direction: column">'
            '<p><label for="n" style="display: block">Reference</label>'
            '<input id="n" autocomplete="off"></p>'
            '<p style="order: -1"><button type="button">Continue</button></p></div>'))),
        ("fail", "absolute-position", dict(
            sc="2.4.3", technique="C27 (not met: positioned)",
            head=style("main { position: relative; }"),
            body='<p style="padding-top: 80px"><a href="#main">Second step</a></p>'
                 '<p style="position: absolute; top: 90px; left: 8px">'
                 '<a href="#main">First step</a></p>')),
    ],
    "skip-link": [
        ("pass", "working", dict(sc="2.4.1", technique="G1", body=LINKS)),
        ("pass", "revealed-on-focus", dict(sc="2.4.1", technique="G1", body=LINKS, head=style(
            "header a { position: absolute; left: -9999px; } header a:focus { left: 8px; }"))),
        ("pass", "to-heading", dict(
            sc="2.4.1", technique="G1", body="<p>Text.</p>" + LINKS,
            layout='<header><a href="#title">Skip to main content</a></header>'
                   '<main><h1 id="title" tabindex="-1">{title}</h1>{body}</main>')),
        ("pass", "nothing-before-main", dict(
            sc="2.4.1", technique="G1 (nothing to skip)", body=LINKS,
            layout='<main id="main"><h1>{title}</h1>{body}</main>')),
        ("pass", "main-without-tabindex", dict(
            sc="2.4.1", technique="G1", body=LINKS,
            layout='<header><a href="#main">Skip to main content</a></header>'
                   '<main id="main"><h1>{title}</h1>{body}</main>')),
        ("fail", "landmarks-only", dict(
            sc="2.4.1", technique="ARIA11 (house rule: skip link too)", body=LINKS,
            layout='<header><nav aria-label="Main"><a href="pass-working.html">Home</a></nav>'
                   '</header><main id="main"><h1>{title}</h1>{body}</main>')),
        ("fail", "target-missing", dict(
            sc="2.4.1", technique="G1 (house rule: target exists)", body=LINKS,
            layout='<header><a href="#content">Skip to main content</a></header>'
                   '<main id="main"><h1>{title}</h1>{body}</main>')),
        ("fail", "points-at-nav", dict(
            sc="2.4.1", technique="G1 (house rule: lands on main)", body=LINKS,
            layout='<header><a href="#nav">Skip to main content</a><nav id="nav" '
                   'aria-label="Main"><a href="pass-working.html">Home</a></nav></header>'
                   '<main id="main"><h1>{title}</h1>{body}</main>')),
    ],
    "reflow": [
        ("pass", "fluid-text", dict(sc="1.4.10", technique="C32", body=LONG)),
        ("pass", "image-max-width", dict(sc="1.4.10", technique="C38", body=(
            '<img src="bins.png" alt="Green bin" width="900" height="60" '
            'style="max-width: 100%; height: auto">'))),
        ("pass", "table-in-scroller", dict(sc="1.4.10", technique="exception: data table",
                                           body=(
            '<div role="region" aria-label="Bin days" tabindex="0" style="overflow-x: auto">'
            '<table style="width: 900px"><tr><th scope="col">Ward</th><th scope="col">Day</th>'
            '</tr><tr><td>North</td><td>Monday</td></tr></table></div>'))),
        ("pass", "wide-data-table", dict(sc="1.4.10", technique="exception: data table", body=(
            '<table style="width: 900px"><tr><th scope="col">Ward</th><th scope="col">Day</th>'
            '</tr><tr><td>North</td><td>Monday</td></tr></table>'))),
        ("pass", "wrapping-nav", dict(sc="1.4.10", technique="C31", body=(
            '<ul style="display: flex; flex-wrap: wrap; gap: 8px 24px; list-style: none;'
            ' padding: 0">' + "".join(f'<li><a href="#main">Service {n}</a></li>'
                                      for n in range(1, 9)) + '</ul>'))),
        ("pass", "long-url-wraps", dict(sc="1.4.10", technique="C38", body=(
            '<p style="overflow-wrap: anywhere">https://www.example.org/a/very/long/address/'
            'that/would/not/fit/on/a/small/screen/otherwise.html</p>'))),
        ("fail", "fixed-width", dict(sc="1.4.10", technique="C38 (not met: fixed width)",
                                     body=f'<div style="width: 900px">{LONG}</div>')),
        ("fail", "nowrap-nav", dict(sc="1.4.10", technique="C31 (not met: no wrapping)", body=(
            '<ul style="display: flex; list-style: none; padding: 0; gap: 24px">' + "".join(
                f'<li style="white-space: nowrap"><a href="#main">Service {n}</a></li>'
                for n in range(1, 9)) + '</ul>'))),
        ("fail", "min-width", dict(sc="1.4.10", technique="C38 (not met: min-width)",
                                   body=f'<div style="min-width: 640px">{LONG}</div>')),
    ],
}
