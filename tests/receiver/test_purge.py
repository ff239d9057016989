"""The purge deletes what each form's privacy notice says it deletes, and nothing else."""
import dataclasses
import datetime as dt

import pytest

from councilsite.receiver.purge import purge
from sending import at, demo_forms, send, upload

NOW = at("2026-11-22 12:00")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 20


@pytest.fixture(scope="module")
def forms():
    return demo_forms()


def contact(store, forms, when, message="Hello"):
    return send(store, forms["contact-us"], {"topic": "housing", "message": message, "full_name": "Ann Smith",
                                             "reply_by": "phone", "phone": "01632 960 001"}, at(when))


def fly_tipping(store, forms, when):
    return send(store, forms["report-fly-tipping"], {"location": "Mill Lane", "waste_type": ["tyres"],
                                                     "amount": "single"},
                at(when), uploads=[upload("photo", "p.png", PNG, "image/png")])


def draft(store, form_id, when):
    return store.save_draft(form_id, {}, {"message": "unsent"}, [], at(when))


def delivered(store, *submissions):
    claimed = store.claim_deliveries("test", NOW, dt.timedelta(minutes=5), 100)
    wanted = {s.id for s in submissions}
    for d in claimed:
        if d.submission.id in wanted:
            store.delivered(d.submission.id, NOW)
        else:
            store.delivery_failed(d.submission.id, NOW, "HTTP 503")


def references(store, form_id):
    return [s.reference for s in store.submissions(form_id)]


def test_each_form_keeps_submissions_for_its_own_period(store, forms):
    old_contact = contact(store, forms, "2024-11-22 11:59")  # 2 years and a minute: goes
    kept_contact = contact(store, forms, "2024-11-22 12:00")  # exactly 2 years: stays
    fly_tipping(store, forms, "2023-11-21 09:00")  # 3 years for fly-tipping: goes
    kept_tip = fly_tipping(store, forms, "2024-01-01 09:00")  # older than 2 years, but within 3
    delivered(store, old_contact, kept_contact, kept_tip)  # the old fly-tipping report never did
    stale = draft(store, "contact-us", "2026-11-21 11:00")  # 25 hours unsent
    fresh = draft(store, "contact-us", "2026-11-21 13:00")

    report = purge(store, forms, NOW)

    by_form = {f.form_id: f for f in report.forms}
    assert by_form["contact-us"].counts.submissions == 1
    assert by_form["contact-us"].cutoff == at("2024-11-22 12:00")
    tipping = by_form["report-fly-tipping"].counts
    assert (tipping.submissions, tipping.uploads, tipping.undelivered) == (1, 1, 1)
    assert report.submissions == 2 and report.undelivered == 1
    assert report.drafts.drafts == 1
    assert references(store, "contact-us") == [kept_contact.reference]
    assert references(store, "report-fly-tipping") == [kept_tip.reference]
    assert store.draft(stale) is None and store.draft(fresh) is not None
    assert report.undefined == {} and report.no_retention == []

    text = "\n".join(report.lines())
    assert "contact-us: deleted 1 submission received before 12:00 on 22 November 2024 (kept for 2 years)" in text
    assert "report-fly-tipping: deleted 1 submission and 1 upload received before 12:00 on 22 November 2023" in text
    assert "warning: 1 of them had not been forwarded to the back office" in text
    assert "Drafts: deleted 1 draft not sent within 24 hours" in text

    again = purge(store, forms, NOW)  # nothing left to do
    assert again.submissions == 0 and again.drafts.drafts == 0


def test_a_dry_run_counts_and_deletes_nothing(store, forms):
    contact(store, forms, "2023-05-01 10:00")
    fly_tipping(store, forms, "2022-05-01 10:00")
    fly_tipping(store, forms, "2022-06-01 10:00")
    draft(store, "contact-us", "2026-11-01 10:00")

    dry = purge(store, forms, NOW, dry_run=True)
    assert {f.form_id: (f.counts.submissions, f.counts.uploads) for f in dry.forms if f.counts.submissions} == {
        "contact-us": (1, 0), "report-fly-tipping": (2, 2)}
    assert store.count() == 3 and store.outbox().pending == 3
    lines = dry.lines()
    assert lines[0] == "Dry run: nothing was deleted."
    assert any(line.startswith("report-fly-tipping: would delete 2 submissions and 2 uploads") for line in lines)
    assert dry.undelivered is None

    real = purge(store, forms, NOW)
    assert [(f.form_id, f.counts.submissions, f.counts.uploads) for f in real.forms] == [
        (f.form_id, f.counts.submissions, f.counts.uploads) for f in dry.forms]
    assert store.count() == 0 and real.drafts.drafts == 1


def test_forms_without_a_rule_keep_everything(store, forms):
    contact(store, forms, "2016-01-01 10:00")
    form = forms["contact-us"]
    forever = dataclasses.replace(form, privacy=dataclasses.replace(form.privacy, keep_for=None))
    report = purge(store, {"contact-us": forever}, NOW)
    assert report.forms == [] and report.no_retention == ["contact-us"]
    assert store.count("contact-us") == 1
    assert "contact-us: kept everything: the form has no privacy.keep_for" in report.lines()


def test_submissions_of_forms_no_longer_defined_are_kept_and_reported(store, forms):
    token = store.save_draft("retired-form", {}, {"what": "x"}, [], at("2016-01-01 10:00"))
    store.submit(token, "retired-form", lambda: "OLD-1", at("2016-01-01 10:00"))
    contact(store, forms, "2026-11-01 10:00")

    report = purge(store, forms, NOW)
    assert store.count("retired-form") == 1
    assert report.undefined == {"retired-form": 1}
    assert store.form_ids() == {"retired-form", "contact-us"}
    assert any(line.startswith("warning: kept 1 submission of form retired-form") for line in report.lines())
