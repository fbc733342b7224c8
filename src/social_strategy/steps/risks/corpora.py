"""Readers for the public gold sets the tone scorers are trained and measured on.

- PotTS (W. Sidorenko, MIT): ``label<TAB>text``; ``mixed`` tweets are left out.
- SB-10k (Cieliebak et al. 2017, CC BY 4.0): ``tweet_id<TAB>label<TAB>text``, quotes raw
  (read without CSV quoting), HTML entities decoded.
- GermEval 2018 (Wiegand, Siegel & Ruppenhofer, CC BY 4.0): ``text<TAB>coarse<TAB>fine``,
  offensive vs. other; line breaks written ``|LBR|``. An independent test only: nothing is
  trained or selected on it.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pandas as pd

LABELS = ("negative", "neutral", "positive")


def read_potts(path: Path | str) -> pd.DataFrame:
    """``line`` is the 0-based line number in the file (the project holds out ``line % 5 ==
    0`` of the full corpus)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            label, _, text = line.rstrip("\n").partition("\t")
            if label.strip() in LABELS:
                rows.append((i, label.strip(), text))
    return pd.DataFrame(rows, columns=["line", "label", "text"])


def _read_tsv(path: Path | str, names: list[str]) -> pd.DataFrame:
    """A headerless tab-separated UTF-8 corpus file, every cell as text, nothing quoted."""
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=names,
        quoting=csv.QUOTE_NONE,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8",
    )


def read_sb10k(path: Path | str) -> pd.DataFrame:
    df = _read_tsv(path, ["id", "label", "text"])
    df = df[df["label"].isin(LABELS)]
    return pd.DataFrame(
        {"label": df["label"].to_numpy(), "text": df["text"].map(html.unescape).to_numpy()}
    )


def read_germeval2018(path: Path | str) -> pd.DataFrame:
    df = _read_tsv(path, ["text", "coarse", "fine"])
    df["text"] = df["text"].str.replace("|LBR|", " ", regex=False).map(html.unescape)
    return df


def read_vader_gold(path: Path | str) -> pd.DataFrame:
    """Hutto & Gilbert's (2014) English gold: ``id<TAB>mean rating<TAB>text``; a mean rating
    <= -0.5 is negative, >= 0.5 positive, else neutral."""
    rows = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t", 2)
            if len(parts) != 3:
                continue
            rating = float(parts[1])
            label = "negative" if rating <= -0.5 else "positive" if rating >= 0.5 else "neutral"
            rows.append((label, rating, parts[2]))
    return pd.DataFrame(rows, columns=["label", "rating", "text"])


__all__ = ["LABELS", "read_germeval2018", "read_potts", "read_sb10k", "read_vader_gold"]
