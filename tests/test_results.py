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
    table,
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


def test_table_heads_columns_from_the_catalog_prefix_and_formats():
    rows = [{"rank": 1, "n": 3}, {"rank": 2, "n": 4}]
    t = table(
        "register",
        rows,
        ["rank", "n", Column(key="2027-01", label="x.col.month", text="2027-01", format="num")],
        "x.col",
        {"rank": "num"},
        title=msg("x.table.title", n=2),
        labels={"n": "count"},
    )
    assert t.id == "register" and t.title.values == {"n": 2} and t.caption is None
    assert [(c.key, c.label, c.format, c.text) for c in t.columns] == [
        ("rank", "x.col.rank", "num", None),
        ("n", "x.col.count", "text", None),
        ("2027-01", "x.col.month", "num", "2027-01"),
    ]
    # row mappings are taken as given (their own key order), never shared with the caller
    assert t.rows == rows and t.rows[0] is not rows[0]


def test_table_from_a_frame_takes_its_columns_as_plain_values():
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(
        {"share": [12.5, np.nan], "name": ["a", "b"], "n": [3, 4], "unused": [0, 0]}
    )
    t = table("t", frame, ["name", "n", "share"], "x.col", {"share": "pct"}, title=msg("x.t"))
    assert t.rows == [{"name": "a", "n": 3, "share": 12.5}, {"name": "b", "n": 4, "share": None}]
    assert [type(r["n"]) for r in t.rows] == [int, int]  # numpy scalars become numbers
    assert [list(r) for r in t.rows] == [["name", "n", "share"]] * 2  # in the columns' order
