"""How many form submissions a second can one machine take? Not a test: run it by hand.

    .venv/bin/python benchmarks/receiver_load.py                      # SQLite, and PostgreSQL if there is one
    .venv/bin/python benchmarks/receiver_load.py --rounds 3           # medians of 3 rounds
    .venv/bin/python benchmarks/receiver_load.py --workers 2,3,4 --concurrency 4,8,16   # find the best setting
    .venv/bin/python benchmarks/receiver_load.py --backends sqlite --submissions 500   # quick
    .venv/bin/python benchmarks/receiver_load.py --profile 2000       # where a request's time goes

    .venv/bin/python benchmarks/receiver_load.py --scenarios slow-clients,webhook-outage   # reliability only

Each round starts `councilsite serve` (waitress in --workers N processes, --quiet) on loopback
against a fresh database: SQLite in a temporary folder, or PostgreSQL in a schema of its own
(--postgres-url, else COUNCILSITE_TEST_POSTGRES_URL, else the URL scripts/postgres wrote to
.venv/postgres-url; that server runs with fsync off). A client of --clients processes with
--concurrency journeys in flight in all (threads, each with its own http.client connection,
kept alive where the server allows) warms the server
up with --warmup journeys, runs --submissions complete journeys, alternating
report-a-missed-bin and contact-us (valid answers, no files), and stops. The rate limit is on
(--rate-limit, 60 posts a minute as served by default) and counts every post, as it does for
residents; the server trusts X-Forwarded-For and each journey comes from an address of its own,
as thousands of residents behind a load balancer would, so nobody is turned away.

Two journeys (--journey, both by default):
  posts    POST the answers (303 to Check your answers), POST Send (303 to the confirmation:
           the submission is acknowledged, and committed before that 303);
  browser  what a browser does, following each 303: POST answers, GET Check your answers,
           POST Send, GET the confirmation page.
Then, on the same server and with the same client, a baseline: --static GETs of a built service
page (StaticSite in the same workers), so the ratios are against what this machine and this
server do with no receiver work.

For each backend, journey and setting it prints: accepted submissions a second (journeys
whose Send was acknowledged, over the wall time of the load), requests a second, p50/p99 of the
answers POST and of the Send POST as the client saw them (ms), the static baseline and the
ratios, CPU per accepted submission (server: serve's processes, from /proc; client)
and how busy the machine was with anything else, and a count check against the store: stored ==
acknowledged, no acknowledged token lost, no token stored twice. With --rounds N, medians.
Results also go to build/bench/receiver_load.json.

Reliability scenarios (--scenarios), each on a fresh server, the posts journey, the first
--workers and --concurrency setting: slow-clients (50 connections trickle a 100 kB body a byte a
second all through the load, and static pages are timed meanwhile) and webhook-outage (the
back office answers 503 all through the load, then recovers; every acknowledged submission must
then reach it exactly once, by idempotency key). Each prints accepted/s, p50/p99, lost and
duplicated; results also go to build/bench/receiver_reliability.json.

Targets (2 cores, SQLite): at least 300 accepted submissions a second with Send p99 under
100 ms, nothing lost or duplicated. The exit status is 1 if a count check fails, or if no
SQLite setting meets the target on the posts journey (the submission as the issue counts it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing as mp
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "build" / "bench"
sys.path.insert(0, str(ROOT / "tests" / "receiver"))
sys.path.insert(0, str(ROOT / "tests"))  # slowclients

FORMS = ("report-a-missed-bin", "contact-us")  # no file questions: urlencoded, as a browser sends them
STATIC_PAGE = "/bins-and-recycling/report-a-missed-bin/"
URLENCODED = {"Content-Type": "application/x-www-form-urlencoded"}
TARGET_RATE, TARGET_P99 = 300, 100.0

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# The site and the answers ---------------------------------------------------------------------------


def site_dir(given: str | None, rebuild: bool) -> Path:
    """The built site to serve: --site-dir, else build/site if it is built, else a build of our own."""
    if given:
        return Path(given).resolve()
    built = ROOT / "build" / "site"
    if (built / ".councilsite" / "receiver.json").is_file() and not rebuild:  # built by this councilsite
        return built
    out = BENCH / "receiver-site"
    from receiversite import build_demo

    print(f"building the demo site into {out} ...", file=sys.stderr, flush=True)
    return build_demo(out)


def payloads() -> list[tuple[str, str]]:
    """(form id, urlencoded answers) that pass every check of the form today."""
    import receiversite
    from councilsite import clock
    from councilsite.forms import load_forms

    receiversite.TODAY = clock.today()  # dates relative to the server's today (it runs on the real clock)
    forms = {f.id: f for f in load_forms(ROOT / "forms", "forms", None)}
    return [(form_id, receiversite.urlencoded_answers(forms[form_id])) for form_id in FORMS]


# Databases ------------------------------------------------------------------------------------------


def postgres_server_url(given: str | None) -> str | None:
    from receiversite import postgres_test_url

    url = given or postgres_test_url()
    if not url:
        return None
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL at {url.split('@')[-1]} does not answer ({str(exc).strip().splitlines()[0]}): "
              "leaving it out", file=sys.stderr)
        return None
    return url


class Database:
    """A fresh, empty database for one round: a SQLite file, or a PostgreSQL schema."""

    def __init__(self, backend: str, pg_url: str | None):
        self.backend = backend
        if backend == "sqlite":
            self.folder = Path(tempfile.mkdtemp(prefix="receiver-load-"))
            self.url = f"sqlite:///{self.folder / 'submissions.sqlite3'}"
        else:
            import psycopg

            self.pg_url = pg_url
            self.schema = f"bench_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f"CREATE SCHEMA {self.schema}")
            from receiversite import in_schema

            self.url = in_schema(pg_url, self.schema)

    def drop(self) -> None:
        if self.backend == "sqlite":
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            import psycopg

            with psycopg.connect(self.pg_url, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {self.schema} CASCADE")


def stored_tokens(url: str) -> tuple[Counter, int]:
    """Every stored submission's token (with how often it is there), and the store's own count."""
    from councilsite.receiver.store import open_store

    store = open_store(url)
    try:
        tokens = Counter(s.token for form_id in FORMS for s in store.submissions(form_id))
        return tokens, sum(store.count(form_id) for form_id in FORMS)
    finally:
        store.close()


# The server -----------------------------------------------------------------------------------------


class Server:
    def __init__(self, site: Path, database_url: str, workers: int, log: Path, rate_limit: int,
                 env: dict | None = None):
        from receiversite import start_serve

        try:
            self.process, self.port = start_serve(
                site, database_url, "--rate-limit", str(rate_limit), "--workers", str(workers), "--quiet",
                env={"COUNCILSITE_TRUSTED_PROXIES": "127.0.0.1", **(env or {})}, log=log, timeout=60)
        except RuntimeError as exc:
            raise SystemExit(str(exc)) from None

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def cpu_seconds(self) -> float:
        """User + system CPU of serve's supervisor, workers and forwarder so far (not the database's)."""
        ticks = 0
        for pid in [self.process.pid, *self.worker_pids()]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """SIGTERM to the group (serve stops its workers), SIGKILL if it lingers."""
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.process.wait(wait)
                time.sleep(0.2)  # the workers, after their master
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            except subprocess.TimeoutExpired:
                pass


# The client -----------------------------------------------------------------------------------------


def client_process(port: int, kind: str, count: int, threads: int, journey: str, forms: list, start, results) -> None:
    """One client process: `count` journeys (or static GETs) over `threads` connections."""
    lock = threading.Lock()
    left = [count]
    record = {"answers": [], "check": [], "send": [], "sent": [], "static": []}
    acknowledged: list[str] = []
    errors: Counter = Counter()

    def take() -> int | None:
        with lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
            return left[0]

    def request(conn, what, method, path, body=None, headers=None):
        began = time.perf_counter()
        conn.request(method, path, body, headers or {})
        reply = conn.getresponse()
        reply.read()
        record[what].append((time.perf_counter() - began) * 1000)
        return reply

    def run(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while (n := take()) is not None:
            try:
                if kind == "static":
                    reply = request(conn, "static", "GET", STATIC_PAGE)
                    if reply.status != 200:
                        errors[f"static {reply.status}"] += 1
                    continue
                form_id, body = forms[(n + number) % len(forms)]
                resident = {**URLENCODED, "X-Forwarded-For": f"10.{random.randrange(256)}.{random.randrange(256)}."
                                                             f"{random.randrange(1, 255)}"}
                reply = request(conn, "answers", "POST", f"/submit/{form_id}", body, resident)
                if reply.status != 303:
                    errors[f"answers {reply.status}"] += 1
                    continue
                check = reply.getheader("Location")
                token = check.rsplit("/", 1)[1]
                if journey == "browser":
                    reply = request(conn, "check", "GET", check)
                    if reply.status != 200:
                        errors[f"check {reply.status}"] += 1
                        continue
                reply = request(conn, "send", "POST", f"/submit/{form_id}/send", urlencode({"token": token}),
                                resident)
                if reply.status != 303 or reply.getheader("Location") != f"/submit/{form_id}/sent/{token}":
                    errors[f"send {reply.status}"] += 1
                    continue
                acknowledged.append(token)
                if journey == "browser":
                    reply = request(conn, "sent", "GET", reply.getheader("Location"))
                    if reply.status != 200:
                        errors[f"sent {reply.status}"] += 1
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    start.wait()
    began, cpu = time.monotonic(), time.process_time()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put({"began": began, "ended": time.monotonic(), "latency": record, "acknowledged": acknowledged,
                 "errors": dict(errors), "cpu": time.process_time() - cpu})


def load(server: Server, kind: str, total: int, concurrency: int, clients: int, journey: str, forms: list) -> dict:
    """Run `total` journeys (or static GETs) from `clients` processes; what they saw, merged."""
    port = server.port
    ctx = mp.get_context("fork")
    clients = max(1, min(clients, concurrency))
    start, results = ctx.Event(), ctx.Queue()
    shares = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]
    threads = [concurrency // clients + (1 if i < concurrency % clients else 0) for i in range(clients)]
    procs = [ctx.Process(target=client_process, args=(port, kind, shares[i], threads[i], journey, forms, start,
                                                      results)) for i in range(clients)]
    for proc in procs:
        proc.start()
    time.sleep(0.2)
    server_cpu, (busy, stolen) = server.cpu_seconds(), machine_busy()
    start.set()
    got = [results.get(timeout=1800) for _ in procs]
    server_cpu = server.cpu_seconds() - server_cpu
    busy_after, stolen_after = machine_busy()
    for proc in procs:
        proc.join()
    merged = {"seconds": max(g["ended"] for g in got) - min(g["began"] for g in got),
              "latency": {k: [x for g in got for x in g["latency"][k]] for k in got[0]["latency"]},
              "acknowledged": [t for g in got for t in g["acknowledged"]],
              "errors": sum((Counter(g["errors"]) for g in got), Counter()),
              "server_cpu": server_cpu, "client_cpu": sum(g["cpu"] for g in got)}
    # Busy with anything but this server and client (the database, other programs), in cores.
    merged["others"] = max(0.0, busy_after - busy - server_cpu - merged["client_cpu"]) / merged["seconds"]
    merged["stolen"] = (stolen_after - stolen) / merged["seconds"]
    merged["busy"] = (busy_after - busy) / merged["seconds"]
    merged["requests"] = sum(len(v) for v in merged["latency"].values())
    return merged


def machine_busy() -> tuple[float, float]:
    """(busy, stolen) CPU seconds of the whole machine so far, every core, from /proc/stat: busy is
    user, nice, system, irq and softirq; stolen is time the hypervisor gave to other machines."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / tick, fields[7] / tick


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


