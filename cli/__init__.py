"""The `jcg` command: the composition root that wires the API, the jobs and the projections."""

from __future__ import annotations

import argparse
from typing import Any, Protocol


class Commands(Protocol):
    """What `ArgumentParser.add_subparsers` returns, as each command module adds its parser to
    it (argparse names that class only privately)."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...
