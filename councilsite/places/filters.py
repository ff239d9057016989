"""Filters over the places: by facility, by area, by type of place.

Every filter the directory offers is also a pre-built page ("Places with free WiFi", "Places in
Northgate"), so filtering works without JavaScript.
"""
from __future__ import annotations

from dataclasses import dataclass

from councilsite.places import facilities as vocab
from councilsite.places.model import Place
from councilsite.places.text import slug

FACILITY, AREA, TYPE = "facility", "area", "type"


@dataclass(frozen=True)
class Filter:
    kind: str  # FACILITY, AREA or TYPE
    value: str  # facility id, area name or type id
    label: str  # the choice on its own: "Free WiFi", "Northgate"
    title: str  # the page it makes: "Places with free WiFi"

    @property
    def slug(self) -> str:
        """The filter page's folder name: with-free-wifi, in-northgate."""
        return f"with-{self.value}" if self.kind == FACILITY else f"in-{slug(self.value)}"

    @property
    def choice(self) -> str:
        """The value the directory's form and the cards' data attributes use: free-wifi, northgate."""
        return slug(self.value)

    @property
    def key(self) -> str:
        return f"{self.kind}:{slug(self.value)}"

    def matches(self, place: Place) -> bool:
        if self.kind == FACILITY:
            return place.has(self.value)
        if self.kind == AREA:
            return slug(place.area) == slug(self.value)
        return place.type.id == self.value


def facility_filter(facility: vocab.Facility) -> Filter:
    return Filter(FACILITY, facility.id, facility.label, f"Places with {facility.phrase}")


def area_filter(area: str) -> Filter:
    return Filter(AREA, area, area, f"Places in {area}")


def type_filter(place_type: vocab.PlaceType) -> Filter:
    plural = {"library": "Libraries"}.get(place_type.id, place_type.label + "s")
    return Filter(TYPE, place_type.id, place_type.label, plural)


def select(places: list[Place], *filters: Filter | None) -> list[Place]:
    """The places every given filter matches, in the order given."""
    return [p for p in places if all(f.matches(p) for f in filters if f is not None)]


def areas_in_order(places: list[Place], configured: list[str]) -> list[str]:
    """Areas with at least one place: in the configured order, then any others alphabetically."""
    used = {slug(p.area): p.area for p in places}
    ordered = [a for a in configured if slug(a) in used]
    rest = sorted((a for s, a in used.items() if s not in {slug(c) for c in configured}), key=str.lower)
    return ordered + rest


def facility_filters(places: list[Place]) -> list[Filter]:
    """One filter per facility that at least one place has, in the vocabulary's order."""
    used = {f.id for p in places for f in p.facilities}
    return [facility_filter(f) for f in vocab.FACILITIES if f.id in used]


def area_filters(places: list[Place], configured: list[str]) -> list[Filter]:
    return [area_filter(a) for a in areas_in_order(places, configured)]