# One round ------------------------------------------------------------------------------------------


def one_round(backend: str, pg_url: str | None, site: Path, journey: str, workers: int, concurrency: int, ns,
              forms) -> dict:
    db = Database(backend, pg_url)
    log = BENCH / f"receiver-load-{backend}.log"
    try:
        server = Server(site, db.url, workers, log, ns.rate_limit)
    except BaseException:
        db.drop()
        raise
    try:
        warm = load(server, "journeys", ns.warmup, concurrency, ns.clients, journey, forms)
        before, _ = stored_tokens(db.url)
        run = load(server, "journeys", ns.submissions, concurrency, ns.clients, journey, forms)
        static = load(server, "static", ns.static, concurrency, ns.clients, journey, forms)
        after, count = stored_tokens(db.url)
    finally:
        server.stop()
        db.drop()
    acknowledged = run["acknowledged"]
    new = after - before
    lost = [t for t in acknowledged if t not in after]
    duplicates = sum(1 for n in after.values() if n > 1)
    latency = run["latency"]
    return {
        "backend": backend, "workers": workers, "concurrency": concurrency, "clients": ns.clients,
        "journey": journey, "submissions": ns.submissions, "rate_limit": ns.rate_limit,
        "accepted_per_s": len(acknowledged) / run["seconds"],
        "requests_per_s": run["requests"] / run["seconds"],
        "answers_p50": percentile(latency["answers"], 50), "answers_p99": percentile(latency["answers"], 99),
        "send_p50": percentile(latency["send"], 50), "send_p99": percentile(latency["send"], 99),
        "check_p50": percentile(latency["check"], 50), "sent_p50": percentile(latency["sent"], 50),
        "static_per_s": static["requests"] / static["seconds"],
        "static_p50": percentile(static["latency"]["static"], 50),
        "static_p99": percentile(static["latency"]["static"], 99),
        "acknowledged": len(acknowledged), "stored": sum(new.values()), "store_count": count - sum(before.values()),
        "lost": len(lost), "duplicates": duplicates,
        "errors": dict(run["errors"] + static["errors"] + warm["errors"]),
        "seconds": run["seconds"],
        # CPU per accepted submission (per page for static): what the machine's load does not change much.
        "server_cpu_ms": run["server_cpu"] * 1000 / max(1, len(acknowledged)),
        "client_cpu_ms": run["client_cpu"] * 1000 / max(1, len(acknowledged)),
        "static_server_cpu_ms": static["server_cpu"] * 1000 / max(1, static["requests"]),
        "others_cores": run["others"], "stolen_cores": run["stolen"], "busy_cores": run["busy"],
    }


