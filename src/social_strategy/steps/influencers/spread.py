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

from dataclasses import dataclass

import numpy as np
from scipy import sparse, stats

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


def _live(c: Cascade, rng: np.random.Generator) -> sparse.csr_matrix:
    """One live-edge graph: each influence edge kept with its probability."""
    keep = rng.random(c.p.size) < c.p
    indices = c.v[keep]
    indptr = np.zeros(c.n + 1, dtype=np.int32)
    np.cumsum(np.bincount(c.u[keep], minlength=c.n), out=indptr[1:])
    data = np.ones(indices.size, dtype=np.int8)
    return sparse.csr_matrix((data, indices, indptr), shape=(c.n, c.n), copy=False)


def _reach_many(live: sparse.csr_matrix, nodes: list[int]) -> list[np.ndarray]:
    """What each of ``nodes`` reaches in ``live``: one breadth-first search for all of them
    at once, as sparse products (cost grows with the reached sets, not with nodes x graph)."""
    n, c = live.shape[0], len(nodes)
    if c == 0:
        return []
    back = live.T.tocsr().astype(np.float32)
    frontier = sparse.csr_matrix(
        (np.ones(c, dtype=np.float32), (np.asarray(nodes), np.arange(c))), shape=(n, c)
    )
    visited = frontier.copy()
    while frontier.nnz:
        step = back @ frontier
        step.data[:] = 1.0
        step = step - step.multiply(visited)
        step.eliminate_zeros()
        if not step.nnz:
            break
        visited = visited + step
        frontier = step
    visited = visited.tocsc()
    visited.sort_indices()
    return [visited.indices[visited.indptr[j] : visited.indptr[j + 1]] for j in range(c)]


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


def spread_samples(c: Cascade, seeds: list[int], runs: int, seed: int) -> np.ndarray:
    """Spread (accounts reached, seeds included) of ``seeds`` in each of ``runs`` runs."""
    rng = np.random.default_rng(seed)
    out = np.zeros(runs)
    for r in range(runs):
        live = _live(c, rng)
        reached = np.zeros(c.n, dtype=bool)
        for reach in _reach_many(live, list(seeds)):
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
    reaches: list[list[np.ndarray]] = [[] for _ in candidates]
    for _ in range(runs):
        live = _live(c, rng)
        for i, reach in enumerate(_reach_many(live, candidates)):
            reaches[i].append(reach)
    covered = np.zeros((runs, c.n), dtype=bool)

    def gain(i: int) -> float:
        return float(
            sum(np.count_nonzero(~covered[r, reach]) for r, reach in enumerate(reaches[i])) / runs
        )

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
            for r, reach in enumerate(reaches[i]):
                covered[r, reach] = True
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
        cache = dict(zip(every, _reach_many(live, every), strict=True))
        for name, seeds in sets.items():
            reached = np.zeros(c.n, dtype=bool)
            for s in seeds:
                reached[cache[s]] = True
            samples[name][r] = reached.sum()
    level = 1 - (1 - CONFIDENCE) / max(1, len(others))
    comparisons = []
    for name, seeds in others.items():
        diff = _estimate(samples["chosen"] - samples[name], level)
        comparisons.append(
            Comparison(
                name=name,
                seeds=seeds,
                spread=_estimate(samples[name]),
                difference=diff,
                better=sorted(seeds) != sorted(chosen) and diff.low > 0,
            )
        )
    return _estimate(samples["chosen"]), comparisons
