"""Step 3 on a firm typed from the docs alone (tests/data/harwick, README there): an English
machine-tool maker with 15 candidates, 7 of them missing from a real public interaction graph
(the GermEval 2018 co-mention graph, CC BY 4.0, handles replaced), two who share 49 of their
50 neighbours, and one off-topic account with by far the most followers.

What a correct tool must say (written down before running it, see the README):
no network rank for the seven and no accounts added for them; comparison sets from the same
candidates as the recommendation; the overlapping pair never called "different audiences";
the off-topic account not in the set without a reason; undirected links said so; every
person by handle, name or readable label; the firm's own people named; reach in whole
accounts in the summary.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from conftest import REPORT_DATE
from social_strategy.i18n import catalog
from social_strategy.notebook import start
from social_strategy.steps.influencers import graph as gm
from social_strategy.steps.influencers import network as nw
from social_strategy.steps.influencers.spread import Estimate, about

FIRM = Path(__file__).parent / "data" / "harwick"
MISSING = {
    "emo.fair.uk",
    "engineering.today",
    "made.smarter",
    "r.patel.tools",
    "tom.harwick",
    "lathe.life",
    "steelbrand",
}
PAIR = ("cnc.weekly", "toolroom.times")
OFF_TOPIC = "memes.daily"
#: private persons of the firm's list: never by handle in the report
PRIVATE = ("r.patel.tools", "jsmith.fabrication", "tom.harwick", "Tom Reed", "R. Patel")
#: a pseudonym with its readable label in front ("a customer on LinkedIn (P-AEB776)")
LABELLED = re.compile(r"[A-Za-zÄÖÜäöüß][^,;:()\n]*? \(P-[0-9A-F]{6,}\)")
CODE = re.compile(r"P-[0-9A-F]{6,}")


def bare_codes(text: str) -> list[str]:
    """Pseudonym codes that stand without a readable label."""
    return CODE.findall(LABELLED.sub("", text))


@pytest.fixture(scope="module")
def harwick(tmp_path_factory):
    ws = tmp_path_factory.mktemp("harwick") / "ws"
    shutil.copytree(FIRM, ws)
    session = start(str(ws), str(ws.parent / "r"), "en", REPORT_DATE, False)
    return session, session.run("influencers")


def _rerun(session, table: str, frame: pd.DataFrame):
    """The step again on the session's workspace with one table replaced."""
    from social_strategy.steps import step

    s = step("influencers")
    old = session.ws.tables[table]
    session.ws.tables[table] = frame
    try:
        return s.run(session.ws, session.context(s))
    finally:
        session.ws.tables[table] = old


def _codes(items) -> list[str]:
    return [m.code for m in items]


def _texts(r, lang: str) -> list[str]:
    cat = catalog(lang)
    s = r.section
    return [cat.text(m.model_dump()) for m in [*s.summary, *s.decisions, *s.actions]]


def test_candidates_missing_from_the_graph_have_no_network_position(harwick):
    _, r = harwick
    with (FIRM / "interactions.csv").open(encoding="utf-8") as fh:
        accounts = {
            h.lstrip("@") for row in csv.DictReader(fh) for h in (row["source"], row["target"])
        }
    assert r.graph.n == len(accounts) == 1719  # nobody added
    assert not MISSING & set(r.graph.index)
    ranked = r.ranked.set_index("handle")
    for h in MISSING:
        assert pd.isna(ranked.loc[h, "pr_rank"]) and pd.isna(ranked.loc[h, "pagerank"])
        assert pd.isna(ranked.loc[h, "community"]) and not ranked.loc[h, "in_graph"]
        assert "influencers.part.network_none" in str(ranked.loc[h, "why"])
    table = next(t for t in r.section.tables if t.id == "ranking")
    cells = {str(row["label"]): row["pr_rank"] for row in table.rows}
    assert cells["@emo.fair.uk"] == {"code": "influencers.cell.no_data", "values": {}}
    assert not any(c == 0 or (isinstance(c, int) and c > 1719) for c in cells.values())
    found = {f.code: f.values for f in r.section.findings}
    assert found["influencers.finding.not_in_graph"]["n"] == 7
    # a part known for only some would compare unlike with unlike: left out of every score
    assert "influencers.finding.network_not_scored" in found
    # every comparison set comes from the candidates in the graph, like the recommendation
    for comp in r.comparisons:
        assert not {r.graph.nodes[i] for i in comp.seeds} & MISSING
    in_pool = r.ranked[r.ranked["in_graph"].astype(bool) & (r.ranked["handle"] != OFF_TOPIC)]
    top = in_pool.sort_values("followers", ascending=False)["handle"][: len(r.selection.seeds)]
    by = {c.name: c for c in r.comparisons}
    assert {r.graph.nodes[i] for i in by["followers"].seeds} == set(top)
    # 8 of 15 are in the graph: not "few"
    assert "influencers.summary.few_in_graph" not in _codes(r.section.summary)


