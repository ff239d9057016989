"""Build time of our plugins and theme against plain mkdocs-material, on synthetic council sites.

    .venv/bin/python benchmarks/build_speed.py                 # 1,000 and 5,000 pages, 3 repeats
    .venv/bin/python benchmarks/build_speed.py --sizes 100 --repeats 1    # quick smoke run
    .venv/bin/python benchmarks/build_speed.py --plain-all     # plain Material at 5,000 too (~20 min a build)
    .venv/bin/python benchmarks/build_speed.py --profile 1000  # cProfile one build of ours, top 15

It generates a site for every size (benchmarks/synthetic.py), then runs `mkdocs build` as a
child process in rounds: each round builds every size, ours then plain Material (ours, plain,
ours, plain...), so other load on the machine falls on all of them alike. It records
the child's CPU seconds (user + system, from getrusage(RUSAGE_CHILDREN) deltas) and wall time.
It prints medians, ours/plain ratios, our growth from the smallest to the largest size, and the
targets with PASS or FAIL.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

# Targets from the issue.
TARGET_RATIO = 1 / 3      # at 1,000 pages, ours takes at most a third of plain Material's CPU time
TARGET_GROWTH = 1.10      # time per page at the largest size / at the smallest: about 1.0, i.e. linear
ISSUE_PLAIN_CPU = {100: 2.1, 1000: 52, 3000: 379}  # the issue's plain Material figures, CPU seconds


def median(values):
    return statistics.median(values) if values else float("nan")


def run(sizes: list[int], repeats: int, plain_sizes: set[int], out_root: Path) -> dict:
    """Generate every size first, then repeat rounds of builds: in each round every size, ours then
    plain Material. Interleaving spreads any other load on the machine over all the variants alike."""
    outs = {}
    for size in sizes:
        outs[size] = synthetic.generate(size, out_root / f"site-{size}")
        print(f"generated {size:,} service pages in {outs[size]}", flush=True)
    runs: dict[int, dict[str, list[synthetic.BuildResult]]] = {
        size: {v: [] for v in ["ours"] + (["plain"] if size in plain_sizes else [])} for size in sizes}
    for r in range(repeats):
        print(f"\nround {r + 1}/{repeats}:", flush=True)
        for size in sizes:
            for variant in runs[size]:
                res = synthetic.build(outs[size], variant)
                runs[size][variant].append(res)
                print(f"  {size:>6,} pages {variant:5}  CPU {res.cpu:7.2f} s   wall {res.wall:7.2f} s"
                      f"   warnings {res.warnings}", flush=True)
    results: dict = {"sizes": {}}
    for size in sizes:
        entry = {}
        for variant, rs in runs[size].items():
            site = outs[size] / synthetic.SITE_DIRS[variant]
            entry[variant] = {
                "cpu": [round(x.cpu, 3) for x in rs], "wall": [round(x.wall, 3) for x in rs],
                "cpu_median": round(median([x.cpu for x in rs]), 3),
                "wall_median": round(median([x.wall for x in rs]), 3),
                "warnings": rs[-1].warnings,
                "html_files": sum(1 for _ in site.rglob("*.html")),
                "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            }
        results["sizes"][size] = entry
    return results


def report(results: dict, repeats: int) -> list[tuple[str, str, str]]:
    sizes = sorted(results["sizes"])
    print(f"\nMedians of {repeats} run(s), CPU = user + system seconds of the mkdocs process:\n")
    print(f"{'pages':>7}  {'build':6} {'CPU s':>8} {'wall s':>8} {'CPU ms/page':>12} {'HTML files':>10} {'site MB':>8}")
    for size in sizes:
        for variant, e in results["sizes"][size].items():
            print(f"{size:>7,}  {variant:6} {e['cpu_median']:8.2f} {e['wall_median']:8.2f} "
                  f"{1000 * e['cpu_median'] / size:12.2f} {e['html_files']:10,} {e['site_bytes'] / 1e6:8.1f}")
    targets = []
    print()
    for size in sizes:
        e = results["sizes"][size]
        if "plain" in e:
            cpu = e["ours"]["cpu_median"] / e["plain"]["cpu_median"]
            wall = e["ours"]["wall_median"] / e["plain"]["wall_median"]
            e["ratio_cpu"], e["ratio_wall"] = round(cpu, 4), round(wall, 4)
            print(f"ours/plain at {size:,} pages: CPU {cpu:.3f} (plain is {1 / cpu:.1f}x slower), wall {wall:.3f}")
    if 1000 in results["sizes"] and "plain" in results["sizes"][1000]:
        ratio = results["sizes"][1000]["ratio_cpu"]
        targets.append(("1,000 pages: ours <= 1/3 of plain Material (CPU)", f"{ratio:.3f}",
                        "PASS" if ratio <= TARGET_RATIO else "FAIL"))
    else:
        targets.append(("1,000 pages: ours <= 1/3 of plain Material (CPU)", "not measured", "-"))
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for variant in ("ours", "plain"):
            if variant in results["sizes"][small] and variant in results["sizes"][large]:
                for what in ("cpu", "wall"):
                    per_small = results["sizes"][small][variant][f"{what}_median"] / small
                    per_large = results["sizes"][large][variant][f"{what}_median"] / large
                    growth = per_large / per_small
                    results.setdefault("growth", {}).setdefault(variant, {})[what] = round(growth, 4)
                    print(f"{variant} growth {small:,} -> {large:,} pages ({what}): time per page x{growth:.3f}"
                          f" (1.0 = linear)")
        if "ours" in results.get("growth", {}):
            growth = results["growth"]["ours"]["cpu"]
            targets.append((f"{small:,} -> {large:,} pages: ours no worse than linear (CPU per page ratio <= {TARGET_GROWTH})",
                            f"{growth:.3f}", "PASS" if growth <= TARGET_GROWTH else "FAIL"))
    print("\nTargets:")
    for name, value, verdict in targets:
        print(f"  {verdict:5} {name}: {value}")
    print("\nFor reference, the issue's plain Material figures (CPU s): "
          + ", ".join(f"{k:,} pages {v}" for k, v in ISSUE_PLAIN_CPU.items()))
    return targets


def profile(size: int, out_root: Path, top: int = 15) -> None:
    """cProfile one build of ours and print the top functions by cumulative time."""
    out = synthetic.generate(size, out_root / f"site-{size}")
    prof = out_root / f"profile-ours-{size}.prof"
    site = out / synthetic.SITE_DIRS["ours"]
    if site.exists():
        import shutil
        shutil.rmtree(site)
    python = str(synthetic.VENV_BIN / "python") if (synthetic.VENV_BIN / "python").exists() else sys.executable
    cmd = [python, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml")]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=out, env=synthetic.mkdocs_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"profiled build failed:\n{proc.stdout}{proc.stderr}")
    print(f"\ncProfile of one build of ours at {size:,} pages ({time.perf_counter() - start:.1f} s wall under the "
          f"profiler; saved to {prof}). Top {top} by cumulative time, leaving out the command-line frames above "
          f"mkdocs' build():\n")
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    wrappers = ("runpy", "click/core.py", "mkdocs/__main__.py", "<string>", "{built-in method builtins.exec}")
    rows = []
    for (path, line, func), (cc, nc, tt, ct, _callers) in stats.stats.items():
        if any(w in path or w in func for w in wrappers) or (path == "~" and func.startswith("<built-in method builtins.exec")):
            continue
        rows.append((ct, tt, nc, f"{_short(path)}:{line}({func})"))
    rows.sort(reverse=True)
    print(f"  {'cumulative s':>12} {'% of run':>8} {'own s':>8} {'calls':>9}  function")
    for ct, tt, nc, name in rows[:top]:
        print(f"  {ct:12.2f} {100 * ct / total:7.1f}% {tt:8.2f} {nc:9,}  {name}")


def _short(path: str) -> str:
    for marker in ("site-packages/", str(synthetic.REPO) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated page counts (default 1000,5000)")
    parser.add_argument("--repeats", type=int, default=3, help="builds per variant and size (default 3)")
    parser.add_argument("--plain-max", type=int, default=1000,
                        help="build plain Material only at sizes up to this (default 1000)")
    parser.add_argument("--plain-all", action="store_true", help="build plain Material at every size")
    parser.add_argument("--no-plain", action="store_true", help="never build plain Material")
    parser.add_argument("--profile", type=int, metavar="PAGES",
                        help="instead of timing, cProfile one build of ours at PAGES pages")
    parser.add_argument("--out", type=Path, default=synthetic.BENCH_DIR, help="work folder (default build/bench)")
    parser.add_argument("--json", type=Path, help="also write the results here (default <out>/build_speed.json)")
    args = parser.parse_args(argv)
    out_root = args.out.resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.profile, out_root)
        return 0
    sizes = sorted({int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()})
    if args.no_plain:
        plain_sizes: set[int] = set()
    elif args.plain_all:
        plain_sizes = set(sizes)
    else:
        plain_sizes = {s for s in sizes if s <= args.plain_max}
    print(f"mkdocs build timings, {dt.date.today()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPU(s), sizes {', '.join(f'{s:,}' for s in sizes)}, repeats {args.repeats}, "
          f"plain Material at {', '.join(f'{s:,}' for s in sorted(plain_sizes)) or 'no size'}")
    started = time.perf_counter()
    load_before = os.getloadavg()
    results = run(sizes, args.repeats, plain_sizes, out_root)
    load_after = os.getloadavg()
    print(f"\nLoad average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; after: "
          f"{', '.join(f'{x:.2f}' for x in load_after)}. Other work on the machine inflates wall time more than CPU time.")
    targets = report(results, args.repeats)
    results["targets"] = [{"target": n, "value": v, "verdict": r} for n, v, r in targets]
    results["meta"] = {"date": str(dt.date.today()), "cpus": os.cpu_count(), "repeats": args.repeats,
                       "python": platform.python_version(), "total_seconds": round(time.perf_counter() - started, 1),
                       "loadavg_before": load_before, "loadavg_after": load_after}
    path = args.json or out_root / "build_speed.json"
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nTotal {results['meta']['total_seconds']:.0f} s; results in {path}")
    return 1 if any(r == "FAIL" for _, _, r in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
