"""Step 3: network measures equal networkx's, the set beats the top by degree where they
share an audience, simulated spread matches exact enumeration, the "reaches further" claim
holds its error rate, real mention texts rank, and no pseudonymised handle leaks."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from conftest import REPORT_DATE, copy_render
from social_strategy.errors import InputError
from social_strategy.notebook import start
from social_strategy.steps.influencers import graph as gm
from social_strategy.steps.influencers import network as nw
from social_strategy.steps.influencers import spread as sp
from social_strategy.steps.influencers.privacy import Pseudonyms
from social_strategy.workspace import load_workspace

GERMEVAL = [
    Path(__file__).resolve().parents[2] / "shared" / "testdata" / "germeval2018",
    Path("/work/shared/testdata/germeval2018"),
]


def _karate() -> tuple[nx.Graph, gm.Graph]:
    g = nx.karate_club_graph()
    d = nx.DiGraph(g)
    edges = list(d.edges(data="weight", default=1))
    graph = gm.from_arrays(
        list(d.nodes()),
        np.array([u for u, _, _ in edges]),
        np.array([v for _, v, _ in edges]),
        np.array([w for _, _, w in edges], dtype=float),
    )
    return g, graph


def test_pagerank_core_and_betweenness_equal_networkx_on_karate():
    g, graph = _karate()
    ours = nw.pagerank(graph)
    theirs = nx.pagerank(g)
    assert np.allclose(ours, [theirs[i] for i in range(34)], atol=1e-12)
    core = nx.core_number(g)
    assert nw.core_numbers(graph).tolist() == [core[i] for i in range(34)]
    bc = nx.betweenness_centrality(nx.DiGraph(g))
    assert np.allclose(nw.betweenness(graph), [bc[i] for i in range(34)], atol=1e-12)


def test_sampled_betweenness_is_unbiased_enough_to_rank():
    """With half the sources sampled, the top bridges of the karate club stay on top."""
    _, graph = _karate()
    exact = nw.betweenness(graph)
    sample = np.random.default_rng(3).choice(34, 17, replace=False)
    est = nw.betweenness(graph, sample)
    top = set(np.argsort(-exact)[:3])
    assert len(top & set(np.argsort(-est)[:5])) >= 2


def test_communities_are_reproducible():
    _, graph = _karate()
    a = nw.communities(graph, np.arange(34), seed=1)
    b = nw.communities(graph, np.arange(34), seed=1)
    assert (a == b).all() and a.min() == 0 and 2 <= a.max() + 1 <= 6


def _shared_audience_graph() -> tuple[gm.Graph, list[int], list[int]]:
    """Three hubs whose 120 followers all interact with all three (one audience), and three
    smaller hubs with 50 followers each of their own."""
    nodes: list[str] = []
    src: list[int] = []
    dst: list[int] = []

    def node(name: str) -> int:
        nodes.append(name)
        return len(nodes) - 1

    big = [node(f"big{i}") for i in range(3)]
    small = [node(f"small{i}") for i in range(3)]
    for f in range(120):
        fan = node(f"shared{f}")
        for h in big:
            src.append(fan)
            dst.append(h)
    for i, h in enumerate(small):
        for f in range(50):
            fan = node(f"own{i}_{f}")
            src.append(fan)
            dst.append(h)
    return gm.from_arrays(nodes, np.array(src), np.array(dst)), big, small


def test_celf_set_spreads_further_than_top_by_degree_sharing_one_audience():
    g, big, small = _shared_audience_graph()
    top_by_degree = list(np.argsort(-g.in_strength, kind="stable")[:3])
    assert sorted(top_by_degree) == big
    c = sp.cascade(g)  # weighted cascade: each shared fan passes on from each hub with 1/3
    chosen = sp.celf(c, big + small, 3, runs=300, seed=11)
    assert len(set(chosen.seeds) & set(small)) >= 2
    assert chosen.evaluations < 3 * 6  # lazy evaluation skipped re-computations
    est, comparisons = sp.evaluate(c, chosen.seeds, {"degree": top_by_degree}, runs=300, seed=12)
    (deg,) = comparisons
    assert deg.better
    assert est.low > deg.spread.high  # the intervals do not even overlap
    assert deg.difference.low > 0


def test_reverse_sampling_agrees_with_forward_simulation():
    """The large-graph path (reverse influence sampling) picks the same set and estimates
    the same spreads as forward Monte Carlo, within their intervals."""
    g, big, small = _shared_audience_graph()
    c = sp.cascade(g)
    forward = sp.celf(c, big + small, 3, runs=300, seed=11)
    reverse = sp.celf_reverse(sp.reverse_sets(c, 100_000, 1), big + small, 3)
    assert sorted(reverse.seeds) == sorted(forward.seeds) == small
    rr = sp.reverse_sets(c, 100_000, 2)
    for seeds in ([0], [3], big, [0, 3, 4]):
        mc = sp.spread(c, seeds, runs=2_000, seed=3)
        est, _ = sp.evaluate_reverse(rr, seeds, {})
        # the two estimates differ by less than their two half-widths together
        assert abs(est.mean - mc.mean) <= (est.high - est.low + mc.high - mc.low) / 2


def _exact_spread(nodes: int, edges: list[tuple[int, int, float]], seed: int) -> float:
    total = 0.0
    for alive in itertools.product([False, True], repeat=len(edges)):
        prob = 1.0
        adj: dict[int, list[int]] = {}
        for on, (u, v, p) in zip(alive, edges, strict=True):
            prob *= p if on else 1 - p
            if on:
                adj.setdefault(u, []).append(v)
        seen, stack = {seed}, [seed]
        while stack:
            for w in adj.get(stack.pop(), []):
                if w not in seen:
                    seen.add(w)
                    stack.append(w)
        total += prob * len(seen)
    return total


def test_single_seed_spread_matches_exact_enumeration():
    edges = [
        (0, 1, 0.5),
        (0, 2, 0.3),
        (1, 2, 0.6),
        (2, 3, 0.4),
        (1, 3, 0.2),
        (3, 4, 0.7),
        (4, 0, 0.5),
    ]
    c = sp.Cascade(
        5,
        np.array([u for u, _, _ in edges], dtype=np.int32),
        np.array([v for _, v, _ in edges], dtype=np.int32),
        np.array([p for _, _, p in edges]),
    )
    exact = _exact_spread(5, edges, 0)
    est = sp.spread(c, [0], runs=20_000, seed=5)
    assert est.low <= exact <= est.high
    assert abs(est.mean - exact) < 0.03


def _stars(sizes: list[int]) -> gm.Graph:
    nodes, src, dst = [], [], []
    nodes += [f"hub{i}" for i in range(len(sizes))]
    for i, size in enumerate(sizes):
        for f in range(size):
            nodes.append(f"f{i}_{f}")
            src.append(len(nodes) - 1)
            dst.append(i)
    return gm.from_arrays(nodes, np.array(src), np.array(dst))


def test_reaches_further_claim_holds_its_error_rate():
    """No effect: two hubs with the same audience size, compared over 200 seeds: the claim
    "reaches further" is made in at most 5 % of runs. Planted effect (25 % larger audience):
    the claim is made in most runs."""
    same = sp.cascade(_stars([30, 30]), probability=0.3)
    bigger = sp.cascade(_stars([30, 38]), probability=0.3)
    false_claims = found = 0
    trials = 200
    for seed in range(trials):
        _, (cmp,) = sp.evaluate(same, [1], {"other": [0]}, runs=100, seed=seed)
        false_claims += cmp.better
        _, (cmp,) = sp.evaluate(bigger, [1], {"other": [0]}, runs=100, seed=seed)
        found += cmp.better
    assert false_claims / trials <= 0.05, false_claims
    assert found / trials >= 0.6, found


def test_handles_are_normalised_and_loops_and_repeats_reported():
    import pandas as pd

    table = pd.DataFrame(
        {
            "source": ["anna", "anna", "ben", "ben", "carl"],
            "target": ["ben", None, "ben", None, None],
            "text": [None, "Hallo @BEN und @Carl_1 (mail: x@example.org)", None, "@Ben", "ohne"],
            "weight": [1.0, 2.0, 1.0, 1.0, 1.0],
        }
    )
    g = gm.from_table(table)
    assert set(g.nodes) == {"anna", "ben", "carl_1"}  # a text without mentions adds nothing
    assert g.self_loops == 2  # ben -> ben (edge) and ben -> @Ben (text)
    assert g.duplicates == 1  # anna -> ben twice
    assert g.weight[(g.src == g.index["anna"]) & (g.dst == g.index["ben"])].tolist() == [3.0]
    assert gm.mentions("@A.b. und @a.b @c") == ["a.b", "c"]


def test_pseudonyms_are_stable_and_keyed():
    a = Pseudonyms("key", "all")
    b = Pseudonyms("key", "all")
    assert a.code("kaffee.liebe") == b.code("kaffee.liebe") == a.code("kaffee.liebe")
    assert a.code("kaffee.liebe") != Pseudonyms("other", "all").code("kaffee.liebe")
    assert a.code("x") != a.code("y") and a.code("x").startswith("P-")
    private = Pseudonyms("key", "private")
    assert private.label("creator", True) == "@creator"
    hidden = private.label("someone", False, "customer", "LinkedIn")
    code = private.code("someone")
    assert hidden["values"]["code"] == code and code.startswith("P-")
    from social_strategy.i18n import catalog

    assert catalog("en").text(hidden) == f"a customer on LinkedIn ({code})"
    assert catalog("de").text(private.label("x", False)) == f"Account ({private.code('x')})"
    assert private.shown == {"someone": (code, "customer"), "x": (private.code("x"), "account")}
    assert Pseudonyms("key", "none").label("someone", False) == "@someone"


def _germeval() -> Path:
    for path in GERMEVAL:
        if (path / "germeval2018.training.txt").is_file():
            return path / "germeval2018.training.txt"
    pytest.skip("shared/testdata/germeval2018 is not present")


def test_germeval_mentions_build_a_co_mention_graph_that_ranks():
    """Real German tweets (GermEval 2018, CC BY 4.0, Wiegand, Siegel & Ruppenhofer): the
    @handles mentioned together form a co-mention graph that every measure handles."""
    lines = _germeval().read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[0].replace("|LBR|", " ") for line in lines]
    g = gm.co_mentions(texts)
    assert g.n > 500 and g.m > 1000
    pos = nw.analyse(g, np.arange(min(g.n, 50)), seed=1, exact_max=1_000, samples=64)
    assert np.isfinite(pos.pagerank).all() and abs(pos.pagerank.sum() - 1) < 1e-6
    assert pos.betweenness_sample == 64 and (pos.betweenness >= 0).all()
    assert pos.core.max() >= 3
    top = list(np.argsort(-pos.pagerank)[:30])
    chosen = sp.celf(sp.cascade(g), top, 5, runs=100, seed=1)
    assert len(chosen.seeds) == 5 and chosen.gains == sorted(chosen.gains, reverse=True)


def _write_settings(ws: Path, block: str) -> None:
    path = ws / "strategy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("settings:\n", "settings:\n" + block), encoding="utf-8")


def _people(ws: Path) -> list[str]:
    """Every handle and name of a person in the workspace's step 3 tables."""
    w = load_workspace(ws)
    found = set(w.table("influencers")["handle"]) | set(w.table("influencers")["name"].dropna())
    inter = w.table("interactions")
    found |= set(inter["source"]) | set(inter["target"].dropna())
    found |= set(w.table("ambassadors")["name"]) | set(w.table("ambassadors")["handle"].dropna())
    own = {"roestwerk.elbufer"}
    return sorted(p for p in found - own if len(p) > 3)


