"""Expected reach of each channel in the target group.

For a segment (an age band in a country) and a platform, the published share of people who
use the platform (one metric only, see :data:`METRICS`) is averaged over the segment's
years of age, assuming ages are spread evenly within the segment's band. For each year of
age, each study contributes its narrowest age group containing it; the most recently
published study gives the estimate, all studies together give the range. If any year of
the segment is covered by no study, the estimate is *missing*, and the missing ages are
named. The firm's own survey figure for a segment and platform (same metric) replaces the
published ones; with its number of respondents it carries a Wilson 95 % interval. Channel
reach is the average over segments weighted by segment size (or share), over the segments
that have an estimate; ``coverage`` says how much of the audience that is.

Metrics are never mixed. A channel takes the preferred metric (setting ``reach_metric``)
when its figures cover at least :data:`MIN_COVERAGE` of the audience, else the next-best one
in :data:`METRICS` that does (weekly, then monthly, then last-3-months, then ever use), else
the metric with the widest coverage; every segment of the channel is then estimated in that
one metric, and the metric is named wherever the figure appears. Whether the target group
is on social media at all (:func:`presence`) is the same computation for the platform
``any social media``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ...reference import age_range, canonical_platform
from ...results import Source


@dataclass
class Estimate:
    """Share of one segment using one platform, in percent."""

    segment_id: str
    platform: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    #: "published", "own_survey" or "missing"
    status: str = "missing"
    metric: str = ""
    country: str = ""
    #: the segment's country has no published figure at all
    no_country: bool = False
    #: respondents behind an own survey figure
    n: int | None = None
    #: years of age no study covers (``[-1]``: the whole population figure is missing)
    missing_years: list[int] = field(default_factory=list)
    ref_ids: list[str] = field(default_factory=list)
    survey_source: Source | None = None


#: reach counts as known when the estimates cover at least this share of the audience (%)
MIN_COVERAGE = 50.0
#: reach metrics from the most to the least demanding; a figure is never converted
METRICS = (
    "daily use",
    "weekly use",
    "monthly use",
    "use in last 3 months",
    "ever use",
    "ever use, internet users",
)
#: the platform name of "uses any social network at all"
ANY = "any social media"
#: z for a two-sided 95 % interval
Z95 = 1.959963984540054


def metric_chain(preferred: str) -> list[str]:
    """The preferred metric, then the next-best ones (weekly, monthly, last 3 months, ever)."""
    if preferred not in METRICS:
        return [preferred]
    return list(METRICS[METRICS.index(preferred) :])


def wilson(pct: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a share ``pct`` (percent) among ``n`` respondents, in percent."""
    p = min(max(pct / 100.0, 0.0), 1.0)
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100.0 * max(centre - half, 0.0), 100.0 * min(centre + half, 1.0)


@dataclass
class ChannelReach:
    """Reach of one platform in the segments a channel is meant for."""

    platform: str
    value: float | None
    low: float | None
    high: float | None
    #: share of the audience (by weight) with an estimate, 0-100
    coverage: float
    missing_segments: list[str]
    #: the segments the reach is computed over
    segments: list[str] = field(default_factory=list)
    metric: str = ""
    #: some estimate comes from the firm's own survey (its interval is a Wilson interval)
    surveyed: bool = False

    @property
    def known(self) -> bool:
        """A reach figure exists and covers at least ``MIN_COVERAGE`` of the audience."""
        return self.value is not None and self.coverage >= MIN_COVERAGE


def segment_estimate(
    segment_id: str,
    band: str,
    country: str,
    platform: str,
    metric: str,
    reference: pd.DataFrame,
    survey: pd.DataFrame | None = None,
) -> Estimate:
    """Estimate the share of a segment that uses ``platform`` (see the module docstring)."""
    platform = canonical_platform(platform)
    est = Estimate(segment_id, platform, metric=metric, country=country)
    if survey is not None and not survey.empty and _from_survey(est, survey, segment_id):
        return est
    if not (reference["country"] == country).any():
        est.no_country = True
    rows = reference[
        (reference["country"] == country)
        & (reference["metric"] == metric)
        & (reference["platform"] == platform)
    ]
    span = age_range(band)
    if span is None:
        _from_all_ages(est, rows)
    else:
        _from_age_bands(est, rows, span)
    return est


