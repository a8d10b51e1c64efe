"""The layers hold: api and jobs -> projections -> storage -> registry -> contract -> i18n, and
nothing of the web or the scheduler leaks downwards. Read from the source with `ast`, so an import inside a
function counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_AND_SCHEDULER = {"flask", "marshmallow", "flask_smorest", "webargs", "flask_httpauth",
                     "flask_swagger_ui", "flask_babel", "apscheduler"}

RULES = {
    "registry": WEB_AND_SCHEDULER | {"storage", "projections", "spreadsheets", "api", "console", "jobs", "cli"},
    # The store's settings and its backups read the registry's events; the registry knows none.
    "storage": WEB_AND_SCHEDULER | {"projections", "spreadsheets", "api", "console", "jobs", "cli"},
    "projections": WEB_AND_SCHEDULER | {"api", "console", "jobs", "cli"},
    # A workbook speaks the contract (its facts, fields and vocabularies), not the store.
    "spreadsheets": WEB_AND_SCHEDULER | {"registry", "storage", "projections", "api", "console", "jobs", "cli"},
    # The contract's vocabulary, which every layer above speaks: it knows only the messages.
    "contract": WEB_AND_SCHEDULER | {"registry", "storage", "projections", "api", "console", "jobs", "cli",
                                     "spreadsheets"},
    "api": {"jobs", "cli"},
    # The console's pages call the API's services (api.wired), never the jobs or the commands.
    "console": {"jobs", "cli"},
    "jobs": {"api", "cli"},
    # Messages are data below the edge: i18n renders them and knows nothing of who asks.
    "i18n": WEB_AND_SCHEDULER | {"contract", "registry", "storage", "projections", "spreadsheets", "api",
                                 "console", "jobs", "cli"},
}


def imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level names each module of the package imports, keyed by the module's path."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                # A relative import stays inside its own package.
                names.add(package if node.level else (node.module or "").split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_nothing_from_the_layers_above_it(package: str) -> None:
    breaches = {module: sorted(names & RULES[package])
                for module, names in imported_packages(package).items() if names & RULES[package]}
    assert breaches == {}


def test_the_import_scan_sees_imports_inside_functions() -> None:
    # The wiring imports the policy engine lazily; a scan that missed it would pass anything.
    assert "registry" in imported_packages("projections")["projections/wiring.py"]
    assert "psycopg" in imported_packages("storage")["storage/database.py"]
