"""Which k people to approach: influence maximisation under the independent cascade model.

A post by a seed passes along each influence edge u -> v (v interacts with u's posts) with
probability p(u, v), once. An independent cascade run is equivalent to drawing a *live-edge
graph* (each edge kept with its probability) and taking everything reachable from the
seeds; the expected spread is the mean over many such graphs (Kempe, Kleinberg & Tardos 2003).
Without measured probabilities the weighted cascade is used: p(u, v) = w(u, v) / (all weight
into v), i.e. v's attention divided among the accounts it interacts with.

- :func:`celf`: greedy selection with lazy evaluation (Leskovec et al. 2007): expected
  spread is submodular, so a candidate's gain can only shrink and most need no re-evaluation.
  Greedy is within 1 - 1/e of the best set.
- :func:`evaluate`: the chosen set and the sets it is compared with are evaluated on *fresh*
  live-edge graphs (another seed than the selection), all on the same draws, so their
  difference per draw is paired; a set is called better only when the lower end of the
  Bonferroni-corrected 95 % interval of the mean difference is above zero.

Memory is O(runs x reach), never runs x edges: each live-edge graph is drawn, used and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .graph import Graph

#: two-sided confidence of every interval reported
CONFIDENCE = 0.95


@dataclass
class Cascade:
    """The influence edges u -> v with their probabilities (kept sorted by u, so a live-edge
    graph's CSR arrays come straight from a mask)."""

    n: int
    u: np.ndarray
    v: np.ndarray
    p: np.ndarray

    def __post_init__(self) -> None:
        order = np.argsort(self.u, kind="stable")
        self.u = np.asarray(self.u, dtype=np.int32)[order]
        self.v = np.asarray(self.v, dtype=np.int32)[order]
        self.p = np.asarray(self.p, dtype=np.float64)[order]


def cascade(g: Graph, probability: float | None = None) -> Cascade:
    """Influence edges of the interaction graph: if i mentions j, j's posts reach i."""
    u, v = g.dst, g.src
    if probability is None:
        into = np.bincount(v, weights=g.weight, minlength=g.n)
        p = g.weight / into[v]
    else:
        p = np.full(u.size, float(probability))
    return Cascade(g.n, u.astype(np.int32), v.astype(np.int32), np.clip(p, 0.0, 1.0))


def _live(c: Cascade, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One live-edge graph as CSR arrays (indptr, indices): each edge kept with its
    probability."""
    keep = rng.random(c.p.size) < c.p
    indptr = np.zeros(c.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(c.u[keep], minlength=c.n), out=indptr[1:])
    return indptr, c.v[keep]


#: at most this many (candidate, account) flags are held at once while searching
_SEEN_MAX = 20_000_000


def _reach_many(live: tuple[np.ndarray, np.ndarray], n: int, nodes: list[int]) -> list[np.ndarray]:
    """What each of ``nodes`` reaches in a live-edge graph: one breadth-first search for all
    of them at once, level by level in vectorised steps (cost grows with the reached sets)."""
    chunk = max(1, _SEEN_MAX // max(n, 1))
    if len(nodes) > chunk:
        out: list[np.ndarray] = []
        for start in range(0, len(nodes), chunk):
            out += _reach_many(live, n, nodes[start : start + chunk])
        return out
    indptr, indices = live
    c = len(nodes)
    if c == 0:
        return []
    seen = np.zeros(c * n, dtype=bool)
    first = np.empty(c * n, dtype=np.int64)
    j = np.arange(c, dtype=np.int64)
    u = np.asarray(nodes, dtype=np.int64)
    seen[j * n + u] = True
    parts_j, parts_u = [j], [u]
    while u.size:
        deg, offsets = _edges_of(indptr, u)
        if offsets.size == 0:
            break
        key = np.repeat(j, deg) * n + indices[offsets]
        key = key[~seen[key]]
        if key.size == 0:
            break
        # keep each newly reached (candidate, account) once, without sorting
        first[key] = np.arange(key.size, dtype=np.int64)
        key = key[first[key] == np.arange(key.size)]
        seen[key] = True
        j, u = key // n, key % n
        parts_j.append(j)
        parts_u.append(u)
    all_j = np.concatenate(parts_j)
    all_u = np.concatenate(parts_u)
    order = np.argsort(all_j, kind="stable")
    counts = np.bincount(all_j, minlength=c)
    return np.split(all_u[order], np.cumsum(counts)[:-1])


def _edges_of(indptr: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The edges of a frontier in a compressed sparse row graph: each node's degree, and
    the positions of all their edges in the index array, node after node."""
    start = indptr[nodes]
    deg = indptr[nodes + 1] - start
    total = int(deg.sum())
    return deg, np.repeat(start - (np.cumsum(deg) - deg), deg) + np.arange(total)


@dataclass
class Estimate:
    """An expected spread with its interval over ``runs`` Monte Carlo runs."""

    mean: float
    low: float
    high: float
    runs: int


def _estimate(values: np.ndarray, confidence: float = CONFIDENCE) -> Estimate:
    n = values.size
    mean = float(values.mean())
    if n < 2:
        return Estimate(mean, mean, mean, n)
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1) * values.std(ddof=1) / np.sqrt(n))
    return Estimate(mean, mean - half, mean + half, n)


