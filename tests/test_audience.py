"""Step 1: weighting, verdicts and posting times against hand-computed expectations."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from social_strategy.i18n import catalog
from social_strategy.notebook import Session
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps.audience import channel_choice, posting_times, reach
from social_strategy.workspace import load_workspace


def _run(ws):
    """Step 1 on ``ws`` as a notebook runs it (results are not saved)."""
    return Session(ws, Path("unused"), "en", dt.date(2026, 11, 23), False).run("audience")


FACEBOOK = EXAMPLE_WORKSPACE / "exports" / "facebook_posts.csv"


def ref(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """A reference table: (study, published, platform, age_group, value)."""
    frame = pd.DataFrame(
        [
            {
                "source": "Test",
                "study": s,
                "published": p,
                "fielded": p,
                "country": "DE",
                "metric": "weekly use",
                "platform": pl,
                "age_group": age,
                "value_pct": v,
                "source_url": "",
                "confidence": "test",
                "note": "",
            }
            for s, p, pl, age, v in rows
        ]
    )
    frame["year"] = frame["published"].str[:4]
    frame["published_sort"] = frame["published"]
    frame["ref_id"] = [f"r{i}" for i in range(len(frame))]
    return frame


REF = ref(
    [
        ("A", "2023-06", "Instagram", "14-29", 80.0),
        ("A", "2023-06", "Instagram", "30-49", 50.0),
        ("A", "2023-06", "Instagram", "all", 40.0),
        ("B", "2022-06", "Instagram", "14-29", 70.0),
        ("B", "2022-06", "Instagram", "all", 35.0),
        ("A", "2023-06", "Facebook", "50-69", 30.0),
        ("A", "2023-06", "Facebook", "70+", 10.0),
    ]
)


def test_segment_estimate_averages_years_newest_study_and_range():
    est = reach.segment_estimate("S1", "25-34", "DE", "instagram", "weekly use", REF)
    # 25-29: newest study A says 80 (B: 70); 30-34: only A, 50
    assert est.status == "published"
    assert est.value == pytest.approx((5 * 80 + 5 * 50) / 10)  # 65
    assert est.low == pytest.approx((5 * 70 + 5 * 50) / 10)  # 60
    assert est.high == pytest.approx(65)
    assert sorted(est.ref_ids) == ["r0", "r1", "r3"]


def test_open_ended_band_and_whole_population():
    est = reach.segment_estimate("S", "65+", "DE", "Facebook", "weekly use", REF)
    # ages 65-69 from 50-69 (30), 70-89 from 70+ (10): (5*30 + 20*10) / 25
    assert est.value == pytest.approx((5 * 30 + 20 * 10) / 25)
    whole = reach.segment_estimate("S", "all", "DE", "Instagram", "weekly use", REF)
    assert (whole.value, whole.low, whole.high) == (40.0, 35.0, 40.0)


def test_missing_age_band_is_reported_not_filled():
    est = reach.segment_estimate("S2", "45-59", "DE", "Instagram", "weekly use", REF)
    assert est.value is None and est.status == "missing"
    assert reach.age_ranges(est.missing_years) == ["50-59"]
    other_metric = reach.segment_estimate("S1", "25-34", "DE", "Instagram", "daily use", REF)
    assert other_metric.value is None  # metrics are never mixed
    other_country = reach.segment_estimate("S1", "25-34", "AT", "Instagram", "weekly use", REF)
    assert other_country.value is None


def test_weighting_by_share_and_own_survey_override():
    segments = pd.DataFrame(
        [
            {
                "id": "S1",
                "name": "Young",
                "size": None,
                "share_pct": 60.0,
                "age_band": "25-34",
                "country": None,
            },
            {
                "id": "S2",
                "name": "Older",
                "size": None,
                "share_pct": 40.0,
                "age_band": "50-59",
                "country": None,
            },
        ]
    )
    weights = reach.segment_weights(segments)
    ests = reach.estimates(segments, ["Instagram"], "weekly use", "DE", REF)
    r = reach.channel_reach("Instagram", ests, weights)
    assert r.value == pytest.approx(65.0) and r.coverage == pytest.approx(60.0)
    assert r.missing_segments == ["S2"]

    survey = pd.DataFrame(
        [
            {
                "segment_id": "S2",
                "platform": "instagram",
                "use_pct": 30.0,
                "metric": "weekly use",
                "source": "Own survey",
                "year": 2026,
                "respondents": 80,
            }
        ]
    )
    ests = reach.estimates(segments, ["Instagram"], "weekly use", "DE", REF, survey)
    r = reach.channel_reach("Instagram", ests, weights)
    assert r.value == pytest.approx((60 * 65 + 40 * 30) / 100)  # 51
    assert r.coverage == pytest.approx(100.0)
    assert ests[1].status == "own_survey" and ests[1].survey_source.note == "n = 80"


def _channels(rows):
    base = {
        "considered": True,
        "followers": None,
        "posts_per_week": None,
        "goals": [],
        "segments": [],
        "fit": None,
        "effort": None,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_channel_verdicts_follow_the_rules():
    reaches = {
        "Instagram": reach.ChannelReach("Instagram", 65.0, 60.0, 65.0, 100.0, []),
        "Facebook": reach.ChannelReach("Facebook", 10.0, 10.0, 10.0, 100.0, []),
        "LinkedIn": reach.ChannelReach("LinkedIn", 70.0, 70.0, 70.0, 30.0, ["S1"]),
        "YouTube": reach.ChannelReach("YouTube", 55.0, 55.0, 55.0, 100.0, []),
    }
    channels = _channels(
        [
            {"platform": "Instagram", "goals": ["G1"], "fit": "high", "followers": 100},
            {"platform": "Facebook", "goals": ["G1"], "fit": "high"},
            {"platform": "LinkedIn", "goals": ["G2"], "fit": "high"},
            {"platform": "YouTube", "goals": ["G1"], "fit": "medium"},
            {"platform": "TikTok", "goals": [], "fit": None},
            {"platform": "Xing", "considered": False},
        ]
    )
    verdicts = {
        v.platform: v
        for v in channel_choice.judge(channels, reaches, ["G1", "G2"], 20.0, max_channels=1)
    }
    assert verdicts["Instagram"].verdict == "recommended"  # 65 % > 55 %: first
    assert verdicts["YouTube"].verdict == "later"  # qualifies, but only one channel at a time
    assert verdicts["Facebook"].verdict == "against"  # the audience is not there
    assert verdicts["LinkedIn"].verdict == "test"  # reach covers only 30 % of the audience
    assert verdicts["TikTok"].verdict == "against"  # no goal, fit not assessed
    assert verdicts["Xing"].verdict == "not_considered"
    codes = [m.code for m in verdicts["Facebook"].reasons]
    assert "audience.reason.reach_low" in codes
    assert "audience.reason.reach_partial" in [m.code for m in verdicts["LinkedIn"].reasons]


def test_weekday_numbering():
    assert posting_times.weekday_index("1") == 0  # ISO: 1 = Monday
    assert posting_times.weekday_index("1", "sunday") == 6
    assert posting_times.weekday_index("4", "sunday") == 2  # Wednesday
    assert posting_times.weekday_index("Di") == 1
    assert posting_times.weekday_index("Saturday") == 5
    assert posting_times.weekday_index("9") is None


def test_facebook_export_gives_heatmap_and_adjusted_p(minimal_ws):
    shutil.copy(FACEBOOK, minimal_ws / "posts.csv")
    posts = load_workspace(minimal_ws).table("posts")
    t = posting_times.analyse(
        posts, min_per_cell=5, min_total=30, weekday_1="sunday", permutations=199
    )
    raw = pd.read_csv(FACEBOOK, sep=";")
    assert t.n_posts == 500 and t.metric == "rate" and t.n_skipped == 0
    assert t.overall_median == pytest.approx(
        (100 * raw["T_Interactions"] / raw["T_Reach"]).median()
    )
    assert t.from_columns == 500 and t.order == "file"
    grid = t.matrix("n")
    assert np.nansum(grid) == 500
    # raw weekday code 4 at hour 3 is Wednesday (1 = Sunday)
    wednesday_3 = raw[(raw["Weekday"] == 4) & (raw["Hour"] == 3)]
    assert grid[2, 3] == len(wednesday_3)
    assert len(t.best) == 3
    assert all(s.n >= 5 and 0 < s.p <= 1 for s in t.best)
    assert [s.score for s in t.best] == sorted((s.score for s in t.best), reverse=True)
    assert all(not s.judged for s in t.slots if s.n < 5)
    again = posting_times.analyse(
        posts, min_per_cell=5, min_total=30, weekday_1="sunday", permutations=199
    )
    assert [s.p for s in again.best] == [s.p for s in t.best]  # seeded: reports reproduce


def test_too_few_posts_falls_back_to_a_labelled_default(minimal_ws):
    lines = FACEBOOK.read_text(encoding="utf-8").splitlines()[:13]  # header + 12 posts
    (minimal_ws / "posts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws = load_workspace(minimal_ws)
    result = _run(ws)
    section = result.section
    assert result.times is not None and not result.times.enough
    assert "audience.summary.too_few_posts" in [f.code for f in section.summary]
    assert "audience.default.no_posts" in [d.code for d in section.defaults]
    assert "posting_times" not in [f.name for f in section.figures]
    cat = catalog("en")
    text = cat.text(
        next(f for f in section.summary if f.code == "audience.summary.too_few_posts").model_dump()
    )
    assert "Only 12 usable posts" in text


def test_example_chapter_says_what_is_missing():
    result = _run(load_workspace(EXAMPLE_WORKSPACE))
    section = result.section
    gaps = next(f for f in section.findings if f.code == "audience.finding.gaps")
    text = catalog("en").text(gaps.model_dump())
    # gift buyers 30-69: ARD/ZDF has no Instagram 50-69 figure; named per segment and metric
    assert "Instagram in Geschenkkäufer im Onlineshop (ages 50-69, weekly use)" in text
    instagram = next(c for c in result.overall if c.platform == "Instagram")
    assert instagram.coverage == pytest.approx(85.0)  # S3 (15 %) left out, not guessed
    assert {s.study for s in section.sources} >= {"ARD/ZDF-Medienstudie 2024"}
    verdicts = {v.platform: v.verdict for v in result.verdicts}
    assert verdicts["LinkedIn"] == "recommended"  # own survey of the B2B segment it serves
    # 15 % of n = 48: the Wilson interval (about 8 % to 28 %) straddles the 20 % threshold
    assert verdicts["Xing"] == "test"


def test_minimal_workspace_turns_gaps_into_questions(minimal_ws):
    section = _run(load_workspace(minimal_ws)).section
    assert [f.code for f in section.summary] == ["audience.summary.no_segments"]
    questions = [q.code for q in section.open_questions]
    assert {
        "audience.question.segments",
        "audience.question.channels",
        "audience.question.posts",
    } <= set(questions)


def _posts(rows: list[dict]) -> pd.DataFrame:
    base = {
        "time": None,
        "month": None,
        "weekday": None,
        "hour": None,
        "channel": None,
        "type": None,
        "reach": 100.0,
        "interactions": 5.0,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_iso_times_are_year_first_and_offsets_are_converted():
    posts = _posts(
        [
            {"time": "2024-03-05 10:00"},  # a Tuesday, local time
            {"time": "05.03.2024 10:00"},  # the same, written the German way
            {"time": "2024-03-30T10:00:00+0100"},  # Saturday, before the clock change
            {"time": "2024-04-02T18:30:00+0200"},  # Tuesday, after it
            {"time": "2024-04-02T16:30:00Z"},  # the same moment in UTC
        ]
    )
    frame = posting_times.prepare(posts).frame
    assert frame["wd"].tolist() == [1, 1, 5, 1, 1]
    assert frame["hr"].tolist() == [10, 10, 10, 18, 18]


def test_date_without_time_takes_the_hour_column():
    posts = _posts([{"time": "01.03.2024", "hour": 9}, {"time": "2024-03-02", "hour": 17}])
    frame = posting_times.prepare(posts).frame
    assert frame["wd"].tolist() == [4, 5]  # Friday, Saturday
    assert frame["hr"].tolist() == [9, 17]
