"""Step 4 on three firms typed from docs/workspace.md alone (issue 29), and the pieces they
drive: who does what, the cover and training flags, hours from the plan, the scenarios that
close a gap, calendar budget months, real owners and plural rules.

Every test calls the step functions directly (no notebook, no render)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from social_strategy import owners
from social_strategy.errors import InputError
from social_strategy.i18n import catalog, plural_category
from social_strategy.results import SectionResult, Table, action, msg
from social_strategy.steps import Context
from social_strategy.steps.communities import run as communities_run
from social_strategy.steps.resources import run
from social_strategy.steps.resources.chapter import flag_codes
from social_strategy.steps.resources.hours import WHOLE, Need, Plan
from social_strategy.steps.resources.money import monthly, plan_month, plan_start, scenarios
from social_strategy.steps.resources.team import Person, assign, coverage, flags
from social_strategy.workspace import load_workspace
from social_strategy.workspace.inputs.resources import parse_month

DATA = Path(__file__).parent / "data"
FIRMS = {
    "firm_b2b_team": ["LinkedIn", "YouTube"],
    "firm_of_one": ["Facebook"],
    "firm_staffed": ["Instagram", "Facebook"],
}


def run_firm(folder: Path, recommended: list[str], report_date: dt.date | None = None, **kw):
    """Step 2 (for the planned posts) and step 4 on a workspace; step 1's choice given."""
    ws = load_workspace(folder)
    date = report_date or ws.strategy.report_date
    st = ws.strategy.settings
    comm = communities_run(ws, Context(report_date=date, settings=st.communities, earlier={}))
    audience = SimpleNamespace(recommended=recommended, times=None)
    settings = st.resources.model_copy(update=kw)
    return run(
        ws,
        Context(
            report_date=date,
            settings=settings,
            earlier={"audience": audience, "communities": comm},
        ),
    )


@pytest.fixture(scope="module")
def firms():
    return {name: run_firm(DATA / name, rec) for name, rec in FIRMS.items()}


def texts(r, lang: str) -> list[str]:
    cat = catalog(lang)
    sec = r.section
    return [cat.text(m.model_dump()) for m in (*sec.summary, *sec.findings, *sec.actions)]


# -- the three firms ---------------------------------------------------------------------
def test_b2b_firm_agency_answers_nothing_and_the_verdict_holds(firms):
    r = firms["firm_b2b_team"]
    agency = next(p for p in r.work.people if p.name == "Framewerk Media")
    assert agency.load.get("answering", 0.0) == 0  # an agency answers nothing
    assert set(agency.load) == {"content"}  # it makes the videos, nothing else
    student = next(p for p in r.work.people if p.name == "Jonas Weber")
    assert set(student.load) == {"answering"}
    # answering is shared by the marketer (8 h) and the student (10 h) alone: 10/18 untrained
    assert r.flags.untrained_answering == pytest.approx(100 * 10 / 18)
    assert r.verdict == "not_enough"
    codes = set(flag_codes(r.flags))
    assert {
        "untrained_answering",
        "untrained_criticism",
        "no_deputy",
        "evenings_needed",
        "weekends_needed",
        "training_late",
    } <= codes
    assert r.flags.no_deputy == "Sarah Whitfield"
    assert r.flags.untrained_criticism == ["Jonas Weber"]
    assert r.flags.training_late == [("Social media and criticism training", 2)]
    assert r.coverage.needed == ["contest"]
    assert r.section.summary[0].code == "resources.summary.not_enough"
    assert "Enough for lasting care" not in " ".join(texts(r, "en"))
    # the budget in calendar months: 12 x (2750 + 300) + 660 once, in February 2027
    assert float(r.budget.to_numpy().sum()) == pytest.approx(37_260)
    assert r.months[0] == "2027-01" and r.budget.loc["training", 2] == 660
    # scenarios that close the gaps, each saying what it clears
    by = {s.code: s for s in r.scenarios}
    assert {"train", "deputy", "rota", "agency_answers"} <= set(by)
    assert by["train"].detail["person"] == "Jonas Weber" and by["train"].once == 16
    assert by["deputy"].detail["deputy"] == "Jonas Weber"
    assert by["rota"].detail["hours"] == pytest.approx((5 * 30 + 2 * 60) / 60)
    assert set(by["rota"].clears) == {"evenings", "weekends"}


