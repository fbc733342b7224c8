"""A step's report tables as notebook tables: the same headings and cells as the report,
in the session's language, with blank cells blank and long texts whole.

``section_frame(result, "cases", cat)`` turns one of the section result's tables into a
frame; ``shown(frame, cat, key)`` is what a notebook view displays: the frame made
readable, or the catalog message ``key`` when there is nothing to show.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import Catalog
from ..results import Column, Table
from .base import StepResult

_WORD = re.compile(r"[^\W\d_]")  # a letter
LONG_TEXT = 40  # characters: a cell this long is a sentence, not a name


def section_table(result: StepResult, table_id: str) -> Table | None:
    """The section's table ``table_id``; None when the step did not make it."""
    return next((t for t in result.section.tables if t.id == table_id), None)


def cell(value: Any, column: Column, cat: Catalog) -> Any:
    """One cell as the report shows it: messages and codes translated, numbers in the
    language's format, lists joined; blank when missing."""
    if isinstance(value, (list, tuple)):
        if not value:
            return ""
        parts = [str(cell(v, column, cat)) for v in value]
        return "; ".join(parts) if any(isinstance(v, dict) for v in value) else ", ".join(parts)
    if isinstance(value, dict) and "code" in value:
        return cat.text(value)
    if value is None or (isinstance(value, str) and not value) or pd.isna(value):
        return ""
    fmt = column.format
    if fmt.startswith("code:"):
        key = f"{fmt[5:]}.{value}"
        return cat.t(key) if cat.has(key) else str(value)
    if fmt == "text":
        return str(value)
    return cat.format_value(value, fmt)


def section_frame(result: StepResult, table_id: str, cat: Catalog) -> pd.DataFrame | None:
    """The section's table ``table_id`` as a frame with headings from the catalog."""
    table = section_table(result, table_id)
    if table is None:
        return None
    headings = [c.text if c.text else cat.t(c.label) for c in table.columns]
    rows = [[cell(row.get(c.key), c, cat) for c in table.columns] for row in table.rows]
    return pd.DataFrame(rows, columns=headings)


def shown(
    frame: pd.DataFrame | None, cat: Catalog, empty_key: str | None = None, **values: Any
) -> Any:
    """What a notebook view displays: the frame made readable (blank cells blank, never
    NaN; long texts not cut; numbers in the language's format; client text escaped; no
    running row numbers), or the catalog text ``empty_key`` as Markdown when there is no
    table or it is empty (nothing without a key)."""
    if frame is None or frame.empty:
        if empty_key is None:
            return None
        from IPython.display import Markdown

        return Markdown(cat.t(empty_key, **values))
    if frame.index.nlevels == 1 and frame.index.name and frame.index.name not in frame.columns:
        # a named index (a rank, "Nr.") as the first column: pandas would put its name on a
        # heading row of its own, under the other headings
        frame = frame.reset_index()

    def number(value: Any) -> Any:
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
            value, (bool, np.bool_)
        ):
            return cat.needed(float(value))
        return value

    styler = readable(frame).style.format(number, na_rep="", escape="html")
    styler = styler.format_index(escape="html", na_rep="", axis=0).format_index(
        escape="html", na_rep="", axis=1
    )
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        styler = styler.hide(axis="index")
    # JupyterLab and Voila right-align every cell: columns with words in them read from the
    # left; numbers, amounts, dates and spans ("22,5", "58 %", "30-69") stay right
    texts = [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c])
        and any(_WORD.search(str(v)) for v in frame[c] if isinstance(v, str))
    ]
    if texts and frame.columns.is_unique:
        styler = styler.set_properties(subset=texts, **{"text-align": "left"})
        left = [{"selector": "th", "props": "text-align: left"}]
        styler = styler.set_table_styles({c: left for c in texts}, overwrite=False)
        # a wide table scrolls sideways in its output; its long texts keep a readable width
        # instead of being squeezed to a word per line
        long = [c for c in texts if any(len(v) > LONG_TEXT for v in frame[c] if isinstance(v, str))]
        if long:
            styler = styler.set_properties(subset=long, **{"min-width": "14em"})
    return styler


def readable(frame: Any, cat: Catalog | None = None) -> Any:
    """A frame for the notebook: blank cells blank (not NaN or None), lists joined, whole
    numbers without ".0"; with ``cat`` yes/no and decimals in its language. pandas is told
    not to cut long texts."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    pd.set_option("display.max_colwidth", None)

    def cell(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value)
        if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, (bool, np.bool_)):
            return cat.t("form.yes" if value else "form.no") if cat else value
        if isinstance(value, (float, np.floating)):
            if float(value).is_integer():
                return int(value)
            return cat.number(float(value), 1) if cat else value
        if cat is not None and isinstance(value, dt.date):
            return cat.date(value) if hasattr(cat, "date") else value
        return value

    return frame.map(cell) if len(frame.columns) else frame


__all__ = ["LONG_TEXT", "cell", "readable", "section_frame", "section_table", "shown"]
