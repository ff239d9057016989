"""Precision and recall of each of our rules on a labelled corpus (issue 17).

corpus/<rule>/pass-*.html: correct for that rule's criterion. No rule, ours or axe-core's,
may report an error on it, and <rule> may not report it at all (not even as a warning).
corpus/<rule>/fail-*.html: <rule> must report it (an error for a WCAG rule, a warning for
a house convention under the default wcag profile). Pages are written from the WCAG 2.2
Understanding documents and Techniques, and name their criterion and technique in
<meta name="wcag"> and <meta name="technique">. corpus/build_corpus.py writes them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from councilsite.accessibility.audit import run_audit
from councilsite.accessibility.findings import ERROR
from councilsite.accessibility.rules import RULES

from a11y_support import audit_config

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parent / "corpus"
# Not a rule about pages: the checker's own failure to load or check one.
NOT_CORPUS_RULES = {"page-audit-failed"}
MIN_PASS, MIN_FAIL = 5, 3
# Ordinary, correct pages written for no rule in particular (hand-written, not generated).
WELLFORMED = CORPUS / "wellformed"


def rule_dirs() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir()
                  if p.is_dir() and p != WELLFORMED and any(p.glob("*.html")))


@pytest.fixture(scope="module")
def corpus_audit(tmp_path_factory, pool):
    tmp = tmp_path_factory.mktemp("corpus")
    site = tmp / "site"
    shutil.copytree(CORPUS, site, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return run_audit(audit_config(site, tmp, widths=(1280, 320), evidence=False), pool=pool)


def test_every_rule_has_its_corpus():
    have = {d.name: d for d in rule_dirs()}
    assert set(have) - set(RULES) == set(), "corpus folders for unknown rules"
    missing = set(RULES) - NOT_CORPUS_RULES - set(have)
    assert not missing, f"rules without corpus pages: {sorted(missing)}"
    for rule, folder in have.items():
        passing = list(folder.glob("pass-*.html"))
        failing = list(folder.glob("fail-*.html"))
        assert len(passing) >= MIN_PASS and len(failing) >= MIN_FAIL, (rule, len(passing),
                                                                       len(failing))


def test_every_page_is_labelled():
    for path in (p for d in rule_dirs() for p in d.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert re.search(r'<meta name="wcag" content="\d\.\d\.\d+">', text), path
        assert re.search(r'<meta name="technique" content="[^"]+">', text), path


def score(audit) -> tuple[list[str], list, list]:
    """Per rule: the printed table, passing pages flagged and failing pages missed."""
    errors: dict[str, set[str]] = {}
    reported: dict[str, set[str]] = {}
    for r in audit.results:
        for f in r.findings:
            reported.setdefault(r.page, set()).add(f.rule)
            if f.severity == ERROR:
                errors.setdefault(r.page, set()).add(f.rule)
    flagged, missed, table = [], [], []
    for folder in rule_dirs():
        rule = folder.name
        tp = fp = fn = tn = 0
        for path in sorted(folder.glob("*.html")):
            page = f"{rule}/{path.name}"
            hit = rule in reported.get(page, set())
            if path.name.startswith("pass-"):
                bad = sorted(errors.get(page, set()) | ({rule} if hit else set()))
                if bad:
                    flagged.append((page, bad))
                fp += hit
                tn += not hit
            elif path.name.startswith("fail-"):
                tp += hit
                fn += not hit
                if not hit:
                    missed.append((page, sorted(reported.get(page, set()))))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        kind = "wcag" if RULES[rule].severity == ERROR else "house"
        table.append(f"{rule:<22} {kind:<5} pass {tn + fp:>2}  fail {tp + fn:>2}  "
                     f"precision {precision:6.1%}  recall {recall:6.1%}")
    return table, flagged, missed


def test_rules_on_the_corpus(corpus_audit, capsys):
    table, flagged, missed = score(corpus_audit)
    with capsys.disabled():
        print("\nPer-rule precision and recall on the labelled corpus:\n" + "\n".join(table))
    assert not flagged, f"passing pages flagged: {flagged}"
    assert not missed, f"failing pages missed: {missed}"


def test_pages_that_pass_axe_get_no_error_from_us(corpus_audit, capsys):
    """Run over pages that pass axe-core alone, the wcag profile adds no error of its own."""
    pages = [f"{p.parent.name}/{p.name}" for d in rule_dirs() for p in d.glob("pass-*.html")]
    wellformed = [f"wellformed/{p.name}" for p in WELLFORMED.glob("*.html")]
    axe_errors: dict[str, set[str]] = {}
    ours: dict[str, set[str]] = {}
    for r in corpus_audit.results:
        for f in r.findings:
            if f.severity == ERROR:
                (axe_errors if f.source == "axe" else ours).setdefault(r.page, set()).add(f.rule)
    assert not [p for p in wellformed if p in axe_errors], "a well-formed page fails axe"
    clean = [p for p in pages + wellformed if p not in axe_errors]
    with capsys.disabled():
        print(f"\n{len(clean)} pages pass axe-core alone ({len(wellformed)} well-formed, "
              f"{len(clean) - len(wellformed)} corpus passing pages); our rules add errors on "
              f"{sum(1 for p in clean if p in ours)}")
    assert len(clean) >= 150
    assert {p: sorted(ours[p]) for p in clean if p in ours} == {}
