"""render-batch: many clients at once; a bad one does not stop the others; Dask as executor."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import MINIMAL, REPORT_DATE, copy_render
from social_strategy.batch import read_list, render_batch, summary
from social_strategy.results import read_meta
from social_strategy.steps import STEPS

pytestmark = pytest.mark.slow


def test_batch_renders_the_good_clients_and_names_the_bad_one(
    example_ws, example_report_de, tmp_path, run_cli
):
    # the example client was rendered before (the session's render, same inputs and date):
    # its worker reuses every step; the minimal client's worker executes its notebooks
    copy_render(example_report_de, tmp_path / "out")
    bad = tmp_path / "bad"
    shutil.copytree(MINIMAL, bad)
    (bad / "segments.csv").write_text("id;name\nS1;\n", encoding="utf-8")
    listing = tmp_path / "clients.txt"
    listing.write_text(f"# two clients\n{MINIMAL}\n\nbad\n", encoding="utf-8")
    result = run_cli(
        "render-batch",
        example_ws,
        "--list",
        listing,
        "--out",
        tmp_path / "out",
        "--format",
        "md",
        "--date",
        REPORT_DATE,
        "--jobs",
        "2",
    )
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].split() == ["client", "status", "time", "report", "or", "error"]
    rows = {line.split()[0]: line for line in lines[1:4]}
    assert "ok" in rows[str(example_ws)] and "ok" in rows[str(MINIMAL)]
    assert "bad input" in rows[str(bad)] and "segments.csv" in rows[str(bad)]
    assert lines[-1] == "2 of 3 rendered; 1 failed"
    assert (tmp_path / "out" / "roestwerk-elbufer-gmbh" / "latest" / "report.md").is_file()
    assert (tmp_path / "out" / "minimal-gmbh" / "latest" / "report.md").is_file()
    example = read_meta(tmp_path / "out" / "roestwerk-elbufer-gmbh" / "latest" / "results")
    assert example.reused == [s.name for s in STEPS]
    assert read_meta(tmp_path / "out" / "minimal-gmbh" / "latest" / "results").reused == []
    assert "3/3 done, 1 failed" in result.err


def test_list_file_paths_count_from_its_folder(tmp_path):
    (tmp_path / "list.txt").write_text("a\n  # none\n/abs/b  # comment\n", encoding="utf-8")
    assert read_list(tmp_path / "list.txt") == [str(tmp_path / "a"), "/abs/b"]


def test_jobs_go_to_a_dask_cluster(minimal_report, tmp_path):
    distributed = pytest.importorskip("distributed")
    # the client rendered before (the session's render): the Dask worker reuses its steps;
    # a batch worker executing notebooks is the test above
    copy_render(minimal_report, tmp_path)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        outcomes = render_batch(
            [str(MINIMAL)],
            out=str(tmp_path),
            lang="en",
            formats=("md",),
            report_date=dt.date.fromisoformat(REPORT_DATE),
            scheduler=cluster.scheduler_address,
            progress=lambda _: None,
        )
    assert [o.status for o in outcomes] == ["ok"], summary(outcomes)
    assert (tmp_path / "minimal-gmbh" / "latest" / "report.md").is_file()
    assert read_meta(tmp_path / "minimal-gmbh" / "latest" / "results").reused == [
        s.name for s in STEPS
    ]
