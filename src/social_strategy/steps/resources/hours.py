"""Hours a presence needs, summed from the plan, activity by activity and channel by channel.

Required hours follow the plan that step 2 reads: the posts per week on each channel (text
and image posts and video posts counted apart, from the formats in the content plan), the
posts into communities, the answers per week on each channel (from the mentions export
where there is one, else the firm's own count, else a default), monitoring every working
day and a monthly report per channel. Each count is multiplied by minutes from
``data/reference/resource_times.csv`` and kept as a range from its low to its high end.
No published per-post or per-answer time was found: those minutes are workbook defaults,
labelled as defaults in the report. The firm's own estimates in ``activities.csv``
(minutes per occurrence x occurrences per week) replace the default of the same activity
on the same channel, or of the whole presence when they name no channel. Nothing here is
random: there is no simulation, so nothing needs a seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ...reference import canonical_platform

#: the kind of work (team.csv ``work``) an activity needs
WORK_FOR = {
    "listening": "monitoring",
    "publishing": "posting",
    "content": "posting",
    "answering": "comments",
    "community": "community",
    "reporting": "reporting",
    "ads": "posting",
}
#: kept for older imports: the per-activity benchmarks are no longer applied
BENCHMARK_FOR: dict[str, str] = {}
#: trainees carrying this share of the work or more are flagged
TRAINEE_SHARE_PCT = 50.0
#: untrained people carrying more than this share of answering are flagged
UNTRAINED_ANSWER_PCT = 50.0
WEEKS_PER_MONTH = 52 / 12
WHOLE = ""  # channel key of work for the whole presence
#: a post whose format says one of these words is a video post
VIDEO_FORMATS = re.compile(r"video|reel|short|tiktok|clip|film|live", re.IGNORECASE)


@dataclass
class Need:
    """One line of required work, in hours per week (a range when it is a default)."""

    activity: str
    channel: str  # WHOLE for the whole presence
    low: float
    high: float
    #: "firm" (activities.csv), "plan" (firm minutes x planned posts), "default"
    basis: str
    person: str | None = None
    minutes: float | None = None
    per_week: float | None = None
    #: id of the row in resource_times.csv the minutes come from (basis "default")
    benchmark: str | None = None
    #: the kind of work it takes (team.csv ``work``)
    work: str = ""
    #: where the count per week comes from: "plan", "current", "export", "settings",
    #: "default", "days", "month"
    count_from: str | None = None
    #: counts per week (low, high) for the default lines
    count: tuple[float, float] | None = None


@dataclass
class Plan:
    """What the presence needs."""

    channels: list[str]
    needs: list[Need]
    #: activities with neither an estimate nor a default (ads without an estimate)
    missing: list[str] = field(default_factory=list)
    #: channels whose posting frequency is unknown (no plan, no current rate)
    no_frequency: list[str] = field(default_factory=list)
    #: channels named in activities.csv that are not part of the plan
    ignored: list[str] = field(default_factory=list)

    @property
    def low(self) -> float:
        return sum(n.low for n in self.needs)

    @property
    def high(self) -> float:
        return sum(n.high for n in self.needs)

    def by(self, key: str) -> dict[str, tuple[float, float]]:
        """Hours (low, high) by ``activity`` or ``channel``."""
        out: dict[str, tuple[float, float]] = {}
        for n in self.needs:
            k = getattr(n, key)
            lo, hi = out.get(k, (0.0, 0.0))
            out[k] = (lo + n.low, hi + n.high)
        return out

    @property
    def per_post(self) -> list[Need]:
        """The lines that grow with the number of posts."""
        return [n for n in self.needs if n.count_from in ("plan", "current") or n.basis == "plan"]


@dataclass
class Volume:
    """How much there is to do per week, besides the minutes per occurrence."""

    #: posts per week per channel or community (step 2's plan, else today's rate)
    posts: dict[str, float] = field(default_factory=dict)
    #: where ``posts`` come from: "plan" or "current"
    posts_from: str = "plan"
    #: share of video posts per channel (0 to 1), from the content plan's formats
    video_share: dict[str, float] = field(default_factory=dict)
    #: answers per week per channel (from an export), or for the whole presence (WHOLE)
    answers: dict[str, float] = field(default_factory=dict)
    #: where ``answers`` come from: "export" or "settings" (None: the default)
    answers_from: str | None = None
    #: places to answer on besides the channels (review sites named in channels.csv)
    answer_only: list[str] = field(default_factory=list)
    #: the names in the community register (None: every planned place that is not one of
    #: the plan's channels counts as a community)
    communities: list[str] | None = None


def _text(value: object) -> str | None:
    """A cell as text; blank, None and NaN are None."""
    return value.strip() or None if isinstance(value, str) else None


def _key(name: object) -> str:
    return canonical_platform(str(name)).lower()


def video_shares(content_plan: pd.DataFrame) -> dict[str, float]:
    """Share of video posts per channel in the content plan (by its ``format``)."""
    if content_plan.empty or "format" not in content_plan.columns:
        return {}
    out: dict[str, float] = {}
    for channel, rows in content_plan.groupby("channel"):
        formats = rows["format"].map(lambda f: isinstance(f, str) and bool(VIDEO_FORMATS.search(f)))
        out[str(channel)] = float(formats.mean())
    return out


def answers_from_export(mentions: pd.DataFrame) -> dict[str, float]:
    """Mentions per week per channel in a mentions export (WHOLE without a channel column).

    The weeks are the export's span in days / 7, at least one week."""
    if mentions is None or mentions.empty or "time" not in mentions.columns:
        return {}
    times = pd.to_datetime(mentions["time"], errors="coerce").dropna()
    if times.empty:
        return {}
    weeks = max(1.0, (times.max() - times.min()).total_seconds() / 86400 / 7)
    column = next((c for c in ("channel", "platform", "source") if c in mentions.columns), None)
    if column is None:
        return {WHOLE: len(times) / weeks}
    counts = mentions[column].fillna("").astype(str).str.strip().value_counts()
    return {(str(k) if k else WHOLE): float(v) / weeks for k, v in counts.items()}


