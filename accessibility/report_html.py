"""report.html: one self-contained page a web editor can read, by page and by rule.

It must itself pass the checks it reports on (tests/accessibility audit it): real headings,
a skip link, captioned tables, visible focus, text alternatives for every screenshot, and
no sideways scrolling at 320 px.
"""
from __future__ import annotations

import hashlib
import html
from collections import defaultdict
from pathlib import Path

from .findings import ERROR
from .rules import RULES, criterion_label

CSS = """
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;line-height:1.5;
 color:#0b0c0c;background:#fff}
body{margin:0}
.skip{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c}
.skip:focus{left:0;z-index:10}
header,footer{background:#0b0c0c;color:#fff;padding:1rem}
header p,footer p{margin:0;max-width:70rem;margin:0 auto}
footer a{color:#fff}
main{display:block;max-width:70rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:2rem;line-height:1.2;margin:1rem 0}
h2{font-size:1.5rem;margin:2.5rem 0 1rem;border-top:2px solid #b1b4b6;padding-top:1rem}
h3{font-size:1.25rem;margin:2rem 0 .5rem;overflow-wrap:anywhere}
h4{font-size:1.1rem;margin:0 0 .5rem;overflow-wrap:anywhere}
a{color:#1d70b8;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#003078}
a:focus-visible{outline:3px solid transparent;background:#ffdd00;color:#0b0c0c;
 box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none}
[tabindex="0"]:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px}
.result{padding:1rem;border-left:8px solid;font-size:1.1rem}
.pass{border-color:#00703c;background:#e8f4ee}
.fail{border-color:#b10e1e;background:#fbeaec}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto;margin:1rem 0}
table{border-collapse:collapse;min-width:100%}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .6rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
.finding{border:1px solid #b1b4b6;border-left:6px solid #505a5f;padding:1rem;margin:1rem 0}
.finding.error{border-left-color:#b10e1e}
.finding.allowed{border-left-color:#505a5f;border-style:dashed}
.finding dl{margin:0}
.finding dt{font-weight:700;margin-top:.5rem}
.finding dd{margin:0;overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 .4rem;border:2px solid currentColor;font-size:.9rem;
 font-weight:700;margin-right:.25rem}
.badge.error{color:#b10e1e}
.badge.warning{color:#594d00}
.badge.allowed{color:#505a5f}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f2f1;padding:.5rem;margin:0;
 font-size:.9rem}
code{font-family:ui-monospace,Consolas,monospace;overflow-wrap:anywhere}
figure{margin:.75rem 0 0}
figure img{max-width:100%;height:auto;border:1px solid #505a5f;display:block}
figcaption{font-size:.9rem;color:#505a5f}
ul.plain{padding-left:1.25rem}
ul.plain li{margin:.35rem 0}
"""


def _anchor(prefix: str, text: str) -> str:
    return prefix + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _rule_title(f) -> str:
    rule = RULES.get(f.rule)
    if rule is not None and f.source == "councilsite":
        return rule.title
    return f.help or f.rule


def write(result, path: Path) -> Path:
    path.write_text(render(result), encoding="utf-8")
    return path


