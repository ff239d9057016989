"""The content checks. Each takes a page and the settings, and yields findings."""
from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from councilsite.checks import slips, words
from councilsite.checks.findings import Finding, shorten
from councilsite.checks.markdown import BARE_URL, Document
from councilsite.checks.readability import reading_age, sentences
from councilsite.content.phones import loose_numbers


@dataclass
class Settings:
    reading_age: float = 11  # a page; GOV.UK aims for 9, and the formula is rough on short texts
    paragraph_reading_age: float = 13
    sentence_words: int = 25
    emphasis_words: int = 8
    acronyms: set[str] = field(default_factory=set)


@dataclass
class PageText:
    path: str  # shown to editors
    src_uri: str  # inside the docs folder, for resolving links
    doc: Document
    meta: dict
    kind: str | None  # "service", "general" or None for pages outside the content model
    existing: set[str]  # every file in the docs folder (src_uri)


Check = Callable[[PageText, Settings], Iterator[tuple[int, str, str]]]
CHECKS: dict[str, Check] = {}


def check(name: str):
    def register(func: Check) -> Check:
        CHECKS[name] = func
        return func
    return register


@check("reading-level")
def reading_level(page: PageText, settings: Settings):
    every = [s for block in page.doc.blocks for s in sentences(block.text)]
    age = reading_age(every)
    if age is not None and age > settings.reading_age:
        first = page.doc.blocks[0].line if page.doc.blocks else 1
        yield (first, f"reading age {math.ceil(age)} for the whole page",
               f"Aim for {settings.reading_age:.0f} or under: use shorter sentences and everyday words.")
    for block in page.doc.blocks:
        age = reading_age(sentences(block.text))
        if age is not None and age > settings.paragraph_reading_age:
            yield (block.line, shorten(block.text),
                   f"This paragraph has a reading age of {math.ceil(age)}. Split long sentences and use shorter words.")


@check("long-sentence")
def long_sentence(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for sentence in sentences(block.text):
            count = len(sentence.words)
            if count > settings.sentence_words:
                yield (block.line_at(sentence.start), shorten(sentence.text),
                       f"This sentence has {count} words. Keep sentences to {settings.sentence_words} words or fewer.")


@check("words-to-avoid")
def words_to_avoid(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for start, found, plain in words.find(block.text):
            yield block.line_at(start), found, f"Write \u201c{plain}\u201d instead."


VAGUE_LINKS = {"click here", "here", "read more", "more", "more information", "find out more", "learn more",
               "this page", "this link", "link", "this", "go", "details", "info"}
DOCUMENT = re.compile(r"\.(pdf|docx?|xlsx?|odt|ods|odp|pptx?|csv|rtf|zip)(?:[?#].*)?$", re.I)
FORMAT_SIZE = re.compile(r"\(\s*[A-Za-z]{2,5},\s*\d+(?:\.\d+)?\s?(?:KB|MB|GB|kB|bytes)\s*(?:,[^)]*)?\)")


@check("link-text")
def link_text(page: PageText, settings: Settings):
    for link in page.doc.links:
        text = re.sub(r"[*_`]", "", link.text).strip().rstrip(".").lower()
        if text in VAGUE_LINKS:
            yield link.line, link.text, "Link text must say where it goes, such as \u201cpay your Council Tax\u201d."
        elif BARE_URL.fullmatch(link.text.strip()) or link.text.strip().startswith(("http://", "https://")):
            yield link.line, link.text, "Do not use a web address as link text: say where the link goes."
    for block in page.doc.raw_blocks:
        for match in BARE_URL.finditer(block.text):
            yield (block.line_at(match.start()), match.group(0),
                   "Turn this web address into a link whose text says where it goes.")


@check("document-link")
def document_link(page: PageText, settings: Settings):
    for link in page.doc.links:
        if DOCUMENT.search(link.target) and not FORMAT_SIZE.search(link.text):
            kind = DOCUMENT.search(link.target).group(1).upper()
            yield (link.line, link.text,
                   f"Say the format and size in the link text, such as \u201c{link.text} ({kind}, 120 KB)\u201d.")


@check("broken-link")
def broken_link(page: PageText, settings: Settings):
    for link in page.doc.links:
        target = link.target.split("#", 1)[0]
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
            continue
        if target.startswith("/"):
            continue  # site paths are checked in the built site by the accessibility audit
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), target))
        candidates = {resolved, resolved.rstrip("/") + "/index.md", resolved.rstrip("/") + ".md"}
        if not candidates & page.existing:
            yield link.line, link.target, "No page has this address. Check the file name, such as ../council-tax/pay.md."


