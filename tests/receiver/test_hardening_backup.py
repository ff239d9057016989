"""`councilsite submissions backup FILE`: SQLite's online backup while a receiver goes on writing,
restored as the README says; PostgreSQL gets pg_dump advice and nothing written."""
from __future__ import annotations

import json
import os
import shutil
import stat
import threading

import pytest

from councilsite.cli import main
from councilsite.receiver.store import open_store
from receiversite import build_demo, valid_fields
from sending import at, demo_forms, send, upload



@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("backup-site"))


FORMS = demo_forms()


def contact(store, i: int):
    form = FORMS["contact-us"]
    fields, _ = valid_fields(form, f"Backed-up message {i}")
    return send(store, form, fields, at("2026-11-22 12:00"))


def stored(store) -> list[tuple]:
    return [(s.reference, s.token, s.answers) for s in store.submissions("contact-us")]


def test_backup_while_writing_then_restore(site_dir, tmp_path, capsys):
    database = tmp_path / "var" / "submissions.sqlite3"
    url = f"sqlite:///{database}"
    store = open_store(url)
    store.migrate()
    for i in range(20):
        contact(store, i)
    form = FORMS["apply-for-a-parking-permit"]
    fields, files = valid_fields(form)
    uploads = [upload(question, name, data, "application/pdf" if name.endswith(".pdf") else "image/png")
               for question, (name, data) in files.items()]
    send(store, form, fields, at("2026-11-22 12:00"), uploads=uploads)

    writing = threading.Event()
    done = threading.Event()

    def keep_writing():
        writer = open_store(url)
        i = 100
        while not done.is_set():
            contact(writer, i)
            writing.set()
            i += 1
        writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    writing.wait(10)
    backup = tmp_path / "backups" / "submissions-2026-11-22.sqlite3"
    backup.parent.mkdir()
    try:
        status = main(["submissions", "backup", str(backup), "--site-dir", str(site_dir), "--database", url])
    finally:
        done.set()
        thread.join(30)
    err = capsys.readouterr().err
    assert status == 0, err
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert not list(backup.parent.glob(".*.part")), "no half-written copy left behind"
    audit = json.loads(next(line for line in err.splitlines() if line.startswith("{")))
    assert audit["event"] == "submissions.backup" and audit["output"] == str(backup)
    assert "resident@example.com" not in err

    copy = open_store(f"sqlite:///{backup}")
    assert copy.schema_version() == store.schema_version() >= 1
    kept = stored(copy)
    assert len(kept) >= 20 and audit["submissions"] == len(kept) + 1
    # One consistent moment: every submission in the copy has its outbox entry, nothing is torn.
    assert copy.outbox().pending == copy.count()
    [permit] = list(copy.submissions(form.id, with_data=True))
    assert {u.sha256: u.data for u in permit.uploads} == {u.sha256: u.data for u in uploads}
    copy.close()

    # Restore, as the command says: stop the receivers, copy it over, remove -wal and -shm.
    store.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{database}{suffix}"):
            os.unlink(f"{database}{suffix}")
    shutil.copy(backup, database)
    restored = open_store(url)
    restored.migrate()
    assert stored(restored) == kept
    contact(restored, 999)  # and it takes submissions again
    assert restored.count("contact-us") == len(kept) + 1
    restored.close()


def test_backup_refuses_the_database_itself_and_a_folder(site_dir, tmp_path, capsys):
    database = tmp_path / "submissions.sqlite3"
    open_store(f"sqlite:///{database}").migrate()
    for target in (database, tmp_path):
        assert main(["submissions", "backup", str(target), "--site-dir", str(site_dir), "--database",
                     f"sqlite:///{database}"]) == 1
    err = capsys.readouterr().err
    assert "is the database itself" in err and "is a folder" in err


def test_postgresql_gets_pg_dump_advice_and_nothing_written(site_dir, postgres_url, tmp_path, capsys):
    target = tmp_path / "dump.pgc"
    open_store(postgres_url).migrate()
    status = main(["submissions", "backup", str(target), "--site-dir", str(site_dir), "--database", postgres_url])
    out, err = capsys.readouterr()
    assert status == 2 and not target.exists()
    assert "pg_dump --format=custom" in out and "pg_restore" in out and str(target) in out
    assert "nothing written" in err
    from urllib.parse import urlsplit

    password = urlsplit(postgres_url).password
    assert not password or f":{password}@" not in out, "a password is never printed"