def summary(rounds: list[dict]) -> dict:
    first = dict(rounds[0])
    for key, value in first.items():
        if isinstance(value, float):
            first[key] = statistics.median(r[key] for r in rounds)
    for key in ("acknowledged", "stored", "store_count", "lost", "duplicates"):
        first[key] = sum(r[key] for r in rounds)
    first["errors"] = dict(sum((Counter(r["errors"]) for r in rounds), Counter()))
    first["rounds"] = len(rounds)
    return first


def show(row: dict, label: str = "") -> None:
    ratio_req = row["requests_per_s"] / row["static_per_s"]
    counts_ok = row["stored"] == row["store_count"] == row["acknowledged"] and not row["lost"] and \
        not row["duplicates"]
    print(f"{label}{row['backend']:<10} workers={row['workers']} concurrency={row['concurrency']} "
          f"clients={row['clients']} journey={row['journey']}\n"
          f"    accepted {row['accepted_per_s']:7.1f}/s   requests {row['requests_per_s']:7.1f}/s   "
          f"answers p50/p99 {row['answers_p50']:5.1f}/{row['answers_p99']:5.1f} ms   "
          f"send p50/p99 {row['send_p50']:5.1f}/{row['send_p99']:5.1f} ms\n"
          f"    static {row['static_per_s']:7.1f}/s (p50/p99 {row['static_p50']:.1f}/{row['static_p99']:.1f} ms)   "
          f"receiver requests ÷ static {ratio_req:.2f}   accepted ÷ static "
          f"{row['accepted_per_s'] / row['static_per_s']:.3f}\n"
          f"    CPU per accepted submission: server {row['server_cpu_ms']:.2f} ms, "
          f"client {row['client_cpu_ms']:.2f} ms; "
          f"per static page: server {row['static_server_cpu_ms']:.2f} ms\n"
          f"    machine busy: {row['busy_cores']:.2f} of {os.cpu_count()} cores; anything else: "
          f"{row['others_cores']:.2f} cores, stolen by the hypervisor: {row['stolen_cores']:.2f} cores\n"
          f"    acknowledged {row['acknowledged']}, stored {row['stored']} (store count {row['store_count']}), "
          f"lost {row['lost']}, duplicated {row['duplicates']}: {'OK' if counts_ok else 'FAIL'}"
          + (f"   errors {row['errors']}" if row["errors"] else ""), flush=True)


