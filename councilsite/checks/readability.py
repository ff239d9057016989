"""Sentence splitting, syllable counting and Flesch-Kincaid reading age, for English prose."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,:]\d+)*")
# Full stops that do not end a sentence.
ABBREVIATIONS = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Tel|approx|e\.g|i\.e|etc|vs|Ltd|Co)\.", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9£])|[.!?:]\s*$")


@dataclass(frozen=True)
class Sentence:
    start: int  # offset in the block's text
    text: str

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@functools.lru_cache(maxsize=4096)  # each block is split by several checks
def sentences(text: str) -> tuple[Sentence, ...]:
    masked = ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\0"), text)
    found, start = [], 0
    for match in SENTENCE_END.finditer(masked):
        chunk = text[start:match.end()]
        if chunk.strip():
            found.append(Sentence(start + len(chunk) - len(chunk.lstrip()), chunk.strip()))
        start = match.end()
    rest = text[start:]
    if rest.strip():
        found.append(Sentence(start + len(rest) - len(rest.lstrip()), rest.strip()))
    return tuple(found)


@functools.lru_cache(maxsize=65536)  # the same few thousand words come up on every page
def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if not word or word[0].isdigit():
        return 1
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


ADDRESS = re.compile(r"\S+@\S+|(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}\S*", re.I)
# Two or more capitalised words in a row name a thing (Universal Credit, Information
# Commissioner's Office): a reader knows the name, so it counts as one short word.
NAME = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’]*(?:\s+(?:of|and|for|the)?\s*[A-Z][\w'’]*)+")


@functools.lru_cache(maxsize=16384)  # a page's sentences are scored again for the whole page
def _scored_words(sentence: Sentence) -> tuple[str, ...]:
    text = ADDRESS.sub("it", sentence.text)
    text = NAME.sub("it", text)
    return tuple(WORD.findall(text))


def grade(sentence_list) -> float | None:
    """Flesch-Kincaid grade level; None when there is too little text to judge."""
    words = [w for s in sentence_list for w in _scored_words(s)]
    if len(words) < 30 or not sentence_list:
        return None
    syllable_count = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(sentence_list) + 11.8 * syllable_count / len(words) - 15.59


def reading_age(sentence_list) -> float | None:
    """UK reading age: the US school grade plus five years."""
    value = grade(sentence_list)
    return None if value is None else value + 5
