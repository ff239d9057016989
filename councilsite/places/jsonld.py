"""schema.org JSON-LD for a place page, so search engines and maps can show its hours and facilities."""
from __future__ import annotations

import datetime as dt
import json

from councilsite.places.hours import iso_time
from councilsite.places.model import Place
from councilsite.places.text import DAY_NAMES

SCHEMA = "https://schema.org/"
ORGANISATIONS = {"Library", "GovernmentOffice"}  # LocalBusiness types; CivicStructure is only a Place


def _spec(days=None, opens="00:00", closes="00:00", valid_from=None, valid_through=None) -> dict:
    spec = {"@type": "OpeningHoursSpecification"}
    if days is not None:
        spec["dayOfWeek"] = [SCHEMA + DAY_NAMES[d] for d in days]
    spec["opens"], spec["closes"] = opens, closes
    if valid_from:
        spec["validFrom"], spec["validThrough"] = valid_from, valid_through
    return spec


def place_jsonld(place: Place, absolute_url: str, today: dt.date) -> dict:
    """The place as a schema.org Library, GovernmentOffice or CivicStructure."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": place.type.schema_type,
        "@id": absolute_url + "#place",
        "name": place.name,
        "description": place.summary,
        "url": absolute_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.address,
            "addressLocality": place.town,
            "postalCode": place.postcode,
            "addressCountry": "GB",
        },
        "publicAccess": True,
        "isAccessibleForFree": True,
    }
    if place.phone:
        data["telephone"] = place.phone
    if place.email and place.type.schema_type in ORGANISATIONS:
        data["email"] = place.email  # schema.org gives organisations an email address, not buildings
    if place.latitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    data["openingHoursSpecification"] = [
        _spec(days, iso_time(period.opens), iso_time(period.closes)) for period, days in place.hours.regular_groups()
    ]
    special = []
    for change in place.hours.upcoming(today):
        start, end = change.start.isoformat(), change.end.isoformat()
        if change.closed:  # schema.org's way to say closed all day: opens and closes at 00:00
            special.append(_spec(None, "00:00", "00:00", start, end))
        for period in change.periods:
            special.append(_spec(None, iso_time(period.opens), iso_time(period.closes), start, end))
    if special:
        data["specialOpeningHoursSpecification"] = special
    data["amenityFeature"] = [
        {"@type": "LocationFeatureSpecification", "name": f.label,
         "value": place.computers if (f.id == "public-computers" and place.computers) else True}
        for f in place.facilities
    ]
    return data


def script_json(data: dict) -> str:
    """JSON safe to put inside <script type="application/ld+json">: no '</' can close the element."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")