def about(est: Estimate) -> int:
    """The expected spread in whole accounts, rounded to what its interval supports: to
    the power of ten below the interval's half-width (135.4 +- 0.5 -> 135; 730 +- 140 -> 700)."""
    half = max((est.high - est.low) / 2, 0.0)
    step = 10 ** int(np.floor(np.log10(half))) if half >= 1 else 1
    return int(round(est.mean / step) * step)


def spread_samples(c: Cascade, seeds: list[int], runs: int, seed: int) -> np.ndarray:
    """Spread (accounts reached, seeds included) of ``seeds`` in each of ``runs`` runs."""
    rng = np.random.default_rng(seed)
    out = np.zeros(runs)
    for r in range(runs):
        live = _live(c, rng)
        reached = np.zeros(c.n, dtype=bool)
        for reach in _reach_many(live, c.n, list(seeds)):
            reached[reach] = True
        out[r] = reached.sum()
    return out


def spread(c: Cascade, seeds: list[int], runs: int, seed: int) -> Estimate:
    """Expected spread of ``seeds`` with its 95 % interval."""
    return _estimate(spread_samples(c, seeds, runs, seed))


@dataclass
class Selection:
    """The greedy set, in the order chosen, with each pick's marginal gain."""

    seeds: list[int]
    gains: list[float]
    #: spread evaluations CELF needed (a plain greedy needs k x candidates)
    evaluations: int


def celf(c: Cascade, candidates: list[int], k: int, runs: int, seed: int) -> Selection:
    """Greedy influence maximisation with lazy evaluation (CELF) over ``candidates``.

    The reach of every candidate in every live-edge graph is computed once; a marginal gain
    is then the mean number of newly reached accounts, counted against what the set chosen
    so far already reaches in the same draws.
    """
    candidates = list(dict.fromkeys(candidates))
    k = min(k, len(candidates))
    if k == 0:
        return Selection([], [], 0)
    rng = np.random.default_rng(seed)
    # every candidate's reach in every draw, as positions r * n + account in one flat mask
    dtype = np.int32 if runs * c.n < 2**31 else np.int64
    parts: list[list[np.ndarray]] = [[] for _ in candidates]
    for r in range(runs):
        live = _live(c, rng)
        for i, reach in enumerate(_reach_many(live, c.n, candidates)):
            parts[i].append((reach + r * c.n).astype(dtype))
    flat = [np.concatenate(p) for p in parts]
    del parts
    covered = np.zeros(runs * c.n, dtype=bool)

    def gain(i: int) -> float:
        return float(np.count_nonzero(~covered[flat[i]]) / runs)

    def take(i: int) -> None:
        covered[flat[i]] = True

    return _lazy_greedy(candidates, k, gain, take)


