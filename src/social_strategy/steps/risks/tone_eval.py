"""Accuracy, macro-F1, the majority-class baseline and the confusion matrix of a tone scorer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

LABELS = ("negative", "neutral", "positive")


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    g, p = np.asarray(gold), np.asarray(pred)
    f1s = []
    for label in labels:
        tp = int(((g == label) & (p == label)).sum())
        fp = int(((g != label) & (p == label)).sum())
        fn = int(((g == label) & (p != label)).sum())
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """``{gold label: {predicted label: count}}``."""
    g, p = np.asarray(gold), np.asarray(pred)
    return {a: {b: int(((g == a) & (p == b)).sum()) for b in LABELS} for a in LABELS}


def measure(gold: Sequence[str], pred: Sequence[str], train_gold: Sequence[str]) -> dict:
    """Scores of ``pred``; the baseline answers the training set's commonest label."""
    g, p = np.asarray(list(gold)), np.asarray(list(pred))
    majority = Counter(list(train_gold)).most_common(1)[0][0]
    test_majority = Counter(g.tolist()).most_common(1)[0][0]
    return {
        "n": len(g),
        "accuracy": round(float((g == p).mean()), 4),
        "macro_f1": round(macro_f1(g, p), 4),
        "baseline_label": majority,
        "baseline_accuracy": round(float((g == majority).mean()), 4),
        "majority_label": test_majority,
        "majority_accuracy": round(float((g == test_majority).mean()), 4),
        "negative_share": round(float((g == "negative").mean()), 4),
        "predicted_negative_share": round(float((p == "negative").mean()), 4),
        "confusion": confusion(g, p),
    }


__all__ = ["LABELS", "confusion", "macro_f1", "measure"]