def test_firm_of_one_needs_a_few_hours_not_half_a_job(firms):
    r = firms["firm_of_one"]
    # one post a week on Facebook, answers on Google reviews, monitoring and a monthly report
    assert r.plan.channels == ["Facebook", "Google-Bewertungen"]
    assert 1 < r.plan.low < r.plan.high < 10
    assert r.available == 1
    assert r.verdict == "not_enough"
    assert r.flags.single_person == "Klaus Berger"
    assert r.flags.untrained_answering == 100
    assert r.flags.training_late == [("Schulung Online-Bewertungen", 2)]
    assert float(r.budget.to_numpy().sum()) == pytest.approx(738)
    posts = [n for n in r.plan.needs if n.activity == "content"]
    assert [(n.channel, n.count) for n in posts] == [("Facebook", (1.0, 1.0))]
    assert not any(n.activity == "content" for n in r.plan.needs if n.channel != "Facebook")
    de = " ".join(texts(r, "de"))
    assert "1 Stunde pro Woche" in de and "1 Stunden" not in de
    by = {s.code: s for s in r.scenarios}
    # even without posts the rest needs more than the owner's hour: said, not hidden
    assert by["cut_plan_short"].required > r.available
    assert by["lower_frequency"].required < r.plan.high  # "post less" computes
    assert by["fewer_channels"].required is not None  # "drop a channel" computes


def test_firm_of_one_owners_are_its_one_person(firms):
    r = firms["firm_of_one"]
    other = SectionResult(
        section="risks",
        order=5,
        actions=[
            action("risks.action.drill", "owner.social_team", 60),
            action("risks.action.monitoring", "owner.management", 14),
            action("risks.action.answer_queue", "owner.customer_service", 2, n=3),
        ],
        tables=[
            Table(
                id="playbook",
                title=msg("risks.table.playbook_title"),
                columns=[],
                rows=[{"who": msg("owner.management").model_dump()}],
            )
        ],
    )
    done = owners.assign([r.section, other])
    assert {a.owner for s in done for a in s.actions} == {"Klaus Berger"}
    cell = done[1].tables[0].rows[0]["who"]
    assert catalog("de").text(cell) == "Klaus Berger"


def test_well_staffed_firm_is_enough_without_false_flags(firms):
    r = firms["firm_staffed"]
    assert r.verdict == "enough"
    assert flag_codes(r.flags) == []
    # cover is needed (a contest, a response target set) and given by trained people
    assert set(r.coverage.needed) == {"contest", "response"}
    assert r.coverage.evenings_trained and r.coverage.weekends_trained
    assert r.plan.high < r.available
    assert "resources.finding.balanced" in {f.code for f in r.section.findings}
    assert {s.code for s in r.scenarios} == {"baseline", "fewer_channels", "lower_frequency"}
    # owners: posting to the lead, answers to trained customer service, management to lead
    done = owners.assign(
        [
            r.section,
            SectionResult(
                section="risks",
                order=5,
                actions=[
                    action("risks.action.drill", "owner.social_team", 60),
                    action("risks.action.answer_queue", "owner.customer_service", 2, n=3),
                    action("risks.action.monitoring", "owner.management", 14),
                    action("risks.action.x", "owner.consultant", 14),
                ],
            ),
        ]
    )
    assert [a.owner for a in done[1].actions] == [
        "Mia Sommer",
        "Ben Ortiz",
        "Mia Sommer",
        "owner.consultant",
    ]


