"""Every behaviour of the store, on SQLite and on PostgreSQL alike."""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import multiprocessing
import subprocess
import sys
import threading

import pytest

from councilsite.receiver.store import (Delivery, Draft, OutboxCounts, PurgeCounts, StoreError, Submission, Upload,
                                        open_store)

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)
TRICKY = "Zoë 🏠 <script>alert('x')</script> \t\x01\x1f\u2028 \"quoted\" \\ \ud800 أهلا"


def upload(question: str, data: bytes, filename: str = "photo.jpg", content_type: str = "image/jpeg") -> Upload:
    return Upload(question, filename, content_type, len(data), hashlib.sha256(data).hexdigest(), data)


def file_answer(u: Upload) -> dict:
    return {"filename": u.filename, "size": u.size, "content_type": u.content_type}


def references(prefix: str = "REF"):
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


def draft(store, form_id: str = "report-a-pothole", answers: dict | None = None, uploads=(), now=NOW,
          token=None) -> str:
    answers = {"where": "High Street"} if answers is None else answers
    for u in uploads:
        answers.setdefault(u.question, file_answer(u))
    fields = {k: [json.dumps(v)] for k, v in answers.items()}
    return store.save_draft(form_id, fields, answers, list(uploads), now, token)


def sent(store, form_id: str = "report-a-pothole", now=NOW, new_reference=None, **kwargs) -> Submission:
    token = draft(store, form_id, now=now, **kwargs)
    submission, created = store.submit(token, form_id, new_reference or references(token[:6]), now)
    assert created
    return submission


def test_draft_round_trip(store):
    answers = {"where": TRICKY, "details": {"line1": "<b>1</b>", "postcode": "AB1 2CD"}, "things": ["a", "ü"],
               "count": 3, "ratio": 0.5, "yes": True, "none": None}
    fields = {"where": [TRICKY], "things": ["a", "ü"]}
    photo = upload("photo", b"\x00\xffjpeg")
    token = store.save_draft("report-a-pothole", fields, answers, [photo], NOW)
    found = store.draft(token)
    assert isinstance(found, Draft)
    assert found.token == token and found.form_id == "report-a-pothole"
    assert found.answers == answers and list(found.answers) == list(answers)
    assert found.fields == fields
    assert found.created_at == NOW and found.created_at.utcoffset() == dt.timedelta(0)
    assert found.uploads == (Upload("photo", "photo.jpg", "image/jpeg", 6, photo.sha256, None),)
    assert store.draft("no-such-token") is None


def test_times_keep_their_instant_whatever_the_zone(store):
    london = dt.datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    token = draft(store, now=london)
    assert store.draft(token).created_at == london
    with pytest.raises(ValueError):
        draft(store, now=dt.datetime(2026, 7, 1, 9, 30))


def test_change_updates_in_place(store):
    a, b = upload("photo", b"first photo"), upload("plan", b"first plan")
    token = draft(store, uploads=[a, b])
    b2 = upload("plan", b"second plan, longer", filename="plan.pdf", content_type="application/pdf")
    again = draft(store, answers={"where": "Low Street", "photo": file_answer(a), "plan": file_answer(b2)},
                  uploads=[b2], token=token, now=NOW + HOUR)
    assert again == token
    found = store.draft(token)
    assert found.answers["where"] == "Low Street"
    assert found.created_at == NOW + HOUR
    assert {u.question: (u.filename, u.size, u.sha256) for u in found.uploads} == {
        "photo": ("photo.jpg", a.size, a.sha256), "plan": ("plan.pdf", b2.size, b2.sha256)}
    assert [u.question for u in found.uploads] == ["photo", "plan"]  # the form's order, from the answers

    # Another form's draft, or one already sent, is never changed: a new draft is made.
    other = draft(store, form_id="another-form", token=token)
    assert other != token and store.draft(token).form_id == "report-a-pothole"
    store.submit(token, "report-a-pothole", references(), NOW)
    assert draft(store, token=token) != token


