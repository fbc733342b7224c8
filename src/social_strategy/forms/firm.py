"""Form for step 0: the firm profile, its goals (a grid) and the added value.

Every field has its label above it; a bad value is named under its own field in the
workshop's language, and strategy.yaml keeps its comments, quotes and layout (only what
changed is written).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any

import ipywidgets as w
import yaml

from ..errors import InputError, Problem
from ..i18n import available_languages
from ..notebook import Session
from ..workspace import STRATEGY_FILE, merge_list, update_strategy
from .common import (
    after_save,
    label,
    labelled,
    mark_field,
    show_busy,
    show_problems,
    status_box,
)
from .grid import GridForm, check_in_copy

GOAL_FIELDS = (
    "id",
    "goal",
    "metric",
    "baseline",
    "target",
    "unit",
    "due",
    "measured",
    "measured_on",
)
PROFILE_FIELDS = ("name", "industry", "region", "employees", "language", "consultant")


def _path_of(problem: Problem) -> tuple:
    """Where in strategy.yaml a problem is: its path, e.g. ("goals", 1, "target")."""
    path = getattr(problem, "path", None)
    if path:
        return tuple(path)
    if problem.file == STRATEGY_FILE and problem.column:
        return tuple(int(p) if p.isdigit() else p for p in problem.column.split("."))
    return ()


class GoalsStore:
    """The goals list of strategy.yaml as grid rows."""

    changes = ["strategy"]
    file_name = STRATEGY_FILE
    header = list(GOAL_FIELDS)

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def path(self) -> Path:
        return self.session.ws.path / STRATEGY_FILE

    def rows(self) -> list[list[str]]:
        goals = _raw(self.path).get("goals") or []
        return [
            [_text(g.get(k)) if isinstance(g, dict) else "" for k in GOAL_FIELDS] for g in goals
        ]

    def _change(self, rows: list[list[str]]):
        items = [
            {k: _value(k, cell) for k, cell in zip(GOAL_FIELDS, row, strict=True) if cell.strip()}
            for row in rows
        ]
        return lambda doc: merge_list(doc, "goals", items)

    def check(self, rows: list[list[str]]) -> list[Problem]:
        change = self._change(rows)
        return check_in_copy(
            self.session, lambda copy: update_strategy(copy / STRATEGY_FILE, change)
        )

    def write(self, rows: list[list[str]]) -> bool:
        before = self.path.read_bytes()
        update_strategy(self.path, self._change(rows))
        return self.path.read_bytes() != before

    def first_row(self) -> int:
        return 1  # goals are counted 1, 2, ... beside their ids

    def kept(self) -> list[str]:
        return ["id", "goal"]

    def secondary(self) -> list[str]:
        # what the quarterly review measured: typed later, in the row panel under the grid
        return ["measured", "measured_on"]

    def cell_of(self, problem: Problem) -> tuple[int, str] | None:
        path = _path_of(problem)
        if len(path) >= 3 and path[0] == "goals" and isinstance(path[1], int):
            return path[1], str(path[2])
        if len(path) == 2 and path[0] == "goals" and isinstance(path[1], int):
            return path[1], "id"
        return None


def goals_form(session: Session) -> GridForm:
    """The firm's goals as a grid: ID, goal, measured as, baseline, target, unit, due."""
    return GridForm(session, GoalsStore(session), table="goals")


def firm_form(session: Session, on_change=None) -> w.VBox:
    """The firm profile and the added value (fields), then the goals (a grid). Each part has
    its own Save; strategy.yaml keeps its comments and layout."""
    strategy = session.ws.strategy
    firm = strategy.firm
    widgets: dict[str, w.Widget] = {
        "name": w.Text(value=firm.name),
        "industry": w.Text(value=firm.industry or ""),
        "region": w.Text(value=firm.region or ""),
        "employees": w.Text(value=str(firm.employees or "")),
        "language": w.Dropdown(options=available_languages(), value=firm.language),
        "consultant": w.Text(value=firm.consultant or ""),
        "added_value": w.Textarea(
            value="\n".join(strategy.added_value),
            placeholder=label(session, "added_value_placeholder"),
            layout=w.Layout(height="8em"),
        ),
    }
    keys = {k: f"firm_{k}" for k in PROFILE_FIELDS} | {"added_value": "added_value_title"}
    boxes = {
        k: labelled(session, keys[k], widget, f"smw-firm-{k}") for k, widget in widgets.items()
    }
    for key, widget in widgets.items():
        widget.add_class(f"smw-input-{key}")
    status = status_box()
    status.add_class("smw-status-firm")

    def change(doc: Any) -> None:
        doc_firm = doc.setdefault("firm", {})
        for key in ("name", "industry", "region", "consultant"):
            value = widgets[key].value.strip()
            if value or key in doc_firm:
                doc_firm[key] = value
        employees = widgets["employees"].value.strip()
        if employees or "employees" in doc_firm:
            doc_firm["employees"] = int(employees) if employees.isdigit() else employees or None
        doc_firm["language"] = widgets["language"].value
        lines = [line.strip() for line in widgets["added_value"].value.splitlines()]
        merge_list(doc, "added_value", [line for line in lines if line])

    def save(_: w.Button) -> None:
        show_busy(status, session)
        for box in boxes.values():
            mark_field(session, box, [])
        path = session.ws.path / STRATEGY_FILE
        before = path.read_bytes()
        problems = check_in_copy(
            session, lambda copy: update_strategy(copy / STRATEGY_FILE, change)
        )
        try:
            if problems:
                raise InputError(problems)
            update_strategy(path, change)
            session.reload()
        except InputError as exc:
            rest = []
            for problem in exc.problems:
                where = _path_of(problem)
                field = where[1] if len(where) > 1 and where[0] == "firm" else None
                field = "added_value" if where[:1] == ("added_value",) else field
                if field in boxes:
                    mark_field(session, boxes[field], [problem])
                else:
                    rest.append(problem)
            show_problems(status, session, InputError(rest or exc.problems))
            return
        after_save(session, status, ["strategy"], STRATEGY_FILE, path.read_bytes() != before)
        if on_change:
            on_change()

    button = w.Button(
        description=session.cat.t("form.save"),
        button_style="primary",
        icon="",
        tooltip=session.cat.t("form.save_tooltip"),
        layout=w.Layout(width="auto"),
    )
    button.add_class("smw-save")
    button.add_class("smw-save-firm")
    button.on_click(save)
    goals = goals_form(session)
    title = html.escape(label(session, "firm_title"))
    goals_title = html.escape(label(session, "goals_title"))
    goals_hint = html.escape(label(session, "goals_hint"))
    profile = w.VBox(
        [w.HTML(f"<h3>{title}</h3>"), *boxes.values(), button, status],
        layout=w.Layout(width="100%"),
    )
    profile.add_class("smw-firm-form")
    return w.VBox(
        [profile, w.HTML(f"<h3>{goals_title}</h3><p>{goals_hint}</p>"), goals.widget],
        layout=w.Layout(width="100%"),
    )


def _raw(path: Path) -> dict:
    from ..workspace.strategy_file import YamlLoader

    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=YamlLoader)
    return data if isinstance(data, dict) else {}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _value(key: str, text: str) -> Any:
    """A typed cell as YAML would read it: 400 a number, 2027-03-31 a date, the rest text
    (a German 12,5 stays text and is read as 12.5 by the profile)."""
    text = text.strip()
    if key in ("id", "goal", "metric", "unit"):
        return text
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return (
        value if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool) else text
    )


__all__ = ["GOAL_FIELDS", "PROFILE_FIELDS", "GoalsStore", "firm_form", "goals_form"]
