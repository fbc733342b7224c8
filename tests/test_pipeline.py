"""The render's speed features: one execution for several languages, incremental renders,
kernels shared by several notebooks without sharing their variables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import REPORT_DATE, copy_render
from social_strategy.errors import InputError
from social_strategy.pipeline import rebuild, render
from social_strategy.results import read_meta
from social_strategy.steps import STEPS

pytestmark = pytest.mark.slow
DATE = dt.date.fromisoformat(REPORT_DATE)


def _render(ws: Path, out: Path, lines: list[str], **kw) -> Path:
    return render(ws, out=out, report_date=DATE, progress=lines.append, formats=("md",), **kw)


def test_both_languages_from_one_execution(example_ws, tmp_path):
    lines: list[str] = []
    folder = _render(example_ws, tmp_path, lines, lang="de,en")
    assert {p.name for p in folder.glob("report*")} == {"report.de.md", "report.en.md"}
    # every step executed once, not once per language
    assert sum(" done in " in line and "report" not in line for line in lines) == len(STEPS)
    de = (folder / "report.de.md").read_text(encoding="utf-8")
    en = (folder / "report.en.md").read_text(encoding="utf-8")
    assert "Zielgruppen" in de and "Target groups" in en
    figures = {p.name for p in (folder / "results" / "figures").iterdir()}
    assert {"audience_reach.de.svg", "audience_reach.en.svg"} <= figures
    assert read_meta(folder / "results").languages == ["de", "en"]
    # neither Word nor slides asked: no PNG copies drawn, and rebuilding Word says how to get them
    assert "png" not in figures
    with pytest.raises(InputError) as caught:
        rebuild(folder, lang="en", formats=("docx",))
    [problem] = caught.value.problems
    assert problem.file.startswith("results/figures/png/") and "--png" in problem.expected
    assert not list(folder.glob("report*.docx"))


def test_second_render_reuses_unchanged_steps_and_reruns_what_changed(
    example_ws, example_report_de, tmp_path
):
    # the first render: the session's render of the example (same inputs, date, language)
    first = copy_render(example_report_de, tmp_path)
    lines: list[str] = []
    second = _render(example_ws, tmp_path, lines)
    assert read_meta(second / "results").reused == [s.name for s in STEPS]
    assert not any(" done in " in line and "report" not in line for line in lines)
    for name in (f"{s.name}.json" for s in STEPS):
        assert (first / "results" / name).read_bytes() == (second / "results" / name).read_bytes()
    assert (second / "notebooks" / "01_audience.ipynb").is_file()
    text = (second / "report.md").read_text(encoding="utf-8")
    assert "aus diesem Lauf übernommen" in text and first.name[:10].split("-")[0] in text

    # a table only step 1 reads changes: step 0 is reused, step 1 runs again
    channels = example_ws / "channels.csv"
    channels.write_text(channels.read_text(encoding="utf-8").replace(",2150,", ",2400,"), "utf-8")
    lines.clear()
    third = _render(example_ws, tmp_path, lines)
    reused = read_meta(third / "results").reused
    assert "firm" in reused and "audience" not in reused
    assert any("01_audience done in" in line for line in lines)

    # the profile changes: everything runs again; --no-reuse runs everything too
    assert read_meta(_render(example_ws, tmp_path, [], reuse=False) / "results").reused == []
    fingerprints = json.loads((third / "results" / "inputs" / "_fingerprints.json").read_text())
    assert set(fingerprints) == {s.name for s in STEPS}


def test_notebooks_on_one_kernel_do_not_see_each_others_variables(
    example_ws, tmp_path, monkeypatch
):
    import nbformat

    from social_strategy import pipeline
    from social_strategy.steps import STEPS, Step

    books = tmp_path / "notebooks"
    books.mkdir()
    for code, name in (
        ("leak = 42", "97_first.ipynb"),
        ("assert 'leak' not in dir()", "98_second.ipynb"),
    ):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        params = nbformat.v4.new_code_cell("workspace = ''")
        params.metadata["tags"] = ["parameters"]
        nb.cells = [params, nbformat.v4.new_code_cell(code)]
        nbformat.write(nb, books / name)
    # the steps name the folder of their notebooks, as a step from outside the package does
    monkeypatch.setattr(
        pipeline,
        "STEPS",
        (Step("first", 97, "unused", folder=books), Step("second", 98, "unused", folder=books)),
    )
    from social_strategy import reuse

    monkeypatch.setattr(reuse, "STEPS", pipeline.STEPS)
    # one kernel runs both notebooks, in order; the second must not see the first's variable
    folder = render(
        example_ws,
        out=tmp_path / "out",
        report_date=DATE,
        formats=("md",),
        jobs=1,
        progress=lambda _: None,
    )
    assert (folder / "notebooks" / "98_second.ipynb").is_file()
    assert len(STEPS) >= 2