def test_owners_are_to_be_assigned_where_nobody_fits(firms):
    # the B2B firm names nobody as lead: management actions are to be assigned
    done = owners.assign(
        [
            firms["firm_b2b_team"].section,
            SectionResult(
                section="firm",
                order=0,
                actions=[
                    action("firm.action.team_kickoff", "owner.management", 14),
                    action("risks.action.drill", "owner.social_team", 60),
                ],
            ),
        ]
    )
    assert [a.owner for a in done[1].actions] == ["owner.unassigned", "Sarah Whitfield"]
    # without a team nothing is invented either; text the firm typed (risks.csv) is kept
    alone = owners.assign(
        [
            SectionResult(
                section="risks",
                order=5,
                actions=[
                    action("risks.action.drill", "owner.social_team", 60),
                    action("risks.action.x", "Frau Ahrens", 60),
                ],
            )
        ]
    )
    assert [a.owner for a in alone[0].actions] == ["owner.unassigned", "Frau Ahrens"]


def test_notebook_tables_show_work_and_what_each_scenario_clears(firms):
    from social_strategy.steps.resources import scenario_frame, team_frame

    r = firms["firm_b2b_team"]
    for lang in ("de", "en"):
        cat = catalog(lang)
        team = team_frame(r, cat)
        assert len(team) == 3
        frame = scenario_frame(r, cat)
        assert len(frame) == len(r.scenarios)
        assert cat.t("resources.clears.untrained_answering") in " ".join(
            frame[cat.t("resources.col.changes")]
        )


# -- who does what -----------------------------------------------------------------------
def person(name, hours, trained="yes", work=(), **kw):
    base = dict(channels=[], evenings=False, weekends=False, external=False, trainee=False)
    base.update(kw)
    return Person(name=name, hours=hours, trained=trained, work=list(work), **base)


def plan_of(**hours) -> Plan:
    return Plan(
        channels=[], needs=[Need(a, WHOLE, h, h, "firm", work=w) for a, (h, w) in hours.items()]
    )


def test_work_kinds_route_the_work_and_external_default_answers_nothing():
    plan = plan_of(answering=(3.0, "comments"), content=(4.0, "posting"))
    team = [
        person("Lead", 6, work=["posting", "lead"]),
        person("Agency", 4, trained="yes", external=True),  # empty work: no answering
        person("Desk", 3, trained="no", work=["comments"]),
    ]
    work = assign(plan, team)
    load = {p.name: p.load for p in work.people}
    assert load["Desk"] == {"answering": 3.0}
    assert load["Agency"] == {"content": pytest.approx(4 * 4 / 10)}
    assert load["Lead"] == {"content": pytest.approx(4 * 6 / 10)}
    cov = coverage(team, None, None, None, 18, ["contest"])
    f = flags(work, cov, 60)
    assert f.untrained_answering == 100  # all answering on the untrained desk
    assert f.evenings_needed and f.weekends_needed
    assert f.no_deputy is None  # nobody trained answers at all: no "only one" flag


def test_deputy_and_criticism_flags_and_their_traps():
    plan = plan_of(answering=(2.0, "comments"))
    one = [
        person("A", 5, work=["comments", "criticism"]),
        person("B", 5, trained="no", work=["posting"]),
    ]
    f = flags(assign(plan, one), coverage(one, None, None, None, 18), 90)
    assert f.no_deputy == "A" and f.untrained_criticism == []
    two = [person("A", 5, work=["comments", "criticism"]), person("C", 5, work=["criticism"])]
    f = flags(assign(plan, two), coverage(two, None, None, None, 18), 90)
    assert f.no_deputy is None and f.untrained_criticism == []  # trap: two trained
    mixed = [*two, person("D", 2, trained="in_training", work=["criticism"])]
    f = flags(assign(plan, mixed), coverage(mixed, None, None, None, 18), 90)
    assert f.untrained_criticism == ["D"]


def test_a_person_over_their_hours_is_flagged_and_not_before():
    def team():
        return [person("A", 2, work=["posting"]), person("B", 10, work=["comments"])]

    def judged(hours):
        people = team()
        return flags(
            assign(plan_of(content=(hours, "posting")), people),
            coverage(people, None, None, None, 18),
            90,
        )

    assert judged(2.5).overloaded == ["A"]
    assert judged(2.0).overloaded == []


