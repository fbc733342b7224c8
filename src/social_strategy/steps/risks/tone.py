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


# -- the chapter's tone section -------------------------------------------------------------
def add_section(section, firm: pd.DataFrame, labels: pd.DataFrame | None) -> ToneSummary:
    """The tone table and findings of the risks chapter (``section``: its SectionResult)."""
    from ...results import finding, msg, table

    summary = summarise(firm, labels)
    rows = []
    for _, x in summary.rows.iterrows():
        measured = x["share"] is not None and not pd.isna(x["share"])
        rows.append(
            {
                "lang": x["lang"],
                "n": int(x["n"]),
                "negative": int(x["negative"]),
                "raw_share": x["raw_share"],
                "share": x["share"] if measured else msg("risks.cell.tone_unmeasured").model_dump(),
                "interval": msg(
                    "risks.cell.pct_interval", low=x["low"], high=x["high"]
                ).model_dump()
                if measured
                else None,
            }
        )
    section.tables.append(
        table(
            "sentiment",
            rows,
            ("lang", "n", "negative", "raw_share", "share", "interval"),
            "risks.col",
            {
                "lang": "code:risks.language",
                "n": "num",
                "negative": "num",
                "raw_share": "pct",
                "share": "pct",
            },
            labels={
                "lang": "language",
                "negative": "tone_called",
                "raw_share": "tone_raw",
                "share": "tone_corrected",
            },
            title=msg("risks.table.sentiment_title"),
            caption=msg("risks.table.tone_caption"),
        )
    )
    for _, x in summary.rows.iterrows():
        lang = msg(f"risks.language.{x['lang']}").model_dump()
        if x["share"] is None or pd.isna(x["share"]):
            section.findings.append(
                finding(
                    "risks.finding.tone_unmeasured",
                    lang=lang,
                    negative=int(x["negative"]),
                    n=int(x["n"]),
                    raw=x["raw_share"],
                )
            )
            continue
        section.findings.append(
            finding(
                "risks.finding.tone_corrected",
                "warning" if x["share"] >= 25 else "info",
                lang=lang,
                negative=int(x["negative"]),
                n=int(x["n"]),
                raw=x["raw_share"],
                share=x["share"],
                low=x["low"],
                high=x["high"],
            )
        )
    if summary.unknown:
        section.findings.append(finding("risks.finding.tone_unknown", n=summary.unknown))
    if summary.unmatched:
        section.findings.append(finding("risks.finding.tone_unmatched", n=summary.unmatched))
    if summary.ppi is not None and summary.labels_only is not None:
        narrowed = (
            1 - summary.ppi.width / summary.labels_only.width if summary.labels_only.width else 0.0
        )
        section.findings.append(
            finding(
                "risks.finding.tone_labelled",
                "warning" if summary.ppi.share >= 0.25 else "info",
                labelled=summary.labelled,
                not_about=summary.not_about_us,
                share=100 * summary.ppi.share,
                low=100 * summary.ppi.low,
                high=100 * summary.ppi.high,
                lo_low=100 * summary.labels_only.low,
                lo_high=100 * summary.labels_only.high,
                narrowed=100 * max(0.0, narrowed),
            )
        )
    elif summary.labelled:
        section.findings.append(
            finding("risks.finding.tone_few_labels", labelled=summary.labelled, need=MIN_LABELS)
        )
    else:
        section.open_questions.append(msg("risks.question.tone_labels", n=SAMPLE_SIZE))
    if summary.accuracy is not None:
        section.findings.append(
            finding(
                "risks.finding.tone_accuracy",
                accuracy=100 * summary.accuracy,
                n=summary.accuracy_n,
            )
        )
    return summary


def method_findings(section) -> None:
    """The method note: the German model's cross-domain scores and VADER's measured ones
    (never the in-domain figures)."""
    from ...results import Source, finding, msg

    # German: trained on one corpus, tested on another; English: VADER on its gold sets
    for lang, code, trained in (
        ("de", "method_de_cross", True),
        ("en", "method_en_measured", False),
    ):
        for r in sentiment.measured(lang):
            section.findings.append(
                finding(
                    f"risks.finding.{code}",
                    **({"train": r["train"]} if trained else {}),
                    test=r["test"],
                    n=r["n"],
                    accuracy=100 * r["accuracy"],
                    f1=r["macro_f1"],
                    majority=100 * r["majority_accuracy"],
                    majority_label=msg(f"risks.sentiment.{r['majority_label']}").model_dump(),
                )
            )
    section.sources.extend(
        [
            Source(
                source="W. Sidorenko, PotTS corpus of German tweets (MIT licence)",
                study="training and cross-domain test data of the German tone model",
                year="2016",
            ),
            Source(
                source="M. Cieliebak, J. Deriu, D. Egger, F. Uzdilli, SB-10k corpus of German "
                "tweets (CC BY 4.0)",
                study="training and cross-domain test data of the German tone model",
                year="2017",
            ),
            Source(
                source="C. J. Hutto and E. Gilbert, VADER (vaderSentiment, MIT licence)",
                study="English sentiment lexicon and rules and its gold tweets and reviews, "
                "ICWSM 2014",
                year="2014",
            ),
            Source(
                source="A. N. Angelopoulos, S. Bates, C. Fannjiang, M. I. Jordan, T. Zrnic, "
                "Prediction-powered inference, Science 382",
                study="negative share from labels and predictions",
                year="2023",
            ),
        ]
    )


__all__ = [
    "LABEL_TONES",
    "MIN_LABELS",
    "SAMPLE_SEED",
    "SAMPLE_SIZE",
    "ToneSummary",
    "add_section",
    "keys",
    "label_sample",
    "mention_key",
    "method_findings",
    "per_mention",
    "summarise",
]
