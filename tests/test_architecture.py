"""The layers of STYLE.md, checked by parsing every module's imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Lower layers never import higher ones.
LAYERS = [
    "core",
    "push",
    "clock",
    "extensions",
    "config",
    "logs",
    "models",
    "queries",
    "services",
    "backup",
    "scheduler",
    "web",
    "cli",
    "gunicorn_config",
]
ALLOWED = {
    "core": {"core"},
    "clock": set(),
    "config": set(),
    "logs": set(),  # standard library only, so every process can log the same way
    "gunicorn_config": {"config"},  # read by gunicorn alone (make run), imported by no one
    "extensions": set(),
    "models": {"models", "extensions", "core"},
    "queries": {"models", "extensions", "core"},
    "services": {"services", "queries", "models", "core", "push"},
    "push": set(),  # a leaf: see test_push_is_a_leaf
    "backup": {"config", "extensions"},  # the database file or pg_dump, nothing of the app
    "scheduler": {"services", "queries", "models", "core", "extensions", "clock", "push", "logs"}
    | {"backup"},
    "web": {"web", "services", "models", "core", "extensions", "clock", "config", "logs", "push"},
    "cli": {"services", "queries", "models", "core", "extensions", "clock", "push", "scheduler"}
    | {"logs", "backup"},
}


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return "root" if parts == ("__init__",) else parts[0]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "tracker":
                names += [f"tracker.{alias.name}" for alias in node.names]
            else:
                names.append(node.module)
    return names


def _tracker_layers(path: Path) -> set[str]:
    return {
        name.split(".")[1]
        for name in _imports(path)
        if name.startswith("tracker.") and name.count(".") >= 1
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_only(path):
    layer = _layer(path)
    if layer == "root":
        return  # create_app wires every layer together
    assert layer in ALLOWED, f"{path.name}: unknown layer {layer!r}; add it to the architecture"
    wrong = _tracker_layers(path) - ALLOWED[layer] - {layer}
    assert not wrong, f"{path.relative_to(PACKAGE)} ({layer}) must not import {sorted(wrong)}"


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "core"], ids=lambda p: p.name)
def test_core_uses_the_standard_library_only(path):
    outside = {
        name
        for name in _imports(path)
        if name.split(".")[0] not in sys.stdlib_module_names and not name.startswith("tracker.core")
    }
    assert not outside, f"tracker/core/{path.name} imports {sorted(outside)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_outermost_layer_commits(path):
    if _layer(path) in ("web", "cli", "scheduler", "root"):
        return
    assert ".commit(" not in path.read_text(), f"{path.name} commits; only callers at the edge may"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_edge_reads_the_clock(path):
    if _layer(path) in ("web", "cli", "scheduler", "clock", "root"):
        return
    text = path.read_text()
    for forbidden in ("now_utc(", "datetime.now(", "datetime.utcnow(", "date.today(", "time.time("):
        assert forbidden not in text, f"{path.name} reads the clock ({forbidden})"


@pytest.mark.parametrize(
    ("library", "owner"), [("pywebpush", "push"), ("apscheduler", "scheduler")]
)
def test_one_module_owns_each_outside_service(library, owner):
    users = {_layer(p) for p in MODULES if any(n.split(".")[0] == library for n in _imports(p))}
    assert users <= {owner}


def test_push_is_a_leaf():
    """tracker/push.py takes plain values and returns results: nothing of the app, only the
    standard library and pywebpush with its own dependencies."""
    path = PACKAGE / "push.py"
    imported = _imports(path)
    assert not [name for name in imported if name.split(".")[0] == "tracker"]
    relative = [n for n in ast.walk(ast.parse(path.read_text())) if getattr(n, "level", 0)]
    assert not relative, "tracker/push.py imports from its own package"
    outside = {name.split(".")[0] for name in imported} - set(sys.stdlib_module_names)
    assert outside <= {"pywebpush", "py_vapid", "requests", "urllib3"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "models").glob("*.py")), ids=lambda p: p.name)
def test_models_never_touch_the_session(path):
    text = path.read_text()
    assert "db.session" not in text and "Model.query" not in text


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_files_stay_small(path):
    lines = len(path.read_text().splitlines())
    assert lines <= 300, f"{path.relative_to(PACKAGE)} has {lines} lines; split it by feature"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_stay_short(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    functions = (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    long = {f.name: f.end_lineno - f.lineno + 1 for f in functions}
    long = {name: lines for name, lines in long.items() if lines > 50}
    assert not long, f"{path.relative_to(PACKAGE)}: functions over 50 lines {long}"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _wing(path: Path) -> str | None:
    """The wing of tracker/web a module is in: http, pages, api or schemas (None outside)."""
    parts = path.relative_to(PACKAGE).parts
    return parts[1] if parts[0] == "web" and len(parts) > 2 else None


WEB_WINGS = {
    "http": {"http", "schemas"},  # shared plumbing: neither the pages nor the API
    "pages": {"http", "schemas", "pages"},
    "api": {"http", "schemas", "api"},
    "schemas": {"schemas"},
}


@pytest.mark.parametrize(
    "path", [p for p in MODULES if _wing(p)], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_web_wings_keep_apart(path):
    """The pages and the API never import each other; the shared plumbing imports neither."""
    wing = _wing(path)
    used = {
        name.split(".")[2]
        for name in _imports(path)
        if name.startswith("tracker.web.") and name.count(".") >= 2
    }
    assert wing in WEB_WINGS, f"unknown wing {wing!r} of tracker/web"
    wrong = used - WEB_WINGS[wing]
    assert not wrong, f"{path.relative_to(PACKAGE)} ({wing}) must not import {sorted(wrong)}"


def _graph() -> dict[str, set[str]]:
    """Which tracker module imports which (a `from package import module` names the module)."""
    modules = {_module_name(p): p for p in MODULES}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                base = node.module
                if node.level:  # relative: from the module's own package
                    package = name.split(".")[: -node.level + (path.name == "__init__.py") or None]
                    base = ".".join([*package, node.module])
                for alias in node.names:  # a submodule, or a name defined in `base`
                    module = f"{base}.{alias.name}"
                    targets.add(module if module in modules else base)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def test_no_import_cycle_anywhere():
    """No module reaches itself through its imports (TYPE_CHECKING imports count too): a
    cycle means two modules are one, or a fact lives in the wrong one."""
    graph, cycles = _graph(), []
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                walk(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    # A package importing its own submodules to register them is not a cycle of meaning.
    cycles = [c for c in cycles if not any(all(m.startswith(p) for m in c) for p in c)]
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_nothing_imports_the_gunicorn_settings():
    """gunicorn reads them (make run); inside the app they would mean a second configuration."""
    users = [p for p in MODULES if "tracker.gunicorn_config" in _imports(p)]
    assert not users


def test_logs_use_the_standard_library_only():
    outside = {
        n for n in _imports(PACKAGE / "logs.py") if n.split(".")[0] not in sys.stdlib_module_names
    }
    assert not outside
