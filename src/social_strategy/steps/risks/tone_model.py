"""A linear tone model over word and character n-grams, shipped as plain coefficients.

Training uses scikit-learn's logistic regression (only :func:`fit` imports it); scoring
needs nothing but numpy: a text's features are TF-IDF weights (sublinear term frequency,
L2-normalised, as scikit-learn's ``TfidfVectorizer``) of

- lower-cased word unigrams and bigrams (links and @handles become placeholders), and
- character 2- to 5-grams inside word boundaries (``char_wb``), which carry spelling
  variants, compounds and emoticons across domains;

each class's score is the dot product with its coefficients plus its intercept; the
label is the class with the largest score.

The model file (gzipped JSON) holds the feature strings, their IDF, the coefficients, how it
was trained, on what (with licences) and its measured cross-domain scores.
"""

from __future__ import annotations

import gzip
import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LABELS = ("negative", "neutral", "positive")

_URL = re.compile(r"https?://\S+|www\.\S+")
_USER = re.compile(r"@\w+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(
    r"<3|[:;=8][-'^o]?[)(\]\[dDpP/\\|*]+|[)(][-'^]?[:;=]|\w+|[!?]",
    re.UNICODE,
)
_RT = re.compile(r"^rt\b", re.IGNORECASE)


def normalise(text: object) -> str:
    """HTML entities decoded, links and @handles replaced by placeholders, ``RT`` dropped,
    repeated letters cut to three, whitespace collapsed."""
    t = html.unescape(str(text))
    t = _URL.sub(" httpurl ", t)
    t = _USER.sub(" @user ", t)
    t = _RT.sub(" ", t.strip())
    t = re.sub(r"(\w)\1{3,}", r"\1\1\1", t)
    return _SPACE.sub(" ", t).strip()


def features(text: object) -> Counter:
    """The n-gram counts of one text (prefixed ``w:`` for words, ``c:`` for characters)."""
    t = normalise(text)
    words = [w if not w[0].isalnum() else w.lower() for w in _WORD.findall(t)]
    out: Counter = Counter("w:" + w for w in words)
    out.update("w:" + a + " " + b for a, b in itertools.pairwise(words))
    low = t.lower()
    for word in low.split(" "):
        padded = f" {word} "
        for n in range(2, 6):
            if len(padded) < n:
                break
            out.update("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


@dataclass
class LinearModel:
    """Vocabulary, IDF, coefficients (classes x features) and intercepts, with metadata."""

    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    labels: tuple[str, ...] = LABELS
    meta: dict = field(default_factory=dict)

    def matrix(self, texts: Iterable[object]):
        """Sparse TF-IDF matrix (scipy CSR) of ``texts`` over the model's vocabulary."""
        from scipy.sparse import csr_matrix, diags

        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        vocab = self.vocab
        n = 0
        for n, text in enumerate(texts, start=1):
            for f, c in features(text).items():
                j = vocab.get(f)
                if j is not None:
                    rows.append(n - 1)
                    cols.append(j)
                    counts.append(c)
        col = np.asarray(cols, dtype=np.int64)
        vals = (1.0 + np.log(np.asarray(counts, dtype=float))) * self.idf[col]
        x = csr_matrix((vals, (np.asarray(rows, dtype=np.int64), col)), shape=(n, len(vocab)))
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return (diags(1.0 / norms) @ x).tocsr()

    def scores(self, texts: Iterable[object]) -> np.ndarray:
        x = self.matrix(texts)
        return np.asarray(x @ self.coef.T) + self.intercept

    def probabilities(self, texts: Iterable[object]) -> np.ndarray:
        s = self.scores(texts)
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, texts: Iterable[object]) -> list[str]:
        texts = list(texts)
        if not texts:
            return []
        return [self.labels[i] for i in np.argmax(self.scores(texts), axis=1)]

    # -- file -------------------------------------------------------------------------
    def save(self, path: Path | str) -> None:
        order = sorted(self.vocab, key=self.vocab.get)
        data = {
            **self.meta,
            "labels": list(self.labels),
            "features": order,
            "idf": [round(float(v), 4) for v in self.idf],
            "coef": [[round(float(v), 4) for v in row] for row in self.coef],
            "intercept": [round(float(v), 5) for v in self.intercept],
        }
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        # mtime=0: the same model gives the same bytes
        with (
            open(path, "wb") as fh,
            gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz,
        ):
            gz.write(raw.encode("utf-8"))

    @classmethod
    def load(cls, path: Path | str) -> LinearModel:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        feats = data.pop("features")
        return cls(
            vocab={f: i for i, f in enumerate(feats)},
            idf=np.asarray(data.pop("idf")),
            coef=np.asarray(data.pop("coef")),
            intercept=np.asarray(data.pop("intercept")),
            labels=tuple(data.pop("labels")),
            meta=data,
        )


def fit(
    texts: Sequence[object],
    labels: Sequence[str],
    *,
    min_df: int = 3,
    c: float = 1.0,
    class_weight: str | None = "balanced",
    neutral_bias: float = 0.0,
) -> LinearModel:
    """Logistic regression (scikit-learn, lbfgs, deterministic) on TF-IDF n-grams of the
    features seen in at least ``min_df`` training texts. ``neutral_bias`` is added to the
    neutral class's intercept: a text is called negative or positive only when the model
    leans that way by more than that margin (short posts in a stream are mostly neutral)."""
    from sklearn.linear_model import LogisticRegression

    feats = [features(t) for t in texts]
    df: Counter = Counter()
    for f in feats:
        df.update(f.keys())
    vocab = {f: i for i, f in enumerate(sorted(k for k, v in df.items() if v >= min_df))}
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[f])) + 1.0 for f in vocab])
    model = LinearModel(vocab, idf, np.zeros((len(LABELS), len(vocab))), np.zeros(len(LABELS)))
    x = model.matrix(texts)
    y = np.array([LABELS.index(lab) for lab in labels])
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight)
    clf.fit(x, y)
    model.coef = clf.coef_
    model.intercept = clf.intercept_ + np.array([0.0, neutral_bias, 0.0])
    return model


__all__ = ["LABELS", "LinearModel", "features", "fit", "normalise"]
