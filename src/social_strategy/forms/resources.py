"""Forms for step 4: the team (who works on social media, with how many hours) and the
budget lines. Each writes its table (other columns, such as a person's role, are kept)."""

from __future__ import annotations

import html
from collections.abc import Callable
from types import SimpleNamespace

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, validate_table, write_table
from ..workspace.fields import parse_number
from ..workspace.inputs.resources import CATEGORIES
from .common import refresh_step, row_list, save_button, status_box

TRAINED = ("yes", "in_training", "no")
FLAGS = ("evenings", "weekends", "external", "trainee")
Row = dict[str, w.Widget]


def _t(session: Session, key: str) -> str:
    return session.cat.t(f"resources.form.{key}")


def _table_form(
    session: Session,
    table: str,
    id_column: str,
    make_row: Callable[[dict], Row],
    values: Callable[[Row], dict],
    keys: tuple[str, str, str],
    show: Callable[[object], None],
    on_change: Callable[[], None] | None,
) -> w.VBox:
    """An editable list of ``table``'s rows that validates, writes ``<table>.csv`` and
    refreshes the step. ``keys``: the title, hint and add-button messages."""
    file = f"{table}.csv"
    source = session.ws.sources.get(table, file)
    originals = session.ws.table(table).to_dict("records")
    rows = [make_row(record) for record in originals]
    preview = w.Output()
    status = status_box()
    box, add_button = row_list(session, rows, lambda: make_row({}), "add_goal", f"smw-add-{table}")
    add_button.description = _t(session, keys[2])

    def on_save() -> str:
        if source != file:
            raise InputError(
                [
                    Problem(
                        source,
                        f"the form writes {file} only",
                        expected=f"edit this table where it is, or move it to {file}",
                    )
                ]
            )
        columns = TABLES[table].columns()
        by_id = {str(r[id_column]).lower(): r for r in originals}
        records = []
        for row in rows:
            key = row[id_column].value.strip()
            if not key:
                continue
            base = dict(by_id.get(key.lower(), {}))
            base.update(values(row), **{id_column: key})
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(_cell_text)
        problems: list[Problem] = []
        raw = RawTable(
            file, columns, [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))]
        )
        validate_table(TABLES[table], raw, problems)
        if problems:
            raise InputError(problems)
        write_table(session.ws.path / file, frame.drop(columns=[ROW_COLUMN], errors="ignore"))
        return file

    def refresh() -> None:
        refresh_step(session, "resources", preview, show)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    save.add_class(f"smw-save-{table}")
    return w.VBox(
        [
            w.HTML(
                f"<h3>{html.escape(_t(session, keys[0]))}</h3>"
                f"<p>{html.escape(_t(session, keys[1]))}</p>"
            ),
            box,
            add_button,
            save,
            status,
            preview,
        ]
    )


def team_form(session: Session, on_change=None) -> w.VBox:
    """One row per person: hours, trained, channels, evenings, weekends, external, trainee.
    Save writes team.csv and re-runs the step."""
    from ..steps.resources import team_frame

    trained = [(session.cat.t(f"resources.trained.{v}"), v) for v in TRAINED]

    def make_row(record: dict) -> Row:
        row: Row = {
            "person": w.Text(
                value=record.get("person", ""),
                placeholder=_t(session, "person"),
                layout=w.Layout(width="13em"),
            ),
            "hours_per_week": w.Text(
                value=_number(record.get("hours_per_week")),
                placeholder=_t(session, "hours"),
                layout=w.Layout(width="6em"),
            ),
            "trained": w.Dropdown(
                options=trained, value=record.get("trained") or "no", layout=w.Layout(width="9em")
            ),
            "channels": w.Text(
                value="; ".join(record.get("channels") or []),
                placeholder=_t(session, "channels"),
                layout=w.Layout(width="12em"),
            ),
        }
        for flag in FLAGS:
            row[flag] = w.Checkbox(
                value=bool(record.get(flag, False)),
                indent=False,
                description=_t(session, flag),
                layout=w.Layout(width="8em"),
            )
        for key, widget in row.items():
            widget.add_class(f"smw-team-{key}")
        return row

    def values(row: Row) -> dict:
        return {
            "hours_per_week": _typed_number(row["hours_per_week"].value),
            "trained": row["trained"].value,
            "channels": row["channels"].value,
            **{flag: "yes" if row[flag].value else "no" for flag in FLAGS},
        }

    def show(result) -> None:
        session.show_figure(result, "workload")
        display(team_frame(result, session.cat))

    return _table_form(
        session,
        "team",
        "person",
        make_row,
        values,
        ("team_title", "team_hint", "add_person"),
        show,
        on_change,
    )


def budget_form(session: Session, on_change=None) -> w.VBox:
    """One row per budget line: category, euros, monthly or once, start and end month.
    Save writes budget.csv and re-runs the step."""
    from ..steps.resources import budget_frame

    categories = [(session.cat.t(f"resources.category.{c}"), c) for c in CATEGORIES]
    frequencies = [(_t(session, f"frequency_{f}"), f) for f in ("monthly", "one_off")]
    months = [(str(m), m) for m in range(1, 13)]

    def make_row(record: dict) -> Row:
        end = record.get("end_month")
        row: Row = {
            "item": w.Text(
                value=record.get("item", ""),
                placeholder=_t(session, "item"),
                layout=w.Layout(width="16em"),
            ),
            "category": w.Dropdown(
                options=categories,
                value=record.get("category") or "tools",
                layout=w.Layout(width="11em"),
            ),
            "amount": w.Text(
                value=_number(record.get("amount")),
                placeholder=_t(session, "amount"),
                layout=w.Layout(width="7em"),
            ),
            "frequency": w.Dropdown(
                options=frequencies,
                value=record.get("frequency") or "monthly",
                layout=w.Layout(width="9em"),
            ),
            "start_month": w.Dropdown(
                options=months,
                value=int(record.get("start_month") or 1),
                description=_t(session, "start_month"),
                layout=w.Layout(width="10em"),
            ),
            "end_month": w.Dropdown(
                options=[("–", None), *months],
                value=None if end is None or pd.isna(end) else int(end),
                description=_t(session, "end_month"),
                layout=w.Layout(width="10em"),
            ),
        }
        for key, widget in row.items():
            widget.add_class(f"smw-budget-{key}")
        return row

    def values(row: Row) -> dict:
        return {
            "category": row["category"].value,
            "amount": _typed_number(row["amount"].value),
            "frequency": row["frequency"].value,
            "start_month": row["start_month"].value,
            "end_month": row["end_month"].value,
        }

    def show(result) -> None:
        session.show_figure(result, "budget")
        display(budget_frame(result, session.cat))

    return _table_form(
        session,
        "budget",
        "item",
        make_row,
        values,
        ("budget_title", "budget_hint", "add_line"),
        show,
        on_change,
    )


def _typed_number(text: str) -> str:
    """A number as typed in a workshop (``1.200,50``, ``12,5``, ``1,200.5``) in plain form;
    anything else is returned as typed for validation to name."""
    text = text.strip()
    comma_last = "," in text and text.rfind(",") > text.rfind(".")
    parsed = parse_number(text, SimpleNamespace(context={"decimal_comma": comma_last}))
    try:
        return _number(float(parsed))
    except (TypeError, ValueError):
        return text


def _number(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