def _row(times: pd.DataFrame, key: str) -> pd.Series:
    return times.set_index("id").loc[key]


class _Estimate:
    """A plan's needs as they are added: the firm's own rows first, then a default for each
    activity and channel the firm gave no row for."""

    def __init__(self, plan: Plan, times: pd.DataFrame) -> None:
        self.plan = plan
        self.times = times
        #: (activity, channel key or WHOLE) the firm's activities.csv estimates itself
        self.given: set[tuple[str, str]] = set()

    def estimated(self, activity: str, channel: str) -> bool:
        return (activity, WHOLE) in self.given or (activity, _key(channel)) in self.given

    def add(self, activity, channel, ref, count, work, count_from) -> None:
        """A default need: ``count`` (low, high) times the benchmark ``ref``'s minutes."""
        mark = _row(self.times, ref)
        lo, hi = count
        low, high = mark["value_low"] * lo / 60, mark["value_high"] * hi / 60
        self.plan.needs.append(
            Need(
                activity=activity,
                channel=channel,
                low=low,
                high=high,
                basis="default",
                benchmark=ref,
                work=work,
                count_from=count_from,
                count=(lo, hi),
            )
        )

    def firm_rows(
        self, activities: pd.DataFrame, wanted: dict[str, str], posts: dict, volume: Volume
    ) -> None:
        """The firm's own estimates (activities.csv), a missing frequency taken from the
        plan's posts; rows for channels outside the plan are ignored."""
        plan = self.plan
        for _, row in activities.iterrows():
            channel = _text(row["channel"])
            if channel is not None and _key(channel) not in wanted:
                if channel not in plan.ignored:
                    plan.ignored.append(channel)
                continue
            label = WHOLE if channel is None else wanted[_key(channel)]
            per_week, basis, count_from = row["per_week"], "firm", None
            if per_week is None or pd.isna(per_week):
                per_week, basis = posts.get(_key(channel)), "plan"
                count_from = volume.posts_from
                if per_week is None:
                    if label not in plan.no_frequency:
                        plan.no_frequency.append(label)
                    continue
            self.given.add((row["activity"], WHOLE if channel is None else _key(channel)))
            hours = float(row["minutes"]) * float(per_week) / 60
            plan.needs.append(
                Need(
                    activity=row["activity"],
                    channel=label,
                    low=hours,
                    high=hours,
                    basis=basis,
                    person=_text(row["person"]),
                    minutes=float(row["minutes"]),
                    per_week=float(per_week),
                    work=WORK_FOR[row["activity"]],
                    count_from=count_from,
                )
            )

    def own_posts(self, channels: list[str], posts: dict, volume: Volume) -> None:
        """Posts on the firm's own channels, text/image and video apart."""
        for c in channels:
            if self.estimated("content", c) or self.estimated("publishing", c):
                continue
            n = posts.get(_key(c))
            if n is None:
                if c not in self.plan.no_frequency:
                    self.plan.no_frequency.append(c)
                continue
            share = next((v for k, v in volume.video_share.items() if _key(k) == _key(c)), 0.0)
            if n * (1 - share) > 0:
                self.add("content", c, "post", (n * (1 - share),) * 2, "posting", volume.posts_from)
            if n * share > 0:
                self.add("content", c, "video", (n * share,) * 2, "video", volume.posts_from)

    def community_posts(self, own: set[str], volume: Volume) -> None:
        """Posts into communities (planned places that are not the firm's own channels)."""
        if any(a == "community" for a, _ in self.given):
            return
        for place, n in volume.posts.items():
            if _key(place) in own or not n:
                continue
            if volume.communities is not None and place not in volume.communities:
                if place not in self.plan.ignored:
                    self.plan.ignored.append(place)  # a channel the plan does not run
                continue
            self.add("community", place, "community_post", (n, n), "community", volume.posts_from)

    def answers(self, places: list[str], volume: Volume) -> None:
        """Answers: the export's or the firm's count per week, else the default per channel."""
        if self.estimated("answering", WHOLE):
            return
        answers = {_key(k) if k else WHOLE: v for k, v in volume.answers.items()}
        if WHOLE in answers and volume.answers_from == "settings":
            n = answers[WHOLE]
            self.add("answering", WHOLE, "answer", (n, n), "comments", "settings")
            return
        mark = _row(self.times, "answers")
        for c in places:
            if self.estimated("answering", c):
                continue
            if answers:
                n = answers.get(_key(c), 0.0)
                self.add("answering", c, "answer", (n, n), "comments", "export")
            else:
                count = (mark["value_low"], mark["value_high"])
                self.add("answering", c, "answer", count, "comments", "default")
        if answers.get(WHOLE):
            n = answers[WHOLE]
            self.add("answering", WHOLE, "answer", (n, n), "comments", "export")

    def routine(self, places: list[str], days_per_week: int) -> None:
        """Monitoring every working day and a monthly report, per channel."""
        for c in places:
            if not self.estimated("listening", c):
                self.add("listening", c, "monitoring", (days_per_week,) * 2, "monitoring", "days")
            if not self.estimated("reporting", c):
                per_week = 1 / WEEKS_PER_MONTH
                self.add("reporting", c, "reporting", (per_week, per_week), "reporting", "month")


