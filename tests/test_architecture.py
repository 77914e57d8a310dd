"""The layout rules of docs/architecture.md, checked on the source (no module is imported).

- no import cycle among ``sola_studio`` modules, counting imports at any level (inside
  functions too: a lazy import only hides a cycle) except under ``if TYPE_CHECKING:``;
- no module of code above 800 lines (data files aside);
- Qt (PySide6) only under ``sola_studio/ui/``;
- the caption flow does not import the comment flow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "sola_studio"
MAX_LINES = 800


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules(root: Path) -> dict[str, Path]:
    return {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST, *, type_checking: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement at any depth below ``node``; those under ``if TYPE_CHECKING:``
    only when ``type_checking`` (the ``else:`` branch always counts)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in (child.body if type_checking else []) + child.orelse:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    yield stmt
                else:
                    yield from _imports(stmt, type_checking=type_checking)
        else:
            yield from _imports(child, type_checking=type_checking)


def _imported_names(
    node: ast.Import | ast.ImportFrom, module: str, is_package: bool
) -> Iterator[str]:
    """Dotted names a statement imports (``from a import b`` gives ``a.b`` and ``a``; the
    caller keeps whichever is a module)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module or ""
    yield prefix
    for alias in node.names:
        yield f"{prefix}.{alias.name}"


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports (at runtime, at any depth)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets: set[str] = set()
        for node in _imports(tree, type_checking=False):
            names = list(_imported_names(node, name, path.name == "__init__.py"))
            if isinstance(node, ast.ImportFrom):
                # ``from a import b``: the submodule a.b when there is one, else the module a
                submodules = [n for n in names[1:] if n in modules]
                targets.update(submodules or [n for n in names[:1] if n in modules])
            else:
                targets.update(n for n in names if n in modules)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _one_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One concrete loop through a component, for the failure message."""
    members = set(component)
    path = [component[0]]
    seen = {component[0]}
    while True:
        step = sorted(graph[path[-1]] & members)
        back = [w for w in step if w in seen]
        if back:
            return [*path[path.index(back[0]) :], back[0]]
        nxt = step[0]
        path.append(nxt)
        seen.add(nxt)


def test_the_checker_finds_a_planted_cycle_and_ignores_type_checking(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub.b import B\n")
    (pkg / "a.py").write_text("def f():\n    from pkg.sub import b\n")  # lazy: still counts
    (pkg / "sub" / "b.py").write_text("from .. import a\nB = 1\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n"
    )
    (pkg / "d.py").write_text("import pkg.c\n")
    graph = import_graph(pkg)
    assert graph["pkg.c"] == set() and graph["pkg.d"] == {"pkg.c"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


def test_no_import_cycle_among_modules() -> None:
    graph = import_graph(PACKAGE)
    loops = [" -> ".join(_one_cycle(graph, c)) for c in cycles(graph)]
    assert not loops, "import cycles:\n" + "\n".join(loops)


def test_no_module_above_800_lines() -> None:
    long = {
        str(p.relative_to(REPO_ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules above {MAX_LINES} lines (split them): {long}"


@pytest.mark.parametrize(
    ("importer", "forbidden", "allowed_under"),
    [
        ("sola_studio", ("PySide6", "shiboken6"), "sola_studio.ui"),
        ("sola_studio.captions", ("sola_studio.comments",), None),
    ],
)
def test_forbidden_imports(
    importer: str, forbidden: tuple[str, ...], allowed_under: str | None
) -> None:
    offenders = []
    for name, path in _modules(PACKAGE).items():
        if not (name == importer or name.startswith(importer + ".")):
            continue
        if allowed_under and (name == allowed_under or name.startswith(allowed_under + ".")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _imports(tree, type_checking=True):
            for target in _imported_names(node, name, path.name == "__init__.py"):
                if any(target == f or target.startswith(f + ".") for f in forbidden):
                    offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} {target}")
                    break
    assert not offenders, f"{importer} must not import {forbidden}:\n" + "\n".join(offenders)
