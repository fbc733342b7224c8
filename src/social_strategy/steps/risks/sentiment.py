"""Sentiment of mentions, offline: VADER for English, a small trained model for German.

- **English**: vaderSentiment (Hutto & Gilbert 2014, MIT), compound score <= -0.05 is
  negative, >= 0.05 positive, else neutral (the thresholds its authors recommend).
- **German**: a multinomial naive Bayes over words and emoticons, trained here on four
  fifths of the PotTS corpus (German tweets with sentiment labels; W. Sidorenko, MIT) by
  :func:`train` and shipped as ``data/models/sentiment_de.json``. Every fifth tweet of the
  corpus (lines 0, 5, 10, ...) is held out and never used in training; the model file
  carries its accuracy and macro-F1 on that part, measured by :func:`evaluate`, and a test
  measures them again. SentiWS is never used (its licence forbids commercial use).

The scores are about tone, not about truth; a sarcastic tweet fools both scorers. The
chapter's method note states the measured accuracy beside the majority-class baseline.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ...paths import DATA

MODEL_FILE = DATA / "models" / "sentiment_de.json"
LABELS = ("negative", "neutral", "positive")
#: every HOLDOUT_EVERY-th line of the corpus is held out for measuring
HOLDOUT_EVERY = 5
#: words seen fewer times than this in training are not kept in the model
MIN_COUNT = 2

_URL = re.compile(r"https?://\S+|www\.\S+")
_USER = re.compile(r"@\w+")
_TOKEN = re.compile(
    r"<3|[:;=8][-'^o]?[)(\]\[dDpP/\\|*]+|[)(][-'^]?[:;=]|\w+|[!?]",
    re.UNICODE,
)
_GERMAN = frozenset(
    [
        "und",
        "der",
        "die",
        "das",
        "nicht",
        "ist",
        "ich",
        "ein",
        "eine",
        "einer",
        "mit",
        "auf",
        "für",
        "sich",
        "auch",
        "es",
        "zu",
        "den",
        "dem",
        "wir",
        "sie",
        "bei",
        "war",
        "sehr",
        "aber",
        "noch",
        "nur",
        "schon",
        "wie",
        "oder",
        "mal",
        "kein",
        "keine",
        "mehr",
        "hab",
        "habe",
        "heute",
        "euer",
        "eure",
        "ihr",
        "uns",
        "von",
        "zum",
        "zur",
        "im",
        "am",
        "über",
        "seit",
        "meine",
        "mein",
        "mir",
        "wer",
        "hat",
        "gibt",
        "warum",
        "wieder",
        "endlich",
        "danke",
        "leider",
        "diesmal",
        "ohne",
        "kommt",
        "schmeckt",
        "gesehen",
        "dann",
        "da",
        "kann",
        "will",
        "geht",
        "gar",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "is",
        "not",
        "it",
        "to",
        "of",
        "for",
        "with",
        "this",
        "that",
        "you",
        "my",
        "are",
        "be",
        "have",
        "at",
        "your",
        "but",
        "just",
        "very",
        "never",
        "again",
        "ordered",
        "order",
        "got",
        "our",
        "anyone",
        "know",
        "if",
        "ships",
        "bought",
        "bag",
        "lovely",
        "great",
        "friendly",
        "staff",
        "today",
        "waited",
        "forever",
        "service",
    ]
)


def tokens(text: str) -> list[str]:
    """Lower-case words, emoticons, ``!`` and ``?``; links and @handles become placeholders."""
    text = html.unescape(str(text))
    text = _URL.sub(" URLTOKEN ", text)
    text = _USER.sub(" USERTOKEN ", text)
    out = []
    for tok in _TOKEN.findall(text):
        out.append(tok if not tok[0].isalnum() and tok[0] != "_" else tok.lower())
    return out


def guess_language(text: str) -> str:
    """``"de"`` or ``"en"`` from common function words (umlauts tip a tie to German)."""
    words = re.findall(r"\w+", str(text).lower())
    de = sum(w in _GERMAN for w in words)
    en = sum(w in _ENGLISH for w in words)
    if de == en:
        return "de" if re.search(r"[äöüß]", str(text).lower()) or de == 0 else "en"
    return "de" if de > en else "en"


# -- the German model -------------------------------------------------------------------
@dataclass(frozen=True)
class NaiveBayes:
    """Multinomial naive Bayes: log prior per label, log likelihood per word and label."""

    labels: tuple[str, ...]
    prior: np.ndarray
    loglik: dict[str, np.ndarray]
    unseen: np.ndarray

    def predict(self, texts: Iterable[str]) -> list[str]:
        out = []
        for text in texts:
            score = self.prior.copy()
            for tok in tokens(text):
                vec = self.loglik.get(tok)
                if vec is not None:
                    score = score + vec
            out.append(self.labels[int(np.argmax(score))])
        return out


def read_potts(path: Path | str) -> list[tuple[str, str]]:
    """PotTS as ``(label, text)`` pairs; ``mixed`` tweets are left out (no single polarity)."""
    pairs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            label, _, text = line.rstrip("\n").partition("\t")
            pairs.append((label.strip(), text))
    return pairs


def split(pairs: Sequence[tuple[str, str]]) -> tuple[list, list]:
    """(training, held-out): every ``HOLDOUT_EVERY``-th line is held out."""
    train = [p for i, p in enumerate(pairs) if i % HOLDOUT_EVERY]
    held = [p for i, p in enumerate(pairs) if i % HOLDOUT_EVERY == 0]
    return train, held


def fit(pairs: Sequence[tuple[str, str]], alpha: float = 1.0) -> NaiveBayes:
    """Train on ``(label, text)`` pairs of the three labels (others are skipped)."""
    counts = {label: Counter() for label in LABELS}
    docs = Counter()
    for label, text in pairs:
        if label in counts:
            counts[label].update(tokens(text))
            docs[label] += 1
    total = Counter()
    for c in counts.values():
        total.update(c)
    vocab = sorted(t for t, n in total.items() if n >= MIN_COUNT)
    n_docs = sum(docs.values())
    prior = np.array([math.log(docs[label] / n_docs) for label in LABELS])
    sizes = np.array([sum(counts[label][t] for t in vocab) for label in LABELS], dtype=float)
    denom = sizes + alpha * (len(vocab) + 1)
    loglik = {
        t: np.log((np.array([counts[label][t] for label in LABELS]) + alpha) / denom) for t in vocab
    }
    return NaiveBayes(LABELS, prior, loglik, np.log(alpha / denom))


@dataclass(frozen=True)
class Scores:
    """Accuracy and macro-F1 of a scorer and of always answering the commonest label."""

    n: int
    accuracy: float
    macro_f1: float
    baseline_label: str
    baseline_accuracy: float
    baseline_macro_f1: float


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


def evaluate(gold: Sequence[str], pred: Sequence[str], train_gold: Sequence[str]) -> Scores:
    """Scores of ``pred`` against ``gold``; the baseline answers the training set's commonest
    label for every text."""
    majority = Counter(train_gold).most_common(1)[0][0]
    base = [majority] * len(gold)
    acc = float(np.mean([g == p for g, p in zip(gold, pred, strict=True)]))
    return Scores(
        n=len(gold),
        accuracy=acc,
        macro_f1=macro_f1(gold, pred),
        baseline_label=majority,
        baseline_accuracy=float(np.mean([g == majority for g in gold])),
        baseline_macro_f1=macro_f1(gold, base),
    )


def train(corpus: Path | str, out: Path | str = MODEL_FILE) -> Scores:
    """Train the German model on PotTS (without its held-out fifth), measure it on the
    held-out fifth, and write the model with its scores and attribution."""
    train_pairs, held = split(read_potts(corpus))
    train_pairs = [p for p in train_pairs if p[0] in LABELS]
    held = [p for p in held if p[0] in LABELS]
    model = fit(train_pairs)
    scores = evaluate(
        [g for g, _ in held], model.predict(t for _, t in held), [g for g, _ in train_pairs]
    )
    data = {
        "about": "Multinomial naive Bayes for German tweets (negative, neutral, positive).",
        "trained_on": "PotTS corpus, W. Sidorenko (github.com/WladimirSidorenko/PotTS), MIT "
        "licence; every line i with i % 5 != 0, label 'mixed' left out",
        "license": "MIT (derived from PotTS, MIT)",
        "held_out": {
            "lines": "i % 5 == 0, label 'mixed' left out",
            "n": scores.n,
            "accuracy": scores.accuracy,
            "macro_f1": scores.macro_f1,
            "baseline_label": scores.baseline_label,
            "baseline_accuracy": scores.baseline_accuracy,
            "baseline_macro_f1": scores.baseline_macro_f1,
        },
        "labels": list(LABELS),
        "prior": [round(float(v), 5) for v in model.prior],
        "unseen": [round(float(v), 5) for v in model.unseen],
        "loglik": {t: [round(float(x), 4) for x in v] for t, v in model.loglik.items()},
    }
    Path(out).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return scores


@cache
def german_model(path: Path = MODEL_FILE) -> tuple[NaiveBayes, dict]:
    """The shipped German model and its measured held-out scores."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    model = NaiveBayes(
        tuple(data["labels"]),
        np.array(data["prior"]),
        {t: np.array(v) for t, v in data["loglik"].items()},
        np.array(data["unseen"]),
    )
    return model, data["held_out"]


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
    return german_model()[0].predict(texts)


def label(texts: Sequence[str], languages: Sequence[str]) -> list[str]:
    """Sentiment per text with the scorer of its language (German for anything not English)."""
    out: list[str] = [""] * len(texts)
    en = [i for i, lang in enumerate(languages) if lang == "en"]
    de = [i for i, lang in enumerate(languages) if lang != "en"]
    for idx, labels in (
        (en, english([texts[i] for i in en])),
        (de, german([texts[i] for i in de])),
    ):
        for i, lab in zip(idx, labels, strict=True):
            out[i] = lab
    return out


if __name__ == "__main__":  # python -m social_strategy.steps.risks.sentiment PotTS.tsv
    import sys

    print(train(sys.argv[1]))


__all__ = [
    "HOLDOUT_EVERY",
    "LABELS",
    "MIN_COUNT",
    "MODEL_FILE",
    "NaiveBayes",
    "Scores",
    "english",
    "evaluate",
    "fit",
    "german",
    "german_model",
    "guess_language",
    "label",
    "macro_f1",
    "read_potts",
    "split",
    "tokens",
    "train",
]
