"""Plain-text progress on stderr and the summary table, without a terminal UI dependency."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from .rules import criterion_label


class Progress:
    """Redraws one line on a terminal; in CI logs prints a line every tenth instead."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None,
                 enabled: bool = True, width: int = 30):
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_tenth = -1

    def advance(self, n: int = 1, note: str = "") -> None:
        self.done += n
        if not self.enabled:
            return
        tenth = int(10 * self.done / self.total)
        if self._tty:
            self.stream.write("\r" + self._line(note)[:120].ljust(120))
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif tenth != self._last_tenth or self.done >= self.total:
            self._last_tenth = tenth
            self.stream.write(self._line(note) + "\n")
            self.stream.flush()

    def _line(self, note: str) -> str:
        frac = self.done / self.total if self.total else 1.0
        filled = int(self.width * frac)
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        tail = f" {note}" if note else ""
        return (f"{self.label} [{bar}] {self.done}/{self.total} "
                f"{rate:.1f}/s eta {int(eta)}s{tail}")


def say(message: str, enabled: bool = True) -> None:
    if enabled:
        print(message, file=sys.stderr, flush=True)


def summary_table(rows: list[dict]) -> str:
    """rows: rule, source, severity, criteria, findings, pages, allowed."""
    headers = ["Rule", "Source", "Severity", "WCAG", "Findings", "Pages", "Allowed"]
    body = [[r["rule"], r["source"], r["severity"],
             ", ".join(r["criteria"]) or "-", str(r["findings"]), str(r["pages"]),
             str(r["allowed"])] for r in rows]
    if not body:
        return "No findings."
    widths = [max(len(h), *(len(b[i]) for b in body)) for i, h in enumerate(headers)]
    numeric = {4, 5, 6}

    def fmt(cells):
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    lines = [fmt(headers), fmt(["-" * w for w in widths])]
    lines += [fmt(b) for b in body]
    return "\n".join(lines)


def criteria_names(criteria: list[str]) -> str:
    return "; ".join(criterion_label(c) for c in criteria)
