"""What a page costs to load: our theme against plain mkdocs-material, on synthetic council sites.

    .venv/bin/python benchmarks/page_weight.py                # 100 and 1,000 pages
    .venv/bin/python benchmarks/page_weight.py --sizes 100    # quick run
    .venv/bin/python benchmarks/page_weight.py --reuse        # use sites build_speed.py already built

For the home page and one service page (the same source page at every size) of each build, it
parses the HTML with BeautifulSoup and follows what a browser would fetch on load:
<link rel=stylesheet>, <script src>, <link rel=preload/modulepreload/icon>, <img src>, @import and
url(...) references to fonts in the CSS, and, for Material, the search worker and search index that
its JavaScript bundle fetches on every page that has the search form. Each is resolved to a file in
the built site and weighed raw and gzip -9 (gzip module). Third-party URLs (Google Fonts) cannot be
fetched here; they are listed as third-party requests and not counted in the totals, so plain
Material's totals are a lower bound. Render-blocking CSS is every stylesheet without the
media=print or preload tricks.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

ORIGIN = "https://site.invalid/"  # a stand-in origin for resolving relative URLs
KB = 1024
TARGET_CRITICAL = 14 * KB   # HTML + render-blocking CSS of a service page, gzip: one round trip (~14 KB)
TARGET_TOTAL_RATIO = 1 / 3  # everything a service page loads, gzip, against plain Material
TARGET_HTML_GROWTH = 0.03   # service page HTML at the largest size vs the smallest: within 3%
FONT_EXT = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
KINDS = ["html", "css", "js", "font", "image", "search index"]


@dataclass
class Resource:
    url: str          # site path, e.g. assets/council.abc.css
    kind: str         # one of KINDS
    raw: int
    gzip: int
    why: str          # how the page asks for it
    blocking: bool = False  # render-blocking stylesheet


@dataclass
class PageLoad:
    page: str
    resources: list[Resource] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)   # data: URIs, counted in the HTML
    missing: list[str] = field(default_factory=list)

    def total(self, what: str = "gzip", kinds=None) -> int:
        return sum(getattr(r, what) for r in self.resources if kinds is None or r.kind in kinds)

    def critical(self, what: str = "gzip") -> int:
        return sum(getattr(r, what) for r in self.resources if r.kind == "html" or r.blocking)

    def fetches_search_index(self) -> bool:
        return any(r.kind == "search index" for r in self.resources)


def weigh(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


class Loader:
    def __init__(self, site: Path):
        self.site = site

    def local_file(self, url: str) -> Path | None:
        """The built file a same-origin URL points at, or None for third-party URLs."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != ORIGIN:
            return None
        path = unquote(parts.path.lstrip("/"))
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self.site / path

    def load(self, page: str) -> PageLoad:
        """page: site path of the page's folder, '' for the home page."""
        load = PageLoad(page or "/")
        page_url = urljoin(ORIGIN, page)
        seen: set[str] = set()

        def add(url: str, kind: str, why: str, blocking: bool = False) -> bytes | None:
            if url.startswith("data:"):
                load.inline.append(f"{why}: {url[:40]}")
                return None
            if url in seen:
                return None
            seen.add(url)
            path = self.local_file(url)
            if path is None:
                load.third_party.append(f"{why}: {url}" + (" (render-blocking)" if blocking else ""))
                return None
            if not path.is_file():
                load.missing.append(f"{why}: {url}")
                return None
            data = path.read_bytes()
            raw, gz = weigh(data)
            load.resources.append(Resource(url[len(ORIGIN):] or "/", kind, raw, gz, why, blocking))
            return data

        html = add(page_url, "html", "page")
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("link", href=True):
            rel = {r.lower() for r in (link.get("rel") or [])}
            href = urljoin(page_url, link["href"])
            if "stylesheet" in rel and "preload" not in rel:
                media = (link.get("media") or "all").strip().lower()
                blocking = media not in ("print", "not all") and not link.has_attr("disabled")
                css = add(href, "css", "link rel=stylesheet" + (f" media={media}" if media != "all" else ""),
                          blocking)
                if css:
                    self._css(css, href, add)
            elif "preload" in rel or "modulepreload" in rel:
                kind = {"style": "css", "script": "js", "font": "font", "image": "image"}.get(
                    link.get("as", ""), "js" if "modulepreload" in rel else "image")
                add(href, kind, f"link rel={' '.join(sorted(rel))}")
            elif rel & {"icon", "shortcut", "apple-touch-icon"}:
                add(href, "image", "link rel=icon")
            elif rel & {"preconnect", "dns-prefetch"} and self.local_file(href) is None:
                load.third_party.append(f"link rel={' '.join(sorted(rel))}: {link['href']} (connection only)")
        for script in soup.find_all("script", src=True):
            attrs = " ".join(a for a in ("defer", "async") if script.has_attr(a))
            add(urljoin(page_url, script["src"]), "js", "script src" + (f" ({attrs})" if attrs else ""))
            # Our search.js fetches the index named by data-index, on the search page only.
            if script.has_attr("data-index"):
                add(urljoin(page_url, script["data-index"]), "search index", "fetched by search.js")
        for img in soup.find_all("img", src=True):
            add(urljoin(page_url, img["src"]), "image", "img src")
        # Material: the bundle starts its search worker, which fetches the whole index, on every
        # page with the search form (document.forms.namedItem("search")).
        config = soup.find("script", id="__config")
        if config and config.string:
            cfg = json.loads(config.string)
            base = urljoin(page_url, cfg.get("base", "."))
            if not base.endswith("/"):
                base += "/"
            if cfg.get("search") and soup.find("form", attrs={"name": "search"}):
                add(urljoin(page_url, cfg["search"]), "js", "Material search worker (on load)")
                add(urljoin(base, "search/search_index.json"), "search index",
                    "fetched by Material's search worker on load")
        return load

    def _css(self, css: bytes, css_url: str, add) -> None:
        text = css.decode("utf-8", "replace")
        for match in re.finditer(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)", text):
            sub = add(urljoin(css_url, match.group(1)), "css", "@import", True)
            if sub:
                self._css(sub, urljoin(css_url, match.group(1)), add)
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)", text):
            ref = match.group(1)
            if ref.startswith("data:"):
                continue
            url = urljoin(css_url, ref)
            if Path(urlsplit(url).path).suffix.lower() in FONT_EXT:
                add(url, "font", "url() in CSS (upper bound: browsers fetch only fonts in use)")


