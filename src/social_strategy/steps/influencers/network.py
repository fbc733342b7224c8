"""Position in the interaction network: weighted in-degree, PageRank, betweenness, k-core,
communities.

Everything runs on sparse matrices, so a graph of a million interactions takes seconds:

- PageRank is networkx's algorithm (same damping, dangling-node and stopping rules), so its
  values equal ``networkx.pagerank`` (a test checks on the karate club);
- k-core numbers (Batagelj-Zaversnik peeling, vectorised) equal ``networkx.core_number`` on
  the undirected simple graph;
- betweenness is Brandes' algorithm run for a batch of sources at once; exact on graphs up
  to a size, above it estimated from a random sample of sources (as networkx's ``k``),
  normalised as networkx does;
- communities come from networkx's Louvain with a fixed seed, on the whole graph when it is
  small, else on the subgraph of the accounts that matter (candidates and the most central
  accounts), since the chapter only asks which candidates share an audience.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .graph import Graph

#: Louvain runs on at most this many accounts (the candidates and the most central ones)
COMMUNITY_MAX_NODES = 3_000


def pagerank(g: Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> np.ndarray:
    """PageRank on the weighted interaction graph (mentions point at the influential)."""
    n = g.n
    if n == 0:
        return np.zeros(0)
    a = g.matrix
    out = np.asarray(a.sum(axis=1)).ravel()
    scale = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    a = sparse.diags(scale) @ a
    at = a.T.tocsr()
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    dangling = out == 0
    for _ in range(max_iter):
        last = x
        x = alpha * (at @ x + x[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return x
    return x  # networkx raises here; a ranking after 100 rounds is still usable


def core_numbers(g: Graph) -> np.ndarray:
    """k-core number of every account in the undirected simple graph (as networkx)."""
    u = g.undirected()
    deg = np.asarray(u.sum(axis=1)).ravel().astype(np.int64)
    alive = np.ones(g.n, dtype=bool)
    core = np.zeros(g.n, dtype=np.int64)
    k = 0
    while alive.any():
        k = max(k, int(deg[alive].min()))
        remove = alive & (deg <= k)
        while remove.any():
            idx = np.flatnonzero(remove)
            core[idx] = k
            alive[idx] = False
            lost = np.asarray(u[idx].sum(axis=0)).ravel().astype(np.int64)
            deg -= lost
            remove = alive & (deg <= k)
    return core


def betweenness(g: Graph, sources: np.ndarray | None = None, batch: int = 32) -> np.ndarray:
    """Normalised betweenness on the directed, unweighted graph (Brandes), as networkx's
    ``betweenness_centrality``; from the given ``sources`` only when a sample is given."""
    n = g.n
    bc = np.zeros(n)
    if n < 3 or g.m == 0:
        return bc
    a = g.matrix.copy()
    a.data[:] = 1.0
    a = a.tocsr()
    at = a.T.tocsr()
    all_sources = np.arange(n) if sources is None else np.asarray(sources)
    for start in range(0, all_sources.size, batch):
        chunk = all_sources[start : start + batch]
        bc += _brandes_batch(a, at, chunk, n)
    k = all_sources.size
    if sources is None:
        return bc / ((n - 1) * (n - 2))
    scale = np.full(n, 1.0 / (k * (n - 2)))
    if k > 1:
        scale[all_sources] = 1.0 / ((k - 1) * (n - 2))
    return bc * scale


def _brandes_batch(a: sparse.csr_matrix, at: sparse.csr_matrix, chunk: np.ndarray, n: int):
    """Brandes for a batch of sources; frontiers are sparse, so each level costs only the
    links out of (or into) that level, and a whole batch costs about links x batch size."""
    b = chunk.size
    cols = np.arange(b)
    dist = np.full((n, b), -1, dtype=np.int32)
    sigma = np.zeros((n, b))
    dist[chunk, cols] = 0
    sigma[chunk, cols] = 1.0
    frontier = sparse.csr_matrix((np.ones(b), (chunk, cols)), shape=(n, b))
    levels: list[tuple[np.ndarray, np.ndarray]] = [(chunk, cols)]
    d = 0
    while frontier.nnz:
        reach = (at @ frontier).tocoo()
        new = dist[reach.row, reach.col] < 0
        rows, cs, paths = reach.row[new], reach.col[new], reach.data[new]
        if rows.size == 0:
            break
        d += 1
        dist[rows, cs] = d
        sigma[rows, cs] = paths
        levels.append((rows, cs))
        frontier = sparse.csr_matrix((paths, (rows, cs)), shape=(n, b))
    delta = np.zeros((n, b))
    for level in range(len(levels) - 1, 0, -1):
        rows, cs = levels[level]
        coeff = sparse.csr_matrix(
            ((1.0 + delta[rows, cs]) / sigma[rows, cs], (rows, cs)), shape=(n, b)
        )
        back = (a @ coeff).tocoo()
        below = dist[back.row, back.col] == level - 1
        r, c = back.row[below], back.col[below]
        delta[r, c] += sigma[r, c] * back.data[below]
    delta[chunk, cols] = 0.0
    return delta.sum(axis=1)


def communities(g: Graph, keep: np.ndarray, seed: int) -> np.ndarray:
    """Louvain community (an integer, -1 where not computed) of every account.

    On a graph of more than ``COMMUNITY_MAX_NODES`` accounts, only the subgraph of the
    accounts in ``keep`` (candidates first, then the most central) is partitioned.
    """
    import networkx as nx

    labels = np.full(g.n, -1, dtype=np.int64)
    if g.m == 0:
        return labels
    nodes = np.arange(g.n) if g.n <= COMMUNITY_MAX_NODES else keep[:COMMUNITY_MAX_NODES]
    u = g.matrix + g.matrix.T
    sub = u[nodes][:, nodes].tocoo()
    graph = nx.Graph()
    graph.add_nodes_from(range(nodes.size))
    graph.add_weighted_edges_from(
        (int(i), int(j), float(w))
        for i, j, w in zip(sub.row, sub.col, sub.data, strict=True)
        if i < j
    )
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    # largest community first, so numbers are stable and small
    for number, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        labels[nodes[list(members)]] = number
    return labels


@dataclass
class Position:
    """Every account's position in the network, by node index."""

    in_strength: np.ndarray
    pagerank: np.ndarray
    betweenness: np.ndarray
    core: np.ndarray
    community: np.ndarray
    #: sources used for betweenness (None: exact)
    betweenness_sample: int | None


def analyse(
    g: Graph, candidates: np.ndarray, seed: int, exact_max: int = 5_000, samples: int = 128
) -> Position:
    """All measures; betweenness from ``samples`` random sources when the graph is large."""
    pr = pagerank(g)
    sample = None
    if g.n > exact_max:
        rng = np.random.default_rng(seed)
        sources = rng.choice(g.n, size=min(samples, g.n), replace=False)
        bc = betweenness(g, sources)
        sample = int(sources.size)
    else:
        bc = betweenness(g)
    order = np.argsort(-pr, kind="stable")
    keep = np.array(list(dict.fromkeys([*candidates.tolist(), *order.tolist()])), dtype=np.int64)
    return Position(
        in_strength=g.in_strength,
        pagerank=pr,
        betweenness=bc,
        core=core_numbers(g),
        community=communities(g, keep, seed),
        betweenness_sample=sample,
    )


__all__ = [
    "COMMUNITY_MAX_NODES",
    "Position",
    "analyse",
    "betweenness",
    "communities",
    "core_numbers",
    "pagerank",
]
