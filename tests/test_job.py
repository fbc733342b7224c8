"""RenderJob: the options of one render, built and checked once, in one place."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from social_strategy.errors import InputError
from social_strategy.job import RenderJob, check_formats, parse_formats

SRC = Path(__file__).parents[1] / "src" / "social_strategy"


def test_build_checks_and_normalises():
    job = RenderJob.build(
        "ws", out="out", lang="DE, en,de", formats=parse_formats(" HTML,md "), jobs=2
    )
    assert job == RenderJob(
        workspace=Path("ws"),
        out=Path("out"),
        languages=("de", "en"),
        formats=("html", "md"),
        jobs=2,
    )
    assert job.for_workspace("other") == RenderJob(
        workspace=Path("other"),
        out=Path("out"),
        languages=("de", "en"),
        formats=("html", "md"),
        jobs=2,
    )
    # a batch sends it to worker processes
    assert pickle.loads(pickle.dumps(job)) == job


@pytest.mark.parametrize(
    ("formats", "value"), [(("html", "odt"), "odt"), ((), ""), (("pdf", "PDF"), "PDF")]
)
def test_unknown_or_no_format_is_named(formats, value):
    with pytest.raises(InputError) as caught:
        check_formats(formats)
    (problem,) = caught.value.problems
    assert problem.file == "--format" and problem.message == "unknown report format"
    assert problem.value == value
    assert problem.expected == "a comma-separated list of html, pdf, md, docx, pptx"


def test_formats_are_checked_before_languages():
    with pytest.raises(InputError) as caught:
        RenderJob.build("ws", lang="fr", formats=("odt",))
    assert caught.value.problems[0].file == "--format"
    with pytest.raises(InputError) as caught:
        RenderJob.build("ws", lang="fr", formats=("md",))
    assert caught.value.problems[0].file == "--lang"


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{ws}", "--format", "odt"],
        ["render-batch", "{ws}", "--format", "odt"],
        ["rebuild", "{ws}", "--format", "odt"],
    ],
    ids=["render", "render-batch", "rebuild"],
)
def test_every_command_names_a_bad_format_the_same_way(command, example_ws, run_cli):
    result = run_cli(*[c.format(ws=example_ws) for c in command])
    assert result.code == 2, result.err
    assert "--format" in result.err and "unknown report format" in result.err
    assert "'odt'" in result.err and "html, pdf, md, docx, pptx" in result.err
    assert "Traceback" not in result.err


def test_the_format_check_is_written_once():
    found = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if "unknown report format" in p.read_text(encoding="utf-8")
    ]
    assert found == ["job.py"]


def test_a_date_given_is_kept():
    job = RenderJob.build("ws", date=dt.date(2026, 11, 23))
    assert job.date == dt.date(2026, 11, 23)
    assert job.formats == ("html", "pdf", "md") and job.reuse and not job.appendix
