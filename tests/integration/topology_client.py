"""An HTTP client for the topology test, and the load it drives from several threads."""

from __future__ import annotations

import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from tests.api.samples import credit_code

# (type, occurred_on, data) recorded against each enterprise in turn; the first gives every
# entity a 1.2 space ending 2026-08-31, so a 90-day alert falls due on 2026-06-02 (a day that has come:
# a scan of a later day is refused).
FACTS = [
    ("space_granted", "2025-03-01", {"project": "S", "space": "office", "start_on": "2025-03-01", "months": 18}),
    ("achievement_recognised", "2025-04-01", {"achievement": "碳化硅", "stage": "lab", "amount": "300000.00"}),
    ("details_amended", "2025-05-01", {"zone": "pingding"}),
    ("award_received", "2025-06-01", {"award": "省科技进步奖", "level": "provincial", "amount": "50000.00",
                                      "first_completing_unit": True}),
    ("standard_drafted", "2025-07-01", {"standard": "T/SXJCG 1-2025", "role": "participant", "amount": "20000.00"}),
    ("patent_navigation_funded", "2025-08-01", {"project": "N", "amount": "10000.50"}),
]


# The field naming each fact's matter: a later round names another one, as the same matter
# recorded twice is refused (不重复, 409). Space for one project adds up instead.
MATTER = {"achievement_recognised": "achievement", "award_received": "award",
          "standard_drafted": "standard", "patent_navigation_funded": "project"}


def of_round(type_name: str, data: dict[str, Any], round_: int) -> dict[str, Any]:
    field = MATTER.get(type_name)
    return {**data, field: f"{data[field]}-{round_}"} if field and round_ else data


class Client:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.base + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")

    def get(self, path: str) -> Any:
        status, body = self.call("GET", path)
        assert status == 200, (path, status, body)
        return body

    def wait_until_healthy(self, server: subprocess.Popen, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert server.poll() is None, "jcg serve exited"
            try:
                if self.call("GET", "/api/v1/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("jcg serve did not answer in time")


class Load:
    """Registers enterprises and records FACTS against them, one thread per group of entities."""

    def __init__(self, client: Client, threads: int, entities_per_thread: int, events_per_entity: int,
                 first: int = 0):
        self.client, self.threads, self.first = client, threads, first
        self.entities, self.events = entities_per_thread, events_per_entity
        self.planned = threads * entities_per_thread * (events_per_entity + 1)
        self.acknowledged: dict[str, set[str]] = {}
        self.failures: list[Any] = []
        self.done = 0
        self._lock = threading.Lock()

    def run(self) -> None:
        workers = [threading.Thread(target=self._drive, args=(t,)) for t in range(self.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)

    def wait_for(self, requests: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.done < requests and time.monotonic() < deadline:
            time.sleep(0.01)

    def merge(self, other: Load) -> None:
        self.acknowledged.update(other.acknowledged)
        self.failures += other.failures

    def _drive(self, thread: int) -> None:
        for e in range(self.entities):
            n = self.first + thread * self.entities + e + 1
            status, entity = self._call("POST", "/api/v1/entities", {
                "kind": "enterprise", "name": f"阳泉拓扑 {n}", "credit_code": credit_code(700_000 + n),
                "zone": "gaoxin", "entered_on": "2025-01-02"})
            if status != 201:
                continue
            with self._lock:
                self.acknowledged[entity["id"]] = set()
            for k in range(self.events):
                type_name, occurred_on, data = FACTS[k % len(FACTS)]
                data = of_round(type_name, data, k // len(FACTS))
                status, body = self._call("POST", f"/api/v1/entities/{entity['id']}/events",
                                          {"type": type_name, "occurred_on": occurred_on, "data": data})
                if status == 201:
                    with self._lock:
                        self.acknowledged[entity["id"]].add(body["event_id"])

    def _call(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        try:
            status, answer = self.client.call(method, path, body)
        except OSError as exc:
            status, answer = 0, repr(exc)
        with self._lock:
            self.done += 1
            if status != 201:
                self.failures.append((path, status, answer))
        return status, answer
