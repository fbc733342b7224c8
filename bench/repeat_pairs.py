"""Repeats by meaning: which representation, which threshold, and the measured error rate.

    .venv/bin/python bench/repeat_pairs.py [--timing]

Reads the labelled pair set ``tests/data/repeat_pairs/triples.csv`` (52 seeds, German and
English, hand-written; provenance beside it). Each seed gives three pairs: the original and
its reworded repeat (label: repeat), the original and a different message on the same
topic, and the reworded repeat and that different message (label: different) -> 156 pairs,
52 repeats and 104 different.

The seeds with odd numbers are the train half, the even ones the held-out half; a seed's
three texts never cross halves. Term weights are fitted on the texts of the half being
scored (as in the workbook, where they are fitted on the content plan). For each
representation the threshold with the best F1 on the train half is chosen (ties: the
higher threshold), then precision and recall are measured on the held-out half. Every
mistake on the held-out half is printed with its seed and both texts.

Prints the comparison and the figures of the chosen representation (the one the workbook
uses, :mod:`social_strategy.steps.communities.similarity`). ``--timing`` also times the
repeat search on plans of 500 and 3,000 posts made of the set's words (wall time, one core).
"""

from __future__ import annotations

import csv
import random
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from social_strategy.steps.communities import similarity as sim

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "repeat_pairs" / "triples.csv"


def load_pairs(path: Path = DATA) -> list[dict]:
    """The labelled pairs: seed, lang, half (train / test), a, b, label (True: repeat)."""
    pairs = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            seed = int(row["seed"])
            half = "train" if seed % 2 else "test"
            o, r, d = row["original"], row["reworded"], row["different"]
            for a, b, label in ((o, r, True), (o, d, False), (r, d, False)):
                pairs.append(
                    {
                        "seed": seed,
                        "lang": row["lang"],
                        "half": half,
                        "a": a,
                        "b": b,
                        "label": label,
                    }
                )
    return pairs


def scores(pairs: list[dict], scorer: str = "tfidf") -> np.ndarray:
    """Each pair's score, term weights fitted on the texts of the pairs given."""
    if scorer == "token_sort_ratio":
        return np.array(
            [fuzz.token_sort_ratio(sim.normalise(p["a"]), sim.normalise(p["b"])) for p in pairs]
        )
    texts = list(dict.fromkeys(t for p in pairs for t in (p["a"], p["b"])))
    index = {t: i for i, t in enumerate(texts)}
    matrix = sim.similarities(texts)
    return np.array([matrix[index[p["a"]], index[p["b"]]] for p in pairs])


def precision_recall(pairs: list[dict], values: np.ndarray, threshold: float):
    labels = np.array([p["label"] for p in pairs])
    flagged = values >= threshold
    tp = int((flagged & labels).sum())
    fp = int((flagged & ~labels).sum())
    fn = int((~flagged & labels).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def best_threshold(pairs: list[dict], values: np.ndarray) -> tuple[float, float, float]:
    """(threshold, F1, margin): of the thresholds with the best F1 on these pairs, the middle
    of their range, so the threshold sits as far from both classes as the pairs allow; the
    margin is the width of that range (a wider one separates the classes better)."""
    grid = np.arange(1.0, 100.0, 0.5)
    f1s = []
    for t in grid:
        p, r, *_ = precision_recall(pairs, values, t)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    f1s = np.array(f1s)
    best = grid[np.isclose(f1s, f1s.max())]
    return (
        float(round((best.min() + best.max()) / 2 * 2) / 2),
        float(f1s.max()),
        float(best.max() - best.min()),
    )


def cross_validated_f1(pairs: list[dict], values: np.ndarray, folds: int = 4) -> float:
    """Mean F1 over folds of seeds: the threshold chosen on the other folds, F1 measured on
    the fold left out (how well a threshold chosen this way carries to unseen posts)."""
    seeds = sorted({p["seed"] for p in pairs})
    f1s = []
    for k in range(folds):
        out = set(seeds[k::folds])
        inside = [i for i, p in enumerate(pairs) if p["seed"] not in out]
        left = [i for i, p in enumerate(pairs) if p["seed"] in out]
        t, _, _ = best_threshold([pairs[i] for i in inside], values[inside])
        p, r, *_ = precision_recall([pairs[i] for i in left], values[left], t)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(f1s))


