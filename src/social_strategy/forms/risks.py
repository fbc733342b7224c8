"""Form for step 5: the risk register (scenario, category, likelihood and impact sliders,
owner, prepared first response)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, validate_table, write_table
from .common import refresh_step, row_list, save_button, status_box

FILE = "risks.csv"
CATEGORIES = (
    "hijack",
    "contest",
    "criticism",
    "neglect",
    "employee",
    "failure",
    "spam",
    "hack",
    "rumour",
    "other",
)


def risks_form(session: Session, on_change=None) -> w.VBox:
    """One row per scenario; Save validates, writes risks.csv and re-runs the step."""
    source = session.ws.sources.get("risks", FILE)
    table = session.ws.table("risks")
    preview = w.Output()
    status = status_box()
    categories = [(session.cat.t(f"risks.category.{c}"), c) for c in CATEGORIES]

    def make_row(record: dict) -> dict[str, w.Widget]:
        row = {
            "scenario": w.Text(
                value=record.get("scenario") or "",
                placeholder=_t(session, "risk_scenario"),
                layout=w.Layout(width="18em"),
            ),
            "category": w.Dropdown(
                options=categories,
                value=record.get("category") or "other",
                layout=w.Layout(width="13em"),
            ),
            "likelihood": w.IntSlider(
                value=int(record.get("likelihood") or 3),
                min=1,
                max=5,
                description=_t(session, "risk_likelihood"),
                layout=w.Layout(width="16em"),
            ),
            "impact": w.IntSlider(
                value=int(record.get("impact") or 3),
                min=1,
                max=5,
                description=_t(session, "risk_impact"),
                layout=w.Layout(width="16em"),
            ),
            "owner": w.Text(
                value=record.get("owner") or "",
                placeholder=_t(session, "risk_owner"),
                layout=w.Layout(width="12em"),
            ),
            "response": w.Textarea(
                value=record.get("response") or "",
                placeholder=_t(session, "risk_response"),
                layout=w.Layout(width="22em", height="4em"),
            ),
        }
        for key, widget in row.items():
            widget.add_class(f"smw-risk-{key}")
        return row

    originals = [_clean(r) for r in table.to_dict("records")]
    rows = [make_row(record) for record in originals]
    box, add_button = row_list(session, rows, lambda: make_row({}), "add_risk", "smw-add-risk")

    def on_save() -> str:
        if source != FILE:
            raise InputError(
                [
                    Problem(
                        source,
                        "the form writes risks.csv only",
                        expected="edit this table where it is, or move it to risks.csv",
                    )
                ]
            )
        columns = TABLES["risks"].columns()
        by_scenario = {str(r["scenario"]).lower(): r for r in originals}
        records = []
        for row in rows:
            scenario = row["scenario"].value.strip()
            if not scenario:
                continue
            base = dict(by_scenario.get(scenario.lower(), {}))
            base.update(
                scenario=scenario,
                category=row["category"].value,
                likelihood=row["likelihood"].value,
                impact=row["impact"].value,
                owner=row["owner"].value.strip() or None,
                response=row["response"].value.strip() or None,
            )
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(_cell_text)
        problems: list[Problem] = []
        raw = RawTable(
            FILE, columns, [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))]
        )
        validate_table(TABLES["risks"], raw, problems)
        if problems:
            raise InputError(problems)
        write_table(session.ws.path / FILE, frame.drop(columns=[ROW_COLUMN], errors="ignore"))
        return FILE

    def show(result) -> None:
        session.show_figure(result, "matrix")
        display(result.register[["rank", "scenario", "score", "tier", "cluster", "strength"]])

    def refresh() -> None:
        refresh_step(session, "risks", preview, show)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    return w.VBox(
        [
            w.HTML(f"<h3>{_t(session, 'title')}</h3>"),
            box,
            add_button,
            save,
            status,
            preview,
        ]
    )


def _t(session: Session, key: str) -> str:
    return session.cat.t(f"risks.form.{key.removeprefix('risk_')}")


def _clean(record: dict) -> dict:
    return {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in record.items()}


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
