"""A new step in two edits: the throwaway step in tests/data/probe_step declares its inputs
(a table, a settings block) and its ``run`` with its texts, and registers them; nothing else
is edited. It is then validated, run, rendered and offered in the workshop like a built-in
step: its table read from a German Excel export and checked cell by cell, its settings
block checked with its default, its chapter in the report, its notebook among the workshop's
pages and its table in a workshop grid that saves and rebuilds the report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import REPORT_DATE, copy_render
from social_strategy import pipeline, workshop
from social_strategy.errors import InputError
from social_strategy.forms import step_forms, table_form
from social_strategy.notebook import Session, start
from social_strategy.paths import NOTEBOOKS
from social_strategy.report import build_report, check_results
from social_strategy.results import read_meta
from social_strategy.steps import PLUGINS_VARIABLE, STEPS, plugins
from social_strategy.workspace import TABLES, load_workspace

PROBE = Path(__file__).parent / "data" / "probe_step"
#: a German Excel export: cp1252, semicolons, CRLF, a header alias (Stimmen for votes)
VOTES = "Idea;Stimmen;note\r\nNewsletter;5;\r\nPodcast;1;zu teuer\r\nFührung;3;\r\n"


@pytest.fixture
def probe(monkeypatch):
    monkeypatch.syspath_prepend(str(PROBE.parent))
    import probe_step

    probe_step.install()
    yield probe_step
    probe_step.uninstall()


def test_installing_a_step_twice_keeps_one_step_and_refuses_a_namesake(probe):
    from dataclasses import replace

    from social_strategy.steps import STEPS, register
    from social_strategy.workspace import inputs

    probe.install()  # a notebook cell run again
    assert [s.name for s in STEPS].count(probe.NAME) == 1
    assert [i.step for i in inputs.STEP_INPUTS].count(probe.NAME) == 1
    namesake = replace(probe.STEP, order=probe.STEP.order + 50)
    with pytest.raises(ValueError, match="clashes"):
        register(namesake)


@pytest.fixture
def probe_ws(minimal_ws):
    (minimal_ws / "probe_votes.csv").write_bytes(VOTES.encode("cp1252"))
    return minimal_ws


def _settings(ws: Path, block: str) -> None:
    with (ws / "strategy.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\nsettings:\n  probe:\n" + block)


def _problems(ws: Path) -> list:
    with pytest.raises(InputError) as caught:
        load_workspace(ws)
    return caught.value.problems


def test_without_registration_the_probe_is_unknown(probe_ws):
    assert "probe_votes" not in TABLES and "probe" not in {s.name for s in STEPS}
    _settings(probe_ws, "    min_votes: 2\n")
    [problem] = _problems(probe_ws)
    assert problem.file == "strategy.yaml" and "probe" in str(problem)


def test_the_registered_step_joins_the_registry_and_the_render(probe):
    assert STEPS[-1].name == "probe" and STEPS[-1].notebook == "06_probe.ipynb"
    assert "probe_votes" in TABLES
    # its notebook is taken from where the step says it lives, the others from notebooks/
    assert pipeline.notebooks()[-1] == PROBE / "06_probe.ipynb"
    assert pipeline.notebooks()[:-1] == [NOTEBOOKS / s.notebook for s in STEPS[:-1]]
    assert plugins() == ["probe_step"]
    probe.uninstall()
    assert "probe_votes" not in TABLES and STEPS[-1].name == "risks" and plugins() == []
    probe.install()


def test_its_table_and_settings_are_validated(probe, probe_ws):
    ws = load_workspace(probe_ws)
    votes = ws.table("probe_votes")
    assert list(votes["idea"]) == ["Newsletter", "Podcast", "Führung"]  # cp1252 read
    assert list(votes["votes"]) == [5, 1, 3]  # "Stimmen" is an alias of votes
    assert ws.strategy.settings.probe.min_votes == 3  # the model's default

    (probe_ws / "probe_votes.csv").write_bytes((VOTES + "Blog;viele;\r\n").encode("cp1252"))
    _settings(probe_ws, "    min_votes: 0\n")
    problems = _problems(probe_ws)
    cell = next(p for p in problems if p.file == "probe_votes.csv")
    assert (cell.row, cell.column, cell.value) == (5, "votes", "viele")
    setting = next(p for p in problems if p.file == "strategy.yaml")
    assert setting.column == "settings.probe.min_votes" and setting.row is not None


def test_it_runs_and_its_chapter_is_rendered(probe, probe_ws, tmp_path):
    _settings(probe_ws, "    min_votes: 4\n")
    ws = load_workspace(probe_ws)
    session = Session(ws, tmp_path / "results", "de", dt.date.fromisoformat(REPORT_DATE), False)
    result = session.run("probe")
    assert result.section.summary[0].values == {"n": 1, "of": 3}  # only 5 >= 4
    session.save(result)
    check_results(tmp_path / "results", "de")
    written = build_report(tmp_path / "results", tmp_path, "de", ["html", "md"])
    html = written["html"].read_text(encoding="utf-8")
    assert "Probe: die Ideen, die sich lohnen" in html
    assert "1 von 3 Ideen haben genug Stimmen." in html
    assert "Newsletter" in html and "Podcast" not in html
    assert "Ideen mit genug Stimmen" in written["md"].read_text(encoding="utf-8")


def test_it_is_offered_in_the_workshop(probe, probe_ws, tmp_path, monkeypatch):
    served = tmp_path / "served"
    (served / "notebooks").mkdir(parents=True)
    for nb in [*NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"), PROBE / "06_probe.ipynb"]:
        (served / "notebooks" / nb.name).symlink_to(nb)
    pages = workshop.pages(served)
    assert pages[0] == workshop.first_page(served) == "notebooks/00_firm.ipynb"
    assert pages[-1] == "notebooks/06_probe.ipynb" and len(pages) == len(STEPS)
    lab = workshop.command(probe_ws, lab=True, port=1, root=served)
    assert "--LabApp.default_url=/lab/tree/notebooks/00_firm.ipynb" in lab

    # the first page follows the registry, not a file name
    for nb in (served / "notebooks").glob("0[0-5]_*.ipynb"):
        nb.unlink()
    assert workshop.first_page(served) == "notebooks/06_probe.ipynb"
    probe.uninstall()
    assert workshop.first_page(served) is None  # an unregistered step is not offered
    probe.install()

    # its table is edited in a workshop grid; saving runs it again and rebuilds the report
    assert list(step_forms("probe")) == ["probe_votes"]
    monkeypatch.setenv("SOCIAL_STRATEGY_REPORTS", str(tmp_path / "reports"))
    session = start(str(probe_ws), "", "de", REPORT_DATE, True)
    session.save(session.run("probe"))
    assert step_forms("probe")["probe_votes"](session).children  # the widget a page shows
    form = table_form(session, "probe_votes")
    assert form.store.header == ["Idea", "Stimmen", "note"]  # the client's own headings
    form.set_cell(1, "Stimmen", "4")
    assert form.save(), form.status.value
    assert (probe_ws / "probe_votes.csv").read_bytes() == VOTES.replace(";1;", ";4;").encode(
        "cp1252"
    )
    assert session.run("probe").section.summary[0].values == {"n": 3, "of": 3}
    report = session.results_dir.parent / "report.html"
    assert "3 von 3 Ideen haben genug Stimmen." in report.read_text(encoding="utf-8")


@pytest.fixture
def plugin_env(monkeypatch):
    """The probe named the way a consultant names a step from outside the package for the
    command line: importable here, its module in SOCIAL_STRATEGY_STEPS, nothing registered
    beforehand. The kernels are not told where it is: the render tells them."""
    monkeypatch.syspath_prepend(str(PROBE.parent))
    monkeypatch.setenv(PLUGINS_VARIABLE, "probe_step")
    assert "probe" not in {s.name for s in STEPS}
    yield
    import probe_step

    probe_step.uninstall()


def test_the_command_line_renders_it_through_the_pipeline(
    plugin_env, probe_ws, minimal_report, tmp_path, run_cli
):
    out = tmp_path / "out"
    # the client's earlier render (the session's of the same workspace, without the probe):
    # the method's own steps are reused from it, the probe's notebook is executed
    copy_render(minimal_report, out)
    args = ("--out", out, "--lang", "en", "--date", REPORT_DATE, "--format", "html,md")
    (probe_ws / "probe_votes.csv").write_bytes((VOTES + "Blog;viele;\r\n").encode("cp1252"))
    bad = run_cli("render", probe_ws, *args)
    # validated before any kernel starts: the cell is named by file, row, column (under the
    # client's own heading) and value
    assert bad.code == 2, bad.err
    assert "probe_votes.csv, row 5, column 'Stimmen'" in bad.err and "'viele'" in bad.err
    assert len(list(out.rglob("report.html"))) == 1  # the earlier render's, untouched

    (probe_ws / "probe_votes.csv").write_bytes(VOTES.encode("cp1252"))
    _settings(probe_ws, "    min_votes: 4\n")
    done = run_cli("render", probe_ws, *args)
    assert done.code == 0, done.err
    assert "[7/8] 06_probe done" in done.err
    folder = (out / minimal_report.parent.name / "latest").resolve()
    assert read_meta(folder / "results").reused == [s.name for s in STEPS if s.name != "probe"]
    # papermill executed the probe's own notebook: the parameters it was given are recorded
    executed = json.loads((folder / "notebooks" / "06_probe.ipynb").read_text(encoding="utf-8"))
    assert executed["metadata"]["papermill"]["input_path"] == str(PROBE / "06_probe.ipynb")
    assert executed["metadata"]["papermill"]["parameters"]["workspace"] == str(probe_ws)
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Probe: the ideas worth doing" in html
    assert "1 of 3 ideas have enough votes." in html and "Target groups" in html
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert "Ideas with enough votes" in markdown and "Newsletter" in markdown

    # rebuild reads the results alone: the probe's chapter is built again, now in Markdown only
    (folder / "report.md").unlink()
    again = run_cli("rebuild", folder, "--format", "md")
    assert again.code == 0, again.err
    assert "Ideas with enough votes" in (folder / "report.md").read_text(encoding="utf-8")


def test_a_step_module_that_cannot_be_installed_is_named(monkeypatch, minimal_ws, run_cli):
    monkeypatch.setenv(PLUGINS_VARIABLE, "no_such_step_module")
    result = run_cli("validate", minimal_ws)
    assert result.code == 2
    assert PLUGINS_VARIABLE in result.err and "no_such_step_module" in result.err
    assert "Traceback" not in result.err


def test_a_batch_worker_installs_it(probe, probe_ws):
    from social_strategy.batch import render_batch
    from social_strategy.job import RenderJob

    # a worker is a fresh process: it knows the probe only because the batch tells it, and
    # shows that by checking the probe's table (before any kernel starts)
    (probe_ws / "probe_votes.csv").write_bytes((VOTES + "Blog;viele;\r\n").encode("cp1252"))
    [outcome] = render_batch(
        [str(probe_ws)], RenderJob.build(formats=("md",)), jobs=1, progress=lambda _: None
    )
    assert outcome.status == "bad input", outcome.error
    assert "probe_votes.csv" in outcome.error and "viele" in outcome.error
