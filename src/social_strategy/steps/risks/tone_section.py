"""Step 5's tone section: the negative share per language as scored, corrected and (with
the consultant's labels) made exact, and the method note on the scorers' measured scores.
The figures come from :mod:`.tone`; this module words them for the chapter."""

from __future__ import annotations

import pandas as pd

from ...results import SectionResult, Source, finding, msg, table
from . import sentiment
from .tone import MIN_LABELS, SAMPLE_SIZE, ToneSummary, summarise

_TONE_CORPUS = "training and cross-domain test data of the German tone model"
#: the tone model's sources: source, study, year, and the catalog keys of their words
#: (``sources.source.<key>``, ``sources.study.<key>``; None: the English text stands)
TONE_SOURCES: tuple[tuple[str, str, str, str | None, str], ...] = (
    (
        "W. Sidorenko, PotTS corpus of German tweets (MIT licence)",
        _TONE_CORPUS,
        "2016",
        "potts",
        "tone_corpus",
    ),
    (
        "M. Cieliebak, J. Deriu, D. Egger, F. Uzdilli, SB-10k corpus of German tweets (CC BY 4.0)",
        _TONE_CORPUS,
        "2017",
        "sb10k",
        "tone_corpus",
    ),
    (
        "C. J. Hutto and E. Gilbert, VADER (vaderSentiment, MIT licence)",
        "English sentiment lexicon and rules and its gold tweets and reviews, ICWSM 2014",
        "2014",
        "vader",
        "vader",
    ),
    (
        "A. N. Angelopoulos, S. Bates, C. Fannjiang, M. I. Jordan, T. Zrnic, "
        "Prediction-powered inference, Science 382",
        "negative share from labels and predictions",
        "2023",
        None,
        "ppi",
    ),
)


def add_tone(
    section: SectionResult, firm: pd.DataFrame, labels: pd.DataFrame | None
) -> ToneSummary:
    """The tone table and findings of the risks chapter (``section``: its SectionResult)."""
    summary = summarise(firm, labels)
    _tone_table(section, summary)
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
    _tone_notes(section, summary)
    return summary


def _tone_notes(section: SectionResult, summary: ToneSummary) -> None:
    """Mentions no scorer reads, labels that match none, the labelled share, the accuracy."""
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


def _tone_table(section: SectionResult, summary: ToneSummary) -> None:
    """Per language: mentions, how many the scorer called negative, raw and corrected share."""
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


def add_method(section: SectionResult) -> None:
    """The method note: the German model's cross-domain scores and VADER's measured ones
    (never the in-domain figures)."""
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
        Source(
            source=source,
            study=study,
            year=year,
            messages={
                field: msg(f"sources.{field}.{key}")
                for field, key in (("source", source_key), ("study", study_key))
                if key
            },
        )
        for source, study, year, source_key, study_key in TONE_SOURCES
    )


__all__ = ["TONE_SOURCES", "add_method", "add_tone"]
