"""Without a browser, `make test` (one test process per core) skips the browser tests and says
why in a line at the end of the run, rather than passing over them in silence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_run_in_several_processes_without_a_browser_says_the_browser_tests_were_skipped():
    env = {k: v for k, v in os.environ.items()  # not this run's xdist worker, nor its CI settings
           if not k.startswith("PYTEST_") and k not in ("JCG_BROWSER_TESTS_REQUIRED", "JCG_TEST_POSTGRES_URL")}
    env["JCG_CHROMIUM"] = str(ROOT / "no-such-chromium")
    # Run on `tests`, as make test is, so that the process writing the summary loads no browser
    # conftest; the other tiers are left out, since collecting them was most of the test's time.
    others = [f"--ignore={tier.relative_to(ROOT)}" for tier in sorted((ROOT / "tests").iterdir())
              if tier.is_dir() and tier.name not in ("browser", "__pycache__")]
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", *others,
                          "-k", "test_the_policy_page_reads_its_figures_as_the_policy_does", "tests"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "1 skipped" in run.stdout
    assert f"browser tests skipped: no chromium at {ROOT / 'no-such-chromium'}" in run.stdout
