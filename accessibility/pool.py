"""Workers in parallel, one Chromium each, kept for the whole audit (and across audits in tests).

Threads are enough: a worker spends its time waiting for Chromium, which runs in its own
processes, so the GIL is not the bottleneck.
"""
from __future__ import annotations

import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Iterable

from .worker import PageJob, PageOutcome, Slot, audit_page


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


class BrowserPool:
    def __init__(self, size: int, axe_script: Path):
        self.size = max(1, size)
        self.axe_script = axe_script
        self._slots: list[Slot] = []
        self._idle: queue.Queue[Slot] = queue.Queue()
        self._lock = threading.Lock()

    def start(self, wanted: int | None = None) -> None:
        """Launch browsers in parallel; an audit of one page needs only one."""
        wanted = min(self.size, wanted or self.size)
        missing = wanted - len(self._slots)
        if missing <= 0:
            return
        with ThreadPoolExecutor(missing) as ex:
            for slot in ex.map(lambda _: Slot(self.axe_script), range(missing)):
                self._slots.append(slot)
                self._idle.put(slot)

    @property
    def browser_version(self) -> str | None:
        return self._slots[0].browser.version if self._slots else None

    @property
    def driver_version(self) -> str | None:
        return self._slots[0].browser.driver_version if self._slots else None

    def run(self, jobs: Iterable[PageJob],
            done: Callable[[PageOutcome], None] | None = None) -> list[PageOutcome]:
        jobs = list(jobs)
        if not jobs:
            return []
        self.start(len(jobs))
        outcomes: list[PageOutcome] = []

        def one(job: PageJob) -> PageOutcome:
            slot = self._idle.get()
            try:
                outcome = audit_page(slot, job)
                if outcome.crashed and not slot.browser.alive():
                    slot = self._replace(slot)
                    outcome = audit_page(slot, job)  # one retry on a fresh browser
            finally:
                self._idle.put(slot)
            with self._lock:
                outcomes.append(outcome)
                if done:
                    done(outcome)
            return outcome

        ex = ThreadPoolExecutor(len(self._slots))
        try:
            for future in [ex.submit(one, job) for job in jobs]:
                future.result()
        except BaseException:
            # Interrupted (Ctrl+C, SIGTERM) or a bug: drop the queued pages, do not audit them.
            ex.shutdown(wait=True, cancel_futures=True)
            raise
        ex.shutdown()
        return outcomes

    def _replace(self, slot: Slot) -> Slot:
        slot.close()
        fresh = Slot(self.axe_script)
        with self._lock:
            self._slots[self._slots.index(slot)] = fresh
        return fresh

    def close(self) -> None:
        for slot in self._slots:
            slot.close()
        self._slots.clear()
        self._idle = queue.Queue()

    def __enter__(self) -> "BrowserPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
