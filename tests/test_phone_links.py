"""UK phone numbers in page text become tel: links, with an opt-out per page and per number."""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from councilsite.content.phones import PhoneLinksExtension, is_valid, loose_numbers, tel_href
from sitebuilder import make_site, service


def render(text: str, enabled: bool = True) -> BeautifulSoup:
    ext = PhoneLinksExtension()
    ext.enabled = enabled
    return BeautifulSoup(markdown.markdown(text, extensions=["tables", ext]), "html.parser")


@pytest.mark.parametrize("written, href", [
    ("01632 960 999", "tel:+441632960999"),
    ("01632960999", "tel:+441632960999"),
    ("020 7946 0000", "tel:+442079460000"),
    ("0800 123 456", "tel:+44800123456"),
    ("07700 900123", "tel:+447700900123"),
    ("+44 1632 960 000", "tel:+441632960000"),
    ("+44 (0)1632 960 000", "tel:+441632960000"),
    ("(01632) 960 000", "tel:+441632960000"),
    ("01632-960-000", "tel:+441632960000"),
])
def test_uk_numbers_in_text_become_tel_links(written, href):
    soup = render(f"At evenings, phone our emergency line on {written}. We answer at any time.")
    link = soup.find("a")
    assert link is not None, written
    assert link["href"] == href
    assert link.get_text() == written
    assert "phone-number" in link["class"]
    # The words around the number are kept, in order.
    assert soup.p.get_text() == f"At evenings, phone our emergency line on {written}. We answer at any time."


def test_several_numbers_in_lists_and_tables_each_get_a_link():
    soup = render("- phone: 01632 960 000\n- textphone: dial 18001 then 01632 960 001\n\n"
                  "| Team | Phone |\n| --- | --- |\n| Bins | 01632 960 010 |\n| Tax | 01632 960 020 or 01632 960 021 |\n")
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert hrefs == ["tel:+441632960000", "tel:+441632960001", "tel:+441632960010",
                     "tel:+441632960020", "tel:+441632960021"]
    assert soup.find_all("td")[-1].get_text() == "01632 960 020 or 01632 960 021"


@pytest.mark.parametrize("text", [
    "Reference 2026-11-22 and 123 456 7890.",  # not a UK number
    "Pay £1,234,567,890 by 2027.",
    "`01632 960 000` in code",
    "[Call 01632 960 000](https://example.org/call)",
    "Dial 999 or 111.",
    "Your account number is 00123456789.",  # 00 is an international prefix, not a UK number
])
def test_leaves_alone_what_is_not_a_number_or_already_a_link(text):
    soup = render(text)
    assert not [a for a in soup.find_all("a") if a["href"].startswith("tel:")]


def test_headings_keep_numbers_as_text():
    soup = render("## Call 01632 960 000\n\nText.")
    assert soup.h2.find("a") is None


def test_a_backslash_keeps_one_number_as_text_and_is_removed():
    soup = render("Fax \\01632 960 001 is closed. Phone 01632 960 000.")
    assert [a["href"] for a in soup.find_all("a")] == ["tel:+441632960000"]
    assert soup.p.get_text() == "Fax 01632 960 001 is closed. Phone 01632 960 000."


def test_switched_off_keeps_every_number_as_text():
    soup = render("Phone 01632 960 000 or \\01632 960 001.", enabled=False)
    assert soup.find("a") is None
    assert soup.p.get_text() == "Phone 01632 960 000 or 01632 960 001."


def test_validity_and_href():
    assert is_valid("01632 960 000") and is_valid("0800 123 456")
    assert not is_valid("01632 960 00") and not is_valid("01632 960 0000 1")
    assert tel_href("+44 (0)20 7946 0000") == "tel:+442079460000"


@pytest.mark.parametrize("text, found", [
    ("Call 01632 960 / 005 today.", "01632 960 / 005"),
    ("Call 01632 960 00 today.", "01632 960 00"),
    ("Call 01632.960.000 today.", "01632.960.000"),
])
def test_loose_numbers_are_the_ones_that_cannot_be_linked(text, found):
    assert [number for _, number in loose_numbers(text)] == [found]


@pytest.mark.parametrize("text", [
    "Call 01632 960 000 or 020 7946 0000.",
    "On 2026-11-22 at 10am, 3 bins, £120.50.",
    "Postcode EM1 1AA, Relay UK 18001.",
])
def test_loose_numbers_is_quiet_on_good_numbers_and_other_figures(text):
    assert list(loose_numbers(text)) == []


def test_a_built_page_links_numbers_and_front_matter_switches_them_off(tmp_path):
    site = make_site(tmp_path, {
        "bins/report.md": service("Report a missed bin") + "\nPhone 01632 960 010 to report it.\n",
        "bins/plain.md": service("Old fax numbers", phone_links=False) + "\nFax 01632 960 011.\n",
    })
    links = site.html("bins/report/").select("main a.phone-number")
    assert [a["href"] for a in links] == ["tel:+441632960010"]
    assert not site.html("bins/plain/").select("main .prose a[href^='tel:'], main a.phone-number")
    assert "Fax 01632 960 011." in site.html("bins/plain/").get_text()
