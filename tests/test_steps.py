"""The step contract: the registry, one signature, figures drawn by the step that declares them,
and a report context built from every step's results (fast: no notebooks, no PDF)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import MINIMAL, REPORT_DATE
from social_strategy.i18n import available_languages, catalog
from social_strategy.notebook import Session, start
from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS
from social_strategy.report.context import build_context
from social_strategy.results import SectionResult, load_sections, msg
from social_strategy.steps import STEPS, Context, StepResult, step
from social_strategy.workspace import load_workspace


def test_registry_is_ordered_and_every_step_has_its_notebook():
    orders = [s.order for s in STEPS]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert len({s.name for s in STEPS}) == len(STEPS)
    registered = {s.notebook for s in STEPS}
    on_disk = {p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    assert registered == on_disk  # no notebook outside the registry, none missing
    for s in STEPS:
        assert all(step(n).order < s.order for n in s.needs), s.name
    with pytest.raises(KeyError, match="no step called"):
        step("nonexistent")


@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
def test_every_step_runs_with_one_signature_and_draws_what_it_declares(workspace):
    ws = load_workspace(workspace)
    session = Session(ws, workspace, "en", dt.date.fromisoformat(REPORT_DATE), False)
    for s in STEPS:
        result = session.run(s)
        assert isinstance(result, StepResult)
        assert result.section.section == s.name and result.section.order == s.order
        declared = [f.name for f in result.section.figures]
        assert declared == list(result.drawers)
        for lang in available_languages():
            figures = result.figures(catalog(lang))
            assert set(figures) == set(declared)
        assert session.run(s.name) is result  # run once per session


def test_earlier_results_reach_the_steps_that_need_them(monkeypatch):
    from social_strategy import steps

    seen = {}

    class Probe:
        @staticmethod
        def run(ws, ctx: Context) -> StepResult:
            seen.update(ctx.earlier)
            return StepResult(SectionResult(section="probe", order=99))

    monkeypatch.setitem(__import__("sys").modules, "probe_step", Probe)
    probe = steps.Step("probe", 99, "probe_step", needs=("audience",))
    session = Session(
        load_workspace(EXAMPLE_WORKSPACE), EXAMPLE_WORKSPACE, "de", dt.date.today(), False
    )
    session.run(probe)
    assert set(seen) == {"audience"}
    assert seen["audience"] is session.run("audience")
    assert "LinkedIn" in seen["audience"].recommended


def test_saving_writes_section_figures_and_report_metadata(tmp_path):
    session = start(str(EXAMPLE_WORKSPACE), str(tmp_path), "en", REPORT_DATE, False)
    for s in STEPS:
        session.save(session.run(s))
    meta = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert meta["firm"] == "Röstwerk Elbufer GmbH"
    assert meta["report_date"] == REPORT_DATE and meta["fictional"] is True
    assert [s.section for s in load_sections(tmp_path)] == [s.name for s in STEPS]
    for section in load_sections(tmp_path):
        for ref in section.figures:
            assert (tmp_path / "figures" / ref.file).is_file()


@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_context_builds_from_every_steps_results(tmp_path, workspace, lang):
    session = start(str(workspace), str(tmp_path), lang, REPORT_DATE, False)
    for s in STEPS:
        session.save(session.run(s))
    context = build_context(tmp_path, catalog(lang), embed_figures=False)
    assert [c["key"] for c in context["chapters"]] == [s.name for s in STEPS]
    assert context["firm"]["name"] == session.ws.name
    assert context["report_date_iso"] == REPORT_DATE
    cat = catalog(lang)
    for chapter in context["chapters"]:
        assert chapter["title"] == cat.t(f"{chapter['key']}.title")
        for item in chapter["summary"] + chapter["findings"]:
            assert item["text"] and "{" not in item["text"]


def test_a_figure_is_declared_and_drawn_in_one_call():
    result = StepResult(SectionResult(section="x", order=9))
    result.add_figure("f", msg("a.b"), msg("a.c"), msg("a.d"), draw=lambda cat: cat.lang)
    assert [f.name for f in result.section.figures] == ["f"]
    assert result.figures(catalog("de")) == {"f": "de"}
