"""The store's schema, as an ordered list of migrations, and the version table that says which
have run. Every receiver applies what is missing as it starts (Store.migrate), in one
transaction, holding off other receivers migrating the same database at the same moment.

To change the schema, add one Migration at the end of MIGRATIONS, with the next number:

    Migration(2, "sessions for the form journey", [
        '''CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            created_at {time} NOT NULL)''',
        "CREATE INDEX sessions_created_at ON sessions (created_at)",
    ]),

Statements use the backends' column types {time}, {blob} and {id} (see SqliteStore.types and
PostgresStore.types), and must run on SQLite and PostgreSQL alike. Never edit, renumber or
remove a migration once it is released: databases out there have run it. Test the new one in
tests/receiver/test_hardening_migrations.py, which upgrades a database of every earlier version.

Migration 1 is the schema as it was before versions were kept. Its statements are named, and
each runs only if what it makes is missing, so a database made before this table existed is
adopted as version 1 without touching its data (even CREATE INDEX IF NOT EXISTS locks its
table, which would deadlock with a receiver already sending).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: list[str] = field(default_factory=list)
    named: dict[str, str] = field(default_factory=dict)  # name -> statement run only if `name` is missing


VERSION_TABLE = "schema_version"
VERSION_TABLE_SQL = f"""CREATE TABLE {VERSION_TABLE} (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at {{time}} NOT NULL)"""

FIRST_SCHEMA = {
    "drafts": """CREATE TABLE IF NOT EXISTS drafts (
        token TEXT PRIMARY KEY,
        form_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        answers TEXT NOT NULL,
        created_at {time} NOT NULL)""",
    "drafts_created_at": "CREATE INDEX IF NOT EXISTS drafts_created_at ON drafts (created_at)",
    "uploads": """CREATE TABLE IF NOT EXISTS uploads (
        token TEXT NOT NULL,
        question TEXT NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        data {blob} NOT NULL,
        PRIMARY KEY (token, question))""",
    "submissions": """CREATE TABLE IF NOT EXISTS submissions (
        id {id},
        form_id TEXT NOT NULL,
        reference TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        answers TEXT NOT NULL,
        received_at {time} NOT NULL,
        UNIQUE (form_id, reference))""",
    "submissions_form_received": "CREATE INDEX IF NOT EXISTS submissions_form_received "
                                 "ON submissions (form_id, received_at)",
    "outbox": """CREATE TABLE IF NOT EXISTS outbox (
        submission_id BIGINT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at {time} NOT NULL,
        lease_owner TEXT,
        lease_until {time},
        delivered_at {time},
        last_error TEXT)""",
    "outbox_due": "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL",
    # Recent posts per client, for the rate limit: here rather than in each process's memory, so
    # every worker and every receiver sharing the database counts the same posts.
    "posts": """CREATE TABLE IF NOT EXISTS posts (
        client TEXT NOT NULL,
        posted_at {time} NOT NULL)""",
    "posts_client": "CREATE INDEX IF NOT EXISTS posts_client ON posts (client, posted_at)",
    "posts_posted_at": "CREATE INDEX IF NOT EXISTS posts_posted_at ON posts (posted_at)",
}

MIGRATIONS: list[Migration] = [
    Migration(1, "drafts, uploads, submissions, outbox and the rate limit's posts", named=FIRST_SCHEMA),
    # Email deliveries (councilsite.receiver.deliver): one row per submission and channel ("team",
    # "resident"), made in the submit transaction. `claims` counts claims, so a claim that ended
    # with neither success nor failure (its forwarder was killed) is known to be in doubt.
    Migration(2, "email deliveries, one row per submission and channel", [
        """CREATE TABLE deliveries (
            submission_id BIGINT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            claims INTEGER NOT NULL DEFAULT 0,
            next_attempt_at {time} NOT NULL,
            lease_owner TEXT,
            lease_until {time},
            delivered_at {time},
            last_error TEXT,
            PRIMARY KEY (submission_id, channel))""",
        "CREATE INDEX deliveries_due ON deliveries (channel, next_attempt_at) WHERE delivered_at IS NULL",
    ]),
    # Add the next migration here, numbered 3 (see the docstring).
]


class SchemaTooNew(Exception):
    """The database has migrations this councilsite does not know: a newer version made it."""


def check_order(migrations: list[Migration]) -> None:
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise AssertionError(f"migrations must be numbered 1, 2, 3... in order; they are {numbers}")


def latest(migrations: list[Migration] | None = None) -> int:
    return (migrations if migrations is not None else MIGRATIONS)[-1].version
