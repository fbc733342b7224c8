"""Repeats by meaning: the measured error rate on the held-out half of the labelled pairs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from social_strategy.steps.communities import similarity as sim

BENCH = Path(__file__).resolve().parents[1] / "bench" / "repeat_pairs.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("repeat_pairs_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pair_set_is_big_enough_and_bilingual(bench):
    pairs = bench.load_pairs()
    assert len(pairs) >= 150
    assert {p["lang"] for p in pairs} == {"de", "en"}
    repeats = [p for p in pairs if p["label"]]
    assert 40 <= len(repeats) <= len(pairs) - 40
    held_out = {p["seed"] for p in pairs if p["half"] == "test"}
    assert not held_out & {p["seed"] for p in pairs if p["half"] == "train"}


def test_held_out_precision_and_recall_at_the_workbook_threshold(bench):
    test = [p for p in bench.load_pairs() if p["half"] == "test"]
    precision, recall, *_ = bench.precision_recall(test, bench.scores(test), sim.THRESHOLD)
    assert precision >= 0.9
    assert recall >= 0.8


def test_the_threshold_is_the_one_chosen_on_the_train_half(bench):
    train = [p for p in bench.load_pairs() if p["half"] == "train"]
    threshold, _, _ = bench.best_threshold(train, bench.scores(train))
    assert threshold == pytest.approx(sim.THRESHOLD)


def test_the_old_word_by_word_score_misses_more_repeats(bench):
    test = [p for p in bench.load_pairs() if p["half"] == "test"]
    train = [p for p in bench.load_pairs() if p["half"] == "train"]
    old_t, _, _ = bench.best_threshold(train, bench.scores(train, "token_sort_ratio"))
    _, old_recall, *_ = bench.precision_recall(test, bench.scores(test, "token_sort_ratio"), old_t)
    _, recall, *_ = bench.precision_recall(test, bench.scores(test), sim.THRESHOLD)
    assert recall > old_recall