def test_overlapping_pair_is_measured_and_never_called_different(harwick):
    _, r = harwick
    # the overlap measured independently from the file: neighbours of each in the CSV
    frame = pd.read_csv(FIRM / "interactions.csv")
    pairs = pd.concat(
        [
            frame[["source", "target"]],
            frame[["target", "source"]].set_axis(["source", "target"], axis=1),
        ]
    )
    fans = {h: set(pairs.loc[pairs["target"] == "@" + h, "source"]) for h in PAIR}
    share = len(fans[PAIR[0]] & fans[PAIR[1]]) / min(len(f) for f in fans.values())
    assert share >= 0.9
    summary = _codes(r.section.summary) + _codes(r.section.findings)
    assert "influencers.summary.audiences_different" not in summary
    # with only seven candidates to choose five from, both are in the set: the summary says
    # how much they share
    assert set(PAIR) <= set(r.chosen)
    measured = {(a, b): s for a, b, _, s in r.overlaps}
    got = measured.get(PAIR, measured.get(PAIR[::-1]))
    assert got == pytest.approx(share)
    note = next(f for f in r.section.summary if f.code == "influencers.summary.audiences_overlap")
    text = catalog("en").text(note.model_dump())
    assert "@cnc.weekly" in text and "@toolroom.times" in text and "98%" in text
    assert not any("different audiences" in t for t in _texts(r, "en"))
    # a comparison set identical to the recommendation is said to be identical
    for comp in r.comparisons:
        if sorted(comp.seeds) == sorted(r.selection.seeds):
            row = next(
                row
                for row in next(t for t in r.section.tables if t.id == "sets").rows
                if row["set"] == comp.name
            )
            assert row["verdict"]["code"] == "influencers.cell.identical"


def test_off_topic_account_with_most_followers_is_not_chosen(harwick):
    _, r = harwick
    assert r.ranked.loc[r.ranked["followers"].idxmax(), "handle"] == OFF_TOPIC
    assert OFF_TOPIC not in r.chosen
    left_out = next(
        f for f in r.section.findings if f.code == "influencers.finding.off_topic_left_out"
    )
    assert left_out.values["people"] == ["@memes.daily"] and left_out.values["weight"] == 1.5
    for comp in r.comparisons:
        assert OFF_TOPIC not in {r.graph.nodes[i] for i in comp.seeds}


def test_direction_and_the_meaning_of_rank_are_said(harwick):
    _, r = harwick
    assert r.graph.direction == "undirected"
    assert "influencers.finding.direction_undirected" in _codes(r.section.findings)
    graph = next(f for f in r.section.findings if f.code == "influencers.finding.graph")
    assert graph.values["edges"] == graph.values["interactions"] == 4705  # a link counts once


