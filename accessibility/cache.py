"""Content-hash cache behind --incremental: a page is re-audited only when what it shows changed.

What a page shows is its HTML, its error-state HTML and the CSS and scripts it loads, so
the page's key hashes all of those; the checker's own code, axe-core and the state plan go
into a run-wide key, and changing any of them invalidates everything.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

FORMAT = 1
CACHE_FILE = "results.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checker_fingerprint(axe_script: Path) -> str:
    """Hash of this package's code and the axe-core in use: new checks mean new results."""
    h = hashlib.sha256()
    # The in-browser checks are in js/*.js: a change there is a change of checks too.
    for path in sorted(PACKAGE_DIR.glob("*.py")) + sorted(PACKAGE_DIR.glob("js/*.js")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(path.read_bytes())
    h.update(axe_script.read_bytes())
    return h.hexdigest()


class FileHashes:
    """Hashes each shared file once per run, however many pages load it."""

    def __init__(self, root: Path):
        self.root = root
        self._memo: dict[str, str | None] = {}

    def get(self, rel: str) -> str | None:
        if rel not in self._memo:
            try:
                self._memo[rel] = sha256_bytes((self.root / rel).read_bytes())
            except OSError:
                self._memo[rel] = None
        return self._memo[rel]


def page_key(parts: dict) -> str:
    return sha256_bytes(json.dumps(parts, sort_keys=True).encode("utf-8"))


class AuditCache:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILE

    def load(self, run_key: str, site_root: Path) -> dict[str, dict]:
        """Cached entries per page, or nothing if they came from a different checker or site."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (data.get("format") != FORMAT or data.get("run_key") != run_key
                or data.get("site") != str(site_root)):
            return {}
        return data.get("pages", {})

    def save(self, run_key: str, site_root: Path, pages: dict[str, dict]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT, "run_key": run_key, "site": str(site_root), "pages": pages}
        # Write then rename: an interrupted run must not leave a half-written cache behind.
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".results-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))
        os.replace(tmp, self.path)
