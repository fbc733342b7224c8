"""The report context: the 90-day plan's windows, from section results alone."""

from __future__ import annotations

import datetime as dt

from social_strategy.i18n import catalog
from social_strategy.report.context import _plan
from social_strategy.results import SectionResult, action

DATE = dt.date(2026, 11, 23)


def test_actions_fall_into_thirty_day_windows_by_due_date():
    a = SectionResult(
        section="firm",
        order=0,
        actions=[
            action("firm.action.team_kickoff", "owner.management", d)
            for d in (0, 30, 31, 60, 61, 90, 91)
        ],
    )
    b = SectionResult(
        section="audience",
        order=1,
        actions=[action("audience.action.test_slots", "owner.social_team", 30)],
    )
    cat = catalog("en")
    windows = _plan([a, b], cat, DATE)
    titles = [w["title"] for w in windows]
    assert titles == [
        cat.t("report.plan_window.d0_30"),
        cat.t("report.plan_window.d31_60"),
        cat.t("report.plan_window.d61_90"),
        cat.t("report.plan_window.later"),
    ]
    dues = [[r["due"] for r in w["rows"]] for w in windows]
    day = lambda n: cat.date(DATE + dt.timedelta(days=n))  # noqa: E731
    assert dues == [[day(0), day(30), day(30)], [day(31), day(60)], [day(61), day(90)], [day(91)]]
    # two chapters with actions due on the same day both appear in that window
    same_day = windows[0]["rows"][1:]
    assert {r["chapter"] for r in same_day} == {cat.t("firm.title"), cat.t("audience.title")}


def test_an_empty_window_is_left_out():
    s = SectionResult(
        section="firm",
        order=0,
        actions=[action("firm.action.team_kickoff", "owner.management", 75)],
    )
    windows = _plan([s], catalog("de"), DATE)
    assert [w["title"] for w in windows] == [catalog("de").t("report.plan_window.d61_90")]
