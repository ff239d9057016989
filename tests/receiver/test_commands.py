"""`councilsite submissions export|purge|forward|status`, run as an officer would run them."""
import copy
import csv
import io
import json
import stat
import subprocess
import sys

import pytest

from councilsite.cli import main
from councilsite.receiver import commands
from councilsite.receiver.settings import env_settings, load_settings
from receiversite import build_demo
from sending import Target, at, send, upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x03" * 20
BUILT = {}  # "site": the demo site this module's commands read


@pytest.fixture(scope="module", autouse=True)
def site_dir(tmp_path_factory):
    BUILT["site"] = build_demo(tmp_path_factory.mktemp("commands-site"))
    return BUILT["site"]


@pytest.fixture(scope="module")
def site_settings(site_dir):
    return load_settings(site_dir, environ={})


@pytest.fixture(autouse=True)
def quick_settings(monkeypatch, site_settings):
    """The demo site's settings, read once; the environment still applies, as it does for the real command."""
    monkeypatch.setattr("councilsite.receiver.settings.load_settings",
                        lambda site_dir, environ=None: env_settings(copy.copy(site_settings)))
    for name in ("COUNCILSITE_DATABASE_URL", "COUNCILSITE_WEBHOOK_URL", "COUNCILSITE_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def forms(site_settings):
    return site_settings.forms


def submissions(*args, store_url=None):
    database = ["--database", store_url] if store_url else []
    return main(["submissions", *args[:1], "--site-dir", str(BUILT["site"]), *database, *args[1:]])


def contact(store, forms, when, message="Hello", name="Ann Smith"):
    return send(store, forms["contact-us"], {"topic": "housing", "message": message, "full_name": name,
                                             "reply_by": "email", "email": "ann@example.com"}, at(when))


def test_export_csv_to_a_file_between_uk_dates(store, store_url, forms, tmp_path, capsys):
    contact(store, forms, "2026-06-30 23:30", "Too early")  # 30 June in the UK (22:30 UTC)
    first = contact(store, forms, "2026-07-01 00:10", '=HYPERLINK("http://x")')  # 1 July, though 30 June in UTC
    last = contact(store, forms, "2026-07-31 23:59", "Last one")
    contact(store, forms, "2026-08-01 00:00", "Too late")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "july.csv"
    status = submissions("export", "--form", "contact-us", "--from", "2026-07-01", "--to", "2026-07-31",
                         "--output", str(out), store_url=store_url)
    assert status == 0
    assert "Exported 2 submissions of contact-us to" in capsys.readouterr().err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[0] for r in rows] == [first.reference, last.reference]
    assert dict(zip(header, rows[0]))["Your message"] == "'=HYPERLINK(\"http://x\")"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # personal data: the owner's alone
    assert [p.name for p in folder.iterdir()] == ["july.csv"]  # no temporary file left behind


def test_export_json_to_standard_output_with_files(store, store_url, forms, tmp_path, capsys):
    sent = send(store, forms["report-fly-tipping"], {"location": "<b>Mill Lane</b>", "waste_type": ["tyres"],
                                                     "amount": "single"},
                at("2026-11-20 10:00"), uploads=[upload("photo", "tip.png", PNG, "image/png")])
    assert submissions("export", "--form", "report-fly-tipping", "--format", "json", "--files",
                       str(tmp_path / "files"), store_url=store_url) == 0
    captured = capsys.readouterr()
    assert "<" not in captured.out
    [entry] = json.loads(captured.out)
    assert entry["reference"] == sent.reference and entry["answers"]["location"] == "<b>Mill Lane</b>"
    assert (tmp_path / "files" / sent.reference / "photo-tip.png").read_bytes() == PNG
    assert "and 1 uploaded file to" in captured.err

    # Saving again would overwrite: refused, and the export file is not left half made.
    out = tmp_path / "files" / "again.json"
    assert submissions("export", "--form", "report-fly-tipping", "--format", "json", "--output", str(out),
                       "--files", str(tmp_path / "files"), store_url=store_url) == 1
    assert "exists already" in capsys.readouterr().err
    assert sorted(p.name for p in out.parent.iterdir()) == [sent.reference]


def test_export_of_an_unknown_form_lists_the_forms(store, store_url, capsys):
    assert submissions("export", "--form", "report-a-pothole", store_url=store_url) == 1
    err = capsys.readouterr().err
    assert "there is no form 'report-a-pothole'" in err and "contact-us, report-a-missed-bin" in err


def test_bad_dates_are_refused(store, store_url, capsys):
    with pytest.raises(SystemExit) as exit_:
        submissions("export", "--form", "contact-us", "--from", "20/11/2026", store_url=store_url)
    assert exit_.value.code == 2 and "expected a date such as 2026-11-20" in capsys.readouterr().err
    assert submissions("export", "--form", "contact-us", "--from", "2026-11-02", "--to", "2026-11-01",
                       store_url=store_url) == 1
    assert "is after --to" in capsys.readouterr().err


