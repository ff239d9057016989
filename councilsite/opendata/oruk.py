"""The places directory as an Open Referral UK 3.0 (HSDS 3.0 UK profile) read-only API, written
as static JSON files: each endpoint of the ORUK OpenAPI description is a folder with an
index.json, so any web server that serves index.json for a folder serves the API.

    openreferral/                        the root: version, profile, OpenAPI description
    openreferral/services/               page 1 of the services (one-to-one fields)
    openreferral/services/page/2/        page 2, and so on (`page_size` services a page)
    openreferral/services/{id}/          one service, fully nested
    openreferral/service_at_locations/   paginated the same way
    openreferral/organizations/ and organizations/{id}/
    openreferral/taxonomies/ and taxonomies/{id}/
    openreferral/taxonomy_terms/ and taxonomy_terms/{id}/

Each place is one service ("Get online at Eastmere Central Library") that the council runs at
one location. Ids are UUIDv5 from the site's address and the place's file name (its slug), so
they stay the same from build to build, and differ from every other council's.

Times: opening hours are wall-clock times in Europe/London. ORUK 3.0 gives opens_at and
closes_at as HH:MM with their UTC offset, so each weekly schedule is given once per run of days
with one offset (GMT +00:00, BST +01:00), with valid_from and valid_to, for at least a year ahead.
The runs are whole, from one clock change to another, so the files stay the same from one build
to the next until the clocks (or the data) change. A dated exception (a bank holiday, a closure) is a schedule of its own whose
valid_from and valid_to are its dates; on those dates it replaces the weekly hours.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from dataclasses import dataclass
from functools import cache

from councilsite.opendata import vocabulary
from councilsite.places.hours import ICAL_DAYS, days_text, format_time, iso_time, offset_windows, utc_offset
from councilsite.places.model import Place

VERSION = "3.0"
PROFILE = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"
TIME_ZONE = "Europe/London"
DEFAULT_PAGE_SIZE = 50
SCHEDULE_NOTE = (f"Times are UK time ({TIME_ZONE}), given with the UTC offset in force on those dates. "
                 "A schedule for particular dates replaces the weekly hours on those dates.")


@dataclass(frozen=True)
class Organisation:
    name: str
    url: str  # the council's website, https://...
    description: str = ""
    email: str | None = None
    region: str | None = None  # county or region for addresses (state_province); the town if not given


@dataclass(frozen=True)
class ApiFile:
    path: str  # such as openreferral/services/index.json
    kind: str  # the schema that checks it (councilsite.opendata.validate), such as "page:service_list_item"
    data: dict

    @property
    def url_path(self) -> str:
        """The address it answers, from the site root: /openreferral/services/"""
        return "/" + self.path.removesuffix("index.json")

    def text(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _run_edge(day: dt.date, step: int) -> dt.date:
    """The first (step -1) or last (step +1) day of the run of days with `day`'s UTC offset."""
    offset = utc_offset(day)
    for _ in range(366):
        nxt = day + dt.timedelta(days=step)
        if utc_offset(nxt) != offset:
            break
        day = nxt
    return day


@cache
def schedule_windows(today: dt.date) -> list[tuple[dt.date, dt.date, str]]:
    """Runs of days with one UTC offset, from the last clock change to the first one at least a
    year ahead: whole runs, so the files stay the same from build to build between clock changes."""
    first, last = _run_edge(today, -1), _run_edge(today + dt.timedelta(days=365), +1)
    return offset_windows(first, (last - first).days + 1)


