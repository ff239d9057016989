"""Where the receiver keeps drafts, submissions, uploads and its outbox.

    open_store("sqlite:///relative/path.db")         a file, relative to the working folder
    open_store("sqlite:////absolute/path.db")
    open_store("postgresql://user:pass@host:5432/db")   (or postgres://), for several receivers

The schema is a numbered list of migrations, applied in order by Store.migrate() as every
receiver starts, with the version reached kept in the schema_version table. To change it (a new
table, a column), add ONE entry at the end of MIGRATIONS in store/migrations.py, numbered next;
never edit one already released. The docstring there shows one, and
tests/receiver/test_hardening_migrations.py is where it is tested.
"""
from __future__ import annotations

from urllib.parse import unquote

from councilsite.receiver.store.base import (Delivery, Draft, OutboxCounts, PurgeCounts, Store, StoreError,
                                             Submission, Upload)

__all__ = ["open_store", "Store", "StoreError", "Upload", "Draft", "Submission", "Delivery", "OutboxCounts",
           "PurgeCounts"]


def open_store(url: str) -> Store:
    """The store a URL names; nothing is opened until it is first used (so it survives a fork)."""
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if sep and scheme == "sqlite":
        if not rest.startswith("/") or "?" in rest or "#" in rest:
            raise StoreError("a SQLite store URL is sqlite:///relative/path.db or sqlite:////absolute/path.db")
        from councilsite.receiver.store.sqlite import SqliteStore
        return SqliteStore(unquote(rest[1:]))
    if sep and scheme in ("postgresql", "postgres"):
        from councilsite.receiver.store.postgres import PostgresStore
        return PostgresStore(url)
    shown = scheme if sep else "(none)"
    raise StoreError(f"unknown store URL scheme {shown}: use sqlite:///path.db or postgresql://user@host/db")
