"""`jcg serve` spreads connections over its workers: a worker takes one only while it has a
thread free, so simultaneous clients do not all land on whichever worker woke first."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli.balanced_worker import may_accept

ROOT = Path(__file__).resolve().parents[2]
JCG = [sys.executable, "-m", "cli.main"]


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
    env = {**os.environ, "JCG_DATABASE_URL": f"sqlite:///{tmp_path}/park.db"}
    subprocess.run([*JCG, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("ab") as out:
        server = subprocess.Popen([*JCG, "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
                                  env=env, cwd=ROOT, stdout=out, stderr=out)
    clients: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while len(re.findall(r"worker \d+ ready", log.read_text(errors="replace"))) < 2:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.1)
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
