"""The shapes every check reports in, so the reports never care which check spoke."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field

# axe tags that make a violation block the build; anything else axe reports is advice.
ERROR_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
WARNING_TAGS = ("best-practice",)
AXE_TAGS = ERROR_TAGS + WARNING_TAGS

ERROR = "error"
WARNING = "warning"

# A finding is either a WCAG 2.2 A/AA failure, or a house convention ("best practice") that
# the `wcag` profile reports as a warning and the `strict` profile as an error.
WCAG = "wcag"
BEST_PRACTICE = "best-practice"

SOURCE_AXE = "axe"
SOURCE_OWN = "councilsite"

_SC_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def criteria_from_tags(tags: list[str]) -> list[str]:
    """`wcag143` -> `1.4.3`; level tags such as `wcag21aa` end in letters and are skipped."""
    found = []
    for tag in tags:
        m = _SC_TAG.match(tag)
        if m:
            sc = ".".join(m.groups())
            if sc not in found:
                found.append(sc)
    return found


def severity_from_tags(tags: list[str]) -> str:
    return ERROR if any(t in ERROR_TAGS for t in tags) else WARNING


def group_from_tags(tags: list[str]) -> str:
    return WCAG if any(t in ERROR_TAGS for t in tags) else BEST_PRACTICE


@dataclass
class Finding:
    rule: str
    source: str
    severity: str
    criteria: list[str]
    page: str
    state: str
    selector: str
    snippet: str
    message: str
    help: str
    help_url: str | None = None
    impact: str | None = None
    allowed: bool = False
    allowlist_reason: str | None = None
    allowlist_expires: str | None = None
    # Base64 PNG of the failing element; kept out of report.json to keep it small.
    screenshot: str | None = None
    group: str = WCAG
    # Filled in when findings are merged: every state, rule and source that saw this issue.
    states: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # The element in our selector syntax, when the check's own differs (axe's targets).
    element: str = ""

    @property
    def id(self) -> str:
        """Stable across runs, so report anchors and JUnit names do not churn."""
        if self.states:  # a merged issue: one id whatever states it was seen in
            raw = "|".join([self.page, self.source, self.rule, self.element or self.selector])
        else:
            raw = "|".join([self.page, self.state, self.source, self.rule, self.selector])
        return "f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR and not self.allowed

    def to_dict(self, with_screenshot: bool = True) -> dict:
        d = asdict(self)
        if not with_screenshot:
            d.pop("screenshot")
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass
class StateResult:
    """One page checked in one state: the unit report.json lists."""

    page: str
    url: str
    state: str
    variant: str = "default"
    width: int | None = None
    scheme: str | None = None
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Rules axe could not decide (e.g. contrast over an image): a person should look.
    needs_review: list[str] = field(default_factory=list)
    viewport: dict | None = None
    reused: bool = False

    def to_dict(self, with_screenshot: bool = True) -> dict:
        return {
            "page": self.page,
            "url": self.url,
            "state": self.state,
            "variant": self.variant,
            "width": self.width,
            "scheme": self.scheme,
            "checks": list(self.checks),
            "viewport": self.viewport,
            "needs_review": list(self.needs_review),
            "reused": self.reused,
            "findings": [f.to_dict(with_screenshot) for f in self.findings],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "StateResult":
        return cls(
            page=d["page"],
            url=d["url"],
            state=d["state"],
            variant=d.get("variant", "default"),
            width=d.get("width"),
            scheme=d.get("scheme"),
            checks=list(d.get("checks", [])),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            needs_review=list(d.get("needs_review", [])),
            viewport=d.get("viewport"),
            reused=d.get("reused", False),
        )
