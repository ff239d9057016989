"""Build into a staging folder and publish it only when the build passed.

A failed build (an error, or by default a warning) must leave the last good site exactly as it
was: residents keep the site that worked, and the editor is told why nothing was published.
The new site replaces the old one by renames within one folder, so a web server reading the
published folder never sees a half-written site.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Outcome:
    code: int
    message: str


def build_and_publish(config_file: str, site_dir: Path, strict: bool = True) -> Outcome:
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = site_dir.with_name(f".{site_dir.name}.staging-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    args = [sys.executable, "-m", "mkdocs", "build", "-f", config_file, "--site-dir", str(staging)]
    if strict:
        args.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        code = subprocess.call(args, env=env)
        if code != 0 or not (staging / "index.html").is_file():
            kept = ("the last good site in " + _shown(site_dir) + " is unchanged") if site_dir.exists() \
                else "nothing was published"
            why = "errors or warnings" if strict else "errors"
            return Outcome(code or 1, f"The build stopped with {why} (above), so {kept}. "
                                      "Fix them and build again.")
        _swap(staging, site_dir)
        return Outcome(0, f"Published the site to {_shown(site_dir)}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        os.rename(site_dir, old)
    try:
        os.rename(staging, site_dir)
    except OSError:
        if old.exists():
            os.rename(old, site_dir)  # put the last good site back rather than leave none
        raise
    shutil.rmtree(old, ignore_errors=True)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
