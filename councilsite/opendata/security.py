"""/.well-known/security.txt (RFC 9116): where to report a security problem with the site, as the
NCSC asks of public-sector websites. Built from the council's settings, checked here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PATH = ".well-known/security.txt"
RFC = "https://www.rfc-editor.org/rfc/rfc9116"
EXAMPLE = ("security:\n      contact: [mailto:security@your-council.gov.uk]\n      expires: "
           "YYYY-MM-DD   # less than a year ahead")


class SecurityError(ValueError):
    pass


@dataclass(frozen=True)
class SecurityTxt:
    contacts: tuple[str, ...]
    expires: dt.date
    canonical: str | None = None
    policy: str | None = None
    acknowledgments: str | None = None
    encryption: str | None = None
    hiring: str | None = None
    preferred_languages: str = "en"

    def text(self, site_name: str) -> str:
        lines = [f"# How to tell {site_name} about a security problem with this website. See {RFC}"]
        lines += [f"Contact: {c}" for c in self.contacts]
        # The end of the given day in UK winter time (UTC), so the file is good for all of that day.
        lines.append(f"Expires: {self.expires.isoformat()}T23:59:59.000Z")
        for field, value in (("Encryption", self.encryption), ("Acknowledgments", self.acknowledgments),
                             ("Preferred-Languages", self.preferred_languages), ("Canonical", self.canonical),
                             ("Policy", self.policy), ("Hiring", self.hiring)):
            if value:
                lines.append(f"{field}: {value}")
        return "\n".join(lines) + "\n"

    def warnings(self, today: dt.date) -> list[str]:
        if self.expires < today:
            return [f"security.txt expired on {self.expires:%d %B %Y}: check the contact still works, then set "
                    "council/opendata security expires to a new date, less than a year ahead"]
        if self.expires > today + dt.timedelta(days=366):
            return [f"security expires {self.expires} is more than a year ahead. RFC 9116 asks for less than a year, "
                    "so that the contact is checked at least once a year"]
        return []


def _uri(value: str, field: str, web_only: bool = False) -> str:
    value = str(value).strip()
    if re.fullmatch(r"[^@\s:/]+@[^@\s]+\.[^@\s]+", value):
        raise SecurityError(f"{field}: '{value}' is an email address: write it as mailto:{value}")
    allowed = ("https://",) if web_only else ("https://", "mailto:", "tel:")
    if not value.startswith(allowed) or re.search(r"\s", value):
        raise SecurityError(f"{field}: '{value}' should start with {' or '.join(allowed)}"
                            + ("" if web_only else ", such as mailto:security@your-council.gov.uk"))
    return value


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise SecurityError(f"expires: '{value}' is not a date. Write it as YYYY-MM-DD") from None


def from_config(settings: dict, site_url: str | None) -> SecurityTxt | None:
    """The file from council/opendata `security`, or None when no contact is given."""
    contacts = settings.get("contact") or []
    if isinstance(contacts, str):
        contacts = [contacts]
    if not contacts:
        return None
    checked = tuple(_uri(c, f"contact[{i}]") for i, c in enumerate(contacts))
    if not settings.get("expires"):
        raise SecurityError("expires: give the date this contact should next be checked, less than a year ahead, "
                            "as YYYY-MM-DD")
    optional = {}
    for key in ("policy", "acknowledgments", "hiring"):
        if settings.get(key):
            optional[key] = _uri(settings[key], key, web_only=True)
    if settings.get("encryption"):
        optional["encryption"] = _uri(settings["encryption"], "encryption", web_only=True)
    canonical = site_url.rstrip("/") + "/" + PATH if site_url and site_url.startswith("https://") else None
    return SecurityTxt(checked, _date(settings["expires"]), canonical,
                       preferred_languages=str(settings.get("preferred_languages") or "en"), **optional)