def test_submit_once(store):
    photo = upload("photo", b"pothole")
    token = draft(store, answers={"where": TRICKY}, uploads=[photo])
    submission, created = store.submit(token, "report-a-pothole", references(), NOW)
    assert created
    assert submission.token == token and submission.reference == "REF-1" and submission.form_id == "report-a-pothole"
    assert submission.answers == {"where": TRICKY, "photo": file_answer(photo)}
    assert submission.received_at == NOW
    assert [u.question for u in submission.uploads] == ["photo"]
    assert store.draft(token) is None

    again, created = store.submit(token, "report-a-pothole", references("OTHER"), NOW + HOUR)
    assert not created
    assert again == submission
    assert store.count() == 1
    assert store.outbox().pending == 1

    shown = store.submission("report-a-pothole", token)
    assert shown.id == submission.id and shown.reference == "REF-1" and shown.uploads == ()
    assert store.submission("another-form", token) is None


def test_submit_unknown_token_or_wrong_form(store):
    assert store.submit("no-such-token", "report-a-pothole", references(), NOW) is None
    token = draft(store)
    assert store.submit(token, "another-form", references(), NOW) is None
    assert store.submit(token, "report-a-pothole", references(), NOW)[1]
    assert store.submit(token, "another-form", references(), NOW) is None
    assert store.count() == 1


def test_concurrent_submits_of_one_token_make_one_submission(store):
    token = draft(store, uploads=[upload("photo", b"x" * 1000)])
    start = threading.Barrier(8)
    results, errors = [], []

    def send(n):
        try:
            start.wait()
            results.append(store.submit(token, "report-a-pothole", references(f"T{n}"), NOW))
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 8
    assert sum(created for _, created in results) == 1
    assert len({s.id for s, _ in results}) == 1 and len({s.reference for s, _ in results}) == 1
    assert store.count() == 1
    assert store.outbox() == OutboxCounts(pending=1, delivered=0, oldest_pending=NOW)


def test_reference_collision_asks_again(store):
    first = sent(store, new_reference=lambda: "ABC-123")
    candidates = iter(["ABC-123", "ABC-123", "ABC-456"])
    second = sent(store, new_reference=lambda: next(candidates))
    assert (first.reference, second.reference) == ("ABC-123", "ABC-456")
    # References are unique within a form only.
    assert sent(store, form_id="another-form", new_reference=lambda: "ABC-123").reference == "ABC-123"

    token = draft(store)
    with pytest.raises(StoreError, match="no free reference"):
        store.submit(token, "report-a-pothole", lambda: "ABC-123", NOW)
    assert store.draft(token) is not None and store.count() == 3


def test_an_interrupted_send_holds_nothing(store):
    token = draft(store)

    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.submit(token, "report-a-pothole", interrupted, NOW)
    # From another thread, so on another connection: no lock is left behind for it to wait on.
    results = []
    other = threading.Thread(target=lambda: results.append(store.submit(token, "report-a-pothole", references(), NOW)),
                             daemon=True)
    other.start()
    other.join(timeout=5)
    assert not other.is_alive() and results[0][1]


def test_uploads_of_questions_no_longer_answered_are_dropped(store):
    photo, plan = upload("photo", b"photo"), upload("plan", b"plan")
    token = draft(store, uploads=[photo, plan])
    # "Change": the resident took the plan out, so its answer went.
    draft(store, answers={"where": "High Street", "photo": file_answer(photo)}, token=token)
    submission, _ = store.submit(token, "report-a-pothole", references(), NOW)
    assert [u.question for u in submission.uploads] == ["photo"]
    [listed] = store.submissions("report-a-pothole", with_data=True)
    assert [(u.question, u.data) for u in listed.uploads] == [("photo", b"photo")]


