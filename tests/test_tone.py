"""Tone of mentions: the German model's measured transfer, language routing, the corrected
negative share, prediction-powered inference with the consultant's labels (coverage
simulation), the labels table and the per-mention CSV."""

from __future__ import annotations

import csv
import shutil
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import REPORT_DATE
from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps.risks import corpora, language, sentiment, share, tone
from social_strategy.steps.risks.tone_eval import macro_f1
from social_strategy.workspace import csv_format, load_workspace

DATA = Path(__file__).parent / "data"
HELD_OUT = DATA / "potts" / "heldout.tsv"
VADER_TWEETS = DATA / "vader_gold" / "tweets_GroundTruth.txt"


@cache
def held_out() -> pd.DataFrame:
    """PotTS's held-out fifth (never trained on) with the shipped model's calls, once."""
    frame = corpora.read_potts(HELD_OUT)
    return frame.assign(pred=sentiment.german(frame["text"].tolist()))


@cache
def english_tweets() -> pd.DataFrame:
    frame = corpora.read_vader_gold(VADER_TWEETS)
    return frame.assign(pred=sentiment.english(frame["text"].tolist()))


# -- the German model ------------------------------------------------------------------------
def test_shipped_german_model_carries_cross_domain_scores_that_meet_the_goal():
    meta = sentiment.german_model().meta
    directions = {(r["train"], r["test"]) for r in meta["cross_domain"]}
    assert directions == {("PotTS", "SB-10k"), ("SB-10k", "PotTS")}
    for r in meta["cross_domain"]:
        print(f"train {r['train']} test {r['test']}: accuracy {r['accuracy']}, "
              f"macro-F1 {r['macro_f1']}, majority {r['majority_accuracy']}")  # fmt: skip
        assert r["macro_f1"] >= 0.50
        assert r["accuracy"] > r["majority_accuracy"]
        conf = r["confusion"]
        assert sum(sum(row.values()) for row in conf.values()) == r["n"]
    assert "CC BY 4.0" in meta["license"] and any("MIT" in t for t in meta["trained_on"])


def test_german_model_on_held_out_potts_beats_the_majority():
    frame = held_out()
    gold, pred = frame["label"].to_numpy(), frame["pred"].to_numpy()
    majority = frame["label"].value_counts().idxmax()
    f1 = macro_f1(gold, pred)
    print(f"PotTS held-out n={len(gold)}: accuracy {(gold == pred).mean():.3f}, macro-F1 {f1:.3f}")
    assert f1 > macro_f1(gold, np.full(len(gold), majority)) + 0.3
    assert (gold == pred).mean() > (gold == majority).mean() + 0.1


def test_german_model_reads_negation_and_entities():
    calls = sentiment.german(
        [
            "Das ist leider total enttäuschend, nie wieder!",
            "Super Service, vielen Dank &amp; bis bald :)",
            "Die Filiale öffnet am Montag um 9 Uhr.",
        ]
    )
    assert calls == ["negative", "positive", "neutral"]


# -- language --------------------------------------------------------------------------------
def test_routing_sends_at_most_one_percent_of_monolingual_sets_to_the_wrong_scorer():
    english = english_tweets()["text"].iloc[::4]  # 1,050 of the 4,200 tweets
    german = held_out()["text"]
    for truth, texts in (("en", english), ("de", german)):
        langs = pd.Series(language.detect_all(texts.tolist()))
        wrong = (langs.isin(language.SCORED) & (langs != truth)).mean()
        unknown = (langs == language.UNKNOWN).mean()
        print(f"{truth}: n={len(langs)} wrong scorer {wrong:.4f}, unknown {unknown:.4f}")
        assert wrong <= 0.01
        assert unknown < 0.10


def test_short_mixed_and_other_texts_are_unknown_and_not_scored():
    texts = [
        "👍👍",
        "https://t.co/abc @firma #brand",
        "ok",
        "Nous avons attendu une heure pour un café froid, vraiment décevant.",
        "Der Kaffee war heute leider kalt und das Personal unfreundlich.",
        "The coffee was cold today and the staff were rude about it.",
    ]
    langs = language.detect_all(texts)
    assert langs == ["unknown", "unknown", "unknown", "unknown", "de", "en"]
    assert sentiment.label(texts, langs)[:4] == ["", "", "", ""]
    assert all(sentiment.label(texts, langs)[4:])


# -- the corrected share ---------------------------------------------------------------------
def _confusion(tp: int, pos: int, fp: int, others: int) -> dict:
    return {
        "negative": {"negative": tp, "neutral": pos - tp, "positive": 0},
        "neutral": {"negative": fp, "neutral": others - fp, "positive": 0},
        "positive": {"negative": 0, "neutral": 0, "positive": 0},
    }


