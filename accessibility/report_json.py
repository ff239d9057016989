"""report.json: the machine-readable result. Its shape is documented in accessibility/README.md
and versioned by `schema`; add fields freely, but rename or remove only with a new schema."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .findings import AXE_TAGS, ERROR_TAGS, WARNING_TAGS

SCHEMA = "councilsite-accessibility-report/1"


def finding_dict(f) -> dict:
    return {
        "id": f.id,
        "rule": f.rule,
        "source": f.source,
        "severity": f.severity,
        "impact": f.impact,
        "criteria": list(f.criteria),
        "selector": f.selector,
        "snippet": f.snippet,
        "message": f.message,
        "help": f.help,
        "help_url": f.help_url,
        "allowed": f.allowed,
        "allowlist_reason": f.allowlist_reason,
        "allowlist_expires": f.allowlist_expires,
        "has_screenshot": bool(f.screenshot),
    }


def issue_dict(f) -> dict:
    """A merged finding: the element in our selector syntax, every state, rule and source."""
    return finding_dict(f) | {"page": f.page, "element": f.element or f.selector,
                              "states": list(f.states), "rules": list(f.rules),
                              "sources": list(f.sources)}


def build(result) -> dict:
    cfg = result.config
    return {
        "schema": SCHEMA,
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "site": str(result.site.root),
        "passed": result.passed,
        "tools": result.tools,
        "config": {
            "widths": list(cfg.widths),
            "schemes": result.summary["schemes"],
            "states": result.summary["states"],
            "axe_tags": {"errors": list(ERROR_TAGS), "warnings": list(WARNING_TAGS),
                         "run": list(AXE_TAGS)},
            "keyboard_sample": cfg.keyboard_sample,
            "workers": cfg.workers,
            "incremental": cfg.incremental,
        },
        "summary": {k: v for k, v in result.summary.items()},
        "allowlist": {
            "file": str(cfg.allowlist_path()) if cfg.allowlist_path() else None,
            # What the summary counts: one per element, criterion and cause.
        "issues": [issue_dict(f) for f in result.issues],
        # What each check saw, state by state.
        "entries": [e.to_dict() for e in result.entries],
            "problems": [p.to_dict() for p in result.problems],
        },
        # What the summary counts: one per element, criterion and cause.
        "issues": [issue_dict(f) for f in result.issues],
        # What each check saw, state by state.
        "entries": [
            {
                "page": r.page,
                "url": r.url,
                "state": r.state,
                "variant": r.variant,
                "width": r.width,
                "scheme": r.scheme,
                "checks": list(r.checks),
                "viewport": r.viewport,
                "reused": r.reused,
                "needs_review": list(r.needs_review),
                "findings": [finding_dict(f) for f in r.findings],
            }
            for r in result.results
        ],
    }


def write(result, path: Path) -> Path:
    path.write_text(json.dumps(build(result), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path
