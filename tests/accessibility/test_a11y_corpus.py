"""Precision and recall of our own rules on a labelled corpus (issue 17).

corpus/<rule>/pass-*.html must produce no error at all (from any rule, ours or axe's): a
flagged passing page fails the suite. corpus/<rule>/fail-*.html must be caught by <rule>.
Each page names its WCAG criterion and technique in <meta name="wcag"|"technique">.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from councilsite.accessibility.audit import run_audit

from a11y_support import audit_config

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def corpus_audit(tmp_path_factory, pool):
    tmp = tmp_path_factory.mktemp("corpus")
    site = tmp / "site"
    shutil.copytree(CORPUS, site, ignore=shutil.ignore_patterns("*.py"))
    return run_audit(audit_config(site, tmp, widths=(1280,), evidence=False), pool=pool)


def test_every_page_is_labelled():
    for path in CORPUS.glob("*/*.html"):
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<meta name="wcag" content="\d\.\d\.\d+">', text), path
        assert '<meta name="technique"' in text, path


def test_rules_on_the_corpus(corpus_audit, capsys):
    errors: dict[str, set[str]] = {}
    for r in corpus_audit.results:
        for f in r.findings:
            if f.severity == "error":
                errors.setdefault(r.page, set()).add(f.rule)
    flagged_passing, missed, table = [], [], []
    for rule_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        rule = rule_dir.name
        tp = fp = fn = tn = 0
        for path in sorted(rule_dir.glob("*.html")):
            page = f"{rule}/{path.name}"
            hit = rule in errors.get(page, set())
            if path.name.startswith("pass-"):
                if errors.get(page):
                    flagged_passing.append((page, sorted(errors[page])))
                fp += hit
                tn += not hit
            else:
                tp += hit
                fn += not hit
                if not hit:
                    missed.append((page, sorted(errors.get(page, set()))))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else float("nan")
        table.append(f"{rule:<20} pass {tn + fp:>2}  fail {tp + fn:>2}  "
                     f"precision {precision:6.1%}  recall {recall:6.1%}")
    with capsys.disabled():
        print("\n" + "\n".join(table))
    assert not flagged_passing, flagged_passing
    assert not missed, missed
