"""Pages the generator makes from the catalogue, as engine-neutral (path, front matter, body) triples."""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from councilsite.content.catalogue import Catalogue


@dataclass(frozen=True)
class Generated:
    path: str  # source path, e.g. "a-to-z/index.md"
    title: str
    summary: str
    template: str
    body: str = ""

    def markdown(self) -> str:
        meta = {"title": self.title, "summary": self.summary, "template": self.template}
        return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n{self.body}"


def generated_pages(catalogue: Catalogue, existing: set[str]) -> list[Generated]:
    """Listing pages, skipping any an editor has written by hand."""
    pages = [
        Generated("do-it-online/index.md", "Do it online",
                  "Every council service you can apply for, book, pay or report online, by topic.", "do-it-online.html"),
        Generated("a-to-z/index.md", "A to Z of services", "Every council service in alphabetical order.", "a-to-z.html"),
        Generated("sitemap/index.md", "Sitemap", "Every page on this website.", "sitemap.html"),
        Generated("search/index.md", "Search", "Search this website.", "search.html"),
    ]
    pages += [Generated(f"{c.id}/index.md", c.title, c.summary, "category.html") for c in catalogue.categories]
    return [p for p in pages if p.path not in existing]