def fmt(n: int) -> str:
    return f"{n / KB:8.1f}"


def print_load(title: str, load: PageLoad) -> None:
    print(f"\n  {title}: {load.page}")
    print(f"    {'resource':58} {'kind':12} {'raw KB':>8} {'gzip KB':>8}")
    for r in load.resources:
        flag = " *" if r.blocking else ""
        print(f"    {r.url[-58:]:58} {r.kind:12} {fmt(r.raw)} {fmt(r.gzip)}   {r.why}{flag}")
    for kind in KINDS:
        if any(r.kind == kind for r in load.resources):
            print(f"    {'  total ' + kind:58} {'':12} {fmt(load.total('raw', [kind]))} {fmt(load.total('gzip', [kind]))}")
    print(f"    {'HTML + render-blocking CSS (*)':58} {'':12} {fmt(load.critical('raw'))} {fmt(load.critical('gzip'))}")
    print(f"    {'everything loaded':58} {'':12} {fmt(load.total('raw'))} {fmt(load.total('gzip'))}")
    for item in load.third_party:
        print(f"    third-party request, not counted: {item}")
    for item in load.missing:
        print(f"    MISSING (referenced but not in the build): {item}")
    if load.inline:
        print(f"    inline (already in the HTML): {'; '.join(load.inline)}")


