"""Build the site's search index with lunr, then cut it into small files.

lunr scores a document field by field: a term's weight in a field is BM25, times the field's
boost, times the document's boost, and a document's score is the sum over fields of the query
vector's dot product with that field's vector. A dot product needs only the components of the
terms searched for, so the index can be split by term: a search fetches the vocabulary, the few
term files its words (and their one-typo neighbours) fall in, and the records of the results it
shows. engine.py puts the same files back together into a lunr index, in Python and in the browser.

Files, under search/ in the built site:
  index.json     fields, every term (sorted) and where each term file starts
  t/N.json       postings: term -> one list per field of [document, weight, document, weight...]
  d/N.json       result records: [title, url, summary, section, online] for DOCS_PER_FILE documents
  words.json     the site's words and how many pages use them, for "Did you mean ...?"
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lunr.builder import Builder

from councilsite.search import text

FORMAT = 1
# Title first, then what editors say a page is about, then what it says.
FIELDS = (("title", 10), ("keywords", 6), ("phrase", 6), ("headings", 3), ("summary", 2), ("body", 1))
SEARCHED = tuple(name for name, _ in FIELDS if name != "phrase")
ONLINE_BOOST = 1.5   # a "Do it online" task above a page about the same thing
DOCS_PER_FILE = 20
TERM_FILE_BYTES = 12_000  # raw; a term with a longer posting list gets a file of its own
MAX_WORDS = 6000


@dataclass
class Document:
    title: str
    url: str            # from the site root, no leading slash
    summary: str = ""
    section: str = ""
    online: bool = False
    keywords: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: str = ""

    def record(self) -> list:
        return [self.title, self.url, self.summary, self.section, 1 if self.online else 0]

    def fields(self) -> dict[str, str]:
        phrases = []
        for part in [self.title, self.summary, *self.keywords]:
            phrases += text.phrases(text.terms(part))
        return {
            "title": " ".join(text.terms(self.title)),
            "keywords": " ".join(text.terms(" . ".join(self.keywords))),
            "phrase": " ".join(phrases),
            "headings": " ".join(text.terms(" . ".join(self.headings))),
            "summary": " ".join(text.terms(self.summary)),
            "body": " ".join(text.terms(self.body)),
        }


def lunr_index(documents: list[Document]):
    """The lunr index itself. Text is turned into terms by councilsite.search.text (so that the
    browser turns queries into the same terms), so lunr's own pipeline is left empty."""
    builder = Builder()
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for i, doc in enumerate(documents):
        builder.add({"id": str(i), **doc.fields()}, {"boost": ONLINE_BOOST} if doc.online else None)
    return builder.build()


def split(index, documents: list[Document]) -> dict[str, object]:
    """The files to write (path under search/ -> JSON value)."""
    names = [name for name, _ in FIELDS]
    terms = sorted(index.inverted_index)
    position = {term: i for i, term in enumerate(terms)}
    by_builder_index = {posting["_index"]: term for term, posting in index.inverted_index.items()}
    weights: dict[str, dict[str, float]] = {}
    for ref, vector in index.field_vectors.items():
        elements = list(vector.elements)
        weights[ref] = {by_builder_index[elements[i]]: elements[i + 1] for i in range(0, len(elements), 2)}

    files: dict[str, object] = {}
    starts, chunk, size = [], {}, 0

    def flush():
        nonlocal chunk, size
        if chunk:
            files[f"t/{len(starts) - 1}.json"] = chunk
        chunk, size = {}, 0

    for term in terms:
        posting = index.inverted_index[term]
        lists = []
        for name in names:
            flat = []
            for ref in sorted(posting[name], key=int):
                flat += [int(ref), weights[f"{name}/{ref}"][term]]
            lists.append(flat)
        entry_size = len(json.dumps(lists, separators=(",", ":"))) + len(term) + 4
        if not chunk or size + entry_size > TERM_FILE_BYTES:
            flush()
            starts.append(position[term])
        chunk[term] = lists
        size += entry_size
    flush()

    for n in range(0, len(documents), DOCS_PER_FILE):
        files[f"d/{n // DOCS_PER_FILE}.json"] = [d.record() for d in documents[n:n + DOCS_PER_FILE]]
    files["words.json"] = site_words(documents)
    files["index.json"] = {"format": FORMAT, "fields": names, "searched": list(SEARCHED),
                           "docs": len(documents), "docsPerFile": DOCS_PER_FILE,
                           "terms": terms, "starts": starts}
    return files


def site_words(documents: list[Document]) -> dict[str, int]:
    """Words residents might have meant, with how many pages use them (the commoner wins)."""
    counts: Counter[str] = Counter()
    for doc in documents:
        seen = set(text.words(" ".join([doc.title, doc.summary, *doc.keywords, *doc.headings, doc.body])))
        counts.update(w for w in seen if len(w) >= 3 and not w.isdigit() and not text.is_stop_word(w))
    best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_WORDS]
    return dict(sorted(best))


def write(site_dir: Path, documents: list[Document]) -> dict[str, object]:
    files = split(lunr_index(documents), documents)
    out = Path(site_dir) / "search"
    for sub in ("t", "d"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True, exist_ok=True)
    for rel, value in files.items():
        (out / rel).write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return files
