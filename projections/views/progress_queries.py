"""How the projector is doing, as the read model keeps it: the events it set aside and its
heartbeat (what /ready and `jcg projections rebuild` report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from projections.views import tables


class ProgressQueries:
    """Mixed into ReadModelQueries (it provides `datastore`, `sql` and `run`)."""

    datastore: Any
    sql: Callable[..., str]
    run: Callable[..., None]

    def isolated(self, cursor: Any, write: Callable[[], None],
                 blame: Callable[[BaseException], bool]) -> None:
        """`write` in a savepoint of the transaction: undone alone, and forgiven, when `blame`
        takes the error on (it quarantined the events behind it); any other error is raised."""
        cursor.execute("SAVEPOINT jcg_rows")
        try:
            write()
        except Exception as exc:
            if not blame(exc):
                raise
            cursor.execute("ROLLBACK TO SAVEPOINT jcg_rows")
        cursor.execute("RELEASE SAVEPOINT jcg_rows")

    def quarantined(self) -> list[dict[str, Any]]:
        """Every event set aside, in log order."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_QUARANTINE))
            return [dict(r) for r in cursor.fetchall()]

    def quarantine_count(self) -> int:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.COUNT_QUARANTINE))
            return int(dict(cursor.fetchone())["n"])

    def heartbeat(self, name: str) -> dict[str, Any] | None:
        """The projector's last beat: {beat_at, position, progressed_at}; None before the first."""
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(self.sql(tables.SELECT_HEARTBEAT), {"name": name})
            row = cursor.fetchone()
        return None if row is None else dict(row)

    def beat(self, name: str, now: str, position: int, caught_up: bool) -> None:
        """A loop of the long-running projector, at `now` (UTC ISO text, the registry's clock)."""
        with self.datastore.transaction(commit=True) as cursor:
            self.run(cursor, tables.BEAT, {"name": name, "now": now, "position": position,
                                           "caught_up": 1 if caught_up else 0})