VARIANTS = {
    "token_sort_ratio (before)": ("token_sort_ratio", None, None),
    "TF-IDF words 1": ("tfidf", 1.0, (1, 1)),
    "TF-IDF words 1-2": ("tfidf", 1.0, (1, 2)),
    "TF-IDF chars 3-5": ("tfidf", 0.0, (1, 2)),
    "TF-IDF words 1-2 + chars 3-5, 3:1": ("tfidf", 0.75, (1, 2)),
    "TF-IDF words 1-2 + chars 3-5, 1:1": ("tfidf", 0.5, (1, 2)),
    "TF-IDF words 1 + chars 3-5, 3:1": ("tfidf", 0.75, (1, 1)),
    "TF-IDF words 1 + chars 3-5, 1:1": ("tfidf", 0.5, (1, 1)),
}


def main() -> None:
    pairs = load_pairs()
    train = [p for p in pairs if p["half"] == "train"]
    test = [p for p in pairs if p["half"] == "test"]
    print(
        f"pairs: {len(pairs)} ({sum(p['label'] for p in pairs)} repeats), "
        f"train {len(train)}, held-out {len(test)}; "
        f"German {sum(p['lang'] == 'de' for p in pairs)}, "
        f"English {sum(p['lang'] == 'en' for p in pairs)}"
    )
    keep = (sim.WORD_WEIGHT, sim.WORD_NGRAMS)
    ranking: list[tuple[float, float, str, float]] = []
    print(
        f"{'representation':38} {'threshold':>9} {'train F1':>8} {'CV F1':>6} {'margin':>6} "
        f"{'precision':>9} {'recall':>7}"
    )
    for name, (scorer, weight, ngrams) in VARIANTS.items():
        if weight is not None:
            sim.WORD_WEIGHT, sim.WORD_NGRAMS = weight, ngrams
        train_values = scores(train, scorer)
        t, f1, margin = best_threshold(train, train_values)
        cv = cross_validated_f1(train, train_values)
        ranking.append((round(cv, 3), margin, name, t))
        p, r, *_ = precision_recall(test, scores(test, scorer), t)
        print(f"{name:38} {t:9.1f} {f1:8.3f} {cv:6.3f} {margin:6.1f} {p:9.2f} {r:7.2f}")
        sim.WORD_WEIGHT, sim.WORD_NGRAMS = keep
    cv, margin, name, t = max(ranking)
    print(
        f"\nchosen on the train half (best cross-validated F1, then widest margin): {name}, "
        f"threshold {t}"
    )
    train_t, _, _ = best_threshold(train, scores(train))
    values = scores(test)
    p, r, tp, fp, fn = precision_recall(test, values, sim.THRESHOLD)
    print(
        f"workbook: threshold {sim.THRESHOLD} (best F1 on train: {train_t}); held-out "
        f"precision {p:.3f}, recall {r:.3f} (true repeats found {tp}, false alarms {fp}, "
        f"missed {fn})"
    )
    for pair, value in zip(test, values, strict=True):
        if (value >= sim.THRESHOLD) != pair["label"]:
            kind = "missed repeat" if pair["label"] else "false alarm"
            print(
                f"  {kind}, seed {pair['seed']} ({value:.1f}): {pair['a'][:70]!r} / "
                f"{pair['b'][:70]!r}"
            )


def timing() -> None:
    words = " ".join(t for p in load_pairs() for t in (p["a"], p["b"])).split()
    rng = random.Random(2027)
    for n in (500, 3000):
        posts = [
            {
                "row": i + 2,
                "text": " ".join(rng.choice(words) for _ in range(rng.randint(10, 40))),
                "week": f"W{i // 20}",
                "place": "forum",
                "own": False,
            }
            for i in range(n)
        ]
        start = time.perf_counter()
        sim.repeat_groups(posts, sim.THRESHOLD, 4)
        print(f"repeat search, {n} posts: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
    if "--timing" in sys.argv:
        timing()
