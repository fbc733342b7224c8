"""Step 4: hours, flags, budget and verdict against hand-computed expectations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from conftest import REPORT_DATE
from social_strategy.errors import InputError
from social_strategy.i18n import catalog
from social_strategy.notebook import Session, start
from social_strategy.reference import resource_times
from social_strategy.steps import Context, step
from social_strategy.steps.audience.posting_times import PostingTimes, Slot
from social_strategy.steps.resources import run
from social_strategy.steps.resources.hours import (
    WHOLE,
    Need,
    Plan,
    Volume,
    answers_from_export,
    plan_hours,
    scaled,
    without,
)
from social_strategy.steps.resources.money import month_starts, monthly, scenarios
from social_strategy.steps.resources.team import Person, assign, coverage, flags
from social_strategy.workspace import load_workspace
from social_strategy.workspace.inputs.resources import ResourcesSettings

DATE = dt.date.fromisoformat(REPORT_DATE)
ACTIVITY_COLUMNS = ["channel", "activity", "minutes", "per_week", "person"]


def write(ws: Path, name: str, text: str) -> None:
    (ws / name).write_text(text, encoding="utf-8")


def run_on(ws: Path, earlier: dict | None = None, **settings) -> object:
    """Step 4 on ``ws`` with the given earlier results (none: as the notebook runs it)."""
    workspace = load_workspace(ws)
    if earlier is None:
        return Session(workspace, Path("unused"), "en", DATE, False).run("resources")
    s = workspace.strategy.settings.resources.model_copy(update=settings)
    return run(workspace, Context(report_date=DATE, settings=s, earlier=earlier))


def codes(result) -> list[str]:
    sec = result.section
    return [m.code for m in (*sec.summary, *sec.findings, *sec.open_questions, *sec.actions)]


def person(name: str, hours: float, **kw) -> Person:
    base = dict(
        trained="yes",
        channels=[],
        evenings=False,
        weekends=False,
        external=False,
        trainee=False,
    )
    base.update(kw)
    return Person(name=name, hours=hours, **base)


def whole_plan(**hours: float) -> Plan:
    """A plan of whole-presence work, hours per week by activity."""
    return Plan(
        channels=[],
        needs=[Need(a, WHOLE, h, h, "firm", minutes=h * 60, per_week=1) for a, h in hours.items()],
    )


# -- hours ------------------------------------------------------------------------------
def test_hand_computed_plan_is_reproduced_exactly(minimal_ws):
    write(
        minimal_ws,
        "activities.csv",
        "channel;activity;minutes;per_week;person\n"
        "Instagram;content;60;3;\n"
        "Instagram;Veröffentlichen;10;3;\n"
        "Facebook;content;30;2;\n"
        ";listening;15;5;\n"
        ";answering;20;5;\n"
        ";community;120;2;\n"
        ";reporting;60;1;\n",
    )
    r = run_on(minimal_ws)
    # 180 + 30 + 60 + 75 + 100 + 240 + 60 minutes a week, nothing from benchmarks
    assert r.plan.low == r.plan.high == pytest.approx(745 / 60)
    assert r.plan.missing == []
    assert r.plan.channels == ["Instagram", "Facebook"]
    by_channel = r.plan.by("channel")
    assert by_channel["Instagram"] == pytest.approx((3.5, 3.5))
    assert by_channel["Facebook"] == pytest.approx((1.0, 1.0))
    assert not any(n.basis == "benchmark" for n in r.plan.needs)
    assert r.verdict == "unknown"  # no team: no invented hours
    assert "resources.question.team" in codes(r)


def test_defaults_follow_the_plan_channel_by_channel():
    empty = pd.DataFrame(columns=ACTIVITY_COLUMNS)
    times = resource_times()
    volume = Volume(
        posts={"Instagram": 3, "Facebook": 1, "r/KaffeeNord": 1},
        video_share={"Instagram": 1 / 3},
    )
    plan = plan_hours(empty, ["Instagram", "Facebook"], volume, times, 5, ads_planned=False)
    month = 52 / 12
    # posts: Instagram 2 image (20-45 min) + 1 video (60-180), Facebook 1 image; 1 community
    # post (10-20); per channel: 1-5 answers x 3-10 min, 5 days x 5-15 min monitoring,
    # 30-60 min of reporting a month
    low = (2 * 20 + 60 + 20 + 10) / 60 + 2 * (3 + 25 + 30 / month) / 60
    high = (2 * 45 + 180 + 45 + 20) / 60 + 2 * (50 + 75 + 60 / month) / 60
    assert plan.low == pytest.approx(low)
    assert plan.high == pytest.approx(high)
    assert plan.missing == []
    assert all(n.basis == "default" for n in plan.needs)
    by = plan.by("channel")
    assert set(by) == {"Instagram", "Facebook", "r/KaffeeNord"}
    # the scenarios follow the plan: dropping Facebook and posting half as often compute
    assert without(plan, "Facebook")[1] == pytest.approx(high - by["Facebook"][1])
    posts_high = (2 * 45 + 180 + 45 + 20) / 60
    assert scaled(plan, 0.5)[1] == pytest.approx(high - posts_high / 2)
    # a channel without a frequency is named, its other work still counts
    quiet = plan_hours(empty, ["Instagram", "X"], volume, times, 5, ads_planned=True)
    assert quiet.no_frequency == ["X"] and quiet.missing == ["ads"]
    assert {n.activity for n in quiet.needs if n.channel == "X"} == {
        "answering",
        "listening",
        "reporting",
    }
    # the firm's own estimate replaces the default of the same activity and channel
    own = pd.DataFrame(
        [["Instagram", "content", 30, 3, None], [None, "listening", 10, 5, None]],
        columns=ACTIVITY_COLUMNS,
    )
    mine = plan_hours(own, ["Instagram"], volume, times, 5, ads_planned=False)
    content = [n for n in mine.needs if n.activity == "content"]
    assert [(n.basis, n.high) for n in content] == [("firm", 1.5)]
    assert [(n.channel, n.high) for n in mine.needs if n.activity == "listening"] == [
        (WHOLE, pytest.approx(50 / 60))
    ]
    # answers from an export: mentions per week per channel
    mentions = pd.DataFrame(
        {
            "time": pd.date_range("2026-01-01", periods=28, freq="D"),
            "channel": ["Instagram"] * 27 + ["Facebook"],
        }
    )
    rates = answers_from_export(mentions)
    assert rates["Instagram"] == pytest.approx(27 / (27 / 7))


def test_posting_frequency_comes_from_the_content_plan_else_today_s_rate(minimal_ws):
    write(minimal_ws, "channels.csv", "platform,posts_per_week\nInstagram,3\nFacebook,\n")
    write(
        minimal_ws,
        "activities.csv",
        "channel,activity,minutes,per_week\nInstagram,content,60,\nFacebook,content,30,\n",
    )
    audience = SimpleNamespace(recommended=["Instagram", "Facebook"], times=None)
    today = run_on(minimal_ws, {"audience": audience})
    content = {n.channel: n.high for n in today.plan.needs if n.activity == "content"}
    assert content == {"Instagram": 3.0}
    assert today.plan.no_frequency == ["Facebook"]
    assert "resources.question.frequency" in codes(today)
    assert "resources.finding.current_rate" in codes(today)
    planned = SimpleNamespace(posts_per_week={"instagram": 5, "Facebook": 2})
    r = run_on(minimal_ws, {"audience": audience, "communities": planned})
    content = {n.channel: n.high for n in r.plan.needs if n.activity == "content"}
    assert content == {"Instagram": 5.0, "Facebook": 1.0}
    assert "resources.finding.current_rate" not in codes(r)


# -- flags: each triggers on a crafted team and stays silent on a balanced one ----------
def test_concentration_flag():
    plan = whole_plan(community=12)
    f = flags(assign(plan, [person("A", 10), person("B", 2)]), _cov([]), 60)
    assert f.concentrated is not None and f.concentrated[0] == "A"
    assert f.concentrated[1] == pytest.approx(100 * 10 / 12)
    f = flags(assign(whole_plan(community=12), [person("A", 6), person("B", 6)]), _cov([]), 60)
    assert f.concentrated is None


def test_single_person_flag():
    f = flags(assign(whole_plan(community=5), [person("Solo", 10)]), _cov([]), 60)
    assert f.single_person == "Solo" and f.concentrated is None
    two = [person("A", 5), person("B", 5)]
    assert flags(assign(whole_plan(community=5), two), _cov(two), 60).single_person is None


def test_untrained_answering_flag():
    crafted = [person("A", 10, trained="in_training"), person("B", 2)]
    f = flags(assign(whole_plan(answering=6), crafted), _cov(crafted), 60)
    assert f.untrained_answering == pytest.approx(100 * 10 / 12)
    trained = [person("A", 10), person("B", 2)]
    assert (
        flags(assign(whole_plan(answering=6), trained), _cov(trained), 90).untrained_answering
        is None
    )


def test_trainee_flag():
    crafted = [person("Azubi", 8, trainee=True), person("Lead", 4)]
    f = flags(assign(whole_plan(community=12), crafted), _cov(crafted), 90)
    assert f.trainee_share == pytest.approx(100 * 8 / 12)
    balanced = [person("Azubi", 2, trainee=True), person("Lead", 4), person("Other", 4)]
    assert (
        flags(assign(whole_plan(community=10), balanced), _cov(balanced), 90).trainee_share is None
    )


def _cov(team, times=None, evenings=None, weekends=None):
    return coverage(team, times, evenings, weekends, 18)


def _times(evening_high: float, weekend_high: float) -> PostingTimes:
    """Posting times with one judged evening slot and one judged Saturday slot; a "high"
    below 2 marks the slot as shown to be worse than usual (adjusted p 0.01)."""

    def slot(weekday: int, hour: int, high: float) -> Slot:
        worse = high < 2.0
        return Slot(
            weekday,
            hour,
            n=10,
            median=high,
            ratio=0.5 if worse else 1.1,
            score=-3.0 if worse else 0.5,
            p=1.0 if worse else 0.4,
            p_worse=0.01 if worse else 0.6,
        )

    return PostingTimes(
        n_posts=100,
        n_rows=100,
        metric="rate",
        enough=True,
        slots=[slot(1, 20, evening_high), slot(1, 10, 3.0), slot(5, 11, weekend_high)],
    )


def test_evening_and_weekend_coverage_flags():
    day_only = [person("A", 6), person("B", 6)]
    plan = whole_plan(answering=4)
    active = _cov(day_only, _times(evening_high=2.4, weekend_high=3.0))
    assert (active.evenings_active, active.weekends_active) == (True, True)
    assert active.evenings_from == "posts"
    f = flags(assign(plan, day_only), active, 60)
    assert f.evenings_uncovered and f.weekends_uncovered
    assert f.response == ["evenings", "weekends"]
    # quiet evenings and weekends in the posts: no flag
    quiet = _cov(day_only, _times(evening_high=1.5, weekend_high=1.0))
    assert (quiet.evenings_active, quiet.weekends_active) == (False, False)
    assert flags(assign(plan, day_only), quiet, 60).response == []
    # the firm's own setting beats the posts; someone on duty covers it
    rota = [person("A", 6, evenings=True, weekends=True), person("B", 6)]
    said = _cov(rota, _times(1.5, 1.0), evenings=True, weekends=True)
    assert said.evenings_from == "settings"
    f = flags(assign(plan, rota), said, 60)
    assert not f.evenings_uncovered and not f.weekends_uncovered and f.response == []
    assert not f.evenings_untrained and not f.weekends_untrained
    # covered, but only by someone untrained
    trainee = [person("A", 6), person("Azubi", 3, trained="in_training", weekends=True)]
    f = flags(assign(plan, trainee), _cov(trainee, weekends=True), 60)
    assert f.weekends_untrained and not f.weekends_uncovered and f.response == []
    assert not f.evenings_untrained  # evenings not known to be active
    # no posts and no setting: not known (an open question, no flag)
    unknown = _cov(day_only)
    assert unknown.evenings_active is None
    assert not flags(assign(plan, day_only), unknown, 60).evenings_uncovered


def test_response_target_flag():
    short = [person("A", 1), person("B", 1)]
    f = flags(assign(whole_plan(answering=6), short), _cov(short), 60)
    assert f.response == ["hours"] and f.overloaded == ["A", "B"]
    idle = [person("A", 0)]
    f = flags(assign(whole_plan(answering=2), idle), _cov(idle), 60)
    assert f.response == ["nobody"]
    fine = [person("A", 4), person("B", 4)]
    assert flags(assign(whole_plan(answering=6), fine), _cov(fine), 60).response == []


def test_named_work_goes_to_the_person_and_channels_to_who_serves_them():
    plan = Plan(
        channels=["Instagram", "LinkedIn"],
        needs=[
            Need("content", "Instagram", 3, 3, "firm"),
            Need("content", "LinkedIn", 2, 2, "firm"),
            Need("reporting", WHOLE, 1, 1, "firm", person="b"),
        ],
    )
    team = [person("A", 6, channels=["instagram"]), person("B", 2, channels=["Twitter"])]
    work = assign(plan, team)
    assert team[0].load == {"content": 3}
    assert team[1].load == {"reporting": 1}
    assert work.unassigned == {"content": 2}  # nobody serves LinkedIn


# -- the verdict ----------------------------------------------------------------------
def test_one_person_one_hour_untrained_three_channels_is_not_enough(minimal_ws):
    write(minimal_ws, "team.csv", "person,hours_per_week,trained\nSolo,1,nein\n")
    write(
        minimal_ws,
        "activities.csv",
        "channel,activity,minutes,per_week\nInstagram,content,60,3\n"
        "Facebook,content,30,2\nLinkedIn,content,45,1\n",
    )
    r = run_on(minimal_ws)
    assert r.plan.channels == ["Instagram", "Facebook", "LinkedIn"]
    assert r.verdict == "not_enough"
    assert r.section.summary[0].code == "resources.summary.not_enough"
    assert r.section.summary[0].level == "critical"
    found = codes(r)
    assert "resources.flag.single_person" in found
    assert "resources.flag.untrained_answering" in found
    assert r.gap == pytest.approx(r.plan.high - 1)
    assert r.section.data["gap_fte"] == pytest.approx((r.plan.high - 1) / 40)


def test_a_sufficient_balanced_team_is_enough(minimal_ws):
    write(
        minimal_ws,
        "team.csv",
        "person,hours_per_week,trained,evenings,weekends\nA,12,yes,yes,no\nB,12,ja,no,yes\n",
    )
    r = run_on(minimal_ws)
    assert r.verdict == "enough"
    assert r.section.summary[0].code == "resources.summary.enough"
    assert "resources.finding.balanced" in codes(r)
    assert r.gap == 0


def test_missing_team_turns_into_open_questions(minimal_ws):
    r = run_on(minimal_ws)
    assert r.verdict == "unknown" and r.available is None
    assert r.section.summary[0].code == "resources.summary.unknown"
    assert "resources.question.team" in codes(r)
    assert "workload" not in r.drawers
    assert all(p.total == 0 for p in r.work.people)
    # the plan's start is a labelled default, never a guessed team
    assert any(d.code == "resources.default.plan_start" for d in r.section.defaults)


# -- budget and scenarios ---------------------------------------------------------------
def test_budget_by_month_matches_a_hand_computation(minimal_ws):
    write(
        minimal_ws,
        "budget.csv",
        "item;category;amount;frequency;start_month;end_month\n"
        "Tool;Werkzeuge;100;monatlich;1;\n"
        "Fotos;content;500;einmalig;3;\n"
        "Anzeigen;ads;50;monthly;2;4\n",
    )
    write(minimal_ws, "team.csv", "person,hours_per_week,external\nA,10,no\nAgentur,4,yes\n")
    ws = load_workspace(minimal_ws)
    table = monthly(ws.table("budget"), internal_hours=10, rate=30)
    internal = 10 * 52 / 12 * 30  # 1300
    expected = [100 + internal, 150 + internal, 650 + internal, 150 + internal]
    expected += [100 + internal] * 8
    assert table.sum(axis=0).tolist() == pytest.approx(expected)
    assert table.loc["ads"].sum() == 150
    without_rate = monthly(ws.table("budget"), internal_hours=10, rate=None)
    assert "internal_hours" not in without_rate.index
    assert without_rate.to_numpy().sum() == 1200 + 500 + 150
    assert month_starts(DATE)[0] == dt.date(2026, 12, 1)
    assert month_starts(DATE)[-1] == dt.date(2027, 11, 1)
    r = run_on(
        minimal_ws, {"audience": SimpleNamespace(recommended=[], times=None)}, hourly_rate=30
    )
    rows = {
        row["category"]: row for row in next(t for t in r.section.tables if t.id == "budget").rows
    }
    assert rows["total"]["2027-02"] == pytest.approx(650 + internal)  # one-off in month 3
    assert rows["total"]["total"] == pytest.approx(sum(expected))


def test_scenarios_show_hours_and_cost():
    plan = Plan(
        channels=["Instagram", "Facebook"],
        needs=[
            Need("content", "Instagram", 4, 4, "plan", minutes=60, per_week=4),
            Need("content", "Facebook", 2, 2, "plan", minutes=60, per_week=2),
            Need("community", WHOLE, 5, 10, "benchmark", benchmark="community"),
        ],
    )
    work = assign(plan, [person("A", 8)])
    out = {s.code: s for s in scenarios(plan, work, rate=40, external_rate=80, keep_pct=50)}
    assert out["baseline"].gap == pytest.approx(8)
    assert out["fewer_channels"].required == pytest.approx(14)
    assert out["fewer_channels"].detail["channel"] == "Facebook"
    assert out["lower_frequency"].required == pytest.approx(13)
    assert out["more_hours"].gap == 0
    assert out["more_hours"].cost == pytest.approx(8 * 52 / 12 * 40)
    assert out["outside_help"].cost == pytest.approx(8 * 52 / 12 * 80)
    unpriced = {s.code: s for s in scenarios(plan, work, None, None, 50)}
    assert unpriced["more_hours"].cost is None and unpriced["outside_help"].cost is None
    benchmarks_only = Plan(channels=["A", "B"], needs=[plan.needs[2]])
    effect = {s.code: s for s in scenarios(benchmarks_only, work, None, None, 50)}
    assert effect["fewer_channels"].required is None  # not known: benchmarks are presence-wide
    assert effect["lower_frequency"].required is None


# -- the example and its chapter ------------------------------------------------------
def _messages(value):
    if isinstance(value, dict):
        if "code" in value and isinstance(value["code"], str):
            yield value
        for v in value.values():
            yield from _messages(v)
    elif isinstance(value, list):
        for v in value:
            yield from _messages(v)


def test_example_chapter_is_complete_in_both_languages(example_ws, tmp_path):
    session = start(str(example_ws), str(tmp_path / "results"), "de", REPORT_DATE, False)
    r = session.run("resources")
    assert step("resources").needs == ("audience", "communities")  # posts from the plan
    assert r.verdict == "not_enough"
    # the review platform in the community register is answered, not posted to
    # (in step 1's order of the chosen channels, which follows the goals)
    assert sorted(r.plan.channels) == sorted(
        ["LinkedIn", "Instagram", "Facebook", "Google-Bewertungen Café Elbufer"]
    )
    assert r.plan.channels[-1] == "Google-Bewertungen Café Elbufer"
    assert r.available == 14.5
    assert set(r.drawers) == {"hours", "workload", "budget"}
    assert {t.id for t in r.section.tables} == {"hours", "team", "scenarios", "budget"}
    assert {s.source for s in r.section.sources} == {"Sprout Social"}
    dump = r.section.model_dump(mode="json")
    for lang in ("de", "en"):
        cat = catalog(lang)
        for m in _messages(dump):
            if m["code"].startswith("resources."):
                assert cat.text(m)  # every code exists and formats in both languages
        for t in r.section.tables:
            for c in t.columns:
                cat.t(c.label)
                if c.format.startswith("code:"):
                    for row in t.rows:
                        cat.t(f"{c.format[5:]}.{row[c.key]}")
        for name, draw in r.drawers.items():
            assert draw(cat).axes, name
    path = session.save(r)
    assert path.name == "resources.json"
    figures = (tmp_path / "results" / "figures").glob("resources_*")
    assert sorted(p.name for p in figures if ".narrow." not in p.name) == [
        f"resources_budget.{session.lang}.svg",
        f"resources_hours.{session.lang}.svg",
        f"resources_workload.{session.lang}.svg",
    ]


# -- bad input ---------------------------------------------------------------------------
def test_bad_resource_tables_are_reported_by_file_row_and_column(minimal_ws):
    write(
        minimal_ws,
        "team.csv",
        "person,hours_per_week,trained\nA,viele,yes\nB,5,vielleicht\nC,4,no\n",
    )
    write(
        minimal_ws,
        "activities.csv",
        "channel,activity,minutes,per_week,person\n,listening,15,,\nX,tanzen,10,1,\n,reporting,60,1,Nobody\n",
    )
    write(
        minimal_ws,
        "budget.csv",
        "item,category,amount,frequency,start_month,end_month\nTool,tools,10,monthly,5,3\n",
    )
    with pytest.raises(InputError) as info:
        load_workspace(minimal_ws)
    found = [str(p) for p in info.value.problems]
    text = "\n".join(found)
    assert "team.csv, row 2, column 'hours_per_week'" in text and "viele" in text
    assert "team.csv, row 3, column 'trained'" in text and "vielleicht" in text
    assert "activities.csv, row 2, column 'per_week'" in text
    assert "activities.csv, row 3, column 'activity'" in text and "tanzen" in text
    assert "activities.csv, row 4, column 'person'" in text and "Nobody" in text
    assert "budget.csv, row 2, column 'end_month'" in text
    assert len(found) == 6


def test_settings_are_validated(minimal_ws):
    strategy = minimal_ws / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8")
        + "settings:\n  resources:\n    max_share_pct: 160\n    hourly_rat: 40\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_workspace(minimal_ws)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "settings.resources.max_share_pct" in text
    assert "settings.resources.hourly_rat" in text


def test_defaults_are_labelled_only_when_not_set(minimal_ws):
    default = ResourcesSettings()
    assert (default.max_share_pct, default.response_hours, default.fte_hours) == (60, 4, 40)
    write(minimal_ws, "team.csv", "person,hours_per_week\nA,5\nB,5\n")
    r = run_on(minimal_ws)
    labelled = {d.code for d in r.section.defaults}
    assert {"resources.default.max_share", "resources.default.response_hours"} <= labelled
    strategy = minimal_ws / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8")
        + "settings:\n  resources:\n    max_share_pct: 70\n    response_hours: 2\n",
        encoding="utf-8",
    )
    r = run_on(minimal_ws)
    labelled = {d.code for d in r.section.defaults}
    assert not {"resources.default.max_share", "resources.default.response_hours"} & labelled
    response = next(f for f in r.section.findings if f.code == "resources.flag.response")
    assert response.values["hours"] == 2


def test_german_headers_and_words_load(minimal_ws):
    write(
        minimal_ws,
        "team.csv",
        "Name;Rolle;Stunden pro Woche;Geschult;Kanäle;Abends;Wochenende;Extern;Azubi\n"
        "Jana;Marketing;7,5;ja;Instagram;nein;ja;nein;nein\n"
        "Tim;Azubi;4;in Schulung;;ja;nein;nein;ja\n",
    )
    write(
        minimal_ws,
        "budget.csv",
        "Posten;Kategorie;Betrag;Häufigkeit;Startmonat\nKurs;Schulung;1.200,00;einmalig;2\n",
    )
    ws = load_workspace(minimal_ws)
    team = ws.table("team").set_index("person")
    assert team.loc["Jana", "hours_per_week"] == 7.5 and team.loc["Jana", "weekends"]
    assert team.loc["Tim", "trained"] == "in_training" and team.loc["Tim", "trainee"]
    line = ws.table("budget").iloc[0]
    assert (line["category"], line["amount"], line["frequency"]) == ("training", 1200, "one_off")


def test_client_text_in_charts_is_drawn_as_text(minimal_ws):
    write(minimal_ws, "team.csv", 'person,hours_per_week\n"$\\alpha$ <b>x</b>",3\nB,2\n')
    r = run_on(minimal_ws)
    fig = r.drawers["workload"](catalog("en"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "$\\alpha$ <b>x</b>" in labels
    import io

    fig.savefig(io.BytesIO(), format="svg")  # no mathtext parse error
