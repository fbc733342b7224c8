"""Step 2's rules as fields, counting posts, weekly shares: the pure functions, directly."""

from __future__ import annotations

import datetime as dt

import matplotlib
import pandas as pd
import pytest

from social_strategy.i18n import catalog
from social_strategy.steps.communities import charts, plan_checks
from social_strategy.steps.communities.places import places
from social_strategy.workspace.inputs.communities import (
    CommunitiesSettings,
    parse_self_promotion,
    parse_weekdays,
    suggest_sensitive,
)

matplotlib.use("Agg")

COLUMNS = ["date", "channel", "kind", "format", "area", "author", "title", "teaser", "message"]


def _plan(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["date"] = [dt.date.fromisoformat(d) for d in frame["date"]]
    frame["_row"] = range(2, len(frame) + 2)
    return frame


def _register(**columns) -> pd.DataFrame:
    base = {
        "name": "Forum",
        "kind": "forum",
        "companies": "yes",
        "self_promotion": "allowed",
        "max_posts_per_week": None,
        "activity_per_week": 100.0,
        "rules": None,
        "notes": None,
    }
    base.update(columns)
    return pd.DataFrame([base])


CHANNELS = pd.DataFrame({"platform": ["Facebook"]})


def _review(plan: pd.DataFrame, register: pd.DataFrame):
    return plan_checks.review(plan, places(register, CHANNELS), CommunitiesSettings(), 1)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Fri", [5]),
        ("Freitag", [5]),
        ("fridays", [5]),
        ("Mo-Fr", [1, 2, 3, 4, 5]),
        ("Sat; Sun", [6, 7]),
        ("5", [5]),
        ("", []),
    ],
)
def test_weekdays_are_read_in_english_and_german(text, days):
    assert parse_weekdays(text) == days


def test_a_word_that_is_no_weekday_is_an_error():
    with pytest.raises(ValueError, match="not a weekday"):
        parse_weekdays("Feiertag")


def test_german_words_for_no_self_promotion():
    assert parse_self_promotion("keine") == ("none", 0.0)


def test_sensitive_places_are_suggested_from_name_and_rules_only():
    assert suggest_sensitive("Trauerforum Abschiedsraum", None)
    assert suggest_sensitive("Eltern-Netzwerk", "Nur Mitglieder")
    assert suggest_sensitive("CNCtalk Forum", "Vendors only in the vendor corner") is None


def test_each_field_rule_names_its_rows():
    register = _register(
        companies="vendor_area",
        vendor_area="Vendor corner",
        links_allowed=False,
        allowed_days=[5],
        max_company_posts_per_week=1.0,
        individuals_only=False,
    )
    plan = _plan(
        [
            # Friday, in the vendor corner, no link: fine
            ("2027-01-08", "Forum", "value", "thread", "Vendor corner", "", "a", "t", "Alpha"),
            # Tuesday, outside the vendor corner, with a link, second thread that week
            ("2027-01-05", "Forum", "value", "post", "", "", "b", "t", "See www.example.org"),
            # an answer in the help area on a Friday: allowed
            ("2027-01-15", "Forum", "service", "answer", "Help", "", "c", "", "Try this"),
        ]
    )
    found = {i.rule: i.rows for i in _review(plan, register).issues}
    assert found == {
        "outside_vendor_area": [3],
        "links_forbidden": [3],
        "wrong_day": [3],
        "company_limit": [2, 3],
    }


def test_individuals_only_needs_a_person_as_author():
    register = _register(individuals_only=True)
    plan = _plan(
        [
            ("2027-01-05", "Forum", "value", "", "", "Jana Roth", "a", "t", "Alpha beta"),
            ("2027-01-06", "Forum", "value", "", "", "", "b", "t", "Gamma delta"),
            ("2027-01-07", "Forum", "value", "", "", "Firma", "c", "t", "Epsilon zeta"),
        ]
    )
    found = {i.rule: i.rows for i in _review(plan, register).issues}
    assert found == {"individuals_only": [3, 4]}


def test_answers_where_companies_are_not_welcome_follow_the_rules():
    plan = _plan([("2027-01-05", "Forum", "service", "", "", "", "a", "", "An answer here")])
    no_rule = _review(plan, _register(companies="no", answers_allowed=None))
    assert [i.rule for i in no_rule.issues] == ["not_welcome"]
    allowed = _review(plan, _register(companies="no", answers_allowed=True))
    assert allowed.issues == []


