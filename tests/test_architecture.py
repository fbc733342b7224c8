"""The package's import graph: no cycles, and generic modules never name a step.

Layers, from the top: notebooks -> steps -> workspace; pipeline -> report -> results.
Every import counts, also one inside a function or under TYPE_CHECKING (see
bench/import_graph.py, which prints the figures).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[1] / "bench" / "import_graph.py"
_spec = importlib.util.spec_from_file_location("import_graph", BENCH)
graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(graph)

PKG = "social_strategy"
MODULES = graph.module_graph()

#: parts that know nothing of the method's steps
GENERIC = ("results", "charts", "report", "workspace", "i18n", "errors", "paths", "kernels")
#: parts that may read the step registry (``steps`` itself, ``steps.base``), never a step
REGISTRY_ONLY = ("pipeline", "reuse", "batch")
REGISTRY = {f"{PKG}.steps", f"{PKG}.steps.base"}
#: what the steps never import
ABOVE_STEPS = ("report", "pipeline", "forms", "cli", "batch", "workshop", "notebook")


def _in(module: str, part: str) -> bool:
    return module == f"{PKG}.{part}" or module.startswith(f"{PKG}.{part}.")


def _imports_from(parts: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (source, target)
        for source, targets in sorted(MODULES.items())
        if any(_in(source, p) for p in parts)
        for target in sorted(targets)
    ]


def test_the_graph_sees_the_package():
    assert len(MODULES) > 50
    assert f"{PKG}.steps.audience.chapter" in MODULES
    # relative, absolute and in-function imports are all seen
    assert f"{PKG}.steps.audience.charts" in MODULES[f"{PKG}.steps.audience.channels_section"]
    assert f"{PKG}.charts" in MODULES[f"{PKG}.results"]  # imported inside a function


def test_the_graph_finds_a_planted_cycle(tmp_path):
    pkg = tmp_path / PKG
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import a\n")
    planted = graph.figures(pkg)
    assert planted["cycles"] == [["a", "sub"]]
    assert len(planted["upward"]) == 1


def test_no_import_cycles():
    figures = graph.figures()
    assert figures["cycles"] == [], figures["cycles"]
    assert figures["upward"] == [], figures["upward"]
    assert figures["module_cycles"] == [], figures["module_cycles"]


@pytest.mark.parametrize("part", GENERIC)
def test_generic_modules_never_import_steps(part):
    bad = [(s, t) for s, t in _imports_from((part,)) if _in(t, "steps")]
    assert not bad, f"{part} imports a step: {bad}"


def test_pipeline_reads_only_the_step_registry():
    bad = [(s, t) for s, t in _imports_from(REGISTRY_ONLY) if _in(t, "steps") and t not in REGISTRY]
    assert not bad, bad


def test_steps_never_import_what_sits_above_them():
    bad = [(s, t) for s, t in _imports_from(("steps",)) if any(_in(t, p) for p in ABOVE_STEPS)]
    assert not bad, bad


STEPS_DIR = Path(__file__).parents[1] / "src" / PKG / "steps"
#: a chapter module is read whole: past this it holds more than one job
CHAPTER_LINES = 400


def test_chapters_are_short_and_build_tables_with_the_one_helper():
    chapters = [*STEPS_DIR.glob("*/chapter.py"), *STEPS_DIR.glob("*/*_section.py")]
    assert len(chapters) >= 20  # every step package: its chapter and its sections
    long = {
        p.relative_to(STEPS_DIR).as_posix(): n
        for p in chapters
        if (n := len(p.read_text(encoding="utf-8").splitlines())) >= CHAPTER_LINES
    }
    assert not long, f"chapter modules of {CHAPTER_LINES} lines or more: {long}"
    literals = [
        p.relative_to(STEPS_DIR).as_posix()
        for p in STEPS_DIR.rglob("*.py")
        if re.search(r"\bTable\(", p.read_text(encoding="utf-8"))
    ]
    assert not literals, f"tables built without results.table: {literals}"
