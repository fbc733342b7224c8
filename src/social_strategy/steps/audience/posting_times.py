"""Posting times from the firm's own posts, judged so that a lucky slot is not sold as a rule.

How it works (the chapter's method note says the same in the report's language):

1. **When.** A timestamp with a UTC offset (``Z``, ``+0000``, ``+01:00``, Twitter's
   ``Wed Oct 10 20:19:24 +0000 2018``, Unix seconds) is converted to the workspace's time
   zone (setting ``time_zone``, default from the firm's country); one without an offset is
   taken as local wall-clock time, and the chapter says how many were. Exports without
   timestamps give weekday and hour columns, taken as the export states them.
2. **Level.** The posts, in time order (by timestamp; without timestamps in the export's
   row order, since exports list posts chronologically), are cut into consecutive periods
   of at least 31 posts and at least eight weeks. A post is measured against the account's
   level at the time: the median of its period. Shown per slot is the median ratio to that
   level (``log(value + c)`` minus the period's median, ``c`` worth one interaction), so an
   account that grew fivefold is not mistaken for a good time slot.
3. **Robust statistic.** Posts are ranked within their period (ranks ignore heavy tails and
   the level alike); for every weekday x hour slot with at least ``min_per_cell`` posts the
   rank sum is standardised by its exact variance under random allocation within periods
   (a stratified Wilcoxon-type score).
4. **Error over all slots.** A slot is called better only when a permutation test of the
   *maximum* score over all judged slots (single-step max-T, Westfall & Young; posts
   shuffled within their periods) gives an adjusted p of at most 5 %. The permutations run
   in chunks, so memory grows with the posts, never with posts x permutations.

Rows that cannot be used are counted by reason with their row numbers, never dropped
silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from scipy.stats import rankdata

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
#: family-wise error rate of the claim "slot X is better"
ALPHA = 0.05
#: permutations in a report (p resolution 0.001; seeded, so reports reproduce)
PERMUTATIONS = 999
#: the rolling level: at least this many posts and at least this many days around a post
WINDOW_POSTS = 31
WINDOW_DAYS = 56
#: permuted cells held at once (posts x permutations per chunk): about 16 MB per array
CHUNK_CELLS = 2_000_000

#: the time zone a firm's country default to (the most populous zone where there are several)
COUNTRY_ZONES = {
    "DE": "Europe/Berlin",
    "AT": "Europe/Vienna",
    "CH": "Europe/Zurich",
    "LI": "Europe/Vaduz",
    "LU": "Europe/Luxembourg",
    "NL": "Europe/Amsterdam",
    "BE": "Europe/Brussels",
    "FR": "Europe/Paris",
    "IT": "Europe/Rome",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "DK": "Europe/Copenhagen",
    "SE": "Europe/Stockholm",
    "NO": "Europe/Oslo",
    "FI": "Europe/Helsinki",
    "PL": "Europe/Warsaw",
    "CZ": "Europe/Prague",
    "SK": "Europe/Bratislava",
    "HU": "Europe/Budapest",
    "SI": "Europe/Ljubljana",
    "HR": "Europe/Zagreb",
    "RO": "Europe/Bucharest",
    "BG": "Europe/Sofia",
    "GR": "Europe/Athens",
    "CY": "Asia/Nicosia",
    "MT": "Europe/Malta",
    "EE": "Europe/Tallinn",
    "LV": "Europe/Riga",
    "LT": "Europe/Vilnius",
    "TR": "Europe/Istanbul",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "JP": "Asia/Tokyo",
    "IN": "Asia/Kolkata",
    "BR": "America/Sao_Paulo",
}


def zone_for_country(country: str) -> str:
    """The default time zone of a two-letter country code (UTC when unknown)."""
    return COUNTRY_ZONES.get(country.upper(), "UTC")


@dataclass
class Slot:
    """One weekday x hour slot (weekday 0 = Monday)."""

    weekday: int
    hour: int
    n: int
    #: median engagement in the export's unit (% or interactions per post)
    median: float
    #: median ratio of its posts to the account's level at the time (1 = usual)
    ratio: float
    #: standardised rank score (positive: above the account's level); None when not judged
    score: float | None = None
    #: p adjusted over all judged slots (permutation test of the maximum)
    p: float | None = None
    #: the same for being worse than the account's level (test of the minimum)
    p_worse: float | None = None

    @property
    def judged(self) -> bool:
        return self.p is not None

    @property
    def better(self) -> bool:
        return self.p is not None and self.p <= ALPHA and (self.score or 0) > 0

    @property
    def worse(self) -> bool:
        """Shown to be worse than the account's level, with the error over all slots held."""
        return self.p_worse is not None and self.p_worse <= ALPHA and (self.score or 0) < 0


