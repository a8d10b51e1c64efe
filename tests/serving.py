"""`jcg serve` started for a test: on a fresh SQLite file, returned once every worker is ready."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JCG = [sys.executable, "-m", "cli.main"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database: Path, log: Path, *args: str, workers: int = 2) -> tuple[int, subprocess.Popen]:
    """(port, process) of `jcg serve --workers N ARGS…` on `database`, upgraded first; its output
    goes to `log`. Several servers may share the database, as the processes of a deploy do."""
    env = {**os.environ, "JCG_DATABASE_URL": f"sqlite:///{database}"}
    subprocess.run([*JCG, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    with log.open("ab") as out:
        server = subprocess.Popen([*JCG, "serve", "--port", str(port), "--workers", str(workers), *args],
                                  env=env, cwd=ROOT, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while len(re.findall(r"worker \d+ ready", log.read_text(errors="replace"))) < workers:
        assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.1)
    return port, server


def stop(server: subprocess.Popen) -> int:
    """SIGTERM, as systemd stops it; the exit status."""
    server.terminate()
    return server.wait(timeout=30)


def jcg(database: Path, *args: str) -> str:
    env = {**os.environ, "JCG_DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run([*JCG, *args], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout
