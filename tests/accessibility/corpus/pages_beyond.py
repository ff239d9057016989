"""Corpus pages for the browser checks beyond axe-core (page_checks.py, on-focus in the walk)."""
from __future__ import annotations

LINKS = '<p><a href="#main">First link</a> <a href="#main">Second link</a></p>'
LINES = "".join(f"<p>Line {n} of the notice about bin collections.</p>" for n in range(1, 13))


def style(css: str) -> str:
    return f"<style>{css}</style>"


VH = (".vh { position: absolute; width: 1px; height: 1px; overflow: hidden;"
      " clip: rect(0 0 0 0); white-space: nowrap; }")

ROVE_JS = ('<script>document.querySelectorAll("[data-rove]").forEach(function (g) {'
           ' var items = g.querySelectorAll("[data-item]");'
           ' g.addEventListener("keydown", function (e) {'
           ' if (!/^Arrow(Down|Right|Up|Left)$/.test(e.key)) return; e.preventDefault();'
           ' var i = Array.prototype.indexOf.call(items, document.activeElement);'
           ' var n = (i + (/Down|Right/.test(e.key) ? 1 : items.length - 1)) % items.length;'
           ' items.forEach(function (it, k) { it.tabIndex = k === n ? 0 : -1; });'
           ' items[n].focus(); }); });</script>')


def rove(role: str, item: str, names, script: bool = True, extra: str = "") -> str:
    members = "".join(
        f'<div role="{item}" data-item tabindex="{0 if k == 0 else -1}"{extra}>{name}</div>'
        for k, name in enumerate(names))
    return (f'<div role="{role}" aria-label="Choices" data-rove>{members}</div>'
            + (ROVE_JS if script else ""))


TIP_CSS = (".tip { position: relative; } .bubble { display: none; position: absolute;"
           " top: 1.5em; left: 0; width: 12em; background: #fff; border: 2px solid #0b0c0c;"
           " padding: 4px; } .tip:hover .bubble, .tip:focus .bubble { display: block; }"
           " .tip.gone .bubble { display: none; }")
TIP = '<p><a class="tip" href="#main">Council tax<span class="bubble">Bands A to H</span></a></p>'
AFTER_TIP = ("<p>Your band depends on the value of your home in 1991. Ask us if you think "
             "your band is wrong.</p>")