def render(result) -> str:
    e = html.escape
    s = result.summary
    today = result.config.day().isoformat()
    status = "passed" if result.passed else "failed"
    findings = result.issues  # one per element, criterion and cause (merge.py)
    parts: list[str] = []
    add = parts.append
    shots = _Screenshots()
    add("<!DOCTYPE html>")
    add('<html lang="en-GB">')
    add('<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>Accessibility report ({status}) - {e(result.site.root.name)} - {today}</title>")
    add(f"<style>{CSS}</style></head>")
    add("<body>")
    add('<a class="skip" href="#main">Skip to main content</a>')
    add('<header><p>councilsite accessibility checker</p></header>')
    add('<main id="main" tabindex="-1">')
    add("<h1>Accessibility report</h1>")
    if result.passed:
        verdict = ("Passed: no errors that are not on the allow-list."
                   if s["allowed"] else "Passed: no errors found.")
    else:
        bits = []
        if s["errors"]:
            bits.append(f"{s['errors']} error(s) on {s['pages_with_errors']} page(s)")
        if s["allowlist_problems"]:
            bits.append(f"{s['allowlist_problems']} allow-list problem(s)")
        verdict = "Failed: " + " and ".join(bits) + "."
    add(f'<p class="result {"pass" if result.passed else "fail"}"><strong>{e(verdict)}</strong> '
        f"{s['warnings']} warning(s); {s['allowed']} finding(s) covered by the allow-list. "
        f"Each finding is one element, criterion and cause, however many states show it "
        f"({s['raw_findings']} observations in all).</p>")
    tools = result.tools
    facts = [
        ("Site folder", str(result.site.root)),
        ("Date", today),
        ("Pages", f"{s['pages']} ({s['reused_pages']} unchanged since the last audit)"
         if result.config.incremental else str(s["pages"])),
        ("States", ", ".join(s["states"]) + f" ({s['page_states']} page states in all)"),
        ("Form error states", str(s["error_states"])),
        ("Keyboard walk", f"{s['keyboard_pages']} page(s) across {s['templates']} template(s)"),
        ("Tools", f"axe-core {tools.get('axe_core') or 'unknown'}, "
                  f"Chromium {tools.get('chromium') or 'unknown'}, "
                  f"councilsite checks {tools.get('checker') or 'unknown'}"),
    ]
    add('<dl class="facts">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
        + "</dl>")
    add('<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul class="plain">'
        '<li><a href="#summary">Summary by rule</a></li>'
        '<li><a href="#by-page">Findings by page</a></li>'
        '<li><a href="#by-rule">Findings by rule</a></li></ul></nav>')

    # Summary
    add('<h2 id="summary">Summary by rule</h2>')
    if s["rules"]:
        add('<div class="table-wrap" role="region" aria-labelledby="summary-caption" '
            'tabindex="0"><table><caption id="summary-caption">Findings per rule</caption>'
            '<thead><tr><th scope="col">Rule</th><th scope="col">Source</th>'
            '<th scope="col">Severity</th><th scope="col">WCAG</th>'
            '<th scope="col" class="num">Findings</th><th scope="col" class="num">Pages</th>'
            '<th scope="col" class="num">Allowed</th></tr></thead><tbody>')
        for row in s["rules"]:
            anchor = _anchor("rule", row["source"] + row["rule"])
            add(f'<tr><th scope="row"><a href="#{anchor}">{e(row["rule"])}</a></th>'
                f'<td>{e(row["source"])}</td><td>{e(row["severity"])}</td>'
                f'<td>{e(", ".join(row["criteria"]) or "best practice")}</td>'
                f'<td class="num">{row["findings"]}</td><td class="num">{row["pages"]}</td>'
                f'<td class="num">{row["allowed"]}</td></tr>')
        add("</tbody></table></div>")
    else:
        add("<p>No findings on any page.</p>")
    if result.problems:
        add('<h3 id="allowlist-problems">Allow-list problems</h3><ul class="plain">')
        for p in result.problems:
            add(f"<li>{e(p.message)}</li>")
        add("</ul>")

    # By page
    add('<h2 id="by-page">Findings by page</h2>')
    by_page: dict[str, list] = defaultdict(list)
    for r in result.results:
        by_page[r.page].append(r)
    clean = []
    issues_by_page: dict[str, list] = defaultdict(list)
    for f in findings:
        issues_by_page[f.page].append(f)
    for page in sorted(by_page):
        states = by_page[page]
        page_findings = issues_by_page.get(page, [])
        if not page_findings:
            clean.append(page)
            continue
        add(f'<section aria-labelledby="{_anchor("page", page)}">')
        add(f'<h3 id="{_anchor("page", page)}">{e(page)}</h3>')
        errors = sum(1 for f in page_findings if f.blocking)
        add(f"<p>{errors} error(s), {len(page_findings) - errors} other finding(s). "
            f"Checked in: {e(', '.join(r.state for r in states))}.</p>")
        for f in page_findings:
            add(_finding(f, shots))
        add("</section>")
    if clean:
        add('<h3 id="clean-pages">Pages with no findings</h3><ul class="plain">')
        for page in clean:
            add(f"<li>{e(page)}</li>")
        add("</ul>")

    # By rule
    add('<h2 id="by-rule">Findings by rule</h2>')
    by_rule: dict[tuple[str, str], list] = defaultdict(list)
    for f in findings:
        by_rule[(" + ".join(f.sources or [f.source]), " + ".join(f.rules or [f.rule]))].append(f)
    if not by_rule:
        add("<p>No findings.</p>")
    for (source, rule_id), items in sorted(by_rule.items(),
                                           key=lambda kv: (kv[1][0].severity != ERROR, kv[0])):
        first = items[0]
        anchor = _anchor("rule", source + rule_id)
        add(f'<section aria-labelledby="{anchor}">')
        add(f'<h3 id="{anchor}">{e(rule_id)}: {e(_rule_title(first))}</h3>')
        add(f"<p>{e(first.severity.capitalize())} from {e(source)}. WCAG: "
            f"{e('; '.join(criterion_label(c) for c in first.criteria) or 'best practice')}.</p>")
        add(f"<p><strong>How to fix:</strong> {e(_how_to_fix(first))}</p>")
        if first.help_url:
            add(f'<p><a href="{e(first.help_url)}">Guidance on {e(rule_id)}</a></p>')
        add('<ul class="plain">')
        for f in items:
            mark = " (allowed)" if f.allowed else ""
            add(f'<li><a href="#{f.id}">{e(f.page)}, {e(_states(f))}: '
                f'<code>{e(_element(f))}</code></a>{mark}</li>')
        add("</ul></section>")
    add("</main>")
    add(f"<footer><p>Generated by councilsite accessibility checker {e(tools.get('checker') or '')}"
        f" on {today}. Automated checks find only part of the accessibility problems a "
        "site can have.</p></footer>")
    add("</body></html>")
    return "\n".join(parts) + "\n"


def _states(f) -> str:
    return ", ".join(f.states or [f.state])


def _element(f) -> str:
    return f.element or f.selector


def _how_to_fix(f) -> str:
    rule = RULES.get(f.rule)
    if f.source == "councilsite" and rule is not None:
        return rule.how_to_fix
    return f.help + "."


class _Screenshots:
    """Embeds each distinct picture once, and only so many: a template problem repeated on
    a thousand pages must not make a report of a thousand identical images."""

    LIMIT = 300

    def __init__(self):
        self.first: dict[str, str] = {}

    def figure(self, f) -> str:
        e = html.escape
        if not f.screenshot:
            return ""
        digest = hashlib.sha1(f.screenshot.encode("ascii")).hexdigest()
        if digest in self.first:
            return (f'<p>Screenshot: the same as <a href="#{self.first[digest]}">the one shown '
                    f"earlier for this element</a>.</p>")
        if len(self.first) >= self.LIMIT:
            return "<p>Screenshot left out: the report already has its maximum number.</p>"
        self.first[digest] = f.id
        alt = f"Screenshot of the element {f.selector} in state {f.state}"
        return (f'<figure><img src="data:image/png;base64,{f.screenshot}" alt="{e(alt)}">'
                f"<figcaption>The element as it looked in the browser.</figcaption></figure>")


def _finding(f, shots: _Screenshots) -> str:
    e = html.escape
    cls = "error" if f.severity == ERROR else "warning"
    badges = [f'<span class="badge {cls}">{e(f.severity)}</span>']
    if f.allowed:
        badges.append('<span class="badge allowed">allowed</span>')
        cls += " allowed"
    crit = "; ".join(criterion_label(c) for c in f.criteria) or "Best practice (not a WCAG failure)"
    rows = [
        ("Rule", ", ".join(f"<code>{e(r)}</code>" for r in (f.rules or [f.rule]))
         + f" ({e(' and '.join(f.sources or [f.source]))})"
         + (f", impact {e(f.impact)}" if f.impact else "")),
        ("WCAG", e(crit)),
        ("States", e(_states(f))),
        ("Element", f"<code>{e(_element(f))}</code>"),
    ]
    if f.snippet:
        rows.append(("HTML", f"<pre><code>{e(f.snippet)}</code></pre>"))
    rows.append(("What is wrong", e(f.message)))
    how = e(_how_to_fix(f))
    if f.help_url:
        how += f' <a href="{e(f.help_url)}">Guidance on {e(f.rule)}</a>'
    rows.append(("How to fix", how))
    if f.allowed:
        rows.append(("Allowed", f"Until {e(f.allowlist_expires or '')}: {e(f.allowlist_reason or '')}"))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    fig = shots.figure(f)
    return (f'<article class="finding {cls}" id="{f.id}" aria-labelledby="{f.id}-h">'
            f'<h4 id="{f.id}-h">{"".join(badges)} {e(_rule_title(f))}</h4>'
            f"<dl>{body}</dl>{fig}</article>")

