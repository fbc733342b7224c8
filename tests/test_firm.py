"""Step 0: the firm, its goals and the added value, checked against hand-made profiles."""

from __future__ import annotations

import datetime as dt

from social_strategy.i18n import catalog
from social_strategy.steps import Context
from social_strategy.steps import firm as firm_step
from social_strategy.workspace import Workspace
from social_strategy.workspace.profile import Strategy

DATE = dt.date(2026, 11, 23)


def _run(data: dict):
    ws = Workspace(path=None, strategy=Strategy.model_validate(data))  # type: ignore[arg-type]
    return firm_step.run(ws, Context(report_date=DATE)).section


def _goal(id_: str, due: str, baseline: float | None = 10) -> dict:
    goal = {"id": id_, "goal": "More reviews", "metric": "reviews", "target": 4.8, "due": due}
    if baseline is not None:
        goal["baseline"] = baseline
    return goal


def test_no_goals_and_no_added_value_open_the_chapter_as_critical():
    section = _run({"firm": {"name": "X"}})
    assert [(f.code, f.level) for f in section.summary] == [
        ("firm.finding.no_goals", "critical"),
        ("firm.finding.no_added_value", "critical"),
    ]
    assert {q.code for q in section.open_questions} == {
        "firm.question.goals",
        "firm.question.added_value",
        "firm.question.monitoring",  # no names to watch yet
    }
    assert {a.code for a in section.actions} == {
        "firm.action.set_goals",
        "firm.action.team_kickoff",
    }


def test_goal_dates_are_judged_against_the_report_date():
    section = _run(
        {
            "firm": {"name": "X"},
            "added_value": ["Brewing tips"],
            "goals": [
                _goal("G1", "2026-10-01"),  # past
                _goal("G2", "2027-01-15", baseline=None),  # 53 days: too soon, no baseline
                _goal("G3", "2027-06-30"),  # fine
            ],
        }
    )
    findings = {f.code: f.values for f in section.findings}
    assert findings["firm.finding.goals_past"]["ids"] == ["G1"]
    assert findings["firm.finding.goals_too_soon"]["ids"] == ["G2"]
    assert findings["firm.finding.added_value"]["n"] == 1
    questions = {q.code: q.values for q in section.open_questions}
    assert questions["firm.question.baseline"]["ids"] == ["G2"]
    summary = section.summary[0]
    assert summary.code == "firm.summary.goals"
    assert summary.values == {"n": 3, "first": "2026-10-01", "last": "2027-06-30"}
    assert [d.values["id"] for d in section.decisions] == ["G1", "G2", "G3"]
    goals = next(t for t in section.tables if t.id == "goals")
    assert [r["id"] for r in goals.rows] == ["G1", "G2", "G3"]
    assert goals.rows[0]["target"] == 4.8


def test_every_sentence_of_the_chapter_renders_in_both_languages():
    section = _run({"firm": {"name": "X"}, "goals": [_goal("G1", "2026-12-01", None)]})
    for lang in ("de", "en"):
        cat = catalog(lang)
        for item in [*section.summary, *section.findings, *section.decisions, *section.actions]:
            text = cat.text(item.model_dump())
            assert text and "{" not in text