def test_example_chapter_chooses_a_complementary_set(example_ws, tmp_path):
    session = start(str(example_ws), str(tmp_path / "r"), "en", REPORT_DATE, False)
    r = session.run("influencers")
    assert r.section.summary[0].code == "influencers.summary.set_better"
    assert "fitfood.maxi" not in r.chosen  # declined
    assert {t.id for t in r.section.tables} == {
        "ranking",
        "ranking_why",
        "sets",
        "overlap",
        "ambassadors",
    }
    assert {f.name for f in r.section.figures} == {"network", "spread"}
    dumped = r.section.model_dump_json()
    # private persons (customers, employees, community groups, fans) never appear by handle
    for private in ("kaffeekumpel", "ottensen.nachbarn", "hh_kaffeefan_001", "Jonas Petersen"):
        assert private not in dumped
    assert "@latteart.lena" in dumped  # a public creator may be named


def test_nothing_leaks_when_everyone_is_pseudonymised(example_ws, tmp_path):
    from matplotlib.text import Text

    _write_settings(example_ws, "  influencers:\n    pseudonymise: all\n")
    session = start(str(example_ws), str(tmp_path / "r"), "de", REPORT_DATE, False)
    r = session.run("influencers")
    session.save(r)
    people = _people(example_ws)
    texts = [r.section.model_dump_json()]
    texts += [p.read_text(encoding="utf-8") for p in (tmp_path / "r").rglob("*.json")]
    texts += [p.read_text(encoding="utf-8") for p in (tmp_path / "r").rglob("*.svg")]
    for name in r.drawers:
        fig = session.figure(r, name)
        texts += [t.get_text() for t in fig.findobj(Text)]
    blob = "\n".join(texts).lower()
    leaked = [p for p in people if p.lower() in blob]
    assert not leaked
    assert json.loads(texts[0])["section"] == "influencers"


