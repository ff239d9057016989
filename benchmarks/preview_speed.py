"""How long an editor waits after saving: `councilsite preview` beside `mkdocs serve`, on synthetic sites.

    .venv/bin/python benchmarks/preview_speed.py                       # 1,000 and 3,000 pages, 5 edits each
    .venv/bin/python benchmarks/preview_speed.py --sizes 200 --repeats 2 --build-repeats 1   # a quick run

For every size it generates a site (benchmarks/synthetic.py) and makes two copies of it: one for
`councilsite preview`, one for `mkdocs serve`, both running for the whole size, so each rebuilds
only for its own copy. Each scenario is timed from the moment the file is saved to the moment the
server sends the new text (polled over HTTP every 20 ms), alternating preview and mkdocs serve edit
by edit, so other load on the machine falls on both alike:

    body edit     a sentence added to one service page's body; wait for that page
    title edit    that page's title changed; wait for the page, the A to Z and its category page
    new page      a new service page; wait for it and for the A to Z listing it
    form edit     a form's title changed; wait for the form's page

It also times the full build (`mkdocs build` of ours, as build_speed.py does) and prints medians,
and the ratio mkdocs serve / preview. Targets (issue 21): at 3,000 pages a body edit <= 1 s and a
title edit <= 3 s (medians).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

PYTHON = str(synthetic.VENV_BIN / "python") if (synthetic.VENV_BIN / "python").exists() else sys.executable
TARGETS = {("body edit", 3000): 1.0, ("title edit", 3000): 3.0}
SCENARIOS = ["body edit", "title edit", "new page", "form edit"]
POLL = 0.02


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


class Server:
    """One previewing server on its own copy of the site."""

    def __init__(self, name: str, site: Path):
        self.name, self.site, self.port = name, site, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**synthetic.mkdocs_env(), "PYTHONUNBUFFERED": "1"}
        if name == "preview":
            cmd = [PYTHON, "-m", "councilsite", "preview", "-f", str(site / "mkdocs.yml"), "--port", str(self.port),
                   "--out", str(site / "preview")]
        else:
            cmd = [PYTHON, "-m", "mkdocs", "serve", "-f", str(site / "mkdocs.yml"), "--dev-addr",
                   f"127.0.0.1:{self.port}"]
        self.log = open(site / f"{name}.log", "w", encoding="utf-8")
        start = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=site, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 1800
        while fetch(self.base + "/") is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start; see {self.log.name}")
            time.sleep(0.2)
        self.startup = time.perf_counter() - start

    def wait(self, checks: list[tuple[str, str]], timeout: float = 600) -> float:
        """Seconds until every (path, text) is served; the clock started when the file was saved."""
        deadline = time.monotonic() + timeout
        pending = list(checks)
        while pending:
            path, text = pending[0]
            body = fetch(self.base + path)
            if body is not None and text in body:
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: {path} never showed {text!r}")
            time.sleep(POLL)
        return time.perf_counter()

    def cpu(self) -> float:
        """CPU seconds (user + system) the server process has used so far: load on the machine
        stretches wall time, much less this."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def url_of(src: str) -> str:
    return "/" + src.removesuffix(".md") + "/"


def edit(server: Server, scenario: str, n: int, page: str, form: str) -> tuple[float, float]:
    """Make one change to this server's copy; return the seconds until it is served, and the CPU
    seconds the server spent on it."""
    docs = server.site / "docs"
    token = f"{server.name.replace(' ', '-')}{n}x{time.time_ns() % 10**9}"
    category = page.split("/")[0]
    if scenario == "body edit":
        path = docs / page
        text = path.read_text(encoding="utf-8") + f"\nWe checked this page again, note {token}.\n"
        checks = [(url_of(page), token)]
    elif scenario == "title edit":
        path = docs / page
        title = f"Zebra crossing request {token}"
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1)
        checks = [(url_of(page), title), ("/a-to-z/", title), (f"/{category}/", title)]
    elif scenario == "new page":
        rel = f"{category}/new-page-{token}.md"
        path = docs / rel
        title = f"Apply for a street party licence {token}"
        text = (f"---\ntitle: {title}\nsummary: Ask us to close your road for a street party.\ncategory: {category}\n"
                "owner: Events team\nreview_by: 2030-01-31\n---\n\nApply at least 6 weeks before the party.\n\n"
                "## What you need\n\nThe date and the part of the road you want to close.\n")
        checks = [(url_of(rel), title), ("/a-to-z/", title)]
    else:
        path = server.site / "forms" / f"{form}.yml"
        title = f"Report a problem {token}"
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", path.read_text(encoding="utf-8"), count=1)
        checks = [(f"/forms/{form}/", title)]
    # Written outside the watched folders first, so neither server sees a half-saved file or a temporary one.
    tmp = server.site / f"saving-{token}.tmp"
    tmp.write_text(text, encoding="utf-8")
    cpu = server.cpu()
    start = time.perf_counter()
    os.replace(tmp, path)  # as editors' programs save: the whole file at once
    wall = server.wait(checks) - start
    time.sleep(0.3)  # let it finish what it was doing (a rebuild goes on after the page is written)
    return wall, server.cpu() - cpu


