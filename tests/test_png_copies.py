"""The figures' PNG copies (for Word and slides) are drawn only when a render needs them:
asked for docx or pptx, or with --png; the workshop (no render job) always draws them.
No kernels: the save, the job's choice, the kernels' environment and the reuse check."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from social_strategy.charts import new_figure
from social_strategy.job import RenderJob
from social_strategy.pipeline import kernel_env
from social_strategy.results import (
    FIGURES,
    PNG_DPI,
    PNG_FOLDER,
    PNG_VARIABLE,
    FigureRef,
    SectionResult,
    msg,
    png_path,
    save_section,
)
from social_strategy.reuse import has_pngs
from social_strategy.steps import step


def _section(results: Path, **kw) -> Path:
    fig, ax = new_figure(6, 3)
    ax.bar(["a", "b"], [3, 5])
    ref = FigureRef(name="bars", title=msg("x"), caption=msg("x"), alt=msg("x"))
    result = SectionResult(section="audience", order=1, figures=[ref])
    save_section(results, result, {"bars": fig}, **kw)
    return results / FIGURES / "audience_bars.svg"


def test_the_png_copy_follows_the_flag_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(PNG_VARIABLE, raising=False)
    svg = _section(tmp_path / "default")
    with Image.open(png_path(svg)) as image:  # the workshop's default: drawn, sharp
        assert round(image.info["dpi"][0]) == PNG_DPI >= 150
    assert not png_path(_section(tmp_path / "off", png=False)).exists()
    assert svg.is_file() and (tmp_path / "off" / FIGURES / "audience_bars.svg").is_file()

    monkeypatch.setenv(PNG_VARIABLE, "0")  # what a render without Word or slides sets
    assert not png_path(_section(tmp_path / "env-off")).exists()
    assert png_path(_section(tmp_path / "forced", png=True)).is_file()


@pytest.mark.parametrize(
    ("formats", "png", "wanted"),
    [
        (("html", "pdf", "md"), False, False),
        (("html",), True, True),
        (("md", "docx"), False, True),
        (("pptx",), False, True),
    ],
)
def test_the_job_draws_pngs_only_for_word_and_slides(formats, png, wanted):
    job = RenderJob.build("ws", formats=formats, png=png)
    assert job.pngs is wanted
    assert kernel_env(job.pngs)[PNG_VARIABLE] == ("1" if wanted else "0")


def test_a_step_without_its_pngs_is_not_reused_for_word(tmp_path):
    previous = tmp_path / "render"
    figures = previous / "results" / FIGURES
    (figures / PNG_FOLDER).mkdir(parents=True)
    (figures / "audience_reach.de.svg").write_text("<svg/>")
    (figures / "audience_reach.de.narrow.svg").write_text("<svg/>")  # never has a PNG
    (figures / "risks_matrix.de.svg").write_text("<svg/>")
    (figures / PNG_FOLDER / "risks_matrix.de.png").write_bytes(b"png")
    assert not has_pngs(previous, step("audience"))
    assert has_pngs(previous, step("risks"))
    assert has_pngs(previous, step("firm"))  # no figures: nothing missing
    (figures / PNG_FOLDER / "audience_reach.de.png").write_bytes(b"png")
    assert has_pngs(previous, step("audience"))


def test_the_command_line_takes_png(run_cli, tmp_path, monkeypatch):
    seen = {}

    def fake_render(job, progress=None):
        seen["job"] = job
        raise KeyboardInterrupt  # stop before anything runs

    monkeypatch.setattr("social_strategy.pipeline.render_job", fake_render)
    run_cli("render", tmp_path, "--format", "html", "--png")
    assert seen["job"].png and seen["job"].pngs
    run_cli("render", tmp_path, "--format", "html")
    assert not seen["job"].pngs
