"""junit.xml: per page, one test case per issue (element, criterion and cause, naming every
state it appears in) plus one for the page as a whole, so CI dashboards count what the
report counts."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path



def _line(f) -> str:
    sc = ", ".join(f.criteria) or "best practice"
    mark = f" [allowed until {f.allowlist_expires}: {f.allowlist_reason}]" if f.allowed else ""
    who = " + ".join(f"{s}:{r}" for s, r in zip(f.sources, f.rules)) if \
        len(f.sources) == len(f.rules) else f"{'+'.join(f.sources)}:{'+'.join(f.rules)}"
    return (f"{f.severity.upper()} {who or f.source + ':' + f.rule} (WCAG {sc}) at "
            f"{f.element or f.selector} in {', '.join(f.states or [f.state])}: {f.message}{mark}")


def build(result) -> ET.Element:
    suites = ET.Element("testsuites", name="councilsite accessibility audit")
    states = defaultdict(list)
    for r in result.results:
        states[r.page].append(r.state)
    issues = defaultdict(list)
    for f in result.issues:
        issues[f.page].append(f)
    total = failures = 0
    for page in sorted(states):
        suite = ET.SubElement(suites, "testsuite", name=page)
        s_fail = 0
        whole = ET.SubElement(suite, "testcase", classname=f"accessibility.{page}",
                              name="page", time="0")
        ET.SubElement(whole, "system-out").text = "Checked in: " + ", ".join(states[page])
        for f in issues[page]:
            case = ET.SubElement(suite, "testcase", classname=f"accessibility.{page}",
                                 name=f"{' + '.join(f.rules or [f.rule])} at "
                                      f"{f.element or f.selector}", time="0")
            if f.blocking:
                s_fail += 1
                fail = ET.SubElement(case, "failure", type="accessibility",
                                     message=f"{len(f.states or [f.state])} state(s): "
                                             f"{', '.join(f.states or [f.state])}")
                fail.text = _line(f)
            else:
                ET.SubElement(case, "system-out").text = _line(f)
        suite.set("tests", str(1 + len(issues[page])))
        suite.set("failures", str(s_fail))
        suite.set("errors", "0")
        total += 1 + len(issues[page])
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

