"""Deleting what the privacy notices promise to delete: each form's submissions once they are
older than its privacy.keep_for, and drafts nobody sent.

Nothing is deleted without a rule for it: a form with no keep_for keeps everything, and so do
submissions of a form whose definition has gone (renamed or retired), which are listed so that
someone decides. A submission purged before the back office had it is counted as a warning: the
CRM being down for longer than the retention period means it never will.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from councilsite.clock import LONDON
from councilsite.forms.model import Form
from councilsite.receiver.store.base import PurgeCounts, Store


@dataclass
class FormPurge:
    form_id: str
    keep_for: str  # "2 years"
    cutoff: dt.datetime  # submissions received before this go
    counts: PurgeCounts


@dataclass
class PurgeReport:
    now: dt.datetime
    dry_run: bool
    forms: list[FormPurge] = field(default_factory=list)
    drafts: PurgeCounts = field(default_factory=PurgeCounts)
    draft_cutoff: dt.datetime | None = None
    no_retention: list[str] = field(default_factory=list)  # forms without keep_for: nothing deleted
    # Forms in the database with no definition: id -> submissions kept.
    undefined: dict[str, int] = field(default_factory=dict)

    @property
    def submissions(self) -> int:
        return sum(f.counts.submissions for f in self.forms)

    @property
    def undelivered(self) -> int | None:
        if self.dry_run:
            return None
        return sum(f.counts.undelivered for f in self.forms)

    def lines(self) -> list[str]:
        verb = "would delete" if self.dry_run else "deleted"
        out = ["Dry run: nothing was deleted."] if self.dry_run else []
        for f in self.forms:
            counts = f.counts
            uploads = f" and {_n(counts.uploads, 'upload')}" if counts.uploads else ""
            out.append(f"{f.form_id}: {verb} {_n(counts.submissions, 'submission')}{uploads} received before "
                       f"{_day(f.cutoff)} (kept for {f.keep_for})")
            if counts.undelivered:
                out.append(f"  warning: {counts.undelivered} of them had not been forwarded to the back office")
        if self.dry_run:
            out.append("Drafts: not counted in a dry run")
        else:
            out.append(f"Drafts: {verb} {_n(self.drafts.drafts, 'draft')} not sent within "
                       f"{_hours(self.now, self.draft_cutoff)}")
        for form_id in self.no_retention:
            out.append(f"{form_id}: kept everything: the form has no privacy.keep_for")
        for form_id, count in self.undefined.items():
            out.append(f"warning: kept {_n(count, 'submission')} of form {form_id}: there is no definition "
                       "saying how long to keep them")
        return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _day(moment: dt.datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _hours(now: dt.datetime, cutoff: dt.datetime | None) -> str:
    return _n(round((now - cutoff).total_seconds() / 3600), "hour") if cutoff else ""


def purge(store: Store, forms: dict[str, Form], now: dt.datetime, draft_hours: int = 24,
          dry_run: bool = False) -> PurgeReport:
    """Delete (or, in a dry run, count) what each form's retention and the draft limit allow."""
    now = now if now.tzinfo else now.replace(tzinfo=LONDON)
    report = PurgeReport(now=now, dry_run=dry_run)
    for form_id, form in sorted(forms.items()):
        retention = form.privacy.keep_for
        if retention is None:
            report.no_retention.append(form_id)
            continue
        cutoff = retention.cutoff(now.astimezone(LONDON))
        counts = _count(store, form_id, cutoff) if dry_run else store.purge(form_id, cutoff)
        report.forms.append(FormPurge(form_id, str(retention), cutoff, counts))
    report.draft_cutoff = now - dt.timedelta(hours=draft_hours)
    if not dry_run:
        report.drafts = store.purge_drafts(report.draft_cutoff)
    report.undefined = undefined_forms(store, forms)
    return report


def _count(store: Store, form_id: str, cutoff: dt.datetime) -> PurgeCounts:
    """What store.purge would delete, read without deleting (outbox state is not listed, so
    undelivered stays 0)."""
    counts = PurgeCounts()
    for submission in store.submissions(form_id, end=cutoff):
        counts.submissions += 1
        counts.uploads += len(submission.uploads)
    if counts.submissions:
        counts.by_form[form_id] = counts.submissions
    return counts


def undefined_forms(store: Store, forms: dict[str, Form]) -> dict[str, int]:
    """Submissions kept for forms with no definition, by form id."""
    return {form_id: store.count(form_id) for form_id in sorted(store.form_ids() - set(forms))}
