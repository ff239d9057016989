"""Slow clients, as an attacker (or a phone on one bar of signal) sends them, and timing what
residents get meanwhile. Used against `councilsite serve` and against nginx in front of it."""
from __future__ import annotations

import http.client
import socket
import threading
import time


class SlowBodies:
    """`count` connections that each declare a large body and send it a byte every `every` seconds."""

    def __init__(self, port: int, path: str, count: int = 50, length: int = 100_000, every: float = 1.0,
                 host: str = "127.0.0.1"):
        self.port, self.path, self.count, self.length, self.every, self.host = port, path, count, length, every, host
        self.sockets: list[socket.socket] = []
        self.closed_early = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def __enter__(self) -> "SlowBodies":
        head = (f"POST {self.path} HTTP/1.1\r\nHost: {self.host}\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {self.length}\r\n\r\n").encode()
        for _ in range(self.count):
            conn = socket.create_connection((self.host, self.port), timeout=5)
            conn.sendall(head + b"a")
            self.sockets.append(conn)
        self._thread.start()
        time.sleep(self.every * 1.5)  # every connection has sent part of its body, and waits
        return self

    def _trickle(self) -> None:
        while not self._stop.wait(self.every):
            for conn in list(self.sockets):
                try:
                    conn.sendall(b"a")
                except OSError:
                    self.sockets.remove(conn)
                    self.closed_early += 1

    def open(self) -> int:
        return len(self.sockets)

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)
        for conn in self.sockets:
            conn.close()


def timed_gets(port: int, paths: list[str], rounds: int = 20, host: str = "127.0.0.1",
               timeout: float = 10.0) -> list[float]:
    """Seconds each GET took (a new connection each, as a new visitor's); a failure counts as the timeout."""
    times = []
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                ok = response.status == 200
            except OSError:
                ok = False
            times.append(time.perf_counter() - started if ok else timeout)
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]
