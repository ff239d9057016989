"""A receiver killed in the middle of a load loses nothing it acknowledged and duplicates nothing.

The real server (`councilsite serve`, gunicorn with 2 workers) runs as a child process in a
session of its own. Eight threads send complete journeys to it, each on its own connection:
answers (303 to Check your answers), Send (303 to the confirmation: acknowledged), then the
confirmation page, for the reference. Once 30 more Sends have been acknowledged and at least two
are on the wire, the whole process group (master and workers) is killed with SIGKILL, and the
server is started again on the same database; three times over. Then:

- every acknowledged token is stored, with the reference its confirmation page showed;
- no token is stored twice, and the count of submissions is the count of distinct tokens;
- every draft whose answers were acknowledged (their 303 to Check your answers) survived, or was
  sent: sending it again is acknowledged, the same Send again gives the same reference, and the
  count grows by exactly the drafts that were not sent yet, never more;
- sending an acknowledged token again gives its original reference and stores nothing new.

Once on SQLite and once on PostgreSQL (skipped without a test server, like the other PostgreSQL
tests).
"""
from __future__ import annotations

import collections
import http.client
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from receiversite import REPO, build_demo, start_serve, urlencoded_answers

from councilsite.forms import load_forms
from councilsite.receiver.references import PATTERN
from councilsite.receiver.store import open_store

FORMS = ("report-a-missed-bin", "contact-us")  # no file questions: urlencoded posts
THREADS = 8
KILLS = 3  # load, kill, start again: three times over, then the checks
ACKNOWLEDGED_BEFORE_KILL = 30  # in each round
URLENCODED = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("crash") / "site")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'crash.sqlite3'}"  # tmp_path is absolute: sqlite:////...
    return request.getfixturevalue("postgres_url")


class Server:
    """`councilsite serve` as a child process group, killed outright (never asked to stop)."""

    def __init__(self, site_dir: Path, database_url: str, log: Path):
        self.site_dir, self.database_url, self.log = site_dir, database_url, log
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> None:
        try:
            self.process, self.port = start_serve(self.site_dir, self.database_url, "--rate-limit", "0",
                                                  "--workers", "2", "--quiet", log=self.log)
        except RuntimeError as exc:
            pytest.fail(str(exc))

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once, as a power cut or the OOM killer would."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # start_new_session: its pid is the group's id
        except ProcessLookupError:
            pass
        self.process.wait(10)
        self.process = None


class Load:
    """Journeys from several threads; what each Send came to, from the resident's side."""

    def __init__(self, forms: dict):
        self.port = 0
        self.payloads = [(form_id, urlencoded_answers(forms[form_id])) for form_id in FORMS]
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.acknowledged: dict[str, tuple[str, str | None]] = {}  # token -> (form, reference if seen)
        self.uncertain: dict[str, str] = {}  # token -> form: its Send was in flight, or failed
        self.drafts = 0  # answers acknowledged
        self.sending = 0  # Sends written to the server and not answered yet
        self.errors: list[str] = []  # statuses that are wrong whether or not the server is killed

    def run(self, number: int) -> None:
        conn = None
        journey = number
        while not self.stop.is_set():
            form_id, body = self.payloads[journey % len(self.payloads)]
            journey += 1
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            token = None
            try:
                conn.request("POST", f"/submit/{form_id}", body, URLENCODED)
                reply = conn.getresponse()
                reply.read()
                if reply.status != 303:
                    self._error(f"answers: {reply.status}")
                    continue
                token = reply.getheader("Set-Cookie").split(";", 1)[0].split("=", 1)[1]
                with self.lock:
                    self.drafts += 1
                    self.uncertain[token] = form_id  # until its Send's 303 arrives
                with self.lock:
                    self.sending += 1
                try:
                    conn.request("POST", f"/submit/{form_id}/send", "", with_session(token))
                    reply = conn.getresponse()
                    reply.read()
                finally:
                    with self.lock:
                        self.sending -= 1
                if reply.status != 303 or reply.getheader("Location") != f"/submit/{form_id}/sent":
                    self._error(f"send: {reply.status} {reply.getheader('Location')}")
                    continue
                with self.lock:  # acknowledged: the resident has been told it is sent
                    del self.uncertain[token]
                    self.acknowledged[token] = (form_id, None)
                conn.request("GET", f"/submit/{form_id}/sent", headers=with_session(token))
                reply = conn.getresponse()
                page = reply.read().decode()
                if reply.status != 200:
                    self._error(f"sent: {reply.status}")
                    continue
                with self.lock:
                    self.acknowledged[token] = (form_id, reference_in(page))
            except (OSError, http.client.HTTPException):
                # The server is gone (or going): whatever this journey was doing, it was in flight.
                conn.close()
                conn = None
                if not self.stop.is_set():
                    time.sleep(0.02)
        if conn is not None:
            conn.close()

    def _error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


def with_session(token: str) -> dict:
    """The headers of a browser whose journey's session cookie is `token`."""
    return {**URLENCODED, "Cookie": f"councilsite_session={token}"}


