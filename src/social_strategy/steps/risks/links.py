"""The content plan and the risk register, linked both ways.

- a contest or campaign with a public hashtag (``#...`` in its title, teaser, message or
  topic) -> the register's hashtag-hijack and contest risks (``hijack``, ``contest``); none
  in the register is a gap: a public hashtag invites hijacking (the #myNYPD case);
- a service post -> the complaint risks it answers (``criticism``, ``neglect``, ``failure``)
  that share a word with it (``Lieferzeiten`` in the post and in the risk);
- a review answer (a post whose channel, format or text names reviews) -> the review risks
  (a risk naming reviews, else the ``criticism`` ones).

Both chapters name the links: the risks chapter per risk, the communities chapter per post.
Pure functions of the two tables; words are compared case- and umlaut-insensitively by
their first five letters (``Lieferzeit`` and ``Lieferzeiten`` meet).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .monitoring import fold

HASHTAG = re.compile(r"(?<![\w#])#\w{2,}")
REVIEW = re.compile(r"bewertung|review|rezension|rating|sterne|stars", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{5,}")
#: words too common in plans and registers to link anything
_COMMON_WORDS = (
    "antwort antworten unsere unser beitrag kunden kunde neuen neue unbeantwortet "
    "answer answers reply customer customers service posts"
)
_COMMON = frozenset(_COMMON_WORDS.split())
HIJACK = ("hijack", "contest")
SERVICE = ("criticism", "neglect", "failure")
COLUMNS = ["row", "date", "title", "channel", "link", "hashtags", "risk", "risk_id", "category"]


def _text(*values: object) -> str:
    return " ".join(str(v) for v in values if isinstance(v, str))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(fold(text)) if w not in _COMMON}


def _post_row(post: pd.Series) -> dict:
    date = post.get("date")
    return {
        "row": int(post["_row"]) if "_row" in post and pd.notna(post["_row"]) else None,
        "date": date.isoformat() if hasattr(date, "isoformat") else str(date),
        "title": post.get("title") if isinstance(post.get("title"), str) else post.get("topic"),
        "channel": post.get("channel"),
    }


def link(plan: pd.DataFrame, risks: pd.DataFrame) -> pd.DataFrame:
    """One row per (post, risk) link; a post whose risk is missing from the register has a
    row with ``risk`` None (a gap). ``link`` is ``hashtag``, ``service`` or ``review``."""
    rows: list[dict] = []
    if plan is None or plan.empty:
        return pd.DataFrame(columns=COLUMNS)
    reg = risks if risks is not None else pd.DataFrame()
    has = not reg.empty
    for _, post in plan.iterrows():
        kind = post.get("kind")
        body = _text(post.get("title"), post.get("teaser"), post.get("message"), post.get("topic"))
        where = _text(post.get("channel"), post.get("format"))
        targets: list[tuple[str, pd.DataFrame]] = []
        tags = sorted(set(HASHTAG.findall(body)))
        if kind == "contest" and tags:
            hit = reg[reg["category"].isin(HIJACK)] if has else reg
            targets.append(("hashtag", hit))
        if REVIEW.search(where) or (kind == "service" and REVIEW.search(body)):
            if has:
                named = reg[
                    [
                        bool(REVIEW.search(_text(s, e)))
                        for s, e in zip(reg["scenario"], reg["early_signals"], strict=True)
                    ]
                ]
                hit = named if not named.empty else reg[reg["category"] == "criticism"]
            else:
                hit = reg
            targets.append(("review", hit))
        elif kind == "service" and has:
            stems = _stems(_text(body, where))
            shares = [
                bool(stems & _stems(_text(s, e)))
                for s, e in zip(reg["scenario"], reg["early_signals"], strict=True)
            ]
            hit = reg[reg["category"].isin(SERVICE).to_numpy() & np.array(shares, dtype=bool)]
            if not hit.empty:
                targets.append(("service", hit))
        for how, hit in targets:
            base = {**_post_row(post), "link": how, "hashtags": tags if how == "hashtag" else []}
            if hit.empty:
                rows.append({**base, "risk": None, "risk_id": None, "category": None})
            for _, risk in hit.iterrows():
                rid = risk.get("id")
                rows.append(
                    {
                        **base,
                        "risk": risk["scenario"],
                        "risk_id": rid if isinstance(rid, str) else None,
                        "category": risk["category"],
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS)


__all__ = ["COLUMNS", "HASHTAG", "HIJACK", "REVIEW", "SERVICE", "link"]
