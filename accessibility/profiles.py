"""Profiles: how strictly the house conventions count.

`wcag` (the default) judges a site by WCAG 2.2 A and AA alone: best-practice findings are
warnings. `strict` is how councilsite holds its own demo site to its conventions (one h1, a
skip link even where landmarks exist, document sizes...): every best-practice warning, ours
and axe-core's, becomes an error. Applied after the checks, so cached results serve both.
"""
from __future__ import annotations

from .findings import BEST_PRACTICE, ERROR, WARNING, Finding

WCAG_PROFILE = "wcag"
STRICT_PROFILE = "strict"
PROFILES = (WCAG_PROFILE, STRICT_PROFILE)


def apply(findings: list[Finding], profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use {', '.join(PROFILES)}")
    for f in findings:
        if f.group == BEST_PRACTICE:
            f.severity = ERROR if profile == STRICT_PROFILE else WARNING
