"""What one audit run is asked to do; the CLI and the tests both fill this in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .pool import default_workers
from .states import DEFAULT_WIDTHS
from .templates import DEFAULT_SAMPLE

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_REPORT_DIR = Path("build/reports")
DEFAULT_CACHE_DIR = Path("build/cache/audit")
DEFAULT_ALLOWLIST = Path("accessibility/allowlist.yml")


@dataclass
class AuditConfig:
    site_dir: Path
    report_dir: Path = DEFAULT_REPORT_DIR
    cache_dir: Path = DEFAULT_CACHE_DIR
    allowlist: Path | None = None
    workers: int = field(default_factory=default_workers)
    incremental: bool = False
    schemes: tuple[str, ...] | None = None  # None: light, plus dark if the CSS offers it
    widths: tuple[int, ...] = DEFAULT_WIDTHS
    keyboard_sample: int = DEFAULT_SAMPLE
    axe_script: Path | None = None
    evidence: bool = True
    today: dt.date | None = None
    progress: bool = True
    profile: str = "wcag"  # "strict": best-practice warnings count as errors (profiles.py)

    def allowlist_path(self) -> Path | None:
        """An explicit path must exist; the default falls back to the list shipped here."""
        if self.allowlist is not None:
            return Path(self.allowlist)
        if DEFAULT_ALLOWLIST.exists():
            return DEFAULT_ALLOWLIST
        shipped = PACKAGE_DIR / "allowlist.yml"
        return shipped if shipped.exists() else None

    def day(self) -> dt.date:
        return self.today or dt.date.today()