def test_submissions_between_dates(store):
    made = [sent(store, now=NOW + n * HOUR, uploads=[upload("photo", f"photo {n}".encode())]) for n in range(4)]
    sent(store, form_id="another-form", now=NOW + HOUR)

    def ids(**kwargs):
        return [s.id for s in store.submissions("report-a-pothole", **kwargs)]

    assert ids() == [s.id for s in made]
    assert ids(start=NOW + HOUR) == [s.id for s in made[1:]]
    assert ids(end=NOW + 2 * HOUR) == [s.id for s in made[:2]]
    assert ids(start=NOW + HOUR, end=NOW + 3 * HOUR) == [s.id for s in made[1:3]]
    assert ids(start=NOW + HOUR + dt.timedelta(microseconds=1)) == [s.id for s in made[2:]]
    assert ids(start=NOW + 9 * HOUR) == []

    plain = list(store.submissions("report-a-pothole"))
    assert [u.data for s in plain for u in s.uploads] == [None] * 4
    assert [u.size for s in plain for u in s.uploads] == [7] * 4
    full = list(store.submissions("report-a-pothole", with_data=True))
    assert [u.data for s in full for u in s.uploads] == [f"photo {n}".encode() for n in range(4)]
    assert full[0].answers == made[0].answers and full[0].received_at == NOW


def test_submissions_are_read_in_batches_without_losing_ties(store):
    store.batch = 2
    made = [sent(store) for _ in range(5)]  # all at the same moment
    assert [s.id for s in store.submissions("report-a-pothole")] == sorted(s.id for s in made)
    assert len(list(store.submissions("report-a-pothole", with_data=True))) == 5


def test_count(store):
    assert store.count() == 0
    sent(store)
    sent(store)
    sent(store, form_id="another-form")
    draft(store)
    assert (store.count(), store.count("report-a-pothole"), store.count("another-form"), store.count("none")) == (
        3, 2, 1, 0)


def test_purge(store):
    old = [sent(store, now=NOW - 48 * HOUR, uploads=[upload("photo", b"old")]) for _ in range(3)]
    store.delivered(old[0].id, NOW)
    new = sent(store, now=NOW, uploads=[upload("photo", b"new")])
    other = sent(store, form_id="another-form", now=NOW - 48 * HOUR, uploads=[upload("photo", b"other")])

    counts = store.purge("report-a-pothole", NOW - HOUR)
    assert counts == PurgeCounts(submissions=3, uploads=3, drafts=0, undelivered=2,
                                 by_form={"report-a-pothole": 3})
    assert [s.id for s in store.submissions("report-a-pothole", with_data=True)] == [new.id]
    assert store.count() == 2
    assert store.outbox().pending == 2
    assert [u.data for s in store.submissions("another-form", with_data=True) for u in s.uploads] == [b"other"]
    assert store.purge("report-a-pothole", NOW - HOUR) == PurgeCounts()
    assert {d.submission.id for d in store.claim_deliveries("f", NOW, HOUR, 10)} == {new.id, other.id}


def test_purge_drafts_leaves_sent_uploads_alone(store):
    unsent = draft(store, now=NOW - 48 * HOUR, uploads=[upload("photo", b"abandoned")])
    submitted = sent(store, now=NOW - 48 * HOUR, uploads=[upload("photo", b"sent")])
    recent = draft(store, now=NOW, uploads=[upload("photo", b"recent")])
    draft(store, form_id="another-form", now=NOW - 48 * HOUR)

    counts = store.purge_drafts(NOW - HOUR)
    assert counts == PurgeCounts(drafts=2, uploads=1, by_form={"another-form": 1, "report-a-pothole": 1})
    assert store.draft(unsent) is None
    assert store.draft(recent).uploads[0].size == len(b"recent")
    [kept] = store.submissions("report-a-pothole", with_data=True)
    assert kept.id == submitted.id and [u.data for u in kept.uploads] == [b"sent"]
    assert store.purge_drafts(NOW - HOUR) == PurgeCounts()


