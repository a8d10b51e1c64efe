"""Whether the browser tests can run here: read by their conftest, which skips or fails them,
and by the root conftest, which says so at the end of the run (under pytest-xdist the run's
summary is written by a process that never loads the browser tests' conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REQUIRED = os.environ.get("JCG_BROWSER_TESTS_REQUIRED") == "1"
# Debian's chromium, or the one JCG_CHROMIUM names.
CHROMIUM = os.environ.get("JCG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def why_not() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None
