"""Tone of mentions, offline: a trained linear model for German, VADER for English.

- **German**: logistic regression over word and character n-grams
  (:mod:`.tone_model`), trained by ``data/models/train_sentiment_de.py`` on PotTS (W.
  Sidorenko, MIT; without its held-out fifth) and SB-10k (Cieliebak et al. 2017, CC BY 4.0)
  and shipped as ``data/models/sentiment_de.json.gz``. The file carries the method's
  **cross-domain** scores (trained on one corpus, measured on the other, both ways) and
  their confusion matrices: those are what the report quotes and what corrects the
  negative share (:mod:`.share`). SentiWS is never used (its licence forbids commercial
  use).
- **English**: vaderSentiment (Hutto & Gilbert 2014, MIT), compound score <= -0.05 is
  negative, >= 0.05 positive, else neutral (the thresholds its authors recommend). Its
  scores and confusion matrices on the authors' gold tweets and Amazon review snippets
  (``data/models/sentiment_en.json``, written by ``data/models/measure_sentiment_en.py``)
  are what the report quotes.
- **Language**: :mod:`.language` (py3langid); ``"unknown"`` texts are scored by neither.

The scores are about tone, not about truth; a sarcastic tweet fools both scorers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from ...paths import DATA
from . import language
from .tone_model import LinearModel

MODEL_FILE = DATA / "models" / "sentiment_de.json.gz"
ENGLISH_FILE = DATA / "models" / "sentiment_en.json"
LABELS = ("negative", "neutral", "positive")
#: languages with a scorer
LANGUAGES = language.SCORED


def guess_languages(texts, terms: dict[str, list[str]] | None = None):
    """``"de"``, ``"en"`` or ``"unknown"`` for each text of a pandas Series, with the
    monitored terms (brands, products, people, hashtags: names, not language) taken out."""
    import pandas as pd

    names = [t for kind, given in (terms or {}).items() if kind != "keywords" for t in given]
    return pd.Series(language.detect_all(texts.tolist(), names), index=texts.index, dtype=object)


@cache
def german_model(path: Path = MODEL_FILE) -> LinearModel:
    """The shipped German model; ``meta["cross_domain"]`` holds its measured scores."""
    return LinearModel.load(path)


@cache
def english_scores(path: Path = ENGLISH_FILE) -> dict:
    """VADER's measured scores and confusion matrices on English gold sets."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def measured(lang: str) -> list[dict]:
    """The scorer's measurements for ``lang`` on data it was not built on (each with its
    ``confusion``); empty for a language without measurements."""
    if lang == "de":
        return list(german_model().meta.get("cross_domain", []))
    if lang == "en":
        return list(english_scores().get("measured", []))
    return []


# -- English ------------------------------------------------------------------------------
@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def english(texts: Iterable[str]) -> list[str]:
    """VADER's label for each text (compound <= -0.05 negative, >= 0.05 positive)."""
    analyzer = _vader()
    out = []
    for text in texts:
        c = analyzer.polarity_scores(str(text))["compound"]
        out.append("negative" if c <= -0.05 else "positive" if c >= 0.05 else "neutral")
    return out


def german(texts: Iterable[str]) -> list[str]:
    return german_model().predict(texts)


def label(texts: Sequence[str], languages: Sequence[str]) -> list[str]:
    """Tone per text with the scorer of its language; ``""`` for any other language
    (``"unknown"`` included): such texts are counted, not scored."""
    out: list[str] = [""] * len(texts)
    langs = np.asarray(languages, dtype=object)
    for lang, scorer in (("en", english), ("de", german)):
        idx = np.flatnonzero(langs == lang)
        if len(idx):
            for i, lab in zip(idx, scorer([texts[i] for i in idx]), strict=True):
                out[i] = lab
    return out



__all__ = [
    "ENGLISH_FILE",
    "LABELS",
    "LANGUAGES",
    "MODEL_FILE",
    "english",
    "english_scores",
    "german",
    "german_model",
    "guess_languages",
    "label",
    "measured",
]
