"""A progress bar for long commands, drawn only when stdout is a terminal (quiet in logs and CI)."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

WIDTH = 30


class Progress:
    """`with Progress(total, "Rebuilding") as bar: bar.advance(n)`; silent when not on a TTY."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None):
        self.total, self.label, self.done = max(total, 0), label, 0
        self.stream = stream or sys.stdout
        self.enabled = self.stream.isatty()
        self._drawn_at = 0.0

    def __enter__(self) -> Progress:
        self._draw(force=True)
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def update(self, done: int) -> None:
        """Set how much is done, for callers that count cumulatively."""
        self.done = done
        self._draw()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        # Redrawing more than ~10 times a second only slows the work down.
        if not self.enabled or (not force and now - self._drawn_at < 0.1):
            return
        self._drawn_at = now
        share = min(self.done / self.total, 1.0) if self.total else 1.0
        filled = int(share * WIDTH)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                          f"{share:4.0%} {self.done}/{self.total}")
        self.stream.flush()
