"""Hostile and oversized input: limits, the workspace boundary, escaped messages, large
tables validated column by column with the same results as row by row."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import TESTS
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.workspace import TABLES, readers
from social_strategy.workspace.readers import read_csv
from social_strategy.workspace.rows import validate_table

POSTS = EXAMPLE_WORKSPACE / "exports" / "facebook_posts.csv"


def _posts_with_mistakes(path):
    lines = POSTS.read_text(encoding="utf-8").splitlines()
    head, body = lines[0], lines[1:]
    bad = [
        body[0].replace(";12;", ";13;", 1),  # month 13
        body[1].replace(";3;10;", ";3;24;", 1),  # hour 24
        ";".join("" for _ in head.split(";")),  # blank row
        body[2].replace(";2413;", ";-5;", 1),  # negative reach
        body[3].replace(";50128;", ";viel;", 1),  # not a number
        body[4].replace(";Photo;", ";;", 1).replace(";2;3;", ";2;;", 1),  # no hour
        body[5].replace(";1;9;", ";1;;", 1),  # no hour either
        body[6].replace(";11692;", ";11.692,5;", 1),  # thousands point, decimal comma
        body[7].replace(";Photo;", ";  Photo  ;", 1),
        body[8].replace(";12;", ";;", 1),  # no month
    ]
    text = "\n".join([head, *bad, *body[9:]]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_large_tables_are_validated_by_column_with_the_same_result(tmp_path, monkeypatch):
    path = _posts_with_mistakes(tmp_path / "posts.csv")
    spec = TABLES["posts"]

    by_row: list = []
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 10**9)
    raw = read_csv(path, "posts.csv")
    assert raw.columnar is None
    rows_frame = validate_table(spec, raw, by_row)

    by_column: list = []
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0)
    raw = read_csv(path, "posts.csv")
    assert raw.columnar is not None
    columns_frame = validate_table(spec, raw, by_column)

    assert [str(p) for p in by_column] == [str(p) for p in by_row]
    assert len(by_row) >= 4
    pd.testing.assert_frame_equal(
        columns_frame.reset_index(drop=True),
        rows_frame.reset_index(drop=True),
        check_dtype=False,
    )


def test_columnar_reader_falls_back_for_ragged_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0)
    path = tmp_path / "posts.csv"
    path.write_text("weekday;hour;reach\n1;10;5\n2;11;6;extra;cells\n3;12\n", encoding="utf-8")
    problems: list = []
    frame = validate_table(TABLES["posts"], read_csv(path, "posts.csv"), problems)
    assert problems == []
    assert frame["hour"].tolist() == [10, 11, 12]


assert TESTS.is_dir()
pytest.importorskip("numpy")