# -- calendar months ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2027-02", "2027-02"),
        ("Feb 2027", "2027-02"),
        ("Februar 2027", "2027-02"),
        ("März 2027", "2027-03"),
        ("02/2027", "2027-02"),
        ("3", 3),
        (4.0, 4),
        ("", None),
    ],
)
def test_budget_months_are_read_in_every_form(text, value):
    assert parse_month(text) == value


def test_same_file_same_budget_whatever_day_it_is_rendered(tmp_path):
    folder = tmp_path / "b2b"
    shutil.copytree(DATA / "firm_b2b_team", folder)
    early = run_firm(folder, FIRMS["firm_b2b_team"], dt.date(2026, 11, 3))
    late = run_firm(folder, FIRMS["firm_b2b_team"], dt.date(2026, 12, 30))
    assert early.months == late.months
    pd.testing.assert_frame_equal(early.budget, late.budget)
    # without plan_start the plan starts the month after the report; calendar months keep
    # their calendar place
    first = plan_start(dt.date(2026, 12, 30))
    assert first == dt.date(2027, 1, 1)
    assert plan_start(dt.date(2026, 11, 3), dt.date(2027, 3, 17)) == dt.date(2027, 3, 1)
    assert plan_month("2027-02", dt.date(2027, 1, 1)) == 2
    assert plan_month("2027-02", dt.date(2026, 12, 1)) == 3
    budget = pd.DataFrame(
        {
            "item": ["Tool", "Course", "Old"],
            "category": ["tools", "training", "content"],
            "amount": [10.0, 100.0, 50.0],
            "frequency": ["monthly", "one_off", "one_off"],
            "start_month": ["2026-10", "2027-02", "2026-05"],
            "end_month": ["2027-03", None, None],
        }
    )
    outside: list[str] = []
    table = monthly(budget, 0, None, dt.date(2027, 1, 1), outside)
    assert table.loc["tools"].tolist() == [10, 10, 10] + [0] * 9  # started before the plan
    assert table.loc["training", 2] == 100
    assert outside == ["Old"]


# -- scenarios ---------------------------------------------------------------------------
def test_cut_plan_fits_the_plan_to_the_team():
    plan = Plan(
        channels=["Instagram"],
        needs=[
            Need("content", "Instagram", 6, 6, "default", work="posting", count_from="plan"),
            Need("listening", "Instagram", 2, 2, "default", work="monitoring", count_from="days"),
        ],
    )
    work = assign(plan, [person("A", 5)])
    out = {s.code: s for s in scenarios(plan, work, 40.0, 80.0, 50)}
    assert out["cut_plan"].required == pytest.approx(5)
    assert out["cut_plan"].gap == 0
    assert out["cut_plan"].detail["keep"] == pytest.approx(50)
    assert out["more_hours"].cost == pytest.approx(3 * 52 / 12 * 40)


# -- grammar -----------------------------------------------------------------------------
def test_plural_rules_come_from_cldr_in_both_languages():
    for lang in ("de", "en"):
        assert plural_category(lang, 1) == "one"
        assert plural_category(lang, 1.0) == "one"
        assert plural_category(lang, 0) == "other"
        assert plural_category(lang, 1.5) == "other"
        assert plural_category(lang, [3]) == "one"
    de, en = catalog("de"), catalog("en")
    assert de.format_value(1, "count:Stunde|Stunden") == "1 Stunde"
    assert de.format_value(2.5, "count:Stunde|Stunden") == "2,5 Stunden"
    assert en.format_value(0, "plural:one=hour|other=hours|=0=no hours") == "no hours"
    assert de.t("resources.table.team_title", n=1, hours=1) == "1 Person mit 1 Stunde pro Woche"
    assert (
        de.t("resources.table.team_title", n=3, hours=22) == "3 Personen mit 22 Stunden pro Woche"
    )
    assert en.t("resources.table.team_title", n=1, hours=1) == "1 person with 1 hour a week"
    assert de.t("communities.action.fix_rows", rows=[5]) == "Den Redaktionsplan in Zeile 5 ändern."
    assert (
        de.t("communities.action.fix_rows", rows=[5, 7])
        == "Den Redaktionsplan in den Zeilen 5 und 7 ändern."
    )


