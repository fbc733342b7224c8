"""The tone section of step 5: the negative share per language, corrected for the scorers'
measured errors, and made exact by the consultant's labels.

- Per language with a scorer: the raw count called negative, and the share corrected by
  adjusted classify-and-count with the scorer's cross-domain confusion matrices (its
  interval holds the sampling error and the correction's uncertainty, :mod:`.share`). A
  language without measured confusion gets no corrected share: the chapter says so.
- Mentions in no scored language (``unknown``) are counted, scored by neither.
- With labels (the workspace table ``tone_labels``: a seeded random sample of the mentions,
  labelled negative / neutral / positive / not about us): the negative share of all
  mentions by prediction-powered inference, its interval beside the labels-only one, and
  the scorers' accuracy on the labelled mentions.
- Per mention: time, language, tone, terms matched, spike day, as a CSV beside the JSON
  (cells that a spreadsheet would run as a formula are neutralised).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import sentiment
from .language import UNKNOWN
from .share import Estimate, adjusted_share, labels_only_share, ppi_share

LABEL_TONES = ("negative", "neutral", "positive", "not_about_us")
#: mentions the consultant is asked to label unless they choose another number
SAMPLE_SIZE = 100
SAMPLE_SEED = 31
#: fewer labels than this give no prediction-powered share (the normal interval needs some)
MIN_LABELS = 20


def mention_key(time: object, author: object, text: object) -> str:
    """A short stable id of a mention (its time, author and text), for matching labels."""
    raw = f"{pd.Timestamp(time).isoformat() if pd.notna(time) else ''}|{author or ''}|{text}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def keys(m: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [mention_key(t, a, x) for t, a, x in zip(m["time"], m["author"], m["text"], strict=True)],
        index=m.index,
    )


def label_sample(m: pd.DataFrame, size: int = SAMPLE_SIZE, seed: int = SAMPLE_SEED) -> pd.DataFrame:
    """A seeded random sample of the scored mentions to label, in random order (labelling the
    first k keeps a random sample of k): columns ``mention``, ``text``, ``tone`` (empty)."""
    pool = m[m["scored"]] if "scored" in m else m
    rng = np.random.default_rng(seed)
    idx = rng.permutation(len(pool))[: max(0, int(size))]
    chosen = pool.iloc[idx]
    return pd.DataFrame(
        {"mention": keys(chosen).to_numpy(), "text": chosen["text"].to_numpy(), "tone": ""}
    )


@dataclass
class ToneSummary:
    """The per-language rows and, with labels, the prediction-powered share."""

    rows: pd.DataFrame
    unknown: int
    labelled: int = 0
    not_about_us: int = 0
    unmatched: int = 0
    ppi: Estimate | None = None
    labels_only: Estimate | None = None
    accuracy: float | None = None
    accuracy_n: int = 0


def _pct(e: Estimate | None) -> tuple[float | None, float | None, float | None]:
    if e is None:
        return None, None, None
    return 100 * e.share, 100 * e.low, 100 * e.high


def summarise(m: pd.DataFrame, labels: pd.DataFrame | None = None) -> ToneSummary:
    """``m``: prepared mentions (``scored``, ``lang``, ``sentiment``); ``labels``: the
    ``tone_labels`` table (``mention``, ``tone``) or ``None``."""
    scored = m[m["scored"]]
    rows = []
    for lang in sentiment.LANGUAGES:
        group = scored[scored["lang"] == lang]
        if group.empty:
            continue
        n, k = len(group), int((group["sentiment"] == "negative").sum())
        measured = sentiment.measured(lang)
        est = adjusted_share(k, n, [r["confusion"] for r in measured])
        share, low, high = _pct(est)
        rows.append(
            {
                "lang": lang,
                "n": n,
                "negative": k,
                "raw_share": 100 * k / n,
                "share": share,
                "low": low,
                "high": high,
                "measured": bool(measured),
            }
        )
    columns = ["lang", "n", "negative", "raw_share", "share", "low", "high", "measured"]
    out = ToneSummary(
        rows=pd.DataFrame(rows, columns=columns),
        unknown=int((scored["lang"] == UNKNOWN).sum()),
    )
    if labels is None or labels.empty:
        return out
    lab = labels.assign(tone=labels["tone"].fillna("").astype(str).str.strip().str.lower())
    lab = lab[lab["tone"].isin(LABEL_TONES)].drop_duplicates("mention", keep="last")
    key = keys(scored)
    by_key = pd.Series(np.arange(len(scored)), index=key.to_numpy())
    by_key = by_key[~by_key.index.duplicated()]
    matched = lab[lab["mention"].isin(by_key.index)]
    out.unmatched = len(lab) - len(matched)
    out.labelled = len(matched)
    out.not_about_us = int((matched["tone"] == "not_about_us").sum())
    if out.labelled == 0:
        return out
    pos = by_key[matched["mention"]].to_numpy()
    predicted_negative = (scored["sentiment"] == "negative").to_numpy().astype(float)
    y = (matched["tone"] == "negative").to_numpy().astype(float)
    rest = np.ones(len(scored), dtype=bool)
    rest[pos] = False
    if out.labelled >= MIN_LABELS:
        out.ppi = ppi_share(y, predicted_negative[pos], predicted_negative[rest])
        out.labels_only = labels_only_share(y)
    tones = matched["tone"].to_numpy()
    pred = scored["sentiment"].to_numpy()[pos]
    judged = (tones != "not_about_us") & (pred != "")
    out.accuracy_n = int(judged.sum())
    if out.accuracy_n:
        out.accuracy = float((tones[judged] == pred[judged]).mean())
    return out


def _neutralise(value: object) -> object:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def per_mention(
    m: pd.DataFrame, days: pd.DataFrame | None, terms: dict[str, list[str]]
) -> pd.DataFrame:
    """One row per mention: time, source, author, language, tone, the monitored terms it
    names (``; ``-separated), spike day (the day's tier when the mention fell on a flagged
    day), text; formula cells neutralised."""
    from .monitoring import contains_any, fold

    folded = m["text"].map(fold)
    named = [[] for _ in range(len(m))]
    for kind_terms in terms.values():
        for term in kind_terms:
            for i in np.flatnonzero(contains_any(folded, [term]).to_numpy()):
                named[i].append(term)
    spike = pd.Series("", index=m.index)
    if days is not None and "tier" in days:
        tiers = days["tier"]
        day = m["time"].dt.normalize()
        spike = day.map(lambda d: tiers.get(d, "")).fillna("")
    out = pd.DataFrame(
        {
            "mention": keys(m),
            "time": m["time"].dt.strftime("%Y-%m-%d %H:%M"),
            "source": m.get("source"),
            "author": m.get("author"),
            "language": m["lang"].fillna(""),
            "tone": m["sentiment"].fillna(""),
            "terms": ["; ".join(t) for t in named],
            "spike_day": spike.to_numpy(),
            "text": m["text"],
        }
    )
    return out.map(_neutralise)


__all__ = [
    "LABEL_TONES",
    "MIN_LABELS",
    "SAMPLE_SEED",
    "SAMPLE_SIZE",
    "ToneSummary",
    "keys",
    "label_sample",
    "mention_key",
    "per_mention",
    "summarise",
]
