"""The product uses its libraries through their public names only (issue 18): no `_name`
imported from a library, and no `_name` read off anything but the object's own `self` or
`cls`. Read from the source with `ast`, so a type annotation counts as much as a call."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Every package of the product, found rather than listed, so a new one is scanned too.
PRODUCT = tuple(sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name not in ("tests", "bench")))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str) -> list[str]:
    """Each private name the source takes from elsewhere, as `line: name`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] not in PRODUCT:
            found += [f"{node.lineno}: {node.module}.{a.name}" for a in node.names if private(a.name)]
        elif isinstance(node, ast.Attribute) and private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_product_module_uses_a_private_name_of_another() -> None:
    assert {"api", "contract", "console", "projections", "registry", "storage"} <= set(PRODUCT)
    found = {}
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            uses = private_uses(path.read_text(encoding="utf-8"))
            if uses:
                found[str(path.relative_to(ROOT))] = uses
    assert found == {}


def test_the_scan_sees_private_names_in_annotations_imports_and_calls() -> None:
    source = ("import argparse\n"
              "from eventsourcing.persistence import _decode_obj\n"
              "def add(commands: argparse._SubParsersAction) -> None:\n"
              "    app._record(1)\n"
              "    self._own = super()._take_snapshots()\n"
              "    return commands.__class__\n")
    assert private_uses(source) == ["2: eventsourcing.persistence._decode_obj",
                                    "3: argparse._SubParsersAction", "4: app._record",
                                    "5: super()._take_snapshots"]
