"""Every module says what it offers (``__all__``), and no module borrows another's private
names (as httpx checks its public surface). Read from the source, nothing is imported."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "social_strategy"
MODULES = sorted(SRC.rglob("*.py"))


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _declared(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, (list, tuple)), "__all__ is a list of names"
            return list(value)
    return None


def _top_level(body: list[ast.stmt], defined: set[str], imported: set[str]) -> None:
    """Names a module's own top-level statements define, and the names it imports."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for n in ast.walk(target):
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                        defined.add(n.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "TYPE_CHECKING" in test or "__name__" in test:
                continue
            _top_level(node.body + node.orelse, defined, imported)
        elif isinstance(node, ast.Try):
            handlers = [s for h in node.handlers for s in h.body]
            _top_level(node.body + handlers + node.orelse + node.finalbody, defined, imported)


def _public(name: str) -> bool:
    return not name.startswith("_") and name != "TYPE_CHECKING"


@pytest.mark.parametrize("path", MODULES, ids=[_module(p) for p in MODULES])
def test_module_declares_its_public_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = _declared(tree)
    assert declared is not None, f"{_module(path)} has no __all__"
    defined: set[str] = set()
    imported: set[str] = set()
    _top_level(tree.body, defined, imported)
    defined.discard("__all__")
    missing = sorted(n for n in defined if _public(n) and n not in declared)
    assert not missing, f"{_module(path)}: public but not in __all__: {missing}"
    unknown = sorted(n for n in declared if n not in defined | imported)
    assert not unknown, f"{_module(path)}: in __all__ but not defined or imported: {unknown}"
    assert len(declared) == len(set(declared)), f"{_module(path)}: a name twice in __all__"


def test_no_private_name_is_imported_from_another_module():
    borrowed = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module != "__future__":
                own = node.level > 0 or (node.module or "").startswith("social_strategy")
                borrowed += [
                    f"{_module(path)}: {a.name} from {'.' * node.level}{node.module or ''}"
                    for a in node.names
                    if own and a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert not borrowed, borrowed


def test_the_checks_find_what_they_look_for():
    tree = ast.parse("import os\nfrom x import y\nA = 1\n_b = 2\ndef f(): pass\n__all__ = ['A']\n")
    defined: set[str] = set()
    imported: set[str] = set()
    _top_level(tree.body, defined, imported)
    assert defined == {"A", "_b", "f", "__all__"} and imported == {"os", "y"}
    assert _declared(tree) == ["A"]
    assert sorted(n for n in defined if _public(n) and n not in _declared(tree)) == ["f"]