def test_minimal_workspace_asks_for_candidates(minimal_ws, tmp_path):
    session = start(str(minimal_ws), str(tmp_path / "r"), "en", REPORT_DATE, False)
    r = session.run("influencers")
    codes = [m.code for m in r.section.open_questions]
    assert (
        "influencers.question.candidates" in codes and "influencers.question.ambassadors" in codes
    )
    session.save(r)


def test_candidates_without_interactions_are_ranked_not_simulated(example_ws, tmp_path):
    (example_ws / "interactions.csv").unlink()
    session = start(str(example_ws), str(tmp_path / "r"), "en", REPORT_DATE, False)
    r = session.run("influencers")
    assert r.section.summary[0].code == "influencers.summary.no_network"
    assert r.chosen_spread is None and len(r.chosen) == 5
    session.save(r)


def test_bad_rows_are_named(example_ws):
    (example_ws / "interactions.csv").write_text(
        "source,target,text,count\n@a,@b,,2\n@c,,,1\n@d,@e,,viele\n", encoding="utf-8"
    )
    with (example_ws / "influencers.csv").open("a", encoding="utf-8") as fh:
        fh.write("@neu;Instagram;;1000;50;;;Kaffee;Hamburg;blogger;offen;;\n")
    _write_settings(example_ws, "  influencers:\n    tiers: [100, 50, 500, 1000]\n")
    with pytest.raises(InputError) as err:
        load_workspace(example_ws)
    text = str(err.value)
    assert "interactions.csv, row 3, column 'target, text'" in text
    assert "interactions.csv, row 4, column 'count'" in text and "viele" in text  # as written
    assert "influencers.csv, row 14, column 'type'" in text and "blogger" in text
    assert "settings.influencers.tiers" in text


