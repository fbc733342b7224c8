"""Hostile and broken input, round two (issue 32): row limits checked before a file is read,
machine-made exports read as such, tampered results refused by ``rebuild``, messages that
name the cause and the column as the file writes it, one pass over everything, and
messages in the client's language. Every case ends in a message and an exit status, never
a traceback."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from social_strategy.errors import Problem
from social_strategy.workspace import TABLES, load_workspace, read_csv, readers, validate_table
from social_strategy.workspace.rows import truncated_cells


def _lines(result) -> list[str]:
    return [line for line in result.err.splitlines() if line.startswith("  - ")]


def _said(result, *fragments: str) -> bool:
    return any(all(f in line for f in fragments) for line in _lines(result))


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _interactions(path: Path, rows: int, text: str = "") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("source,target,text,kind,count\n")
        for i in range(rows):
            fh.write(f"@a{i},@b{i % 7},{text},mention,1\n")


# -- 1. row limits before reading; exports as machines write them ------------------------


def test_too_many_rows_are_refused_before_the_file_is_read(example_ws, run_cli, monkeypatch):
    path = example_ws / "interactions.csv"
    _interactions(path, 60)
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_ROWS", "50")
    read = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self.name != "interactions.csv", "the file was read before its rows were counted"
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    result = run_cli("validate", example_ws)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert _said(
        result,
        "interactions.csv",
        "too many rows (more than 50)",
        "at most 50 rows; SOCIAL_STRATEGY_MAX_ROWS raises the limit",
    ), result.err


def test_line_breaks_inside_cells_are_not_rows(tmp_path, monkeypatch):
    """More lines than the limit, but fewer rows: the stream count tells them apart."""
    path = tmp_path / "interactions.csv"
    _interactions(path, 40, text='"Cupping\nbei\n@hh.isst"')
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_ROWS", "50")
    assert readers.csv_rows_over_limit(path, "interactions.csv") is None
    raw = read_csv(path, "interactions.csv")
    assert not isinstance(raw, Problem) and len(raw.rows) == 40
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_ROWS", "39")
    problem = readers.csv_rows_over_limit(path, "interactions.csv")
    assert problem is not None and problem.code == "problem.too_many_rows_more"


def test_blank_lines_are_not_rows(tmp_path, monkeypatch):
    path = tmp_path / "interactions.csv"
    _interactions(path, 40)
    _append(path, ",,,,\n" * 30 + "\n" * 5)
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_ROWS", "40")
    assert readers.csv_rows_over_limit(path, "interactions.csv") is None
    _append(path, "@late,@b,,mention,1\n")
    problem = readers.csv_rows_over_limit(path, "interactions.csv")
    assert problem is not None and "more than 40" in str(problem)


def test_an_xlsx_sheet_over_the_limit_is_refused_from_its_dimension(tmp_path, monkeypatch):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "interactions"
    wb.active.append(["source", "target"])
    for i in range(30):
        wb.active.append([f"@a{i}", "@b"])
    wb.save(tmp_path / "book.xlsx")
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_ROWS", "20")
    problem = readers.read_xlsx_sheet(tmp_path / "book.xlsx", "interactions", "book.xlsx")
    assert isinstance(problem, Problem)
    assert "too many rows (more than 20)" in str(problem)
    assert "SOCIAL_STRATEGY_MAX_ROWS" in str(problem)


@pytest.mark.parametrize("columnar", [False, True], ids=["row by row", "column by column"])
def test_long_texts_of_an_export_are_cut_and_counted(tmp_path, monkeypatch, columnar):
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_CELL_CHARS", "40")
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0 if columnar else 10**9)
    path = tmp_path / "interactions.csv"
    _interactions(path, 5)
    _append(path, "@c1,," + "Cupping bei @hh.isst " + "x" * 100 + ",post,2\n")
    _append(path, "@c2,,@lang " + "y" * 60 + ",post,\n")  # the count may be empty: 1
    problems: list = []
    frame = validate_table(TABLES["interactions"], read_csv(path, path.name), problems)
    assert problems == []
    assert truncated_cells(frame) == {"text": 2}
    assert frame["text"].str.len().max() == 40
    assert frame["weight"].tolist() == [1, 1, 1, 1, 1, 2, 1]


def test_a_long_cell_where_text_is_not_cut_is_one_problem_among_others(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_MAX_CELL_CHARS", "40")
    path = tmp_path / "team.csv"
    path.write_text(
        "person;role;hours_per_week\nAnna;" + "r" * 50 + ";10\nBen;;viel\n", encoding="utf-8"
    )
    problems: list = []
    validate_table(TABLES["team"], read_csv(path, path.name), problems)
    shown = [str(p) for p in problems]
    assert len(shown) == 2, shown
    assert shown[0].startswith("team.csv, row 2, column 'role': the cell is too long (50")
    assert shown[1].startswith("team.csv, row 3, column 'hours_per_week': is not a number")


def test_blank_optional_cells_take_their_defaults(tmp_path):
    path = tmp_path / "communities.csv"
    path.write_text(
        "name;kind;companies;segments;size\nKaffeeforum;forum;;;\nGruppe;group;ja;S1;12\n",
        encoding="utf-8",
    )
    problems: list = []
    frame = validate_table(TABLES["communities"], read_csv(path, path.name), problems)
    assert problems == []
    assert frame["companies"].tolist() == ["unknown", "yes"]
    assert frame["segments"].tolist() == [[], ["S1"]]


# -- 2. rebuild reads results/ as untrusted input ----------------------------------------


@pytest.fixture
def render_folder(tmp_path) -> Path:
    """A render folder made by hand (no kernels): report.json, one section, its report."""
    import datetime as dt

    from social_strategy import __version__
    from social_strategy.pipeline import rebuild
    from social_strategy.results import (
        Column,
        ReportMeta,
        SectionResult,
        Table,
        finding,
        msg,
        save_section,
        write_meta,
    )

    folder = tmp_path / "reports" / "client" / "2026-11-23_101010"
    results = folder / "results"
    (folder / "notebooks").mkdir(parents=True)
    write_meta(
        results,
        ReportMeta(
            firm="Röstwerk",
            report_date=dt.date(2026, 11, 23),
            language="en",
            version=__version__,
            languages=["en"],
        ),
    )
    table = Table(
        id="team",
        title=msg("resources.table.team_title", n=3, hours=12.5),
        columns=[Column(key="person", label="resources.title", text="Person")],
        rows=[{"person": "Anna"}],
    )
    save_section(results, SectionResult(section="resources", order=4, tables=[table]))
    risks = SectionResult(
        section="risks",
        order=5,
        findings=[
            finding(
                "risks.finding.mentions_count",
                n=12,
                first="2026-10-01",
                last="2026-10-31",
                days=31,
                rows=12,
            )
        ],
    )
    save_section(results, risks)
    assert rebuild(folder, formats=("md",))  # the untampered folder rebuilds
    return folder


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("report*"))
    }


def _tamper(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


TAMPERED = [
    (
        "400-digit number",
        "resources.json",
        lambda p: p.write_text(
            p.read_text(encoding="utf-8").replace('"n": 3', '"n": ' + "9" * 400), "utf-8"
        ),
        [
            "results/resources.json",
            "field 'tables.0.title.values.n'",
            "has 400 digits: out of range",
        ],
    ),
    (
        "binary garbage",
        "risks.json",
        lambda p: p.write_bytes(bytes(range(256)) * 40),
        ["results/risks.json", "not text", "damaged or replaced"],
    ),
    (
        "not JSON",
        "risks.json",
        lambda p: p.write_text('{"section": "risks", "order": 5,', "utf-8"),
        ["results/risks.json", "line 1", "not valid JSON"],
    ),
    (
        "infinity",
        "risks.json",
        lambda p: p.write_text(
            p.read_text(encoding="utf-8").replace('"n": 12', '"n": Infinity'), "utf-8"
        ),
        ["results/risks.json", "field 'findings.0.values.n'", "out of range"],
    ),
    (
        "nested 100000 deep",
        "risks.json",
        lambda p: p.write_text('{"data": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8"),
        ["results/risks.json", "nested too deeply"],
    ),
    (
        "wrong type",
        "risks.json",
        lambda p: _tamper(p, lambda d: d.update(order="fünf")),
        ["results/risks.json", "field 'order'", "'fünf'"],
    ),
    (
        "figure outside the folder",
        "risks.json",
        lambda p: _tamper(
            p,
            lambda d: d.update(
                figures=[
                    {
                        "name": "x",
                        "file": "../../../../etc/passwd",
                        "title": {"code": "risks.title"},
                        "caption": {"code": "risks.title"},
                        "alt": {"code": "risks.title"},
                    }
                ]
            ),
        ),
        ["results/risks.json", "field 'figures.0.file'", "outside the figures folder"],
    ),
    (
        "unknown message code",
        "risks.json",
        lambda p: _tamper(p, lambda d: d["findings"][0].update(code="risks.finding.nonsense")),
        ["results/risks.json", "field 'findings.0.code'", "'risks.finding.nonsense'"],
    ),
    (
        "a due date after the calendar ends",
        "risks.json",
        lambda p: _tamper(
            p, lambda d: d.update(actions=[{"code": "risks.title", "due_days": 10**12}])
        ),
        ["results/risks.json", "field 'actions.0.due_days'"],
    ),
    (
        "a value the sentence cannot take",
        "risks.json",
        lambda p: _tamper(p, lambda d: d["findings"][0]["values"].update(n="zwölf")),
        ["results/risks.json", "cannot show"],
    ),
    (
        "report.json garbage",
        "report.json",
        lambda p: p.write_bytes(b"\x00\x01garbage\xff"),
        ["results/report.json", "not text"],
    ),
]


@pytest.mark.parametrize(
    ("case", "file", "change", "fragments"), TAMPERED, ids=[c[0] for c in TAMPERED]
)
def test_rebuild_refuses_tampered_results(case, file, change, fragments, render_folder, run_cli):
    before = _digest(render_folder)
    assert "report.md" in before
    change(render_folder / "results" / file)
    result = run_cli("rebuild", render_folder, "--format", "md")
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    assert "another version" not in result.err
    assert _said(result, *fragments), result.err
    assert _digest(render_folder) == before  # the report is left byte-identical
    assert not list(render_folder.glob(".rebuild-*"))


# -- 3. the cause, and the column as the file writes it -----------------------------------


def test_a_negative_count_is_named_under_count(example_ws, run_cli):
    path = example_ws / "interactions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",count") and lines[1].endswith(",1")
    lines[1] = lines[1][:-1] + "-3"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("validate", example_ws)
    assert result.code == 2
    assert _said(result, "interactions.csv, row 2, column 'count'", "'-3'", "more than 0")
    assert "weight" not in result.err


def test_a_formula_without_a_saved_value(minimal_ws, run_cli):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "budget"
    wb.active.append(["item", "category", "amount"])
    wb.active.append(["Canva", "tools", "=12*10"])  # openpyxl saves no value for it
    wb.active.append(["Kurs", "training", 300])
    wb.save(minimal_ws / "book.xlsx")
    result = run_cli("validate", minimal_ws)
    assert result.code == 2, result.err
    assert _said(
        result,
        "book.xlsx, sheet budget, row 2, column 'amount'",
        "a formula without a saved value: open and save the file in Excel",
        "'=12*10'",
    ), result.err
    assert "is empty" not in result.err and "not a number" not in result.err
    assert len(_lines(result)) == 1


@pytest.mark.parametrize(
    ("file", "old", "new", "fragments"),
    [
        (
            "content_plan.csv",
            "\n04.01.2027;",
            "\n31.02.2026;",
            ["content_plan.csv, row 2, column 'date'", "no such date", "'31.02.2026'"],
        ),
        (
            "channels.csv",
            "2023-03-14",
            "2023-02-30",
            ["channels.csv", "column 'last_post'", "no such date", "'2023-02-30'"],
        ),
        (
            "strategy.yaml",
            "due: 2027-09-30",
            "due: 2027-02-29",
            ["strategy.yaml", "goals.0.due", "no such date"],
        ),
    ],
    ids=["german date", "iso date", "goal due date"],
)
def test_an_impossible_date_is_no_such_date(file, old, new, fragments, example_ws, run_cli):
    path = example_ws / file
    data = path.read_bytes()
    assert old.encode() in data, old
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))
    result = run_cli("validate", example_ws)
    assert result.code == 2
    assert _said(result, *fragments), result.err
    assert "invalid character" not in result.err


# -- 4. one pass --------------------------------------------------------------------------


def _one_pass_mistakes(ws: Path) -> None:
    path = ws / "segments.csv"
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    head = lines[0].split(";")
    cells = lines[2].split(";")
    cells[head.index("id")] = "S1"  # the id of row 2 again ...
    cells[head.index("share_pct")] = "viel"  # ... in a row with another problem
    lines.append(";".join(cells))
    assert len(lines) == 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    channels = ws / "channels.csv"
    _append(channels, "Mastodon,yes,,,,G1,S9,,,\n")  # a segment that does not exist


@pytest.mark.parametrize("columnar", [False, True], ids=["row by row", "column by column"])
def test_one_pass_lists_duplicates_references_and_cells(example_ws, monkeypatch, columnar):
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0 if columnar else 10**9)
    _one_pass_mistakes(example_ws)
    with pytest.raises(Exception) as caught:
        load_workspace(example_ws)
    shown = [str(p) for p in caught.value.problems]
    assert any(
        s.startswith("segments.csv, row 6, column 'share_pct': is not a number") for s in shown
    )
    assert any(
        s.startswith("segments.csv, row 6, column 'id': duplicate id, already used in row 2")
        for s in shown
    ), shown
    assert any("channels.csv" in s and "'S9'" in s for s in shown), shown


# -- 5. the client's language --------------------------------------------------------------


def test_messages_follow_the_workspace_language(example_ws, run_cli, monkeypatch):
    _one_pass_mistakes(example_ws)
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "")  # not set: the workspace's language
    for command in (["validate", example_ws], ["render", example_ws, "--format", "md"]):
        result = run_cli(*command)
        assert result.code == 2
        assert result.err.startswith("3 Probleme in der Eingabe:"), result.err
        assert _said(result, "segments.csv, Zeile 6, Spalte „id“", "doppelte ID")
        assert _said(result, "Spalte „share_pct“: ist keine Zahl (gefunden: „viel“")
    result = run_cli("validate", example_ws, "--lang", "en")
    assert result.err.startswith("3 problems in the input:")
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "en")
    assert run_cli("validate", example_ws).err.startswith("3 problems in the input:")
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "de")
    assert run_cli("validate", example_ws, "--lang", "en").err.startswith("3 problems")


def test_an_english_workspace_gets_english_and_can_ask_for_german(minimal_ws, run_cli, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "")
    path = minimal_ws / "strategy.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("firm:\n", "firm:\n  language: en\n"), encoding="utf-8")
    (minimal_ws / "team.csv").write_text("person;hours_per_week\nAnna;200\n", encoding="utf-8")
    result = run_cli("validate", minimal_ws)
    assert result.err.startswith("1 problem in the input:")
    assert _said(result, "team.csv, row 2, column 'hours_per_week'", "too large")
    result = run_cli("validate", minimal_ws, "--lang", "de")
    assert _said(result, "team.csv, Zeile 2, Spalte „hours_per_week“", "zu groß")
    assert run_cli("validate", minimal_ws, "--lang", "fr").code == 2


# -- 6. the tables of steps 2-5 as strictly as those of steps 0-1 --------------------------

LATER_TABLES = [
    name
    for name, spec in TABLES.items()
    if spec.name not in ("segments", "segment_platform_use", "channels", "posts")
]
#: redone by the step-2 engineer (issue 32's competitor format)
NOT_HERE = {("competitors", "channels")}


#: tables the example firm does not fill in: two rows as a consultant would write them
SAMPLES = {
    "tone_labels": "mention,text,tone\nm1,Super Kaffee,positive\nm2,Viel zu teuer,negative\n",
}


def _example_file(name: str, tmp_path: Path) -> Path:
    from social_strategy.paths import EXAMPLE_WORKSPACE

    for found in (EXAMPLE_WORKSPACE / f"{name}.csv", EXAMPLE_WORKSPACE / "exports" / f"{name}.csv"):
        if found.is_file():
            return found
    sample = tmp_path / "sample" / f"{name}.csv"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text(SAMPLES[name], encoding="utf-8")
    return sample


@pytest.mark.parametrize("name", LATER_TABLES)
def test_every_typed_cell_of_the_later_tables_names_file_row_column_value_expected(name, tmp_path):
    """In row 2 of each example table, each column in turn gets a value no column type
    takes; every column that refuses it says where, what was found and what is expected."""
    import csv
    import io

    source = _example_file(name, tmp_path)
    text = source.read_bytes().decode("utf-8-sig")
    sep = ";" if text.splitlines()[0].count(";") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    spec = TABLES[name]
    refused = 0
    for j, header in enumerate(rows[0]):
        bad = [list(r) for r in rows[:3]]
        bad[1][j] = "?x?"
        path = tmp_path / source.name
        out = io.StringIO()
        csv.writer(out, delimiter=sep, lineterminator="\n").writerows(bad)
        path.write_text(out.getvalue(), encoding="utf-8")
        problems: list = []
        validate_table(spec, read_csv(path, path.name), problems)
        mine = [p for p in problems if p.row == 2]
        if not mine or (name, mine[0].column) in NOT_HERE:
            continue  # free text: any value is fine
        refused += 1
        (problem,) = mine
        said = str(problem)
        assert said.startswith(f"{source.name}, row 2, column '{header}': "), said
        assert problem.value == "?x?" and "found '?x?'" in said, said
        assert problem.expected, said
    assert refused >= 1


def test_a_real_render_passes_the_results_checks(example_report_de, tmp_path, run_cli):
    """No false alarm: every results file of the example's render is accepted, and the
    report rebuilds from them."""
    import shutil

    folder = tmp_path / "render"
    shutil.copytree(example_report_de, folder, symlinks=True)
    from social_strategy.report import check_results

    check_results(folder / "results", "de")
    check_results(folder / "results", "en")
    result = run_cli("rebuild", folder, "--format", "md")
    assert result.code == 0, result.err
    assert (folder / "report.md").stat().st_size > 10_000


def test_rebuild_speaks_the_chosen_language(render_folder, run_cli, monkeypatch):
    (render_folder / "results" / "risks.json").write_bytes(b"\xff\xfe garbage")
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "de")
    result = run_cli("rebuild", render_folder, "--format", "md")
    assert result.code == 2
    assert result.err.startswith("1 Problem in der Eingabe:")
    assert _said(result, "results/risks.json: die Datei ist kein Text (Byte 0 ist kein UTF-8)")


def test_render_batch_names_each_clients_problems_in_its_language(example_ws, monkeypatch):
    from social_strategy.batch import render_one
    from social_strategy.job import RenderJob

    _one_pass_mistakes(example_ws)
    monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "")
    out = render_one(str(example_ws), RenderJob.build(formats=("md",), reuse=False))
    assert out.status == "bad input"
    assert out.error.startswith("segments.csv, Zeile 6, Spalte „share_pct“: ist keine Zahl")
    assert "(and 2 more)" in out.error.splitlines()[0]
    out = render_one(str(example_ws), RenderJob.build(lang="en", formats=("md",), reuse=False))
    assert out.error.startswith("segments.csv, row 6, column 'share_pct': is not a number")
