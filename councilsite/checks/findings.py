"""What a check reports: where, what, and a one-line fix."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    check: str
    path: str  # as the editor knows it, e.g. content/bins-and-recycling/report-a-missed-bin.md
    line: int
    text: str  # the offending text, shortened
    fix: str
    severity: str = "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.check}: \u201c{self.text}\u201d. {self.fix}"


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