@pytest.mark.slow
def test_rendered_report_leaks_no_handle(example_ws, example_report_de, tmp_path):
    """HTML, Markdown, results JSON and figures of a render, everyone pseudonymised: the
    client's earlier render (the session's, same inputs) is there, so the setting's change
    executes the influencers step again and the others are reused, as for a consultant who
    changes it; nothing of the earlier, named render may leak into the new one."""
    import datetime as dt

    from social_strategy.pipeline import render
    from social_strategy.results import read_meta

    copy_render(example_report_de, tmp_path / "out")
    _write_settings(example_ws, "  influencers:\n    pseudonymise: all\n")
    folder = render(
        example_ws,
        out=tmp_path / "out",
        lang="de",
        report_date=dt.date.fromisoformat(REPORT_DATE),
        formats=("md", "html"),
        progress=lambda _: None,
    )
    assert "influencers" not in read_meta(folder / "results").reused
    people = _people(example_ws)
    files = [folder / "report.md", folder / "report.html"]
    files += list((folder / "results").rglob("*.json")) + list((folder / "results").rglob("*.svg"))
    blob = "\n".join(f.read_text(encoding="utf-8") for f in files).lower()
    assert "p-" in blob
    assert not [p for p in people if p.lower() in blob]
    shutil.rmtree(folder / "notebooks", ignore_errors=True)


def test_ambassadors_come_from_the_team_table_when_not_listed(example_ws, tmp_path):
    """Where the resources step's team table is present and no ambassadors are listed, the
    firm's own staff (not external help) are the ambassador candidates."""
    import pandas as pd

    (example_ws / "ambassadors.csv").unlink()
    session = start(str(example_ws), str(tmp_path / "r"), "en", REPORT_DATE, False)
    session.ws.tables["team"] = pd.DataFrame(
        {
            "person": ["Jonas Petersen", "Agentur X"],
            "role": ["Röster", "Ads"],
            "external": [False, True],
        }
    )
    r = session.run("influencers")
    assert len(r.ambassadors) == 1 and r.ambassadors.loc[0, "role"] == "Röster"
    codes = [f.code for f in r.section.findings]
    assert "influencers.finding.ambassadors_from_team" in codes
    # the firm's own people are named to their own firm, never pseudonymised
    assert r.ambassadors.loc[0, "label"] == "Jonas Petersen"
    assert "Agentur X" not in r.section.model_dump_json()
