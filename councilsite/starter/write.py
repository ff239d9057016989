"""Write the starter site for a council: the files in starter/files, with its details filled in."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from string import Template

from councilsite import clock
from councilsite.scaffold import ScaffoldError, months_ahead, slug, yaml_text
from councilsite.starter.council import Council

FILES = Path(__file__).parent / "files"


def markdown_text(value: str) -> str:
    """Plain text in a Markdown paragraph: characters that would start a link, emphasis or HTML escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", value)


def _placeholders(council: Council, given: set[str]) -> str:
    lines = []
    for option, label, value in (("url", "web address", council.url), ("phone", "phone number", council.phone),
                                 ("email", "email address", council.email), ("address", "address", council.address)):
        if option not in given:
            lines.append(f"- the {label}, `{value}`, is made up")
    if council.address_is_placeholder:
        lines.append("- the postcode `XX1 1XX` is a placeholder: write your real postcode in its place")
    if "colour" not in given:
        lines.append("- there is no brand colour yet: add one under `colours: light: brand:`, as `#rrggbb`")
    lines.append(f"- the security contact, `{security_contact(council)}`, under `council/opendata`, is made up: "
                 "give the address where your council takes reports of security problems")
    lines.append("- the opening hours of the place in `content/get-online/places/`")
    return "\n".join(lines)


def security_contact(council: Council) -> str:
    """A placeholder for security.txt's Contact, at the council's own email domain."""
    return f"mailto:security@{council.email.rpartition('@')[2]}"


def _colours_block(council: Council) -> str:
    if not council.colour:
        return ("      # The header colour, as #rrggbb. The build checks white text on it is easy to read.\n"
                "      # colours:\n      #   light:\n      #     brand: \"#rrggbb\"")
    lines = ["      colours:", "        light:", f"          brand: {yaml_text(council.colour)}"]
    if council.link_colour:
        lines.append(f"          link: {yaml_text(council.link_colour)}")
    return "\n".join(lines)


def values(council: Council, given: set[str], today: dt.date) -> dict[str, str]:
    place, street, town, postcode = council.building
    md = markdown_text
    return {
        "name": md(council.name), "name_yaml": yaml_text(council.name), "name_comment": council.name,
        "description_yaml": yaml_text(f"Find council services in {council.town} and do them online."),
        "town_plain": council.town, "town_yaml": yaml_text(council.town), "url_yaml": yaml_text(council.url),
        "phone": md(council.phone), "phone_yaml": yaml_text(council.phone),
        "phone_hours": md(council.phone_hours), "phone_hours_yaml": yaml_text(council.phone_hours),
        "email": md(council.email), "email_yaml": yaml_text(council.email),
        "address": md(council.address), "address_yaml": yaml_text(council.address),
        "colours_block": _colours_block(council), "areas_flow": yaml_text(council.town),
        "place_slug": slug(place), "place_name_yaml": yaml_text(place), "place_street_yaml": yaml_text(street),
        "place_town_yaml": yaml_text(town), "place_postcode_yaml": yaml_text(postcode),
        "today_iso": today.isoformat(), "today_long": f"{today.day} {today:%B %Y}",
        "review_by": months_ahead(today, 6).isoformat(), "placeholder_list": _placeholders(council, given),
        # RFC 9116 asks for an expiry less than a year ahead.
        "security_contact_yaml": yaml_text(security_contact(council)),
        "security_expires": months_ahead(today, 11).isoformat(),
    }


def render(council: Council, given: set[str]) -> dict[Path, str]:
    """Every starter file, by its path in the new folder, filled in."""
    filled = values(council, given, clock.today())
    files = {}
    for source in sorted(FILES.rglob("*")):
        if source.is_file():
            rel = Template(source.relative_to(FILES).as_posix()).substitute(filled)
            files[Path(rel)] = Template(source.read_text(encoding="utf-8")).substitute(filled)
    return files


def write_starter(folder: Path, council: Council, given: set[str]) -> list[Path]:
    """Write the starter into `folder`, which must be new or empty: an editor's work is never mixed in."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder} already exists and is not empty. Choose a new folder name, "
                            "or empty that folder first")
    files = render(council, given)  # all of it, before anything is written
    written = []
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