def _lazy_greedy(
    candidates: list, k: int, gain: Callable[[int], float], take: Callable[[int], None]
) -> Selection:
    """CELF: greedy selection that re-computes a candidate's marginal gain only when it
    reaches the top with a gain from an earlier round (gains only shrink as the set grows)."""
    # (gain, round it was computed in, candidate position)
    heap = [(gain(i), 0, i) for i in range(len(candidates))]
    evaluations = len(heap)
    chosen: list[int] = []
    gains: list[float] = []
    while len(chosen) < k and heap:
        heap.sort(key=lambda t: (-t[0], t[2]))
        best, computed, i = heap[0]
        if computed == len(chosen):
            heap.pop(0)
            chosen.append(i)
            gains.append(best)
            take(i)
            continue
        heap[0] = (gain(i), len(chosen), i)
        evaluations += 1
    return Selection([candidates[i] for i in chosen], gains, evaluations)


@dataclass
class Comparison:
    """The recommended set against another set, evaluated on the same draws."""

    name: str
    seeds: list[int]
    spread: Estimate
    #: recommended minus this set, mean and interval (Bonferroni over all comparisons)
    difference: Estimate
    #: the recommended set reaches further, with the error held over all comparisons
    better: bool


def evaluate(
    c: Cascade, chosen: list[int], others: dict[str, list[int]], runs: int, seed: int
) -> tuple[Estimate, list[Comparison]]:
    """Spread of ``chosen`` and of each other set on fresh draws; paired differences."""
    sets = {"chosen": chosen, **others}
    rng = np.random.default_rng(seed)
    samples = {name: np.zeros(runs) for name in sets}
    every = list(dict.fromkeys(s for seeds in sets.values() for s in seeds))
    for r in range(runs):
        live = _live(c, rng)
        cache = dict(zip(every, _reach_many(live, c.n, every), strict=True))
        for name, seeds in sets.items():
            reached = np.zeros(c.n, dtype=bool)
            for s in seeds:
                reached[cache[s]] = True
            samples[name][r] = reached.sum()
    return _compared(samples["chosen"], samples, others, chosen)


# -- large graphs: reverse influence sampling ----------------------------------------------
# Forward simulation costs grow with the cascades: on a graph of 100,000 accounts a hub's
# cascade reaches tens of thousands, for every candidate in every run. The same model can be
# sampled backwards (Borgs, Brautbar, Chayes & Lucier 2014): pick a random account, draw the
# live edges into it and walk them back; the accounts found are those whose post would have
# reached it. A set S reaches n x P(S meets such a reverse set) accounts in expectation, so
# the expected spread of any set is estimated from one sample of reverse sets, and greedy
# selection (with the same lazy evaluation) becomes a coverage problem. Used above
# ``forward_max`` accounts; each reverse set is one simulated live-edge draw.


@dataclass
class ReverseSets:
    """``count`` reverse reachable sets: set i holds ``nodes[ptr[i]:ptr[i + 1]]``."""

    n: int
    ptr: np.ndarray
    nodes: np.ndarray

    @property
    def count(self) -> int:
        return self.ptr.size - 1

    def hit(self, seeds: list[int]) -> np.ndarray:
        """Per set: does it contain one of ``seeds``?"""
        member = np.isin(self.nodes, np.asarray(seeds, dtype=self.nodes.dtype))
        ids = np.repeat(np.arange(self.count), np.diff(self.ptr))
        out = np.zeros(self.count, dtype=bool)
        out[ids[member]] = True
        return out


