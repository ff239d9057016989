"""Schema versions and ordered migrations, on SQLite and PostgreSQL: a database made by the
schema as it was before versions were kept is adopted without losing a submission, and later
migrations run once each, in order."""
from __future__ import annotations

import pytest

from councilsite.receiver.store import StoreError, open_store
from councilsite.receiver.store.migrations import MIGRATIONS, Migration, check_order, latest
from sending import at, demo_forms, send

# The schema exactly as councilsite created it before migrations (tables made if missing, no
# version): copied here from that release's store/sql.py, so later edits cannot change the test.
BEFORE_VERSIONS = [
    """CREATE TABLE IF NOT EXISTS drafts (
        token TEXT PRIMARY KEY, form_id TEXT NOT NULL, fields TEXT NOT NULL, answers TEXT NOT NULL,
        created_at {time} NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS drafts_created_at ON drafts (created_at)",
    """CREATE TABLE IF NOT EXISTS uploads (
        token TEXT NOT NULL, question TEXT NOT NULL, filename TEXT NOT NULL, content_type TEXT NOT NULL,
        size BIGINT NOT NULL, sha256 TEXT NOT NULL, data {blob} NOT NULL, PRIMARY KEY (token, question))""",
    """CREATE TABLE IF NOT EXISTS submissions (
        id {id}, form_id TEXT NOT NULL, reference TEXT NOT NULL, token TEXT NOT NULL UNIQUE,
        answers TEXT NOT NULL, received_at {time} NOT NULL, UNIQUE (form_id, reference))""",
    "CREATE INDEX IF NOT EXISTS submissions_form_received ON submissions (form_id, received_at)",
    """CREATE TABLE IF NOT EXISTS outbox (
        submission_id BIGINT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at {time} NOT NULL, lease_owner TEXT,
        lease_until {time}, delivered_at {time}, last_error TEXT)""",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL",
    "CREATE TABLE IF NOT EXISTS posts (client TEXT NOT NULL, posted_at {time} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS posts_client ON posts (client, posted_at)",
    "CREATE INDEX IF NOT EXISTS posts_posted_at ON posts (posted_at)",
]

SESSIONS = Migration(2, "sessions (an example of the next migration)", [
    """CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        created_at {time} NOT NULL)""",
    "CREATE INDEX sessions_created_at ON sessions (created_at)",
    "ALTER TABLE submissions ADD COLUMN channel TEXT NOT NULL DEFAULT 'online'",
])


def make_old_database(url: str):
    store = open_store(url)

    def work(tx):
        for statement in BEFORE_VERSIONS:
            tx.run(statement.format(**store.types))
    store._run("make the old tables", work, write=True)
    return store


# The later-migration tests stack a made-up migration 2 on the first one alone, whatever real
# migrations follow it.
BASE = MIGRATIONS[:1]


def test_a_database_from_before_versions_is_adopted_without_losing_a_submission(store_url):
    old = make_old_database(store_url)
    form = demo_forms()["report-a-missed-bin"]
    from receiversite import valid_fields

    fields, _ = valid_fields(form, "Kept across the upgrade")
    sent = send(old, form, fields, at("2026-11-22 12:00"))
    assert old.schema_version() == 0
    old.close()

    upgraded = open_store(store_url)
    assert upgraded.migrate() == list(range(1, latest() + 1))
    assert upgraded.schema_version() == latest()
    [kept] = list(upgraded.submissions(form.id))
    assert (kept.reference, kept.token, kept.answers) == (sent.reference, sent.token, sent.answers)
    assert upgraded.outbox().pending == 1
    assert upgraded.migrate() == [], "a second start runs nothing"
    # ...and it still works as a store.
    send(upgraded, form, fields, at("2026-11-22 12:05"))
    assert upgraded.count(form.id) == 2
    upgraded.close()


def test_later_migrations_run_once_each_in_order(store_url):
    store = open_store(store_url)
    assert store.migrate(BASE) == [1]
    form = demo_forms()["report-a-missed-bin"]
    from receiversite import valid_fields

    fields, _ = valid_fields(form)
    sent = send(store, form, fields, at("2026-11-22 12:00"))
    assert store.migrate([*BASE, SESSIONS]) == [2]
    assert store.schema_version() == 2
    assert store.migrate([*BASE, SESSIONS]) == []
    assert store._run("read", lambda tx: tx.one("SELECT channel FROM submissions WHERE token = ?", (sent.token,))) \
        == ("online",)
    assert store._run("read", lambda tx: tx.one("SELECT COUNT(*) FROM sessions")) == (0,)
    assert [s.token for s in store.submissions(form.id)] == [sent.token]
    # An older councilsite meeting this database refuses rather than guess.
    with pytest.raises(StoreError, match="schema version 2, and this councilsite knows only up to 1"):
        store.migrate(BASE)
    store.close()


def test_a_new_database_gets_every_migration(store_url):
    store = open_store(store_url)
    assert store.migrate([*BASE, SESSIONS]) == [1, 2]
    versions = store._run("read", lambda tx: tx.all("SELECT version, description FROM schema_version ORDER BY version"))
    assert [v for v, _ in versions] == [1, 2] and versions[1][1].startswith("sessions")
    store.close()


def test_migrations_must_be_numbered_in_order():
    check_order(MIGRATIONS)
    with pytest.raises(AssertionError, match=r"numbered 1, 2, 3... in order; they are \[1, 3\]"):
        check_order([MIGRATIONS[0], Migration(3, "skipped two")])
