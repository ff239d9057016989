"""How much the content checks add to a build of the demo site (run on demand, not a test).

    .venv/bin/python benchmarks/content_checks.py [--repeats 7]

Builds the demo site with and without the `council/checks` plugin, alternating, and prints the
median wall time of each and the ratio.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def config_without_checks(folder: Path) -> Path:
    text = (REPO / "mkdocs.yml").read_text()
    config = yaml.load(text, Loader=yaml.SafeLoader)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "council/checks" in p)]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "council/forms" in plugin:
            plugin["council/forms"] = {**(plugin["council/forms"] or {}), "folder": str(REPO / "forms")}
    config["docs_dir"] = str(REPO / "content")
    config["site_dir"] = str(folder / "site-plain")
    out = folder / "mkdocs-no-checks.yml"
    out.write_text(yaml.safe_dump(config, sort_keys=False))
    return out


def build(config_file: Path, site_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=REPO)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        without = config_without_checks(folder)
        timings: dict[str, list[float]] = {"with checks": [], "without checks": []}
        for _ in range(ns.repeats):
            timings["with checks"].append(build(REPO / "mkdocs.yml", folder / "a"))
            timings["without checks"].append(build(without, folder / "b"))
    base = statistics.median(timings["without checks"])
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:15}  median {median:.3f} s over {len(values)} builds  ratio {median / base:.2f}")


if __name__ == "__main__":
    main()
