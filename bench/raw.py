"""The raw library's rates, measured in the same run as the registry's, as the yardsticks."""

from __future__ import annotations

import random
import time
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import JSONTranscoder

from registry.transcodings import DateAsISO
from storage.database import persistence_env, prepare_storage


class Tally(Aggregate):
    @event("Started")
    def __init__(self) -> None:
        self.n = 0

    @event("Bumped")
    def bump(self) -> None:
        self.n += 1


class RawApp(Application[UUID]):
    """A bare eventsourcing application: no registry, no policy, no HTTP."""


class RawReader(Application[UUID]):
    """The library reading the registry's store as it comes: its own JSON transcoder, with only
    the one transcoding the registry's events need (dates) added."""

    name = "Registry"  # the registry's tables

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())


def save_rate(url: str, events: int = 3000) -> float:
    """Per-event `Application.save`: one event, one transaction, in one thread."""
    env = persistence_env(url)
    prepare_storage(env)
    app = RawApp(env)
    try:
        tallies = [Tally() for _ in range(50)]
        app.save(*tallies)
        started = time.perf_counter()
        for i in range(events):
            tally = tallies[i % len(tallies)]
            tally.bump()
            app.save(tally)
        return events / (time.perf_counter() - started)
    finally:
        app.close()


def get_rate(url: str, ids: list[UUID], gets: int = 3000, seed: int = 7) -> float:
    """`repository.get` of random entities on a fresh application (nothing cached)."""
    reader = RawReader(persistence_env(url, create_table=False))
    rng = random.Random(seed)
    try:
        started = time.perf_counter()
        for _ in range(gets):
            reader.repository.get(rng.choice(ids))
        return gets / (time.perf_counter() - started)
    finally:
        reader.close()


def decode_rate(url: str, limit: int = 1_000_000, batch: int = 1000) -> float:
    """Reading and decoding the notification log, in batches, by the library as it comes."""
    reader = RawReader(persistence_env(url, create_table=False))
    start, count = 0, 0
    try:
        started = time.perf_counter()
        while count < limit:
            notifications = reader.recorder.select_notifications(start=start, limit=batch,
                                                                  inclusive_of_start=False)
            if not notifications:
                break
            for n in notifications:
                reader.mapper.to_domain_event(n)
            count += len(notifications)
            start = notifications[-1].id
        return count / (time.perf_counter() - started)
    finally:
        reader.close()