def test_adjusted_share_undoes_known_error_rates_and_widens_with_few_gold_labels():
    # true share 0.30, tpr 0.8, fpr 0.1: the scorer calls 0.31 negative
    big = _confusion(8000, 10000, 1000, 10000)
    small = _confusion(16, 20, 2, 20)
    est = share.adjusted_share(3100, 10000, [big])
    assert est.share == pytest.approx(0.30, abs=0.005)
    assert est.low < 0.30 < est.high
    assert share.adjusted_share(3100, 10000, [small]).width > 3 * est.width
    # two domains that disagree: the interval spans both
    other = _confusion(6000, 10000, 500, 10000)
    both = share.adjusted_share(3100, 10000, [big, other])
    assert both.low <= est.low and both.high >= share.adjusted_share(3100, 10000, [other]).high
    # no confusion, or a scorer that cannot tell negatives apart: no share
    assert share.adjusted_share(3100, 10000, []) is None
    assert share.adjusted_share(3100, 10000, [_confusion(50, 100, 50, 100)]) is None


def test_adjusted_share_interval_covers_the_truth_in_simulation():
    rng = np.random.default_rng(5)
    truth, tpr, fpr, n, gold = 0.2, 0.7, 0.15, 2000, 300
    covered = 0
    for _ in range(200):
        y = rng.random(n) < truth
        called = np.where(y, rng.random(n) < tpr, rng.random(n) < fpr)
        tp = int((rng.random(gold) < tpr).sum())
        fp = int((rng.random(gold) < fpr).sum())
        est = share.adjusted_share(
            int(called.sum()), n, [_confusion(tp, gold, fp, gold)], draws=1000
        )
        covered += est.low <= y.mean() <= est.high
    assert covered / 200 >= 0.9


# -- prediction-powered inference --------------------------------------------------------------
@pytest.mark.parametrize("which", ["german", "english"])
def test_ppi_interval_covers_the_true_share_and_is_narrower_than_labels_alone(which):
    frame = held_out() if which == "german" else english_tweets()
    y_all = (frame["label"] == "negative").to_numpy().astype(float)
    f_all = (frame["pred"] == "negative").to_numpy().astype(float)
    truth = y_all.mean()
    rng = np.random.default_rng(2023)
    covered = narrower = 0
    covered_labels = 0
    ratios = []
    for _ in range(200):
        idx = rng.choice(len(frame), 100, replace=False)
        rest = np.ones(len(frame), dtype=bool)
        rest[idx] = False
        ppi = share.ppi_share(y_all[idx], f_all[idx], f_all[rest])
        alone = share.labels_only_share(y_all[idx])
        covered += ppi.low <= truth <= ppi.high
        covered_labels += alone.low <= truth <= alone.high
        narrower += ppi.width < alone.width
        ratios.append(ppi.width / alone.width)
    print(f"{which}: true share {truth:.3f}; PPI covers {covered / 200:.3f}, labels alone "
          f"{covered_labels / 200:.3f}; PPI narrower in {narrower / 200:.3f} of draws, "
          f"median width ratio {np.median(ratios):.3f}")  # fmt: skip
    assert covered / 200 >= 0.90
    assert narrower / 200 >= 0.9
    assert np.median(ratios) < 0.97


def test_ppi_with_a_useless_scorer_falls_back_to_the_labels():
    rng = np.random.default_rng(1)
    y = (rng.random(100) < 0.3).astype(float)
    noise = (rng.random(5000) < 0.5).astype(float)
    ppi = share.ppi_share(y, noise[:100], noise[100:])
    alone = share.labels_only_share(y)
    assert ppi.width <= alone.width * 1.05
    assert ppi.share == pytest.approx(alone.share, abs=0.05)


