"""The package's shape: wings import only downwards, no module imports itself back, and only
the dashboard's wing imports Streamlit. A new upward import or cycle fails here, with the
line to look at."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pimpa_data"

# A wing may import its own modules and those of lower ranks; wings of one rank are siblings
# and never import each other. The dashboard (app) stands above the command line: it answers
# the CLI's requests while it holds the database.
RANKS = {"core": 0, "ingest": 1, "measures": 1, "access": 1, "sample": 2, "export": 2, "warehouse": 2, "report": 2,
         "cli": 3, "app": 4}
TOP = 5  # pimpa_data/__init__.py and __main__.py stand above every wing
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every pimpa_data import, at the top of the file or inside a function."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = _resolve(package, node.module, node.level)
            found += [(node.lineno, base)]
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names if f"{base}.{a.name}" in modules()]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name.startswith("pimpa_data")]


def _resolve(package: str, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    parts = package.split(".")[: len(package.split(".")) - (level - 1)]
    return ".".join([*parts, module] if module else parts)


def wing(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


def rank(name: str) -> int:
    return RANKS[w] if (w := wing(name)) else TOP


def edges() -> list[tuple[str, int, str]]:
    known = modules()
    return [(source, line, target) for source, path in known.items()
            for line, target in imported(path) if target in known and target != source]


def test_every_module_sits_in_a_wing() -> None:
    loose = [name for name in modules() if wing(name) is None and name not in {"pimpa_data", "pimpa_data.__main__"}]
    assert not loose, f"modules outside a wing (move them into one of {sorted(RANKS)}): {loose}"


def test_wings_import_only_downwards() -> None:
    upward = [
        f"{source} line {line} imports {target}"
        for source, line, target in edges()
        if wing(source) != wing(target) and rank(target) >= rank(source)
    ]
    assert not upward, "imports that point up or sideways:\n" + "\n".join(upward)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for source, _, target in edges():
        if not target.startswith(source + "."):  # a package importing its own modules is no cycle
            graph.setdefault(source, set()).add(target)
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*trail[trail.index(nxt):], nxt] if nxt in trail else [*trail, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, nxt])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_only_the_dashboard_wing_imports_streamlit() -> None:
    users = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if wing(name) != "app" and any(n.split(".")[0] == "streamlit" for n in names):
                users.append(name)
    assert not users, f"Streamlit imported outside pimpa_data/app: {users}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_stay_small(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by job (at most {MAX_LINES})"


def test_the_checks_see_a_real_upward_import(tmp_path: Path) -> None:
    """The walker resolves relative imports: `from ..app import ui` in core is seen as core -> app."""
    fake = PACKAGE / "core" / "units.py"
    found = dict((t, line) for line, t in imported(fake))
    assert "pimpa_data.core.errors" in found
    assert _resolve("pimpa_data.core", "app.ui", 2) == "pimpa_data.app.ui"
    assert _find_cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


@pytest.mark.parametrize("name", sorted(__import__("pimpa_data").PUBLIC))
def test_public_names_import_from_the_package_top(name: str) -> None:
    import pimpa_data

    assert getattr(pimpa_data, name).__name__ == name
    assert f"`{name}" in (PACKAGE.parent / "docs" / "storage.md").read_text(encoding="utf-8")