@dataclass
class PostingTimes:
    n_posts: int
    n_rows: int
    metric: str  # "rate" (interactions / reach, %) or "interactions"
    enough: bool
    zone: str = "UTC"
    #: timestamps converted from a UTC offset / taken as local / posts with weekday + hour only
    converted: int = 0
    naive: int = 0
    from_columns: int = 0
    #: rows not used, by reason ("time", "weekday", "hour", "interactions", "reach")
    skipped: dict[str, list[int]] = field(default_factory=dict)
    #: "time" (sorted by timestamp) or "file" (rows taken as posted in file order)
    order: str = "time"
    #: posts per period (the account's level is the median of its period)
    window: int = 0
    span_days: float | None = None
    permutations: int = 0
    overall_median: float | None = None
    slots: list[Slot] = field(default_factory=list)
    #: the judged slots with the highest scores, best first
    best: list[Slot] = field(default_factory=list)
    numeric_weekdays: bool = False
    channels: list[str] = field(default_factory=list)

    @property
    def judged(self) -> list[Slot]:
        return [s for s in self.slots if s.judged]

    @property
    def better(self) -> list[Slot]:
        """Slots shown to be better than the account's level, with the error controlled."""
        return sorted((s for s in self.slots if s.better), key=lambda s: s.p or 0)

    @property
    def n_skipped(self) -> int:
        return sum(len(rows) for rows in self.skipped.values())

    def matrix(self, attr: str = "ratio") -> np.ndarray:
        """7 x 24 array of a slot attribute (NaN where no posts)."""
        grid = np.full((7, 24), np.nan)
        for s in self.slots:
            value = getattr(s, attr)
            grid[s.weekday, s.hour] = np.nan if value is None else value
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


# -- timestamps --------------------------------------------------------------------------
_OFFSET = re.compile(
    r"^(?P<wall>.*\d:\d\d(?::\d\d(?:[.,]\d+)?)?)\s*"
    r"(?:(?P<z>Z|UTC|GMT)|(?:UTC|GMT)?(?P<sign>[+-])(?P<hh>\d{2}):?(?P<mm>\d{2}))$",
    re.IGNORECASE,
)
#: Twitter API v1 ``created_at``: ``Wed Oct 10 20:19:24 +0000 2018``
_TWITTER = re.compile(
    r"^[A-Za-z]{3} (?P<mon>[A-Za-z]{3}) (?P<day>\d{1,2}) (?P<clock>\d\d:\d\d:\d\d) "
    r"(?P<sign>[+-])(?P<hh>\d{2})(?P<mm>\d{2}) (?P<year>\d{4})$"
)
_EPOCH = re.compile(r"^\d{10}(?:\.\d+)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}")
_SLASHED = re.compile(r"^(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-]\d{2,4}")


@dataclass
class Times:
    """Parsed timestamps in local wall-clock time of the workspace's zone."""

    local: pd.Series  # datetime64 (naive, local), NaT where unreadable or absent
    has_clock: pd.Series  # bool: the value gave a time of day
    kind: pd.Series  # "offset", "naive" or "" (absent or unreadable)


