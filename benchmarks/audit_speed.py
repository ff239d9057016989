"""How fast is the accessibility audit? Not a test: run it by hand and read the figures.

    .venv/bin/python benchmarks/audit_speed.py [SITE_DIR] [--pages 1000] [--repeat 3]
    .venv/bin/python benchmarks/audit_speed.py build/site --compare 6b37222 --rounds 3

`--compare COMMIT` measures before and after in one run: it extracts that commit's
accessibility/ (git archive) into a temporary folder and alternates full audits of SITE_DIR
with the old checker and the current one (ABBA order, each in its own process, so both see
the same load from whatever else the machine is doing), then prints each one's median and
the ratio current / baseline.

Audits SITE_DIR (default: build/site, if it exists) and a synthetic site of --pages simple,
valid pages it generates under build/bench/, each twice: a full audit, then incremental
audits after one page changed. Prints page-states per second and seconds, as medians.
Targets on 2 cores: 1,000 pages at both widths within 10 minutes (full); re-audit after one
page changed within 10 seconds (incremental).

Every run audits a copy of the site, because the audit writes its evidence into the
accessibility statement page.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from councilsite.accessibility.audit import run_audit
from councilsite.accessibility.config import AuditConfig
from councilsite.accessibility.pool import default_workers

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "build" / "bench"

CSS = """body { margin: 0; font-family: Arial, sans-serif; line-height: 1.5; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 0; background: #fd0; }
header { background: #0b0c0c; padding: 12px 16px; } header a { color: #fff; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 0; padding: 0; }
main { display: block; max-width: 960px; padding: 16px; } main:focus { outline: none; }
a { color: #1d70b8; } a:focus-visible { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
footer { padding: 16px; border-top: 1px solid #b1b4b6; }
"""


def synthetic_page(i: int, n: int) -> str:
    prev_link = f'<a href="/p/{i - 1:04}.html">Previous: service {i - 1}</a>' if i else ""
    next_link = f'<a href="/p/{i + 1:04}.html">Next: service {i + 1}</a>' if i + 1 < n else ""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service {i} - Benchmark Council</title><link rel="stylesheet" href="/style.css"></head>
<body class="service-page">
<a class="skip" href="#main">Skip to main content</a>
<header><nav aria-label="Main"><ul><li><a href="/index.html">Home</a></li>
<li><a href="/p/0000.html">First service</a></li></ul></nav></header>
<main id="main" tabindex="-1">
<h1>Service {i}</h1>
<p>This is page {i} of a synthetic site used to time the accessibility audit. It has a
heading, some paragraphs, a list and links, like a simple council service page.</p>
<h2>What you need to know</h2>
<ul><li>Item one for service {i}</li><li>Item two for service {i}</li></ul>
<p>{prev_link} {next_link}</p>
</main>
<footer><p>Benchmark Council</p></footer>
</body></html>
"""


def make_synthetic(dest: Path, pages: int) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "p").mkdir(parents=True)
    (dest / "style.css").write_text(CSS)
    home = synthetic_page(0, pages).replace("Service 0 - Benchmark", "Home - Benchmark")
    (dest / "index.html").write_text(home)
    for i in range(pages):
        (dest / "p" / f"{i:04}.html").write_text(synthetic_page(i, pages))
    return dest


def timed_audit(site: Path, work: Path, workers: int, incremental: bool):
    config = AuditConfig(site_dir=site, report_dir=work / "reports", cache_dir=work / "cache",
                         workers=workers, incremental=incremental, progress=False,
                         allowlist=work / "none.yml")
    started = time.monotonic()
    result = run_audit(config)
    return time.monotonic() - started, result


def bench(name: str, source: Path, workers: int, repeat: int, full_repeat: int) -> None:
    work = BENCH / name
    site = work / "site"
    full_times, full_rates = [], []
    result = None
    for _ in range(full_repeat):
        if site.exists():
            shutil.rmtree(site)
        shutil.copytree(source, site)
        shutil.rmtree(work / "cache", ignore_errors=True)
        seconds, result = timed_audit(site, work, workers, incremental=False)
        full_times.append(seconds)
        full_rates.append(result.summary["page_states"] / seconds)
    states = result.summary["page_states"]
    print(f"{name}: {result.summary['pages']} pages, {len(result.summary['states'])} states "
          f"per page ({', '.join(result.summary['states'])}), {states} page-states, "
          f"{workers} worker(s)")
    print(f"  full audit:        median {statistics.median(full_times):7.1f} s   "
          f"{statistics.median(full_rates):6.2f} page-states/s   (n={full_repeat})")
    inc_times, inc_rates = [], []
    victim = site / result.results[len(result.results) // 2].page
    for i in range(repeat):
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text.replace("</main>", f"<p>Change {i}.</p></main>", 1),
                          encoding="utf-8")
        seconds, inc = timed_audit(site, work, workers, incremental=True)
        audited = len(inc.audited_pages)
        inc_times.append(seconds)
        inc_rates.append(audited * len(inc.summary["states"]) / seconds)
    print(f"  incremental audit: median {statistics.median(inc_times):7.1f} s   "
          f"{statistics.median(inc_rates):6.2f} page-states/s   (n={repeat}; one page "
          f"changed, {audited} page(s) re-audited)")
    # Other work on the machine slows Chromium down: say how busy it was.
    print(f"  load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    sys.stdout.flush()


def use_package(folder: Path) -> None:
    """Make `councilsite.accessibility` the checker in `folder` (a baseline's copy)."""
    import importlib.util

    import councilsite  # noqa: F401 - the parent package must exist first
    for name in [m for m in sys.modules if m.startswith("councilsite.accessibility")]:
        del sys.modules[name]  # this script imported the current checker at start-up
    spec = importlib.util.spec_from_file_location(
        "councilsite.accessibility", folder / "__init__.py",
        submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["councilsite.accessibility"] = module
    spec.loader.exec_module(module)


def one_run(site: Path, work: Path, workers: int, package: Path | None) -> None:
    """Child process: one full audit of a fresh copy of `site`; prints JSON on stdout."""
    if package is not None:
        use_package(package)
    from councilsite.accessibility import audit
    from councilsite.accessibility.config import AuditConfig as Config
    copy = work / "site"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(site, copy)
    config = Config(site_dir=copy, report_dir=work / "reports", cache_dir=work / "cache",
                    workers=workers, incremental=False, progress=False,
                    allowlist=work / "none.yml")
    started = time.monotonic()
    result = audit.run_audit(config)
    seconds = time.monotonic() - started
    print(json.dumps({"seconds": seconds, "page_states": result.summary["page_states"],
                      "checker": audit.__file__, "errors": result.summary["errors"]}))


def extract(commit: str, dest: Path) -> Path:
    data = subprocess.run(["git", "archive", commit, "accessibility"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest / "accessibility"


def compare(site: Path, commit: str, rounds: int, workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="audit-baseline-") as tmp:
        base = extract(commit, Path(tmp))
        times: dict[str, list[float]] = {"baseline": [], "current": []}
        states = {}
        order = []
        for r in range(rounds):
            order += ["baseline", "current"] if r % 2 == 0 else ["current", "baseline"]
        for n, which in enumerate(order):
            cmd = [sys.executable, __file__, str(site), "--one-run",
                   "--work", str(BENCH / f"compare-{which}"), "--workers", str(workers)]
            if which == "baseline":
                cmd += ["--package", str(base)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            run = json.loads(out.strip().splitlines()[-1])
            times[which].append(run["seconds"])
            states[which] = run["page_states"]
            print(f"  run {n + 1}/{len(order)} {which:<8} {run['seconds']:7.1f} s  "
                  f"({run['page_states']} page-states, {run['errors']} errors, "
                  f"{Path(run['checker']).parent})", flush=True)
        b, c = statistics.median(times["baseline"]), statistics.median(times["current"])
        print(f"{site}: full audit, {workers} worker(s), {rounds} run(s) each, alternating")
        print(f"  baseline {commit}: median {b:7.1f} s  ({states['baseline']} page-states)")
        print(f"  current:          median {c:7.1f} s  ({states['current']} page-states)")
        print(f"  ratio current / baseline: {c / b:.3f}")
        print(f"  load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", nargs="?", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="incremental runs (median)")
    parser.add_argument("--full-repeat", type=int, default=1, help="full runs (median)")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--skip-site", action="store_true", help="only the synthetic site")
    parser.add_argument("--skip-synthetic", action="store_true", help="only the given site")
    parser.add_argument("--compare", metavar="COMMIT",
                        help="time SITE_DIR with this commit's checker and the current one")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each for --compare")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--package", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        one_run(args.site_dir, args.work, args.workers, args.package)
        return 0
    if args.compare:
        compare(args.site_dir, args.compare, args.rounds, args.workers)
        return 0
    if not args.skip_site:
        if args.site_dir.is_dir():
            bench("given-site", args.site_dir, args.workers, args.repeat, args.full_repeat)
        else:
            print(f"{args.site_dir} does not exist; build it first. Skipping.")
    if not args.skip_synthetic:
        synthetic = make_synthetic(BENCH / "synthetic-source", args.pages)
        bench(f"synthetic-{args.pages}", synthetic, args.workers, args.repeat,
              args.full_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
