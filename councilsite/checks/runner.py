"""Check a whole set of Markdown files, and summarise the findings for editors."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from councilsite.checks.findings import Finding
from councilsite.checks.markdown import parse
from councilsite.checks.rules import CHECKS, PageText, Settings, run
from councilsite.content.frontmatter import FrontMatterError, split


@dataclass
class Source:
    src_uri: str
    path: str  # shown to editors
    text: str
    kind: str | None


@dataclass
class Results:
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # mistakes in how the checks were asked for

    def by_check(self) -> Counter:
        return Counter(f.check for f in self.findings)

    def worst_pages(self, count: int = 5) -> list[tuple[str, int]]:
        return Counter(f.path for f in self.findings).most_common(count)

    def summary(self) -> str:
        """One short table: pages checked, findings by kind, the five worst pages."""
        rows = [f"Content checks: {self.pages} pages checked, {len(self.findings)} "
                f"finding{'s' if len(self.findings) != 1 else ''}"]
        if self.findings:
            width = max(len(name) for name in self.by_check())
            rows += [f"  {name.ljust(width)}  {count}" for name, count in sorted(self.by_check().items())]
            rows.append("  Pages with most findings:")
            rows += [f"    {count:>3}  {path}" for path, count in self.worst_pages()]
        return "\n".join(rows)


def check_sources(sources: list[Source], settings: Settings, levels: dict[str, str],
                  existing: set[str]) -> Results:
    results = Results()
    for source in sources:
        try:
            fm = split(source.text, source.path)
        except FrontMatterError:
            continue  # the content model reports broken front matter, with its line
        skip = fm.data.get("skip_checks") or []
        results.problems += [f"{source.path}:{fm.line('skip_checks')}: skip_checks: unknown check '{name}'. "
                             f"Known checks: {', '.join(CHECKS)}" for name in skip if name not in CHECKS]
        page_levels = {**levels, **{name: "off" for name in skip}}
        page = PageText(source.path, source.src_uri, parse(fm.body, fm.body_line), fm.data, source.kind, existing)
        results.pages += 1
        results.findings += run(page, settings, page_levels)
    return results


def unknown_checks(names) -> list[str]:
    return [name for name in names if name not in CHECKS]
