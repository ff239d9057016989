"""What the Open data page lists: every open data file the site publishes, with what it is, the
standard (and version) it follows, its format and its size, and the facilities vocabulary."""
from __future__ import annotations

from dataclasses import dataclass, field

from councilsite.places.directory import human_size

ORUK = "Open Referral UK 3.0"


@dataclass(frozen=True)
class Item:
    title: str
    url: str | None  # site path; None for a row standing for many files (see `pattern`)
    description: str
    standard: str
    format: str
    size: int  # bytes; for a group of files, all of them
    count: int = 1  # how many files the row stands for
    pattern: str | None = None  # where the many files are, such as /openreferral/services/{id}/

    @property
    def size_text(self) -> str:
        text = human_size(self.size)
        if self.count > 1:
            return f"{self.count} {'pages' if self.url else 'files'}, {text} in all"
        return text


@dataclass
class Listing:
    groups: list[tuple[str, list[Item]]] = field(default_factory=list)
    terms: list = field(default_factory=list)  # vocabulary.Term, for the vocabulary table
    api_root: str | None = None

    def add(self, title: str, items: list[Item]) -> None:
        if items:
            self.groups.append((title, items))


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def oruk_items(api) -> list[Item]:
    """The API's endpoints: the root and each list (its pages together), then the single objects by kind."""
    described = {
        "root": ("API root", "The version and profile of this Open Referral UK API."),
        "page:service_list_item": ("Services", "Every place to get online, as a service, in pages."),
        "service": ("Each service", "One service, with its location, opening hours and facilities."),
        "page:service_at_location_list_item": ("Services at locations", "Each service with the place it is at."),
        "page:organization_list_item": ("Organisations", "The council, which runs every service."),
        "organization": ("The council", "The council with all its services."),
        "page:taxonomy": ("Taxonomies", "The vocabulary of facilities."),
        "taxonomy": ("Facilities vocabulary", "Every facility a place can offer, as taxonomy terms."),
        "page:taxonomy_term": ("Taxonomy terms", "Every facility a place can offer, in pages."),
        "taxonomy_term": ("Each taxonomy term", "One facility."),
    }
    by_kind: dict[str, list] = {}
    for file in api:
        by_kind.setdefault(file.kind, []).append(file)
    items = []
    for kind, (title, description) in described.items():
        files = by_kind.get(kind, [])
        if files:
            first, size = files[0], sum(_size(f.text()) for f in files)
            if kind.startswith("page:") or len(files) == 1:
                items.append(Item(title, "/" + first.path, description, ORUK, "JSON", size, len(files)))
            else:  # one file per object: the list above gives their ids
                pattern = "/" + first.path.removesuffix("index.json").rstrip("/").rpartition("/")[0] + "/{id}/"
                items.append(Item(title, None, description, ORUK, "JSON", size, len(files), pattern))
    return items