@check("headings")
def headings(page: PageText, settings: Settings):
    seen: dict[str, int] = {}
    previous = 1  # the template's h1 is the page title
    for heading in page.doc.headings:
        if heading.level == 1:
            yield (heading.line, heading.text or "#",
                   "The page title is the only level 1 heading. Start your headings at ## (level 2).")
        elif heading.level > previous + 1:
            yield (heading.line, heading.text,
                   f"This heading skips from level {previous} to level {heading.level}. Use {'#' * (previous + 1)}.")
        if not heading.text:
            yield heading.line, "#" * heading.level, "This heading is empty. Give it words or remove it."
        else:
            key = heading.text.lower()
            if key in seen:
                yield (heading.line, heading.text,
                       f"This heading is the same as the one on line {seen[key]}. Make each heading different.")
            seen.setdefault(key, heading.line)
        previous = max(heading.level, 1)


@check("image-alt")
def image_alt(page: PageText, settings: Settings):
    for image in page.doc.images:
        if not image.text.strip():
            yield (image.line, image.target,
                   "Describe the image in the [square brackets] so people who cannot see it get the same information.")


@check("table-header")
def table_header(page: PageText, settings: Settings):
    for table in page.doc.tables:
        if not any(cell for cell in table.header):
            yield table.line, "| | |", "Give the table a header row that names each column."


CAPS = re.compile(r"\b[A-Z][A-Z'’]{1,}\b(?:\s+\b[A-Z][A-Z'’]+\b)*")
POSTCODE_PART = re.compile(r"^[A-Z]{1,2}\d")


@check("capitals")
def capitals(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for match in CAPS.finditer(block.text):
            # Acronyms and postcodes are names; several capitalised words in a row, or one long
            # one, is shouting.
            words_found = [w for w in match.group(0).split()
                           if not POSTCODE_PART.match(w) and w.strip("'’") not in settings.acronyms]
            if len(words_found) >= 2 or any(len(w) >= 5 for w in words_found):
                yield (block.line_at(match.start()), match.group(0),
                       "Capital letters are harder to read. Write it in sentence case.")


EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![*\w])([*_])(?!\s)(.+?)(?<!\s)\3(?![*\w])")


@check("emphasis")
def emphasis(page: PageText, settings: Settings):
    for block in page.doc.raw_blocks:
        for match in EMPHASIS.finditer(block.source):
            inner = match.group(2) or match.group(4) or ""
            if len(inner.split()) > settings.emphasis_words:
                style = "bold" if match.group(1) else "italics"
                yield (block.line_at(match.start()), shorten(inner),
                       f"Long runs of {style} are hard to read. Use it for a few words at most, or use a heading.")


@check("abbreviations")
def abbreviations(page: PageText, settings: Settings):
    latin = {"e.g.": "for example, or such as", "i.e.": "that is, or rewrite the sentence", "etc.": "list the things, or say 'and more'"}
    for block in page.doc.blocks:
        for match in re.finditer(r"(?<!\w)(e\.g\.|eg\.|i\.e\.|ie\.|etc\.?)(?!\w)", block.text, re.I):
            key = {"eg.": "e.g.", "ie.": "i.e.", "etc": "etc."}.get(match.group(1).lower(), match.group(1).lower())
            yield block.line_at(match.start()), match.group(1), f"Write \u201c{latin[key]}\u201d instead."


@check("phone-number")
def phone_number(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for start, number in loose_numbers(block.text):
            yield (block.line_at(start), number,
                   "This number cannot be tapped to call. Write it as one UK number with spaces, "
                   "such as \u201c01632 960 000\u201d.")


@check("hours")
def hours(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for start, found, fix in slips.contradictory_hours(block.text):
            yield block.line_at(start), found, fix


@check("midday")
def midday(page: PageText, settings: Settings):
    for block in page.doc.blocks:
        for start, found, fix in slips.twelve_oclock(block.text):
            yield block.line_at(start), found, fix


@check("term-case")
def term_case(page: PageText, settings: Settings):
    # Names also come from the title, summary and other front matter the page shows.
    known: dict = {}
    for text in _strings(page.meta):
        for key, written in slips.names(text).items():
            known.setdefault(key, written)
    for block in page.doc.blocks:
        for key, written in slips.names(block.text).items():
            known.setdefault(key, written)
    for block in page.doc.blocks:
        for start, found, fix in slips.lower_case_uses(block.text, known):
            yield block.line_at(start), found, fix


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@check("owner")
def owner(page: PageText, settings: Settings):
    if page.kind and not page.meta.get("owner"):
        yield 1, "no owner", "Add an owner: the team that keeps this page up to date, such as 'owner: Waste services team'."


def run(page: PageText, settings: Settings, enabled: dict[str, str]) -> list[Finding]:
    """Run every check not switched off; `enabled` maps check name to 'warning' or 'error'."""
    found = []
    for name, func in CHECKS.items():
        severity = enabled.get(name, "warning")
        if severity == "off":
            continue
        for line, text, fix in func(page, settings):
            found.append(Finding(name, page.path, line, text, fix, severity))
    return sorted(found, key=lambda f: (f.line, f.check))
