"""Best posting times from the firm's own posts, with their uncertainty.

Published "best time to post" studies contradict each other; the firm's own export says more
about its own audience, if it says it with an honest error bar. Engagement is measured per
post as interactions / reach (in percent) when the export has both, else as interactions per
post. For every weekday x hour slot with at least ``min_posts_per_cell`` posts, a bootstrap
95 % interval of the mean is computed; slots with fewer posts are shown but not judged. With
fewer than ``min_posts_total`` usable posts there is no own analysis, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAMES = {
    **{n: i for i, n in enumerate(WEEKDAYS)},
    **{
        n: i
        for i, n in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{n: i for i, n in enumerate(("mo", "di", "mi", "do", "fr", "sa", "so"))},
    **{
        n: i
        for i, n in enumerate(
            ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
        )
    },
}
BOOTSTRAP = 2000


@dataclass
class Slot:
    weekday: int  # 0 = Monday
    hour: int
    n: int
    mean: float
    low: float | None = None
    high: float | None = None

    @property
    def judged(self) -> bool:
        return self.low is not None


@dataclass
class PostingTimes:
    n_posts: int
    n_rows: int
    metric: str  # "rate" (interactions / reach, %) or "interactions"
    enough: bool
    overall_mean: float | None = None
    overall_low: float | None = None
    overall_high: float | None = None
    slots: list[Slot] = field(default_factory=list)
    best: list[Slot] = field(default_factory=list)
    weekdays: list[Slot] = field(default_factory=list)  # hour = -1
    numeric_weekdays: bool = False
    channels: list[str] = field(default_factory=list)

    def matrix(self, attr: str = "mean") -> np.ndarray:
        """7 x 24 array of a slot attribute (NaN where no posts)."""
        grid = np.full((7, 24), np.nan)
        for s in self.slots:
            grid[s.weekday, s.hour] = getattr(s, attr)
        return grid


def weekday_index(value: object, weekday_1: str = "monday") -> int | None:
    """``'Di'``/``'Tuesday'``/``2`` (1 = Monday) -> 1; with ``weekday_1='sunday'``, ``3`` -> 1."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip().lower().rstrip(".")
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= 7:
            return None
        return (number - 1) % 7 if weekday_1 == "monday" else (number - 2) % 7
    return _NAMES.get(text) if text in _NAMES else _NAMES.get(text[:3])


_OFFSET = r"(?:Z|[+-]\d{2}:?\d{2})$"


def parse_times(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Timestamps as the export wrote them, and whether each one has a time of day.

    ISO timestamps (``2024-03-05 10:00``, ``2024-03-05T10:00:00+0100``) are read year first;
    German ones (``05.03.2024 10:00``) day first. A UTC offset is dropped: the wall-clock
    time in the export is the local time the audience saw, and exports that span a change to
    or from daylight saving time carry two offsets.
    """
    text = values.astype("string").str.strip().str.replace(_OFFSET, "", regex=True)
    times = pd.to_datetime(text, errors="coerce", format="ISO8601")
    rest = times.isna() & text.notna()
    if rest.any():
        times[rest] = pd.to_datetime(text[rest], errors="coerce", format="mixed", dayfirst=True)
    has_clock = text.str.contains(":", regex=False).fillna(False).astype(bool)
    return times, has_clock


def prepare(posts: pd.DataFrame, weekday_1: str = "monday") -> tuple[pd.DataFrame, str, bool]:
    """Weekday (0 = Monday), hour and the engagement value per post."""
    frame = posts.copy()
    times, has_clock = parse_times(frame["time"])
    frame["wd"] = [
        t.weekday() if pd.notna(t) else weekday_index(w, weekday_1)
        for t, w in zip(times, frame["weekday"], strict=True)
    ]
    # a date without a time of day: the hour comes from the hour column, if any
    frame["hr"] = [
        t.hour if pd.notna(t) and clock else h
        for t, clock, h in zip(times, has_clock, frame["hour"], strict=True)
    ]
    numeric = bool(frame.loc[times.isna(), "weekday"].astype(str).str.strip().str.isdigit().any())
    has_rate = frame["reach"].notna() & (frame["reach"] > 0) & frame["interactions"].notna()
    if has_rate.sum() >= max(1, 0.8 * len(frame)):
        frame = frame[has_rate].copy()
        frame["value"] = 100.0 * frame["interactions"] / frame["reach"]
        metric = "rate"
    else:
        frame = frame[frame["interactions"].notna()].copy()
        frame["value"] = frame["interactions"].astype(float)
        metric = "interactions"
    frame = frame[frame["wd"].notna() & frame["hr"].notna()]
    frame["wd"] = frame["wd"].astype(int)
    frame["hr"] = frame["hr"].astype(int)
    return frame, metric, numeric


def _interval(values: np.ndarray, rng: np.random.Generator) -> tuple[float, float]:
    samples = rng.choice(values, size=(BOOTSTRAP, len(values)), replace=True).mean(axis=1)
    low, high = np.percentile(samples, [2.5, 97.5])
    return float(low), float(high)


def analyse(
    posts: pd.DataFrame,
    *,
    min_per_cell: int,
    min_total: int,
    weekday_1: str = "monday",
    seed: int = 0,
    top: int = 3,
) -> PostingTimes:
    """Engagement by weekday and hour with bootstrap intervals (seeded: reports reproduce)."""
    frame, metric, numeric = prepare(posts, weekday_1)
    channels = sorted({str(c) for c in posts["channel"].dropna()})
    result = PostingTimes(
        n_posts=len(frame),
        n_rows=len(posts),
        metric=metric,
        enough=len(frame) >= min_total,
        numeric_weekdays=numeric,
        channels=channels,
    )
    if not result.enough:
        return result
    rng = np.random.default_rng(seed)
    values = frame["value"].to_numpy(float)
    result.overall_mean = float(values.mean())
    result.overall_low, result.overall_high = _interval(values, rng)
    for (wd, hr), cell in frame.groupby(["wd", "hr"]):
        v = cell["value"].to_numpy(float)
        slot = Slot(int(wd), int(hr), len(v), float(v.mean()))
        if len(v) >= min_per_cell:
            slot.low, slot.high = _interval(v, rng)
        result.slots.append(slot)
    for wd, cell in frame.groupby("wd"):
        v = cell["value"].to_numpy(float)
        slot = Slot(int(wd), -1, len(v), float(v.mean()))
        if len(v) >= min_per_cell:
            slot.low, slot.high = _interval(v, rng)
        result.weekdays.append(slot)
    judged = sorted((s for s in result.slots if s.judged), key=lambda s: -s.mean)
    result.best = judged[:top]
    return result
