"""The facilities vocabulary as an Open Referral UK 3.0 taxonomy: every facility a place can offer
is a taxonomy term, under one of two parent terms (getting online; getting in and around).

The vocabulary belongs to councilsite, not to one council, so its ids are the same on every
council's site: an aggregator reading several councils' feeds can match "Free WiFi" across all
of them by id. Each council publishes the whole vocabulary in its own feed (/taxonomies/{id}).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache

from councilsite.places import facilities as vocab

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/councilsite/#vocabulary/get-online-facilities")
NAME = "Get online facilities"
VERSION = "1"
DESCRIPTION = ("What a place to get online offers: free WiFi, computers and help to use online services, "
               "and how to get in and around the building. Published by councilsite, the same on every council's site.")
GROUPS = {
    vocab.ONLINE: ("getting-online", "Getting online", "Facilities for getting online: WiFi, computers, printing, "
                   "help and courses."),
    vocab.ACCESS: ("getting-in-and-around", "Getting in and around", "How to get in and around the building: "
                   "step-free access, lifts, toilets, hearing loops and parking."),
}


def _id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


TAXONOMY_ID = _id("taxonomy")


@dataclass(frozen=True)
class Term:
    code: str  # "free-wifi", as editors write it
    name: str
    description: str
    parent: str | None = None  # the parent term's code

    @property
    def id(self) -> str:
        return _id("term/" + self.code)


@cache
def _terms() -> tuple[Term, ...]:
    out = [Term(code, name, description) for code, name, description in GROUPS.values()]
    for facility in vocab.FACILITIES:
        sentence = facility.phrase[:1].upper() + facility.phrase[1:]
        out.append(Term(facility.id, facility.label, f"{sentence} at the place.", GROUPS[facility.group][0]))
    return tuple(out)


def terms() -> list[Term]:
    """The parent terms, then every facility in the order the directory lists them."""
    return list(_terms())


def term_for(facility: vocab.Facility) -> Term:
    return _by_code()[facility.id]


@cache
def _by_code() -> dict[str, Term]:
    return {t.code: t for t in _terms()}


def term_json(term: Term, term_url) -> dict:
    data = {"id": term.id, "name": term.name, "description": term.description, "taxonomy": NAME,
            "taxonomy_id": TAXONOMY_ID, "term_uri": term_url(term), "term": term.code}
    if term.parent:
        data["parent_id"] = _id("term/" + term.parent)
    return data


def taxonomy_json(taxonomy_url: str, term_url=None) -> dict:
    """The taxonomy; with `term_url`, its terms too (as /taxonomies/{id} gives them)."""
    data = {"id": TAXONOMY_ID, "name": NAME, "description": DESCRIPTION, "uri": taxonomy_url, "version": VERSION}
    if term_url is not None:
        data["taxonomy_terms"] = [term_json(t, term_url) for t in terms()]
    return data
