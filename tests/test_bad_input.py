"""Bad input: one case per row. Each ends with exit status 2 and a message naming the file,
the row (or YAML line) and the column (or field); never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest


def _drop(path: Path) -> None:
    path.unlink()


def _missing_column(ws: Path) -> None:
    (ws / "segments.csv").write_text("id;name;share_pct;kind\nS1;A;10;B2C\n", encoding="utf-8")


def _wrong_type(ws: Path) -> None:
    text = (ws / "channels.csv").read_text(encoding="utf-8").replace(",2150,", ",zweitausend,")
    (ws / "channels.csv").write_text(text, encoding="utf-8")


def _empty_file(ws: Path) -> None:
    (ws / "channels.csv").write_bytes(b"")


def _duplicate_ids(ws: Path) -> None:
    text = (ws / "segments.csv").read_bytes().decode("utf-8-sig").replace("S3;", "S1;")
    (ws / "segments.csv").write_text(text, encoding="utf-8")


def _yaml_syntax(ws: Path) -> None:
    path = ws / "strategy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("region:"))
    lines[index] = "  region: Hamburg: Altona"  # a colon in unquoted text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _unknown_language(ws: Path) -> None:
    path = ws / "strategy.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("language: de", "language: fr"), encoding="utf-8"
    )


def _bad_goal_date(ws: Path) -> None:
    path = ws / "strategy.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("due: 2027-12-31", "due: Ende 2027"),
        encoding="utf-8",
    )


def _missing_posts_export(ws: Path) -> None:
    (ws / "exports" / "facebook_posts.csv").unlink()


CASES = [
    # (case, change, expected fragments of one message)
    ("missing file", lambda ws: _drop(ws / "strategy.yaml"), ["strategy.yaml", "missing"]),
    (
        "missing export",
        _missing_posts_export,
        ["strategy.yaml", "field 'settings.audience.posts_file'", "exports/facebook_posts.csv"],
    ),
    ("missing column", _missing_column, ["segments.csv", "row 1", "column 'age_band'", "missing"]),
    (
        "wrong type",
        _wrong_type,
        ["channels.csv", "row 2", "column 'followers'", "'zweitausend'", "whole number"],
    ),
    ("empty file", _empty_file, ["channels.csv", "row 1", "empty"]),
    ("duplicate ids", _duplicate_ids, ["segments.csv", "row 4", "column 'id'", "row 2"]),
    ("yaml syntax", _yaml_syntax, ["strategy.yaml", "line 9", "YAML syntax error"]),
    (
        "unknown language",
        _unknown_language,
        ["strategy.yaml", "line 12", "field 'firm.language'", "'fr'", "de, en"],
    ),
    ("bad date", _bad_goal_date, ["strategy.yaml", "field 'goals.1.due'", "'Ende 2027'", "date"]),
]


@pytest.mark.parametrize(("case", "change", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_a_precise_message(case, change, fragments, example_ws, run_cli):
    change(example_ws)
    for command in (["validate", example_ws], ["render", example_ws, "--format", "html"]):
        result = run_cli(*command)
        assert result.code == 2, result.err
        assert "Traceback" not in result.err
        lines = [line for line in result.err.splitlines() if line.startswith("  - ")]
        assert any(all(f in line for f in fragments) for line in lines), result.err


def test_unknown_language_on_the_command_line(example_ws, run_cli):
    result = run_cli("render", example_ws, "--lang", "fr")
    assert result.code == 2
    assert "--lang" in result.err and "'fr'" in result.err and "de, en" in result.err


def test_unknown_format_and_missing_folder(tmp_path, example_ws, run_cli):
    assert run_cli("render", example_ws, "--format", "odt").code == 2
    result = run_cli("validate", tmp_path / "nowhere")
    assert result.code == 2 and "does not exist" in result.err


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    _write(path, text.replace(old, new))


MORE_CASES = [
    # realistic mistakes found in review; each must be a message, not a crash
    (
        "impossible date",
        lambda ws: _replace(ws / "strategy.yaml", "due: 2027-09-30", "due: 2027-13-45"),
        ["strategy.yaml", "line 24", "field 'goals.0.due'", "'2027-13-45'", "date"],
    ),
    (
        "only separators",
        lambda ws: _write(ws / "channels.csv", ";;;;\r\n;;;;\r\n"),
        ["channels.csv", "row 1", "empty"],
    ),
    (
        "export outside the workspace",
        lambda ws: _replace(
            ws / "strategy.yaml",
            "posts_file: exports/facebook_posts.csv",
            "posts_file: ../facebook_posts.csv",
        ),
        ["field 'settings.audience.posts_file'", "inside the workspace"],
    ),
    (
        "reversed age band",
        lambda ws: _write(
            ws / "segments.csv", "id;name;share_pct;age_band;kind\nS1;A;100;49-25;B2C\n"
        ),
        ["segments.csv", "row 2", "column 'age_band'", "'49-25'"],
    ),
    (
        "column twice",
        lambda ws: _write(
            ws / "segments.csv", "id;name;share_pct;share_pct;age_band;kind\nS1;A;100;;all;B2C\n"
        ),
        ["segments.csv", "row 1", "column 'share_pct'", "given twice"],
    ),
    (
        "header further down",
        lambda ws: _write(ws / "segments.csv", "\n\nid;name;share_pct;kind\nS1;A;100;B2C\n"),
        ["segments.csv", "row 3", "column 'age_band'", "missing"],
    ),
]


@pytest.mark.parametrize(
    ("case", "change", "fragments"), MORE_CASES, ids=[c[0] for c in MORE_CASES]
)
def test_more_bad_input(case, change, fragments, example_ws, run_cli):
    change(example_ws)
    result = run_cli("validate", example_ws)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    lines = [line for line in result.err.splitlines() if line.startswith("  - ")]
    assert any(all(f in line for f in fragments) for line in lines), result.err


def test_out_is_a_file(example_ws, tmp_path, run_cli):
    target = tmp_path / "a-file"
    target.write_text("x")
    result = run_cli("render", example_ws, "--out", target, "--format", "md")
    assert result.code == 2 and "--out" in result.err and "Traceback" not in result.err


def test_chart_sheet_named_like_a_table_is_ignored(minimal_ws, run_cli):
    import openpyxl
    from openpyxl.chart import BarChart

    wb = openpyxl.Workbook()
    wb.active.title = "data"
    wb.active.append(["x"])
    chart = wb.create_chartsheet("posts")
    chart.add_chart(BarChart())
    wb.save(minimal_ws / "book.xlsx")
    assert run_cli("validate", minimal_ws).code == 0


def _deep_yaml(ws: Path) -> None:
    with (ws / "strategy.yaml").open("a", encoding="utf-8") as fh:
        fh.write("deep: " + "[" * 20_000 + "]" * 20_000 + "\n")


def _huge_yaml(ws: Path) -> None:
    with (ws / "strategy.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# " + "x" * 600_000 + "\n")


def _long_cell(ws: Path) -> None:
    _replace(ws / "channels.csv", '"Latte Art, Rösttage, Café-Alltag"', "x" * 140_000)


def _link_outside(ws: Path) -> None:
    (ws / "segments.csv").unlink()
    (ws / "segments.csv").symlink_to("/etc/passwd")


def _control_characters(ws: Path) -> None:
    text = (ws / "segments.csv").read_bytes().decode("utf-8-sig")
    (ws / "segments.csv").write_text(text.replace("age_band", "\x07\x1b[31mage", 1), "utf-8")


def _segments_header_only(ws: Path) -> None:
    head = (ws / "segments.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    _write(ws / "segments.csv", head + "\n")


def _twitter_and_x(ws: Path) -> None:
    with (ws / "channels.csv").open("a", encoding="utf-8") as fh:
        fh.write("Twitter,yes,,,,G1,,medium,low,\n")  # the example lists X in row 8


def _meta_and_facebook(ws: Path) -> None:
    with (ws / "channels.csv").open("a", encoding="utf-8") as fh:
        fh.write("Meta,yes,,,,G3,,,,\n")


SAFETY_CASES = [
    # the corpus of issue 14: hostile, oversized and confusing input; each one sentence
    (
        "yaml nested 20000 deep",
        _deep_yaml,
        ["strategy.yaml", "nested too deeply", "SOCIAL_STRATEGY_MAX_YAML_DEPTH"],
    ),
    ("yaml too large", _huge_yaml, ["strategy.yaml", "too large", "at most 512 KB"]),
    (
        "cell over the csv field limit",
        _long_cell,
        ["channels.csv", "row 2", "column 'notes'", "too long (140,000 characters)", "32,767"],
    ),
    (
        "link to /etc/passwd",
        _link_outside,
        ["segments.csv", "link to a place outside the workspace folder", "not read"],
    ),
    ("control characters in a header", _control_characters, ["segments.csv", "\\x07\\x1b[31mage"]),
    (
        "segments.csv missing",
        lambda ws: (ws / "segments.csv").unlink(),
        ["segments.csv", "is missing; ", "channels.csv refers to S1, S2, S3, S4"],
    ),
    (
        "segments.csv empty",
        lambda ws: _write(ws / "segments.csv", ""),
        ["segments.csv", "row 1", "the file is empty"],
    ),
    (
        "segments.csv header only",
        _segments_header_only,
        ["segments.csv", "has no rows; segment_platform_use.csv refers to S4; channels.csv"],
    ),
    (
        "twitter and x",
        _twitter_and_x,
        [
            "channels.csv",
            "row 9",
            "column 'platform'",
            "same network (X) as 'X' in row 8",
            "'Twitter'",
        ],
    ),
    (
        "meta and facebook",
        _meta_and_facebook,
        ["channels.csv", "row 9", "same network (Facebook) as 'Facebook' in row 3", "'Meta'"],
    ),
]


@pytest.mark.parametrize(
    ("case", "change", "fragments"), SAFETY_CASES, ids=[c[0] for c in SAFETY_CASES]
)
def test_hostile_input(case, change, fragments, example_ws, run_cli):
    change(example_ws)
    result = run_cli("validate", example_ws)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert "root:" not in result.err  # nothing of /etc/passwd is echoed
    assert not any(c in result.err for c in "\x07\x1b")
    lines = [line for line in result.err.splitlines() if line.startswith("  - ")]
    assert any(all(f in line for f in fragments) for line in lines), result.err


def test_a_missing_referred_to_table_is_named_first(example_ws, run_cli):
    (example_ws / "segments.csv").unlink()
    result = run_cli("validate", example_ws)
    first = result.err.splitlines()[1]
    assert first.startswith("  - segments.csv: the table is missing; ")
    assert len(result.err.splitlines()) == 2  # one message, not one per reference


@pytest.mark.parametrize(
    ("variable", "value", "fragments"),
    [
        (
            "SOCIAL_STRATEGY_MAX_FILE_MB",
            "0.01",
            ["facebook_posts.csv", "too large to read (0.035 MB)", "at most 0.01 MB"],
        ),
        ("SOCIAL_STRATEGY_MAX_ROWS", "100", ["facebook_posts.csv", "too many rows", "at most 100"]),
    ],
)
def test_limits_are_configurable_and_reported(
    variable, value, fragments, example_ws, run_cli, monkeypatch
):
    monkeypatch.setenv(variable, value)
    result = run_cli("validate", example_ws)
    assert result.code == 2, result.err
    assert any(all(f in line for f in fragments) for line in result.err.splitlines())
    assert variable in result.err
