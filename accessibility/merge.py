"""Honest counts: one issue per element, criterion and cause, however many states show it.

Every check reports per state (width, colour scheme, error state), so one missing alt seen
at two widths in two schemes is four raw findings, and axe's `image-alt` and our `img-alt`
on the same image are two more. An issue groups them: the states it appears in, and every
rule and source that saw it. Axe and our rules merge when they name the same element and
the same WCAG criteria; within one source the rule is the cause, so two rules on one
element stay two issues. Reports, the summary and the evidence count issues.
"""
from __future__ import annotations

from .findings import ERROR, SOURCE_OWN, WCAG, Finding, StateResult


def element_of(f: Finding) -> str:
    """The element in one selector syntax (ours), whichever check found it."""
    return f.element or f.selector


def merge(results: list[StateResult]) -> list[Finding]:
    issues: dict[tuple, Finding] = {}
    order: list[tuple] = []
    # Same source and rule: one issue per element, whatever the state.
    for r in results:
        for f in r.findings:
            key = (f.page, element_of(f), f.source, f.rule)
            issue = issues.get(key)
            if issue is None:
                issue = Finding.from_dict(f.to_dict())
                issue.states, issue.rules, issue.sources = [], [f.rule], [f.source]
                issue.element = element_of(f)
                issues[key] = issue
                order.append(key)
            _absorb(issue, f)
    # Then axe and ours on the same element for the same criteria: one issue, both named.
    by_element: dict[tuple, Finding] = {}
    out: list[Finding] = []
    for key in sorted(order, key=lambda k: k[2] != SOURCE_OWN):  # ours leads the merge
        issue = issues[key]
        if not issue.criteria:
            out.append(issue)
            continue
        ek = (issue.page, issue.element, tuple(sorted(issue.criteria)))
        lead = by_element.get(ek)
        if lead is None or issue.source in lead.sources:
            by_element.setdefault(ek, issue)
            out.append(issue)
            continue
        _join(lead, issue)
    return sorted(out, key=lambda i: (i.page, i.severity != ERROR, i.rule, i.element))


def _absorb(issue: Finding, f: Finding) -> None:
    if f.state not in issue.states:
        issue.states.append(f.state)
    _settle(issue, f)


def _join(lead: Finding, other: Finding) -> None:
    for s in other.states:
        if s not in lead.states:
            lead.states.append(s)
    for rule in other.rules:
        if rule not in lead.rules:
            lead.rules.append(rule)
    for source in other.sources:
        if source not in lead.sources:
            lead.sources.append(source)
    if other.message and other.message not in lead.message:
        lead.message = f"{lead.message} ({other.source} {other.rule}: {other.message})"
    _settle(lead, other)


def _settle(issue: Finding, f: Finding) -> None:
    """An issue is as serious as its most serious finding, and allowed only if all are."""
    if f.severity == ERROR:
        issue.severity = ERROR
    if f.group == WCAG:
        issue.group = WCAG
    issue.screenshot = issue.screenshot or f.screenshot
    if issue.allowed and not f.allowed:
        issue.allowed = False
        issue.allowlist_reason = issue.allowlist_expires = None