def test_one_message_in_four_communities_in_one_week_is_one_post():
    register = pd.concat(
        [_register(name=f"Group {i}", kind="group") for i in range(4)], ignore_index=True
    )
    text = "Open house on Saturday with factory tours every hour and machines running"
    rows = [
        ("2027-01-05", f"Group {i}", "value", "", "", "", "Open house", "t", text) for i in range(4)
    ]
    rows.append(("2027-01-06", "Facebook", "value", "", "", "", "x", "t", "Something else"))
    review = _review(_plan(rows), register)
    assert review.placements == 5
    assert review.posts == 2
    assert int(review.weekly.to_numpy().sum()) == 2


def _labels(weekly: pd.DataFrame) -> list[tuple[str, str]]:
    fig = charts.mix_by_week(weekly, catalog("en"), 20.0)
    return [(t.get_text(), t.get_fontweight()) for t in fig.axes[0].texts]


def test_a_small_week_shows_counts_and_one_promotion_is_not_over_the_limit():
    weekly = pd.DataFrame(
        {"value": [0, 4, 3], "service": [0, 0, 0], "promotion": [1, 1, 2], "contest": [0, 0, 0]},
        index=["2027-W01", "2027-W02", "2027-W03"],
    )
    labels = _labels(weekly)
    assert labels[0] == ("1/1", "normal")  # one promotion of one post: fine, a count
    assert labels[1] == ("20%", "normal")  # five posts: a share, within 80/20
    assert labels[2] == ("40%", "bold")  # two of five: more than 80/20 allows


def test_the_hatches_are_one_pattern_fill_per_kind_however_many_weeks(tmp_path):
    """Every pattern fill in an SVG is drawn on its own into the PDF: the chart's hatched
    kinds are one shape each, so their number does not grow with the weeks (it was one per
    bar), and every hatched bar is still covered."""
    from social_strategy.results import _save_svg

    counts = {}
    for weeks in (4, 26):
        weekly = pd.DataFrame(
            {
                "value": [3] * weeks,
                "service": [1] * weeks,
                "promotion": [1] * weeks,
                "contest": [1] * weeks,
            },
            index=[f"2027-W{w + 1:02d}" for w in range(weeks)],
        )
        fig = charts.mix_by_week(weekly, catalog("de"), 20.0)
        hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
        assert sorted(p.get_hatch() for p in hatched) == sorted(charts.HATCH.values())
        assert all(len(p.get_path().to_polygons()) == weeks for p in hatched)
        _save_svg(fig, tmp_path / f"mix{weeks}.svg")
        counts[weeks] = (tmp_path / f"mix{weeks}.svg").read_text(encoding="utf-8").count("url(#h")
    # two kinds in the bars, two in the legend
    assert counts[4] == counts[26] == 2 * len(charts.HATCH)


def test_a_garbage_channels_cell_is_an_error_naming_file_row_and_column(tmp_path):
    import shutil

    from conftest import MINIMAL
    from social_strategy.errors import InputError
    from social_strategy.workspace import load_workspace

    ws = tmp_path / "ws"
    shutil.copytree(MINIMAL, ws)
    (ws / "competitors.csv").write_text(
        'name;channels\nKontor;"Instagram: 2.000"\nNord;"Instagram: -5; TikTok: viele"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_workspace(ws)
    text = str(exc.value)
    assert "competitors.csv, row 3, column 'channels'" in text
    assert "Instagram: -5" in text


def test_one_row_per_competitor_and_channel_may_repeat_the_name_but_not_the_pair(tmp_path):
    import shutil

    from conftest import MINIMAL
    from social_strategy.errors import InputError
    from social_strategy.workspace import load_workspace

    ws = tmp_path / "ws"
    shutil.copytree(MINIMAL, ws)
    path = ws / "competitors.csv"
    path.write_text(
        "name,channel,followers\nKontor,Instagram,2000\nKontor,TikTok,900\n", encoding="utf-8"
    )
    assert len(load_workspace(ws).table("competitors")) == 2
    path.write_text(
        "name,channel,followers\nKontor,Instagram,2000\nKontor,instagram,900\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="duplicate id"):
        load_workspace(ws)
