"""The SQL both backends share: one schema, one set of queries, written with ? placeholders.

A backend supplies the connection (one per process and thread, see Connections), its column
types, how it begins and ends a transaction, how it stores times, and how its driver's errors
read. Everything else (what a submission is, how a claim works) lives here once, so the two
databases cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import threading
from typing import Any, Callable, Iterator, Sequence

from councilsite.receiver.store.base import (Delivery, Draft, OutboxCounts, PurgeCounts, Store, StoreError,
                                             Submission, Upload)
from councilsite.receiver.store.migrations import (MIGRATIONS, VERSION_TABLE, VERSION_TABLE_SQL, Migration,
                                                   SchemaTooNew, check_order)

UTC = dt.timezone.utc

# The schema, and how it changes, is in migrations.py.

SUBMISSION_COLUMNS = "id, form_id, reference, token, answers, received_at"
UPLOAD_COLUMNS = "token, question, filename, content_type, size, sha256"
REFERENCE_TRIES = 50
ERROR_LENGTH = 200


def dump_json(value: Any) -> str:
    # ASCII escapes keep every string exact, lone surrogates included, in a plain text column
    # (jsonb would reorder keys, which are the form's question order).
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def aware(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("the store needs timezone-aware datetimes")
    return when.astimezone(UTC)


def in_form_order(uploads: Sequence[Upload], answers: dict) -> tuple[Upload, ...]:
    # The answers' keys come in the form's question order.
    order = {question: i for i, question in enumerate(answers)}
    return tuple(sorted(uploads, key=lambda u: (order.get(u.question, len(order)), u.question)))


def marks(count: int) -> str:
    return ", ".join("?" * count)


class Connections:
    """One connection per process and thread, opened on first use.

    Keyed on the process id too, so a forked worker never touches a connection its parent
    opened (SQLite and libpq both forbid that); those are kept, unclosed, for the process's
    life, because closing one in the child would disturb the parent's.
    """

    def __init__(self, connect: Callable[[], Any], close: Callable[[Any], None]):
        self._connect = connect
        self._close = close
        self._lock = threading.Lock()
        self._open: dict[tuple[int, int], Any] = {}
        self._inherited: list[Any] = []

    def get(self) -> Any:
        key = (os.getpid(), threading.get_ident())
        conn = self._open.get(key)
        if conn is None:
            conn = self._connect()
            with self._lock:
                self._tidy(key[0])
                self._open[key] = conn
        return conn

    def discard(self) -> None:
        """Forget this thread's connection, which is broken."""
        conn = self._open.pop((os.getpid(), threading.get_ident()), None)
        if conn is not None:
            self._safe_close(conn)

    def close_all(self) -> None:
        with self._lock:
            pid = os.getpid()
            for key in [k for k in self._open if k[0] == pid]:
                self._safe_close(self._open.pop(key))

    def _tidy(self, pid: int) -> None:
        alive = {t.ident for t in threading.enumerate()}
        for key in list(self._open):
            if key[0] != pid:
                self._inherited.append(self._open.pop(key))
            elif key[1] not in alive:
                self._safe_close(self._open.pop(key))

    def _safe_close(self, conn: Any) -> None:
        try:
            self._close(conn)
        except Exception:  # a broken connection may refuse even to close
            pass


class Tx:
    """The statements of one transaction, with ? placeholders."""

    def __init__(self, store: "SqlStore", conn: Any):
        self.store = store
        self.conn = conn

    def run(self, sql: str, params: Sequence = ()) -> int:
        return self.store._execute(self.conn, sql, params).rowcount

    def all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self.store._execute(self.conn, sql, params).fetchall()

    def one(self, sql: str, params: Sequence = ()) -> tuple | None:
        # fetchall: a half-read statement would keep SQLite from committing.
        rows = self.all(sql, params)
        return rows[0] if rows else None