def reference_in(page: str) -> str:
    found = set(PATTERN.findall(page))
    assert len(found) == 1, f"expected one reference on the confirmation page, found {found}"
    return found.pop()


def post_send(port: int, form_id: str, token: str) -> tuple[int, str | None]:
    """Send a token once; the status, and the reference its confirmation page shows."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("POST", f"/submit/{form_id}/send", "", with_session(token))
        reply = conn.getresponse()
        reply.read()
        if reply.status != 303:
            return reply.status, None
        assert reply.getheader("Location") == f"/submit/{form_id}/sent"
        conn.request("GET", reply.getheader("Location"), headers=with_session(token))
        reply = conn.getresponse()
        page = reply.read().decode()
        assert reply.status == 200
        return 303, reference_in(page)
    finally:
        conn.close()


def stored(url: str) -> tuple[list[tuple[str, str, str]], int]:
    """Every submission as (form, token, reference), and the store's own count."""
    store = open_store(url)
    try:
        rows = [(form_id, s.token, s.reference) for form_id in FORMS for s in store.submissions(form_id)]
        return rows, sum(store.count(form_id) for form_id in FORMS)
    finally:
        store.close()


def pending_drafts(url: str, tokens) -> set[str]:
    store = open_store(url)
    try:
        return {t for t in tokens if store.draft(t) is not None}
    finally:
        store.close()


def test_a_killed_receiver_keeps_every_acknowledged_submission_once(site_dir, database_url, tmp_path):
    forms = {f.id: f for f in load_forms(REPO / "forms", "forms", None)}
    server = Server(site_dir, database_url, tmp_path / "server.log")
    try:
        load = Load(forms)
        for _ in range(KILLS):
            server.start()
            load.port = server.port
            load.stop.clear()
            before = len(load.acknowledged)
            threads = [threading.Thread(target=load.run, args=(i,), daemon=True) for i in range(THREADS)]
            for thread in threads:
                thread.start()
            # Kill with sends in flight: some not yet stored, perhaps some stored but not answered.
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and (len(load.acknowledged) - before < ACKNOWLEDGED_BEFORE_KILL
                                                   or load.sending < 2):
                time.sleep(0.001)
            assert len(load.acknowledged) - before >= ACKNOWLEDGED_BEFORE_KILL, (
                f"only {len(load.acknowledged) - before} sends acknowledged in 15 s; errors: {load.errors[:5]}\n"
                f"{(tmp_path / 'server.log').read_text()}")
            server.kill()  # with the load still running
            time.sleep(0.2)  # every thread meets the dead server
            load.stop.set()
            for thread in threads:
                thread.join(15)
            assert not any(t.is_alive() for t in threads)
        assert not load.errors, load.errors[:10]
        acknowledged, uncertain = dict(load.acknowledged), dict(load.uncertain)

        server.start()  # on the same database

        rows, count = stored(database_url)
        tokens = collections.Counter(token for _, token, _ in rows)
        assert [t for t, n in tokens.items() if n > 1] == [], "a token was stored twice"
        assert count == len(rows) == len(tokens)
        by_token = {token: (form_id, reference) for form_id, token, reference in rows}
        lost = [t for t in acknowledged if t not in by_token]
        assert lost == [], f"{len(lost)} acknowledged submissions were lost"
        for token, (form_id, reference) in acknowledged.items():
            assert by_token[token][0] == form_id
            if reference is not None:  # its confirmation page was seen before the kill
                assert by_token[token][1] == reference, "an acknowledged submission's reference changed"
        # Only what was acknowledged or in flight can be stored.
        assert set(by_token) <= set(acknowledged) | set(uncertain)

        print(f"\n{database_url.split(':')[0]}: {KILLS} kills; {load.drafts} drafts, {len(acknowledged)} sends "
              f"acknowledged, {len(uncertain)} in flight or failed, of which {len(set(uncertain) & set(by_token))} "
              "were stored")

        # Every draft whose answers were acknowledged survived the kill, or was sent before it.
        waiting = pending_drafts(database_url, uncertain)
        assert set(uncertain) <= waiting | set(by_token)
        assert not waiting & set(by_token), "a sent draft is still waiting to be sent"
        for token, form_id in uncertain.items():
            status, reference = post_send(server.port, form_id, token)
            assert status == 303, f"sending a draft again after the crash gave {status}"
            again = post_send(server.port, form_id, token)
            assert again == (303, reference), "the same Send twice gave two references"
            if token in by_token:  # it had been stored before the kill, unacknowledged
                assert by_token[token][1] == reference
        after, count_after = stored(database_url)
        assert count_after == len(after) == len({token for _, token, _ in after})
        assert count_after - count == len(waiting) <= len(set(uncertain))

        # Acknowledged ones again: the original reference, nothing new stored.
        for token, (form_id, reference) in list(acknowledged.items())[:60]:
            status, again = post_send(server.port, form_id, token)
            assert status == 303 and again == by_token[token][1]
        assert stored(database_url)[1] == count_after
    finally:
        server.kill()  # no server outlives the test, whatever failed
