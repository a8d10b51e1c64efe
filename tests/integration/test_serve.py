"""`jcg serve` answers every kind of request as the app does, logs each once, and stops cleanly
on SIGTERM."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from tests.api.samples import credit_code
from tests.serving import jcg, serve, stop

NAVIGATION = {"type": "patent_navigation_funded", "occurred_on": "2025-05-01",
              "data": {"project": "N-1", "amount": "120000.00"}}
# Another project: the same one twice is refused (不重复, 409).
NAVIGATION_2 = {**NAVIGATION, "occurred_on": "2025-05-02", "data": {"project": "N-2", "amount": "120000.00"}}


def exchange(port: int, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None, chunked: bool = False) -> tuple[int, dict[str, str], bytes]:
    """One request on its own connection, written by hand so that any framing can be sent."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    payload = b""
    if body is not None and chunked:
        lines.append("Transfer-Encoding: chunked")
        payload = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (body[:10], body[10:])) + b"0\r\n\r\n"
    elif body is not None:
        lines.append(f"Content-Length: {len(body)}")
        payload = body
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
    return int(status_line.split()[1]), found, rest


def requests(admin: dict[str, str], entity: str) -> list[tuple[str, str, bytes | None, dict[str, str], bool]]:
    """(method, path, body, headers, chunked): one of each kind the API answers."""
    events = f"/api/v1/entities/{entity}/events"
    as_json = {**admin, "Content-Type": "application/json"}
    event = json.dumps(NAVIGATION).encode()
    return [
        ("POST", events, event, {**as_json, "X-Request-Id": "req-1"}, False),
        ("POST", events, event, {**as_json, "If-Match": '"99"'}, False),       # stale version
        ("POST", events, json.dumps(NAVIGATION_2).encode(), as_json, True),     # no Content-Length
        ("POST", events, b'{"type": ', as_json, False),                         # not JSON
        ("POST", events, json.dumps({**NAVIGATION, "type": "nope"}).encode(), as_json, False),
        ("POST", events, b'{"pad": "' + b"x" * 300_000 + b'"}', as_json, False),  # over the limit
        ("POST", events, event, {"Content-Type": "application/json"}, False),   # no token
        ("GET", f"/api/v1/entities/{entity}", None, admin, False),
        ("GET", events, None, admin, False),
        ("GET", f"/api/v1/entities/{entity}/entitlements", None, admin, False),
        ("GET", "/api/v1/nowhere", None, admin, False),
        ("HEAD", "/api/v1/health", None, {}, False),
    ]


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MOMENT = re.compile(r"\d{4}-\d\d-\d\dT[0-9:.]+[+-]\d\d:\d\d")


def answers(port: int, admin: dict[str, str], entity: str) -> list[tuple[int, dict[str, str], bytes]]:
    return [exchange(port, method, path, body, headers, chunked)
            for method, path, body, headers, chunked in requests(admin, entity)]


@pytest.fixture
def served(tmp_path: Path):
    database = tmp_path / "park.db"
    port, process = serve(database, tmp_path / "serve.log", workers=2)
    try:
        yield database, port, process, tmp_path / "serve.log"
    finally:
        if process.poll() is None:
            stop(process)


def register(port: int, admin: dict[str, str], n: int) -> str:
    body = {"kind": "enterprise", "name": "阳泉碳化硅有限公司", "credit_code": credit_code(n),
            "zone": "gaoxin", "entered_on": "2025-01-02"}
    status, _, raw = exchange(port, "POST", "/api/v1/entities", json.dumps(body).encode(),
                              {**admin, "Content-Type": "application/json"})
    assert status == 201, raw
    return json.loads(raw)["id"]


def test_every_kind_of_request_is_answered_by_the_app(served) -> None:
    database, port, _, _ = served
    admin = {"Authorization": "Bearer " + jcg(database, "token", "create", "--role", "admin",
                                              "--label", "园区管理").split()[-1]}
    entity = register(port, admin, 1)

    got = answers(port, admin, entity)

    assert [status for status, _, _ in got] == [201, 412, 201, 400, 422, 413, 401, 200, 200, 200, 404, 200]
    assert got[0][1]["x-request-id"] == "req-1" and got[0][1]["etag"] == '"2"'
    assert all(json.loads(body)["message"] for status, _, body in got if status >= 400)
    history = json.loads(got[8][2])
    assert [e["type"] for e in history] == ["registered", NAVIGATION["type"], NAVIGATION["type"]]


def test_each_request_is_logged_once_with_its_id_and_the_server_stops_on_sigterm(served) -> None:
    database, port, process, log = served
    admin = {"Authorization": "Bearer " + jcg(database, "token", "create", "--role", "admin",
                                              "--label", "园区管理").split()[-1]}
    entity = register(port, admin, 3)
    status, _, _ = exchange(port, "POST", f"/api/v1/entities/{entity}/events",
                            json.dumps(NAVIGATION).encode(),
                            {**admin, "Content-Type": "application/json", "X-Request-Id": "log-7"})
    assert status == 201

    assert stop(process) == 0
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    mine = [line for line in lines if line.get("request_id") == "log-7"]
    assert [(m["logger"], m["status"], m["label"]) for m in mine] == [("jcg.request", 201, "园区管理")]
    assert len([line for line in lines if re.fullmatch(r"worker \d+ ready", line["message"])]) == 2
    assert not [line for line in lines if line["logger"] == "tornado.access"]


def test_a_streamed_csv_list_is_answered_whichever_thread_serves_it(served) -> None:
    """tornado runs a streamed answer's chunks on any of the worker's threads: a stream that
    needed the request's context (stream_with_context) hung the answer whenever the chunks
    ran on another thread than the view (found by `st run` on the live server)."""
    database, port, _, _ = served
    admin = {"Authorization": "Bearer " + jcg(database, "token", "create", "--role", "admin",
                                              "--label", "财政局").split()[-1]}
    for n in range(12):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall((f"GET /api/v1/exports/payments.csv?year={2025 + n % 2} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          f"Connection: close\r\nAuthorization: {admin['Authorization']}\r\n\r\n").encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        assert data.startswith(b"HTTP/1.1 200"), data[:200]
        assert "合计".encode() in data
