"""The Open Referral UK 3.0 feed of a build: its files, checked against the official schemas.

A feed that does not match the standard stops the build with every problem named by file and
field, so a council never publishes a feed the ORUK validator would turn away.
"""
from __future__ import annotations

import datetime as dt

from councilsite.opendata import validate
from councilsite.opendata.oruk import Api, ApiFile, Organisation
from councilsite.opendata.validate import Unavailable
from councilsite.places.directory import DataFile
from councilsite.places.model import Place

SHOWN = 20  # problems listed before "and N more"


class FeedError(ValueError):
    pass


def api_files(places: list[Place], org: Organisation, url_of, today: dt.date, folder: str = "openreferral",
              page_size: int = 50) -> list[ApiFile]:
    return Api(places, org, url_of, today, folder, page_size).files()


def check(files: list[ApiFile]) -> None:
    """Raise FeedError naming every problem, or Unavailable if jsonschema is not installed."""
    problems = validate.check_files((f.path, f.kind, f.data) for f in files)
    if problems:
        more = f"\n  ... and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        raise FeedError(f"The Open Referral UK 3.0 feed does not match the official schemas "
                        f"({len(problems)} problems). This is a fault in councilsite, not in your place files: "
                        "please report it.\n  " + "\n  ".join(problems[:SHOWN]) + more)


def listing(files: list[ApiFile]) -> DataFile:
    """The first page of /services, as the directory's open data section links to it."""
    first = next(f for f in files if f.kind == "page:service_list_item")
    return DataFile(first.path, "Places data in Open Referral UK 3.0 format", "JSON", first.text(),
                    url="/" + first.path)


__all__ = ["FeedError", "Unavailable", "api_files", "check"]