def test_a_missing_sqlite_database_is_an_error_not_a_new_one(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "typo.sqlite3"
    monkeypatch.setenv("COUNCILSITE_DATABASE_URL", f"sqlite:///{missing}")  # the environment is read too
    assert submissions("status") == 1
    assert f"there is no database at {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_purge_and_dry_run(store, store_url, forms, capsys):
    contact(store, forms, "2024-01-01 10:00")
    kept = contact(store, forms, "2026-01-01 10:00")
    assert submissions("purge", "--dry-run", store_url=store_url) == 0
    out = capsys.readouterr().out
    assert "Dry run: nothing was deleted." in out and "contact-us: would delete 1 submission" in out
    assert store.count() == 2
    assert submissions("purge", store_url=store_url) == 0
    out = capsys.readouterr().out
    assert "contact-us: deleted 1 submission received before 12:00 on 22 November 2024 (kept for 2 years)" in out
    assert "warning: 1 of them had not been forwarded" in out
    assert [s.reference for s in store.submissions("contact-us")] == [kept.reference]


def test_forward_once_says_whether_anything_is_still_waiting(store, store_url, forms, capsys, monkeypatch):
    sent = contact(store, forms, "2026-11-22 11:00")
    target = Target().start()
    try:
        target.status = 503
        monkeypatch.setenv("COUNCILSITE_WEBHOOK_URL", target.url)
        monkeypatch.setenv("COUNCILSITE_WEBHOOK_SECRET", "from-the-environment")
        assert submissions("forward", store_url=store_url) == commands.STILL_WAITING
        assert "Delivered 0, failed 1, still waiting 1" in capsys.readouterr().out
        # Due again half a minute or so later: COUNCILSITE_NOW moves the clock on.
        monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-22 12:05")
        target.status = 200
        assert submissions("forward", "--once", store_url=store_url) == 0
        assert "Delivered 1, failed 0, still waiting 0" in capsys.readouterr().out
        last = target.requests[-1]["headers"]
        assert last["Idempotency-Key"] == f"contact-us/{sent.reference}"
        assert last["X-Councilsite-Signature"].startswith("sha256=")
    finally:
        target.stop()


def test_forward_needs_a_webhook(store, store_url, capsys):
    assert submissions("forward", store_url=store_url) == 1
    assert "no webhook: give --webhook URL or set COUNCILSITE_WEBHOOK_URL" in capsys.readouterr().err
    assert submissions("forward", "--webhook", "file:///etc/passwd", store_url=store_url) == 1
    assert "must be http:// or https://" in capsys.readouterr().err


def test_forward_watch_keeps_going_until_stopped(store, store_url, forms, monkeypatch):
    contact(store, forms, "2026-11-22 11:00")
    target = Target().start()
    calls = []

    def run(self, stop, interval):
        calls.append(interval)
        self.run_once()
        raise KeyboardInterrupt  # as Ctrl-C would

    monkeypatch.setattr("councilsite.receiver.forward.Forwarder.run", run)
    try:
        assert submissions("forward", "--watch", "--interval", "0.5", "--webhook", target.url,
                           store_url=store_url) == 0
        assert calls == [0.5] and len(target.requests) == 1
    finally:
        target.stop()


def test_status(store, store_url, forms, capsys):
    contact(store, forms, "2026-11-20 09:30")
    contact(store, forms, "2026-11-21 09:30")
    token = store.save_draft("retired-form", {}, {}, [], at("2026-01-01 10:00"))
    store.submit(token, "retired-form", lambda: "OLD-1", at("2026-01-01 10:00"))
    assert submissions("status", store_url=store_url) == 0
    out = capsys.readouterr().out
    assert "Outbox: 3 waiting to be forwarded (the oldest received 10:00 on 1 January 2026), 0 delivered" in out
    lines = [line.split() for line in out.splitlines()]
    assert ["contact-us", "2"] in lines and ["report-fly-tipping", "0"] in lines and ["total", "3"] in lines
    assert ["retired-form", "(no", "longer", "defined)", "1"] in lines


def test_the_real_command_reads_the_built_site(tmp_path, site_dir):
    """Once end to end, in a process of its own: the site's forms, and the database from the environment."""
    from councilsite.receiver.store import open_store
    database = f"sqlite:///{tmp_path / 'subs.db'}"
    open_store(database).migrate()
    result = subprocess.run([sys.executable, "-m", "councilsite", "submissions", "export", "--site-dir",
                             str(site_dir), "--form", "contact-us"], capture_output=True, text=True, cwd=tmp_path,
                            env={**__import__("os").environ, "COUNCILSITE_DATABASE_URL": database})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Reference,Received,What is your message about?,Your message")


def test_exports_and_purges_leave_an_audit_trail_without_personal_data(store, store_url, forms, capsys, tmp_path):
    contact(store, forms, "2026-11-20 10:00", name="Ann Secretname")
    assert submissions("export", "--database", store_url, "--form", "contact-us",
                       "--output", str(tmp_path / "out.csv")) == 0
    assert submissions("purge", "--database", store_url) == 0
    err = capsys.readouterr().err
    trail = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [e["event"] for e in trail] == ["submissions.export", "submissions.purge"]
    assert trail[0]["form"] == "contact-us" and trail[0]["submissions"] == 1 and trail[0]["by"]
    assert "Secretname" not in err
