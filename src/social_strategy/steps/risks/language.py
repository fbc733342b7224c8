"""The language of a mention, by py3langid (langid.py's model, shipped inside the package).

Only languages that have a tone scorer are told apart (:data:`SCORED`: German and English).
A text is ``"unknown"``, counted and scored by neither scorer, when

- it has fewer than :data:`MIN_LETTERS` letters once links, @handles and #tags are removed
  (a bare link, a name, an emoji), or
- the model, restricted to German and English, is less sure than :data:`MIN_PROBABILITY`
  (mixed or too short to tell apart), or
- the unrestricted model is sure it is a third language (a French mention is not scored
  as German or English).

The thresholds were set by ``bench/tone_bench.py`` on a monolingual English and German set
(at most 1 % routed to the wrong scorer is the goal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy as np

SCORED = ("de", "en")
UNKNOWN = "unknown"
MIN_LETTERS = 8
MIN_PROBABILITY = 0.9
#: a third language must be this sure (unrestricted model) to stop a text being scored
OTHER_PROBABILITY = 0.95

_STRIP = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|&\w+;")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@cache
def _identifier():
    """py3langid's model over all its languages, and the columns of the scored ones."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    columns = np.array([ident.nb_classes.index(lang) for lang in SCORED])
    return ident, columns


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def probabilities(text: str) -> tuple[str, float, str, float]:
    """(best scored language, its probability among the scored ones, best language of all,
    its probability among all), from one pass of the model (py3langid's own scaling of the
    scores by the square root of the text's length in bytes)."""
    ident, columns = _identifier()
    encoded = ident._encode(text)
    scores = np.asarray(ident._raw_score(encoded), dtype=float) / np.sqrt(len(encoded) or 1)
    restricted = _softmax(scores[columns])
    full = _softmax(scores)
    i, j = int(restricted.argmax()), int(full.argmax())
    return SCORED[i], float(restricted[i]), ident.nb_classes[j], float(full[j])


def _clean(text: object) -> str:
    return _STRIP.sub(" ", str(text))


def detect(text: object) -> str:
    """``"de"``, ``"en"`` or ``"unknown"``."""
    clean = _clean(text)
    if len(_LETTER.findall(clean)) < MIN_LETTERS:
        return UNKNOWN
    lang, prob, other, other_prob = probabilities(clean)
    if prob < MIN_PROBABILITY:
        return UNKNOWN
    if other not in SCORED and other_prob >= OTHER_PROBABILITY:
        return UNKNOWN
    return lang


def detect_all(texts: Iterable[object], names: Iterable[str] = ()) -> list[str]:
    """:func:`detect` for each text, with ``names`` (the firm's brands, products, people,
    hashtags) taken out first: a German brand name in an English post says nothing about
    its language."""
    pattern = names_pattern(names)
    if pattern is None:
        return [detect(t) for t in texts]
    return [detect(pattern.sub(" ", str(t))) for t in texts]


_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def names_pattern(names: Iterable[str]) -> re.Pattern | None:
    """A case-insensitive pattern of the names, each also with umlauts spelled out."""
    variants = set()
    for name in names:
        name = str(name).strip().lstrip("#@")
        if len(name) < 2:
            continue
        variants.add(name)
        variants.add("".join(_FOLD.get(c, c) for c in name))
    if not variants:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"[#@]?(?:{alternatives})", re.IGNORECASE)


__all__ = [
    "MIN_LETTERS",
    "MIN_PROBABILITY",
    "OTHER_PROBABILITY",
    "SCORED",
    "UNKNOWN",
    "detect",
    "detect_all",
    "names_pattern",
    "probabilities",
]
