"""Form for step 4: the team (who works on social media, with how many hours)."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, validate_table, write_table
from .common import refresh_step, row_list, save_button, status_box

FILE = "team.csv"
TRAINED = ("yes", "in_training", "no")
FLAGS = ("evenings", "weekends", "external", "trainee")


def _t(session: Session, key: str) -> str:
    return session.cat.t(f"resources.form.{key}")


def team_form(session: Session, on_change=None) -> w.VBox:
    """One row per person: hours, trained, channels, evenings, weekends, external, trainee.
    Save writes team.csv (other columns, such as the role, are kept) and re-runs the step."""
    from ..steps.resources import team_frame

    source = session.ws.sources.get("team", FILE)
    table = session.ws.table("team")
    preview = w.Output()
    status = status_box()
    trained = [(session.cat.t(f"resources.trained.{v}"), v) for v in TRAINED]

    def make_row(record: dict) -> dict[str, w.Widget]:
        hours = record.get("hours_per_week")
        row: dict[str, w.Widget] = {
            "person": w.Text(
                value=record.get("person", ""),
                placeholder=_t(session, "person"),
                layout=w.Layout(width="13em"),
            ),
            "hours_per_week": w.Text(
                value="" if hours is None or pd.isna(hours) else _number(hours),
                placeholder=_t(session, "hours"),
                layout=w.Layout(width="6em"),
            ),
            "trained": w.Dropdown(
                options=trained,
                value=record.get("trained") or "no",
                layout=w.Layout(width="9em"),
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

    originals = table.to_dict("records")
    rows = [make_row(record) for record in originals]
    box, add_button = row_list(session, rows, lambda: make_row({}), "add_goal", "smw-add-person")
    add_button.description = _t(session, "add_person")

    def on_save() -> str:
        if source != FILE:
            raise InputError(
                [
                    Problem(
                        source,
                        "the form writes team.csv only",
                        expected="edit this table where it is, or move it to team.csv",
                    )
                ]
            )
        columns = TABLES["team"].columns()
        by_person = {str(r["person"]).lower(): r for r in originals}
        records = []
        for row in rows:
            person = row["person"].value.strip()
            if not person:
                continue
            base = dict(by_person.get(person.lower(), {}))
            base.update(
                person=person,
                hours_per_week=row["hours_per_week"].value.strip(),
                trained=row["trained"].value,
                channels=row["channels"].value,
                **{flag: "yes" if row[flag].value else "no" for flag in FLAGS},
            )
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(_cell_text)
        problems: list[Problem] = []
        raw = RawTable(
            FILE, columns, [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))]
        )
        validate_table(TABLES["team"], raw, problems)
        if problems:
            raise InputError(problems)
        write_table(session.ws.path / FILE, frame.drop(columns=[ROW_COLUMN], errors="ignore"))
        return FILE

    def show(result) -> None:
        session.show_figure(result, "workload")
        display(team_frame(result, session.cat))

    def refresh() -> None:
        refresh_step(session, "resources", preview, show)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    return w.VBox(
        [
            w.HTML(
                f"<h3>{html.escape(_t(session, 'team_title'))}</h3>"
                f"<p>{html.escape(_t(session, 'team_hint'))}</p>"
            ),
            box,
            add_button,
            save,
            status,
            preview,
        ]
    )


def _number(value: float) -> str:
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