class Api:
    def __init__(self, places: list[Place], org: Organisation, url_of, today: dt.date,
                 base: str = "openreferral", page_size: int = DEFAULT_PAGE_SIZE):
        """`url_of(place)` gives a place page's full address; `base` is the API's folder in the site."""
        self.places = places
        self.org = org
        self.url_of = url_of
        self.today = today
        self.base = base.strip("/")
        self.page_size = page_size
        self.site = org.url.rstrip("/")
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, self.site + "/")

    # -- ids and addresses ------------------------------------------------------------------------

    def _id(self, *parts: str) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(parts)))

    @property
    def org_id(self) -> str:
        return self._id("organization")

    def url(self, *parts: str) -> str:
        return "/".join([self.site, self.base, *parts]) + "/"

    # -- objects ----------------------------------------------------------------------------------

    def organisation(self) -> dict:
        data = {"id": self.org_id, "name": self.org.name, "description": self.org.description or self.org.name,
                "website": self.org.url, "uri": self.org.url}
        if self.org.email:
            data["email"] = self.org.email
        return data

    def _location(self, place: Place, full: bool) -> dict:
        location_id = self._id("place", place.slug, "location")
        data: dict = {"id": location_id, "location_type": "physical", "name": place.name,
                      "description": f"{place.type.label} in {place.area}."
                                     + (f" {place.getting_there}" if place.getting_there else "")}
        if place.latitude is not None:
            data["latitude"], data["longitude"] = place.latitude, place.longitude
        if full:
            data["addresses"] = [{
                "id": self._id("place", place.slug, "address"), "location_id": location_id,
                "address_1": place.address, "city": place.town, "state_province": self.org.region or place.town,
                "postal_code": place.postcode, "country": "GB", "address_type": "physical",
            }]
            data["accessibility"] = [
                {"id": self._id("place", place.slug, "accessibility", f.id), "location_id": location_id,
                 "description": f.label, "accessibility": f.oruk_accessibility}
                for f in place.facilities if f.oruk_accessibility
            ]
        return data

    def _service_fields(self, place: Place) -> dict:
        """The one-to-one fields of a service, as /services lists them."""
        data = {"id": self._id("place", place.slug, "service"), "organization_id": self.org_id,
                "name": f"Get online at {place.name}", "description": _description(place),
                "url": self.url_of(place), "status": "active"}
        if place.email:
            data["email"] = place.email
        if place.last_reviewed:
            data["assured_date"] = place.last_reviewed.isoformat()
        return data

    def service_list_item(self, place: Place) -> dict:
        return {**self._service_fields(place), "organization": self.organisation()}

    def service(self, place: Place, with_organisation: bool = True) -> dict:
        """One service, fully nested, as /services/{id} gives it."""
        data = self._service_fields(place)
        service_id, link_id = data["id"], self._id("place", place.slug, "service_at_location")
        location = self._location(place, full=True)
        data["schedules"] = self._schedules(place, service_id, link_id)
        data["service_areas"] = [{"id": self._id("place", place.slug, "service_area"), "service_id": service_id,
                                  "name": place.area, "service_area": place.area}]
        data["service_at_locations"] = [{"id": link_id, "service_id": service_id, "location_id": location["id"],
                                         "location": location}]
        if place.phone:
            contact_id = self._id("place", place.slug, "contact")
            data["contacts"] = [{"id": contact_id, "service_id": service_id, "name": place.name, "title": "Enquiries"}]
            # HSDS 3.0 phones: the UK profile's compiled schema leaves them out but allows them.
            data["phones"] = [{"id": self._id("place", place.slug, "phone"), "service_id": service_id,
                               "number": place.phone, "description": "Enquiries"}]
        data["attributes"] = [
            {"id": self._id("place", place.slug, "attribute", f.id), "link_id": service_id, "link_type": "service",
             "taxonomy_term_id": vocabulary.term_for(f).id,
             "taxonomy_term": vocabulary.term_json(vocabulary.term_for(f), self.term_url)}
            for f in place.facilities
        ]
        if with_organisation:
            data["organization"] = self.organisation()
        return data

    def service_at_location_item(self, place: Place) -> dict:
        service = self.service_list_item(place)
        location = self._location(place, full=False)
        return {"id": self._id("place", place.slug, "service_at_location"), "service_id": service["id"],
                "location_id": location["id"], "location": location, "service": service}

    def term_url(self, term: vocabulary.Term) -> str:
        return self.url("taxonomy_terms", term.id)

    def _schedules(self, place: Place, service_id: str, link_id: str) -> list[dict]:
        common = {"service_id": service_id, "service_at_location_id": link_id}
        out = []
        for first, last, offset in schedule_windows(self.today):
            for period, days in place.hours.regular_groups():
                out.append({
                    "id": self._id("place", place.slug, "schedule", first.isoformat(), str(period.opens),
                                   str(period.closes), ",".join(map(str, days))),
                    **common, "valid_from": first.isoformat(), "valid_to": last.isoformat(),
                    "dtstart": first.isoformat(), "freq": "WEEKLY", "interval": 1,
                    "byday": ",".join(ICAL_DAYS[d] for d in days),
                    "opens_at": iso_time(period.opens) + offset, "closes_at": iso_time(period.closes) + offset,
                    "description": f"{days_text(days)}, {format_time(period.opens)} to {format_time(period.closes)}",
                    "notes": SCHEDULE_NOTE,
                })
        for change in place.hours.upcoming(self.today):
            dates = {"valid_from": change.start.isoformat(), "valid_to": change.end.isoformat(),
                     "dtstart": change.start.isoformat()}
            why = f"{change.reason}: " if change.reason else ""
            when = change.start.isoformat() if change.start == change.end else f"{change.start} to {change.end}"
            if change.closed:
                out.append({"id": self._id("place", place.slug, "exception", change.start.isoformat()), **common,
                            **dates, "description": f"{why}closed all day ({when})", "notes": SCHEDULE_NOTE})
                continue
            days = sorted({(change.start + dt.timedelta(days=n)).weekday()
                           for n in range(min(7, (change.end - change.start).days + 1))})
            offset = utc_offset(change.start)
            for period in change.periods:
                out.append({
                    "id": self._id("place", place.slug, "exception", change.start.isoformat(), str(period.opens)),
                    **common, **dates, "freq": "WEEKLY", "interval": 1, "byday": ",".join(ICAL_DAYS[d] for d in days),
                    "opens_at": iso_time(period.opens) + offset, "closes_at": iso_time(period.closes) + offset,
                    "description": f"{why}{format_time(period.opens)} to {format_time(period.closes)} ({when})",
                    "notes": SCHEDULE_NOTE,
                })
        return out

    # -- the files --------------------------------------------------------------------------------

    def _pages(self, folder: str, kind: str, items: list[dict]) -> list[ApiFile]:
        size = max(1, self.page_size)
        total_pages = max(1, math.ceil(len(items) / size))
        files = []
        for number in range(1, total_pages + 1):
            contents = items[(number - 1) * size: number * size]
            path = f"{self.base}/{folder}/index.json" if number == 1 else f"{self.base}/{folder}/page/{number}/index.json"
            files.append(ApiFile(path, "page:" + kind, {
                "total_items": len(items), "total_pages": total_pages, "page_number": number, "size": len(contents),
                "first_page": number == 1, "last_page": number == total_pages, "empty": not contents,
                "contents": contents}))
        return files

    def files(self) -> list[ApiFile]:
        places = sorted(self.places, key=lambda p: p.slug)
        terms = vocabulary.terms()
        taxonomy_url = self.url("taxonomies", vocabulary.TAXONOMY_ID)
        files = [ApiFile(f"{self.base}/index.json", "root", {"version": VERSION, "profile": PROFILE,
                                                              "openapi_url": OPENAPI_URL})]
        files += self._pages("services", "service_list_item", [self.service_list_item(p) for p in places])
        for place in places:
            service = self.service(place)
            files.append(ApiFile(f"{self.base}/services/{service['id']}/index.json", "service", service))
        files += self._pages("service_at_locations", "service_at_location_list_item",
                             [self.service_at_location_item(p) for p in places])
        files += self._pages("organizations", "organization_list_item", [self.organisation()])
        org = {**self.organisation(), "services": [self.service(p, with_organisation=False) for p in places]}
        files.append(ApiFile(f"{self.base}/organizations/{self.org_id}/index.json", "organization", org))
        files += self._pages("taxonomies", "taxonomy", [vocabulary.taxonomy_json(taxonomy_url)])
        files.append(ApiFile(f"{self.base}/taxonomies/{vocabulary.TAXONOMY_ID}/index.json", "taxonomy",
                             vocabulary.taxonomy_json(taxonomy_url, self.term_url)))
        files += self._pages("taxonomy_terms", "taxonomy_term", [vocabulary.term_json(t, self.term_url) for t in terms])
        for term in terms:
            files.append(ApiFile(f"{self.base}/taxonomy_terms/{term.id}/index.json", "taxonomy_term",
                                 vocabulary.term_json(term, self.term_url)))
        return files


def _description(place: Place) -> str:
    offers = "; ".join(place.facility_text(f) for f in place.facilities)
    parts = [place.description_text() or place.summary, f"Facilities: {offers}."]
    if place.booking:
        parts.append(f"Booking a computer: {place.booking}")
    return "\n\n".join(parts)

