"""Derive this test firm's interactions.csv from the GermEval 2018 training tweets.

Source: GermEval 2018 Shared Task on the Identification of Offensive Language, training data
(Wiegand, Siegel & Ruppenhofer 2018), licensed CC BY 4.0 (LICENSE-germeval2018.md beside
this file). Changes made: only the structure is kept. Two accounts mentioned in the same
tweet form one undirected co-mention link (kind ``co_mention``, weight = tweets in common);
the tweet texts and labels are dropped, and every handle is replaced by a neutral code
(``u0001`` ...) or, for the eight accounts this fictional firm lists as candidates, by a
fictional handle. The link structure is the real one.

Run once by hand (tests only read the CSV it writes):
    .venv/bin/python tests/data/harwick/derive_interactions.py /work/shared/testdata/germeval2018
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from social_strategy.steps.influencers.graph import mentions

#: the real accounts the fictional candidates stand in for (by network position only)
CANDIDATES = {
    "vespasianus69bc": "cnc.weekly",  # shares 49 of its 50 neighbours with the next one
    "sbunners": "toolroom.times",
    "miriamozen": "memes.daily",  # the best-linked account: the off-topic one
    "krippmarie": "machinist.yt",
    "welt": "mfg.association",
    "die_gruenen": "prof.tribology",
    "jayxthexhuman": "jsmith.fabrication",
    "leggaknoppers": "amy.harwick",
}


def main(folder: str) -> None:
    lines = (Path(folder) / "germeval2018.training.txt").read_text(encoding="utf-8")
    pairs: Counter[tuple[str, str]] = Counter()
    for line in lines.splitlines():
        found = mentions(line.split("\t")[0].replace("|LBR|", " "))
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                pairs[(a, b) if a < b else (b, a)] += 1
    names: dict[str, str] = dict(CANDIDATES)
    for a, b in pairs:
        for h in (a, b):
            if h not in names:
                names[h] = f"u{len(names) - len(CANDIDATES) + 1:04d}"
    out = Path(__file__).with_name("interactions.csv")
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["source", "target", "kind", "weight"])
        for (a, b), n in pairs.items():
            w.writerow(["@" + names[a], "@" + names[b], "co_mention", n])


if __name__ == "__main__":
    main(sys.argv[1])
