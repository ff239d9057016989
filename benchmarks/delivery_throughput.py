"""How many emails a second does the sender get out? Not a test: run it by hand.

    .venv/bin/python benchmarks/delivery_throughput.py                 # 300 submissions, 3 rounds
    .venv/bin/python benchmarks/delivery_throughput.py --submissions 1000 --rounds 5

Each round fills a fresh SQLite store (in a temporary folder, synchronous=FULL as served) with
--submissions contact-us submissions, each making a team email and a resident's confirmation,
then times one Mailer.run_once() delivering them all: to a real SMTP server on loopback
(aiosmtpd), then to the GOV.UK Notify stand-in the tests use. The baseline, in the same round,
is the same number of bare SMTP sends of a similar message over one connection each (what the
mail server and smtplib cost with no outbox), so the ratio is the outbox's overhead. Medians.
"""
from __future__ import annotations

import argparse
import datetime as dt
import smtplib
import statistics
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "receiver")]

from mailservers import API_KEY, NotifyStandIn, SmtpServer, submit  # noqa: E402

from councilsite.clock import LONDON  # noqa: E402
from councilsite.receiver.deliver.notify import NotifyChannel  # noqa: E402
from councilsite.receiver.deliver.sender import Mailer  # noqa: E402
from councilsite.receiver.deliver.smtp import SmtpChannel, parse_smtp_url  # noqa: E402
from councilsite.receiver.store import open_store  # noqa: E402
from sending import demo_forms  # noqa: E402

FIELDS = {"topic": "housing", "message": "My gutter is leaking.\nPlease send someone.", "full_name": "Ann Smith",
          "reply_by": "email", "email": "ann@example.com"}


def filled(folder: Path, forms: dict, count: int):
    store = open_store(f"sqlite:///{folder / 'bench.sqlite3'}")
    store.migrate()
    when = dt.datetime(2026, 11, 22, 12, tzinfo=LONDON)
    for n in range(count):
        submit(store, forms["contact-us"], FIELDS, when, reference=f"BENCH-{n:06d}")
    return store


def timed(store, channel, forms, count: int) -> float:
    mailer = Mailer(store, channel, forms, batch=50)
    started = time.perf_counter()
    report = mailer.run_once(now=dt.datetime(2026, 11, 22, 12, 1, tzinfo=LONDON))
    elapsed = time.perf_counter() - started
    assert report.delivered == 2 * count and report.pending == 0, report
    return elapsed


def bare_smtp(server: SmtpServer, count: int) -> float:
    started = time.perf_counter()
    for n in range(2 * count):
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = "forms@eastmere.example", "team@eastmere.example", f"Bare {n}"
        msg.set_content("Reference: BARE\n" + "An answer\n" * 10)
        with smtplib.SMTP("127.0.0.1", server.port, timeout=10) as client:
            client.send_message(msg)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    ns = parser.parse_args()
    forms = demo_forms()
    results: dict[str, list[float]] = {"smtp": [], "notify": [], "bare smtp": []}
    for _ in range(ns.rounds):
        server = SmtpServer().start()
        notify = NotifyStandIn().start()
        try:
            with tempfile.TemporaryDirectory() as folder:
                store = filled(Path(folder), forms, ns.submissions)
                results["smtp"].append(timed(store, SmtpChannel(parse_smtp_url(server.url), "forms@eastmere.example"),
                                             forms, ns.submissions))
                store.close()
            with tempfile.TemporaryDirectory() as folder:
                store = filled(Path(folder), forms, ns.submissions)
                channel = NotifyChannel(API_KEY, {"team": "t", "resident": "r"}, notify.url)
                results["notify"].append(timed(store, channel, forms, ns.submissions))
                store.close()
            results["bare smtp"].append(bare_smtp(server, ns.submissions))
        finally:
            server.stop()
            notify.stop()
    emails = 2 * ns.submissions
    base = statistics.median(results["bare smtp"])
    print(f"{emails} emails, median of {ns.rounds} rounds")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"  {name:<10} {emails / median:7.1f} emails/s   {median:6.2f} s   x{median / base:.2f} of bare SMTP")


if __name__ == "__main__":
    main()
