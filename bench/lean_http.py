"""A keep-alive HTTP/1.1 client doing only what the benchmark's requests need.

The benchmark's clients share the two cores with the server they measure. `http.client` parses
every response's headers with the email package and cost about half a millisecond of CPU per
request here, taken from the server; this one writes the request in one send and reads the
response by its Content-Length, so what is measured is mostly the server.
"""

from __future__ import annotations

import json
import re
import socket
from typing import Any

_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)


class Connection:
    def __init__(self, port: int, headers: dict[str, str], timeout: float = 60):
        self._sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._headers = "".join(f"{k}: {v}\r\n" for k, v in headers.items() if k.lower() != "content-length")
        self._pending = b""

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        status, payload = self.request("POST", path, json.dumps(body).encode())
        return status, json.loads(payload)

    def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self._headers}"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self._sock.sendall(head + body)
        while (end := self._pending.find(b"\r\n\r\n")) < 0:
            self._receive()
        head, rest = self._pending[:end], self._pending[end + 4:]
        found = _LENGTH.search(head)
        if not found:
            raise RuntimeError(f"a response without Content-Length: {head[:300]!r}")
        length = int(found.group(1))
        while len(rest) < length:
            self._pending = rest
            self._receive()
            rest = self._pending
        self._pending = rest[length:]
        return int(head[9:12]), rest[:length]

    def _receive(self) -> None:
        chunk = self._sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self._pending += chunk

    def close(self) -> None:
        self._sock.close()
