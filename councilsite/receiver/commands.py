"""`councilsite submissions`: the back office's commands.

    export   a form's submissions as CSV or JSON, optionally with their uploads
    purge    delete what each form's privacy.keep_for no longer allows us to keep
    forward  send waiting submissions to the back office and their emails (once, for cron, or --watch)
    status   what is stored, what is waiting per channel, and the last error
    backup   a consistent copy of a SQLite database while it is in use (PostgreSQL: pg_dump advice)

Exports hold personal data: a file is written whole or not at all (a temporary file renamed
into place), readable only by its owner.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from councilsite import clock
from councilsite.clock import LONDON

STILL_WAITING = 3  # `forward --once`: some submissions are still waiting for the back office


class CommandError(Exception):
    pass


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2026-11-20, got '{text}'") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site-dir", help="the built site, whose manifest has the forms (default: site_dir in "
                                           "mkdocs.yml if there is one, else build/site)")
    common.add_argument("-f", "--config-file", help="a mkdocs.yml to take site_dir from (default: ./mkdocs.yml)")
    common.add_argument("--database", help="the store's URL (default: COUNCILSITE_DATABASE_URL, else "
                                           "sqlite:///var/submissions.sqlite3)")
    sub = parser.add_subparsers(dest="action", required=True, metavar="{export,purge,forward,status,backup}")

    export = sub.add_parser("export", parents=[common], help="write a form's submissions as CSV or JSON")
    export.add_argument("--form", required=True, help="the form's id, such as report-a-missed-bin")
    export.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD", help="received on or after (UK date)")
    export.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD", help="received on or before (UK date)")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--output", type=Path, help="the file to write (default: standard output)")
    export.add_argument("--files", type=Path, metavar="DIR",
                        help="also save uploads as DIR/<reference>/<question>-<filename> (never overwriting)")

    purge = sub.add_parser("purge", parents=[common], help="delete submissions older than each form's keep_for, "
                                                          "and unsent drafts")
    purge.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    forward = sub.add_parser("forward", parents=[common], help="send waiting submissions to the back office")
    forward.add_argument("--webhook", metavar="URL", help="where to POST them (default: COUNCILSITE_WEBHOOK_URL)")
    forward.add_argument("--secret", help="signs each delivery (better: COUNCILSITE_WEBHOOK_SECRET, which other "
                                          "users of this computer cannot see)")
    forward.add_argument("--timeout", type=float, default=10, help="seconds to wait for the back office")
    when = forward.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="deliver what is due and exit (the default): status 0 if "
                                                          f"nothing is left waiting, {STILL_WAITING} if some is")
    when.add_argument("--watch", action="store_true", help="keep forwarding until stopped")
    forward.add_argument("--interval", type=float, default=5, help="with --watch: seconds between looks")

    sub.add_parser("status", parents=[common], help="count stored submissions and the outbox")

    backup = sub.add_parser("backup", parents=[common], help="copy the SQLite database safely while it is in use "
                                                            "(for PostgreSQL, says how to use pg_dump)")
    backup.add_argument("file", type=Path, help="the copy to write (replaced whole, readable only by you)")


def run(ns: argparse.Namespace) -> int:
    from councilsite.receiver.store.base import StoreError

    try:
        settings = _settings(ns)
        store = _open(settings.database_url)
        try:
            return ACTIONS[ns.action](ns, settings, store)
        finally:
            store.close()
    except (CommandError, StoreError, OSError) as exc:
        print(f"councilsite submissions {ns.action}: {exc}", file=sys.stderr)
        return 1


def _settings(ns):
    from councilsite.receiver.settings import SettingsError, find_site_dir, load_settings

    try:
        settings = load_settings(find_site_dir(ns.site_dir, ns.config_file))
    except SettingsError as exc:
        raise CommandError(str(exc)) from None
    if ns.database:
        settings.database_url = ns.database
    return settings


def _open(url: str):
    from councilsite.receiver.store import open_store

    if url.startswith("sqlite:///"):
        path = Path(unquote(url.removeprefix("sqlite:///")))
        if not path.is_file():
            # A typing mistake would otherwise make a new, empty database and report nothing.
            raise CommandError(f"there is no database at {path}: give --database or set COUNCILSITE_DATABASE_URL")
    store = open_store(url)
    store.migrate()
    return store


def _export(ns, settings, store) -> int:
    from councilsite.receiver.export import export_csv, export_json, write_files

    form = settings.forms.get(ns.form)
    if form is None:
        raise CommandError(f"there is no form '{ns.form}'. The forms are: {', '.join(sorted(settings.forms))}")
    if ns.start and ns.end and ns.start > ns.end:
        raise CommandError(f"--from {ns.start} is after --to {ns.end}")
    start = dt.datetime.combine(ns.start, dt.time(), LONDON) if ns.start else None
    end = dt.datetime.combine(ns.end + dt.timedelta(days=1), dt.time(), LONDON) if ns.end else None
    write = export_csv if ns.format == "csv" else export_json

    def files() -> int:
        if not ns.files:
            return 0
        try:
            return len(write_files(store.submissions(form.id, start, end, with_data=True), ns.files))
        except FileExistsError as exc:
            raise CommandError(f"{exc.filename} exists already: save uploads into an empty folder") from None

    if ns.output is None:
        count = write(form, store.submissions(form.id, start, end), sys.stdout)
        sys.stdout.flush()
        saved = files()
    else:
        # Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
        encoding = "utf-8-sig" if ns.format == "csv" else "utf-8"
        with _replacing(ns.output, encoding) as out:
            count = write(form, store.submissions(form.id, start, end), out)
            saved = files()
    _audit("submissions.export", form=form.id, submissions=count, files=saved, format=ns.format,
           start=str(ns.start or ""), end=str(ns.end or ""), output=str(ns.output or "standard output"))
    where = f" to {ns.output}" if ns.output else ""
    also = f", and {saved} uploaded file{'' if saved == 1 else 's'} to {ns.files}" if ns.files else ""
    print(f"Exported {count} submission{'' if count == 1 else 's'} of {form.id}{where}{also}", file=sys.stderr)
    return 0


@contextmanager
def _replacing(path: Path, encoding: str):
    """A text file that appears at `path` only if everything was written."""
    if path.is_dir():
        raise CommandError(f"--output {path} is a folder: give a file name")
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")  # owner-only (0600)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _purge(ns, settings, store) -> int:
    from councilsite.receiver.purge import purge

    report = purge(store, settings.forms, clock.now(), settings.session_minutes / 60, dry_run=ns.dry_run)
    print("\n".join(report.lines()))
    if not ns.dry_run:
        _audit("submissions.purge", submissions=report.submissions, drafts=report.drafts.drafts,
               undelivered=report.undelivered)
    return 0


def _audit(event: str, **details) -> None:
    """Who read or deleted submissions, and when: an information governance officer's audit trail.
    One JSON line on standard error (for cron's mail or the journal), with no personal data."""
    import getpass
    import json

    entry = {"event": event, "by": getpass.getuser(), "at": clock.now().isoformat(timespec="seconds"), **details}
    print(json.dumps(entry), file=sys.stderr, flush=True)


def _forward(ns, settings, store) -> int:
    import logging
    import signal
    import threading

    from councilsite.receiver.forward import Forwarder

    from councilsite.receiver.deliver.sender import mailer_for

    url = ns.webhook or settings.webhook_url
    try:
        mailer = mailer_for(store, settings)  # None unless an email channel is set up
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if not url and mailer is None:
        raise CommandError("no webhook: give --webhook URL or set COUNCILSITE_WEBHOOK_URL (or set up email: "
                           "COUNCILSITE_SMTP_URL or COUNCILSITE_NOTIFY_API_KEY)")
    try:
        workers = [Forwarder(store, url, secret=ns.secret or settings.webhook_secret, forms=settings.forms,
                             timeout=ns.timeout)] if url else []
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    workers += [mailer] if mailer else []
    if os.environ.get("COUNCILSITE_DELIVERY_LEASE_SECONDS"):
        # How long a claim lasts, so how soon a killed forwarder's claims are taken again (tests).
        for worker in workers:
            worker.lease = dt.timedelta(seconds=float(os.environ["COUNCILSITE_DELIVERY_LEASE_SECONDS"]))
    logger = logging.getLogger("councilsite.receiver")
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    if ns.watch:
        stop = threading.Event()
        try:
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        except ValueError:
            pass  # not the main thread: Ctrl-C or the caller stops it
        try:
            for worker in workers[1:]:  # the webhook and email each at their own pace
                threading.Thread(target=worker.run, args=(stop, ns.interval), daemon=True).start()
            workers[0].run(stop, ns.interval)
        except KeyboardInterrupt:
            pass
        stop.set()
        return 0
    reports = [worker.run_once() for worker in workers]
    delivered, failed, pending = (sum(getattr(r, name) for r in reports) for name in ("delivered", "failed", "pending"))
    print(f"Delivered {delivered}, failed {failed}, still waiting {pending}")
    return STILL_WAITING if pending else 0


def _status(ns, settings, store) -> int:
    from councilsite.receiver.purge import undefined_forms

    outbox = store.outbox()
    oldest = ""
    if outbox.oldest_pending:
        local = outbox.oldest_pending.astimezone(LONDON)
        oldest = f" (the oldest received {local:%H:%M} on {local.day} {local:%B %Y})"
    print(f"Outbox: {outbox.pending} waiting to be forwarded{oldest}, {outbox.delivered} delivered")
    from councilsite.receiver.deliver.status import status_lines
    print("\n".join(status_lines(store, settings, clock.now())))
    print("Submissions stored:")
    width = max((len(form_id) for form_id in settings.forms), default=0)
    for form_id in sorted(settings.forms):
        print(f"  {form_id:<{width}}  {store.count(form_id)}")
    for form_id, count in undefined_forms(store, settings.forms).items():
        print(f"  {form_id + ' (no longer defined)':<{width}}  {count}")
    print(f"  {'total':<{width}}  {store.count()}")
    return 0


NOT_BACKED_UP = 2  # `backup` of a PostgreSQL database: nothing written, use pg_dump

PG_DUMP_ADVICE = """This database is PostgreSQL: back it up with PostgreSQL's own tools, which copy it
consistently while receivers go on writing. For example, nightly from cron, as a user that
can read the database (the password in ~/.pgpass or PGPASSWORD, never on the command line):

    pg_dump --format=custom --no-owner --dbname='{url}' --file={file}

and to restore into an empty database (stop the receivers first):

    pg_restore --no-owner --clean --if-exists --dbname='{url}' {file}

The copy holds everything residents sent: keep it encrypted, readable only by those who may see
submissions, and for no longer than the forms' keep_for allows."""


def _backup(ns, settings, store) -> int:
    from councilsite.receiver.server import _shown
    from councilsite.receiver.store.sqlite import SqliteStore

    if not isinstance(store, SqliteStore):
        print(PG_DUMP_ADVICE.format(url=_shown(settings.database_url).replace(":***@", "@"), file=ns.file))
        print(f"councilsite submissions backup: nothing written to {ns.file}", file=sys.stderr)
        return NOT_BACKED_UP
    if ns.file.is_dir():
        raise CommandError(f"{ns.file} is a folder: give a file name")
    if ns.file.resolve() == Path(store.path).resolve():
        raise CommandError(f"{ns.file} is the database itself: give another file")
    store.backup(ns.file)
    from councilsite.receiver.store import open_store

    copy = open_store(f"sqlite:///{ns.file.resolve()}")
    try:
        count = copy.count()
    finally:
        copy.close()
    _audit("submissions.backup", submissions=count, output=str(ns.file))
    print(f"Backed up {count} submission{'' if count == 1 else 's'} to {ns.file}. To restore: stop the receivers, "
          f"copy it over {store.path} (removing any {Path(store.path).name}-wal and -shm beside it), and start them "
          "again.", file=sys.stderr)
    return 0


ACTIONS = {"export": _export, "purge": _purge, "forward": _forward, "status": _status, "backup": _backup}
