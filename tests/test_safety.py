"""Hostile and oversized input: limits, the workspace boundary, escaped messages, large
tables validated column by column with the same results as row by row."""

from __future__ import annotations

import errno
import os

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


# -- the render's own files: disk full, read-only or vanished output, one sentence each ------


@pytest.fixture
def no_notebooks(monkeypatch):
    """Renders without executing notebooks (the failures below happen around them)."""
    from social_strategy import pipeline

    monkeypatch.setattr(pipeline, "STEPS", ())


def _published(out):
    client = out / "roestwerk-elbufer-gmbh"
    return client, sorted(p.name for p in client.iterdir())


def _render_twice_second_failing(run_cli, ws, out, fail):
    assert run_cli("render", ws, "--out", out, "--format", "html,md").code == 0
    client, before = _published(out)
    latest = os.readlink(client / "latest")
    digest = (client / "latest" / "report.html").read_bytes()
    with fail():
        result = run_cli("render", ws, "--out", out, "--format", "html,md")
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert os.readlink(client / "latest") == latest
    assert (client / "latest" / "report.html").read_bytes() == digest
    assert _published(out)[1] == before  # no .incomplete-*, no half report
    return result.err


def _raising(monkeypatch, target, name, code, when=lambda *args: True):
    import contextlib

    real = getattr(target, name)

    @contextlib.contextmanager
    def fail():
        def boom(*args, **kwargs):
            if not when(*args):
                return real(*args, **kwargs)
            raise OSError(code, os.strerror(code))

        with monkeypatch.context() as m:
            m.setattr(target, name, boom)
            yield

    return fail


def test_disk_full_while_writing_the_report(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import pathlib

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(monkeypatch, pathlib.Path, "write_text", errno.ENOSPC),
    )
    assert "--out: the report cannot be written to" in err
    assert "no space left on device" in err and "free space on the disk" in err


def test_read_only_out_that_already_holds_reports(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import pathlib

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(
            monkeypatch,
            pathlib.Path,
            "mkdir",
            errno.EROFS,
            when=lambda path, *_: ".incomplete-" in str(path),
        ),
    )
    assert "read-only file system" in err and "a writable folder" in err


def test_output_folder_vanishes_mid_render(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import social_strategy.report as report

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(monkeypatch, report, "build_report", errno.ENOENT),
    )
    assert "no such file or directory" in err and "stays in place" in err


@pytest.mark.slow
def test_disk_full_while_papermill_writes_the_notebook(example_ws, tmp_path, monkeypatch, run_cli):
    import papermill.execute

    out = tmp_path / "out"
    with _raising(monkeypatch, papermill.execute, "write_ipynb", errno.ENOSPC)():
        result = run_cli("render", example_ws, "--out", out, "--format", "md")
    assert result.code == 2, result.err
    assert "no space left on device" in result.err and "Traceback" not in result.err
    assert list((out / "roestwerk-elbufer-gmbh").iterdir()) == []