class SqlStore(Store):
    types: dict[str, str]  # the migrations' {time}, {blob}, {id}
    lock_rows = ""  # appended to a SELECT of a row about to change, where the database has row locks
    skip_locked = ""  # appended to the claim's SELECT, so forwarders pass over each other's rows
    batch = 100  # submissions read per transaction by submissions()

    def __init__(self) -> None:
        self._connections = Connections(self._connect, self._close_connection)

    # What a backend supplies.

    def _connect(self) -> Any: raise NotImplementedError
    def _close_connection(self, conn: Any) -> None: conn.close()
    def _execute(self, conn: Any, sql: str, params: Sequence) -> Any: raise NotImplementedError
    def _begin(self, conn: Any, write: bool, durable: bool = True) -> None:
        """Start a transaction. durable=False: its commit may be lost in a power cut (never corrupted);
        for drafts only, which nobody has been told are sent."""
        raise NotImplementedError
    def _commit(self, conn: Any) -> None: raise NotImplementedError
    def _rollback(self, conn: Any) -> None: raise NotImplementedError
    def _time_in(self, when: dt.datetime) -> Any: raise NotImplementedError
    def _time_out(self, value: Any) -> dt.datetime: raise NotImplementedError

    def _failure(self, action: str, exc: Exception) -> StoreError | None:
        """A StoreError for a driver error (None if exc is not one)."""
        raise NotImplementedError

    def _lost(self, conn: Any, exc: Exception) -> bool:
        """Whether exc means the connection is gone (the server restarted), so one retry may help."""
        return False

    def _exists(self, tx: Tx, name: str) -> bool:
        """Whether the table or index is there already."""
        raise NotImplementedError

    def _migrate_lock(self, tx: Tx) -> None:
        """Hold off other receivers migrating the same database until this transaction ends."""

    def _client_lock(self, tx: Tx, client: str) -> None:
        """Hold off other posts from this client until this transaction ends."""

    # Running a transaction.

    def _run(self, action: str, work: Callable[[Tx], Any], write: bool = False, durable: bool = True) -> Any:
        reconnected = False
        for attempt in (1, 2, 3):
            conn = None
            committing = False
            try:
                conn = self._connections.get()
                self._begin(conn, write, durable)
                result = work(Tx(self, conn))
                committing = True
                self._commit(conn)
                return result
            except BaseException as exc:
                # Even on KeyboardInterrupt or a worker's SystemExit: an open transaction would
                # hold SQLite's write lock, or a draft's row lock, from every other receiver.
                if conn is not None:
                    self._quiet_rollback(conn)
                failure = self._failure(action, exc) if isinstance(exc, Exception) else None
                if failure is None:
                    raise
                lost = conn is not None and self._lost(conn, exc)
                if lost:
                    self._connections.discard()
                # Start again only where nothing can have been committed: a connection that
                # dropped before the commit (once), or a deadlock the database undid.
                if not committing and attempt < 3:
                    if lost and not reconnected:
                        reconnected = True
                        continue
                    if self._conflict(exc):
                        continue
                raise failure from (exc if self._safe_cause(exc) else None)
        raise AssertionError("unreachable")

    def _conflict(self, exc: Exception) -> bool:
        """Whether the database rolled the transaction back to break a deadlock."""
        return False

    def _safe_cause(self, exc: Exception) -> bool:
        """Whether exc may be chained into logs (some driver errors quote a value that was sent)."""
        return False

    def _quiet_rollback(self, conn: Any) -> None:
        try:
            self._rollback(conn)
        except Exception:
            pass

    # The Store.

    def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        migrations = MIGRATIONS if migrations is None else migrations
        check_order(migrations)

        def work(tx: Tx) -> list[int]:
            self._migrate_lock(tx)
            if not self._exists(tx, VERSION_TABLE):
                tx.run(VERSION_TABLE_SQL.format(**self.types))
            current = tx.one(f"SELECT MAX(version) FROM {VERSION_TABLE}")[0] or 0
            if current > migrations[-1].version:
                raise SchemaTooNew(f"the database is at schema version {current}, and this councilsite knows only "
                                   f"up to {migrations[-1].version}: upgrade councilsite (pip install -U councilsite)")
            applied = []
            now = self._time_in(dt.datetime.now(UTC))
            for migration in migrations[current:]:
                for name, statement in migration.named.items():
                    if not self._exists(tx, name):
                        tx.run(statement.format(**self.types))
                for statement in migration.statements:
                    tx.run(statement.format(**self.types))
                tx.run(f"INSERT INTO {VERSION_TABLE} (version, description, applied_at) VALUES (?, ?, ?)",
                       (migration.version, migration.description, now))
                applied.append(migration.version)
            return applied
        try:
            return self._run("bring the tables up to date", work, write=True)
        except SchemaTooNew as exc:
            raise StoreError(str(exc)) from None

    def schema_version(self) -> int:
        def work(tx: Tx) -> int:
            if not self._exists(tx, VERSION_TABLE):
                return 0
            return tx.one(f"SELECT MAX(version) FROM {VERSION_TABLE}")[0] or 0
        return self._run("read the schema version", work)

    def ping(self) -> None:
        self._run("reach the database", lambda tx: tx.one("SELECT 1"))

    def close(self) -> None:
        self._connections.close_all()

    def save_draft(self, form_id: str, fields: dict[str, list[str]], answers: dict, uploads: list[Upload],
                   now: dt.datetime, token: str | None = None) -> str:
        if any(u.data is None for u in uploads):
            raise ValueError("an upload to save needs its data")
        saved = self._time_in(aware(now))
        fields_json, answers_json = dump_json(fields), dump_json(answers)

        def work(tx: Tx) -> str:
            key = token
            if key is not None and not tx.run(
                    "UPDATE drafts SET fields = ?, answers = ?, created_at = ? WHERE token = ? AND form_id = ?",
                    (fields_json, answers_json, saved, key, form_id)):
                key = None  # sent already, or another form's: a Change must not reach it
            if key is None:
                key = secrets.token_urlsafe(32)
                tx.run("INSERT INTO drafts (token, form_id, fields, answers, created_at) VALUES (?, ?, ?, ?, ?)",
                       (key, form_id, fields_json, answers_json, saved))
            for u in uploads:
                tx.run(f"INSERT INTO uploads ({UPLOAD_COLUMNS}, data) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (token, question) DO UPDATE SET filename = excluded.filename, "
                       "content_type = excluded.content_type, size = excluded.size, sha256 = excluded.sha256, "
                       "data = excluded.data",
                       (key, u.question, u.filename, u.content_type, u.size, u.sha256, u.data))
            return key
        # A draft is not acknowledged as sent, so its commit need not wait for the disk: that halves
        # the waits for the disk in a resident's journey (benchmarks/receiver_load.py).
        return self._run("save a draft", work, write=True, durable=False)

    def draft(self, token: str) -> Draft | None:
        def work(tx: Tx) -> Draft | None:
            row = tx.one("SELECT token, form_id, fields, answers, created_at FROM drafts WHERE token = ?", (token,))
            if row is None:
                return None
            answers = json.loads(row[3])
            return Draft(row[0], row[1], json.loads(row[2]), answers, self._time_out(row[4]),
                         in_form_order(self._uploads(tx, [token], False).get(token, ()), answers))
        return self._run("read a draft", work)

    def submit(self, token: str, form_id: str, new_reference: Callable[[], str],
               now: dt.datetime, channels: Sequence[str] = ()) -> tuple[Submission, bool] | None:
        received = self._time_in(aware(now))

        def existing(tx: Tx) -> tuple[Submission, bool] | None:
            found = self._submission_where(tx, "token = ?", (token,), with_uploads=True)
            return (found, False) if found is not None and found.form_id == form_id else None

        def work(tx: Tx) -> tuple[Submission, bool] | None:
            if tx.one("SELECT 1 FROM submissions WHERE token = ?", (token,)):
                return existing(tx)
            draft = tx.one("SELECT answers FROM drafts WHERE token = ? AND form_id = ?" + self.lock_rows,
                           (token, form_id))
            if draft is None:
                return existing(tx)  # another receiver may have sent it since the first look
            for _ in range(REFERENCE_TRIES):
                # The unique constraints decide: on token (a concurrent send won) or on the
                # form's reference (taken already, so ask for another).
                row = tx.one("INSERT INTO submissions (form_id, reference, token, answers, received_at) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                             (form_id, new_reference(), token, draft[0], received))
                if row is not None:
                    break
                if tx.one("SELECT 1 FROM submissions WHERE token = ?", (token,)):
                    return existing(tx)
            else:
                raise StoreError(f"no free reference for form {form_id} after {REFERENCE_TRIES} tries")
            submission_id = row[0]
            tx.run("INSERT INTO outbox (submission_id, attempts, next_attempt_at) VALUES (?, 0, ?)",
                   (submission_id, received))
            for channel in channels:
                tx.run("INSERT INTO deliveries (submission_id, channel, next_attempt_at) VALUES (?, ?, ?)",
                       (submission_id, channel, received))
            answers = json.loads(draft[0])
            for (question,) in tx.all("SELECT question FROM uploads WHERE token = ?", (token,)):
                if question not in answers:
                    tx.run("DELETE FROM uploads WHERE token = ? AND question = ?", (token, question))
            tx.run("DELETE FROM drafts WHERE token = ?", (token,))
            made = self._submission_where(tx, "id = ?", (submission_id,), with_uploads=True)
            return made, True
        return self._run("store a submission", work, write=True)

    def submission(self, form_id: str, token: str) -> Submission | None:
        return self._run("read a submission", lambda tx: self._submission_where(
            tx, "form_id = ? AND token = ?", (form_id, token), with_uploads=False))

    def submissions(self, form_id: str, start: dt.datetime | None = None, end: dt.datetime | None = None,
                    with_data: bool = False) -> Iterator[Submission]:
        # Short transactions, a batch at a time, resuming after the last (received_at, id): the
        # caller may take its time over each one, or use the store meanwhile.
        where = ["form_id = ?"]
        params: list = [form_id]
        if start is not None:
            where.append("received_at >= ?")
            params.append(self._time_in(aware(start)))
        if end is not None:
            where.append("received_at < ?")
            params.append(self._time_in(aware(end)))
        size = max(1, self.batch // 10) if with_data else self.batch
        after: tuple | None = None
        while True:
            clause = " AND ".join(where)
            args = list(params)
            if after is not None:
                clause += " AND (received_at > ? OR (received_at = ? AND id > ?))"
                args += [after[0], after[0], after[1]]

            def work(tx: Tx) -> tuple[list[Submission], tuple | None]:
                rows = tx.all(f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE {clause} "
                              "ORDER BY received_at, id LIMIT ?", [*args, size])
                found = self._build(tx, rows, with_uploads=True, with_data=with_data)
                return found, ((rows[-1][5], rows[-1][0]) if rows else None)
            found, after = self._run("read submissions", work)
            yield from found
            if len(found) < size:
                return

    def count(self, form_id: str | None = None) -> int:
        if form_id is None:
            return self._run("count submissions", lambda tx: tx.one("SELECT COUNT(*) FROM submissions")[0])
        return self._run("count submissions", lambda tx: tx.one(
            "SELECT COUNT(*) FROM submissions WHERE form_id = ?", (form_id,))[0])

    def form_ids(self) -> set[str]:
        return self._run("list forms", lambda tx: {row[0] for row in tx.all(
            "SELECT DISTINCT form_id FROM submissions")})

    def purge(self, form_id: str, received_before: dt.datetime) -> PurgeCounts:
        cutoff = self._time_in(aware(received_before))
        old = "SELECT {} FROM submissions WHERE form_id = ? AND received_at < ?"

        def work(tx: Tx) -> PurgeCounts:
            undelivered = tx.one(f"SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND submission_id IN "
                                 f"({old.format('id')})", (form_id, cutoff))[0]
            uploads = tx.run(f"DELETE FROM uploads WHERE token IN ({old.format('token')})", (form_id, cutoff))
            tx.run(f"DELETE FROM outbox WHERE submission_id IN ({old.format('id')})", (form_id, cutoff))
            gone = tx.run("DELETE FROM submissions WHERE form_id = ? AND received_at < ?", (form_id, cutoff))
            return PurgeCounts(submissions=gone, uploads=uploads, undelivered=undelivered,
                               by_form={form_id: gone} if gone else {})
        return self._run("purge submissions", work, write=True)

    def purge_drafts(self, created_before: dt.datetime) -> PurgeCounts:
        cutoff = self._time_in(aware(created_before))

        def work(tx: Tx) -> PurgeCounts:
            by_form = dict(tx.all("SELECT form_id, COUNT(*) FROM drafts WHERE created_at < ? "
                                  "GROUP BY form_id ORDER BY form_id", (cutoff,)))
            # A sent draft's uploads belong to its submission now, whatever happens to the draft.
            uploads = tx.run("DELETE FROM uploads WHERE token IN (SELECT token FROM drafts WHERE created_at < ?) "
                             "AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.token = uploads.token)",
                             (cutoff,))
            drafts = tx.run("DELETE FROM drafts WHERE created_at < ?", (cutoff,))
            return PurgeCounts(drafts=drafts, uploads=uploads, by_form=by_form)
        return self._run("purge drafts", work, write=True)

    def count_post(self, client: str, now: dt.datetime, window: dt.timedelta, limit: int) -> dt.timedelta | None:
        at = aware(now)
        moment, since = self._time_in(at), self._time_in(at - window)

        def work(tx: Tx) -> dt.timedelta | None:
            self._client_lock(tx, client)
            # Everyone's posts older than the window, not only this client's: nothing outlives it.
            tx.run("DELETE FROM posts WHERE posted_at <= ?", (since,))
            count, oldest = tx.one("SELECT COUNT(*), MIN(posted_at) FROM posts WHERE client = ?", (client,))
            if count >= limit:
                return max(self._time_out(oldest) + window - at, dt.timedelta(seconds=1))
            tx.run("INSERT INTO posts (client, posted_at) VALUES (?, ?)", (client, moment))
            return None
        # Not durable: after a crash, forgetting the last few posts only lets a client post again.
        return self._run("count a post", work, write=True, durable=False)

    def claim_deliveries(self, owner: str, now: dt.datetime, lease: dt.timedelta, limit: int) -> list[Delivery]:
        if limit <= 0:
            return []
        at = aware(now)
        moment, until = self._time_in(at), self._time_in(at + lease)

        def work(tx: Tx) -> list[Delivery]:
            claimed = tx.all(
                "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE submission_id IN ("
                "SELECT submission_id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? "
                "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, submission_id "
                f"LIMIT ?{self.skip_locked}) RETURNING submission_id, attempts, next_attempt_at",
                (owner, until, moment, moment, limit))
            if not claimed:
                return []
            claimed.sort(key=lambda row: (self._time_out(row[2]), row[0]))
            ids = [row[0] for row in claimed]
            rows = tx.all(f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE id IN ({marks(len(ids))})", ids)
            by_id = {s.id: s for s in self._build(tx, rows, with_uploads=True, with_data=True)}
            return [Delivery(by_id[i], attempts) for i, attempts, _ in claimed if i in by_id]
        return self._run("claim deliveries", work, write=True)

    def delivered(self, submission_id: int, now: dt.datetime) -> None:
        moment = self._time_in(aware(now))
        self._run("mark a delivery", lambda tx: tx.run(
            "UPDATE outbox SET delivered_at = ?, lease_owner = NULL, lease_until = NULL WHERE submission_id = ?",
            (moment, submission_id)), write=True)

    def delivery_failed(self, submission_id: int, next_attempt: dt.datetime, error: str) -> None:
        moment = self._time_in(aware(next_attempt))
        self._run("record a failed delivery", lambda tx: tx.run(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
            "lease_owner = NULL, lease_until = NULL WHERE submission_id = ?",
            (moment, (error or "")[:ERROR_LENGTH], submission_id)), write=True)

    def outbox(self) -> OutboxCounts:
        def work(tx: Tx) -> OutboxCounts:
            pending, delivered = tx.one(
                "SELECT COALESCE(SUM(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END), 0) FROM outbox")
            oldest = tx.one("SELECT MIN(s.received_at) FROM outbox o JOIN submissions s ON s.id = o.submission_id "
                            "WHERE o.delivered_at IS NULL")[0]
            return OutboxCounts(int(pending), int(delivered), None if oldest is None else self._time_out(oldest))
        return self._run("read the outbox", work)

    # Reading rows back.

    def _submission_where(self, tx: Tx, where: str, params: Sequence, with_uploads: bool) -> Submission | None:
        rows = tx.all(f"SELECT {SUBMISSION_COLUMNS} FROM submissions WHERE {where}", params)
        found = self._build(tx, rows, with_uploads=with_uploads, with_data=False)
        return found[0] if found else None

    def _build(self, tx: Tx, rows: list[tuple], with_uploads: bool, with_data: bool) -> list[Submission]:
        uploads = self._uploads(tx, [r[3] for r in rows], with_data) if with_uploads and rows else {}
        made = []
        for id_, form_id, reference, token, answers_json, received in rows:
            answers = json.loads(answers_json)
            made.append(Submission(int(id_), form_id, reference, token, answers, self._time_out(received),
                                   in_form_order(uploads.get(token, ()), answers)))
        return made

    def _uploads(self, tx: Tx, tokens: list[str], with_data: bool) -> dict[str, tuple[Upload, ...]]:
        found: dict[str, list[Upload]] = {}
        for start in range(0, len(tokens), 500):  # below every backend's limit on parameters
            chunk = tokens[start:start + 500]
            rows = tx.all(f"SELECT {UPLOAD_COLUMNS}{', data' if with_data else ''} FROM uploads "
                          f"WHERE token IN ({marks(len(chunk))}) ORDER BY token, question", chunk)
            for row in rows:
                data = bytes(row[6]) if with_data else None
                found.setdefault(row[0], []).append(Upload(row[1], row[2], row[3], int(row[4]), row[5], data))
        return {token: tuple(files) for token, files in found.items()}