def reverse_sets(c: Cascade, count: int, seed: int) -> ReverseSets:
    """Sample ``count`` reverse reachable sets, all at once, level by level."""
    rng = np.random.default_rng(seed)
    order = np.argsort(c.v, kind="stable")
    into_u, into_p = c.u[order].astype(np.int64), c.p[order]
    inptr = np.zeros(c.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(c.v, minlength=c.n), out=inptr[1:])
    n = c.n
    ids = np.arange(count, dtype=np.int64)
    nodes = rng.integers(0, n, size=count, dtype=np.int64)
    found = [ids * n + nodes]
    seen = [np.sort(found[0])]
    while nodes.size:
        deg, offsets = _edges_of(inptr, nodes)
        if offsets.size == 0:
            break
        live = rng.random(offsets.size) < into_p[offsets]
        key = np.unique(np.repeat(ids, deg)[live] * n + into_u[offsets][live])
        for done in seen:
            if key.size:
                pos = np.minimum(np.searchsorted(done, key), done.size - 1)
                key = key[done[pos] != key]
        if key.size == 0:
            break
        seen.append(key)
        found.append(key)
        ids, nodes = key // n, key % n
    keys = np.sort(np.concatenate(found))
    set_ids = keys // n
    ptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(set_ids, minlength=count), out=ptr[1:])
    return ReverseSets(n, ptr, (keys % n).astype(np.int32))


def celf_reverse(rr: ReverseSets, candidates: list[int], k: int) -> Selection:
    """Greedy with lazy evaluation on reverse sets: the gain of a candidate is n x the share
    of the sets it meets that the chosen ones do not meet yet."""
    candidates = list(dict.fromkeys(candidates))
    k = min(k, len(candidates))
    if k == 0:
        return Selection([], [], 0)
    set_of = np.repeat(np.arange(rr.count), np.diff(rr.ptr))
    position = {node: i for i, node in enumerate(candidates)}
    mask = np.isin(rr.nodes, np.asarray(candidates, dtype=rr.nodes.dtype))
    owners = np.fromiter((position[int(x)] for x in rr.nodes[mask]), dtype=np.int64)
    hits = set_of[mask]
    order = np.argsort(owners, kind="stable")
    split = np.cumsum(np.bincount(owners, minlength=len(candidates)))[:-1]
    sets_of = np.split(hits[order], split)
    covered = np.zeros(rr.count, dtype=bool)
    scale = rr.n / rr.count

    def gain(i: int) -> float:
        return float(np.count_nonzero(~covered[sets_of[i]]) * scale)

    def take(i: int) -> None:
        covered[sets_of[i]] = True

    return _lazy_greedy(candidates, k, gain, take)


def evaluate_reverse(
    rr: ReverseSets, chosen: list[int], others: dict[str, list[int]]
) -> tuple[Estimate, list[Comparison]]:
    """As :func:`evaluate`, on a fresh sample of reverse sets: per set, n x (S meets it)."""
    samples = {name: rr.n * rr.hit(seeds).astype(np.float64) for name, seeds in others.items()}
    mine = rr.n * rr.hit(chosen).astype(np.float64)
    return _compared(mine, samples, others, chosen)


def _compared(
    mine: np.ndarray,
    samples: dict[str, np.ndarray],
    others: dict[str, list[int]],
    chosen: list[int],
) -> tuple[Estimate, list[Comparison]]:
    """The chosen set's spread, and each other set's beside it: paired per run, with
    intervals widened for the number of comparisons (Bonferroni)."""
    level = 1 - (1 - CONFIDENCE) / max(1, len(others))
    comparisons = []
    for name, seeds in others.items():
        diff = _estimate(mine - samples[name], level)
        comparisons.append(
            Comparison(
                name=name,
                seeds=seeds,
                spread=_estimate(samples[name]),
                difference=diff,
                better=sorted(seeds) != sorted(chosen) and diff.low > 0,
            )
        )
    return _estimate(mine), comparisons


__all__ = [
    "CONFIDENCE",
    "Cascade",
    "Comparison",
    "Estimate",
    "ReverseSets",
    "Selection",
    "about",
    "cascade",
    "celf",
    "celf_reverse",
    "evaluate",
    "evaluate_reverse",
    "reverse_sets",
    "spread",
    "spread_samples",
]
