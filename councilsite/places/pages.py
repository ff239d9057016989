"""What the places section adds to the site, engine-neutral: the directory, a page per filter and
the open data files. The place pages are the editors' own Markdown files."""
from __future__ import annotations

import datetime as dt
import json

from councilsite.content.pages import Generated
from councilsite.places import csv_export, openreferral
from councilsite.places.directory import DataFile, Directory

DIRECTORY_TEMPLATE = "places-directory.html"
PLACE_TEMPLATE = "place.html"
DATA_NAME = "places"


def directory_pages(directory: Directory, folder: str) -> list[Generated]:
    """The directory itself, then one page per filter (facility, then area)."""
    pages = [Generated(f"{folder}/index.md", directory.title, directory.summary, DIRECTORY_TEMPLATE)]
    for flt in directory.filters:
        summary = (f"{flt.title}: addresses, opening hours and what else they offer." if flt.kind == "facility"
                   else f"{flt.title} to get online: WiFi, computers and help, with addresses and opening hours.")
        pages.append(Generated(f"{folder}/{flt.slug}/index.md", flt.title, summary, DIRECTORY_TEMPLATE))
    return pages


def reserved_names(directory: Directory) -> set[str]:
    """File names a place may not have, because a generated page or file needs them."""
    return {"index", DATA_NAME} | {flt.slug for flt in directory.filters}


def data_files(directory: Directory, folder: str, org: openreferral.Organisation, url_of,
               today: dt.date) -> list[DataFile]:
    oruk = openreferral.services_page(directory.places, org, url_of, today)
    table = csv_export.rows(directory.places, url_of, today)
    return [
        DataFile(f"{folder}/{DATA_NAME}.json", "Places data in the older Open Referral UK 1.0 format", "JSON",
                 json.dumps(oruk, ensure_ascii=False, separators=(",", ":")) + "\n"),
        DataFile(f"{folder}/{DATA_NAME}.csv", "Places data as a spreadsheet", "CSV", csv_export.to_csv(table)),
    ]
