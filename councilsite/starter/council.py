"""A new council's names and contact details: what `councilsite new site` was told, checked,
with defaults for the rest that an editor can see at once are placeholders."""
from __future__ import annotations

import re
from dataclasses import dataclass

from councilsite import brand
from councilsite.content.model import EMAIL, PHONE
from councilsite.content.schema import Invalid

# Ofcom keeps 01632 960 000 to 960 999 for drama, so this rings no one. The Eastmere demo uses
# numbers in the 000s and 100s; a starter must not look like a copy of it.
DEFAULT_PHONE = "01632 960 300"
DEFAULT_HOURS = "Monday to Friday, 9am to 5pm"
# No UK postcode area is "XX", so this cannot be mistaken for a real address, but it has the
# shape the places checks accept: the starter builds while the editor finds the real one.
PLACEHOLDER_POSTCODE = "XX1 1XX"

# Words that say what kind of council it is, not where it is.
_KIND = r"(?:london\s+borough|royal\s+borough|metropolitan\s+borough|borough|district|county|city|town|" \
        r"parish|unitary|metropolitan|council)"
_LEADING = re.compile(rf"^(?:the\s+)?(?:{_KIND}\s+)*(?:of\s+)?", re.I)
_FIRST_KIND = re.compile(rf"\s(?:and\s+|&\s+)?{_KIND}\b.*$", re.I)


class CouncilError(ValueError):
    pass


@dataclass(frozen=True)
class Council:
    name: str
    town: str
    slug: str
    url: str
    phone: str
    phone_hours: str
    email: str
    address: str
    colour: str | None
    link_colour: str | None

    @property
    def address_is_placeholder(self) -> bool:
        return PLACEHOLDER_POSTCODE in self.address

    @property
    def building(self) -> tuple[str, str, str, str]:
        """The main office as a place: (name, street, town, postcode) from the address."""
        parts = [p.strip() for p in self.address.split(",") if p.strip()]
        postcode = parts.pop() if len(parts) > 1 else PLACEHOLDER_POSTCODE
        town = parts.pop() if len(parts) > 1 else self.town
        name = parts[0] if parts else "Council offices"
        street = ", ".join(parts[1:]) or name
        return name, street, town, postcode


def town_of(name: str) -> str:
    """'Harrowdale District Council' -> 'Harrowdale'; 'City of Westmere Council' -> 'Westmere'."""
    text = _LEADING.sub("", name.strip())
    text = _FIRST_KIND.sub("", text)
    text = re.sub(r"[\s&,:;\-–]+$", "", text).strip(" \"'")
    return text or name.strip()


def web_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "").replace("’", "")).strip("-")


def _checked(kind, value: str, option: str) -> str:
    try:
        return kind.check(value)
    except Invalid as exc:
        raise CouncilError(f"{option}: {exc.message}") from None


def council(name: str, url: str | None = None, phone: str | None = None, email: str | None = None,
            address: str | None = None, colour: str | None = None, phone_hours: str | None = None) -> Council:
    name = " ".join((name or "").split())
    if not name:
        raise CouncilError("--name: give the council's name, such as \"Harrowdale District Council\"")
    town = town_of(name)
    slug = web_slug(town) or web_slug(name)
    if not slug:
        raise CouncilError(f"--name: '{name}' has no letters or numbers to make a web address from. "
                           "Give --url as well")
    url = (url or f"https://www.{slug}.example/").strip()
    if not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", url):
        raise CouncilError(f"--url: '{url}' is not a web address. Write it like https://www.{slug}.gov.uk/")
    if not url.endswith("/"):
        url += "/"
    phone = _checked(PHONE, phone or DEFAULT_PHONE, "--phone")
    email = _checked(EMAIL, email or f"contact@{slug}.example", "--email")
    address = " ".join((address or f"Council Offices, {town}, {PLACEHOLDER_POSTCODE}").split())
    brand_colour, link_colour = _colours(colour)
    return Council(name=name, town=town, slug=slug, url=url, phone=phone, phone_hours=phone_hours or DEFAULT_HOURS,
                   email=email, address=address, colour=brand_colour, link_colour=link_colour)


def _colours(colour: str | None) -> tuple[str | None, str | None]:
    """The brand colour, and the same colour for links when it is dark enough to read as one."""
    if colour is None:
        return None, None
    colour = colour.strip().lower()
    try:
        on_it = brand.contrast("#ffffff", colour)
    except ValueError:
        raise CouncilError(f"--colour: '{colour}' is not a colour. Write it as #rrggbb, such as #6a1b4d") from None
    if on_it < 4.5:
        raise CouncilError(f"--colour: white text on {colour} has a contrast of {on_it:.2f}:1, and it needs at "
                           "least 4.5:1 so everyone can read the header. Choose a darker colour")
    light = brand.palette()
    readable = all(brand.contrast(colour, light.light[bg]) >= 4.5 for bg in ("background", "panel"))
    link = colour if readable else None
    problems = brand.palette({"brand": colour, **({"link": link} if link else {})}).problems()
    if problems:
        raise CouncilError("--colour: " + "; ".join(problems))
    return colour, link
