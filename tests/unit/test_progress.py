"""Progress bars show in a terminal and stay out of logs, pipes and CI output."""

from __future__ import annotations

import io

from cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_a_terminal_and_ends_full():
    screen = Terminal()
    with Progress(200, "Rebuilding", screen) as bar:
        bar.advance(50)
        bar.update(200)
    assert screen.getvalue().endswith("Rebuilding [" + "#" * 30 + "] 100% 200/200\n")


def test_nothing_is_written_when_output_is_not_a_terminal():
    piped = io.StringIO()
    with Progress(10, "Restoring events", piped) as bar:
        bar.advance(10)
    assert piped.getvalue() == ""