def run_size(size: int, repeats: int, build_repeats: int, out_root: Path, serve: bool, serve_repeats: int) -> dict:
    base = synthetic.generate(size, out_root / f"site-{size}")
    print(f"\n{size:,} pages: generated {base}", flush=True)
    builds = []
    for _ in range(build_repeats):
        res = synthetic.build(base, "ours")
        builds.append(res.wall)
        print(f"  full build (mkdocs build, ours): {res.wall:.2f} s wall, {res.cpu:.2f} CPU s", flush=True)
    page = synthetic.first_service_page(size, online=False)
    forms = sorted(p.stem for p in (base / "forms").glob("*.yml"))
    form = forms[0]
    servers = {}
    for name in ["preview"] + (["mkdocs serve"] if serve else []):
        copy = out_root / f"site-{size}-{name.replace(' ', '-')}"
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(base, copy, ignore=shutil.ignore_patterns("site-ours", "site-plain"))
        config = (copy / "mkdocs.yml").read_text(encoding="utf-8")  # its folders are absolute: point them here
        (copy / "mkdocs.yml").write_text(config.replace(str(base) + "/", str(copy) + "/"), encoding="utf-8")
        servers[name] = Server(name, copy)
        print(f"  {name} started in {servers[name].startup:.1f} s", flush=True)
    times: dict[str, dict[str, list[float]]] = {s: {n: [] for n in servers} for s in SCENARIOS}
    cpus: dict[str, dict[str, list[float]]] = {s: {n: [] for n in servers} for s in SCENARIOS}
    try:
        for scenario in SCENARIOS:
            for i in range(repeats):
                for name, server in servers.items():
                    if name != "preview" and i >= serve_repeats:
                        continue
                    seconds, cpu = edit(server, scenario, i, page, form)
                    times[scenario][name].append(seconds)
                    cpus[scenario][name].append(cpu)
                    print(f"  {scenario:10} {name:12} {seconds:7.2f} s wall {cpu:7.2f} CPU s", flush=True)
                    time.sleep(0.5)
    finally:
        for server in servers.values():
            server.stop()
    return {"full_build_wall": builds, "full_build_median": statistics.median(builds),
            "startup": {n: s.startup for n, s in servers.items()},
            "scenarios": {s: {n: {"runs": v, "median": statistics.median(v), "cpu": cpus[s][n],
                                  "cpu_median": statistics.median(cpus[s][n])} for n, v in d.items()}
                          for s, d in times.items()}}


def report(results: dict, repeats: int) -> list[tuple[str, float, float, str]]:
    print(f"\nMedians (seconds from saving to the new text being served; {repeats} edits each):\n")
    print(f"{'pages':>7}  {'what':24} {'preview':>9} {'mkdocs serve':>13} {'serve/preview':>14}"
          f" {'preview CPU s':>14} {'serve CPU s':>12}")
    verdicts = []
    for size, entry in sorted(results["sizes"].items()):
        print(f"{size:>7,}  {'full build (mkdocs build)':24} {entry['full_build_median']:9.2f}")
        for name, start in entry["startup"].items():
            print(f"{size:>7,}  {'start: ' + name:24} {start:9.2f}")
        for scenario, by in entry["scenarios"].items():
            ours = by["preview"]["median"]
            theirs = by.get("mkdocs serve", {}).get("median")
            ratio = f"{theirs / ours:14.1f}" if theirs else f"{'-':>14}"
            shown = f"{theirs:13.2f}" if theirs else f"{'-':>13}"
            cpu_ours = by["preview"]["cpu_median"]
            cpu_theirs = by.get("mkdocs serve", {}).get("cpu_median")
            print(f"{size:>7,}  {scenario:24} {ours:9.2f} {shown} {ratio} {cpu_ours:14.2f} "
                  + (f"{cpu_theirs:12.2f}" if cpu_theirs is not None else f"{'-':>12}"))
            target = TARGETS.get((scenario, size))
            if target is not None:
                verdicts.append((f"{size:,} pages, {scenario} <= {target:g} s", ours, target,
                                 "PASS" if ours <= target else "FAIL"))
    if verdicts:
        print("\nTargets:")
        for name, value, _, verdict in verdicts:
            print(f"  {verdict:5} {name}: median {value:.2f} s")
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default="1000,3000")
    parser.add_argument("--repeats", type=int, default=5, help="edits per scenario and server (default 5)")
    parser.add_argument("--build-repeats", type=int, default=3, help="full builds per size (default 3)")
    parser.add_argument("--serve-repeats", type=int, help="edits per scenario for mkdocs serve (default: --repeats)")
    parser.add_argument("--no-serve", action="store_true", help="leave out mkdocs serve")
    parser.add_argument("--out", type=Path, default=synthetic.BENCH_DIR / "preview")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    out_root = args.out.resolve()
    out_root.mkdir(parents=True, exist_ok=True)
    sizes = sorted({int(s.replace(",", "").replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    load_before = os.getloadavg()
    print(f"preview timings, {dt.date.today()}, Python {platform.python_version()}, {os.cpu_count()} CPU(s), "
          f"load {load_before[0]:.1f}, sizes {', '.join(f'{s:,}' for s in sizes)}, {args.repeats} edits each", flush=True)
    results = {"sizes": {}}
    for size in sizes:
        results["sizes"][size] = run_size(size, args.repeats, args.build_repeats, out_root, not args.no_serve,
                                            args.serve_repeats or args.repeats)
    verdicts = report(results, args.repeats)
    results["targets"] = [{"target": n, "median": v, "verdict": r} for n, v, _, r in verdicts]
    results["meta"] = {"date": str(dt.date.today()), "cpus": os.cpu_count(), "loadavg_before": load_before,
                       "loadavg_after": os.getloadavg()}
    print(f"\nLoad average before: {load_before[0]:.2f}; after: {results['meta']['loadavg_after'][0]:.2f} "
          "(other work on the machine lengthens every figure, mkdocs serve's most).")
    path = args.json or out_root / "preview_speed.json"
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"Results in {path}")
    return 1 if any(v == "FAIL" for *_, v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
