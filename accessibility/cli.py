"""Command line: `councilsite audit SITE_DIR` and `python -m councilsite.accessibility SITE_DIR`.

The `councilsite` console script owns the sub-command; it calls `add_arguments` on its
parser and `run` with the parsed arguments, so both entry points behave the same.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from .config import DEFAULT_CACHE_DIR, DEFAULT_REPORT_DIR, AuditConfig
from .pool import default_workers
from .states import DEFAULT_WIDTHS, parse_schemes
from .templates import DEFAULT_SAMPLE

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", metavar="SITE_DIR", type=Path,
                        help="folder of the built static site to check")
    parser.add_argument("--report-dir", type=Path, default=DEFAULT_REPORT_DIR,
                        help="where to write report.json, report.html, junit.xml and "
                             "evidence.json (default: %(default)s)")
    parser.add_argument("--allowlist", type=Path, default=None,
                        help="YAML allow-list of known issues (default: "
                             "accessibility/allowlist.yml)")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="browsers checking pages in parallel (default: number of cores, "
                             "%(default)s)")
    parser.add_argument("--incremental", action="store_true",
                        help="re-check only pages whose HTML, CSS or scripts changed since the "
                             "last audit; keep earlier results for the rest")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR,
                        help="content-hash cache for --incremental (default: %(default)s)")
    parser.add_argument("--schemes", default=None, metavar="LIST",
                        help="colour schemes to check, e.g. light,dark (default: light, plus "
                             "dark when the site's CSS has a prefers-color-scheme: dark query)")
    parser.add_argument("--widths", default=",".join(str(w) for w in DEFAULT_WIDTHS),
                        metavar="LIST", help="viewport widths in CSS px (default: %(default)s)")
    parser.add_argument("--keyboard-sample", type=int, default=DEFAULT_SAMPLE, metavar="N",
                        help="pages per template to walk with the keyboard; 0 walks every page "
                             "(default: %(default)s)")
    parser.add_argument("--axe-script", type=Path, default=None,
                        help="axe.min.js to use (default: $AXE_CORE_JS, else the axe-core "
                             "shipped in the package, vendor/axe-core/)")
    parser.add_argument("--profile", choices=("wcag", "strict"), default="wcag",
                        help="wcag: fail only on WCAG 2.2 A/AA failures, best practice is a "
                             "warning; strict: best-practice warnings fail too (default: "
                             "%(default)s)")
    parser.add_argument("--no-evidence", action="store_true",
                        help="do not write the audit evidence into the accessibility statement")
    parser.add_argument("--quiet", action="store_true", help="no progress output")


def config_from_args(args: argparse.Namespace) -> AuditConfig:
    try:
        widths = tuple(int(w) for w in str(args.widths).split(",") if w.strip())
    except ValueError as exc:
        raise ValueError(f"--widths must be numbers, e.g. 1280,320: {exc}") from exc
    if not widths or any(w < 200 or w > 4000 for w in widths):
        raise ValueError("--widths must be between 200 and 4000 CSS px")
    if args.workers < 1:
        raise ValueError("--workers must be at least 1")
    return AuditConfig(
        site_dir=args.site_dir,
        report_dir=args.report_dir,
        cache_dir=args.cache_dir,
        allowlist=args.allowlist,
        workers=args.workers,
        incremental=args.incremental,
        schemes=parse_schemes(args.schemes) if args.schemes else None,
        widths=widths,
        keyboard_sample=args.keyboard_sample,
        axe_script=args.axe_script,
        evidence=not args.no_evidence,
        progress=not args.quiet,
        profile=args.profile,
    )


def run(args: argparse.Namespace) -> int:
    # Imported here so `--help` works even where selenium is missing.
    from .allowlist import AllowlistError
    from .audit import run_audit
    from .axe_runner import AxeMissing
    from .browser import BrowserError
    from .console import summary_table

    _exit_cleanly_on_sigterm()
    try:
        config = config_from_args(args)
        if config.allowlist is not None and not Path(config.allowlist).exists():
            raise FileNotFoundError(f"allow-list not found: {config.allowlist}")
        result = run_audit(config)
    except (ValueError, FileNotFoundError, AllowlistError, AxeMissing, BrowserError) as exc:
        print(f"councilsite audit: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE

    s = result.summary
    tools = result.tools
    print(f"Accessibility audit of {result.site.root}: {s['pages']} page(s), "
          f"{s['page_states']} page state(s) [{', '.join(s['states'])}], "
          f"axe-core {tools.get('axe_core') or '?'}, Chromium {tools.get('chromium') or '?'}")
    if config.incremental:
        print(f"Incremental: {len(result.audited_pages)} page(s) re-checked, "
              f"{s['reused_pages']} unchanged.")
    print()
    print(summary_table(s["rules"]))
    print()
    for problem in result.problems:
        print(f"Allow-list: {problem.message}")
    blocking = [f for f in result.issues if f.blocking]
    for f in blocking[:20]:
        print(f"  ERROR {' + '.join(f.rules or [f.rule])} ({', '.join(f.criteria) or '-'}) "
              f"{f.page} [{', '.join(f.states or [f.state])}] {f.element or f.selector}")
    if len(blocking) > 20:
        print(f"  ... and {len(blocking) - 20} more: see the HTML report")
    verdict = "PASSED" if result.passed else "FAILED"
    print(f"{verdict}: {s['errors']} error(s), {s['warnings']} warning(s), "
          f"{s['allowed']} allowed, {s['allowlist_problems']} allow-list problem(s).")
    for kind, path in result.reports.items():
        print(f"  {kind}: {path}")
    return result.exit_code


def _exit_cleanly_on_sigterm() -> None:
    """CI cancels jobs with SIGTERM: turn it into SystemExit so browsers are shut down."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m councilsite.accessibility",
        description="Check a built static site for accessibility (WCAG 2.2 AA) in Chromium.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
