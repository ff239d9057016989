"""junit.xml: one test case per page and state, so CI dashboards show accessibility like tests."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path



def _line(f) -> str:
    sc = ", ".join(f.criteria) or "best practice"
    mark = f" [allowed until {f.allowlist_expires}: {f.allowlist_reason}]" if f.allowed else ""
    return f"{f.severity.upper()} {f.source}:{f.rule} (WCAG {sc}) at {f.selector}: {f.message}{mark}"


def build(result) -> ET.Element:
    suites = ET.Element("testsuites", name="councilsite accessibility audit")
    by_page = defaultdict(list)
    for r in result.results:
        by_page[r.page].append(r)
    total = failures = 0
    for page in sorted(by_page):
        suite = ET.SubElement(suites, "testsuite", name=page)
        s_fail = 0
        for r in by_page[page]:
            case = ET.SubElement(suite, "testcase", classname=f"accessibility.{page}",
                                 name=r.state, time="0")
            blocking = [f for f in r.findings if f.blocking]
            other = [f for f in r.findings if not f.blocking]
            if blocking:
                s_fail += 1
                fail = ET.SubElement(case, "failure", type="accessibility",
                                     message=f"{len(blocking)} accessibility error(s)")
                fail.text = "\n".join(_line(f) for f in blocking)
            if other:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in other)
        suite.set("tests", str(len(by_page[page])))
        suite.set("failures", str(s_fail))
        suite.set("errors", "0")
        total += len(by_page[page])
        failures += s_fail
    if result.entries or result.problems:
        suite = ET.SubElement(suites, "testsuite", name="allow-list")
        problems = {id(p.entry): p for p in result.problems}
        for entry in result.entries:
            case = ET.SubElement(suite, "testcase", classname="accessibility.allowlist",
                                 name=entry.describe(), time="0")
            if id(entry) in problems:
                ET.SubElement(case, "failure", type="allowlist",
                              message=problems[id(entry)].message)
        suite.set("tests", str(len(result.entries)))
        suite.set("failures", str(len(result.problems)))
        suite.set("errors", "0")
        total += len(result.entries)
        failures += len(result.problems)
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", "0")
    return suites


def write(result, path: Path) -> Path:
    tree = ET.ElementTree(build(result))
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path

