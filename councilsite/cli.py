"""The `councilsite` command. Subcommands stay thin: each hands over to the module that does the work."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys


def _mkdocs(args: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return subprocess.call([sys.executable, "-m", "mkdocs", *args])


def _build(ns) -> int:
    return _mkdocs(["build", "--strict", "-f", ns.config_file])


def _preview(ns) -> int:
    return _mkdocs(["serve", "-f", ns.config_file, "--dev-addr", f"{ns.host}:{ns.port}"])


def _audit_parser(sub) -> None:
    try:
        from councilsite.accessibility import cli as audit_cli
    except ImportError:  # the checker is optional for a build-only install
        return
    audit = sub.add_parser("audit", help="check every page of a built site for accessibility problems")
    audit_cli.add_arguments(audit)
    audit.set_defaults(func=audit_cli.run)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="councilsite", description="Build and check an accessible council website.")
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the site (fails on any content problem)")
    build.add_argument("-f", "--config-file", default="mkdocs.yml")
    build.set_defaults(func=_build)
    preview = sub.add_parser("preview", help="preview the site with live reload while you edit")
    preview.add_argument("-f", "--config-file", default="mkdocs.yml")
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    preview.set_defaults(func=_preview)
    _audit_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    ns = parser().parse_args(argv)
    return ns.func(ns)


if __name__ == "__main__":
    sys.exit(main())