def parse_times(values: pd.Series, zone: str = "Europe/Berlin") -> Times:
    """Timestamps as exports write them, in local time of ``zone``.

    ISO timestamps are read year first, dotted ones (``05.03.2024 10:00``) day first,
    slashed or dashed ones (``03/05/2024``) month first unless a first number above 12 in the
    column shows they are day first. A UTC offset converts the time to ``zone`` (daylight
    saving time included); without one the time is taken as local already.
    """
    text = values.astype("string").str.strip()
    text = text.mask(text == "")
    index = text.index
    wall = text.copy()
    offset = pd.Series(np.nan, index=index)  # minutes east of UTC

    twitter = text.str.extract(_TWITTER)
    hit = twitter["mon"].notna()
    if hit.any():
        wall[hit] = (
            twitter.loc[hit, "mon"]
            + " "
            + twitter.loc[hit, "day"]
            + " "
            + twitter.loc[hit, "year"]
            + " "
            + twitter.loc[hit, "clock"]
        )
        offset[hit] = _minutes(twitter[hit])
    rest = ~hit & text.notna()
    parts = text[rest].str.extract(_OFFSET)
    found = parts["wall"].notna()
    if found.any():
        idx = found[found].index
        wall[idx] = parts.loc[idx, "wall"].str.replace(",", ".", regex=False)
        offset[idx] = np.where(parts.loc[idx, "z"].notna(), 0.0, _minutes(parts.loc[idx]))

    epoch = text.str.match(_EPOCH).fillna(False).astype(bool)
    parsed = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    if epoch.any():
        seconds = pd.to_numeric(text[epoch], errors="coerce")
        parsed[epoch] = pd.to_datetime(seconds, unit="s", errors="coerce")
        offset[epoch] = 0.0
    todo = wall.notna() & ~epoch
    parsed[todo] = _parse_wall(wall[todo])

    has_offset = offset.notna() & parsed.notna()
    local = parsed.copy()
    if has_offset.any():
        utc = parsed[has_offset] - pd.to_timedelta(offset[has_offset], unit="min")
        local[has_offset] = (
            utc.dt.tz_localize("UTC").dt.tz_convert(ZoneInfo(zone)).dt.tz_localize(None)
        )
    has_clock = (wall.str.contains(":", regex=False).fillna(False) | epoch).astype(bool)
    kind = pd.Series("", index=index, dtype=object)
    kind[parsed.notna()] = "naive"
    kind[has_offset] = "offset"
    return Times(local, has_clock & parsed.notna(), kind)


def _minutes(parts: pd.DataFrame) -> np.ndarray:
    sign = np.where((parts["sign"] == "-").fillna(False).to_numpy(bool), -1.0, 1.0)
    hours = pd.to_numeric(parts["hh"], errors="coerce").to_numpy(float)
    minutes = pd.to_numeric(parts["mm"], errors="coerce").to_numpy(float)
    return sign * (hours * 60 + minutes)