# Reliability scenarios -----------------------------------------------------------------------------


class Crm:
    """A stand-in back office on loopback that can be down: records each delivery's idempotency key
    and whether it was taken (2xx) or refused (the outage's 503)."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        crm = self
        self.status = 200
        self.taken: Counter = Counter()
        self.refused = 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                status = crm.status
                if status < 300:
                    crm.taken[self.headers["Idempotency-Key"]] += 1
                else:
                    crm.refused += 1
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/intake"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def references(url: str) -> dict[str, str]:
    """token -> '<form>/<reference>', the idempotency key each stored submission is delivered with."""
    from councilsite.receiver.store import open_store

    store = open_store(url)
    try:
        return {s.token: f"{form_id}/{s.reference}" for form_id in FORMS for s in store.submissions(form_id)}
    finally:
        store.close()


def outbox_pending(url: str) -> int:
    from councilsite.receiver.store import open_store

    store = open_store(url)
    try:
        return store.outbox().pending
    finally:
        store.close()


def scenario(name: str, backend: str, pg_url: str | None, site: Path, workers: int, concurrency: int, ns,
             forms) -> dict:
    """One reliability scenario on a fresh server and database, the posts journey:
      slow-clients    --slow connections each trickle a 100 kB body a byte a second all through the load
      webhook-outage  the back office answers 503 all through the load, then recovers: every
                      acknowledged submission must reach it once (by idempotency key), none twice"""
    from slowclients import SlowBodies

    db = Database(backend, pg_url)
    crm = Crm() if name == "webhook-outage" else None
    env = {"COUNCILSITE_WEBHOOK_URL": crm.url} if crm else {}
    log = BENCH / f"receiver-{name}-{backend}.log"
    try:
        server = Server(site, db.url, workers, log, ns.rate_limit, env)
    except BaseException:
        db.drop()
        raise
    extra: dict = {}
    try:
        if crm:
            crm.status = 503
        if name == "slow-clients":
            with SlowBodies(server.port, f"/submit/{FORMS[0]}", count=ns.slow) as slow:
                run = load(server, "journeys", ns.submissions, concurrency, ns.clients, "posts", forms)
                static = load(server, "static", ns.static // 4, concurrency, ns.clients, "posts", forms)
                extra["slow_open"] = slow.open()
            extra["static_p50"] = percentile(static["latency"]["static"], 50)
            extra["static_p99"] = percentile(static["latency"]["static"], 99)
        else:
            run = load(server, "journeys", ns.submissions, concurrency, ns.clients, "posts", forms)
            extra["refused_during_outage"] = crm.refused
            crm.status = 200
            began = time.monotonic()
            while outbox_pending(db.url) and time.monotonic() - began < ns.recovery:
                time.sleep(1)
            extra["recovery_s"] = time.monotonic() - began
            extra["still_waiting"] = outbox_pending(db.url)
        after, count = stored_tokens(db.url)
        keys = references(db.url) if crm else {}
    finally:
        server.stop()
        db.drop()
        if crm:
            crm.stop()
    acknowledged = run["acknowledged"]
    lost = [t for t in acknowledged if t not in after]
    duplicates = sum(1 for n in after.values() if n > 1)
    if crm:
        lost += [t for t in acknowledged if t in keys and not crm.taken.get(keys[t])]
        duplicates += sum(1 for n in crm.taken.values() if n > 1)
    latency = run["latency"]
    return {"scenario": name, "backend": backend, "workers": workers, "concurrency": concurrency,
            "accepted_per_s": len(acknowledged) / run["seconds"],
            "answers_p50": percentile(latency["answers"], 50), "answers_p99": percentile(latency["answers"], 99),
            "send_p50": percentile(latency["send"], 50), "send_p99": percentile(latency["send"], 99),
            "acknowledged": len(acknowledged), "stored": count, "lost": len(lost), "duplicated": duplicates,
            "errors": dict(run["errors"]), **extra}


def show_scenario(row: dict) -> None:
    more = ""
    if row["scenario"] == "slow-clients":
        more = (f"   {row['slow_open']} slow bodies open; static page p50/p99 "
                f"{row['static_p50']:.1f}/{row['static_p99']:.1f} ms")
    else:
        more = (f"   {row['refused_during_outage']} deliveries refused in the outage; all delivered "
                f"{row['recovery_s']:.0f} s after it ended, {row['still_waiting']} still waiting")
    ok = not row["lost"] and not row["duplicated"] and row["acknowledged"] == row["stored"]
    print(f"{row['scenario']:<15} {row['backend']:<10} accepted {row['accepted_per_s']:7.1f}/s   "
          f"answers p50/p99 {row['answers_p50']:5.1f}/{row['answers_p99']:6.1f} ms   "
          f"send p50/p99 {row['send_p50']:5.1f}/{row['send_p99']:6.1f} ms   lost {row['lost']}   "
          f"duplicated {row['duplicated']}: {'OK' if ok else 'FAIL'}\n   {more}"
          + (f"   errors {row['errors']}" if row["errors"] else ""), flush=True)


# Profile --------------------------------------------------------------------------------------------

# What --profile times, each on its own: (module, class or None, function).
TIMED = [("councilsite.receiver.app", "Receiver", name)
         for name in ("__call__", "answers", "check", "send", "sent", "read", "respond", "rate_limited")]
TIMED += [("councilsite.receiver.app", None, "check_submission")]
TIMED += [("councilsite.receiver.pages", "Pages", name) for name in ("check_answers", "confirmation")]
TIMED += [("councilsite.receiver.store.sql", "SqlStore", name)
          for name in ("save_draft", "draft", "submission", "submit")]
TIMED += [("councilsite.receiver.store.sqlite", "SqliteStore", name) for name in ("_begin", "_commit")]


def profile(count: int, site: Path, forms) -> None:
    """The receiver in this process, no HTTP: `count` browser journeys, timed by function, then cProfiled."""
    import cProfile
    import functools
    import importlib
    import io
    import pstats

    from werkzeug.test import EnvironBuilder

    from councilsite.receiver.app import create_app
    from councilsite.receiver.settings import load_settings

    spent: dict[str, list] = {}

    def timed(owner, name: str, label: str) -> None:
        inner = getattr(owner, name)

        @functools.wraps(inner)
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                entry = spent.setdefault(label, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - began
        setattr(owner, name, wrapper)

    originals = []
    for module_name, class_name, name in TIMED:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name) if class_name else module
        if name in vars(owner):
            originals.append((owner, name, getattr(owner, name)))
            timed(owner, name, f"{class_name or module_name.rsplit('.', 1)[1]}.{name}")

    folder = Path(tempfile.mkdtemp(prefix="receiver-profile-"))
    settings = load_settings(site)
    settings.rate_limit = 0
    settings.database_url = f"sqlite:///{folder / 'submissions.sqlite3'}"
    app = create_app(settings)

    def call(method, path, body=None):
        env = EnvironBuilder(path=path, method=method, data=body,
                             content_type=URLENCODED["Content-Type"] if body is not None else None).get_environ()
        env["REMOTE_ADDR"] = "127.0.0.1"
        status, headers = [], []
        b"".join(app(env, lambda s, h, e=None: (status.append(s), headers.extend(h))))
        return status[0], dict(headers)

    def journeys(n):
        for i in range(n):
            form_id, body = forms[i % len(forms)]
            status, headers = call("POST", f"/submit/{form_id}", body)
            assert status.startswith("303"), status
            token = headers["Location"].rsplit("/", 1)[1]
            call("GET", headers["Location"])
            status, headers = call("POST", f"/submit/{form_id}/send", urlencode({"token": token}))
            assert status.startswith("303"), status
            call("GET", headers["Location"])

    try:
        journeys(100)  # warm: templates compiled, shells read
        spent.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        journeys(count)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        for owner, name, original in originals:
            setattr(owner, name, original)
        profiler = cProfile.Profile()
        profiler.enable()
        journeys(count)
        profiler.disable()
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
        app.store.close()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"In-process (no HTTP, no gunicorn), SQLite on {folder.parent}, {count} browser journeys "
          f"(4 requests each): {wall / count * 1000:.2f} ms wall, {cpu / count * 1000:.2f} ms CPU per journey")
    print(f"    {'function':<28} {'calls/journey':>13} {'ms/call':>8} {'ms/journey':>10}")
    for label, (calls, seconds) in sorted(spent.items(), key=lambda kv: -kv[1][1]):
        print(f"    {label:<28} {calls / count:13.1f} {seconds / calls * 1000:8.3f} {seconds / count * 1000:10.3f}")
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(25)
    print("\ncProfile, the same journeys again, by own time (profiling makes every call slower: read the "
          "shares):")
    print(stream.getvalue().replace(str(ROOT) + "/", "").replace(sys.prefix + "/", ""))


# Main -----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=3000, help="journeys measured per round (3000)")
    parser.add_argument("--warmup", type=int, default=300, help="journeys before measuring (300)")
    parser.add_argument("--static", type=int, default=6000, help="static page GETs for the baseline (6000)")
    parser.add_argument("--concurrency", default="8", help="journeys in flight, in all; a list to try (8)")
    parser.add_argument("--workers", default="2,4", help="server processes (--workers of councilsite serve); "
                                                         "a list to try (2,4; 4 is serve's default on 2 cores)")
    parser.add_argument("--clients", type=int, default=4, help="client processes (4)")
    parser.add_argument("--rate-limit", type=int, default=60,
                        help="posts per client a minute, as councilsite serve --rate-limit (60; 0: off)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds per setting, for medians (1)")
    parser.add_argument("--journey", default="posts,browser", help="posts, browser or both (both)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", help="a PostgreSQL server to make schemas in")
    parser.add_argument("--site-dir", help="a built site (default: build/site, else built into build/bench/)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo site even if build/site exists")
    parser.add_argument("--profile", type=int, metavar="JOURNEYS", help="profile the receiver in-process instead")
    parser.add_argument("--scenarios", default="load,slow-clients,webhook-outage",
                        help="load (the settings above), slow-clients, webhook-outage; a list (all three)")
    parser.add_argument("--slow", type=int, default=50, help="slow-clients: connections trickling a body (50)")
    parser.add_argument("--recovery", type=float, default=300,
                        help="webhook-outage: seconds to wait for the outbox to drain once the CRM is back (300)")
    ns = parser.parse_args()

    BENCH.mkdir(parents=True, exist_ok=True)
    site = site_dir(ns.site_dir, ns.rebuild)
    forms = payloads()
    if ns.profile:
        profile(ns.profile, site, forms)
        return 0
    journeys = [j.strip() for j in ns.journey.split(",") if j.strip()]
    if not journeys or set(journeys) - {"posts", "browser"}:
        parser.error("--journey: posts, browser, or posts,browser")
    backends = [b.strip() for b in ns.backends.split(",") if b.strip()]
    pg_url = postgres_server_url(ns.postgres_url) if "postgresql" in backends else None
    if "postgresql" in backends and pg_url is None:
        backends.remove("postgresql")
    settings = [(w, c) for w in map(int, ns.workers.split(",")) for c in map(int, ns.concurrency.split(","))]
    print(f"{os.cpu_count()} cores; site {site}; {ns.submissions} journeys a round, {ns.rounds} round(s) per "
          f"setting, {ns.clients} client processes", flush=True)

    scenarios = [x.strip() for x in ns.scenarios.split(",") if x.strip()]
    if set(scenarios) - {"load", "slow-clients", "webhook-outage"}:
        parser.error("--scenarios: load, slow-clients, webhook-outage")
    reliability = []
    for name in [x for x in scenarios if x != "load"]:
        for backend in backends:
            workers, concurrency = settings[0]
            reliability.append(scenario(name, backend, pg_url, site, workers, concurrency, ns, forms))
            show_scenario(reliability[-1])
    if "load" not in scenarios:
        bad = [r for r in reliability if r["lost"] or r["duplicated"] or r["acknowledged"] != r["stored"]]
        (BENCH / "receiver_reliability.json").write_text(json.dumps(reliability, indent=2))
        print(f"Reliability (none lost, none twice): {'FAIL' if bad else 'PASS'}")
        return 1 if bad else 0

    rows = []
    for backend in backends:
        for journey in journeys:
            for workers, concurrency in settings:
                rounds = []
                for n in range(ns.rounds):
                    result = one_round(backend, pg_url, site, journey, workers, concurrency, ns, forms)
                    rounds.append(result)
                    if ns.rounds > 1:
                        show(result, f"  round {n + 1}: ")
                row = summary(rounds)
                row["each"] = [{k: r[k] for k in ("accepted_per_s", "requests_per_s", "send_p99", "answers_p99",
                                                  "static_per_s")} for r in rounds]
                rows.append(row)
                show(row, "MEDIAN " if ns.rounds > 1 else "")

    (BENCH / "receiver_load.json").write_text(json.dumps(
        {"date": dt.date.today().isoformat(), "cores": os.cpu_count(), "rows": rows}, indent=2))
    print(f"\n{'backend':<10} {'journey':<7} {'workers':>7} {'conc':>4}  {'accepted/s':>10} {'req/s':>6}  "
          f"{'answers p50/p99':>15}  {'send p50/p99':>12}  {'static/s':>8}  {'req÷static':>10}  "
          f"{'server ms/sub':>13}  {'busy':>4}  {'others':>6}")
    for r in rows:
        print(f"{r['backend']:<10} {r['journey']:<7} {r['workers']:>7} {r['concurrency']:>4}  "
              f"{r['accepted_per_s']:10.1f} {r['requests_per_s']:6.0f}  "
              f"{r['answers_p50']:6.1f}/{r['answers_p99']:6.1f}  {r['send_p50']:5.1f}/{r['send_p99']:6.1f}  "
              f"{r['static_per_s']:8.0f}  {r['requests_per_s'] / r['static_per_s']:10.2f}  "
              f"{r['server_cpu_ms']:13.2f}  {r['busy_cores']:4.2f}  {r['others_cores']:6.2f}")
    print("(server ms/sub: serve's CPU per accepted submission; busy: cores the machine kept busy during the "
          "load; others: of those, cores busy with anything but this server and client, the database included)\n")

    failed = [r for r in rows if r["lost"] or r["duplicates"] or not r["stored"] == r["store_count"] == r[
        "acknowledged"]]
    verdict = {}
    for journey in journeys:
        candidates = [r for r in rows if r["backend"] == "sqlite" and r["journey"] == journey]
        if not candidates:
            continue
        met = [r for r in candidates if r["accepted_per_s"] >= TARGET_RATE and r["send_p99"] < TARGET_P99]
        best = max(met or candidates, key=lambda r: r["accepted_per_s"])
        verdict[journey] = bool(met)
        print(f"Target, {journey} journey (SQLite, 2 cores): >= {TARGET_RATE} accepted/s with Send p99 < "
              f"{TARGET_P99:.0f} ms: {'PASS' if met else 'FAIL'} (best: {best['accepted_per_s']:.0f}/s, Send p99 "
              f"{best['send_p99']:.1f} ms, workers={best['workers']}, concurrency={best['concurrency']})")
    print(f"Count checks (stored == acknowledged, none lost, none twice): {'FAIL' if failed else 'PASS'}")
    if reliability:
        (BENCH / "receiver_reliability.json").write_text(json.dumps(reliability, indent=2))
        print(f"\n{'scenario':<15} {'backend':<10} {'accepted/s':>10}  {'send p50/p99':>14}  {'lost':>4}  {'dup':>4}")
        for r in reliability:
            print(f"{r['scenario']:<15} {r['backend']:<10} {r['accepted_per_s']:10.1f}  "
                  f"{r['send_p50']:6.1f}/{r['send_p99']:6.1f}  {r['lost']:4}  {r['duplicated']:4}")
        failed += [r for r in reliability if r["lost"] or r["duplicated"] or r["acknowledged"] != r["stored"]]
    return 1 if failed or verdict.get("posts") is False else 0


if __name__ == "__main__":
    sys.exit(main())