# -- the chapter with labels, the labels table, the CSV ----------------------------------------
def _labelled_workspace(tmp_path: Path, n_labels: int) -> tuple[Path, pd.DataFrame]:
    """The example with ``n_labels`` labels: the consultant agrees with the scorer except on
    every fourth mention; the second is "not about us". Returns the labels with the calls."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, ws)
    session = start(str(ws), str(tmp_path / "r0"), "en", REPORT_DATE, False)
    m = session.run("risks").mentions
    firm = m[m["about_firm"]]
    sample = tone.label_sample(firm, n_labels)
    calls = firm.set_index(tone.keys(firm))["sentiment"]
    sample["call"] = [calls[k] for k in sample["mention"]]
    labels = [c or "neutral" for c in sample["call"]]
    labels = [("negative" if lab != "negative" else "neutral") if i % 4 == 0 else lab
              for i, lab in enumerate(labels)]  # fmt: skip
    labels[1] = "Nicht über uns"
    sample["tone"] = labels
    sample.drop(columns="call").to_csv(ws / "tone_labels.csv", sep=";", index=False)
    sample["tone"] = sample["tone"].replace("Nicht über uns", "not_about_us")
    return ws, sample


def test_chapter_with_labels_gives_the_ppi_share_and_the_scorers_accuracy(tmp_path):
    ws, sample = _labelled_workspace(tmp_path, 60)
    session = start(str(ws), str(tmp_path / "r1"), "en", REPORT_DATE, False)
    result = session.run("risks")
    found = {f.code: f for f in result.section.findings}
    labelled = found["risks.finding.tone_labelled"].values
    assert labelled["labelled"] == 60 and labelled["not_about"] == 1
    assert labelled["lo_low"] <= labelled["low"] <= labelled["share"] <= labelled["high"]
    assert labelled["high"] - labelled["low"] < labelled["lo_high"] - labelled["lo_low"]
    accuracy = found["risks.finding.tone_accuracy"].values
    judged = sample[(sample["tone"] != "not_about_us") & (sample["call"] != "")]
    assert 50 <= accuracy["n"] == len(judged)
    assert accuracy["accuracy"] == pytest.approx(100 * (judged["tone"] == judged["call"]).mean())
    assert accuracy["accuracy"] < 80  # every fourth label disagrees
    assert "risks.finding.method_de_cross" in found
    assert not any(q.code == "risks.question.tone_labels" for q in result.section.open_questions)
    session.save(result)
    with (tmp_path / "r1" / "risks_mentions.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(result.mentions)
    assert {"mention", "time", "language", "tone", "terms", "spike_day", "text"} <= set(rows[0])
    assert {r["spike_day"] for r in rows} >= {"", "severe"}
    assert any("Elbufer" in r["terms"] for r in rows)


def test_chapter_without_labels_asks_for_them_and_shows_raw_and_corrected(tmp_path):
    session = start(str(EXAMPLE_WORKSPACE), str(tmp_path), "de", REPORT_DATE, False)
    result = session.run("risks")
    assert any(q.code == "risks.question.tone_labels" for q in result.section.open_questions)
    table = next(t for t in result.section.tables if t.id == "sentiment")
    de = next(r for r in table.rows if r["lang"] == "de")
    assert de["negative"] <= de["n"] and 0 <= de["raw_share"] <= 100
    assert isinstance(de["share"], float) and de["interval"]["code"] == "risks.cell.pct_interval"


def test_per_mention_csv_neutralises_formula_cells():
    m = pd.DataFrame(
        {
            "time": pd.to_datetime(["2026-10-01 10:00", "2026-10-02 11:00"]),
            "source": ["=cmd|' /C calc'!A0", "web"],
            "author": ["@evil", "+fan"],
            "text": ['=HYPERLINK("http://x","y") Elbufer', "Elbufer ist toll"],
            "lang": ["de", "de"],
            "sentiment": ["negative", "positive"],
        }
    )
    days = pd.DataFrame(
        {"tier": ["severe", ""]}, index=pd.to_datetime(["2026-10-01", "2026-10-02"])
    )
    out = tone.per_mention(m, days, {"brands": ["Elbufer"], "products": ["toll"]})
    assert out["source"].iloc[0].startswith("'=") and out["author"].tolist() == ["'@evil", "'+fan"]
    assert out["text"].iloc[0].startswith("'=HYPERLINK")
    assert out["spike_day"].tolist() == ["severe", ""]
    assert out["terms"].tolist() == ["Elbufer", "Elbufer; toll"]


def test_label_sample_is_seeded_random_and_unlabelled():
    m = pd.DataFrame(
        {
            "time": pd.date_range("2026-01-01", periods=300, freq="h"),
            "author": [f"a{i}" for i in range(300)],
            "text": [f"text {i}" for i in range(300)],
            "scored": True,
        }
    )
    a, b = tone.label_sample(m, 100), tone.label_sample(m, 100)
    assert a.equals(b) and len(a) == 100 and a["mention"].is_unique
    assert (a["tone"] == "").all()
    assert a["text"].tolist() != m["text"].head(100).tolist()


def test_workshop_grid_draws_the_sample_once_and_saves_labels(example_ws, tmp_path, monkeypatch):
    from social_strategy.forms import table_form
    from social_strategy.forms.tone import write_label_sample

    monkeypatch.setenv("SOCIAL_STRATEGY_REPORTS", str(tmp_path / "reports"))
    # the rebuild after a save is test_forms.py's subject; here the labels file is
    monkeypatch.setattr("social_strategy.forms.grid.after_save", lambda *a, **k: None)
    session = start(str(example_ws), "", "de", REPORT_DATE, True)
    assert write_label_sample(session, 30)
    path = example_ws / "tone_labels.csv"
    first = path.read_bytes()
    sep = csv_format(sorted(example_ws.glob("*.csv"))[0]).separator  # the folder's style
    assert first.count(b"\n") == 31
    assert first.splitlines()[0].decode("utf-8-sig") == sep.join(["mention", "text", "tone"])
    assert not write_label_sample(session, 30)  # never drawn again over the labels
    form = table_form(session, "tone_labels")
    form.set_cell(0, "tone", "negativ")
    form.set_cell(1, "tone", "vielleicht")
    assert not form.save()  # an unknown tone is refused, nothing written
    assert path.read_bytes() == first
    form.set_cell(1, "tone", "neutral")
    assert form.save(), form.status.value
    labels = load_workspace(example_ws).table("tone_labels")
    assert labels["tone"].head(2).tolist() == ["negative", "neutral"]
    assert labels["tone"].iloc[2:].isna().all()
