"""The review test firm's exports and the quarter that changes it (tests/test_review.py).

``tests/data/review_firm`` holds the hand-typed tables; its posts and mentions exports are
drawn here from a fixed process (seeded), as a German spreadsheet writes them (semicolons,
BOM, ``01.09.2026 09:00``). :func:`next_quarter` changes the workspace the way three months
do: new posts (same process: no planted change) and mentions (twice as many a week: a
planted change), more followers, a goal measured by hand, a team member leaving, a risk
added and a channel dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import shutil
from pathlib import Path

FIRM = Path(__file__).parent / "data" / "review_firm"
Q1 = dt.date(2026, 12, 1)
Q2 = dt.date(2027, 3, 1)

POSITIVE = [
    "Great repair at Review Bikes, my bike runs like new",
    "Thanks Review Bikes for the quick fix before my tour",
    "Review Bikes explained the gears so well, love this shop",
]
NEUTRAL = [
    "Does Review Bikes repair e-bikes too?",
    "Review Bikes is open on Saturday until 4 pm",
    "Which tyres does Review Bikes recommend for winter?",
]
NEGATIVE = [
    "Terrible service at Review Bikes, my bike is still broken after two weeks",
    "Review Bikes charged too much and the brakes are worse than before, awful",
    "Very disappointed with Review Bikes, rude staff and a bad repair",
]


def posts(rng: random.Random, first: dt.date, weeks: int) -> list[list[str]]:
    """Posts a week: Instagram 3, Facebook 2; reach log-normal, interactions ~5 % of reach."""
    rows = []
    for week in range(weeks):
        for channel, per_week in (("Instagram", 3), ("Facebook", 2)):
            for _ in range(per_week):
                day = first + dt.timedelta(days=7 * week + rng.randrange(7))
                hour = rng.choice((9, 12, 18))
                reach = int(rng.lognormvariate(math.log(800), 0.5))
                rate = rng.lognormvariate(math.log(0.05), 0.4)
                inter = max(0, round(reach * rate))
                rows.append(
                    [f"{day:%d.%m.%Y} {hour:02d}:00", channel, "Foto", str(reach), str(inter)]
                )
    return rows


def mentions(
    rng: random.Random, first: dt.date, weeks: int, per_week: int, answered: float
) -> list[list[str]]:
    rows = []
    for week in range(weeks):
        for _ in range(per_week):
            day = first + dt.timedelta(days=7 * week + rng.randrange(7))
            u = rng.random()
            text = rng.choice(NEGATIVE if u < 0.15 else NEUTRAL if u < 0.5 else POSITIVE)
            rows.append(
                [
                    f"{day:%d.%m.%Y} {rng.randrange(8, 20):02d}:{rng.randrange(60):02d}",
                    rng.choice(("Instagram", "Facebook", "Google")),
                    f"user{rng.randrange(10_000)}",
                    text,
                    "ja" if rng.random() < answered else "nein",
                ]
            )
    return rows


def _write(path: Path, header: list[str], rows: list[list[str]], mode: str = "w") -> None:
    new = mode == "w" or not path.exists()
    with path.open(mode, encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        if new:
            writer.writerow(header)
        writer.writerows(rows)


POSTS_HEADER = ["Datum", "Kanal", "Typ", "Reichweite", "Interaktionen"]
MENTIONS_HEADER = ["Datum", "Quelle", "Autor", "Inhalt", "Beantwortet"]


def first_quarter(target: Path, seed: int = 1) -> Path:
    """The firm as it stands at its first report (1 Dec 2026): 13 weeks of exports."""
    shutil.copytree(FIRM, target)
    rng = random.Random(seed)
    start = Q1 - dt.timedelta(days=90)  # the 91 days up to the report date
    _write(target / "posts.csv", POSTS_HEADER, posts(rng, start, 13))
    _write(target / "mentions.csv", MENTIONS_HEADER, mentions(rng, start, 13, 10, 0.55))
    return target


def next_quarter(ws: Path, seed: int = 2) -> None:
    """Three months later (1 Mar 2027), the way a quarter changes a workspace."""
    rng = random.Random(seed)
    # new posts from the same process, and twice as many mentions a week, answered more often
    later = Q1 + dt.timedelta(days=1)
    _write(ws / "posts.csv", POSTS_HEADER, posts(rng, later, 13), mode="a")
    _write(ws / "mentions.csv", MENTIONS_HEADER, mentions(rng, later, 13, 20, 0.75), mode="a")
    # followers grew a little; Facebook is dropped
    text = (ws / "channels.csv").read_text(encoding="utf-8")
    text = text.replace("Instagram,yes,@reviewbikes,1600", "Instagram,yes,@reviewbikes,1650")
    text = text.replace("2026-11-28", "2027-02-26")  # Instagram still posts
    text = text.replace("Facebook,yes,Review Bikes,700", "Facebook,no,Review Bikes,690")
    (ws / "channels.csv").write_text(text, encoding="utf-8")
    # a team member leaves
    lines = (ws / "team.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (ws / "team.csv").write_text("".join(x for x in lines if not x.startswith("Ana Lima")))
    # a risk added
    with (ws / "risks.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "A stolen customer bike is posted as sold by us,rumour,2,5,Screenshot of a "
            'classified ad,Mia Sommer,Register frame numbers,"We have never sold this bike. '
            'We are helping the owner and the police.",Team -> owner -> lawyer\n'
        )
    # a goal measured by hand, with its date
    strategy = (ws / "strategy.yaml").read_text(encoding="utf-8")
    strategy = strategy.replace(
        '    unit: "bookings a month"\n',
        '    unit: "bookings a month"\n    measured: 9\n    measured_on: 2027-02-28\n',
    )
    strategy = strategy.replace("report_date: 2026-12-01", "report_date: 2027-03-01")
    (ws / "strategy.yaml").write_text(strategy, encoding="utf-8")
