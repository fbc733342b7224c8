"""Form for step 1: assess the channels under consideration."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, validate_table, write_table
from .common import label, refresh_step, row_list, save_button, status_box

FILE = "channels.csv"
LEVELS = ("", "low", "medium", "high")


def _levels(session: Session) -> list[tuple[str, str]]:
    return [(session.cat.t(f"form.level_{v or 'unset'}"), v) for v in LEVELS]


def channels_form(session: Session, on_change=None) -> w.VBox:
    """One row per channel: considered, fit, effort, goals served. Save writes channels.csv."""
    from ..steps.audience import verdict_frame

    source = session.ws.sources.get("channels", FILE)
    table = session.ws.table("channels")
    preview = w.Output()
    status = status_box()

    def make_row(record: dict) -> dict[str, w.Widget]:
        row = {
            "platform": w.Text(
                value=record.get("platform", ""),
                layout=w.Layout(width="10em"),
                placeholder=label(session, "platform"),
            ),
            "considered": w.Checkbox(
                value=bool(record.get("considered", True)),
                indent=False,
                description=label(session, "considered"),
                layout=w.Layout(width="9em"),
            ),
            "fit": w.Dropdown(
                options=_levels(session),
                value=_level(record.get("fit")),
                description=label(session, "fit"),
                layout=w.Layout(width="14em"),
            ),
            "effort": w.Dropdown(
                options=_levels(session),
                value=_level(record.get("effort")),
                description=label(session, "effort"),
                layout=w.Layout(width="14em"),
            ),
            "goals": w.Text(
                value="; ".join(record.get("goals") or [])
                if isinstance(record.get("goals"), list)
                else "",
                description=label(session, "goals"),
                placeholder="G1; G2",
                layout=w.Layout(width="14em"),
            ),
        }
        for key, widget in row.items():
            widget.add_class(f"smw-channel-{key}")
        return row

    originals = table.to_dict("records")
    rows = [make_row(record) for record in originals]

    box, add_button = row_list(
        session, rows, lambda: make_row({}), "add_channel", "smw-add-channel"
    )

    def on_save() -> str:
        if source != FILE:
            raise InputError(
                [
                    Problem(
                        source,
                        "the form writes channels.csv only",
                        expected="edit this table where it is, or move it to channels.csv",
                    )
                ]
            )
        columns = TABLES["channels"].columns()
        by_platform = {str(r["platform"]).lower(): r for r in originals}
        records = []
        for row in rows:
            platform = row["platform"].value.strip()
            if not platform:
                continue
            base = dict(by_platform.get(platform.lower(), {}))
            base.update(
                platform=platform,
                considered=row["considered"].value,
                fit=row["fit"].value or None,
                effort=row["effort"].value or None,
                goals=row["goals"].value,
            )
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(_cell_text)
        frame["considered"] = ["yes" if v in ("True", "yes") else "no" for v in frame["considered"]]
        problems: list[Problem] = []
        raw = RawTable(
            FILE, columns, [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))]
        )
        validate_table(TABLES["channels"], raw, problems)
        if problems:
            raise InputError(problems)
        write_table(session.ws.path / FILE, frame.drop(columns=[ROW_COLUMN], errors="ignore"))
        return FILE

    def show(result) -> None:
        display(verdict_frame(result, session.cat))
        session.show_figure(result, "reach")

    def refresh() -> None:
        refresh_step(session, "audience", preview, show)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    return w.VBox(
        [
            w.HTML(f"<h3>{label(session, 'channels_title')}</h3>"),
            box,
            add_button,
            save,
            status,
            preview,
        ]
    )


def _level(value: object) -> str:
    """A level cell as the dropdown knows it: a blank (None or NaN) cell is unset."""
    return value if isinstance(value, str) and value in LEVELS else ""


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