PAGES = {
    "text-spacing": [
        ("pass", "paragraphs", dict(sc="1.4.12", technique="C36", body=LINKS + LINES[:200])),
        ("pass", "min-height", dict(sc="1.4.12", technique="C36", body=(
            '<div style="min-height: 1.2em; line-height: 1.2">Opening hours</div>'
            '<div>Monday to Friday</div>'))),
        ("pass", "roomy-box", dict(sc="1.4.12", technique="C36", body=(
            '<div style="height: 200px; overflow: hidden">Opening hours</div>'))),
        ("pass", "visually-hidden", dict(sc="1.4.12", technique="C36", head=style(VH), body=(
            '<p><a href="#main">Read more<span class="vh"> about parking permits</span>'
            '</a></p>'))),
        ("pass", "wrapping-buttons", dict(sc="1.4.12", technique="C35", body=(
            '<p><button type="button" style="padding: 4px 12px">Apply for a permit</button> '
            '<button type="button" style="padding: 4px 12px">Renew a permit</button></p>'))),
        ("fail", "fixed-height-clipped", dict(sc="1.4.12", technique="F104", body=(
            '<div style="height: 1.2em; line-height: 1.2; overflow: hidden">Opening hours'
            '</div><p>Text.</p>'))),
        ("fail", "ellipsis", dict(sc="1.4.12", technique="F104", body=(
            '<div style="font-family: monospace; width: 12ch; white-space: nowrap;'
            ' overflow: hidden; text-overflow: ellipsis">Council tax</div>'))),
        ("fail", "overlaps-next", dict(sc="1.4.12", technique="F104", body=(
            '<div style="height: 1.2em; line-height: 1.2">Opening hours</div>'
            '<div>Monday to Friday</div>'))),
    ],
    "resize-text": [
        ("pass", "plain", dict(sc="1.4.4", technique="G142", body=LINKS + LINES[:300])),
        ("pass", "roomy-box", dict(sc="1.4.4", technique="G142", body=(
            '<div style="height: 200px; overflow: hidden">Opening hours</div>'))),
        ("pass", "scrolling-panel", dict(sc="1.4.4", technique="G142", body=(
            '<div role="region" aria-label="Notice" tabindex="0" style="height: 90vh;'
            ' overflow-y: auto">' + LINES + '</div>'))),
        ("pass", "visually-hidden", dict(sc="1.4.4", technique="G142", head=style(VH), body=(
            '<p><a href="#main">Read more<span class="vh"> about parking</span></a></p>'))),
        ("pass", "sideways-clip-only", dict(sc="1.4.4", technique="G142",
                                            head=style("body { overflow-x: hidden; }"),
                                            body=LINES)),
        ("fail", "panel-to-window", dict(sc="1.4.4", technique="F69", body=(
            '<div style="height: 90vh; overflow: hidden">' + LINES + '</div>'))),
        ("fail", "page-cannot-scroll", dict(sc="1.4.4", technique="F69",
                                            head=style("html, body { overflow: hidden; }"),
                                            body=LINES)),
        ("fail", "header-half-window", dict(sc="1.4.4", technique="F69", body=(
            '<div style="height: 50vh; overflow: hidden">' + LINES[:400] + '</div>'))),
    ],
    "orientation": [
        ("pass", "no-orientation-css", dict(sc="1.3.4", technique="G214", body=LINKS)),
        ("pass", "columns-change", dict(sc="1.3.4", technique="G214", head=style(
            "@media (orientation: landscape) { .cols { columns: 2; } }"),
            body='<div class="cols">' + LINES[:300] + '</div>')),
        ("pass", "icon-turned", dict(sc="1.3.4", technique="G214", head=style(
            "@media (orientation: portrait) { .arrow { display: inline-block;"
            " transform: rotate(90deg); } }"),
            body='<p><span class="arrow" aria-hidden="true">&gt;</span> Next</p>')),
        ("pass", "hint-only", dict(sc="1.3.4", technique="G214", head=style(
            ".hint { display: none; } @media (orientation: portrait) { .hint { display: block;"
            " } }"), body='<p class="hint">Tip: the map is bigger in landscape.</p>' + LINKS)),
        ("pass", "portrait-narrower", dict(sc="1.3.4", technique="G214", head=style(
            "@media (orientation: portrait) { main { max-width: 30em; } }"), body=LINKS)),
        ("fail", "body-turned-in-portrait", dict(sc="1.3.4", technique="F97", head=style(
            "@media (orientation: portrait) { body { transform: rotate(90deg); } }"),
            body=LINKS)),
        ("fail", "main-hidden-in-portrait", dict(sc="1.3.4", technique="F97", head=style(
            "@media (orientation: portrait) { main { display: none; } }"),
            layout='<header><p>Please turn your device to landscape.</p></header>'
                   '<main id="main"><h1>{title}</h1>{body}</main>', body=LINKS)),
        ("fail", "wrapper-turned-in-landscape", dict(sc="1.3.4", technique="F97", head=style(
            "@media (orientation: landscape) { .wrap { transform: rotate(-90deg); } }"),
            layout='<div class="wrap"><main id="main"><h1>{title}</h1>{body}</main></div>',
            body=LINKS)),
    ],
    "on-input": [
        ("pass", "select-and-button", dict(sc="3.2.2", technique="G80", body=(
            '<form action="pass-radios-and-submit.html"><label for="s">Ward</label>'
            '<select id="s" name="w"><option>North</option><option>South</option></select>'
            '<button>Show bin days</button></form>'))),
        ("pass", "radios-and-submit", dict(sc="3.2.2", technique="H32", body=(
            '<form action="pass-select-and-button.html"><fieldset><legend>Bin</legend>'
            '<input type="radio" name="b" id="b1"><label for="b1">Green</label>'
            '<input type="radio" name="b" id="b2"><label for="b2">Blue</label></fieldset>'
            '<button>Continue</button></form>'))),
        ("pass", "select-updates-text", dict(sc="3.2.2", technique="SCR19", body=(
            '<label for="s">Ward</label><select id="s"><option>North</option>'
            '<option>South</option></select><p id="o" aria-live="polite">North: Monday</p>'
            '<script>document.getElementById("s").addEventListener("change", function (e) {'
            ' document.getElementById("o").textContent = e.target.value + ": Tuesday"; });'
            '</script>'))),
        ("pass", "checkbox-hint", dict(sc="3.2.2", technique="G13", body=(
            '<input type="checkbox" id="c"><label for="c">Email me</label>'
            '<p id="h" hidden>We will email you once a week.</p><script>'
            'document.getElementById("c").addEventListener("change", function (e) {'
            ' document.getElementById("h").hidden = !e.target.checked; });</script>'))),
        ("pass", "select-warned", dict(sc="3.2.2", technique="G13", body=(
            '<label for="s">Ward (changing it shows that ward\'s page at once)</label>'
            '<select id="s"><option>North</option><option>South</option></select>'))),
        ("fail", "select-navigates", dict(sc="3.2.2", technique="F37", body=(
            '<label for="s">Ward</label><select id="s" onchange="location.href = '
            '\'pass-select-and-button.html\'"><option>North</option><option>South</option>'
            '</select>'))),
        ("fail", "radio-submits", dict(sc="3.2.2", technique="F36", body=(
            '<form action="pass-select-and-button.html"><fieldset><legend>Bin</legend>'
            '<input type="radio" name="b" id="b1" onchange="this.form.submit()">'
            '<label for="b1">Green</label><input type="radio" name="b" id="b2" '
            'onchange="this.form.submit()"><label for="b2">Blue</label></fieldset></form>'))),
        ("fail", "select-moves-focus", dict(sc="3.2.2", technique="F36 (focus moved)", body=(
            '<label for="s">Ward</label><select id="s" onchange="document.getElementById('
            '\'go\').focus()"><option>North</option><option>South</option></select>'
            '<p><a id="go" href="#main">Bin days</a></p>'))),
        ("fail", "select-opens-window", dict(sc="3.2.2", technique="F37", body=(
            '<label for="s">Language</label><select id="s" onchange="window.open('
            '\'pass-select-and-button.html\')"><option>English</option><option>Cymraeg'
            '</option></select>'))),
    ],
    "on-focus": [
        ("pass", "links", dict(sc="3.2.1", technique="G107", body=LINKS)),
        ("pass", "hint-on-focus", dict(sc="3.2.1", technique="G107", body=(
            '<label for="r">Reference</label><input id="r" autocomplete="off" '
            'onfocus="document.getElementById(\'h\').hidden = false">'
            '<p id="h" hidden>8 digits, on your letter.</p>'))),
        ("pass", "select-on-focus", dict(sc="3.2.1", technique="G107", body=(
            '<label for="r">Reference</label><input id="r" autocomplete="off" value="AB12"'
            ' onfocus="this.select()">'))),
        ("pass", "navigates-on-click", dict(sc="3.2.1", technique="G107", body=(
            '<p><button type="button" onclick="location.href = \'pass-links.html\'">'
            'Go to links</button></p>'))),
        ("pass", "highlight-on-focus", dict(sc="3.2.1", technique="G107", head=style(
            "p:focus-within { background: #fd0; }"), body=LINKS)),
        ("fail", "link-navigates-on-focus", dict(sc="3.2.1", technique="F55 (G107 not used)",
                                                 body=(
            '<p><a href="#main" onfocus="location.href = \'pass-links.html\'">Bins</a></p>'))),
        ("fail", "field-submits-on-focus", dict(sc="3.2.1", technique="G107 (not used)", body=(
            '<form action="pass-links.html"><label for="r">Reference</label>'
            '<input id="r" name="r" autocomplete="off" onfocus="this.form.submit()"></form>'))),
        ("fail", "focus-moved-on-focus", dict(sc="3.2.1", technique="F55", body=(
            '<p><label for="r">Reference</label><input id="r" autocomplete="off" '
            'onfocus="document.getElementById(\'far\').focus()"></p>' + LINKS
            + '<p><a id="far" href="#main">Somewhere else</a></p>'))),
        ("fail", "reload-on-focus", dict(sc="3.2.1", technique="G107 (not used)", body=(
            '<p><button type="button" onfocus="location.reload()">Refresh</button></p>'))),
    ],
    "shift-tab-order": [
        ("pass", "links", dict(sc="2.4.3", technique="G59", body=LINKS)),
        ("pass", "form", dict(sc="2.4.3", technique="G59", body=(
            '<label for="r">Reference</label><input id="r" autocomplete="off">'
            '<button type="button">Find</button>'))),
        ("pass", "radio-group", dict(sc="2.4.3", technique="G59, H91", body=(
            '<p><a href="#main">Before</a></p><fieldset><legend>Bin</legend>'
            '<input type="radio" name="b" id="b1"><label for="b1">Green</label>'
            '<input type="radio" name="b" id="b2"><label for="b2">Blue</label>'
            '<input type="radio" name="b" id="b3"><label for="b3">Black</label></fieldset>'
            '<p><a href="#main">After</a></p>'))),
        ("pass", "details", dict(sc="2.4.3", technique="G59", body=(
            '<details><summary>Help</summary><p>Text.</p></details>' + LINKS))),
        ("pass", "tab-handled-forward-only", dict(sc="2.4.3", technique="G59", body=(
            LINKS + '<script>document.addEventListener("keydown", function (e) {'
            ' if (e.key === "Tab") document.body.dataset.lastKey = "tab"; });</script>'))),
        ("fail", "shift-tab-jumps-to-top", dict(sc="2.4.3", technique="F44 (script order)",
                                                body=(
            '<p><a href="#main">One</a> <a href="#main">Two</a> <a id="three" href="#main">'
            'Three</a></p><script>document.getElementById("three").addEventListener('
            '"keydown", function (e) { if (e.key === "Tab" && e.shiftKey) { e.preventDefault();'
            ' document.querySelector("header a").focus(); } });</script>'))),
        ("fail", "shift-tab-swallowed", dict(sc="2.1.1", technique="F54 (no way back)", body=(
            '<p><a href="#main">One</a> <a id="two" href="#main">Two</a></p><script>'
            'document.getElementById("two").addEventListener("keydown", function (e) {'
            ' if (e.key === "Tab" && e.shiftKey) e.preventDefault(); });</script>'))),
        ("fail", "shift-tab-skips", dict(sc="2.4.3", technique="F44 (script order)", body=(
            '<p><a id="one" href="#main">One</a> <a href="#main">Two</a> <a id="three" '
            'href="#main">Three</a></p><script>document.getElementById("three")'
            '.addEventListener("keydown", function (e) { if (e.key === "Tab" && e.shiftKey) {'
            ' e.preventDefault(); document.getElementById("one").focus(); } });</script>'))),
    ],
    "arrow-keys": [
        ("pass", "roving-radios", dict(sc="2.1.1", technique="SCR29", body=rove(
            "radiogroup", "radio", ("Green", "Blue", "Black"), extra=' aria-checked="false"'))),
        ("pass", "roving-tabs", dict(sc="2.1.1", technique="SCR29", body=rove(
            "tablist", "tab", ("Mon", "Tue"), extra=' aria-selected="false"'))),
        ("pass", "roving-menu", dict(sc="2.1.1", technique="SCR29", body=rove(
            "menu", "menuitem", ("Open", "Save", "Close")))),
        ("pass", "native-radios", dict(sc="2.1.1", technique="H91", body=(
            '<fieldset><legend>Bin</legend><input type="radio" name="b" id="b1">'
            '<label for="b1">Green</label><input type="radio" name="b" id="b2">'
            '<label for="b2">Blue</label></fieldset>'))),
        ("pass", "all-in-tab-order", dict(sc="2.1.1", technique="H91", body=(
            '<div role="toolbar" aria-label="Text"><button type="button">Bold</button>'
            '<button type="button">Italic</button></div>'))),
        ("fail", "radios-no-arrows", dict(sc="2.1.1", technique="F54 (SCR29 not used)",
                                          body=rove("radiogroup", "radio",
                                                    ("Green", "Blue", "Black"), script=False,
                                                    extra=' aria-checked="false"'))),
        ("fail", "tabs-no-arrows", dict(sc="2.1.1", technique="F54 (SCR29 not used)",
                                        body=rove("tablist", "tab", ("Mon", "Tue"),
                                                  script=False, extra=' aria-selected="false"'))),
        ("fail", "menu-no-arrows", dict(sc="2.1.1", technique="F54 (SCR29 not used)",
                                        body=rove("menu", "menuitem", ("Open", "Save", "Close"),
                                                  script=False))),
    ],
    "hover-dismiss": [
        ("pass", "escape-hides", dict(sc="1.4.13", technique="SCR39", head=style(TIP_CSS), body=(
            TIP + AFTER_TIP + '<script>var t = document.querySelector(".tip");'
            'document.addEventListener("keydown", function (e) { if (e.key === "Escape")'
            ' t.classList.add("gone"); });'
            't.addEventListener("mouseleave", function () { t.classList.remove("gone"); });'
            't.addEventListener("blur", function () { t.classList.remove("gone"); });</script>'
        ))),
        ("pass", "pushes-content", dict(sc="1.4.13", technique="SCR39 (nothing obscured)",
                                        head=style(TIP_CSS.replace("position: absolute;", "")),
                                        body=TIP + AFTER_TIP)),
        ("pass", "clear-space", dict(sc="1.4.13", technique="SCR39 (nothing obscured)",
                                     head=style(TIP_CSS.replace("top: 1.5em; left: 0;",
                                                                "top: 0; left: 14em;")),
                                     body=TIP)),
        ("pass", "title-attribute", dict(sc="1.4.13", technique="browser tooltip", body=(
            '<p><a href="#main" title="Bands A to H">Council tax</a></p>' + AFTER_TIP))),
        ("pass", "colour-on-hover", dict(sc="1.4.13", technique="no extra content",
                                         head=style("a:hover { background: #fd0; }"),
                                         body=TIP.replace('<span class="bubble">Bands A to H'
                                                          '</span>', '') + AFTER_TIP)),
        ("fail", "css-tooltip", dict(sc="1.4.13", technique="SCR39 (not used)",
                                     head=style(TIP_CSS), body=TIP + AFTER_TIP)),
        ("fail", "aria-tooltip", dict(sc="1.4.13", technique="SCR39 (not used)",
                                      head=style(".pop { position: absolute; top: 2em;"
                                                 " left: 8px; background: #fff; border: 2px"
                                                 " solid #0b0c0c; padding: 4px; }"
                                                 " main { position: relative; }"), body=(
            '<p><button type="button" aria-describedby="tt" id="b">Help</button>'
            '<span role="tooltip" id="tt" class="pop" hidden>Ask us about your bill</span></p>'
            + AFTER_TIP + '<script>var b = document.getElementById("b"),'
            ' tt = document.getElementById("tt");'
            'b.addEventListener("focus", function () { tt.hidden = false; });'
            'b.addEventListener("mouseenter", function () { tt.hidden = false; });'
            'b.addEventListener("blur", function () { tt.hidden = true; });</script>'))),
        ("fail", "focus-popup", dict(sc="1.4.13", technique="SCR39 (not used)", head=style(
            ".pop { visibility: hidden; position: fixed; top: 0; left: 0; right: 0;"
            " padding: 24px; background: #fff; border-bottom: 2px solid #0b0c0c; }"
            " a:focus + .pop { visibility: visible; }"), body=(
            '<p><a href="#main">Opening hours</a><span class="pop">Open 9am to 5pm, Monday to'
            ' Friday</span></p>' + AFTER_TIP))),
    ],
}