def _from_survey(est: Estimate, survey: pd.DataFrame, segment_id: str) -> bool:
    """The firm's own survey figure for the segment, platform and metric, with its Wilson
    interval where the respondents are known; False when the survey has none."""
    own = survey[
        (survey["segment_id"].str.lower() == segment_id.lower())
        & (survey["platform"].map(canonical_platform) == est.platform)
        & (survey["metric"] == est.metric)
    ]
    if own.empty:
        return False
    row = own.iloc[0]
    est.value = est.low = est.high = float(row["use_pct"])
    est.status = "own_survey"
    if pd.notna(row["respondents"]):
        est.n = int(row["respondents"])
        est.low, est.high = wilson(est.value, est.n)
    year = str(int(row["year"])) if pd.notna(row["year"]) else "n/a"
    note = f"n = {int(row['respondents'])}" if pd.notna(row["respondents"]) else None
    est.survey_source = Source(
        source=row["source"],
        study=row["source"],
        year=year,
        metric=est.metric,
        confidence="own survey",
        note=note,
    )
    return True


def _from_all_ages(est: Estimate, rows: pd.DataFrame) -> None:
    """A segment without an age band: the newest figure for all ages, the studies' span as
    its range."""
    whole = rows[rows["age_group"] == "all"]
    if whole.empty:
        est.missing_years = [-1]
        return
    latest = whole.sort_values("published_sort").iloc[-1]
    est.value, est.low, est.high = (
        float(latest["value_pct"]),
        float(whole["value_pct"].min()),
        float(whole["value_pct"].max()),
    )
    est.status, est.ref_ids = "published", sorted(whole["ref_id"])


def _from_age_bands(est: Estimate, rows: pd.DataFrame, span: tuple[int, int]) -> None:
    """A segment's age band, year by year: per study its narrowest age group holding the
    year, the newest study's value as the point and the studies' span as the range,
    averaged over the years; years no study covers are listed as missing."""
    # plain tuples: this loop runs once per year of age, per segment and platform
    banded = [
        (r.study, *age_range(r.age_group), float(r.value_pct), r.published_sort, r.ref_id)
        for r in rows[rows["age_group"] != "all"].itertuples(index=False)
    ]
    points, lows, highs, used, missing = [], [], [], set(), []
    for age in range(*span):
        narrowest: dict[str, tuple] = {}  # study -> its narrowest age group containing ``age``
        for row in banded:
            study, lo, hi = row[0], row[1], row[2]
            if lo <= age < hi and (
                study not in narrowest or hi - lo < narrowest[study][2] - narrowest[study][1]
            ):
                narrowest[study] = row
        if not narrowest:
            missing.append(age)
            continue
        per_study = list(narrowest.values())
        values = [row[3] for row in per_study]
        points.append(max(per_study, key=lambda row: row[4])[3])  # the newest study
        lows.append(min(values))
        highs.append(max(values))
        used.update(row[5] for row in per_study)
    if missing or not points:
        est.missing_years = missing
        return
    n = len(points)
    est.value, est.low, est.high = sum(points) / n, sum(lows) / n, sum(highs) / n
    est.status, est.ref_ids = "published", sorted(used)


def age_ranges(ages: list[int]) -> list[str]:
    """[50, 51, ..., 59] -> ['50-59']; open ends at the cap read ``70+``; -1 reads ``all``."""
    ages = sorted(set(ages))
    out: list[str] = ["all"] if ages and ages[0] == -1 else []
    ages = [a for a in ages if a >= 0]
    if not ages:
        return out
    start = prev = ages[0]
    for age in [*ages[1:], None]:
        if age is not None and age == prev + 1:
            prev = age
            continue
        if prev == start:
            out.append(str(start))
        else:
            out.append(f"{start}+" if prev >= 89 else f"{start}-{prev}")
        if age is not None:
            start = prev = age
    return out


def segment_weights(segments: pd.DataFrame) -> pd.Series:
    """Weights per segment id: sizes when every segment has one, else shares."""
    if segments["size"].notna().all():
        weights = segments["size"].astype(float)
    else:
        weights = segments["share_pct"].astype(float)
    return pd.Series(weights.to_numpy(), index=segments["id"].to_numpy())


def estimates(
    segments: pd.DataFrame,
    platforms: list[str],
    metric: str,
    default_country: str,
    reference: pd.DataFrame,
    survey: pd.DataFrame | None = None,
) -> list[Estimate]:
    """Every segment x platform estimate."""
    import copy

    if _MEMO and _MEMO[0][0] is not reference:
        _MEMO.clear()
    if not _MEMO:
        _MEMO.append((reference, {}))
    memo = _MEMO[0][1]
    asked = None if survey is None or survey.empty else survey.to_csv(index=False)
    out = []
    for platform in platforms:
        for seg in segments[["id", "age_band", "country"]].itertuples(index=False):
            country = (seg.country or default_country).upper()
            key = (seg.id, seg.age_band, country, platform, metric, asked)
            if key not in memo:
                memo[key] = segment_estimate(
                    seg.id, seg.age_band, country, platform, metric, reference, survey
                )
            out.append(copy.deepcopy(memo[key]))
    return out


