"""Search the built site's index: the query plan, lunr's scoring, results and suggestions.

theme/assets/search.js does exactly this in the browser, from the same files, with lunr.js; a
test runs both on the same queries and compares the rankings.
"""
from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from pathlib import Path

from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token_set import TokenSet
from lunr.vector import Vector

from councilsite.search import suggest, text

PER_PAGE = 20
TYPO_MIN_LETTERS = 5
PHRASE_BOOST = 1


@dataclass(frozen=True)
class Clause:
    term: str
    fields: tuple[str, ...]
    edit_distance: int = 0
    boost: float = 1


@dataclass
class Result:
    title: str
    url: str
    summary: str
    section: str
    online: bool
    score: float


@dataclass
class Answer:
    query: str
    total: int
    results: list[Result]
    page: int
    pages: int
    suggestion: str | None


def query_words(query: str) -> list[str]:
    return text.words(query)[: text.MAX_QUERY_WORDS]


def plan(words: list[str], vocabulary, searched: tuple[str, ...]) -> tuple[list[Clause], set[str]]:
    """The lunr clauses for a query, and the words that match no term as they are.

    A word's stem is looked up as it is; a word of 5 letters or more that is not in the index
    may have one typing mistake ("recyling", "counci"). Neighbouring words also match as a
    phrase in titles, summaries and keywords."""
    clauses: list[Clause] = []
    unknown: set[str] = set()
    stems: list[str] = []
    seen: set[str] = set()
    for word in words:
        if text.is_stop_word(word):
            continue
        term = text.stem(word)
        stems.append(term)
        if term in seen:
            continue
        seen.add(term)
        if term in vocabulary:
            clauses.append(Clause(term, searched))
        else:
            unknown.add(word)
            if len(word) >= TYPO_MIN_LETTERS:
                clauses.append(Clause(term, searched, edit_distance=1))
    for phrase in dict.fromkeys(text.phrases(stems)):
        if phrase in vocabulary:
            clauses.append(Clause(phrase, ("phrase",), boost=PHRASE_BOOST))
    return clauses, unknown


def rank(matches: list[dict]) -> list[tuple[int, float]]:
    """lunr's scores, rounded so that float noise never reorders the two runtimes; ties go to
    the document listed first."""
    ranked = [(int(m["ref"]), math.floor(m["score"] * 1e6 + 0.5) / 1e6) for m in matches]
    ranked.sort(key=lambda r: (-r[1], r[0]))
    return ranked


def make_index(fields: list[str], terms: list[str], chunks: list[dict]) -> Index:
    """A lunr index from term files (all of them on the server, a few in the browser)."""
    position = {t: i for i, t in enumerate(terms)}
    inverted: dict[str, dict] = {}
    vectors: dict[str, list[tuple[int, float]]] = {}
    for chunk in chunks:
        for term, lists in chunk.items():
            posting: dict = {"_index": position[term]}
            for name, flat in zip(fields, lists):
                posting[name] = {}
                for i in range(0, len(flat), 2):
                    ref = str(flat[i])
                    posting[name][ref] = {}
                    vectors.setdefault(f"{name}/{ref}", []).append((position[term], flat[i + 1]))
            inverted[term] = posting
    field_vectors = {}
    for ref, pairs in vectors.items():
        pairs.sort()
        field_vectors[ref] = Vector([x for pair in pairs for x in pair])
    return Index(inverted_index=inverted, field_vectors=field_vectors,
                 token_set=TokenSet.from_list(sorted(inverted)), fields=list(fields), pipeline=Pipeline())


def run(index: Index, clauses: list[Clause]) -> list[dict]:
    if not clauses:
        return []
    query = index.create_query()
    for c in clauses:
        query.term(c.term, fields=list(c.fields), edit_distance=c.edit_distance, boost=c.boost,
                   use_pipeline=False)
    return index.query(query)


class SiteSearch:
    """The whole index of one built site, loaded once (a server keeps it for its lifetime)."""

    def __init__(self, site_dir: Path):
        root = Path(site_dir) / "search"
        self.meta = json.loads((root / "index.json").read_text(encoding="utf-8"))
        self.fields = self.meta["fields"]
        self.searched = tuple(self.meta["searched"])
        self.terms = self.meta["terms"]
        self.vocabulary = set(self.terms)
        self._position = {t: i for i, t in enumerate(self.terms)}
        chunks = [json.loads((root / "t" / f"{n}.json").read_text(encoding="utf-8"))
                  for n in range(len(self.meta["starts"]))]
        self.index = make_index(self.fields, self.terms, chunks)
        self.records = []
        per = self.meta["docsPerFile"]
        for n in range(0, self.meta["docs"], per):
            self.records += json.loads((root / "d" / f"{n // per}.json").read_text(encoding="utf-8"))
        self.words = json.loads((root / "words.json").read_text(encoding="utf-8"))

    def ranked(self, query: str) -> tuple[list[tuple[int, float]], list[str], set[str]]:
        words = query_words(query)
        clauses, unknown = plan(words, self.vocabulary, self.searched)
        return rank(run(self.index, clauses)), words, unknown

    def search(self, query: str, page: int = 1) -> Answer:
        ranked, words, unknown = self.ranked(query)
        pages = max(1, -(-len(ranked) // PER_PAGE))
        page = min(max(1, page), pages)
        shown = ranked[(page - 1) * PER_PAGE: page * PER_PAGE]
        results = []
        for ref, score in shown:
            title, url, summary, section, online = self.records[ref]
            results.append(Result(title, url, summary, section, bool(online), score))
        better = suggest.suggestion(words, unknown, self.words) if unknown else None
        return Answer(query=" ".join(query.split()), total=len(ranked), results=results, page=page,
                      pages=pages, suggestion=better)

    def files_for(self, query: str, page: int = 1) -> list[str]:
        """The files under search/ that search.js fetches for this search, in fetch order: the
        vocabulary, the term files its words (and their one-typo neighbours) are in, the words
        list if a word is unknown, and the records of the results shown."""
        ranked, words, unknown = self.ranked(query)
        clauses, _ = plan(words, self.vocabulary, self.searched)
        starts = self.meta["starts"]
        chunks: set[int] = set()
        for c in clauses:
            reached = (self.index.token_set.intersect(TokenSet.from_fuzzy_string(c.term, c.edit_distance)).to_list()
                       if c.edit_distance else [c.term])
            for term in reached:
                chunks.add(bisect.bisect_right(starts, self._position[term]) - 1)
        per = self.meta["docsPerFile"]
        shown = ranked[(max(1, page) - 1) * PER_PAGE: max(1, page) * PER_PAGE]
        docs = sorted({ref // per for ref, _ in shown})
        return (["index.json"] + [f"t/{n}.json" for n in sorted(chunks)]
                + (["words.json"] if unknown else []) + [f"d/{n}.json" for n in docs])
