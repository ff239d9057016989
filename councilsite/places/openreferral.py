"""The directory in the OLDER Open Referral UK 1.0 shape (places.json), kept for readers not yet on
3.0. The current feed is Open Referral UK 3.0: see councilsite.opendata.oruk.

The shape an ORUK 1.0 `/services` endpoint returns.

Each place is one service ("Get online at Eastmere Central Library") run by the council at one
location. The service carries its contacts and phones, its facilities as taxonomy terms, its
`service_at_locations` (the location with its physical address and accessibility), its weekly
`regular_schedules` and its dated `holiday_schedules`.

Times: ORUK asks for opening times with their UTC offset. UK opening hours are wall-clock times
in Europe/London, whose offset changes twice a year, so each weekly schedule is given once per
run of days with one offset (GMT +00:00, BST +01:00), with valid_from and valid_to, for a year
ahead of the build. Identifiers are UUIDs derived from the site address, so they stay the same
from one build to the next.
"""
from __future__ import annotations

import datetime as dt
import uuid

from councilsite.places.hours import ICAL_DAYS, days_text, format_time, iso_time, offset_windows, utc_offset
from councilsite.opendata.oruk import Organisation
from councilsite.places.model import Place

TIME_ZONE = "Europe/London"
TAXONOMY = "Get online facilities"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "#".join(parts)))


def organisation_json(org: Organisation) -> dict:
    data = {"id": _id(org.url, "organization"), "name": org.name,
            "description": org.description or org.name, "url": org.url}
    if org.email:
        data["email"] = org.email
    return data


def service_json(place: Place, org: Organisation, page_url: str, today: dt.date) -> dict:
    service_id = _id(page_url, "service")
    location_id = _id(page_url, "location")
    link_id = _id(page_url, "service_at_location")
    link_ref = {"id": link_id, "location": {"id": location_id, "name": place.name}}

    location: dict = {
        "id": location_id,
        "name": place.name,
        "description": f"{place.type.label} in {place.area}." + (f" {place.getting_there}" if place.getting_there else ""),
        "physical_addresses": [{
            "id": _id(page_url, "physical_address"),
            "address_1": place.address,
            "city": place.town,
            "state_province": org.region or place.town,
            "postal_code": place.postcode,
            "country": "GB",
        }],
        "accessibility_for_disabilities": [
            {"id": _id(page_url, "accessibility", f.id), "accessibility": f.oruk_accessibility, "details": f.label}
            for f in place.facilities if f.oruk_accessibility
        ],
    }
    if place.latitude is not None:
        location["latitude"], location["longitude"] = place.latitude, place.longitude

    regular = []
    for first, last, offset in offset_windows(today):
        for period, days in place.hours.regular_groups():
            regular.append({
                "id": _id(page_url, "regular_schedule", first.isoformat(), str(period.opens), str(period.closes),
                          ",".join(map(str, days))),
                "service_at_location": link_ref,
                "valid_from": first.isoformat(),
                "valid_to": last.isoformat(),
                "dtstart": first.isoformat(),
                "freq": "WEEKLY",
                "interval": "1",
                "byday": ",".join(ICAL_DAYS[d] for d in days),
                "opens_at": iso_time(period.opens) + offset,
                "closes_at": iso_time(period.closes) + offset,
                "description": f"{days_text(days)}, {format_time(period.opens)} to {format_time(period.closes)} "
                               f"(UK time, {TIME_ZONE})",
            })

    holidays = []
    for change in place.hours.upcoming(today):
        base = {"service_at_location": link_ref, "start_date": change.start.isoformat(),
                "end_date": change.end.isoformat()}
        if change.closed:
            holidays.append({"id": _id(page_url, "holiday_schedule", change.start.isoformat()), "closed": True, **base})
        offset = utc_offset(change.start)
        for period in change.periods:
            holidays.append({"id": _id(page_url, "holiday_schedule", change.start.isoformat(), str(period.opens)),
                             "closed": False, "opens_at": iso_time(period.opens) + offset,
                             "closes_at": iso_time(period.closes) + offset, **base})

    service: dict = {
        "id": service_id,
        "name": f"Get online at {place.name}",
        "description": _description(place),
        "url": page_url,
        "status": "active",
        "organization": organisation_json(org),
        "contacts": [],
        "service_areas": [{"id": _id(page_url, "service_area"), "service_area": place.area, "name": place.area}],
        "service_taxonomys": [
            {"id": _id(page_url, "taxonomy", f.id),
             "taxonomy": {"id": f"facility:{f.id}", "name": f.label, "vocabulary": TAXONOMY}}
            for f in place.facilities
        ],
        "service_at_locations": [{"id": link_id, "location": location}],
        "regular_schedules": regular,
        "holiday_schedules": holidays,
    }
    if place.email:
        service["email"] = place.email
    if place.phone:
        service["contacts"].append({
            "id": _id(page_url, "contact"), "name": place.name, "title": "Enquiries",
            "phones": [{"id": _id(page_url, "phone"), "number": place.phone, "language": "English"}],
        })
    if place.last_reviewed:
        service["assured_date"] = place.last_reviewed.isoformat()
    return service


def _description(place: Place) -> str:
    offers = "; ".join(place.facility_text(f) for f in place.facilities)
    parts = [place.description_text() or place.summary, f"Facilities: {offers}."]
    if place.booking:
        parts.append(f"Booking a computer: {place.booking}")
    return "\n\n".join(parts)


def services_page(places: list[Place], org: Organisation, url_of, today: dt.date) -> dict:
    """Every place as one page of ORUK services. `url_of(place)` gives the place page's full address."""
    content = [service_json(p, org, url_of(p), today) for p in places]
    return {
        "total_items": len(content),
        "total_pages": 1,
        "number": 1,
        "size": len(content),
        "first_page": True,
        "last_page": True,
        "empty": not content,
        "content": content,
    }
