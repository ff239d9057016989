"""The council's brand: colours checked for WCAG contrast, turned into CSS custom properties."""
from __future__ import annotations

import re
from dataclasses import dataclass

HEX = re.compile(r"#([0-9a-fA-F]{6})")


def luminance(colour: str) -> float:
    match = HEX.fullmatch(colour.strip())
    if not match:
        raise ValueError(f"'{colour}' is not a colour written as #rrggbb")
    channels = [int(match.group(1)[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two #rrggbb colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Neutral defaults in the GOV.UK spirit, belonging to no council: a dark grey header, GOV.UK's
# link blue and green button. Every one is re-checked against what a council configures.
LIGHT = {
    "text": "#0b0c0c", "background": "#ffffff", "secondary-text": "#484949", "border": "#6f777b",
    "brand": "#2e3538", "brand-text": "#ffffff", "link": "#1d70b8", "link-visited": "#4c2c92",
    "link-hover": "#003078", "button": "#00703c", "button-text": "#ffffff", "focus": "#ffdd00",
    "focus-text": "#0b0c0c", "panel": "#f3f2f1", "alert": "#2e3538", "alert-text": "#ffffff",
    "error": "#ca3535",  # GOV.UK's #d4351c is 4.34:1 on the panel colour, below 4.5
}
DARK = {
    "text": "#f3f2f1", "background": "#0b0c0c", "secondary-text": "#c5c8ca", "border": "#949b9f",
    "brand": "#2e3538", "brand-text": "#ffffff", "link": "#8fc1ff", "link-visited": "#d3b8ff",
    "link-hover": "#c2ddff", "button": "#00703c", "button-text": "#ffffff", "focus": "#ffdd00",
    "focus-text": "#0b0c0c", "panel": "#1f2326", "alert": "#8fc1ff", "alert-text": "#0b0c0c",
    "error": "#ff8a80",
}

# (foreground, background, minimum ratio, what it is) for every pair the theme draws.
PAIRS = [
    ("text", "background", 4.5, "body text"),
    ("text", "panel", 4.5, "text in boxes"),
    ("secondary-text", "background", 4.5, "hints and dates"),
    ("secondary-text", "panel", 4.5, "hints in boxes"),
    ("link", "background", 4.5, "links"),
    ("link", "panel", 4.5, "links in boxes"),
    ("link-visited", "background", 4.5, "visited links"),
    ("link-hover", "background", 4.5, "links under the pointer"),
    ("brand-text", "brand", 4.5, "the header"),
    ("button-text", "button", 4.5, "the Start now button"),
    ("focus-text", "focus", 4.5, "the focused link"),
    ("alert-text", "alert", 4.5, "the alert banner heading"),
    ("error", "background", 4.5, "error messages"),
    ("error", "panel", 4.5, "error messages in boxes"),
    ("border", "background", 3.0, "form field borders"),
]


@dataclass
class Palette:
    light: dict[str, str]
    dark: dict[str, str]

    def problems(self) -> list[str]:
        found = []
        for scheme, colours in (("light", self.light), ("dark", self.dark)):
            for fg, bg, minimum, what in PAIRS:
                try:
                    ratio = contrast(colours[fg], colours[bg])
                except ValueError as exc:
                    found.append(f"colours.{scheme}.{fg}: {exc}")
                    break
                if ratio < minimum:
                    found.append(
                        f"colours.{scheme}: {what} ({fg} {colours[fg]} on {bg} {colours[bg]}) has a contrast "
                        f"of {ratio:.2f}:1; it needs at least {minimum}:1"
                    )
        return found

    def css(self) -> str:
        def block(colours):
            return ";".join(f"--c-{name}:{value}" for name, value in colours.items())

        return (f":root{{color-scheme:light dark;{block(self.light)}}}\n"
                f"@media (prefers-color-scheme: dark){{:root{{{block(self.dark)}}}}}\n")


def palette(light: dict | None = None, dark: dict | None = None) -> Palette:
    light, dark = dict(light or {}), dict(dark or {})
    unknown = [f"colours.light.{k}" for k in light if k not in LIGHT]
    unknown += [f"colours.dark.{k}" for k in dark if k not in DARK]
    if unknown:
        raise ValueError(f"unknown colour names: {', '.join(unknown)}. Known: {', '.join(LIGHT)}")
    for value in [*light.values(), *dark.values()]:
        luminance(value)  # a malformed colour is named here, before anything is derived from it
    # The header and the alert wear the council's brand unless it says otherwise.
    light.setdefault("alert", light.get("brand", LIGHT["alert"]))
    if "brand-text" in light:
        light.setdefault("alert-text", light["brand-text"])
    full_light = {**LIGHT, **light}
    return Palette(full_light, {**DARK, **derived_dark(light, full_light), **dark})


def derived_dark(light: dict, full_light: dict) -> dict:
    """Dark-scheme colours for a council that set only its light ones.

    Solid fills (header, button) keep the council's colours, since they carry their own text
    colour; colours drawn on the dark background (links, the alert) are the council's own,
    lightened until they read on it.
    """
    derived = {}
    for name in ("brand", "brand-text", "button", "button-text"):
        if name in light:
            derived[name] = light[name]
    if "link" in light:
        derived["link"] = lighten_to(light["link"], (DARK["background"], DARK["panel"]), 6.0)
        derived["link-hover"] = lighten_to(light["link"], (DARK["background"],), 9.0)
    if "brand" in light or "link" in light:
        derived["alert"] = lighten_to(light.get("link", full_light["brand"]), (DARK["alert-text"],), 7.0)
    return derived


def lighten_to(colour: str, backgrounds: tuple[str, ...], ratio: float) -> str:
    """The colour mixed with white, as little as gives at least `ratio` on every background."""
    match = HEX.fullmatch(colour.strip())
    rgb = [int(match.group(1)[i:i + 2], 16) for i in (0, 2, 4)]
    for step in range(0, 101):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 100):02x}" for c in rgb)
        if all(contrast(mixed, bg) >= ratio for bg in backgrounds):
            return mixed
    return "#ffffff"


def default_other_ways(contact: dict) -> dict:
    """The council's general contact details, for a service page that names no other ways."""
    ways: dict = {"email": contact.get("email")}
    if contact.get("phone"):
        ways["phone"] = {"number": contact["phone"], "hours": contact.get("phone_hours")}
    if contact.get("address"):
        ways["post"] = contact["address"]
    return ways