def page_folder(src_path: str) -> str:
    return src_path[:-3] + "/" if not src_path.endswith("index.md") else src_path[:-8]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated page counts; the largest is the main comparison (default 100,1000)")
    parser.add_argument("--reuse", action="store_true", help="reuse built sites in the work folder if present")
    parser.add_argument("--out", type=Path, default=synthetic.BENCH_DIR, help="work folder (default build/bench)")
    parser.add_argument("--json", type=Path, help="also write the results here (default <out>/page_weight.json)")
    args = parser.parse_args(argv)
    out_root = args.out.resolve()
    sizes = sorted({int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()})
    service_src = synthetic.first_service_page(sizes[0])
    pages = {"home": "", "service": page_folder(service_src)}
    print(f"Page weight, {dt.date.today()}: home page and service page {service_src} "
          f"(sizes: {', '.join(f'{s:,}' for s in sizes)}). KB = 1,024 bytes; gzip -9.")

    loads: dict[int, dict[str, dict[str, PageLoad]]] = {}
    index_sizes: dict[int, dict[str, tuple[int, int]]] = {}
    for size in sizes:
        out = out_root / f"site-{size}"
        for variant in ("ours", "plain"):
            site = out / synthetic.SITE_DIRS[variant]
            if not (args.reuse and (site / "index.html").is_file()):
                if not (out / "docs").is_dir() or not args.reuse:
                    synthetic.generate(size, out)
                print(f"  building {variant} at {size:,} pages...", flush=True)
                synthetic.build(out, variant)
        loads[size] = {}
        for variant in ("ours", "plain"):
            loader = Loader(out / synthetic.SITE_DIRS[variant])
            loads[size][variant] = {name: loader.load(path) for name, path in pages.items()}
        index_sizes[size] = {
            "ours": weigh((out / "site-ours" / "search" / "index.json").read_bytes()),
            "plain": weigh((out / "site-plain" / "search" / "search_index.json").read_bytes()),
        }

    for size in sizes:
        print(f"\n=== {size:,} service pages ===")
        for variant, label in (("ours", "Ours (council plugins, lean theme)"), ("plain", "Plain mkdocs-material")):
            print(f"\n{label}")
            for name in pages:
                print_load(f"{name} page", loads[size][variant][name])
        o, p = index_sizes[size]["ours"], index_sizes[size]["plain"]
        print(f"\n  Search index: ours search/index.json {fmt(o[0])} KB raw {fmt(o[1])} KB gzip, fetched only by "
              f"the search page after someone searches;\n                plain search/search_index.json {fmt(p[0])} KB raw "
              f"{fmt(p[1])} KB gzip, fetched by Material's search worker on every page load.")

    big, small = sizes[-1], sizes[0]
    ours_s, plain_s = loads[big]["ours"]["service"], loads[big]["plain"]["service"]
    ours_h, plain_h = loads[big]["ours"]["home"], loads[big]["plain"]["home"]
    print(f"\n=== Summary at {big:,} pages (gzip KB; plain excludes third-party requests) ===")
    print(f"  {'':40} {'ours':>9} {'plain':>9} {'ours/plain':>10}")
    rows = [
        ("service page HTML", ours_s.total("gzip", ["html"]), plain_s.total("gzip", ["html"])),
        ("service page HTML + render-blocking CSS", ours_s.critical(), plain_s.critical()),
        ("service page, everything loaded", ours_s.total(), plain_s.total()),
        ("home page HTML + render-blocking CSS", ours_h.critical(), plain_h.critical()),
        ("home page, everything loaded", ours_h.total(), plain_h.total()),
    ]
    for name, a, b in rows:
        print(f"  {name:40} {fmt(a)} {fmt(b)} {a / b:10.3f}")

    targets = []
    crit = ours_s.critical()
    targets.append((f"service page HTML + render-blocking CSS <= 14 KB gzip ({big:,} pages)",
                    f"{crit / KB:.1f} KB", crit <= TARGET_CRITICAL))
    ratio = ours_s.total() / plain_s.total()
    targets.append((f"everything a service page loads <= 1/3 of plain Material's (gzip, {big:,} pages)",
                    f"{ours_s.total() / KB:.1f} KB vs {plain_s.total() / KB:.1f} KB = {ratio:.3f}",
                    ratio <= TARGET_TOTAL_RATIO))
    growth = {}
    if big != small:
        for variant in ("ours", "plain"):
            a = loads[small][variant]["service"].total("raw", ["html"])
            b = loads[big][variant]["service"].total("raw", ["html"])
            growth[variant] = (a, b, b / a - 1)
        a, b, g = growth["ours"]
        pa, pb, pg = growth["plain"]
        targets.append((f"service page HTML does not grow with page count ({small:,} -> {big:,}, within 3%)",
                        f"ours {a / KB:.1f} -> {b / KB:.1f} KB ({g:+.1%}); plain {pa / KB:.1f} -> {pb / KB:.1f} KB ({pg:+.1%})",
                        abs(g) <= TARGET_HTML_GROWTH))
    else:
        targets.append(("service page HTML does not grow with page count", "needs two sizes", None))
    targets.append(("search index not fetched on service page load",
                    f"ours: {'fetched' if ours_s.fetches_search_index() else 'not fetched'}; "
                    f"plain: {'fetched' if plain_s.fetches_search_index() else 'not fetched'} "
                    f"({index_sizes[big]['plain'][1] / KB:.1f} KB gzip)",
                    not ours_s.fetches_search_index()))
    print("\nTargets:")
    for name, value, ok in targets:
        print(f"  {'-' if ok is None else 'PASS' if ok else 'FAIL':5} {name}: {value}")

    path = args.json or out_root / "page_weight.json"
    path.write_text(json.dumps({
        "date": str(dt.date.today()), "service_page": service_src,
        "loads": {size: {v: {n: asdict(l) for n, l in d.items()} for v, d in per.items()} for size, per in loads.items()},
        "search_index": index_sizes,
        "targets": [{"target": n, "value": v, "pass": ok} for n, v, ok in targets],
    }, indent=2), encoding="utf-8")
    print(f"\nResults in {path}")
    return 1 if any(ok is False for _, _, ok in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
