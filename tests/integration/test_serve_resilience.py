"""`jcg serve` alone stays up: a worker killed with SIGKILL is replaced while clients write,
nothing acknowledged is lost or recorded twice; slow clients hold no worker; and a request's
environ holds nothing of the server's process environment. Liveness only: every wait is generous.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from tests.api.samples import credit_code
from tests.serving import jcg, serve, stop

NAVIGATION = {"type": "patent_navigation_funded", "occurred_on": "2025-05-01",
              "data": {"project": "N-1", "amount": "120000.00"}}


def call(port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
         timeout: float = 10) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body).encode()
        connection.request(method, path, payload, {"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None
    finally:
        connection.close()


def admin_of(database: Path) -> dict[str, str]:
    token = jcg(database, "token", "create", "--role", "admin", "--label", "园区管理").split()[-1]
    return {"Authorization": f"Bearer {token}"}


def register(port: int, admin: dict[str, str], n: int) -> str:
    body = {"kind": "enterprise", "name": f"企业 {n}", "credit_code": credit_code(n),
            "zone": "gaoxin", "entered_on": "2025-01-02"}
    status, answer = call(port, "POST", "/api/v1/entities", body, admin)
    assert status == 201, answer
    return answer["id"]


def workers_of(server_pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{server_pid}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return children


def wait_for(condition: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.1)


class Writer(threading.Thread):
    """Posts events with an Idempotency-Key each, retrying the same key until acknowledged."""

    def __init__(self, port: int, admin: dict[str, str], entity: str, stop_writing: threading.Event):
        super().__init__(daemon=True)
        self.port, self.admin, self.entity, self.stop_writing = port, admin, entity, stop_writing
        self.acknowledged: dict[str, str] = {}  # key -> event id
        self.errors: list[Any] = []

    def run(self) -> None:
        while not self.stop_writing.is_set():
            key = uuid.uuid4().hex
            # A project of its own for each key: the same one twice is refused (不重复, 409).
            event = {**NAVIGATION, "data": {**NAVIGATION["data"], "project": f"N-{key}"}}
            for _ in range(200):
                try:
                    status, answer = call(self.port, "POST", f"/api/v1/entities/{self.entity}/events",
                                          event, {**self.admin, "Idempotency-Key": key})
                except (OSError, http.client.HTTPException):
                    time.sleep(0.05)  # the worker serving it was killed: the same key again
                    continue
                if status in (200, 201):
                    self.acknowledged[key] = answer["event_id"]
                    break
                if status < 500:
                    self.errors.append((status, answer))
                    return
                time.sleep(0.05)


def test_a_worker_killed_with_sigkill_is_replaced_and_no_acknowledged_write_is_lost_or_doubled(tmp_path):
    database = tmp_path / "park.db"
    port, server = serve(database, tmp_path / "serve.log", workers=2)
    try:
        admin = admin_of(database)
        entities = [register(port, admin, n) for n in range(1, 5)]
        stop_writing = threading.Event()
        writers = [Writer(port, admin, entity, stop_writing) for entity in entities]
        for w in writers:
            w.start()
        acknowledged = lambda: sum(len(w.acknowledged) for w in writers)  # noqa: E731
        for victim in range(2):  # each worker in turn, as an out-of-memory killer might
            before = acknowledged()
            wait_for(lambda before=before: acknowledged() >= before + 20)
            workers = workers_of(server.pid)
            assert len(workers) == 2
            os.kill(workers[victim], signal.SIGKILL)
            wait_for(lambda workers=workers: len(set(workers_of(server.pid)) - set(workers)) == 1)
        before = acknowledged()
        wait_for(lambda: acknowledged() >= before + 20)  # still writing after both kills
        stop_writing.set()
        for w in writers:
            w.join(timeout=60)

        assert server.poll() is None
        assert call(port, "GET", "/api/v1/health")[0] == 200
        for w in writers:
            assert w.errors == []
            status, history = call(port, "GET", f"/api/v1/entities/{w.entity}/events?page_size=1000", None, admin)
            assert status == 200
            recorded = [e["event_id"] for e in history if e["type"] != "registered"]
            assert len(recorded) == len(set(recorded))  # nothing twice
            assert set(w.acknowledged.values()) <= set(recorded)  # nothing acknowledged lost
            # A writer moves to a new key only once acknowledged: at most its last one, in flight
            # when it stopped, is recorded unacknowledged; a key recorded twice would show here.
            assert len(w.acknowledged) <= len(recorded) <= len(w.acknowledged) + 1
    finally:
        stop(server)


def test_half_sent_requests_and_slow_bodies_do_not_keep_other_clients_waiting(tmp_path):
    database = tmp_path / "park.db"
    port, server = serve(database, tmp_path / "serve.log", "--threads", "2", workers=1)
    held: list[socket.socket] = []
    try:
        admin = admin_of(database)
        entity = register(port, admin, 1)
        for _ in range(16):  # the request line and half the headers, then nothing
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"POST /api/v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
            held.append(sock)
        for _ in range(16):  # whole headers, a few bytes of the body, then nothing
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(f"POST /api/v1/entities/{entity}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         f"Authorization: {admin['Authorization']}\r\nContent-Type: application/json\r\n"
                         "Content-Length: 1000\r\n\r\n{\"type\": ".encode())
            held.append(sock)
        time.sleep(0.5)

        assert call(port, "GET", "/api/v1/health", timeout=5)[0] == 200
        status, answer = call(port, "POST", f"/api/v1/entities/{entity}/events", NAVIGATION, admin, timeout=5)
        assert status == 201, answer
    finally:
        for sock in held:
            sock.close()
        stop(server)


PROBE = """
import json
import flask

_call = flask.Flask.__call__


def __call__(self, environ, start_response):
    if environ.get("PATH_INFO") == "/environ-probe":
        body = json.dumps({k: v for k, v in environ.items() if isinstance(v, str)}).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]
    return _call(self, environ, start_response)


flask.Flask.__call__ = __call__
"""


def test_no_variable_of_the_process_environment_reaches_a_request(tmp_path, monkeypatch):
    # A probe the server's processes load at start (sitecustomize) shows what the app is given.
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "sitecustomize.py").write_text(PROBE)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path / "probe"), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("JCG_PROBE_SECRET", "hunter2-probe")
    port, server = serve(tmp_path / "park.db", tmp_path / "serve.log", workers=1)
    try:
        status, environ = call(port, "GET", "/environ-probe")
        assert status == 200 and environ["PATH_INFO"] == "/environ-probe"
        assert "JCG_PROBE_SECRET" not in environ and "JCG_DATABASE_URL" not in environ
        assert "hunter2-probe" not in json.dumps(environ)
        assert not set(environ) & (set(os.environ) - {"PATH_INFO"})
    finally:
        stop(server)
