"""tracker.core's modules import each other without a cycle, type-checking imports included.

The engine's inputs (core/inputs.py) and day states (core/states.py) sit below the modules
that use them, so no module needs another's names under `TYPE_CHECKING` to break a loop.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "tracker" / "core"


def _core_imports(path: Path) -> set[str]:
    """The tracker.core modules `path` imports anywhere (inside `if TYPE_CHECKING:` too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                module = node.module
            elif node.level == 0 and (node.module or "").startswith("tracker.core."):
                module = node.module.removeprefix("tracker.core.")
            elif node.level == 0 and node.module == "tracker.core":
                found.update(alias.name for alias in node.names)
                continue
            else:
                continue
            if module:
                found.add(module.split(".")[0])
            else:  # from . import x
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("tracker.core."):
                    found.add(alias.name.removeprefix("tracker.core.").split(".")[0])
    return found


def test_core_modules_import_each_other_without_a_cycle():
    graph = {path.stem: _core_imports(path) - {path.stem} for path in CORE.glob("*.py")}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"import cycle in tracker.core: {error.args[1]}") from None


def test_the_engine_inputs_sit_below_prepare_and_streaks():
    assert _core_imports(CORE / "inputs.py") == set()
    assert "streaks" not in _core_imports(CORE / "prepare.py")
