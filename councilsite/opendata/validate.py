"""Check the Open Referral UK 3.0 files against the official compiled schemas (shipped in
schemas/oruk-3.0, CC BY-SA 4.0), with the `jsonschema` package.

The compiled schemas name formats (uuid, uri, email, date-time) but leave most dates as plain
strings; a JSON Schema validator checks formats only when asked, so we ask, and add the formats
the standard's descriptions require in words (YYYY-MM-DD dates, HH:MM times with a UTC offset).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

SCHEMAS = Path(__file__).parent / "schemas" / "oruk-3.0"

# Which schema checks which response, by the kind the API writer gives each file.
ITEM_SCHEMAS = {
    "root": "root.json",
    "service": "service.json",
    "service_list_item": "service_list.json",
    "service_at_location_list_item": "service_at_location_list.json",
    "organization": "organization.json",
    "organization_list_item": "organization_list.json",
    "taxonomy": ("service_with_definitions.json", "taxonomy"),
    "taxonomy_term": ("service_with_definitions.json", "taxonomy_term"),
    "phone": ("service_with_definitions.json", "phone"),
}
PAGE_KEYS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents")
DATE_FIELDS = {"valid_from", "valid_to", "dtstart", "assured_date"}
TIME_FIELDS = {"opens_at", "closes_at"}
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])")


class Unavailable(RuntimeError):
    """jsonschema is not installed (a slim install)."""


def _load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@cache
def schema_for(kind: str) -> dict:
    """The official schema for one kind of object, or for a page of them ("page:<kind>")."""
    if kind.startswith("page:"):
        page, item = _load("page.json"), dict(schema_for(kind[5:]))
        # "#/definitions/..." references resolve from the document's root, so they move up to it.
        definitions = item.pop("definitions", {})
        return {"definitions": definitions,
                "allOf": [page, {"type": "object", "required": list(PAGE_KEYS),
                                 "properties": {"contents": {"type": "array", "items": item}}}]}
    source = ITEM_SCHEMAS[kind]
    if isinstance(source, tuple):
        whole = _load(source[0])
        return {"definitions": whole["definitions"], "allOf": [{"$ref": f"#/definitions/{source[1]}"}]}
    return _load(source)


def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "tel", "urn"))


def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_uuid(value) -> bool:
    return not isinstance(value, str) or bool(_UUID.fullmatch(value))


@cache
def _validator_class():
    try:
        import jsonschema
    except ImportError:
        raise Unavailable("the jsonschema package is not installed") from None
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("uuid")(_is_uuid)
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(_is_date_time)
    checker.checks("email")(lambda v: not isinstance(v, str) or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v))
    return jsonschema.Draft7Validator, checker


def _words(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "(the whole file)"


def _extra_problems(data, path=()) -> list[str]:
    """Dates and times the standard describes in words, checked wherever they appear."""
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            here = path + (key,)
            if key in DATE_FIELDS and isinstance(value, str):
                try:
                    dt.date.fromisoformat(value)
                    ok = len(value) == 10
                except ValueError:
                    ok = False
                if not ok:
                    problems.append(f"{_words(here)}: '{value}' is not a date as YYYY-MM-DD")
            elif key in TIME_FIELDS and isinstance(value, str) and not _TIME.fullmatch(value):
                problems.append(f"{_words(here)}: '{value}' is not a time as HH:MM with its UTC offset, such as 09:00+01:00")
            else:
                problems += _extra_problems(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems += _extra_problems(value, path + (index,))
    return problems


@cache
def _validator(kind: str):
    validator_class, checker = _validator_class()
    return validator_class(schema_for(kind), format_checker=checker)


def problems(data, kind: str) -> list[str]:
    """Everything wrong with `data` as `kind`, each as 'where: what', or [] if it is valid."""
    validator = _validator(kind)
    found = [f"{_words(e.absolute_path)}: {e.message}"
             for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))]
    if kind == "service" and isinstance(data, dict):
        # HSDS 3.0 phones, which the UK profile's compiled service leaves out but allows: checked
        # against the profile's own phone definition.
        phone = _validator("phone")
        for index, item in enumerate(data.get("phones") or []):
            found += [f"phones[{index}].{_words(e.absolute_path)}: {e.message}".replace(".(the whole file)", "")
                      for e in phone.iter_errors(item)]
    return found + _extra_problems(data)


def check_files(files, shown: str = "") -> list[str]:
    """Check every (path, kind, data) of an API; the problems name the file."""
    out = []
    for path, kind, data in files:
        out += [f"{shown}{path}: {problem}" for problem in problems(data, kind)]
    return out


# -- a built feed, by its addresses --------------------------------------------------------------

_LIST_ITEMS = {"services": "service_list_item", "service_at_locations": "service_at_location_list_item",
               "organizations": "organization_list_item", "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term"}
_SINGLE = {"services": "service", "organizations": "organization", "taxonomies": "taxonomy",
           "taxonomy_terms": "taxonomy_term"}


def kind_of(relative: str) -> str | None:
    """The kind of answer a feed file gives, from its address: 'services/index.json' is a page of
    services, 'services/<id>/index.json' one service. None for a file the API does not name."""
    parts = relative.removesuffix("index.json").strip("/").split("/")
    if parts == [""]:
        return "root"
    if len(parts) == 1 or (len(parts) == 3 and parts[1] == "page" and parts[2].isdigit()):
        return "page:" + _LIST_ITEMS[parts[0]] if parts[0] in _LIST_ITEMS else None
    if len(parts) == 2:
        return _SINGLE.get(parts[0])
    return None


def check_folder(folder: Path) -> list[str]:
    """Check every index.json of a built feed (such as build/site/openreferral) against the schemas."""
    out = []
    for file in sorted(Path(folder).rglob("index.json")):
        relative = file.relative_to(folder).as_posix()
        kind = kind_of(relative)
        if kind is None:
            out.append(f"{relative}: not an address the Open Referral UK 3.0 API names")
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            out.append(f"{relative}: not JSON ({exc})")
            continue
        out += [f"{relative}: {p}" for p in problems(data, kind)]
    return out


def main(argv=None) -> int:
    import sys

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0] if args else "build/site/openreferral")
    if (folder / "openreferral").is_dir():
        folder = folder / "openreferral"
    if not (folder / "index.json").is_file():
        print(f"{folder}: no Open Referral UK feed here (no index.json). Give the feed's folder, "
              "such as build/site/openreferral", file=sys.stderr)
        return 2
    try:
        found = check_folder(folder)
    except Unavailable as exc:
        print(f"{exc}: pip install jsonschema (or councilsite[audit])", file=sys.stderr)
        return 2
    count = sum(1 for _ in folder.rglob("index.json"))
    for problem in found:
        print(problem)
    print(f"{count} files checked against Open Referral UK 3.0: "
          + (f"{len(found)} problems" if found else "all match the official schemas"))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
