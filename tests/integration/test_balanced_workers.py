"""`jcg serve` spreads connections over its workers: a worker takes one only while it has a
thread free, so simultaneous clients do not all land on whichever worker woke first."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.workers.gthread import ThreadWorker

from cli.balanced_worker import IN_A_ROW, BalancedThreadWorker, may_accept, next_request_within
from tests.serving import serve


@pytest.mark.parametrize(("connections", "idle", "threads", "limit", "expected"), [
    (0, 0, 4, 1000, True),
    (3, 0, 4, 1000, True),
    (4, 0, 4, 1000, False),   # every thread busy: leave it to another worker
    (6, 3, 4, 1000, True),    # three of six wait idle on keep-alive, holding no thread
    (7, 3, 4, 1000, False),
    (8, 8, 4, 8, False),      # gunicorn's own cap still holds
])
def test_a_worker_accepts_only_with_a_thread_free(connections: int, idle: int, threads: int,
                                                  limit: int, expected: bool) -> None:
    assert may_accept(connections, idle, threads, limit) is expected


def _established_by_worker(master: int, port: int) -> dict[int, int]:
    """How many connections to `port` each worker of the gunicorn `master` holds open."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(fields[9])
    counts = {}
    for worker in map(int, Path(f"/proc/{master}/task/{master}/children").read_text().split()):
        links = (os.readlink(fd) for fd in Path(f"/proc/{worker}/fd").iterdir() if fd.is_symlink())
        counts[worker] = sum(1 for link in links if re.fullmatch(r"socket:\[(\d+)\]", link)
                             and link[8:-1] in inodes)
    return counts


def test_simultaneous_connections_are_spread_over_the_workers(tmp_path: Path) -> None:
    port, server, _ = _serve(tmp_path, workers=2, threads=2)
    clients: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        # Four connections at once, each holding a thread while its request has not arrived.
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
        while sum((counts := _established_by_worker(server.pid, port)).values()) < 4:
            assert time.monotonic() < deadline, counts
            time.sleep(0.05)
        assert sorted(counts.values()) == [2, 2], counts
    finally:
        for c in clients:
            c.close()
        server.terminate()
        server.wait(timeout=30)


class _Conn:
    """What the worker's handle() touches of gthread's connection: a socket and the parser's
    read-ahead buffer."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.parser = SimpleNamespace(unreader=SimpleNamespace(buf=io.BytesIO()))


def _worker() -> BalancedThreadWorker:
    worker = BalancedThreadWorker.__new__(BalancedThreadWorker)  # no gunicorn arbiter needed
    worker.alive = True
    return worker


@pytest.fixture
def one_request_at_a_time(monkeypatch):
    """gthread's handle() replaced by one that serves a request: it reads one byte, the client's
    next request, and says whether the connection stays alive."""
    served: list[bytes] = []

    def handle(self, conn):
        served.append(conn.sock.recv(1))
        return True

    monkeypatch.setattr(ThreadWorker, "handle", handle)
    return served


def test_a_kept_alive_connection_is_served_on_while_its_requests_keep_coming(one_request_at_a_time) -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"x" * (IN_A_ROW + 5))  # more requests waiting than served in a row
        worker = _worker()
        assert worker.handle(_Conn(ours)) is True
        assert len(one_request_at_a_time) == IN_A_ROW  # then back in line with the others


def test_a_silent_connection_goes_back_to_the_poller_after_the_linger(one_request_at_a_time) -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"x")
        started = time.monotonic()
        assert _worker().handle(_Conn(ours)) is True
        assert len(one_request_at_a_time) == 1
        assert time.monotonic() - started < 1  # waited LINGER for a second request, not longer


def test_a_stopping_worker_or_a_closing_connection_is_not_served_on(one_request_at_a_time, monkeypatch) -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(b"xxx")
        stopping = _worker()
        stopping.alive = False
        stopping.handle(_Conn(ours))
        assert len(one_request_at_a_time) == 1
        monkeypatch.setattr(ThreadWorker, "handle", lambda self, conn: False)  # Connection: close
        assert _worker().handle(_Conn(ours)) is False


def test_the_next_request_already_read_ahead_is_served_without_waiting_on_the_socket() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        conn = _Conn(ours)
        assert next_request_within(conn, 0) is False
        conn.parser.unreader.buf.write(b"GET /api/v1/health HTTP/1.1\r\n")
        assert next_request_within(conn, 0) is True


def test_a_busy_connection_does_not_keep_another_waiting_until_it_stops(tmp_path: Path) -> None:
    """One thread; one client sends request after request at once; a second client's request
    is answered while the first is still sending, not after."""
    port, server, log = _serve(tmp_path, workers=1, threads=1)
    try:
        busy_done = threading.Event()
        answered = []

        def busy() -> None:
            with socket.create_connection(("127.0.0.1", port)) as s:
                for _ in range(400):
                    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                    _read_response(s)
                    answered.append(1)
            busy_done.set()

        first = threading.Thread(target=busy)
        first.start()
        while len(answered) < 5:
            assert first.is_alive()
            time.sleep(0.01)
        with socket.create_connection(("127.0.0.1", port)) as other:
            other.settimeout(30)
            other.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert _read_response(other).startswith(b"HTTP/1.1 200")
            assert not busy_done.is_set(), "the second client waited until the first was done"
        first.join(60)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _serve(tmp_path: Path, workers: int, threads: int) -> tuple[int, subprocess.Popen, Path]:
    """gunicorn, whose worker this file is about (granian is `jcg serve`'s default)."""
    log = tmp_path / "serve.log"
    port, server = serve(tmp_path / "park.db", log, "--server", "gunicorn", "--threads", str(threads),
                         workers=workers)
    return port, server, log


def _read_response(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
    while len(body) < length:
        body += sock.recv(65536)
    return data
