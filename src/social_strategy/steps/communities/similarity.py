"""Near-duplicate messages: the same message again, reworded or not.

Two posts carry the same message when they say the same things, even in other words, in
another order or at another length ("Five signals your spindle is wearing out ... our rule:
two at once means a service check" against "Rule of thumb from our service team: as soon as
two of these show up, book a spindle check ..."). Two posts on one topic that say different
things share vocabulary too, so neither the topic label nor a word-by-word edit distance can
separate the two (rapidfuzz's ``token_sort_ratio`` scored such a reworded repeat 61, inside
the band of different posts).

The representation was chosen by measurement on a labelled set of 156 post pairs, German
and English (``tests/data/repeat_pairs/``, provenance beside it; ``bench/repeat_pairs.py``
prints the comparison): every message becomes a TF-IDF vector over word uni- and bigrams
and one over character 3- to 5-grams inside words (the character grams match German
compounds and inflections: "Spindelverschleiß" and "Spindel"). Term weights are
``(1 + ln tf) * idf`` with the smoothed ``idf = ln((1 + n) / (1 + df)) + 1``, fitted on the
texts compared (the content plan itself, so a plan's recurring words such as the firm's
name weigh little); each vector has unit length. The similarity of two messages is the mean
of the two cosines, times 100.

The threshold (``settings.communities.duplicate_threshold``, default :data:`THRESHOLD`) was
chosen on one half of the pair set (the seeds with odd numbers) and measured on the other:
see :data:`THRESHOLD` and docs/workspace.md for precision and recall. Messages of fewer
than ``min_words`` words (default 4) are not compared: "Frohe Ostern!" twice a year is not
spam.

Every pair is compared (sparse matrix products, in blocks of rows so memory stays linear in
the rows): a plan of 500 posts takes under a second, 3,000 posts about 7 to 9 s on one core
(``bench/repeat_pairs.py --timing``).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
from scipy import sparse

#: similarity (0-100) from which two messages are a repeat; chosen on the train half of
#: tests/data/repeat_pairs (bench/repeat_pairs.py prints the held-out precision and recall)
THRESHOLD = 26.0
#: rows compared at a time (memory: CHUNK x rows scores)
CHUNK = 256
#: word n-grams and character n-grams (inside words) of the representation
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
#: weight of the word cosine in the score (the rest is the character cosine)
WORD_WEIGHT = 0.75

_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w%]+")


def normalise(text: str) -> str:
    """Lower case, links removed, punctuation and extra spaces dropped."""
    text = _URL.sub(" ", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


def _word_grams(text: str) -> list[str]:
    words = text.split()
    grams: list[str] = []
    for n in range(WORD_NGRAMS[0], WORD_NGRAMS[1] + 1):
        grams.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def _char_grams(text: str) -> list[str]:
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):
            if len(padded) < n:
                continue
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _tfidf(docs: list[list[str]]) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows (sublinear tf, smoothed idf) of the documents' grams."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    counts: list[int] = []
    for i, doc in enumerate(docs):
        counted = Counter(doc)
        cols.extend(vocab.setdefault(g, len(vocab)) for g in counted)
        counts.extend(counted.values())
        rows.extend([i] * len(counted))
    n = len(docs)
    row_ids = np.asarray(rows, dtype=np.int64)
    col_ids = np.asarray(cols, dtype=np.int64)
    df = np.bincount(col_ids, minlength=len(vocab))
    idf = np.log((1 + n) / (1 + df)) + 1
    values = (1 + np.log(np.asarray(counts, dtype=float))) * idf[col_ids]
    norms = np.sqrt(np.bincount(row_ids, weights=values**2, minlength=n))
    norms[norms == 0] = 1.0
    values = values / norms[row_ids]
    return sparse.csr_matrix((values, (row_ids, col_ids)), shape=(n, len(vocab)))


def vectors(texts: list[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The word and character TF-IDF matrices of the texts (fitted on these texts)."""
    norm = [normalise(t) for t in texts]
    return _tfidf([_word_grams(t) for t in norm]), _tfidf([_char_grams(t) for t in norm])


def score_matrix(
    words: sparse.csr_matrix, chars: sparse.csr_matrix, rows: slice | None = None
) -> np.ndarray:
    """Similarity (0-100) of the given rows against all rows."""
    rows = rows or slice(0, words.shape[0])
    w = (words[rows] @ words.T).toarray()
    c = (chars[rows] @ chars.T).toarray()
    return 100 * (WORD_WEIGHT * w + (1 - WORD_WEIGHT) * c)


def similarities(texts: list[str]) -> np.ndarray:
    """All pairwise similarities (0-100) of the texts, fitted on these texts."""
    words, chars = vectors(texts)
    return score_matrix(words, chars)


def similarity(a: str, b: str, corpus: list[str] | None = None) -> float:
    """Similarity (0-100) of two messages; term weights are fitted on ``corpus`` (the plan's
    texts) when given, else on the two messages alone."""
    texts = [a, b, *(corpus or [])]
    return float(similarities(texts)[0, 1])


def repeat_groups(
    posts: list[dict[str, Any]], threshold: float, min_words: int
) -> list[list[dict[str, Any]]]:
    """Groups of posts whose messages are near-duplicates (each group two posts or more).

    ``posts`` carry ``text``, ``week``, ``place`` and ``own`` (one of the firm's own
    channels). Two posts on two different own channels in the same week are cross-posting
    of one announcement, not a repeat, and are not linked. Each post of a group carries
    ``pairs``: the other rows it was matched with and the score of each pair.
    """
    items = [dict(p) for p in posts if len(normalise(p["text"]).split()) >= min_words]
    if len(items) < 2:
        return []
    words, chars = vectors([p["text"] for p in items])
    parent = list(range(len(items)))
    for item in items:
        item["pairs"] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(items), CHUNK):
        stop = min(start + CHUNK, len(items))
        block = score_matrix(words, chars, slice(start, stop))
        for offset, i in enumerate(range(start, stop)):
            for j in np.nonzero(block[offset, i + 1 :] >= threshold)[0] + i + 1:
                a, b = items[i], items[int(j)]
                if a["own"] and b["own"] and a["place"] != b["place"] and a["week"] == b["week"]:
                    continue
                score = round(float(block[offset, int(j)]), 1)
                a["pairs"].append((b.get("row"), score))
                b["pairs"].append((a.get("row"), score))
                parent[find(i)] = find(int(j))
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return [g for g in groups.values() if len(g) > 1]


__all__ = [
    "CHAR_NGRAMS",
    "CHUNK",
    "THRESHOLD",
    "WORD_NGRAMS",
    "WORD_WEIGHT",
    "normalise",
    "repeat_groups",
    "score_matrix",
    "similarities",
    "similarity",
    "vectors",
]
