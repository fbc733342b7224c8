"""Measure the English scorer (VADER) on gold sets it was not built on; write
``sentiment_en.json`` (deterministic).

    python data/models/measure_sentiment_en.py

Hutto & Gilbert's (2014) gold tweets and Amazon review snippets (MIT, in
``tests/data/vader_gold/``): accuracy, macro-F1, the majority-class baseline and the
confusion matrix of each, which correct the English negative share (:mod:`share`).
"""

from __future__ import annotations

import json
from pathlib import Path

from social_strategy.steps.risks import corpora, sentiment
from social_strategy.steps.risks.tone_eval import measure

HERE = Path(__file__).resolve().parent
GOLD = HERE.parents[1] / "tests" / "data" / "vader_gold"
OUT = HERE / "sentiment_en.json"
SETS = {
    "Hutto & Gilbert tweets": "tweets_GroundTruth.txt",
    "Hutto & Gilbert Amazon reviews": "amazonReviewSnippets_GroundTruth.txt",
}


def gold() -> dict:
    return {name: corpora.read_vader_gold(GOLD / f) for name, f in SETS.items()}


def main(out: Path = OUT) -> dict:
    measured = []
    for name, frame in gold().items():
        pred = sentiment.english(frame["text"].tolist())
        measured.append(
            {"train": "VADER", "test": name, **measure(frame["label"], pred, frame["label"])}
        )
    data = {
        "about": "VADER 3.3.2 (compound <= -0.05 negative, >= 0.05 positive) measured on "
        "English gold sets",
        "gold": "C. J. Hutto and E. Gilbert (2014), ICWSM; gold tweets and Amazon review "
        "snippets, MIT licence; mean rating <= -0.5 negative, >= 0.5 positive",
        "measured": measured,
    }
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data


if __name__ == "__main__":
    for r in main()["measured"]:
        print(
            f"{r['test']:32} n={r['n']} accuracy {r['accuracy']:.3f} macro-F1 {r['macro_f1']:.3f} "
            f"majority {r['majority_accuracy']:.3f}"
        )
