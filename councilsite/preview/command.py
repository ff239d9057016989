"""`councilsite preview`: build once, serve, and rebuild what each saved change affects."""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from councilsite.preview.engine import Engine, Outcome
from councilsite.preview.server import State, make_server, serve_in_background
from councilsite.preview.watch import Watcher


def default_out(config_file: Path) -> Path:
    """Beside the published build, never in it: build/preview next to mkdocs.yml."""
    return config_file.resolve().parent / "build" / "preview"


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", flush=True)


def report(outcome: Outcome, changed: set[Path] | None = None, root: Path | None = None) -> None:
    if outcome.kind == "error":
        print(f"\nERROR   -  The preview could not build this change; every page shows the error until it is "
              f"fixed:\n{outcome.error}\n", file=sys.stderr, flush=True)
        return
    what = ""
    if changed:
        names = sorted(_shown(p, root) for p in changed)
        what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") + ": "
    count = len(outcome.written)
    kind = "built the whole site" if outcome.kind == "full" else f"rebuilt {count} page{'s' if count != 1 else ''}"
    say(f"{what}{kind} in {outcome.seconds:.2f} s")


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.relative_to(root).as_posix() if root else str(path)
    except ValueError:
        return str(path)


def run(config_file: str, host: str, port: int, out: str | None = None) -> int:
    _logging()
    config_path = Path(config_file).resolve()
    if not config_path.is_file():
        print(f"councilsite preview: no {config_file} here", file=sys.stderr)
        return 1
    out_dir = Path(out).resolve() if out else default_out(config_path)
    engine = Engine(config_path, out_dir)
    say("Building the preview...")
    started = time.time()
    outcome = engine.full()
    report(outcome)
    # Watching starts before the server answers, and anything saved during the first build is
    # built next, so no change is lost between the two.
    watcher = Watcher(skip=out_dir)
    watcher.watch(engine.watched() or [config_path])
    watcher.changed_since(started)
    state = State(engine)
    try:
        server = make_server(state, out_dir, host, port)
    except OSError as exc:
        watcher.stop()
        print(f"councilsite preview: cannot listen on {host}:{port} ({exc.strerror}). Try --port", file=sys.stderr)
        return 1
    serve_in_background(server)
    shown_port = server.server_address[1]
    say(f"Preview at http://{host}:{shown_port}/ - pages reload as you save (forms do not send here). "
        "Press Ctrl+C to stop.")
    root = config_path.parent
    try:
        while True:
            changed = watcher.next_batch()
            if not changed:
                continue
            outcome = engine.update(changed)
            report(outcome, changed, root)
            watcher.watch(engine.watched() or [config_path])
            state.bump()
    except KeyboardInterrupt:
        say("Preview stopped.")
        return 0
    finally:
        watcher.stop()
        server.shutdown()