def plan_hours(
    activities: pd.DataFrame,
    channels: list[str],
    volume: Volume,
    times: pd.DataFrame,
    days_per_week: int,
    ads_planned: bool,
) -> Plan:
    """The hours per week the plan on ``channels`` needs, activity by activity."""
    places = list(channels) + [p for p in volume.answer_only if _key(p) not in map(_key, channels)]
    wanted = {_key(c): c for c in places}
    posts = {_key(k): float(v) for k, v in volume.posts.items() if v is not None}
    plan = Plan(channels=list(places), needs=[])
    estimate = _Estimate(plan, times)
    estimate.firm_rows(activities, wanted, posts, volume)
    estimate.own_posts(channels, posts, volume)
    estimate.community_posts({_key(c) for c in channels}, volume)
    estimate.answers(places, volume)
    estimate.routine(places, days_per_week)
    if ads_planned and not any(a == "ads" for a, _ in estimate.given):
        plan.missing.append("ads")
    return plan


def scaled(plan: Plan, keep: float) -> tuple[float, float]:
    """Required hours (low, high) with only ``keep`` (0 to 1) of the posts."""
    saved_low = sum(n.low for n in plan.per_post) * (1 - keep)
    saved_high = sum(n.high for n in plan.per_post) * (1 - keep)
    return plan.low - saved_low, plan.high - saved_high


def without(plan: Plan, channel: str) -> tuple[float, float]:
    """Required hours (low, high) without ``channel``."""
    lo, hi = plan.by("channel").get(channel, (0.0, 0.0))
    return plan.low - lo, plan.high - hi


__all__ = [
    "BENCHMARK_FOR",
    "TRAINEE_SHARE_PCT",
    "UNTRAINED_ANSWER_PCT",
    "VIDEO_FORMATS",
    "WEEKS_PER_MONTH",
    "WHOLE",
    "WORK_FOR",
    "Need",
    "Plan",
    "Volume",
    "answers_from_export",
    "plan_hours",
    "scaled",
    "video_shares",
    "without",
]
