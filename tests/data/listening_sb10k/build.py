"""Build ``mentions.csv``: a listening export of real public German tweets (SB-10k)
relabelled to a made-up funeral home, "Bestattungshaus Lindner".

Real: the 2,000 texts (the first 2,000 of SB-10k with a tweet id ending in an even digit,
in corpus order). Made up (seeded, reproducible): the firm's handle @BestattungLindner put
in place of the first @handle of every text that has one, the authors, the follower counts,
the timestamps (90 days from 6 January 2025, fewer on weekends, one day with three times
the usual volume, written with a -08:00 UTC offset as a US-hosted tool exports them), 60
exact duplicate rows, 20 image posts without text and one 6,000-character post (an article
pasted whole). Run from the repository root:

    .venv/bin/python tests/data/listening_sb10k/build.py \
        /work/shared/testdata/sb10k/sb10k_corpus_v1.0.cgsa.tsv
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).parent
HANDLE = "@BestattungLindner"
START = pd.Timestamp("2025-01-06")
DAYS = 90
#: weekday factors Monday..Sunday (fewer mentions at the weekend)
WEEKDAY = np.array([1.15, 1.15, 1.1, 1.1, 1.0, 0.75, 0.75])
BURST_DAY = 60


def main(corpus: str) -> None:
    rng = np.random.default_rng(2025)
    texts = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            tweet_id, _label, text = line.rstrip("\n").split("\t", 2)
            if int(tweet_id[-1]) % 2 == 0:
                texts.append(re.sub(r"@\w+", HANDLE, text, count=1))
            if len(texts) == 2000:
                break
    n = len(texts)
    days = pd.date_range(START, periods=DAYS, freq="D")
    weights = WEEKDAY[days.day_of_week]
    weights[BURST_DAY] *= 3
    day = rng.choice(DAYS, size=n, p=weights / weights.sum())
    minute = rng.integers(7 * 60, 23 * 60, size=n)
    local = days[day] + pd.to_timedelta(minute, unit="min")
    pacific = local - pd.Timedelta(hours=9)  # Berlin winter time (+01:00) -> -08:00
    order = np.argsort(pacific.to_numpy(), kind="stable")
    pool = [f"nutzer_{i:03d}" for i in range(400)]
    author_p = 1 / np.arange(1, 401) ** 0.9
    authors = rng.choice(pool, size=n, p=author_p / author_p.sum())
    followers = np.round(rng.lognormal(5, 1.5, size=n)).astype(int)
    rows = [
        [
            pacific[i].strftime("%Y-%m-%dT%H:%M:00-08:00"),
            authors[i],
            texts[i],
            followers[i],
            "twitter",
        ]
        for i in order
    ]
    rows[5][2] = " ".join(texts[:60])[:6000].ljust(6000, ".")  # one whole article
    for i in rng.choice(len(rows), size=20, replace=False):
        rows[i][2] = ""  # image posts: no text
    dupes = [list(rows[i]) for i in rng.choice(len(rows), size=60, replace=False)]
    rows = rows + dupes
    rows.sort(key=lambda r: r[0])
    with (HERE / "mentions.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["Date", "Author", "Full Text", "Followers", "Page Type"])
        out.writerows(rows)


if __name__ == "__main__":
    main(sys.argv[1])
