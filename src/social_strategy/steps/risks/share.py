"""The share of negative mentions, honestly: corrected for the scorer's measured errors, and
made exact by a consultant's labels.

- :func:`adjusted_share` (adjusted classify-and-count, Forman 2008): a scorer calls a share
  ``q`` of the mentions negative; with its true-positive rate ``tpr`` and false-positive
  rate ``fpr`` measured on gold data it was not trained on, the true share is
  ``(q - fpr) / (tpr - fpr)``. The interval carries the sampling error of ``q`` and of the
  two rates (a parametric bootstrap with Beta posteriors of the rates) and, where the rates
  were measured in several directions (train on A test on B, and the reverse), spans the
  intervals of every direction: the spread between domains is part of the uncertainty.
- :func:`ppi_share` (prediction-powered inference, Angelopoulos, Bates, Fannjiang, Jordan
  & Zrnic, Science 382, 2023, with the power tuning of Angelopoulos, Duchi & Zrnic 2023,
  "PPI++"): a random sample of ``n`` mentions labelled by a person, the scorer's
  predictions on all ``N``; the estimate is the labels' mean plus a tuned multiple of the
  difference between the predictions' mean on all mentions and on the labelled ones. The
  interval is valid whatever the scorer's quality; a good scorer narrows it.
- :func:`labels_only_share`: the same labels alone (the classical interval), for showing how
  much the predictions narrowed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    share: float
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def rates(confusion: dict) -> tuple[int, int, int, int]:
    """``(negatives called negative, gold negatives, others called negative, gold others)``
    from a confusion matrix ``{gold: {predicted: count}}``."""
    neg = confusion.get("negative", {})
    tp = int(neg.get("negative", 0))
    pos = int(sum(neg.values()))
    fp = int(sum(row.get("negative", 0) for g, row in confusion.items() if g != "negative"))
    others = int(sum(sum(row.values()) for g, row in confusion.items() if g != "negative"))
    return tp, pos, fp, others


def _acc(q: np.ndarray, tpr: np.ndarray, fpr: np.ndarray) -> np.ndarray:
    denom = tpr - fpr
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(denom > 0.05, (q - fpr) / denom, np.nan)
    return np.clip(p, 0.0, 1.0)


def adjusted_share(
    k: int, n: int, confusions: Sequence[dict], *, draws: int = 4000, seed: int = 0
) -> Estimate | None:
    """Adjusted classify-and-count of the negative share from ``k`` of ``n`` mentions called
    negative, with the scorer's confusion matrices measured across domains. ``None`` when no
    confusion is given or the scorer cannot tell negatives from others (tpr - fpr <= 0.05)."""
    if n <= 0 or not confusions:
        return None
    rng = np.random.default_rng(seed)
    points, lows, highs = [], [], []
    for conf in confusions:
        tp, pos, fp, others = rates(conf)
        if pos == 0 or others == 0:
            return None
        point = float(_acc(np.array(k / n), np.array(tp / pos), np.array(fp / others)))
        if np.isnan(point):
            return None
        q = rng.binomial(n, k / n, draws) / n
        tpr = rng.beta(tp + 0.5, pos - tp + 0.5, draws)
        fpr = rng.beta(fp + 0.5, others - fp + 0.5, draws)
        p = _acc(q, tpr, fpr)
        p = p[~np.isnan(p)]
        points.append(point)
        lows.append(float(np.quantile(p, 0.025)))
        highs.append(float(np.quantile(p, 0.975)))
    return Estimate(float(np.mean(points)), min(lows), max(highs))


def labels_only_share(y: np.ndarray) -> Estimate:
    """The labels' own share with its normal (Wald) 95 % interval, clipped to [0, 1]."""
    y = np.asarray(y, dtype=float)
    n = len(y)
    m = float(y.mean())
    half = Z95 * float(y.std(ddof=1)) / np.sqrt(n) if n > 1 else 1.0
    return Estimate(m, max(0.0, m - half), min(1.0, m + half))


def ppi_share(y: np.ndarray, f_labelled: np.ndarray, f_unlabelled: np.ndarray) -> Estimate:
    """Prediction-powered mean of ``y`` (1 = negative) with its 95 % interval.

    ``f_labelled`` are the scorer's predictions (0/1 or probabilities) on the labelled
    mentions, ``f_unlabelled`` on the others. The weight ``lam`` of the predictions is
    the PPI++ choice ``cov(y, f) / ((1 + n / N) var(f))``, clipped to [0, 1] (``lam = 0`` is
    the labels alone, ``lam = 1`` plain PPI)."""
    y = np.asarray(y, dtype=float)
    fl = np.asarray(f_labelled, dtype=float)
    fu = np.asarray(f_unlabelled, dtype=float)
    n, big_n = len(y), len(fu)
    if n < 2 or big_n < 2:
        return labels_only_share(y)
    var_f = float(np.var(np.concatenate([fl, fu]), ddof=1))
    if var_f <= 0:
        lam = 0.0
    else:
        cov = float(np.cov(y, fl, ddof=1)[0, 1])
        lam = min(1.0, max(0.0, cov / ((1 + n / big_n) * var_f)))
    est = float(lam * fu.mean() + (y - lam * fl).mean())
    var = lam**2 * float(np.var(fu, ddof=1)) / big_n + float(np.var(y - lam * fl, ddof=1)) / n
    half = Z95 * np.sqrt(var)
    return Estimate(min(1.0, max(0.0, est)), max(0.0, est - half), min(1.0, est + half))


__all__ = ["Z95", "Estimate", "adjusted_share", "labels_only_share", "ppi_share", "rates"]
