"""Checks for slips a machine can catch: unlinkable phone numbers, contradictory hours, "12pm",
a term in two cases. Each fires on the slip and stays quiet on correct text."""
import textwrap

import pytest

from councilsite.checks.markdown import parse
from councilsite.checks.rules import CHECKS, PageText, Settings, run


def findings(body, check):
    page = PageText("content/bins/test.md", "bins/test.md", parse(textwrap.dedent(body), first_line=6),
                    {"owner": "Web team"}, "service", {"bins/test.md"})
    levels = {name: ("warning" if name == check else "off") for name in CHECKS}
    return [(f.line, f.text) for f in run(page, Settings(), levels)]


def test_phone_number_written_so_it_cannot_be_linked():
    assert findings("Intro.\n\nCall 01632 960 / 005 today.\n", "phone-number") == [(8, "01632 960 / 005")]
    assert findings("Call 01632 96 000.\n", "phone-number") == [(6, "01632 96 000")]


def test_phone_number_is_quiet_on_good_numbers_and_in_code():
    assert findings("Call 01632 960 005 or +44 20 7946 0000. Dial 18001 first. `01632 960 / 005`\n",
                    "phone-number") == []