def test_names_a_client_can_act_on(harwick, tmp_path):
    _, r = harwick
    labels = dict(zip(r.ranked["handle"], r.ranked["label"], strict=True))
    # public roles by handle, whatever word the client used for the type
    for h in ("mfg.association", "prof.tribology", "emo.fair.uk", "made.smarter", "steelbrand"):
        assert labels[h] == "@" + h
    # the firm's own people (team.csv) by name; one person when candidate and ambassador
    assert labels["amy.harwick"] == "Amy Clarke"
    amb = dict(zip(r.ambassadors["role"], r.ambassadors["label"], strict=True))
    assert amb["Applications engineer"] == "Amy Clarke"
    assert amb["Service technician"] == labels["tom.harwick"]
    assert labels["tom.harwick"]["values"]["platform"] == "LinkedIn"
    assert list(r.names.shown).count("tom.harwick") == 1
    # summary, decisions and actions: every code carries its label; no private handle
    for lang in ("en", "de"):
        text = "\n".join(_texts(r, lang))
        assert not bare_codes(text), text
    dumped = r.section.model_dump_json()
    assert not [p for p in PRIVATE if p in dumped]
    # the key beside the report, for the consultant
    path = r.write_key(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = {row["handle"]: row["code"] for row in csv.DictReader(lines)}
    assert rows["tom.harwick"] == labels["tom.harwick"]["values"]["code"]
    assert "amy.harwick" not in rows and "mfg.association" not in rows


def test_summary_speaks_in_whole_accounts(harwick):
    _, r = harwick
    first = r.section.summary[0]
    assert first.code.startswith("influencers.summary.set_")
    assert isinstance(first.values["spread"], int) and isinstance(first.values["other"], int)
    assert not {"low", "high", "runs"} & set(first.values)
    assert about(Estimate(135.4, 134.95, 135.85, 500)) == 135
    assert about(Estimate(737.2, 597.0, 877.0, 500)) == 700
    assert about(Estimate(12.6, 12.4, 12.8, 500)) == 13


def test_few_candidates_in_the_graph_are_said(harwick):
    session, _ = harwick
    inter = session.ws.tables["interactions"]
    keep = ~inter["source"].isin(["cnc.weekly", "toolroom.times", "machinist.yt"]) & ~inter[
        "target"
    ].isin(["cnc.weekly", "toolroom.times", "machinist.yt"])
    r = _rerun(session, "interactions", inter[keep])
    assert "influencers.summary.few_in_graph" in _codes(r.section.summary)
    few = next(f for f in r.section.summary if f.code == "influencers.summary.few_in_graph")
    assert few.values == {"n": 5, "total": 15}


def test_everyone_off_topic_is_chosen_with_the_reason(harwick):
    session, _ = harwick
    cands = session.ws.tables["influencers"]
    r = _rerun(session, "influencers", cands.assign(topics=[["memes"]] * len(cands)))
    assert len(r.chosen) == 5
    assert "influencers.finding.off_topic_chosen" in _codes(r.section.findings)


def test_undirected_rows_give_undirected_pagerank_and_mixed_is_said():
    g = nx.karate_club_graph()
    rows = pd.DataFrame(
        {
            "source": [str(u) for u, _ in g.edges()],
            "target": [str(v) for _, v in g.edges()],
            "text": None,
            "kind": "like",
            "weight": 1.0,
        }
    )
    graph = gm.from_table(rows)
    assert graph.direction == "undirected" and graph.links == g.number_of_edges()
    pr = nx.pagerank(g, weight=None)
    ours = nw.pagerank(graph)
    assert np.allclose([ours[graph.index[str(i)]] for i in range(34)], [pr[i] for i in range(34)])
    # the same rows as mentions: a directed graph, and the setting overrides the kind
    assert gm.from_table(rows.assign(kind="mention")).direction == "directed"
    assert gm.from_table(rows, "directed").direction == "directed"
    mixed = gm.from_table(rows.assign(kind=["mention"] * 10 + ["connection"] * (len(rows) - 10)))
    assert mixed.direction == "mixed" and mixed.m == 10 + 2 * (len(rows) - 10)


def test_rendered_report_has_no_bare_pseudonym(example_report_en, example_report_de):
    """The summary and action plan of a full render name every person by handle, name or a
    readable label; the key file lies beside the report, not in it."""
    for folder in (example_report_en, example_report_de):
        text = (folder / "report.md").read_text(encoding="utf-8")
        assert CODE.search(text)  # the example has private persons
        assert not bare_codes(text)
        key = folder / "results" / "pseudonym_key.csv"
        assert key.is_file()
        lines = key.read_text(encoding="utf-8").splitlines()
        handles = [row["handle"] for row in csv.DictReader(lines)]
        assert "kaffeekumpel" in handles and "kaffeekumpel" not in text


def test_overlap_flags_planted_pairs_and_not_traps():
    """Planted: pairs whose audiences share 60-100 % of the smaller one. Traps: pairs of the
    same size and in one dense community, but with disjoint audiences, and a small account
    inside a big one's audience only through one follower. Every planted pair is flagged
    (recall 1.0), no trap is (precision 1.0)."""
    from types import SimpleNamespace

    from social_strategy.steps.influencers.selection import overlaps

    nodes, src, dst = [], [], []

    def fans(hub: str, names: list[str]) -> None:
        for f in names:
            src.append(f)
            dst.append(hub)

    fans("a", [f"x{i}" for i in range(50)])
    fans("b", [f"x{i}" for i in range(20, 70)])  # 30 of 50 shared: 60 %
    fans("c", [f"y{i}" for i in range(40)])
    fans("d", [f"y{i}" for i in range(40)])  # identical audiences: 100 %
    fans("e", [f"z{i}" for i in range(50)])  # trap: same size as a, b; nothing shared
    fans("f", [f"w{i}" for i in range(50)] + ["x0"])  # trap: one shared follower in 51
    nodes = list(dict.fromkeys([*src, *dst]))
    index = {h: i for i, h in enumerate(nodes)}
    g = gm.from_arrays(nodes, np.array([index[s] for s in src]), np.array([index[t] for t in dst]))
    found = {(a, b): share for a, b, _, share in overlaps(SimpleNamespace(graph=g), list("abcdef"))}
    flagged = {pair for pair, share in found.items() if share >= 0.5}
    assert flagged == {("a", "b"), ("c", "d")}
    assert found[("a", "b")] == pytest.approx(0.6) and found[("c", "d")] == 1.0
    assert found[("a", "e")] == 0 and found[("a", "f")] == pytest.approx(1 / 50)