# -- input -------------------------------------------------------------------------------
def test_bad_work_and_month_are_named_by_file_row_and_column(tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(DATA / "firm_b2b_team", folder)
    (folder / "team.csv").write_text(
        "person,hours_per_week,work\nA,5,posting; dancing\n", encoding="utf-8"
    )
    (folder / "budget.csv").write_text(
        "item,category,amount,start_month\nTool,tools,10,2027-13\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_workspace(folder)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "team.csv, row 2, column 'work'" in text and "dancing" in text
    assert "budget.csv, row 2, column 'start_month'" in text


def test_old_team_files_still_load_and_german_work_words_are_understood(tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(DATA / "firm_of_one", folder)
    (folder / "team.csv").write_text(
        "person;stunden;geschult;aufgaben;extern\n"
        "Klaus Berger;1;nein;;nein\n"
        "Agentur;2;ja;Posten, Kommentare beantworten, Kritik;ja\n",
        encoding="utf-8",
    )
    team = load_workspace(folder).table("team")
    assert list(team["work"]) == [[], ["posting", "comments", "criticism"]]


def test_a_response_time_goal_needs_evening_and_weekend_cover(tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(DATA / "firm_of_one", folder)
    strategy = folder / "strategy.yaml"
    strategy.write_text(
        strategy.read_text(encoding="utf-8")
        + "goals:\n"
        + "  - id: G1\n"
        + "    goal: Bewertungen schnell beantworten\n"
        + "    metric: Antwortzeit auf Google-Bewertungen in Stunden\n"
        + "    target: 24\n"
        + "    due: 2027-06-30\n",
        encoding="utf-8",
    )
    r = run_firm(folder, FIRMS["firm_of_one"])
    assert r.coverage.needed == ["response"]
    assert r.flags.evenings_needed and r.flags.weekends_needed
    # the same firm without the goal: nothing in its plan needs the cover (trap)
    plain = run_firm(DATA / "firm_of_one", FIRMS["firm_of_one"])
    assert plain.coverage.needed == []
    assert not (plain.flags.evenings_needed or plain.flags.weekends_needed)


def test_ninety_day_plan_of_a_firm_of_one_names_its_owner_everywhere(firms):
    from social_strategy.report.context import _plan

    r = firms["firm_of_one"]
    firm = SectionResult(
        section="firm",
        order=0,
        actions=[
            action("firm.action.team_kickoff", "owner.management", 14),
            action("audience.action.test_slots", "owner.social_team", 30),
        ],
    )
    windows = _plan(owners.assign([firm, r.section]), catalog("de"), dt.date(2026, 12, 15))
    rows = [row for w in windows for row in w["rows"]]
    assert len(rows) == len(firm.actions) + len(r.section.actions)
    assert {row["owner"] for row in rows} == {"Klaus Berger"}
    invented = ("Social-Media-Team", "Kundenservice", "Geschäftsführung", "Beratung")
    assert not any(row["owner"] in invented for row in rows)


def test_without_a_recommendation_the_plan_runs_on_the_listed_channels():
    # step 1 recommends nothing (no segments): the channels of channels.csv carry the plan,
    # and their planned posts stay posts, never community posts
    r = run_firm(DATA / "firm_of_one", [])
    assert r.plan.channels == ["Facebook", "Google-Bewertungen"]
    assert "resources.finding.channels_listed" in {f.code for f in r.section.findings}
    assert [(n.activity, n.channel) for n in r.plan.needs if n.benchmark == "post"] == [
        ("content", "Facebook")
    ]
    assert not any(n.activity == "community" for n in r.plan.needs)


def test_a_team_of_one_reads_in_the_singular_in_other_chapters():
    de, en = catalog("de"), catalog("en")
    one = de.t("influencers.finding.ambassadors_from_team", n=1)
    assert "Die eine Person" in one and "1 Personen" not in one
    assert "Die 3 Personen" in de.t("influencers.finding.ambassadors_from_team", n=3)
    assert en.t("influencers.action.ambassadors", n=1).startswith("Give the ambassador ")
    assert de.t("influencers.action.ambassadors", n=2).startswith("Den 2 Botschafterinnen")
