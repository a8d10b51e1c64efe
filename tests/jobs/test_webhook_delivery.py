"""Delivery through the outbox to a real HTTP receiver on this machine, which fails first."""

from __future__ import annotations

import json
import socket
import threading
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobs.delivery import deliver
from jobs.scan import scan
from registry.clock import PARK_TZ
from tests.park import ADMIN, register

NOW = datetime(2027, 12, 1, 8, 0, tzinfo=PARK_TZ)
# How often a receiver's serve_forever looks whether it is to stop: at its default, half a
# second, waiting for it was most of each test's time.
POLL = 0.01


class Receiver:
    """A webhook receiver that answers 500 to its first `failures` requests, then 204."""

    def __init__(self, failures: int):
        self.failures, self.bodies = failures, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                receiver.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                status = 500 if len(receiver.bodies) <= receiver.failures else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(POLL,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def one_alert(services):
    entity = register(services.registry, 1)
    services.registry.record(entity, "space_granted", date(2025, 3, 1),
                             {"project": "P", "space": "office", "start_on": "2025-03-01", "months": 36}, ADMIN)
    [alert] = [a for a in scan(services, NOW.date()) if a["clause"] == "1.2"]
    return alert


def _stored(services, alert_id):
    services.projector.ensure_current()
    return next(a for a in services.model.alerts(None, 0, 100)[0] if a["id"] == alert_id)


def test_a_failed_delivery_is_retried_after_its_backoff_and_every_attempt_is_kept(services, one_alert):
    with Receiver(failures=1) as receiver:
        assert deliver(services, NOW, receiver.url) == [(one_alert["id"], False)]
        assert deliver(services, NOW + timedelta(seconds=30), receiver.url) == []  # backing off
        assert deliver(services, NOW + timedelta(seconds=61), receiver.url) == [(one_alert["id"], True)]
        assert deliver(services, NOW + timedelta(hours=1), receiver.url) == []  # delivered once
    assert [b["id"] for b in receiver.bodies] == [one_alert["id"]] * 2
    assert receiver.bodies[-1]["message"] == one_alert["message"]
    stored = _stored(services, one_alert["id"])
    assert [a["outcome"] for a in stored["attempts"]] == ["HTTP 500", "HTTP 204"]
    assert stored["delivered_at"] is not None


def test_a_receiver_that_is_down_loses_nothing(services, one_alert):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}/alerts"  # bound, not listening
        assert deliver(services, NOW, down) == [(one_alert["id"], False)]
        assert deliver(services, NOW + timedelta(seconds=61), down) == [(one_alert["id"], False)]
    with Receiver(failures=0) as receiver:
        later = NOW + timedelta(seconds=61 + 121)  # the second failure backs off twice as long
        assert deliver(services, later, receiver.url) == [(one_alert["id"], True)]
    attempts = _stored(services, one_alert["id"])["attempts"]
    assert [a["ok"] for a in attempts] == [False, False, True]
    assert attempts[0]["outcome"].startswith("unreachable")


def test_without_a_webhook_alerts_are_only_recorded(services, one_alert):
    assert deliver(services, NOW, None) == []
    assert _stored(services, one_alert["id"])["attempts"] == []


def test_the_webhook_says_the_alert_in_jcg_language_and_in_both_languages(services, one_alert, monkeypatch):
    monkeypatch.setenv("JCG_LANGUAGE", "zh-CN")
    with Receiver(failures=0) as receiver:
        assert deliver(services, NOW, receiver.url) == [(one_alert["id"], True)]
    [body] = receiver.bodies
    assert body["messages"]["en"] == one_alert["message"]
    chinese = body["messages"]["zh-CN"]
    assert body["message"] == chinese and chinese.startswith("第1.2条：") and "责任单位：" in chinese
    assert "free space" not in chinese


class Redirecting:
    """A webhook receiver that answers each POST with a redirect, and each GET with 200."""

    def __init__(self, status: int):
        self.posts, self.gets = [], 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                receiver.posts.append(self.rfile.read(int(self.headers["Content-Length"])))
                self.send_response(status)
                self.send_header("Location", "/moved")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):
                receiver.gets += 1
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(POLL,), daemon=True)

    __enter__, __exit__ = Receiver.__enter__, Receiver.__exit__


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_receiver_that_redirects_has_not_received_the_alert_which_is_tried_again(
        services, one_alert, status):
    # Following the redirect turns the POST into a GET without the alert; its 200 said nothing
    # about the alert, which was marked delivered and never sent again.
    with Redirecting(status) as receiver:
        assert deliver(services, NOW, receiver.url) == [(one_alert["id"], False)]
    assert receiver.gets == 0
    stored = _stored(services, one_alert["id"])
    assert [a["outcome"] for a in stored["attempts"]] == [f"HTTP {status}"]
    assert stored["delivered_at"] is None
    with Receiver(failures=0) as receiver:
        assert deliver(services, NOW + timedelta(seconds=61), receiver.url) == [(one_alert["id"], True)]


@pytest.mark.parametrize("url", ["alerts.example.org/hook", "http://host:port/hook", "http://[::1/hook",
                                 "http://exa mple.org/hook", "file:///etc/hostname", "ftp://127.0.0.1:1/x"])
def test_a_malformed_webhook_url_is_a_failed_attempt_not_a_stopped_scheduler(services, one_alert, url):
    # A typo in JCG_ALERT_WEBHOOK_URL raised out of the delivery round, which the scheduler runs
    # once before it starts keeping time: the scheduler process stopped, and no scan ran again.
    assert deliver(services, NOW, url) == [(one_alert["id"], False)]
    [attempt] = _stored(services, one_alert["id"])["attempts"]
    assert attempt["outcome"].startswith("invalid webhook URL")
    with Receiver(failures=0) as receiver:  # the URL mended: the alert is still there to send
        assert deliver(services, NOW + timedelta(seconds=61), receiver.url) == [(one_alert["id"], True)]


class RawReceiver:
    """A webhook receiver that reads each request and answers `reply` as raw bytes, sending it
    `chunk` bytes at a time with `pause` seconds between (a trickle), then closes."""

    def __init__(self, reply: bytes, chunk: int = 0, pause: float = 0.0):
        self.reply, self.chunk, self.pause = reply, chunk or len(reply) or 1, pause
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/alerts"
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                connection.recv(1 << 16)
                for at in range(0, len(self.reply), self.chunk):
                    if self.stop.wait(self.pause):
                        return
                    try:
                        connection.sendall(self.reply[at:at + self.chunk])
                    except OSError:
                        break

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.server.close()


@pytest.mark.parametrize("reply", [
    b"garbage\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"X-Padding: y\r\n" * 200 + b"\r\n",
    b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 70_000 + b"\r\n\r\n",
], ids=["not-http", "too-many-headers", "huge-header"])
def test_a_receiver_answering_what_is_not_http_is_a_failed_attempt(services, one_alert, reply):
    # http.client's complaint (BadStatusLine, LineTooLong, "got more than 100 headers") raised
    # out of the delivery round, and out of jcg scheduler's first round, which stopped it.
    with RawReceiver(reply) as receiver:
        assert deliver(services, NOW, receiver.url) == [(one_alert["id"], False)]
    [attempt] = _stored(services, one_alert["id"])["attempts"]
    assert attempt["outcome"].startswith("bad answer")