#: estimates already made from the last reference table seen: a workshop re-runs the step
#: after every save with the same published figures
_MEMO: list[tuple[pd.DataFrame, dict[tuple, Estimate]]] = []


def channel_reach(platform: str, ests: list[Estimate], weights: pd.Series) -> ChannelReach:
    """Weighted reach of ``platform`` over the segments in ``weights`` that have an estimate."""
    mine = [e for e in ests if e.platform == platform and e.segment_id in weights.index]
    known = [e for e in mine if e.value is not None]
    missing = [e.segment_id for e in mine if e.value is None]
    w_known = sum(float(weights[e.segment_id]) for e in known)
    total = float(weights.sum())
    over = list(weights.index)
    metric = mine[0].metric if mine else ""
    if not known or w_known == 0:
        return ChannelReach(platform, None, None, None, 0.0, missing, over, metric=metric)

    def avg(attr: str) -> float:
        return sum(float(weights[e.segment_id]) * getattr(e, attr) for e in known) / w_known

    coverage = 100.0 * w_known / total if total else 0.0
    surveyed = any(e.status == "own_survey" for e in known)
    return ChannelReach(
        platform,
        avg("value"),
        avg("low"),
        avg("high"),
        coverage,
        missing,
        over,
        metric=metric,
        surveyed=surveyed,
    )


def best_metric(
    platform: str,
    segments: pd.DataFrame,
    weights: pd.Series,
    chain: list[str],
    default_country: str,
    reference: pd.DataFrame,
    survey: pd.DataFrame | None = None,
) -> str:
    """The first metric of ``chain`` whose estimates cover at least :data:`MIN_COVERAGE` of
    the segments in ``weights``; else the one with the widest coverage (the earlier on ties)."""
    best, best_coverage = chain[0], 0.0
    for metric in chain:
        ests = estimates(segments, [platform], metric, default_country, reference, survey)
        r = channel_reach(canonical_platform(platform), ests, weights)
        if r.known:
            return metric
        if r.value is not None and r.coverage > best_coverage:
            best, best_coverage = metric, r.coverage
    return best


@dataclass
class Presence:
    """Whether the target group is on social media at all (go/no-go)."""

    #: share of the target group using any social network, over the segments with a figure
    reach: ChannelReach
    #: per segment, in ``reach.metric``
    estimates: list[Estimate]
    #: segments without a figure in that metric, estimated in another metric (named)
    elsewhere: list[Estimate]
    #: "on" | "partly" | "hardly" | "unknown"
    verdict: str


def presence(
    segments: pd.DataFrame,
    weights: pd.Series,
    chain: list[str],
    default_country: str,
    reference: pd.DataFrame,
    low_pct: float,
    majority_pct: float,
    survey: pd.DataFrame | None = None,
) -> Presence:
    """Share of the whole target group on social media at all, weighted by segment size.

    ``hardly`` below ``low_pct``, ``on`` from ``majority_pct``, ``partly`` between; ``unknown``
    when the figures cover less than :data:`MIN_COVERAGE` of the audience."""
    metric = best_metric(ANY, segments, weights, chain, default_country, reference, survey)
    ests = estimates(segments, [ANY], metric, default_country, reference, survey)
    r = channel_reach(ANY, ests, weights)
    r.metric = metric
    other: list[Estimate] = []
    for e in ests:
        if e.value is not None:
            continue
        seg = segments[segments["id"] == e.segment_id]
        for alt in chain:
            if alt == metric:
                continue
            alt_est = estimates(seg, [ANY], alt, default_country, reference, survey)[0]
            if alt_est.value is not None:
                other.append(alt_est)
                break
    if not r.known:
        verdict = "unknown"
    elif r.value < low_pct:
        verdict = "hardly"
    elif r.value >= majority_pct:
        verdict = "on"
    else:
        verdict = "partly"
    return Presence(r, ests, other, verdict)


__all__ = [
    "ANY",
    "METRICS",
    "MIN_COVERAGE",
    "Z95",
    "ChannelReach",
    "Estimate",
    "Presence",
    "age_ranges",
    "best_metric",
    "channel_reach",
    "estimates",
    "metric_chain",
    "presence",
    "segment_estimate",
    "segment_weights",
    "wilson",
]
