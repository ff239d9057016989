"""The store in one SQLite file, for a single machine: WAL, so readers never wait for a writer,
and every write in a BEGIN IMMEDIATE transaction, so writers queue for up to busy_timeout
instead of failing on a lock upgrade."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from typing import Any, Sequence

from councilsite.receiver.store.base import StoreError
from councilsite.receiver.store.sql import UTC, SqlStore

EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = dt.timedelta(microseconds=1)


class SqliteStore(SqlStore):
    # Times as whole microseconds since 1970 (UTC): they sort and compare as the times do.
    types = {"time": "INTEGER", "blob": "BLOB", "id": "INTEGER PRIMARY KEY AUTOINCREMENT"}

    def __init__(self, path: str, busy_timeout: float = 10.0):
        if path in ("", ":memory:") or path.startswith("file:"):
            raise StoreError("the SQLite store needs a file: each process and thread opens it again")
        self.path = os.path.abspath(path)
        self.busy_timeout = busy_timeout
        super().__init__()

    def __repr__(self) -> str:
        return f"SqliteStore({self.path!r})"

    def _connect(self) -> sqlite3.Connection:
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        # check_same_thread=False only so close() can close a dead thread's connection:
        # Connections never hands one connection to two threads.
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"{self.path} would not use WAL (journal_mode is {mode})")
            # FULL: a submission is acknowledged only once it survives a power cut.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _execute(self, conn: sqlite3.Connection, sql: str, params: Sequence) -> Any:
        return conn.execute(sql, tuple(params))

    def _begin(self, conn: sqlite3.Connection, write: bool, durable: bool = True) -> None:
        if write:
            # NORMAL in WAL mode: the commit is safe from a crashed process, not from a power cut.
            conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def _commit(self, conn: sqlite3.Connection) -> None:
        conn.execute("COMMIT")

    def _rollback(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def _exists(self, tx, name: str) -> bool:
        return tx.one("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)) is not None

    def _time_in(self, when: dt.datetime) -> int:
        return (when - EPOCH) // MICROSECOND

    def _time_out(self, value: Any) -> dt.datetime:
        return EPOCH + int(value) * MICROSECOND

    def _failure(self, action: str, exc: Exception) -> StoreError | None:
        if not isinstance(exc, (sqlite3.Error, OSError)):
            return None
        name = getattr(exc, "sqlite_errorname", "")
        if name.startswith("SQLITE_BUSY") or "locked" in str(exc):
            why = f"the database stayed locked for more than {self.busy_timeout:g} s"
        else:
            why = f"{name or type(exc).__name__}: {exc}"
        return StoreError(f"could not {action} in {self.path}: {why}")

    def _safe_cause(self, exc: Exception) -> bool:
        return True  # SQLite's messages name tables and constraints, never the values sent

    def backup(self, target: str | os.PathLike) -> None:
        """Copy the database to `target` with SQLite's online backup, while receivers go on
        writing: the copy is one consistent moment, checked, and appears whole or not at all,
        readable only by its owner (it holds everything residents sent)."""
        import tempfile

        target = os.path.abspath(target)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.",
                                    suffix=".part")
        os.close(fd)
        try:
            source = self._connect()
            try:
                copy = sqlite3.connect(temp, isolation_level=None)
                try:
                    source.backup(copy, pages=1024)
                    copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
                    check = copy.execute("PRAGMA integrity_check").fetchone()[0]
                    if check != "ok":
                        raise StoreError(f"the backup of {self.path} failed its integrity check: {check}")
                finally:
                    copy.close()
            finally:
                source.close()
            with open(temp, "rb") as written:
                os.fsync(written.fileno())
            os.replace(temp, target)
        except sqlite3.Error as exc:
            raise StoreError(f"could not back up {self.path} to {target}: {exc}") from None
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
