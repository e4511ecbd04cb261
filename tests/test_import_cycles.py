"""No import cycle in `bot/`: the layers import downwards only (the client loads the extensions, the extensions
may name the client's type; the wording takes an Answer, the Answer knows nothing of its wording).

Imports under `if TYPE_CHECKING:` and inside functions count as edges too: they are not cycles at run time,
but they are the same dependency, so a layer that names another only "for typing" still leans on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "bot"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of `known` that a module's code imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            # `from a import b` imports the module a.b when there is one, else a name of module a.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            # `import a.b.c` depends on a.b.c; the nearest module we know, when it names something inside one.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}
    known = set(files)
    return {name: imported(ast.parse(path.read_text(encoding="utf-8"), str(path)), name,
                           path.name == "__init__.py", known)
            for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle, as the modules along it (the first repeated at the end), or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return [*path[path.index(nxt):], nxt]
            if nxt not in done:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def test_bot_has_no_import_cycle() -> None:
    graph = import_graph(ROOT, PACKAGE)
    assert len(graph) > 50 and graph["bot.client"], "the walk read the package"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_cycle_is_found_and_printed(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("from pkg.sub import b\n")
    (tmp_path / "pkg" / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\n")
    (tmp_path / "pkg" / "c.py").write_text("def f():\n    import pkg.a\n")
    (tmp_path / "pkg" / "d.py").write_text("from pkg import a, c\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.d"] == {"pkg.a", "pkg.c"}
    assert find_cycle(graph) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]
    graph["pkg.c"].clear()
    assert find_cycle(graph) is None


FORBIDDEN_IN_DOMAIN = ("discord", "sqlalchemy", "sqlmodel", "alembic", "psycopg", "matplotlib", "bot.store",
                       "bot.exts", "bot.client", "bot.console", "bot.config", "bot.charts", "bot.incident_map")


def outside_imports(path: Path) -> set[str]:
    """The absolute module names a file imports (relative imports stay inside its package)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
    return names


def test_the_domain_imports_no_discord_sql_or_front_end() -> None:
    leaks = {f"{path.relative_to(ROOT)} imports {name}"
             for path in sorted((ROOT / PACKAGE / "domain").rglob("*.py")) for name in outside_imports(path)
             if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_DOMAIN)}
    assert not leaks, sorted(leaks)


def test_a_leak_into_the_domain_would_be_seen(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("import discord.ui\nfrom bot.store.tables import FigureRow\nfrom .sibling import x\n")
    assert outside_imports(leaky) == {"discord.ui", "bot.store.tables"}
