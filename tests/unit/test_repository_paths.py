"""The project stands on its own: the policy's documents are inside it, and no file names a path
of the machine it was written on (issue 22: "no absolute paths anywhere in the project")."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_THE_PROJECTS = {".git", ".venv", "var", "__pycache__", ".ruff_cache", ".pytest_cache", ".hypothesis",
                    "build", "out"}
MACHINE_PATH = re.compile(r"(?<![\w.])/(?:work|home|root|tmp)/")


def project_files() -> list[Path]:
    return [p for p in ROOT.rglob("*") if p.is_file() and not NOT_THE_PROJECTS & set(p.relative_to(ROOT).parts)
            and not p.name.endswith(".egg-info") and ".egg-info" not in str(p)]


def test_no_file_names_a_path_of_this_machine() -> None:
    found = []
    for path in project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                  if MACHINE_PATH.search(line)]
    assert found == []


def test_the_policy_text_and_its_reading_are_in_the_project_and_linked() -> None:
    policy = ROOT / "docs" / "policy"
    text = (policy / "yangzhengfa-2024-15.zh.txt").read_text(encoding="utf-8")
    assert "阳政发〔2024〕15号" in text or "晋创谷" in text
    assert "yangzhengfa-2024-15.zh.txt" in (policy / "README.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/policy/yangzhengfa-2024-15.zh.txt" in readme and "docs/policy/README.md" in readme
    for data in (ROOT / "projections" / "policy" / "versions").glob("*.toml"):
        assert "docs/policy/README.md" in data.read_text(encoding="utf-8"), data
