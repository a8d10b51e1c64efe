"""The PostgreSQL driver runs on its C implementation: the pure-Python (ctypes) fallback that
psycopg quietly uses when no compiled one is installed made every read three times the CPU."""

from __future__ import annotations

import pytest

psycopg = pytest.importorskip("psycopg")


def test_psycopg_uses_its_compiled_implementation() -> None:
    assert psycopg.pq.__impl__ in ("binary", "c"), psycopg.pq.__impl__
