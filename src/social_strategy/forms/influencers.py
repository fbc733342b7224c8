"""Form for step 3: the candidate list. Add candidates, edit them, mark whom you contacted.

Columns the form does not show (name, reach, region, notes, ...) are kept as they are.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
from IPython.display import display

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import ROW_COLUMN, TABLES, RawTable, validate_table, write_table
from .common import refresh_step, row_list, save_button, status_box

FILE = "influencers.csv"
TYPES = ("", "creator", "journalist", "community_lead", "customer", "partner", "employee")
STATUSES = ("open", "contacted", "agreed", "declined")


def _t(session: Session, key: str) -> str:
    return session.cat.t(f"influencers.form.{key}")


def influencers_form(session: Session, on_change=None) -> w.VBox:
    """One row per candidate: handle, platform, followers, interactions, topics, type, status."""
    from ..steps.influencers import ranking_frame

    cat = session.cat
    source = session.ws.sources.get("influencers", FILE)
    table = session.ws.table("influencers")
    preview = w.Output()
    status = status_box()
    types = [(_t(session, "unset") if not v else cat.t(f"influencers.type.{v}"), v) for v in TYPES]
    statuses = [(cat.t(f"influencers.status.{v}"), v) for v in STATUSES]

    def make_row(record: dict) -> dict[str, w.Widget]:
        row = {
            "handle": w.Text(
                value=("@" + record["handle"]) if record.get("handle") else "",
                placeholder=_t(session, "handle"),
                layout=w.Layout(width="13em"),
            ),
            "platform": w.Text(
                value=record.get("platform") or "",
                placeholder=_t(session, "platform"),
                layout=w.Layout(width="8em"),
            ),
            "followers": w.Text(
                value=_cell_text(record.get("followers")),
                placeholder=_t(session, "followers"),
                layout=w.Layout(width="7em"),
            ),
            "avg_interactions": w.Text(
                value=_cell_text(record.get("avg_interactions")),
                placeholder=_t(session, "interactions"),
                layout=w.Layout(width="9em"),
            ),
            "topics": w.Text(
                value="; ".join(record.get("topics") or []),
                placeholder=_t(session, "topics"),
                layout=w.Layout(width="16em"),
            ),
            "type": w.Dropdown(
                options=types, value=record.get("type") or "", layout=w.Layout(width="10em")
            ),
            "status": w.Dropdown(
                options=statuses, value=record.get("status") or "open", layout=w.Layout(width="9em")
            ),
        }
        for key, widget in row.items():
            widget.add_class(f"smw-influencer-{key}")
        return row

    originals = [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in r.items()}
        for r in table.to_dict("records")
    ]
    rows = [make_row(record) for record in originals]
    box, add_button = row_list(session, rows, lambda: make_row({}), "save", "smw-add-influencer")
    add_button.description = _t(session, "add")

    def on_save() -> str:
        if source != FILE:
            raise InputError(
                [
                    Problem(
                        source,
                        "the form writes influencers.csv only",
                        expected="edit this table where it is, or move it to influencers.csv",
                    )
                ]
            )
        columns = TABLES["influencers"].columns()
        by_handle = {str(r["handle"]): r for r in originals}
        records = []
        for row in rows:
            handle = row["handle"].value.strip()
            if not handle:
                continue
            base = dict(by_handle.get(normalise_handle(handle), {}))
            base.update(
                # written without the @: a CSV cell starting with @ is read as a formula
                handle=normalise_handle(handle),
                platform=row["platform"].value.strip(),
                followers=_number(row["followers"].value, cat.lang),
                avg_interactions=_number(row["avg_interactions"].value, cat.lang),
                topics=row["topics"].value,
                type=row["type"].value or None,
                status=row["status"].value,
            )
            records.append(base)
        frame = pd.DataFrame(records, columns=columns).map(_cell_text)
        frame["public"] = [{"True": "yes", "False": "no"}.get(v, v) for v in frame["public"]]
        problems: list[Problem] = []
        raw = RawTable(
            FILE, columns, [(i + 2, dict(r)) for i, r in enumerate(frame.to_dict("records"))]
        )
        validate_table(TABLES["influencers"], raw, problems)
        if problems:
            raise InputError(problems)
        write_table(session.ws.path / FILE, frame.drop(columns=[ROW_COLUMN], errors="ignore"))
        return FILE

    def show(result) -> None:
        display(ranking_frame(result, cat))

    def refresh() -> None:
        refresh_step(session, "influencers", preview, show)
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


def normalise_handle(text: str) -> str:
    """As the loader reads it: no leading @, no case."""
    return " ".join(text.strip().lstrip("@").split()).casefold()


def _number(text: str, lang: str) -> str:
    """A number as typed in the form's language (``32.000`` or ``4,5`` in German), written
    in the file's plain form; anything else is left for validation to name."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    thousands, decimal = (".", ",") if lang == "de" else (",", ".")
    plain = text.replace(thousands, "").replace(decimal, ".")
    try:
        float(plain)
    except ValueError:
        return text
    return plain


def _cell_text(value: object) -> str:
    """A cell as the CSV gets it; text that a spreadsheet would run as a formula (starting
    with = + - @) is written with a leading apostrophe."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    elif isinstance(value, (int, float, bool)):
        return str(value)
    else:
        text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
