"""The interaction graph: accounts as nodes, "source mentioned / replied to / shared target"
as weighted directed edges, held as index arrays and sparse matrices (no per-edge Python
objects), so a million interactions fit in memory and time.

Real exports come as an edge list or as post texts; the @handles of a text are its targets.
Handles are normalised (case, leading @). Self-loops are dropped and counted; repeated edges
are merged into one edge whose weight is the sum, and counted, so the chapter can say so.

Direction: a mention, reply or share points from A to B. A connection, a like between pages
or a shared membership has no direction; such a row becomes a link both ways (an undirected
graph held as a symmetric directed one, so PageRank equals undirected PageRank). Which rows
are which comes from the ``kind`` column (:data:`UNDIRECTED_KINDS`) or from the setting
``direction``. Only accounts that appear in the interactions are nodes: a candidate nobody
interacted with has no network position and is not added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from ...workspace.inputs.influencers import UNDIRECTED_KINDS, normalise_handle

#: an @handle as the networks allow it (letters, digits, _ and .); an e-mail is not a mention
MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")


def mentions(text: str) -> list[str]:
    """The normalised @handles in a text, each once, in order of appearance."""
    return list(dict.fromkeys(normalise_handle(m) for m in MENTION.findall(text or "")))


@dataclass
class Graph:
    """A directed weighted graph on ``nodes`` (normalised handles)."""

    nodes: list[str]
    src: np.ndarray  # int32 edge sources
    dst: np.ndarray  # int32 edge targets
    weight: np.ndarray  # float64, summed over repeated interactions
    self_loops: int = 0
    duplicates: int = 0
    #: interactions read (rows, or mentions in texts)
    interactions: int = 0
    index: dict[str, int] = field(default_factory=dict)
    #: ``directed``, ``undirected`` or ``mixed`` (some rows each way)
    direction: str = "directed"
    #: distinct links as the rows give them (a link both ways counts once); None: ``m``
    distinct: int | None = None

    def __post_init__(self) -> None:
        if not self.index:
            self.index = {n: i for i, n in enumerate(self.nodes)}

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def m(self) -> int:
        return int(self.src.size)

    @property
    def links(self) -> int:
        """Distinct links between accounts (a link without direction counts once)."""
        return self.m if self.distinct is None else self.distinct

    @cached_property
    def matrix(self) -> sparse.csr_matrix:
        """``A[i, j]`` = weight of i -> j (i mentioned j)."""
        return sparse.csr_matrix(
            (self.weight, (self.src, self.dst)), shape=(self.n, self.n), dtype=np.float64
        )

    @cached_property
    def in_strength(self) -> np.ndarray:
        """Weighted in-degree: how much attention each account receives."""
        return np.bincount(self.dst, weights=self.weight, minlength=self.n)

    @cached_property
    def out_strength(self) -> np.ndarray:
        return np.bincount(self.src, weights=self.weight, minlength=self.n)

    def undirected(self) -> sparse.csr_matrix:
        """The simple undirected graph (0/1, symmetric, no self-loops)."""
        a = self.matrix.copy()
        a.data[:] = 1.0
        u = ((a + a.T) > 0).astype(np.int8)
        u.setdiag(0)
        u.eliminate_zeros()
        return u.tocsr()


def from_arrays(
    nodes: list[str], src: np.ndarray, dst: np.ndarray, weight: np.ndarray | None = None
) -> Graph:
    """A graph from index arrays; self-loops dropped and duplicates merged (both counted)."""
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    weight = np.ones(src.size) if weight is None else np.asarray(weight, dtype=np.float64)
    total = int(src.size)
    loops = src == dst
    src, dst, weight = src[~loops], dst[~loops], weight[~loops]
    n = len(nodes)
    key = src * n + dst
    unique, inverse = np.unique(key, return_inverse=True)
    summed = np.bincount(inverse, weights=weight, minlength=unique.size)
    return Graph(
        nodes=list(nodes),
        src=(unique // n).astype(np.int32),
        dst=(unique % n).astype(np.int32),
        weight=summed,
        self_loops=int(loops.sum()),
        duplicates=int(src.size - unique.size),
        interactions=total,
    )


def from_table(interactions: pd.DataFrame, direction: str = "auto") -> Graph:
    """The graph of a validated ``interactions`` table (edges, or texts with @handles).

    ``direction``: ``auto`` (rows whose ``kind`` is one of :data:`UNDIRECTED_KINDS` link both
    ways, all others point from source to target), ``directed`` or ``undirected`` (all rows).
    """
    source = interactions["source"].to_numpy(dtype=object)
    target = interactions["target"].to_numpy(dtype=object)
    weight = pd.to_numeric(interactions["weight"], errors="coerce").fillna(1.0).to_numpy()
    if direction == "auto" and "kind" in interactions:
        both = interactions["kind"].isin(UNDIRECTED_KINDS).to_numpy(dtype=bool)
    else:
        both = np.full(source.size, direction == "undirected", dtype=bool)
    edge = np.array([isinstance(t, str) and t != "" for t in target], dtype=bool)
    sources = [source[edge]]
    targets = [target[edge]]
    weights = [weight[edge]]
    twoway = [both[edge]]
    texts = interactions["text"].to_numpy(dtype=object)
    extra_s: list[str] = []
    extra_t: list[str] = []
    extra_w: list[float] = []
    extra_b: list[bool] = []
    for s, text, w, b in zip(source[~edge], texts[~edge], weight[~edge], both[~edge], strict=True):
        for t in mentions(text if isinstance(text, str) else ""):
            extra_s.append(s)
            extra_t.append(t)
            extra_w.append(float(w))
            extra_b.append(bool(b))
    sources.append(np.array(extra_s, dtype=object))
    targets.append(np.array(extra_t, dtype=object))
    weights.append(np.array(extra_w, dtype=np.float64))
    twoway.append(np.array(extra_b, dtype=bool))
    src = np.concatenate(sources)
    dst = np.concatenate(targets)
    w = np.concatenate(weights)
    b = np.concatenate(twoway)
    kind = (
        "mixed" if b.any() and not b.all() else ("undirected" if b.all() and b.size else "directed")
    )
    everything = np.concatenate([src, dst])
    codes, nodes = pd.factorize(everything)
    s_codes, d_codes = codes[: src.size], codes[src.size :]
    g = from_arrays(
        list(nodes),
        np.concatenate([s_codes, d_codes[b]]),
        np.concatenate([d_codes, s_codes[b]]),
        np.concatenate([w, w[b]]),
    )
    # a row linking both ways is one interaction, not two: count loops and repeats by row
    loop = s_codes == d_codes
    n = max(len(nodes), 1)
    lo, hi = np.minimum(s_codes, d_codes), np.maximum(s_codes, d_codes)
    link = np.where(b, 2 * (lo * n + hi) + 1, 2 * (s_codes * n + d_codes))[~loop]
    g.self_loops = int(loop.sum())
    g.distinct = int(np.unique(link).size)
    g.duplicates = int(link.size - g.distinct)
    g.interactions = int(src.size)
    g.direction = kind
    return g


def co_mentions(texts: list[str]) -> Graph:
    """Handles mentioned together in one text, linked both ways (a co-mention graph).

    Used where texts carry no author (many public corpora): two accounts addressed in
    the same post share an audience.
    """
    pairs_s: list[str] = []
    pairs_t: list[str] = []
    for text in texts:
        found = mentions(text)
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                pairs_s += [a, b]
                pairs_t += [b, a]
    nodes = list(dict.fromkeys(pairs_s))
    index = {h: i for i, h in enumerate(nodes)}
    return from_arrays(
        nodes,
        np.array([index[s] for s in pairs_s], dtype=np.int64),
        np.array([index[t] for t in pairs_t], dtype=np.int64),
    )


__all__ = ["MENTION", "Graph", "co_mentions", "from_arrays", "from_table", "mentions"]
