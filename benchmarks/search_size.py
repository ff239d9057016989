"""What one search fetches, at 3,000 service pages, beside mkdocs' default search.

    .venv/bin/python benchmarks/search_size.py              # generates and builds build/bench/site-3000/
    .venv/bin/python benchmarks/search_size.py --reuse      # reuse the built sites if they are there
    .venv/bin/python benchmarks/search_size.py --pages 1000

Ours: nothing until someone searches. Then the search page loads lunr.min.js and search.js, and
search.js fetches search/index.json (the vocabulary), the term files its words fall in (and
their one-typo neighbours), words.json when a word is unknown, and the records of the 20 results
it shows: councilsite.search.engine.SiteSearch.files_for() names them, as search.js fetches them.
Each query below is measured; the target is at most 150 KB gzip for every one.

mkdocs' default search: mkdocs' own search plugin (mkdocs.contrib.search, what `plugins:
[search]` gives) indexing the same pages, as it would in a build: one entry per page and per
heading, with the full text, in one search/search_index.json that its JavaScript fetches whole on
every page load. It is fed each built page's <main> and headings, so no second 3,000-page build
is needed (plain Material takes over 6 CPU-minutes at 3,000 pages). With --plain, plain
mkdocs-material is built too and its search_index.json measured as well.
KB = 1,024 bytes; gzip -9, as in page_weight.py.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import synthetic  # noqa: E402
from page_weight import weigh  # noqa: E402
from search_quality import QUERIES  # noqa: E402

from councilsite.search.documents import published_pages  # noqa: E402
from councilsite.search.engine import SiteSearch  # noqa: E402

KB = 1024
TARGET = 150 * KB
RUNTIME = ["assets/search-lunr/lunr.min.js", "assets/search.js"]


def synthetic_queries(search: SiteSearch, n: int = 40) -> list[str]:
    """Queries residents would type on the synthetic site: two or three words of page titles,
    some with a letter dropped."""
    out = []
    step = max(1, len(search.records) // n)
    for i, record in enumerate(search.records[::step][:n]):
        words = [w for w in record[0].lower().split() if len(w) > 2][:2 + i % 2]
        if i % 4 == 3 and words and len(words[0]) > 5:
            words[0] = words[0][:2] + words[0][3:]  # a typo
        out.append(" ".join(words))
    return out


_HEADING = re.compile(r'<h([2-6])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def default_search_index(site: Path) -> bytes:
    """What mkdocs' own search plugin writes for these pages (its SearchIndex, its defaults)."""
    from mkdocs.contrib.search.search_index import SearchIndex

    index = SearchIndex(indexing="full", lang=["en"], separator=r"[\s\-]+", min_search_length=3,
                        prebuild_index=False)
    for rel in published_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        start, end = html.find("<main"), html.rfind("</main>")
        if start < 0:
            continue
        content = html[html.find(">", start) + 1:end]
        title = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S)
        toc = [SimpleNamespace(id=i, title=re.sub("<[^>]+>", "", t).strip(), url="#" + i, children=[])
               for _, i, t in _HEADING.findall(content)]
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        index.add_entry_from_context(SimpleNamespace(content=content, url=url, toc=toc,
                                                     title=re.sub("<[^>]+>", "", title.group(1)) if title else url))
    return index.generate_search_index().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--out", type=Path, default=synthetic.BENCH_DIR)
    parser.add_argument("--plain", action="store_true", help="also build plain mkdocs-material (slow)")
    args = parser.parse_args(argv)
    out = args.out.resolve() / f"site-{args.pages}"
    for variant in ("ours", "plain") if args.plain else ("ours",):
        if not (args.reuse and (out / synthetic.SITE_DIRS[variant] / "index.html").is_file()):
            if not (args.reuse and (out / "docs").is_dir()):
                synthetic.generate(args.pages, out)
            print(f"  building {variant} at {args.pages:,} pages...", flush=True)
            synthetic.build(out, variant)
    site = out / synthetic.SITE_DIRS["ours"]
    search = SiteSearch(site)
    sizes: dict[str, tuple[int, int]] = {}

    def size(rel: str) -> tuple[int, int]:
        if rel not in sizes:
            sizes[rel] = weigh((site / rel).read_bytes())
        return sizes[rel]

    runtime = sum(size(r)[1] for r in RUNTIME)
    queries = list(QUERIES) + synthetic_queries(search)
    rows = []
    for q in queries:
        files = ["search/" + f for f in search.files_for(q)]
        gz = runtime + sum(size(f)[1] for f in files)
        rows.append((q, len(files), gz, search.search(q).total))
    plain = weigh(default_search_index(site))
    material_file = out / synthetic.SITE_DIRS["plain"] / "search" / "search_index.json"
    material = weigh(material_file.read_bytes()) if args.plain and material_file.is_file() else None
    index = size("search/index.json")
    term_files = sorted(site.joinpath("search", "t").glob("*.json"))
    all_parts = sum(weigh(f.read_bytes())[1] for f in term_files)

    print(f"\nSearch at {args.pages:,} service pages ({search.meta['docs']:,} documents, "
          f"{len(search.terms):,} terms in {len(term_files)} term files, {all_parts / KB:,.1f} KB gzip in all)\n")
    print(f"  {'query':38} {'files':>5} {'KB gzip':>8} {'results':>8}")
    for q, n, gz, total in rows:
        print(f"  {q[:38]:38} {n:>5} {gz / KB:8.1f} {total:>8}")
    fetched = [gz for _, _, gz, _ in rows]
    worst = max(fetched)
    print(f"\n  Ours, one search ({len(rows)} queries): median {statistics.median(fetched) / KB:.1f} KB gzip, "
          f"largest {worst / KB:.1f} KB (runtime {runtime / KB:.1f} KB: lunr.min.js and search.js; "
          f"vocabulary search/index.json {index[1] / KB:.1f} KB). Nothing on any other page load.")
    print(f"  mkdocs' default search: search/search_index.json {plain[0] / KB:,.1f} KB raw, {plain[1] / KB:,.1f} KB gzip, "
          f"on every page load (mkdocs' search plugin, the same pages).")
    if material:
        print(f"  Plain mkdocs-material's search_index.json: {material[0] / KB:,.1f} KB raw, {material[1] / KB:,.1f} KB gzip.")
    print(f"  Ratio, our largest search to the default's every page load: {worst / plain[1]:.3f}")
    ok = worst <= TARGET
    print(f"\n  {'PASS' if ok else 'FAIL'} every search fetches at most 150 KB gzip at {args.pages:,} pages")
    (args.out / "search_size.json").write_text(json.dumps({
        "pages": args.pages, "median": statistics.median(fetched), "max": worst, "runtime": runtime,
        "default_index": plain, "material_index": material, "rows": rows}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