def _parse_wall(wall: pd.Series) -> pd.Series:
    """Naive wall-clock text -> datetime64, NaT where unreadable."""
    out = pd.Series(pd.NaT, index=wall.index, dtype="datetime64[ns]")
    if wall.empty:
        return out
    iso = wall.str.match(_ISO).fillna(False).astype(bool)
    dotted = wall.str.match(_DOTTED).fillna(False).astype(bool)
    slashed = wall.str.extract(_SLASHED)
    slash = slashed["a"].notna() & ~iso & ~dotted
    day_first = bool((pd.to_numeric(slashed.loc[slash, "a"]) > 12).any())
    if iso.any():
        out[iso] = pd.to_datetime(wall[iso], errors="coerce", format="ISO8601")
    for mask, formats, dayfirst in (
        (dotted, ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y", "%d.%m.%y %H:%M"), True),
        (slash, (), day_first),
        (~iso & ~dotted & ~slash, (), False),
    ):
        left = mask & out.isna()
        for fmt in formats:
            if not left.any():
                break
            out[left] = pd.to_datetime(wall[left], errors="coerce", format=fmt)
            left = left & out.isna()
        if left.any():
            out[left] = pd.to_datetime(
                wall[left], errors="coerce", format="mixed", dayfirst=dayfirst
            )
    # retry failed ISO-looking cells (``2024-3-5``, odd separators) with the general parser
    left = iso & out.isna()
    if left.any():
        out[left] = pd.to_datetime(wall[left], errors="coerce", format="mixed")
    return out


# -- preparing the posts -----------------------------------------------------------------
@dataclass
class Prepared:
    frame: pd.DataFrame  # usable posts: wd, hr, value, order key
    metric: str
    numeric_weekdays: bool
    times: Times
    skipped: dict[str, list[int]]
    order: str


def prepare(
    posts: pd.DataFrame, weekday_1: str = "monday", zone: str = "Europe/Berlin"
) -> Prepared:
    """Weekday (0 = Monday), hour, engagement value and time order per post."""
    frame = posts.reset_index(drop=True).copy()
    rows = (
        frame["_row"].astype(int).to_numpy()
        if "_row" in frame
        else np.arange(2, len(frame) + 2)  # as a spreadsheet counts (header is row 1)
    )
    frame["row"] = rows
    times = parse_times(frame["time"], zone)
    local = times.local
    given = frame["time"].astype("string").str.strip().fillna("") != ""
    from_column = pd.Series(
        [weekday_index(w, weekday_1) for w in frame["weekday"]], index=frame.index, dtype=float
    )
    frame["wd"] = local.dt.day_of_week.astype(float).where(local.notna(), from_column)
    hour_column = pd.to_numeric(frame["hour"], errors="coerce").astype(float)
    frame["hr"] = local.dt.hour.astype(float).where(times.has_clock, hour_column)
    frame["at"] = local
    numeric = bool(frame.loc[local.isna(), "weekday"].astype(str).str.strip().str.isdigit().any())

    skipped: dict[str, list[int]] = {}

    def skip(reason: str, mask: pd.Series) -> None:
        if mask.any():
            skipped.setdefault(reason, []).extend(int(r) for r in frame.loc[mask, "row"])

    no_time = local.isna()
    bad_time = given & no_time & (frame["wd"].isna() | frame["hr"].isna())
    skip("time", bad_time)
    skip("weekday", ~bad_time & frame["wd"].isna())
    skip("hour", ~bad_time & frame["wd"].notna() & frame["hr"].isna())
    frame = frame[frame["wd"].notna() & frame["hr"].notna()].copy()

    skip("interactions", frame["interactions"].isna())
    frame = frame[frame["interactions"].notna()].copy()
    has_rate = frame["reach"].notna() & (frame["reach"] > 0)
    if len(frame) and has_rate.sum() >= 0.8 * len(frame):
        skip("reach", ~has_rate)
        frame = frame[has_rate].copy()
        frame["value"] = 100.0 * frame["interactions"].astype(float) / frame["reach"]
        metric = "rate"
    else:
        frame["value"] = frame["interactions"].astype(float)
        metric = "interactions"
    frame["wd"] = frame["wd"].astype(int)
    frame["hr"] = frame["hr"].astype(int)
    # time order: by timestamp when every usable post has one, else the export's row order
    order = "time" if len(frame) and frame["at"].notna().all() else "file"
    if order == "time":
        frame = frame.sort_values(["at", "row"], kind="stable")
    for reason in skipped:
        skipped[reason].sort()
    return Prepared(frame, metric, numeric, times, skipped, order)


def span_days(frame: pd.DataFrame, order: str) -> float | None:
    """Days the usable posts span: from their timestamps, else from the months they name."""
    if not len(frame):
        return None
    if order == "time":
        return (frame["at"].max() - frame["at"].min()).total_seconds() / 86400
    if "month" in frame and frame["month"].notna().any():
        return frame["month"].nunique() * 30.4
    return None


def window_posts(n: int, days: float | None) -> int:
    """Posts per period: at least 31 and at least eight weeks' worth (at most all posts)."""
    per_window = n * WINDOW_DAYS / days if days and days > 0 else 0
    return min(max(WINDOW_POSTS, math.ceil(per_window)), n)


def periods(n: int, window: int) -> np.ndarray:
    """Period index per post (in time order): consecutive runs of ``window`` posts, the
    last period taking the remainder."""
    count = max(1, n // max(window, 1))
    return np.minimum(np.arange(n) // max(window, 1), count - 1)


def level_ratio(values: np.ndarray, reach: np.ndarray | None, period: np.ndarray) -> np.ndarray:
    """Log of each post's ratio to the account's level then: the median of its period.

    ``c`` is added to every value and to the level, worth one interaction (1, or
    100 / median reach for rates in %), so posts without any interaction still count.
    """
    c = 100.0 / float(np.median(reach)) if reach is not None else 1.0
    logs = pd.Series(np.log(values + c))
    return (logs - logs.groupby(period).transform("median")).to_numpy(float)


# -- the test ------------------------------------------------------------------------------
def _period_ranks(values: np.ndarray, period: np.ndarray) -> np.ndarray:
    """Ranks within each period, centred on the period's mid rank (periods contiguous)."""
    ranks = np.empty(len(values))
    sizes = np.bincount(period)
    ends = np.cumsum(sizes)
    for start, end in zip(ends - sizes, ends, strict=True):
        if end > start:
            ranks[start:end] = rankdata(values[start:end]) - (end - start + 1) / 2
    return ranks


def _shuffle_within(codes: np.ndarray, period: np.ndarray, b: int, rng) -> np.ndarray:
    """``b`` copies of ``codes``, each shuffled within every period (periods contiguous)."""
    sizes = np.bincount(period)
    ends = np.cumsum(sizes)
    out = np.tile(codes, (b, 1))
    for row in out:
        for start, end in zip(ends - sizes, ends, strict=True):
            rng.shuffle(row[start:end])
    return out


def max_t_test(
    values: np.ndarray,
    groups: np.ndarray,
    judged: np.ndarray,
    *,
    period: np.ndarray | None = None,
    permutations: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Standardised rank-sum score per group, and its p adjusted over the judged groups for
    being better and for being worse than the rest.

    ``values`` in time order, ``groups`` a group index per post (0..G-1), ``judged`` a bool
    per group, ``period`` the period of each post (contiguous; see :func:`periods`). Posts
    are ranked within their period, so only posts of the same time are compared and the
    account's growth cancels out. A group's score is its rank sum divided by the rank sum's
    standard deviation when posts are allocated at random within each period; large means
    above the rest. The adjusted p of a group is the share of such allocations whose
    largest judged score reaches its score (single-step max-T, Westfall & Young), so
    claims over all judged groups together err at most at the chosen level. Allocations
    are drawn in chunks of at most ``CHUNK_CELLS`` cells: memory O(posts).
    """
    n = len(values)
    n_groups = len(judged)
    if period is None:
        period = np.zeros(n, dtype=np.int64)
    ranks = _period_ranks(values, period)
    sd = _rank_sum_sd(ranks, groups, period, n_groups)
    usable = judged & (sd > 1e-12)
    score = np.full(n_groups, np.nan)
    p = np.full(n_groups, np.nan)
    p_worse = np.full(n_groups, np.nan)
    if not usable.any():
        return score, p, p_worse
    sums = np.bincount(groups, weights=ranks, minlength=n_groups)
    score[usable] = sums[usable] / sd[usable]
    # a post in a group that is not judged goes to one extra bin, ignored
    # small labels shuffle faster: 7 x 24 slots and the extra bin fit in one byte
    code = np.where(usable[groups], groups, n_groups).astype(
        np.uint8 if n_groups < 255 else np.int64
    )
    inv_sd = np.where(usable, 1.0 / np.where(sd > 0, sd, 1.0), 0.0)
    maxima, minima = _permuted_extremes(
        code, period, ranks, inv_sd, usable, permutations=permutations, rng=rng
    )
    observed = score[usable]
    # allocations whose maximum reaches the observed score (a small tolerance for ties)
    for extremes, sign, out in ((maxima, 1.0, p), (minima, -1.0, p_worse)):
        extremes.sort()
        at_least = permutations - np.searchsorted(extremes, sign * observed - 1e-9, side="left")
        out[usable] = (1 + at_least) / (permutations + 1)
    return score, p, p_worse


def _rank_sum_sd(
    ranks: np.ndarray, groups: np.ndarray, period: np.ndarray, n_groups: int
) -> np.ndarray:
    """The exact standard deviation of each group's rank sum under allocation at random
    within periods."""
    sizes = np.bincount(period).astype(float)
    n_periods = len(sizes)
    var = np.bincount(period, weights=ranks**2) / sizes
    cell = np.bincount(groups * n_periods + period, minlength=n_groups * n_periods)
    cell = cell.reshape(n_groups, n_periods).astype(float)
    spread = np.where(sizes > 1, var * (sizes - cell) / np.maximum(sizes - 1, 1), 0.0)
    return np.sqrt((cell * spread).sum(axis=1))


def _permuted_extremes(
    code: np.ndarray,
    period: np.ndarray,
    ranks: np.ndarray,
    inv_sd: np.ndarray,
    usable: np.ndarray,
    *,
    permutations: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """The largest and (negated) smallest judged score of each random allocation within
    periods, drawn in chunks of at most ``CHUNK_CELLS`` cells."""
    n, n_groups = len(ranks), len(inv_sd)
    maxima = np.empty(permutations)
    minima = np.empty(permutations)
    chunk = max(1, min(permutations, CHUNK_CELLS // max(n, 1)))
    weights = np.tile(ranks, chunk)
    done = 0
    while done < permutations:
        b = min(chunk, permutations - done)
        # the slot labels are shuffled within periods (same as shuffling the ranks)
        ids = _shuffle_within(code, period, b, rng).astype(np.intp)
        ids += (n_groups + 1) * np.arange(b)[:, None]
        perm_sums = np.bincount(
            ids.ravel(), weights=weights[: b * n], minlength=b * (n_groups + 1)
        ).reshape(b, n_groups + 1)[:, :n_groups]
        scores = (perm_sums * inv_sd)[:, usable]
        maxima[done : done + b] = scores.max(axis=1)
        minima[done : done + b] = -scores.min(axis=1)
        done += b
    return maxima, minima


def analyse(
    posts: pd.DataFrame,
    *,
    min_per_cell: int,
    min_total: int,
    weekday_1: str = "monday",
    zone: str = "Europe/Berlin",
    seed: int = 0,
    top: int = 3,
    permutations: int = PERMUTATIONS,
) -> PostingTimes:
    """Engagement by weekday and hour, level-adjusted, with a max-T permutation test."""
    prep = prepare(posts, weekday_1, zone)
    frame = prep.frame
    kind = prep.times.kind.reset_index(drop=True)
    used = kind.loc[frame.index] if len(frame) else kind.iloc[:0]
    result = PostingTimes(
        n_posts=len(frame),
        n_rows=len(posts),
        metric=prep.metric,
        enough=len(frame) >= min_total,
        zone=zone,
        converted=int((used == "offset").sum()),
        naive=int((used == "naive").sum()),
        from_columns=int((used == "").sum()),
        skipped=prep.skipped,
        order=prep.order,
        numeric_weekdays=prep.numeric_weekdays,
        channels=sorted({str(c) for c in posts["channel"].dropna()}),
    )
    if result.enough:
        judge(
            result, prep, min_per_cell=min_per_cell, seed=seed, top=top, permutations=permutations
        )
    return result


def judge(
    result: PostingTimes,
    prep: Prepared,
    *,
    min_per_cell: int,
    seed: int = 0,
    top: int = 3,
    permutations: int = PERMUTATIONS,
) -> PostingTimes:
    """The slots of ``result`` from prepared posts: level, scores, adjusted p.

    Separate from :func:`analyse` so that simulations can reuse one export's layout
    (weekdays, hours, order) with simulated engagement.
    """
    frame = prep.frame
    values = frame["value"].to_numpy(float)
    reach = frame["reach"].to_numpy(float) if prep.metric == "rate" else None
    result.span_days = span_days(frame, prep.order)
    result.window = window_posts(len(values), result.span_days)
    period = periods(len(values), result.window)
    adjusted = level_ratio(values, reach, period)
    result.overall_median = float(np.median(values))
    groups = (frame["wd"].to_numpy(int) * 24 + frame["hr"].to_numpy(int)).astype(np.int64)
    counts = np.bincount(groups, minlength=7 * 24)
    judged = counts >= min_per_cell
    rng = np.random.default_rng(seed)
    score, p, p_worse = max_t_test(
        values, groups, judged, period=period, permutations=permutations, rng=rng
    )
    result.permutations = permutations
    order = np.argsort(groups, kind="stable")
    bounds = np.flatnonzero(np.diff(groups[order])) + 1
    result.slots = []
    for members in np.split(order, bounds):
        g = int(groups[members[0]])
        judged_here = bool(np.isfinite(p[g]))
        result.slots.append(
            Slot(
                weekday=g // 24,
                hour=g % 24,
                n=int(counts[g]),
                median=float(np.median(values[members])),
                ratio=float(np.exp(np.median(adjusted[members]))),
                score=float(score[g]) if judged_here else None,
                p=float(p[g]) if judged_here else None,
                p_worse=float(p_worse[g]) if judged_here else None,
            )
        )
    ranked = sorted(result.judged, key=lambda s: -(s.score or 0))
    result.best = ranked[:top]
    return result


__all__ = [
    "ALPHA",
    "CHUNK_CELLS",
    "COUNTRY_ZONES",
    "PERMUTATIONS",
    "WEEKDAYS",
    "WINDOW_DAYS",
    "WINDOW_POSTS",
    "PostingTimes",
    "Prepared",
    "Slot",
    "Times",
    "analyse",
    "judge",
    "level_ratio",
    "max_t_test",
    "parse_times",
    "periods",
    "prepare",
    "span_days",
    "weekday_index",
    "window_posts",
    "zone_for_country",
]
