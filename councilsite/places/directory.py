"""The directory of places as templates see it: places grouped by area, the filters with their
counts and pages, and the open data files. Plain data, built once per build."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from councilsite.places import facilities as vocab
from councilsite.places import filters as f
from councilsite.places.model import Place
from councilsite.places.text import day_month, plural, slug


@dataclass(frozen=True)
class DataFile:
    """An open data file linked from the directory: its link text states format and size."""

    path: str  # source path, such as get-online/places/places.json
    description: str  # "Places data in Open Referral UK format"
    format: str  # "JSON"
    content: str
    url: str = ""  # site path, once the engine has placed it

    @property
    def size(self) -> int:
        return len(self.content.encode("utf-8"))

    @property
    def size_text(self) -> str:
        return human_size(self.size)

    @property
    def link_text(self) -> str:
        return f"{self.description} ({self.format}, {self.size_text})"


def human_size(size: int) -> str:
    """Bytes as people read them: '812 bytes', '14 KB', '1.2 MB' (1 KB = 1,024 bytes, rounded up)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{math.ceil(size / 1024)} KB"
    return f"{math.ceil(size / 1024 / 102.4) / 10:.1f} MB"


@dataclass(frozen=True)
class FilterLink:
    filter: f.Filter
    url: str
    count: int
    current: bool

    @property
    def text(self) -> str:
        return f"{self.filter.label} ({plural(self.count, 'place')})"


@dataclass(frozen=True)
class AreaGroup:
    area: str
    places: list[Place]

    @property
    def id(self) -> str:
        return "area-" + slug(self.area)


@dataclass
class Directory:
    places: list[Place]  # sorted by name
    areas: list[str]  # configured order
    title: str
    summary: str
    url: str
    today: dt.date
    filter_urls: dict[str, str] = field(default_factory=dict)  # filter key -> site path of its page
    data_files: list[DataFile] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.places = sorted(self.places, key=lambda p: p.name.casefold())
        self.facility_filters = f.facility_filters(self.places)
        self.area_filters = f.area_filters(self.places, self.areas)

    @property
    def filters(self) -> list[f.Filter]:
        return self.facility_filters + self.area_filters

    def filter_by_slug(self, page_slug: str) -> f.Filter | None:
        return next((x for x in self.filters if x.slug == page_slug), None)

    def filter_url(self, flt: f.Filter) -> str | None:
        return self.filter_urls.get(flt.key)

    def links(self, filters: list[f.Filter], current: f.Filter | None) -> list[FilterLink]:
        return [FilterLink(x, self.filter_urls[x.key], len(f.select(self.places, x)), x == current)
                for x in filters if x.key in self.filter_urls]

    def groups(self, places: list[Place]) -> list[AreaGroup]:
        """Places grouped by area, areas in the configured order, places by name."""
        return [AreaGroup(area, [p for p in places if slug(p.area) == slug(area)])
                for area in f.areas_in_order(places, self.areas)]

    def view(self, current: f.Filter | None = None) -> "DirectoryView":
        return DirectoryView(self, current)

    @property
    def today_text(self) -> str:
        return day_month(self.today)


@dataclass
class DirectoryView:
    """One directory page: every place, or the places one filter matches."""

    directory: Directory
    current: f.Filter | None

    @property
    def places(self) -> list[Place]:
        return f.select(self.directory.places, self.current)

    @property
    def groups(self) -> list[AreaGroup]:
        return self.directory.groups(self.places)

    @property
    def facility_links(self) -> list[FilterLink]:
        return self.directory.links(self.directory.facility_filters, self.current)

    @property
    def online_links(self) -> list[FilterLink]:
        """Facilities for getting online: WiFi, computers, help, courses."""
        return [link for link in self.facility_links if vocab.BY_ID[link.filter.value].group == vocab.ONLINE]

    @property
    def access_links(self) -> list[FilterLink]:
        """Facilities for getting in and around: step-free access, toilets, parking."""
        return [link for link in self.facility_links if vocab.BY_ID[link.filter.value].group == vocab.ACCESS]

    @property
    def area_links(self) -> list[FilterLink]:
        return self.directory.links(self.directory.area_filters, self.current)

    @property
    def count_text(self) -> str:
        total = len(self.directory.places)
        if self.current is None:
            return f"{plural(total, 'place')} across {plural(len(self.groups), 'area')}."
        shown = len(self.places)
        if self.current.kind == f.AREA:
            return f"{plural(shown, 'place')} in {self.current.value}, out of {total} in all."
        return f"{shown} of {plural(total, 'place')} {'has' if total == 1 else 'have'} {self.current.title.removeprefix('Places with ')}."
