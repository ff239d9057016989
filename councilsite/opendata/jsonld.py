"""schema.org JSON-LD for every page: the council as a GovernmentOrganization, the page's place in
the site as a BreadcrumbList and, on a service page, the service as a GovernmentService with a
ServiceChannel for each way to use it (online, phone, email, in person, post).

Search engines and other councils' tools read these; residents never see them. Everything here
is already on the page in words: JSON-LD only says it again in a shape machines can read.
"""
from __future__ import annotations

import json
import re

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\s*$", re.I)
CONTEXT = "https://schema.org"


def absolute(site_url: str, path: str) -> str:
    """A site path (/council-tax/) or a full address, as a full address."""
    if re.match(r"[a-z][a-z0-9+.-]*:", path):
        return path
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def postal_address(text: str) -> dict:
    """A one-line UK address as a PostalAddress, its postcode picked out when it ends with one."""
    data = {"@type": "PostalAddress", "streetAddress": text.strip(), "addressCountry": "GB"}
    match = POSTCODE.search(text)
    if match:
        data["postalCode"] = match.group(1).upper()
        data["streetAddress"] = text[:match.start()].strip().rstrip(",").strip()
    return data


def organisation_id(site_url: str) -> str:
    return absolute(site_url, "/") + "#organisation"


def organisation(brand: dict, site_url: str) -> dict:
    contact = brand.get("contact") or {}
    data = {"@context": CONTEXT, "@type": "GovernmentOrganization", "@id": organisation_id(site_url),
            "name": brand["name"], "url": absolute(site_url, "/")}
    if contact.get("phone"):
        data["telephone"] = contact["phone"]
    if contact.get("email"):
        data["email"] = contact["email"]
    if contact.get("address"):
        data["address"] = postal_address(contact["address"])
    if brand.get("logo"):
        data["logo"] = absolute(site_url, brand["logo"])
    if contact.get("phone") or contact.get("email"):
        point = {"@type": "ContactPoint", "contactType": "customer service", "areaServed": "GB",
                 "availableLanguage": brand.get("language") or "en-GB"}
        point.update({k: contact[v] for k, v in (("telephone", "phone"), ("email", "email")) if contact.get(v)})
        if contact.get("phone_hours"):
            point["description"] = f"Phone lines: {contact['phone_hours']}"
        if contact.get("page"):
            point["url"] = absolute(site_url, contact["page"])
        data["contactPoint"] = point
    return data


def breadcrumbs(trail, title: str, page_url: str, site_url: str) -> dict:
    """The visible trail (Home, then sections), ending with the page itself, as Google asks."""
    items = [(crumb.title, absolute(site_url, crumb.url)) for crumb in trail] + [(title, page_url)]
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": n, "name": name, "item": url} for n, (name, url) in enumerate(items, 1)]}


def channels(task, ways: dict, site_url: str, language: str) -> list[dict]:
    """One ServiceChannel per way to use the service, in the order the page shows them."""
    out = []
    if task:
        out.append({"@type": "ServiceChannel", "name": f"Online: {task.label}", "availableLanguage": language,
                    "serviceUrl": absolute(site_url, task.url)})
    phone = ways.get("phone") or {}
    if phone.get("number"):
        channel = {"@type": "ServiceChannel", "name": "By phone", "availableLanguage": language,
                   "servicePhone": {"@type": "ContactPoint", "telephone": phone["number"]}}
        if phone.get("hours"):
            channel["servicePhone"]["description"] = f"Phone lines: {phone['hours']}"
        out.append(channel)
    if ways.get("email"):
        out.append({"@type": "ServiceChannel", "name": "By email", "availableLanguage": language,
                    "serviceUrl": "mailto:" + ways["email"]})
    visit = ways.get("in_person") or {}
    if visit.get("address"):
        place = {"@type": "Place", "address": postal_address(visit["address"])}
        if visit.get("place"):
            place["name"] = visit["place"]
        channel = {"@type": "ServiceChannel", "name": "In person", "availableLanguage": language,
                   "serviceLocation": place}
        if visit.get("hours"):
            channel["description"] = f"Opening hours: {visit['hours']}"
        out.append(channel)
    if ways.get("post"):
        out.append({"@type": "ServiceChannel", "name": "By post", "availableLanguage": language,
                    "servicePostalAddress": postal_address(ways["post"])})
    return out


def service(record, ways: dict, brand: dict, page_url: str, site_url: str, category: str | None) -> dict:
    """A service page as a GovernmentService: what it is, who provides it, and every way to use it."""
    language = brand.get("language") or "en-GB"
    data = {"@context": CONTEXT, "@type": "GovernmentService", "@id": page_url + "#service",
            "name": record.title, "description": record.summary, "url": page_url,
            "provider": {"@type": "GovernmentOrganization", "@id": organisation_id(site_url), "name": brand["name"]},
            "areaServed": {"@type": "AdministrativeArea", "name": brand["name"]},
            "availableChannel": channels(record.task, ways or {}, site_url, language)}
    if category:
        data["serviceType"] = category
    if record.task:
        data["potentialAction"] = {"@type": "Action", "name": record.task.label,
                                   "target": absolute(site_url, record.task.url)}
    return data


def script_tags(items: list[dict]) -> str:
    """Each item in its own <script type="application/ld+json">; no '</' can close the element early."""
    return "".join('\n  <script type="application/ld+json">'
                   + json.dumps(item, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") + "</script>"
                   for item in items)
