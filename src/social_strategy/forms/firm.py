"""Form for step 0: the firm profile, its goals and the added value."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..i18n import available_languages
from ..notebook import Session
from ..workspace import STRATEGY_FILE, merge_list, update_strategy
from .common import LAYOUT_WIDE, label, refresh_step, row_list, save_button, status_box

GOAL_FIELDS = ("id", "goal", "metric", "baseline", "target", "unit", "due")


def _goal_row(session: Session, goal: dict | None = None) -> dict[str, w.Widget]:
    goal = goal or {}
    row = {
        "id": w.Text(value=str(goal.get("id", "")), placeholder="G1", layout=w.Layout(width="5em")),
        "goal": w.Text(
            value=goal.get("goal", ""),
            placeholder=label(session, "goal"),
            layout=w.Layout(width="22em"),
        ),
        "metric": w.Text(
            value=goal.get("metric", ""),
            placeholder=label(session, "metric"),
            layout=w.Layout(width="16em"),
        ),
        "baseline": w.Text(
            value=_num(goal.get("baseline")),
            placeholder=label(session, "baseline"),
            layout=w.Layout(width="7em"),
        ),
        "target": w.Text(
            value=_num(goal.get("target")),
            placeholder=label(session, "target"),
            layout=w.Layout(width="7em"),
        ),
        "unit": w.Text(
            value=goal.get("unit") or "",
            placeholder=label(session, "unit"),
            layout=w.Layout(width="9em"),
        ),
        "due": w.DatePicker(value=goal.get("due"), layout=w.Layout(width="11em")),
    }
    for key, widget in row.items():
        widget.add_class(f"smw-goal-{key}")
    return row


def _num(value: object) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def firm_form(session: Session, on_change=None) -> w.VBox:
    """Edit firm, goals and added value; Save writes strategy.yaml (comments kept)."""
    strategy = session.ws.strategy
    firm = strategy.firm
    fields = {
        "name": w.Text(value=firm.name, layout=LAYOUT_WIDE),
        "industry": w.Text(value=firm.industry or "", layout=LAYOUT_WIDE),
        "region": w.Text(value=firm.region or "", layout=LAYOUT_WIDE),
        "employees": w.Text(value=str(firm.employees or ""), layout=w.Layout(width="20em")),
        "language": w.Dropdown(
            options=available_languages(), value=firm.language, layout=w.Layout(width="20em")
        ),
        "consultant": w.Text(value=firm.consultant or "", layout=LAYOUT_WIDE),
    }
    for key, widget in fields.items():
        widget.description = label(session, f"firm_{key}")
        widget.style.description_width = "12em"
        widget.add_class(f"smw-firm-{key}")
    added = w.Textarea(
        value="\n".join(strategy.added_value),
        layout=w.Layout(width="44em", height="7em"),
        placeholder=label(session, "added_value_placeholder"),
    )
    added.add_class("smw-added-value")
    goal_rows = [_goal_row(session, g.model_dump()) for g in strategy.goals]
    preview = w.Output()
    status = status_box()

    goals_box, add = row_list(
        session,
        goal_rows,
        lambda: _goal_row(session, {"id": f"G{len(goal_rows) + 1}"}),
        "add_goal",
        "smw-add-goal",
    )

    def on_save() -> str:
        def change(doc) -> None:
            doc_firm = doc.setdefault("firm", {})
            for key in ("name", "industry", "region", "consultant"):
                value = fields[key].value.strip()
                if value or key in doc_firm:
                    doc_firm[key] = value
            employees = fields["employees"].value.strip()
            if employees:
                doc_firm["employees"] = int(employees) if employees.isdigit() else employees
            doc_firm["language"] = fields["language"].value
            merge_list(
                doc,
                "added_value",
                [line.strip() for line in added.value.splitlines() if line.strip()],
            )
            merge_list(
                doc,
                "goals",
                [
                    _goal_value(r)
                    for r in goal_rows
                    if any(_filled(r[k]) for k in GOAL_FIELDS if k != "id")
                ],
            )

        update_strategy(session.ws.path / STRATEGY_FILE, change)
        return STRATEGY_FILE

    def refresh() -> None:
        refresh_step(session, "firm", preview)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    return w.VBox(
        [
            w.HTML(f"<h3>{label(session, 'firm_title')}</h3>"),
            *fields.values(),
            w.HTML(f"<b>{label(session, 'goals_title')}</b>"),
            w.HTML(f"<small>{label(session, 'goals_hint')}</small>"),
            goals_box,
            add,
            w.HTML(f"<b>{label(session, 'added_value_title')}</b>"),
            added,
            save,
            status,
            preview,
        ]
    )


def _filled(widget: w.Widget) -> bool:
    return widget.value is not None and str(widget.value).strip() != ""


def _goal_value(row: dict[str, w.Widget]) -> dict:
    out: dict = {}
    for key in GOAL_FIELDS:
        value = row[key].value
        if isinstance(value, dt.date):
            out[key] = value
        elif value is not None and str(value).strip() != "":
            text = str(value).strip()
            if key in ("baseline", "target"):
                try:
                    out[key] = float(text.replace(",", "."))
                    if out[key].is_integer():
                        out[key] = int(out[key])
                except ValueError:
                    out[key] = text
            else:
                out[key] = text
    return out
