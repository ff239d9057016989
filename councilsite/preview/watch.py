"""Watch the site's files (watchdog: inotify on Linux) and hand over changes in batches.

Editors' programs save in several steps (a temporary file, a rename), so changes are gathered
until the files have been quiet for a moment, then built together.
"""
from __future__ import annotations

import queue
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

QUIET = 0.05  # seconds without a further change before building


def _ignored(path: Path) -> bool:
    name = path.name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


class _Collect(FileSystemEventHandler):
    """One handler for every watch: a file moved from one watched place to another may be reported
    by either watch, and must count for where it arrived."""

    def __init__(self, changes: queue.Queue, folders: list[Path], files: set[Path], skip: Path):
        self.changes, self.folders, self.files, self.skip = changes, folders, files, skip

    def _wanted(self, path: Path) -> bool:
        return path in self.files or any(path.is_relative_to(f) for f in self.folders)

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode())
            if _ignored(path) or path.is_relative_to(self.skip) or not self._wanted(path):
                continue
            self.changes.put(path)


class Watcher:
    def __init__(self, skip: Path):
        self.changes: queue.Queue[Path] = queue.Queue()
        self.skip = skip.resolve()
        self.observer = None
        self.roots: list[Path] = []

    def watch(self, roots: list[Path]) -> None:
        """Watch these files and folders (again, if they changed with mkdocs.yml)."""
        if self.observer is not None and sorted(roots) == sorted(self.roots):
            return
        self.stop()
        self.roots = sorted(roots)
        self.observer = Observer()
        folders = [r for r in self.roots if r.is_dir()]
        files = {r for r in self.roots if r.is_file()}
        handler = _Collect(self.changes, folders, files, self.skip)
        for folder in folders:
            if not any(folder != other and folder.is_relative_to(other) for other in folders):
                self.observer.schedule(handler, str(folder), recursive=True)
        for parent in {file.parent for file in files}:
            if not any(parent.is_relative_to(f) for f in folders):
                self.observer.schedule(handler, str(parent), recursive=False)
        self.observer.start()

    def changed_since(self, when: float) -> None:
        """Queue the watched files saved since `when` (a time.time())."""
        for root in self.roots:
            for path in ([root] if root.is_file() else root.rglob("*")):
                try:
                    if (path.is_file() and not _ignored(path) and not path.is_relative_to(self.skip)
                            and path.stat().st_mtime >= when):
                        self.changes.put(path)
                except OSError:
                    continue

    def next_batch(self, timeout: float | None = None) -> set[Path]:
        """Block until something changes, then return every change made until things are quiet."""
        try:
            batch = {self.changes.get(timeout=timeout)}
        except queue.Empty:
            return set()
        deadline = time.monotonic() + QUIET
        while True:
            try:
                batch.add(self.changes.get(timeout=max(0.0, deadline - time.monotonic())))
                deadline = time.monotonic() + QUIET
            except queue.Empty:
                return batch

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None
