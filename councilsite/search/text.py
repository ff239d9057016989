"""Words to index terms, the same way in Python and in theme/assets/search.js.

Text is folded to lower-case ASCII letters and digits first, so lunr's tokeniser and trimmer
behave the same in both runtimes (Python's \\W knows Unicode, JavaScript's does not). Then stop
words go and lunr.js's Porter stemmer (councilsite.search.stemmer) makes "bins" "bin" and "recycling" "recycl".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lunr.stop_word_filter import stop_word_filter

from councilsite.search import stemmer

_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHES = re.compile("['\u2019]")
_OTHER = re.compile("[^a-z0-9]+")
PHRASE_JOIN = "_"
MAX_QUERY_WORDS = 12


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = _APOSTROPHES.sub("", _MARKS.sub("", text))
    return _OTHER.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return normalise(text).split()


@lru_cache(maxsize=200_000)
def is_stop_word(word: str) -> bool:
    return stop_word_filter(word) is None


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return stemmer.stem(word)


def terms(text: str) -> list[str]:
    return [stem(w) for w in words(text) if not is_stop_word(w)]


def phrases(term_list: list[str]) -> list[str]:
    """Neighbouring terms joined, so "council tax" matches as a phrase, above "council" and "tax"
    apart."""
    return [a + PHRASE_JOIN + b for a, b in zip(term_list, term_list[1:])]
