"""Near-duplicate messages: the same message again, reworded or not.

Texts are normalised (lower case, links removed, punctuation and extra spaces dropped)
and compared pairwise with rapidfuzz's ``token_sort_ratio`` (0-100): the words are sorted
before an edit-distance ratio is taken, so the same words in another order score high
("Nur diese Woche 10 % günstiger: unsere Hafenmischung" against "Unsere Hafenmischung,
jetzt 10 % günstiger") while two posts on one topic that say different things score low.

The threshold (``settings.communities.duplicate_threshold``, default 85) was set on
hand-made pairs of a coffee roastery's posts: reworded repeats scored 88-92, different
posts on the same topic 45-77 (tests/test_communities.py keeps such pairs). Messages of
fewer than ``min_words`` words (default 4) are not compared: "Frohe Ostern!" twice a year
is not spam.

Every pair is compared (in blocks of rows, so memory stays linear in the rows): a plan of
500 posts takes a fraction of a second, 3,000 posts about 7 s on one core.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

#: rows compared at a time (memory: CHUNK x rows scores)
CHUNK = 256
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w%]+")


def normalise(text: str) -> str:
    text = _URL.sub(" ", text.lower())
    return " ".join(_NON_WORD.sub(" ", text).split())


def similarity(a: str, b: str) -> float:
    """Similarity of two messages after normalisation, 0-100."""
    return float(fuzz.token_sort_ratio(normalise(a), normalise(b)))


def repeat_groups(
    posts: list[dict[str, Any]], threshold: float, min_words: int
) -> list[list[dict[str, Any]]]:
    """Groups of posts whose messages are near-duplicates (each group two posts or more).

    ``posts`` carry ``text``, ``week``, ``place`` and ``own`` (one of the firm's own
    channels). Two posts on two different own channels in the same week are cross-posting
    of one announcement, not a repeat, and are not linked.
    """
    items = [p for p in posts if len(normalise(p["text"]).split()) >= min_words]
    if len(items) < 2:
        return []
    # token_sort_ratio is the plain ratio of the sorted words: sort once, not per pair
    texts = [" ".join(sorted(normalise(p["text"]).split())) for p in items]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # compared in blocks of rows, so memory grows with the plan's rows, not their square
    for start in range(0, len(items), CHUNK):
        block = process.cdist(
            texts[start : start + CHUNK],
            texts,
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            workers=1,
        )
        for offset, i in enumerate(range(start, min(start + CHUNK, len(items)))):
            for j in np.nonzero(block[offset, i + 1 :] >= threshold)[0] + i + 1:
                a, b = items[i], items[int(j)]
                if a["own"] and b["own"] and a["place"] != b["place"] and a["week"] == b["week"]:
                    continue
                parent[find(i)] = find(int(j))
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return [g for g in groups.values() if len(g) > 1]


__all__ = ["CHUNK", "normalise", "repeat_groups", "similarity"]