def test_claims_are_exclusive_between_forwarders(store):
    made = [sent(store, now=NOW - dt.timedelta(minutes=n), uploads=[upload("photo", b"p%d" % n)])
            for n in range(6)]
    first = store.claim_deliveries("forwarder-1", NOW, dt.timedelta(minutes=5), 4)
    second = store.claim_deliveries("forwarder-2", NOW, dt.timedelta(minutes=5), 4)
    assert all(isinstance(d, Delivery) for d in first)
    # Oldest first, uploads with their data.
    assert [d.submission.id for d in first] == [s.id for s in reversed(made)][:4]
    assert [d.submission.id for d in second] == [s.id for s in reversed(made)][4:]
    assert first[0].attempts == 0 and first[0].submission.uploads[0].data == b"p5"
    assert first[0].submission.answers == made[5].answers
    assert store.claim_deliveries("forwarder-3", NOW + dt.timedelta(minutes=4), HOUR, 10) == []


def test_concurrent_claims_never_share_an_entry(store):
    for _ in range(20):
        sent(store)
    start = threading.Barrier(2)
    claims: dict[str, list[int]] = {}

    def claim(owner):
        start.wait()
        claims[owner] = [d.submission.id for d in store.claim_deliveries(owner, NOW, HOUR, 15)]

    threads = [threading.Thread(target=claim, args=(f"forwarder-{n}",)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a, b = claims.values()
    assert not set(a) & set(b)
    assert len(a) + len(b) == 20


def test_an_expired_lease_can_be_claimed_again(store):
    submission = sent(store)
    [held] = store.claim_deliveries("dies", NOW, dt.timedelta(minutes=5), 10)
    assert store.claim_deliveries("next", NOW + dt.timedelta(minutes=4), dt.timedelta(minutes=5), 10) == []
    [again] = store.claim_deliveries("next", NOW + dt.timedelta(minutes=5), dt.timedelta(minutes=5), 10)
    assert held.submission.id == again.submission.id == submission.id


def test_delivered_entries_are_never_claimed_again(store):
    submission = sent(store)
    [delivery] = store.claim_deliveries("f", NOW, HOUR, 10)
    store.delivered(delivery.submission.id, NOW + dt.timedelta(seconds=1))
    assert store.claim_deliveries("f", NOW + 10 * HOUR, HOUR, 10) == []
    assert store.outbox() == OutboxCounts(pending=0, delivered=1, oldest_pending=None)
    assert store.count() == 1 and submission.id == delivery.submission.id


def test_failed_delivery_counts_and_waits(store):
    submission = sent(store)
    store.claim_deliveries("f", NOW, HOUR, 10)
    store.delivery_failed(submission.id, NOW + dt.timedelta(minutes=10), "HTTP 503 " + "x" * 500)
    # Released at once, but not due until the next attempt.
    assert store.claim_deliveries("g", NOW + dt.timedelta(minutes=9), HOUR, 10) == []
    [retry] = store.claim_deliveries("g", NOW + dt.timedelta(minutes=10), HOUR, 10)
    assert retry.attempts == 1
    store.delivery_failed(submission.id, NOW + HOUR, "again")
    [retry] = store.claim_deliveries("g", NOW + HOUR, HOUR, 10)
    assert retry.attempts == 2
    assert store.outbox().pending == 1


def test_outbox_counts(store):
    assert store.outbox() == OutboxCounts(pending=0, delivered=0, oldest_pending=None)
    oldest = sent(store, now=NOW - 3 * HOUR)
    sent(store, now=NOW - HOUR)
    delivered = sent(store, now=NOW - 5 * HOUR)
    store.delivered(delivered.id, NOW)
    counts = store.outbox()
    assert counts == OutboxCounts(pending=2, delivered=1, oldest_pending=oldest.received_at)
    assert counts.oldest_pending.utcoffset() == dt.timedelta(0)


def test_migrate_again_is_harmless(store):
    submission = sent(store)
    store.migrate()
    store.migrate()
    assert store.submission("report-a-pothole", submission.token) == Submission(
        submission.id, submission.form_id, submission.reference, submission.token, submission.answers,
        submission.received_at)


def test_ping_and_close(store):
    store.ping()
    store.close()
    store.ping()  # connections open again when next needed
    assert store.count() == 0


WORKER = """
import datetime as dt, json, sys
from councilsite.receiver.store import open_store
url, tokens = sys.argv[1], json.loads(sys.stdin.read())
store = open_store(url)
store.migrate()  # every receiver migrates on start, all at once
now = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone.utc)
counter = iter(range(10**6))
made = []
for token in tokens:
    submission, created = store.submit(token, "report-a-pothole", lambda: f"R-{sys.argv[2]}-{next(counter)}", now)
    made.append([token, submission.id, created])
store.close()
print(json.dumps(made))
"""


def test_several_processes_at_once(store_url):
    """4 receivers, 50 sends each, every token sent by two of them at about the same time:
    everything stored, nothing twice."""
    setup = open_store(store_url)
    setup.migrate()
    tokens = [draft(setup) for _ in range(100)]
    setup.close()
    workers = []
    for n in range(4):
        # Neighbours walk the tokens they share in opposite directions, so they meet.
        mine = [tokens[(25 * n + i) % 100] for i in range(50)]
        workers.append((subprocess.Popen([sys.executable, "-c", WORKER, store_url, str(n)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
                        mine if n % 2 == 0 else mine[::-1]))
    for worker, mine in workers:  # all started before any gets its tokens
        worker.stdin.write(json.dumps(mine))
        worker.stdin.close()
    made = []
    for worker, _ in workers:
        out = worker.stdout.read()
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
        made += json.loads(out)
    assert len(made) == 200
    created = {token: id_ for token, id_, was_created in made if was_created}
    assert len(created) == 100 == len(set(created.values()))
    assert all(created[token] == id_ for token, id_, _ in made)  # the second sender got the first's
    check = open_store(store_url)
    assert check.count() == 100
    assert check.outbox().pending == 100
    listed = list(check.submissions("report-a-pothole"))
    assert {s.token: s.id for s in listed} == created
    assert len({s.reference for s in listed}) == 100
    check.close()


def _in_forked_child(store, parent_connection, done):
    ok = store._connections.get() is not parent_connection
    token = draft(store, answers={"where": "from the child"})
    done.put((ok, store.submit(token, "report-a-pothole", references("CHILD"), NOW)[0].reference))


def test_a_forked_worker_opens_its_own_connection(store):
    sent(store)  # the parent has a connection open, as a pre-fork server's master might
    parent_connection = store._connections.get()
    context = multiprocessing.get_context("fork")
    done = context.Queue()
    child = context.Process(target=_in_forked_child, args=(store, parent_connection, done))
    child.start()
    fresh_connection, reference = done.get(timeout=30)
    child.join(30)
    assert child.exitcode == 0 and fresh_connection and reference == "CHILD-1"
    # The parent's connection is untouched by the child.
    assert store._connections.get() is parent_connection
    assert store.count() == 2
    assert sent(store).id > 0


def test_open_store_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = open_store("sqlite:///data/receiver.db")
    relative.migrate()
    assert (tmp_path / "data" / "receiver.db").is_file()
    absolute = open_store(f"sqlite:///{tmp_path}/deeper/still/receiver.db")
    absolute.migrate()
    assert (tmp_path / "deeper" / "still" / "receiver.db").is_file()
    for url in ["mysql://u:secret@host/db", "receiver.db", "sqlite://receiver.db", "sqlite:///:memory:"]:
        with pytest.raises(StoreError) as caught:
            open_store(url)
        assert "secret" not in str(caught.value)
    assert type(open_store("postgres://u@127.0.0.1/db")).__name__ == "PostgresStore"
    relative.close()
    absolute.close()


def test_unreachable_postgres_is_a_store_error():
    store = open_store("postgresql://someone:hunter2@127.0.0.1:9/nowhere?connect_timeout=2")
    with pytest.raises(StoreError, match="could not reach the database") as caught:
        store.ping()
    assert "hunter2" not in str(caught.value)


def test_a_locked_sqlite_file_is_a_store_error(tmp_path):
    from councilsite.receiver.store.sqlite import SqliteStore
    store = SqliteStore(str(tmp_path / "receiver.db"), busy_timeout=0.2)
    store.migrate()
    holder = SqliteStore(str(tmp_path / "receiver.db"))
    conn = holder._connections.get()
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="locked for more than 0.2 s") as caught:
            draft(store, answers={"where": "secret answer"})
        assert "secret answer" not in str(caught.value)
        assert store.count() == 0  # readers are never kept waiting
    finally:
        conn.execute("ROLLBACK")
        holder.close()
    draft(store)
    store.close()


def test_a_folder_where_the_file_should_be_is_a_store_error(tmp_path):
    (tmp_path / "receiver.db").mkdir()
    with pytest.raises(StoreError, match="could not reach the database"):
        open_store(f"sqlite:///{tmp_path}/receiver.db").ping()


def test_postgres_reconnects_after_a_restart(postgres_url):
    import psycopg
    store = open_store(postgres_url)
    store.migrate()
    sent(store)
    pid = store._connections.get().info.backend_pid
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert store.count() == 1
    assert store._connections.get().info.backend_pid != pid
    store.close()


MINUTE = dt.timedelta(minutes=1)


def test_posts_are_counted_per_client_within_the_window(store):
    second = dt.timedelta(seconds=1)
    assert [store.count_post("a", NOW + i * second, MINUTE, 3) for i in range(3)] == [None] * 3
    # The fourth waits until the first leaves the window, and is not counted itself.
    assert store.count_post("a", NOW + 10 * second, MINUTE, 3) == 50 * second
    assert store.count_post("a", NOW + 59 * second, MINUTE, 3) == second
    assert store.count_post("b", NOW + 10 * second, MINUTE, 3) is None, "another client has its own count"
    assert store.count_post("a", NOW + MINUTE, MINUTE, 3) is None, "the first post has left the window"
    assert store.count_post("a", NOW + MINUTE + second, MINUTE, 3) is None
    assert store.count_post("a", NOW + MINUTE + 1.5 * second, MINUTE, 3) is not None


def test_posts_older_than_the_window_are_forgotten_for_everyone(store, store_url):
    for i in range(5):
        store.count_post(f"client-{i}", NOW, MINUTE, 10)
    store.count_post("late", NOW + 2 * MINUTE, MINUTE, 10)
    import sqlite3
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store.path) as conn:
            left = conn.execute("SELECT client FROM posts").fetchall()
    else:
        import psycopg
        with psycopg.connect(store_url) as conn:
            left = conn.execute("SELECT client FROM posts").fetchall()
    assert left == [("late",)]


POSTER = """
import datetime as dt, json, sys
from councilsite.receiver.store import open_store
store = open_store(sys.argv[1])
now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone.utc)
store.ping()
print("ready", flush=True)
sys.stdin.read()  # until every poster is ready
allowed = sum(store.count_post("shared", now, dt.timedelta(minutes=1), 100) is None for _ in range(60))
store.close()
print(allowed)
"""


def test_processes_posting_at_once_share_one_limit(store_url):
    """4 receivers take 60 posts each from one client at the same moment: exactly 100 get through."""
    setup = open_store(store_url)
    setup.migrate()
    setup.close()
    posters = [subprocess.Popen([sys.executable, "-c", POSTER, store_url], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for poster in posters:
        assert poster.stdout.readline().strip() == "ready", poster.stderr.read()
    for poster in posters:
        poster.stdin.close()
    allowed = []
    for poster in posters:
        out = poster.stdout.read()
        assert poster.wait(timeout=120) == 0, poster.stderr.read()
        allowed.append(int(out))
    assert sum(allowed) == 100

