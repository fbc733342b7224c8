"""The report context: the 90-day plan by month, from section results alone."""

from __future__ import annotations

import datetime as dt

from social_strategy.i18n import catalog
from social_strategy.report.context import _plan
from social_strategy.results import SectionResult, action

DATE = dt.date(2026, 11, 23)


def test_the_plan_is_grouped_by_calendar_month_in_order():
    a = SectionResult(
        section="firm",
        order=0,
        actions=[action("firm.action.team_kickoff", "owner.management", 7)]
        + [
            action("firm.action.measure_baseline", "owner.social_team", d, ids=[f"G{d}"])
            for d in (0, 30, 31, 60, 61, 90, 91)
        ],
    )
    b = SectionResult(
        section="audience",
        order=1,
        actions=[action("audience.action.test_slots", "owner.social_team", 60)],
    )
    cat = catalog("en")
    months = _plan([a, b], cat, DATE)
    rows = [r for m in months for r in m["rows"]]
    assert len(rows) == 9
    dates = [dt.date.fromisoformat(r["date_iso"]) for r in rows]
    assert dates == sorted(dates)
    assert [m["title"] for m in months] == sorted(
        {cat.month(d) for d in dates}, key=lambda t: [cat.month(d) for d in dates].index(t)
    )
    # the kick-off comes first, whatever day it was asked for; a review never before its day
    assert rows[0]["text"] == cat.t("firm.action.team_kickoff")
    review = next(r for r in rows if r["text"] == cat.t("audience.action.test_slots"))
    assert dt.date.fromisoformat(review["date_iso"]) >= DATE + dt.timedelta(days=60)
    # two chapters' actions both appear, each with an owner and what done means
    assert {r["chapter"] for r in rows} == {cat.t("firm.title"), cat.t("audience.title")}
    assert all(r["owner"] and r["done"] for r in rows)


def test_a_plan_without_actions_is_empty():
    s = SectionResult(section="firm", order=0)
    assert _plan([s], catalog("de"), DATE) == []
