"""Step 1's channel order: by the goals served, never by figures in different measures."""

from __future__ import annotations

import pandas as pd

from social_strategy.steps.audience import channel_choice, reach


def _channels(rows: list[dict]) -> pd.DataFrame:
    base = {
        "considered": True,
        "handle": None,
        "followers": None,
        "posts_per_week": None,
        "goals": [],
        "segments": [],
        "fit": "high",
        "effort": "low",
        "last_post": None,
        "managed": None,
        "notes": None,
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def _reach(platform: str, value: float, metric: str) -> reach.ChannelReach:
    return reach.ChannelReach(platform, value, value, value, 100.0, [], ["S1"], metric)


def _judge(reaches: dict, channels: pd.DataFrame, max_channels: int = 3):
    return channel_choice.judge(channels, reaches, ["G1", "G2"], 20.0, max_channels)


def test_different_measures_are_not_ranked_against_each_other():
    reaches = {
        "YouTube": _reach("YouTube", 78.0, "weekly use"),
        "LinkedIn": _reach("LinkedIn", 25.0, "ever use"),
    }
    channels = _channels(
        [{"platform": "YouTube", "goals": ["G2"]}, {"platform": "LinkedIn", "goals": ["G1"]}]
    )
    verdicts = _judge(reaches, channels)
    # the lead goal first, although 78 > 25: the figures are in different measures
    assert [v.platform for v in verdicts] == ["LinkedIn", "YouTube"]
    for v in verdicts:
        said = [m for m in v.reasons if m.code == "audience.reason.measure_differs"]
        assert len(said) == 1
    # with only one recommended place, the lead goal's channel gets it
    capped = {v.platform: v.verdict for v in _judge(reaches, channels, max_channels=1)}
    assert capped == {"LinkedIn": "recommended", "YouTube": "later"}


def test_figures_in_one_measure_still_order_channels_of_the_same_goals():
    reaches = {
        "YouTube": _reach("YouTube", 40.0, "weekly use"),
        "Instagram": _reach("Instagram", 60.0, "weekly use"),
    }
    channels = _channels(
        [{"platform": "YouTube", "goals": ["G1"]}, {"platform": "Instagram", "goals": ["G1"]}]
    )
    verdicts = _judge(reaches, channels)
    assert [v.platform for v in verdicts] == ["Instagram", "YouTube"]
    assert not any(m.code == "audience.reason.measure_differs" for v in verdicts for m in v.reasons)


def test_a_channel_serving_more_goals_comes_first():
    reaches = {
        "YouTube": _reach("YouTube", 30.0, "weekly use"),
        "Instagram": _reach("Instagram", 60.0, "weekly use"),
    }
    channels = _channels(
        [
            {"platform": "YouTube", "goals": ["G1", "G2"]},
            {"platform": "Instagram", "goals": ["G1"]},
        ]
    )
    assert [v.platform for v in _judge(reaches, channels)] == ["YouTube", "Instagram"]
