"""Section results as files: NaN becomes null, declared and given figures must match."""

from __future__ import annotations

import json
import math

import pytest
from matplotlib.figure import Figure

from social_strategy.results import (
    Column,
    FigureRef,
    SectionResult,
    Table,
    load_sections,
    msg,
    save_section,
)


def _figure() -> Figure:
    fig = Figure()
    fig.subplots().plot([0, 1], [0, 1])
    return fig


def test_nan_and_infinity_become_null(tmp_path):
    import numpy as np

    result = SectionResult(
        section="x",
        order=7,
        tables=[
            Table(
                id="t",
                title=msg("x.t"),
                columns=[Column(key="v", label="x.v", format="num1")],
                rows=[{"v": math.nan}, {"v": math.inf}, {"v": np.float64(2.5)}, {"v": np.int64(3)}],
            )
        ],
    )
    path = save_section(tmp_path, result)
    rows = json.loads(path.read_text(encoding="utf-8"))["tables"][0]["rows"]
    assert rows == [{"v": None}, {"v": None}, {"v": 2.5}, {"v": 3}]
    assert load_sections(tmp_path)[0].tables[0].rows[0]["v"] is None


def _declaring(*names: str) -> SectionResult:
    return SectionResult(
        section="x",
        order=7,
        figures=[FigureRef(name=n, title=msg("a"), caption=msg("b"), alt=msg("c")) for n in names],
    )


def test_declared_figures_must_be_given(tmp_path):
    with pytest.raises(ValueError, match="declared"):
        save_section(tmp_path, _declaring("reach"), {})
    with pytest.raises(ValueError, match="declared"):
        save_section(tmp_path, _declaring(), {"reach": _figure()})
    save_section(tmp_path, _declaring("reach"), {"reach": _figure()})
    assert (tmp_path / "figures" / "x_reach.svg").is_file()


def test_sections_load_in_method_order_and_skip_the_metadata(tmp_path):
    save_section(tmp_path, SectionResult(section="b", order=2))
    save_section(tmp_path, SectionResult(section="a", order=1))
    (tmp_path / "report.json").write_text("{}", encoding="utf-8")
    assert [s.section for s in load_sections(tmp_path)] == ["a", "b"]
