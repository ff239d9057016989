"""The editors' content-health page: findings, review dates by owner, and gaps in service pages."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from councilsite.checks.findings import Finding
from councilsite.checks.runner import Results


@dataclass
class Health:
    pages_checked: int
    findings_by_page: list[tuple[str, list[Finding]]]
    due_by_owner: list[tuple[str, list[tuple[str, str, dt.date, bool]]]]  # owner -> (title, url, date, overdue)
    no_owner: list[tuple[str, str]]
    no_task_or_other_ways: list[tuple[str, str]]
    counts: dict[str, int] = field(default_factory=dict)


def health_report(results: Results, catalogue, today: dt.date, window: dt.timedelta) -> Health:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in results.findings:
        grouped[finding.path].append(finding)
    due: dict[str, list] = defaultdict(list)
    no_owner, gaps = [], []
    for page in (catalogue.pages if catalogue else []):
        if page.review_by and page.review_by <= today + window:
            due[page.owner or "No owner"].append((page.title, page.url, page.review_by, page.review_by < today))
        if not page.owner:
            no_owner.append((page.title, page.url))
        if page.kind == "service" and not page.task and not page.other_ways:
            gaps.append((page.title, page.url))
    return Health(
        pages_checked=results.pages,
        findings_by_page=sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])),
        due_by_owner=[(owner, sorted(items, key=lambda i: i[2])) for owner, items in sorted(due.items())],
        no_owner=sorted(no_owner),
        no_task_or_other_ways=sorted(gaps),
        counts=dict(sorted(results.by_check().items())),
    )
