"""Problems in the workspace's language, their place named as the client knows it.

The command line keeps its English sentences (``str(problem)``); a form shows
``localise(problem, catalog(lang))`` beside the field it marks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Annotated, Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from social_strategy.errors import InputError, Problem, localise, location
from social_strategy.i18n import catalog
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.workspace import TABLES, RawTable, load_workspace, validate_table
from social_strategy.workspace.fields import Date, Flag, Integer, Number, TextList
from social_strategy.workspace.messages import described, value_of
from social_strategy.workspace.readers import long_cell
from social_strategy.workspace.schema import Section

DE, EN = catalog("de"), catalog("en")

#: English words that may stand in German text: values a client types, names of files
_ALLOWED = {"strategy", "yaml", "nein", "form", "text"}  # the last three: German too


def english_words(problem: Problem, german: str) -> set[str]:
    """Words of four letters or more of the English ``str(problem)`` that also stand in
    ``german``, apart from what the client typed or named (file, column, value, ids)."""
    english = str(problem)
    client = " ".join(
        str(v) for v in (problem.file, problem.column, problem.value, *problem.params.values())
    )
    own = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", client)}
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", english)}
    found = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", german)}
    return (words & found) - own - _ALLOWED


class _Inner(Section):
    key: str = ""


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Number = 0
    whole: Integer = 0
    day: Date | None = None
    flag: Flag = False
    needed: str
    name: Annotated[str, Field(min_length=1)] = "x"
    text: str = ""
    items: TextList = []
    plain_list: list[str] = []
    inner: _Inner = _Inner()
    level: Literal["low", "medium", "high"] = "low"
    age_band: Annotated[str, Field(pattern=r"^(\d{1,2}\s*-\s*\d{1,3}|\d{1,2}\+|all)$")] = "all"
    employees: Annotated[int, Field(ge=1)] = 1
    share: Annotated[float, Field(le=100)] = 0


#: (code, field, bad value); ``needed`` is always given except for "missing"
_KINDS = [
    ("problem.not_a_number", "number", "viel"),
    ("problem.not_whole", "whole", "zwölf"),
    ("problem.not_a_date", "day", "morgen"),
    ("problem.not_yes_no", "flag", "vielleicht"),
    ("problem.missing", "needed", None),
    ("problem.empty", "name", ""),
    ("problem.not_text", "text", 5),
    ("problem.not_a_list", "plain_list", "Kaffee"),
    ("problem.not_a_section", "inner", "Kaffee"),
    ("problem.unknown_setting", "colour", "blau"),
    ("problem.not_allowed", "level", "mittel"),
    ("problem.wrong_form", "age_band", "jung"),
    ("problem.too_small", "employees", 0),
    ("problem.too_large", "share", 250),
]


def _problem(field: str, value: object, *, table: bool) -> Problem:
    data = {} if field == "needed" else {"needed": "x", field: value}
    with pytest.raises(ValidationError) as caught:
        _Form.model_validate(data)
    (err,) = caught.value.errors()
    if table:
        return Problem("segments.csv", row=4, column=field, value=value_of(err), **described(err))
    loc = ("settings", "audience", *err["loc"])
    return Problem(
        "strategy.yaml",
        row=12,
        row_label="line",
        column=".".join(map(str, loc)),
        column_label="field",
        value=value_of(err),
        path=loc,
        **described(err),
    )


@pytest.mark.parametrize(("code", "field", "value"), _KINDS, ids=[k[0] for k in _KINDS])
def test_every_kind_has_a_code_and_reads_as_german(code, field, value):
    problem = _problem(field, value, table=True)
    assert problem.code == code
    german, english = localise(problem, DE), localise(problem, EN)
    assert german.startswith(f"segments.csv, Zeile 4, Spalte „{field}“: ")
    assert english.startswith(f"segments.csv, row 4, column '{field}': ")
    assert not english_words(problem, german), german
    assert german != english
    if value not in (None, ""):
        assert "gefunden" in german
    # YAML: the dotted path of a settings block, the English sentence unchanged
    in_yaml = _problem(field, value, table=False)
    assert localise(in_yaml, DE).startswith(f"strategy.yaml, Feld „settings.audience.{field}“: "), (
        localise(in_yaml, DE)
    )
    assert str(in_yaml).startswith(f"strategy.yaml, line 12, field 'settings.audience.{field}': ")


def test_bounds_allowed_values_and_expectations_are_localised():
    small = localise(_problem("employees", 0, table=True), DE)
    assert small.endswith("(gefunden: 0; erwartet: mindestens 1)")
    large = _problem("share", 250.5, table=True)
    assert localise(large, DE).endswith("(gefunden: 250.5; erwartet: höchstens 100)")
    allowed = _problem("level", "mittel", table=True)
    assert allowed.params["values"] == ["low", "medium", "high"]
    assert localise(allowed, DE).endswith("erwartet: einer dieser Werte: low, medium, high)")
    assert str(allowed).endswith("expected low, medium or high)")
    number = _problem("number", "viel", table=True)
    assert "eine Zahl wie 12 oder 12,5" in localise(number, DE)
    assert "a number such as 12 or 12.5" in localise(number, EN)


def test_a_problem_without_a_code_stays_english():
    problem = Problem("risks.csv", "the table has too many rows", expected="at most 10 rows")
    assert problem.code is None
    assert localise(problem, DE) == str(problem)


def test_found_values_are_escaped_and_shortened():
    problem = _problem("number", "\x1b[31mrot\u202e" + "x" * 80, table=True)
    german = localise(problem, DE)
    assert "\x1b" not in german and "\u202e" not in german
    assert "\\x1b[31mrot\\u202e" in german
    assert "..." in german and "x" * 61 not in german


def test_yaml_positions_count_from_one_and_use_form_labels():
    def where(path, **params):
        return location(Problem("strategy.yaml", "m", path=path, params=params), DE)

    assert where(("goals", 1, "target"), goal_id="G2") == ["Ziel G2", "Feld „Zielwert“"]
    assert where(("goals", 1, "due")) == ["Ziel 2", "Feld „Fällig“"]
    assert where(("firm", "employees")) == ["Feld „Beschäftigte“"]
    assert where(("added_value", 0)) == ["Mehrwert, Eintrag 1"]
    assert where(("monitoring", "hashtags", 2)) == ["Hashtags, Eintrag 3"]
    assert where(("settings", "risks", "mentions_file")) == ["Feld „settings.risks.mentions_file“"]
    en = location(Problem("strategy.yaml", "m", path=("goals", 0, "target")), EN)
    assert en == ["goal 1", "field 'Target'"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE_WORKSPACE, ws)
    return ws


def _problems(ws: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        load_workspace(ws)
    return caught.value.problems


def test_a_goal_is_named_by_its_id(example):
    path = example / "strategy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    goal_id = data["goals"][1]["id"]
    data["goals"][1]["target"] = "viel"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.strip() == "target: viel")
    (problem,) = _problems(example)
    assert problem.path == ("goals", 1, "target")
    assert str(problem) == (
        f"strategy.yaml, line {line}, field 'goals.1.target': is not a number "
        "(found 'viel'; expected a number such as 12 or 12,5)"
    )
    german = localise(problem, DE)
    assert german == (
        f"strategy.yaml, Ziel {goal_id}, Feld „Zielwert“: ist keine Zahl "
        "(gefunden: „viel“; erwartet: eine Zahl wie 12 oder 12,5)"
    )
    assert goal_id == "G2" and "goals.1" not in german
    assert localise(problem, DE, with_file=False).startswith("Ziel G2, Feld „Zielwert“: ")


def test_an_unknown_goal_names_the_row_and_the_id(example):
    path = example / "channels.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, s in enumerate(lines, 1) if s.startswith("LinkedIn,"))
    lines[row - 1] = lines[row - 1].replace(",G2,", ",G9,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = _problems(example)
    assert (problem.row, problem.column, problem.path) == (row, "goals", None)
    assert str(problem) == (
        f"channels.csv, row {row}, column 'goals': refers to a goal that does not exist "
        "(found 'G9'; expected a goal id from strategy.yaml (G1, G2, G3))"
    )
    assert localise(problem, DE) == (
        f"channels.csv, Zeile {row}, Spalte „goals“: verweist auf ein Ziel, das es nicht gibt "
        "(gefunden: „G9“; erwartet: eine Ziel-ID aus strategy.yaml (G1, G2, G3))"
    )


def test_an_unknown_segment_names_its_table(example):
    path = example / "channels.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, s in enumerate(lines, 1) if s.startswith("LinkedIn,"))
    lines[row - 1] = lines[row - 1].replace(",G2,S4,", ",G2,S99,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (problem,) = _problems(example)
    assert problem.code == "problem.unknown_ref"
    german = localise(problem, DE)
    assert "verweist auf eine ID, die es in segments.csv nicht gibt" in german
    assert german.startswith(f"channels.csv, Zeile {row}, Spalte „segments“: ")
    assert "„S99“" in german


def test_table_problems_a_form_user_can_cause(example):
    segments = example / "segments.csv"
    lines = segments.read_text(encoding="utf-8-sig").splitlines()
    lines[0] = lines[0].replace("share_pct", "Anteil %")  # an alias, as German clients write it
    lines[2] = "S1" + lines[2][2:]  # the id of row 2 again
    cells = lines[3].split(";")
    cells[3] = "viel"  # share_pct of row 4
    lines[3] = ";".join(cells)
    segments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    channels = example / "channels.csv"
    rows = channels.read_text(encoding="utf-8").splitlines()
    rows.append("Meta,yes,,,,G1,S1,low,low,,,")  # Facebook under its firm's name
    channels.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = {p.code: p for p in _problems(example)}
    duplicate = found["problem.duplicate_id"]
    assert localise(duplicate, DE).startswith("segments.csv, Zeile 3, Spalte „id“: doppelte ID")
    assert "schon in Zeile 2 vergeben" in localise(duplicate, DE)
    alias = found["problem.not_a_number"]
    assert (alias.column, alias.params["header"]) == ("share_pct", "Anteil %")
    assert localise(alias, DE).startswith(
        "segments.csv, Zeile 4, Spalte „Anteil %“: ist keine Zahl"
    )
    assert "column 'Anteil %'" in str(alias)  # as the file writes it, in English too
    network = found["problem.same_network"]
    german = localise(network, DE)
    facebook = next(i for i, s in enumerate(rows, 1) if s.startswith("Facebook,"))
    assert german.startswith(f"channels.csv, Zeile {len(rows)}, Spalte „platform“: ")
    assert f"ist dasselbe Netzwerk (Facebook) wie „Facebook“ in Zeile {facebook}" in german
    assert not english_words(network, german)


def test_a_missing_column_and_a_long_cell():
    spec = TABLES["segments"]
    problems: list[Problem] = []
    raw = RawTable("segments.csv", ["id", "size"], [(2, {"id": "S1", "size": "10"})])
    assert validate_table(spec, raw, problems) is None
    missing = next(p for p in problems if p.code == "problem.column_missing")
    german = localise(missing, DE)
    assert german.startswith(f"segments.csv, Zeile 1, Spalte „{missing.column}“: ")
    assert "eine nötige Spalte fehlt" in german and "vorhanden: id, size" in german
    assert not english_words(missing, german)

    long = long_cell("posts.csv", 7, "text", 40_000, {"text": "Text"})
    german = localise(long, DE)
    assert german.startswith(
        "posts.csv, Zeile 7, Spalte „Text“: die Zelle ist zu lang (40.000 Zeichen)"
    )
    assert str(long).startswith("posts.csv, row 7, column 'Text': the cell is too long (40,000")


def test_a_goal_id_given_twice():
    from social_strategy.workspace import validate_strategy

    goal = {"id": "G1", "goal": "a", "metric": "m", "target": 1, "due": "2027-01-01"}
    _, (problem,) = validate_strategy({"firm": {"name": "x"}, "goals": [goal, dict(goal)]})
    assert str(problem) == "strategy.yaml, field 'goals': duplicate goal id 'G1'"
    assert (problem.code, problem.path) == ("problem.duplicate_goal", ("goals",))
    assert localise(problem, DE) == (
        "strategy.yaml, Feld „Ziele“: die Ziel-ID „G1“ kommt mehrmals vor "
        "(erwartet: jede ID nur einmal)"
    )


def test_problems_stay_frozen_and_hashable():
    problem = _problem("number", "viel", table=True)
    same = _problem("number", "viel", table=True)
    assert problem == same and hash(problem) == hash(same)
    assert len({problem, same, Problem("a.csv", "m")}) == 2
    with pytest.raises(AttributeError):
        problem.code = "x"  # type: ignore[misc]


def test_a_long_cell_read_from_a_file_names_its_written_header(tmp_path, monkeypatch):
    from social_strategy.workspace import read_csv, validate_table
    from social_strategy.workspace.limits import env_name

    monkeypatch.setenv(env_name("max_cell_chars"), "20")
    path = tmp_path / "channels.csv"
    path.write_text("Platform;Notes\nX;kurz\nInstagram;" + "sehr lang " * 5 + "\n", "utf-8")
    problems: list[Problem] = []
    validate_table(TABLES["channels"], read_csv(path, "channels.csv"), problems)
    (problem,) = problems
    assert problem.code == "problem.cell_too_long"
    assert str(problem).startswith("channels.csv, row 3, column 'Notes': the cell is too long")
    assert localise(problem, DE).startswith(
        "channels.csv, Zeile 3, Spalte „Notes“: die Zelle ist zu lang (49 Zeichen)"
    )
