"""Step 2: crafted content plans that break each rule exactly once, near-duplicates, the
register's verdicts and cards, competitors, the calendar export and its CSV safety."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, REPORT_DATE
from social_strategy.notebook import start
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps.communities.similarity import THRESHOLD, similarity

REGISTER = [
    # name, kind, companies, self_promotion, max_posts_per_week, activity, segments,
    # answers_allowed (Gruppe C: companies are not welcome, but may answer questions)
    ("Forum A", "forum", "yes", "1 in 10", "3", "100", "S1", ""),
    ("Gruppe B", "group", "yes", "allowed", "2", "50", "S1", ""),
    ("Gruppe C", "group", "no", "none", "", "20", "S2", "yes"),
    ("Forum D", "forum", "yes", "none", "", "80", "S2", ""),
]

# (date, channel, kind, title, teaser, message): two weeks, every rule kept
CLEAN = [
    (
        "2027-01-04",
        "Instagram",
        "value",
        "Mahlgrad",
        "t",
        "Mahlgrad finden: erst grob, dann in kleinen Stufen feiner stellen",
    ),
    (
        "2027-01-05",
        "Instagram",
        "value",
        "Wasser",
        "t",
        "Weiches Wasser schont die Maschine und bringt mehr Süße in die Tasse",
    ),
    (
        "2027-01-06",
        "Instagram",
        "promotion",
        "Angebot",
        "t",
        "Die Hafenmischung ist diese Woche im Onlineshop zehn Prozent günstiger",
    ),
    (
        "2027-01-07",
        "Instagram",
        "value",
        "Röstmeisterin",
        "t",
        "Jana röstet seit neun Jahren und verantwortet jede Mischung des Hauses",
    ),
    (
        "2027-01-08",
        "Instagram",
        "value",
        "Milch",
        "t",
        "Milchschaum gelingt, wenn die Lanze knapp unter der Oberfläche bleibt",
    ),
    (
        "2027-01-11",
        "Instagram",
        "value",
        "Herkunft",
        "t",
        "Zwei Farmen in Brasilien und Äthiopien liefern die Bohnen für die Mischung",
    ),
    (
        "2027-01-12",
        "Instagram",
        "value",
        "Tampen",
        "t",
        "Drei Fehler beim Tampen: schief, zu fest und zu spät nach dem Mahlen",
    ),
    (
        "2027-01-13",
        "Instagram",
        "promotion",
        "Set",
        "t",
        "Das Einsteiger-Set mit Handmühle gibt es zum Paketpreis solange der Vorrat reicht",
    ),
    (
        "2027-01-14",
        "Instagram",
        "value",
        "Rösttag",
        "t",
        "Donnerstag ist Rösttag und aus grünen Bohnen wird in zwölf Minuten Kaffee",
    ),
    (
        "2027-01-15",
        "Instagram",
        "value",
        "Entkalken",
        "t",
        "Entkalken in einer Minute erklärt: welches Mittel, wie oft, woran man es merkt",
    ),
    (
        "2027-01-05",
        "Forum A",
        "value",
        "Entkalken",
        "Unsere Mengen und Zeiten, 5 Minuten",
        "Wie wir die Siebträger in der Rösterei entkalken und welche Mittel wir nutzen",
    ),
    (
        "2027-01-12",
        "Forum A",
        "value",
        "Bohnenalter",
        "Messreihe über vier Wochen",
        "Wie sich der passende Mahlgrad ändert wenn die Bohnen nach dem Rösten altern",
    ),
    (
        "2027-01-07",
        "Gruppe B",
        "value",
        "Kaffeesatz",
        "Für eure Beete, kurz erklärt",
        "Wer Kaffeesatz für Beete braucht, bringt freitags einen Eimer ins Café mit",
    ),
    (
        "2027-01-08",
        "Gruppe C",
        "service",
        "Antwort",
        "",
        "Danke für die Frage nach Bürokaffee; wir schicken gern Zahlen per Nachricht",
    ),
    (
        "2027-01-14",
        "Forum D",
        "value",
        "Filter",
        "Drei Filter verglichen, 6 Minuten",
        "Drei Wasserfilter für zu Hause an derselben Maschine verglichen mit Kosten im Jahr",
    ),
]


def _write(path: Path, header: list[str], rows: list, sep: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def crafted(tmp_path):
    """A workspace with two segments, two channels and four communities; returns a function
    that writes a content plan and runs the step."""
    ws = tmp_path / "crafted"
    shutil.copytree(MINIMAL, ws)
    _write(
        ws / "segments.csv",
        ["id", "name", "share_pct", "age_band", "kind"],
        [("S1", "Hobby-Baristas", "60", "25-49", "B2C"), ("S2", "Büros", "40", "30-59", "B2B")],
    )
    _write(
        ws / "channels.csv", ["platform", "followers"], [("Instagram", "2150"), ("Facebook", "890")]
    )
    _write(
        ws / "communities.csv",
        [
            "name",
            "kind",
            "companies",
            "self_promotion",
            "max_posts_per_week",
            "activity",
            "segments",
            "answers_allowed",
        ],
        REGISTER,
    )

    def run(plan: list[tuple]):
        _write(
            ws / "content_plan.csv",
            ["date", "channel", "kind", "title", "teaser", "message"],
            plan,
        )
        session = start(str(ws), str(tmp_path / "results"), "en", REPORT_DATE, False)
        return session.run("communities")

    return run


def _rules(result) -> list[str]:
    return sorted(i.rule for i in result.review.issues)


def _replace(plan: list[tuple], index: int, **changes) -> list[tuple]:
    fields = ("date", "channel", "kind", "title", "teaser", "message")
    row = dict(zip(fields, plan[index], strict=True))
    row.update(changes)
    out = list(plan)
    out[index] = tuple(row[f] for f in fields)
    return out


def test_a_clean_plan_has_no_finding(crafted):
    result = crafted(CLEAN)
    assert _rules(result) == []
    codes = [f.code for f in result.section.summary]
    assert "communities.summary.plan_clean" in codes
    assert not any(f.values.get("rows") for f in result.section.findings)


BREAKERS = {
    # 3 of 11 Instagram posts are promotion (27 %), never more than one a week
    "promotion_mix": lambda p: [
        *p,
        (
            "2027-01-18",
            "Instagram",
            "promotion",
            "Versand",
            "t",
            "Bis Sonntag liefern wir jede Bestellung ohne Versandkosten aus",
        ),
    ],
    # both promotion posts in week 1 (2 of 5); 2 of 10 overall is within 80/20
    "promotion_week": lambda p: _replace(_replace(p, 7, kind="value"), 1, kind="promotion"),
    "promotion_forbidden": lambda p: _replace(p, 14, kind="promotion"),
    # one promotion post of two where the rule is one in ten
    "promotion_ratio": lambda p: _replace(p, 11, kind="promotion"),
    "not_welcome": lambda p: _replace(p, 13, kind="value"),
    "over_limit": lambda p: [
        *p,
        (
            "2027-01-05",
            "Gruppe B",
            "value",
            "Fundstück",
            "Ein Schlüsselbund wartet",
            "Im Café wurde ein Schlüsselbund mit rotem Anhänger gefunden und liegt bereit",
        ),
        (
            "2027-01-06",
            "Gruppe B",
            "value",
            "Mehrweg",
            "Wo ihr auffüllen könnt",
            "Eine Liste der Bäckereien im Viertel, die eure eigenen Mehrwegbecher auffüllen",
        ),
    ],
    "no_teaser": lambda p: _replace(p, 12, teaser=""),
    # the week-1 message again in week 2, reworded
    "repeat": lambda p: _replace(
        p,
        9,
        message="Erst grob, dann in kleinen Stufen feiner stellen: so findet ihr den Mahlgrad",
    ),
    "everywhere": lambda p: [
        *p,
        *[
            (
                "2027-01-13",
                place,
                "value",
                "Cupping",
                "Fünf Röstungen, 90 Minuten",
                "Am Samstag laden wir zum offenen Cupping mit fünf neuen Röstungen ins Café ein",
            )
            for place in ("Forum A", "Gruppe B", "Forum D")
        ],
    ],
    "contest": lambda p: _replace(p, 4, kind="contest"),
    "unknown_place": lambda p: [
        *p,
        (
            "2027-01-09",
            "Mastodon",
            "value",
            "Test",
            "t",
            "Ein erster Versuch auf einem neuen Netzwerk mit einem kurzen Gruß",
        ),
    ],
}


@pytest.mark.parametrize("rule", sorted(BREAKERS))
def test_a_plan_breaking_one_rule_gets_exactly_that_finding(crafted, rule):
    result = crafted(BREAKERS[rule](CLEAN))
    # a contest without moderation plan and terms also gets those two findings
    expected = ["contest", "contest_moderation", "contest_terms"] if rule == "contest" else [rule]
    assert _rules(result) == expected
    found = [f for f in result.section.findings if f.code == f"communities.finding.{rule}"]
    assert len(found) == 1 and found[0].values["rows"]


def test_findings_name_the_spreadsheet_rows(crafted):
    result = crafted(_replace(CLEAN, 14, kind="promotion"))
    (issue,) = result.review.issues
    assert issue.rows == [16]  # row 15 of the plan + the header row
    assert issue.place == "Forum D"


def test_a_reworded_repeat_is_caught_and_two_posts_on_one_topic_are_not():
    first = "Neu: unsere Hafenmischung, jetzt 10 % günstiger im Onlineshop! Nur diese Woche."
    reworded = "Nur diese Woche im Onlineshop 10 % günstiger: unsere neue Hafenmischung!"
    same_topic = "Hafenmischung: die Bohnen kommen von zwei Farmen aus Brasilien und Äthiopien."
    other_angle = "Hafenmischung: so gelingt der Espresso mit 18 g in 28 Sekunden am Siebträger."
    plan = [row[-1] for row in CLEAN]  # term weights are fitted on a plan's texts
    assert similarity(first, reworded, plan) >= THRESHOLD
    assert similarity(same_topic, other_angle, plan) < THRESHOLD
    assert similarity(first, same_topic, plan) < THRESHOLD


def test_cross_posting_one_announcement_to_own_channels_is_not_a_repeat(crafted):
    text = "Am Samstag laden wir zum offenen Cupping mit fünf neuen Röstungen ins Café ein"
    plan = [
        *CLEAN,
        ("2027-01-13", "Facebook", "value", "Cupping", "t", text),
    ]
    plan = _replace(plan, 8, message=text)  # the same text on Instagram that week
    assert _rules(crafted(plan)) == []


def test_spam_risk_explains_itself(crafted):
    result = crafted(_replace(CLEAN, 13, kind="value"))
    risk = {r.place: r for r in result.review.risks}
    assert risk["Gruppe C"].score > 0
    assert ("rule_break", {"rule": "not_welcome"}) in risk["Gruppe C"].reasons
    assert risk["Forum A"].score == 0 and risk["Forum A"].level == "none"


def test_posts_per_week_per_channel(crafted):
    result = crafted(CLEAN)
    assert result.review.weeks == 2
    assert result.posts_per_week["Instagram"] == 5.0
    assert result.posts_per_week["Forum A"] == 1.0


def test_register_verdicts_and_cards(crafted):
    result = crafted(CLEAN)
    by = {s.name: s for s in result.suitability}
    assert by["Gruppe C"].verdict == "listen"
    assert by["Forum A"].verdict == "engage"
    assert by["Forum A"].relevance == pytest.approx(60.0)
    card = by["Forum A"].card
    assert {"code": "communities.card.promotion_ratio", "values": {"one_in": 10}} in card["may"]
    assert card["often"]["values"] == {"n": 3.0}
    assert by["Gruppe C"].card["often"]["code"] == "communities.card.often_none"


def test_an_empty_register_says_what_is_missing(tmp_path):
    session = start(str(MINIMAL), str(tmp_path / "r"), "en", REPORT_DATE, False)
    result = session.run("communities")
    codes = [f.code for f in result.section.summary]
    assert "communities.summary.no_register" in codes
    questions = [q.code for q in result.section.open_questions]
    assert {"communities.question.register", "communities.question.plan"} <= set(questions)
    assert "communities.question.competitors" in questions
    assert result.posts_per_week == {}
    text = session.summary_markdown(result)
    assert "community register is empty" in text


def test_example_chapter(tmp_path):
    session = start(str(EXAMPLE_WORKSPACE), str(tmp_path / "r"), "de", REPORT_DATE, False)
    result = session.run("communities")
    rules = _rules(result)
    assert "not_welcome" in rules and "repeat" in rules and "contest" in rules
    assert result.posts_per_week["Instagram"] == 2.0
    assert result.campaigns and result.campaigns[0]["channel"] == "Instagram"
    # no competitor is listed on YouTube, but nobody checked: a question, not an opening
    assert result.comparison.openings == []
    assert "YouTube" in result.comparison.unchecked
    assert {t.id for t in result.section.tables} == {
        "communities",
        "cards",
        "spam_risk",
        "competitors",
    }
    assert set(result.drawers) == {"mix"}
    session.save(result)
    assert list((tmp_path / "r" / "figures").glob("communities_mix*.svg"))


def test_bad_register_rows_are_named(tmp_path):
    from social_strategy.errors import InputError
    from social_strategy.workspace import load_workspace

    ws = tmp_path / "bad"
    shutil.copytree(MINIMAL, ws)
    (ws / "communities.csv").write_text(
        "name;kind;companies;self_promotion\nChat;chatroom;ja;manchmal\n", encoding="utf-8"
    )
    (ws / "competitors.csv").write_text("name,channels\nX GmbH,1200\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_workspace(ws)
    text = str(exc.value)
    assert "communities.csv, row 2, column 'kind'" in text and "chatroom" in text
    assert "communities.csv, row 2, column 'self_promotion'" in text
    assert "competitors.csv, row 2, column 'channels'" in text


def test_competitor_channels_are_read_with_thousands_separators(tmp_path):
    from social_strategy.workspace import load_workspace

    ws = tmp_path / "comp"
    shutil.copytree(MINIMAL, ws)
    (ws / "competitors.csv").write_text(
        'name;channels;posts_per_week\nKontor;"Instagram: 12.400; TikTok 3 100; Threads";2,5\n',
        encoding="utf-8",
    )
    table = load_workspace(ws).table("competitors")
    assert table["channels"].iloc[0] == {"Instagram": 12400, "TikTok": 3100, "Threads": None}
    assert table["posts_per_week"].iloc[0] == 2.5


# -- calendar export --------------------------------------------------------------------
def test_ics_holds_every_post(tmp_path, run_cli):
    from icalendar import Calendar

    from social_strategy.workspace import load_workspace

    out = tmp_path / "cal"
    result = run_cli("export-calendar", EXAMPLE_WORKSPACE, "--out", out)
    assert result.code == 0, result.err
    plan = load_workspace(EXAMPLE_WORKSPACE).table("content_plan")
    cal = Calendar.from_ical((out / "content_plan.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == len(plan)
    assert len({str(e["uid"]) for e in events}) == len(plan)
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart").isoformat() == "2027-01-04T09:30:00"
    assert str(first["summary"]) == "Instagram: Mahlgrad in drei Schritten"
    rows = [
        r
        for f in (out / "hootsuite").glob("*.csv")
        for r in csv.reader(f.read_text(encoding="utf-8").splitlines())
    ]
    assert len(rows) == len(plan)
    assert all(len(r) == 3 for r in rows)
    assert [r[0] for r in rows if r[1].startswith("Mahlgrad finden")] == ["01/04/2027 09:30"]


def test_export_without_a_plan_says_so(run_cli, tmp_path):
    result = run_cli("export-calendar", MINIMAL, "--out", tmp_path / "out")
    assert result.code == 2
    assert "content plan is empty" in result.err
    assert "Traceback" not in result.err


# -- the workshop form ------------------------------------------------------------------


def test_write_table_keeps_cp1252_and_full_quoting(tmp_path):
    import pandas as pd

    from social_strategy.workspace import csv_format, write_table

    path = tmp_path / "t.csv"
    path.write_bytes('"name";"kind"\n"Bäckerei";"group"\n'.encode("cp1252"))
    fmt = csv_format(path)
    assert (fmt.encoding, fmt.separator, fmt.quoting, fmt.line_end) == ("cp1252", ";", 1, "\n")
    write_table(
        path,
        pd.DataFrame({"name": ["Bäckerei", "Café"], "kind": ["group", "forum"]}),
        keep_format=True,
    )
    assert path.read_bytes() == '"name";"kind"\n"Bäckerei";"group"\n"Café";"forum"\n'.encode(
        "cp1252"
    )
    # text cp1252 cannot hold is not lost: the file becomes UTF-8 with a BOM
    write_table(path, pd.DataFrame({"name": ["☕ Bar"], "kind": ["group"]}), keep_format=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "☕ Bar" in path.read_text(encoding="utf-8-sig")


def test_content_plan_from_an_excel_sheet_with_dates_and_times(tmp_path):
    import datetime as dt

    import openpyxl

    from social_strategy.steps.communities.calendar import hootsuite_rows
    from social_strategy.workspace import load_workspace

    ws = tmp_path / "xlsx"
    shutil.copytree(MINIMAL, ws)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "content_plan"
    sheet.append(["Datum", "Uhrzeit", "Kanal", "Art", "Titel", "Text"])
    sheet.append([dt.datetime(2027, 3, 1), dt.time(7, 45), "Instagram", "Mehrwert", "a", "Hallo"])
    sheet.append([dt.datetime(2027, 3, 2), None, "Instagram", "Gewinnspiel", "b", "Los"])
    book.save(ws / "plan.xlsx")
    plan = load_workspace(ws).table("content_plan")
    assert plan["kind"].tolist() == ["value", "contest"]
    assert [r[0] for r in hootsuite_rows(plan, "09:00")] == ["03/01/2027 07:45", "03/02/2027 09:00"]


def test_every_code_the_step_builds_is_in_both_catalogs():
    """Codes put together at run time (rule, verdict, kind names) exist in de and en."""
    from social_strategy.i18n import catalog
    from social_strategy.steps.communities import chapter, plan_checks, register
    from social_strategy.workspace.inputs.communities import COMPANIES, KINDS, POST_KINDS

    codes = [f"communities.finding.{r}" for r in chapter.RULE_ORDER]
    codes += [f"communities.rule.{r}" for r in plan_checks.RULE_BREAKS]
    codes += [f"communities.risk.{r}" for r in plan_checks.POINTS]
    codes += [f"communities.verdict.{v}" for v in register.VERDICTS]
    codes += [f"communities.ckind.{k}" for k in KINDS]
    codes += [f"communities.kind.{k}" for k in POST_KINDS]
    codes += [f"communities.reason.companies_{c}" for c in COMPANIES]
    codes += [f"communities.card.may_{c}" for c in COMPANIES]
    codes += [f"communities.form.companies_{c}" for c in COMPANIES]
    codes += [
        f"communities.card.promotion_{m}" for m in ("none", "dedicated", "allowed", "unknown")
    ]
    codes += [f"communities.reason.rule_risk_{r}" for r in ("high", "medium", "low", "unknown")]
    codes += [f"communities.level.{lv}" for lv in ("none", "low", "medium", "high")]
    assert set(chapter.LEVELS) == set(chapter.RULE_ORDER)
    for lang in ("de", "en"):
        missing = [c for c in codes if not catalog(lang).has(c)]
        assert not missing, (lang, missing)
