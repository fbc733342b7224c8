"""Step 3 at scale: the whole influencer analysis on a directed scale-free interaction graph.

    .venv/bin/python bench/influence_bench.py [--nodes 100000] [--edges 1000000]
        [--candidates 1000] [--k 10] [--simulations 500] [--real]

Builds a directed scale-free graph (Chung-Lu: edge ends drawn with probabilities following
power laws, exponent 2.1 for in-degree and 2.5 for out-degree, as mention graphs show), makes
an interactions table of it and a candidate list (the most mentioned half and a random
half of ``--candidates`` accounts, with followers, interactions per post and topics), and runs
step 3 exactly as a notebook does: graph, weighted in-degree, PageRank, betweenness (sampled
above 5,000 accounts), k-core, Louvain communities (on the candidates and the most central
accounts, at most 3,000), the composite ranking, CELF for k people over the candidates,
the evaluation of the chosen set against the top by followers and by PageRank on fresh
simulations, and both figures. Prints wall time and peak memory (RSS) against the targets
(60 s, 4 GB). Not a test: timings depend on the machine.

``--real`` also runs on a real public graph: the co-mention graph of GermEval 2018's
German tweets (CC BY 4.0, Wiegand, Siegel & Ruppenhofer), read from shared/testdata when
present. No package on the registries this project uses ships a social interaction graph of
tens of thousands of accounts (networkx, scikit-network and graspologic ship small ones;
karateclub, littleballoffur and the like download theirs at run time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd

from social_strategy.i18n import catalog
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps import Context
from social_strategy.steps.influencers import run
from social_strategy.workspace import load_workspace

TOPICS = ["Kaffee", "Espresso", "Fitness", "Hamburg", "Reisen", "Mode", "Rösten", "Cafés"]
TYPES = ["creator", "journalist", "community_lead", "customer", "partner"]


def scale_free(n: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Chung-Lu directed graph: source and target of each edge drawn by power-law weights."""
    rng = np.random.default_rng(seed)
    rank = np.arange(1, n + 1, dtype=np.float64)
    w_in = rank ** (-1 / (2.1 - 1))
    w_out = rank ** (-1 / (2.5 - 1))
    dst = rng.permutation(n)[rng.choice(n, size=m, p=w_in / w_in.sum())]
    src = rng.permutation(n)[rng.choice(n, size=m, p=w_out / w_out.sum())]
    return src, dst


def workspace(src: np.ndarray, dst: np.ndarray, n: int, n_candidates: int, seed: int):
    """The example firm's profile with a synthetic candidate list and interactions table."""
    rng = np.random.default_rng(seed + 1)
    ws = load_workspace(EXAMPLE_WORKSPACE)
    handles = np.array([f"acct{i:06d}" for i in range(n)], dtype=object)
    interactions = pd.DataFrame(
        {
            "source": handles[src],
            "target": handles[dst],
            "text": None,
            "kind": "mention",
            "weight": 1.0,
            "time": None,
        }
    )
    indegree = np.bincount(dst, minlength=n)
    top = np.argsort(-indegree)[: n_candidates // 2]
    rest = rng.choice(np.setdiff1d(np.arange(n), top), n_candidates - top.size, replace=False)
    chosen = np.concatenate([top, rest])
    followers = (indegree[chosen] * rng.uniform(20, 200, chosen.size)).astype(int) + 50
    candidates = pd.DataFrame(
        {
            "handle": handles[chosen],
            "platform": "Instagram",
            "name": None,
            "followers": followers,
            "avg_interactions": followers * rng.uniform(0.005, 0.08, chosen.size),
            "avg_reach": None,
            "engagement_rate_pct": None,
            "topics": [list(rng.choice(TOPICS, 2, replace=False)) for _ in chosen],
            "region": rng.choice(["Hamburg", "Berlin", "München"], chosen.size),
            "type": rng.choice(TYPES, chosen.size),
            "status": "open",
            "public": None,
            "notes": None,
            "_row": np.arange(2, chosen.size + 2),
        }
    )
    ws.tables = {
        **{k: v for k, v in ws.tables.items() if k not in ("influencers", "interactions")},
        "influencers": candidates,
        "interactions": interactions,
    }
    return ws


def analyse(ws, k: int, simulations: int, label: str) -> None:
    settings = ws.strategy.settings.influencers.model_copy(
        update={"k": k, "simulations": simulations}
    )
    ctx = Context(report_date=dt.date(2026, 11, 23), settings=settings)
    t0 = time.perf_counter()
    result = run(ws, ctx)
    analysed = time.perf_counter() - t0
    figures = result.figures(catalog("en"))
    total = time.perf_counter() - t0
    g, sel = result.graph, result.selection
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"\n{label}")
    print(f"  graph: {g.n:,} accounts, {g.m:,} links from {g.interactions:,} interactions")
    sample = result.position.betweenness_sample
    print(f"  candidates: {len(result.ranked):,}; betweenness sample: {sample}")
    print(f"  CELF k={k}: {sel.evaluations} spread evaluations ({len(result.ranked) * k} greedy)")
    est = result.chosen_spread
    print(
        f"  chosen set: expected spread {est.mean:.1f} [{est.low:.1f}, {est.high:.1f}],"
        f" {est.runs:,} samples"
    )
    for c in result.comparisons:
        print(
            f"  top by {c.name}: {c.spread.mean:.1f} [{c.spread.low:.1f}, {c.spread.high:.1f}];"
            f" chosen reaches further: {c.better}"
        )
    print(f"  analysis {analysed:.1f} s, with {len(figures)} figures {total:.1f} s (target < 60 s)")
    print(f"  peak RSS of the process {peak:.2f} GB (target < 4 GB)")


def real_graph(k: int, simulations: int) -> None:
    from social_strategy.steps.influencers import graph as gm

    for base in (Path(__file__).resolve().parents[2] / "shared", Path("/work/shared")):
        path = base / "testdata" / "germeval2018" / "germeval2018.training.txt"
        if path.is_file():
            break
    else:
        print("\nGermEval 2018 not found in shared/testdata: real-graph run skipped")
        return
    texts = [
        line.split("\t")[0].replace("|LBR|", " ") for line in path.read_text("utf-8").splitlines()
    ]
    g = gm.co_mentions(texts)
    n = g.n
    ws = workspace(g.src, g.dst, n, min(1000, n // 2), 3)
    analyse(ws, k, simulations, f"GermEval 2018 co-mention graph ({path.parent.name})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=1_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--simulations", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--real", action="store_true", help="also run on a real public graph")
    args = parser.parse_args()
    t0 = time.perf_counter()
    src, dst = scale_free(args.nodes, args.edges, args.seed)
    ws = workspace(src, dst, args.nodes, args.candidates, args.seed)
    took = time.perf_counter() - t0
    print(f"generated {args.nodes:,} accounts / {args.edges:,} interactions in {took:.1f} s")
    del src, dst
    analyse(
        ws,
        args.k,
        args.simulations,
        "Directed scale-free graph (Chung-Lu, exponents 2.1 in / 2.5 out)",
    )
    if args.real:
        real_graph(args.k, args.simulations)


if __name__ == "__main__":
    main()
