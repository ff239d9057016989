"""Helpers for the accessibility tests (a plain module: conftest names clash across folders)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from councilsite.accessibility.config import AuditConfig

HERE = Path(__file__).resolve().parent
FIXTURE_SITE = HERE / "fixtures" / "site"
TODAY = dt.date(2026, 11, 22)


def audit_config(site: Path, tmp: Path, **overrides) -> AuditConfig:
    """Everything a test audit writes goes under its own temporary folder."""
    defaults = dict(site_dir=site, report_dir=tmp / "reports", cache_dir=tmp / "cache",
                    allowlist=tmp / "no-allowlist.yml", keyboard_sample=0, today=TODAY,
                    progress=False, workers=2)
    defaults.update(overrides)
    return AuditConfig(**defaults)


def clean_page(title: str, body: str = "<p>Some text.</p>", head: str = "") -> str:
    """A page that passes every check, for building small test sites."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="/style.css">{head}</head>
<body><a class="skip" href="#main">Skip to main content</a>
<header><a href="/index.html">Home</a></header>
<main id="main" tabindex="-1"><h1>{title}</h1>{body}</main>
<footer><p>Footer</p></footer></body></html>
"""


STYLE = """body { font-family: sans-serif; color: #0b0c0c; background: #fff; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 0; }
a { color: #1d70b8; } a:focus-visible { outline: 3px solid #0b0c0c; }
main:focus { outline: none; }
"""


def write_site(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in {"style.css": STYLE, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root
