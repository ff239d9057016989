"""Build tiny real sites in a temporary folder with our plugins and theme."""
from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]

CATEGORIES = [
    {"id": "bins", "title": "Bins and recycling", "summary": "Bin days and missed bins."},
    {"id": "tax", "title": "Council Tax", "summary": "Pay and get discounts."},
    {"id": "parking", "title": "Parking", "summary": "Permits and fines."},
]


def base_config(site: Path) -> dict:
    return {
        "site_name": "Testham Borough Council",
        "site_url": "https://www.testham.example/",
        "docs_dir": str(site / "content"),
        "site_dir": str(site / "out"),
        "theme": {"name": "material", "font": False, "language": "en"},
        "plugins": [
            {"council/content": {"categories": CATEGORIES, "top_tasks": 3}},
            {"council/brand": {
                "name": "Testham Borough Council",
                "contact": {"phone": "01632 960 500", "email": "hello@testham.example",
                            "address": "Town Hall, Testham, TE1 1AA", "page": "/contact-us/"},
                "navigation": [{"text": "A to Z", "url": "/a-to-z/"}],
                "footer_links": [{"text": "Accessibility statement", "url": "/accessibility-statement/"}],
            }},
            {"council/alerts": {}},
        ],
    }


def service(title: str, category: str = "bins", **extra) -> str:
    meta = {"title": title, "summary": f"Summary of {title.lower()}.", "category": category, **extra}
    return "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n## About\n\nSome words.\n"


HOME = "---\ntitle: Testham Borough Council\nsummary: Council services in Testham.\nowner: Web team\ntemplate: home.html\n---\n"
GENERAL = {
    "index.md": HOME,
    "contact-us.md": "---\ntitle: Contact us\nsummary: How to contact us.\nowner: Web team\n---\nPhone us.\n",
    "accessibility-statement.md": "---\ntitle: Accessibility statement\nsummary: How accessible this site is.\nowner: Web team\n---\nText.\n",
}


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.out = root / "out"

    def html(self, path: str) -> BeautifulSoup:
        file = self.out / path
        if file.is_dir() or path.endswith("/") or path == "":
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def make_site(root: Path, files: dict[str, str], config: dict | None = None, with_general: bool = True,
              strict: bool = True) -> Site:
    """Write `files` into a content folder beside a mkdocs.yml, build, and return the site."""
    content = root / "content"
    for rel, text in {**(GENERAL if with_general else {}), **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if not text.startswith("---") else text, encoding="utf-8")
    cfg = base_config(root)
    for key, value in (config or {}).items():
        cfg[key] = value
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    build(load_config(str(config_file), strict=strict))
    return Site(root)


def plugin_options(config: dict, name: str) -> dict:
    for entry in config["plugins"]:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
    raise KeyError(name)
