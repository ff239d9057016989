"""UK phone numbers in page text become tap-to-call links, kept on one line.

Residents on phones should be able to tap a number rather than copy it. The Markdown extension
finds UK numbers in the text of every page (not in links, code or headings) and wraps each in
`<a class="phone-number" href="tel:+44...">`; the theme keeps its digits on one line with
`white-space: nowrap` (GOV.UK's advice for numbers). Editors opt out for a whole page with `phone_links: false` in its front
matter, or for one number by writing a backslash before it (`\\01632 960 000`), which is removed.

`loose_numbers` finds numbers written so they cannot be linked (a slash inside, a digit missing),
for the content checks.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

# A UK number: 0 or +44 (optionally "(0)"), then 9 or 10 more digits in groups separated by single
# spaces, non-breaking spaces or hyphens; the area code may sit in brackets.
_SEP = r"[ \u00a0-]?"
NUMBER = re.compile(
    r"(?<![\w/+.\\-])(?P<optout>\\)?"
    r"(?P<number>(?:\+44" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)\d(?:\)?" + _SEP + r"\d){8,9})"
    r"(?![\w/-]|\.\d)"
)
# Anything that looks as if it was meant to be a phone number: a 0 or +44 followed by digits and
# the separators people use, with at least 8 digits in all.
LOOSE = re.compile(r"(?<![\w/+.-])(?:\+44|\(?0)[\d ()./\u00a0-]{6,}\d(?![\w])")
SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}


def national_digits(number: str) -> str:
    """The number's digits as dialled in the UK: 01632960000."""
    digits = re.sub(r"\D", "", number)
    if number.lstrip().startswith("+44"):
        digits = digits[2:]
        if "(0)" in number:
            digits = digits[1:]
        digits = "0" + digits
    return digits


def tel_href(number: str) -> str:
    """tel: address in international form (RFC 3966), which every phone dials correctly."""
    return "tel:+44" + national_digits(number)[1:]


def is_valid(number: str) -> bool:
    """11 digits, or 10 for freephone (0800, 0500) and the few areas with 5-digit local numbers
    (written with their last group of 4 or more digits, as in "016977 4567"): "01632 960 00" is
    a number with a digit missing."""
    digits = national_digits(number)
    if not digits.startswith("0") or digits[1] == "0":
        return False
    if len(digits) == 11:
        return True
    groups = re.findall(r"\d+", number.replace("+44", ""))
    return len(digits) == 10 and (digits.startswith(("0800", "0500")) or
                                  (digits.startswith("01") and len(groups[-1]) >= 4))


def find_numbers(text: str):
    """(start, end, number, opted_out) for each linkable UK number in `text`."""
    for match in NUMBER.finditer(text):
        number = match.group("number")
        if number.startswith("(") and ")" not in number:
            number = number[1:]
        if is_valid(number):
            yield match.start(), match.end(), number, bool(match.group("optout"))


def loose_numbers(text: str):
    """(offset, text) of each number that looks meant as a phone number but cannot be linked."""
    linked = [(start, end) for start, end, _, _ in find_numbers(text)]
    for match in LOOSE.finditer(text):
        candidate = match.group(0).rstrip(" .-")
        if len(re.sub(r"\D", "", candidate)) < 8:
            continue
        if any(start <= match.start() < end or match.start() <= start < match.end() for start, end in linked):
            continue
        yield match.start(), candidate


class PhoneLinks(Treeprocessor):
    def __init__(self, md, extension: "PhoneLinksExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        enabled = self.extension.enabled
        self._walk(root, enabled)

    def _walk(self, element: etree.Element, enabled: bool) -> None:
        if element.tag in SKIP_TAGS:
            return
        for child in list(element):
            self._walk(child, enabled)
        if element.text:
            new = self._split(element.text, enabled)
            if new is not None:
                element.text, nodes = new
                for index, node in enumerate(nodes):
                    element.insert(index, node)
        for index, child in reversed(list(enumerate(element))):
            if child.tail:
                new = self._split(child.tail, enabled)
                if new is not None:
                    child.tail, nodes = new
                    for offset, node in enumerate(nodes, start=1):
                        element.insert(index + offset, node)

    def _split(self, text: str, enabled: bool):
        """(text before the first number, the links with the text after each), or None."""
        found = list(find_numbers(text))
        if not found:
            return None
        head, nodes, position = None, [], 0
        pieces: list[str] = []
        for start, end, number, opted_out in found:
            before = text[position:start]
            if opted_out or not enabled:
                # Keep the number as text (dropping the editor's backslash).
                pieces.append(before + number)
                position = end
                continue
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + "".join(pieces) + before
            else:
                head = "".join(pieces) + before
            pieces = []
            link = etree.Element("a", {"class": "phone-number", "href": tel_href(number)})
            link.text = number
            nodes.append(link)
            position = end
        rest = "".join(pieces) + text[position:]
        if nodes:
            nodes[-1].tail = (nodes[-1].tail or "") + rest
            return head, nodes
        return rest, []


class PhoneLinksExtension(Extension):
    """Register with `markdown.Markdown(extensions=[PhoneLinksExtension()])`. `enabled` is
    switched per page by the content plugin (front matter `phone_links: false`)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.enabled = True

    def extendMarkdown(self, md) -> None:
        # After inline processing (priority 20) so links and code already exist as elements,
        # before prettify (10).
        md.treeprocessors.register(PhoneLinks(md, self), "councilsite_phone_links", 15)


def makeExtension(**kwargs):  # the name Python-Markdown looks for
    return PhoneLinksExtension(**kwargs)
