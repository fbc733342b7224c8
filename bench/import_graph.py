"""The package's import graph, part by part: layers, imports that run upwards, cycles.

A part is a top-level module or subpackage of `social_strategy` (`results`, `workspace`,
`steps`, ...). Every import counts, also one inside a function or under TYPE_CHECKING: each
names the other part. Run `python bench/import_graph.py` (add `--modules` for the
module-level graph, `--edges` to list the part-to-part imports).

- cycles: the elementary cycles of the part graph;
- upward imports: the fewest part-to-part imports to drop so that no cycle is left
  (found greedily, Eades-Lin-Smyth), i.e. imports that run from a lower layer up;
- layers: the longest import chain once those are dropped.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = "social_strategy"
SRC = Path(__file__).resolve().parents[1] / "src" / PACKAGE


def module_name(path: Path, src: Path = SRC) -> str:
    rel = path.relative_to(src.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, src: Path = SRC) -> set[str]:
    """The `social_strategy` modules one file imports (absolute names)."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            # `from . import x` / `from .steps import audience`: the submodule if it is one,
            # else the name comes from the package itself
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if (src.parent / Path(*sub.split("."))).is_dir() or (
                    src.parent / (Path(*sub.split(".")).as_posix() + ".py")
                ).is_file():
                    found.add(sub)
                else:
                    found.add(target)
    found.discard(name)
    return found


def module_graph(src: Path = SRC) -> dict[str, set[str]]:
    return {module_name(p, src): imports_of(p, src) for p in sorted(src.rglob("*.py"))}


def part(module: str) -> str | None:
    bits = module.split(".")
    return bits[1] if len(bits) > 1 else None


def part_graph(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for source, targets in modules.items():
        a = part(source)
        if a is None:
            continue
        graph[a]
        for t in targets:
            b = part(t)
            if b is not None and b != a:
                graph[a].add(b)
    return dict(graph)


def simple_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle, each once, starting at its smallest node."""
    cycles: list[list[str]] = []
    nodes = sorted(graph)
    for start in nodes:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    cycles.append(path)
                elif nxt > start and nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return cycles


def feedback_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """A small set of edges whose removal leaves no cycle (Eades-Lin-Smyth ordering)."""
    g = {n: set(t) for n, t in graph.items()}
    for targets in list(g.values()):
        for t in targets:
            g.setdefault(t, set())
    rev: dict[str, set[str]] = defaultdict(set)
    for a, targets in g.items():
        for b in targets:
            rev[b].add(a)
    left, right = [], []
    alive = set(g)
    while alive:
        changed = True
        while changed:
            changed = False
            for n in sorted(alive):
                if not (g[n] & alive):  # imports nothing left: lowest layer
                    right.insert(0, n)
                    alive.discard(n)
                    changed = True
                elif not (rev[n] & alive):  # imported by nothing left: top layer
                    left.append(n)
                    alive.discard(n)
                    changed = True
        if alive:
            n = max(sorted(alive), key=lambda m: len(rev[m] & alive) - len(g[m] & alive))
            right.insert(0, n)
            alive.discard(n)
    order = {n: i for i, n in enumerate(left + right)}
    # an import should run to a part later in the order (importer above imported)
    return {(a, b) for a, targets in g.items() for b in targets if order[b] < order[a]}


def layers(graph: dict[str, set[str]], dropped: set[tuple[str, str]]) -> dict[str, int]:
    depth: dict[str, int] = {}

    def level(n: str, seen: tuple[str, ...] = ()) -> int:
        if n in depth:
            return depth[n]
        below = [t for t in graph.get(n, ()) if (n, t) not in dropped and t not in seen]
        depth[n] = 1 + max((level(t, (*seen, n)) for t in below), default=0)
        return depth[n]

    for n in graph:
        level(n)
    return depth


def figures(src: Path = SRC) -> dict[str, object]:
    modules = module_graph(src)
    parts = part_graph(modules)
    dropped = feedback_edges(parts)
    depth = layers(parts, dropped)
    return {
        "parts": len(parts),
        "layers": max(depth.values(), default=0),
        "upward": sorted(dropped),
        "cycles": simple_cycles(parts),
        "module_cycles": simple_cycles(modules),
        "depth": depth,
        "graph": parts,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edges", action="store_true", help="list the part-to-part imports")
    ap.add_argument("--src", type=Path, default=SRC, help="the package folder")
    args = ap.parse_args(argv)
    f = figures(args.src)
    print(f"parts: {f['parts']}")
    print(f"layers: {f['layers']}")
    print(f"upward imports: {len(f['upward'])}")
    for a, b in f["upward"]:
        print(f"  {a} -> {b}")
    print(f"cycles: {len(f['cycles'])}")
    for c in f["cycles"]:
        print("  " + " -> ".join([*c, c[0]]))
    print(f"module-level cycles: {len(f['module_cycles'])}")
    by_layer: dict[int, list[str]] = defaultdict(list)
    for n, d in f["depth"].items():
        by_layer[d].append(n)
    for d in sorted(by_layer, reverse=True):
        print(f"  layer {d}: {', '.join(sorted(by_layer[d]))}")
    if args.edges:
        for a in sorted(f["graph"]):
            print(f"{a} -> {', '.join(sorted(f['graph'][a]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
