"""Writes the labelled corpus pages: `python build_corpus.py` (edit the page lists, then rerun).

One folder per rule of ours. Each page names the WCAG 2.2 criterion and the technique
(sufficient technique, or failure) it is written from in <meta name="wcag"> and
<meta name="technique">, and whether it passes (pass-*.html) or fails (fail-*.html) that
rule. A form page's error state is written next to it as state-*.html and linked the way
councilsite forms declare theirs. The pages are committed; test_a11y_corpus.py audits them.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pages_beyond import PAGES as BEYOND_PAGES  # noqa: E402
from pages_browser import PAGES as BROWSER_PAGES  # noqa: E402
from pages_source import PAGES as SOURCE_PAGES  # noqa: E402
from pages_states import PAGES as STATE_PAGES  # noqa: E402

BASE_STYLE = ("body { font-family: sans-serif; color: #0b0c0c; background: #fff; margin: 8px; }"
              " a, button, input, select, textarea, summary, [tabindex] { outline-offset: 2px; }"
              " a:focus, button:focus, input:focus, select:focus, textarea:focus,"
              " summary:focus, [tabindex]:focus { outline: 3px solid #0b0c0c; }"
              " main:focus { outline: none; } form, p { margin: 1em 0; } a { color: #1d4f91; }")


def page(rule: str, kind: str, name: str, spec: dict) -> str:
    title = spec.get("title", f"{rule} {kind} {name}")
    layout = spec.get("layout", LANDMARKS)
    inner = layout.format(title=title, body=spec["body"])
    lang = spec.get("lang", 'lang="en-GB"')
    title_tag = spec.get("title_tag", f"<title>{title}</title>")
    return f"""<!DOCTYPE html>
<html {lang}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="wcag" content="{spec['sc']}"><meta name="technique" content="{spec['technique']}">
<meta name="expected" content="{kind}">
{title_tag}
<style>{BASE_STYLE}</style>{spec.get('head', '')}</head>
<body>{inner}</body></html>
"""


# The usual page: a working skip link, a header and main landmark, one h1.
LANDMARKS = ('<header><a href="#main">Skip to main content</a></header>'
             '<main id="main" tabindex="-1"><h1>{title}</h1>{body}</main>')


def main() -> None:
    pages = {**SOURCE_PAGES, **STATE_PAGES, **BROWSER_PAGES, **BEYOND_PAGES}
    for old in HERE.iterdir():
        if old.is_dir() and old.name not in ("__pycache__", "images", "wellformed") and old.name not in pages:
            shutil.rmtree(old)
    for rule, specs in pages.items():
        folder = HERE / rule
        for old in folder.glob("*.html"):
            old.unlink()
        folder.mkdir(exist_ok=True)
        for kind, name, spec in specs:
            fname = f"{kind}-{name}.html"
            if "error_state" in spec:
                state_name = f"state-{name}.html"
                spec = dict(spec, head=spec.get("head", "") + (
                    f'<link rel="alternate" data-councilsite-state="error" href="{state_name}">'))
                # As GOV.UK does: the title says "Error:", the h1 stays the form's own.
                title = spec.get("title", f"{rule} {kind} {name}")
                state = dict(spec, body=spec["error_state"], title=title,
                             title_tag=f"<title>Error: {title}</title>")
                (folder / state_name).write_text(page(rule, kind, name, state), encoding="utf-8")
            (folder / fname).write_text(page(rule, kind, name, spec), encoding="utf-8")
        for extra, text in EXTRA_FILES.get(rule, {}).items():
            (folder / extra).write_text(text, encoding="utf-8")
    for rule in ("img-alt", "img-alt-filename", "reflow"):
        for img in ("bins.png", "go.png", "rule.png"):
            shutil.copyfile(HERE / "images" / img, HERE / rule / img)


# Files the pages link to, so links are not broken unless a page means them to be.
EXTRA_FILES = {
    "link-broken": {"budget.csv": "year,total\n2025,100\n", "notes.txt": "Notes.\n"},
    "document-link": {"budget.pdf": "%PDF-1.4\n", "notes.txt": "Notes.\n",
                      "minutes.docx": "x", "budget.csv": "year,total\n"},
}

if __name__ == "__main__":
    main()
