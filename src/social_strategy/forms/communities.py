"""Form for step 2: the community register (one editable row per community)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, csv_format, validate_table, write_table
from ..workspace.inputs.communities import COMPANIES, KINDS
from .common import refresh_step, row_list, save_button, status_box

FILE = "communities.csv"
#: the columns the form edits; every other column of a row is kept as it was
EDITED = (
    "name",
    "kind",
    "platform",
    "link",
    "companies",
    "self_promotion",
    "max_posts_per_week",
    "moderators",
    "segments",
)


def _t(session: Session, key: str) -> str:
    return session.cat.t(f"communities.form.{key}")


def communities_form(session: Session, on_change=None) -> w.VBox:
    """One row per community; Save writes communities.csv in the file's own format."""
    from ..steps.communities import register_frame

    source = session.ws.sources.get("communities", FILE)
    table = session.ws.table("communities")
    preview = w.Output()
    status = status_box()
    kinds = [(session.cat.t(f"communities.ckind.{k}"), k) for k in KINDS]
    companies = [(_t(session, f"companies_{c}"), c) for c in COMPANIES]

    def text(value: object, width: str, label_key: str, placeholder: str = "") -> w.Text:
        shown = "" if value is None or (isinstance(value, float) and pd.isna(value)) else value
        return w.Text(
            value=_cell_text(shown),
            placeholder=placeholder or _t(session, label_key),
            description=_t(session, label_key),
            style={"description_width": "initial"},
            layout=w.Layout(width=width),
        )

    def make_row(record: dict) -> dict[str, w.Widget]:
        row = {
            "name": text(record.get("name"), "16em", "name"),
            "kind": w.Dropdown(
                options=kinds,
                value=record.get("kind") or "group",
                description=_t(session, "kind"),
                layout=w.Layout(width="15em"),
            ),
            "platform": text(record.get("platform"), "13em", "platform"),
            "link": text(record.get("link"), "18em", "link", "https://"),
            "companies": w.Dropdown(
                options=companies,
                value=record.get("companies") or "unknown",
                description=_t(session, "companies"),
                style={"description_width": "initial"},
                layout=w.Layout(width="17em"),
            ),
            "self_promotion": text(
                record.get("self_promotion"), "16em", "self_promotion", "1 in 10"
            ),
            "max_posts_per_week": text(record.get("max_posts_per_week"), "11em", "max_posts"),
            "moderators": text(record.get("moderators"), "16em", "moderators"),
            "segments": text(record.get("segments"), "12em", "segments", "S1; S2"),
        }
        for key, widget in row.items():
            widget.add_class(f"smw-community-{key}")
        return row

    originals = table.to_dict("records")
    rows = [make_row(record) for record in originals]
    box, add_button = row_list(
        session, rows, lambda: make_row({}), "add_channel", "smw-add-community"
    )
    add_button.description = _t(session, "add")  # the label lives in this step's catalog
    box.layout = w.Layout(flex_flow="column")

    def on_save() -> str:
        if source != FILE:
            raise InputError(
                [
                    Problem(
                        source, _t(session, "only_csv"), expected=_t(session, "only_csv_expected")
                    )
                ]
            )
        path = session.ws.path / FILE
        fmt = csv_format(path) if path.is_file() else None
        decimal_comma = bool(fmt and fmt.decimal_comma)
        columns = TABLES["communities"].columns()
        records = []
        for i, row in enumerate(rows):
            name = row["name"].value.strip()
            if not name:
                continue
            # rows are only ever added, so the first ones are the file's rows in order:
            # a renamed community keeps the columns the form does not show
            base = dict(originals[i]) if i < len(originals) else {}
            base.update({key: row[key].value for key in EDITED})
            base["name"] = name
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(
            lambda v: _cell_text(v, decimal_comma=decimal_comma)
        )
        problems: list[Problem] = []
        raw = RawTable(
            FILE,
            columns,
            [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))],
            decimal_comma=decimal_comma,
        )
        validate_table(TABLES["communities"], raw, problems)
        problems.extend(_unknown_segments(session, frame))
        if problems:
            raise InputError(problems)
        write_table(path, frame.drop(columns=[ROW_COLUMN], errors="ignore"), keep_format=True)
        return FILE

    def show(result) -> None:
        display(register_frame(result, session.cat))

    def refresh() -> None:
        refresh_step(session, "communities", preview, show)
        if on_change:
            on_change()

    save = save_button(session, on_save, status, refresh)
    save.add_class("smw-save")
    return w.VBox(
        [
            w.HTML(f"<h3>{_t(session, 'title')}</h3><p>{_t(session, 'hint')}</p>"),
            box,
            add_button,
            save,
            status,
            preview,
        ]
    )


def _unknown_segments(session: Session, frame: pd.DataFrame) -> list[Problem]:
    """Segment ids that segments.csv does not have, checked before anything is written."""
    from ..workspace.fields import split_list

    known = {str(s).lower() for s in session.ws.table("segments")["id"]}
    problems = []
    for i, cell in enumerate(frame["segments"], start=2):
        for sid in split_list(cell):
            if sid.lower() not in known:
                problems.append(
                    Problem(
                        FILE,
                        "refers to a segment that does not exist",
                        row=i,
                        column="segments",
                        value=sid,
                        expected=f"an id from segments ({', '.join(sorted(known)) or 'none yet'})",
                    )
                )
    return problems


def _cell_text(value: object, decimal_comma: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else str(value)
        return text.replace(".", ",") if decimal_comma else text
    return str(value)
