"""The content plan out to the tools people schedule with.

- ``content_plan.ics``: one iCalendar event per planned post (RFC 5545, written with the
  icalendar package). Times are local, "floating" times: a calendar shows 09:30 as 09:30
  wherever it is opened. Posts without a time get ``settings.communities.default_time``.
- ``hootsuite/<channel>.csv``: one file per channel or community in the layout of
  Hootsuite's bulk message upload: three columns without a header, date and time
  (``MM/DD/YYYY HH:MM``, 24 h), the message, an optional link. Hootsuite takes one file
  per social profile, hence one file per channel. Posts into forums or groups that
  Hootsuite cannot reach get a file too, as a checklist for posting by hand.

Every CSV cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe
(:func:`~social_strategy.workspace.neutralise_formula`, the one every CSV writer uses).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ...workspace import ROW_COLUMN, Workspace, atomic_write_text, neutralise_formula, slugify
from ...workspace.inputs.communities import CommunitiesSettings

ICS_FILE = "content_plan.ics"
HOOTSUITE_DIR = "hootsuite"
HOOTSUITE_DATE = "%m/%d/%Y %H:%M"
#: how long a post's event lasts in the calendar
EVENT_MINUTES = 15


@dataclass
class Exported:
    ics: Path
    csv_files: list[Path]
    posts: int


def _when(row: pd.Series, default_time: str) -> dt.datetime:
    text = row["time"] if isinstance(row["time"], str) and row["time"] else default_time
    hour, minute = (int(p) for p in text.replace(".", ":").split(":")[:2])
    return dt.datetime.combine(row["date"], dt.time(hour, minute))


def _is_link(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "www.")) and " " not in text.strip()


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def calendar_bytes(plan: pd.DataFrame, firm: str, default_time: str) -> bytes:
    """The content plan as an iCalendar file."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Social Media Strategy Workbook//content plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{firm}: content plan")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for _, row in plan.iterrows():
        start = _when(row, default_time)
        title = _text(row["title"]) or _text(row["topic"]) or _text(row["message"])[:60]
        event = Event()
        key = f"{firm}|{row[ROW_COLUMN]}|{start.isoformat()}|{row['channel']}|{title}"
        event.add("uid", hashlib.sha1(key.encode("utf-8")).hexdigest() + "@social-strategy")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=EVENT_MINUTES))
        event.add("summary", f"{row['channel']}: {title}")
        message = _text(row["message"])
        lines = [
            f"{row['kind']} · {_text(row['format'])} · {_text(row['topic'])}".strip(" ·"),
            _text(row["teaser"]),
            message,
        ]
        event.add("description", "\n\n".join(line for line in lines if line))
        event.add("categories", [str(row["kind"])])
        event.add("location", str(row["channel"]))
        if _is_link(message):
            event.add("url", message)
        cal.add_component(event)
    return cal.to_ical()


def hootsuite_rows(plan: pd.DataFrame, default_time: str) -> list[list[str]]:
    """Rows of Hootsuite's bulk upload: date and time, message, link (cells neutralised)."""
    rows = []
    for _, row in plan.sort_values(["date", ROW_COLUMN]).iterrows():
        message = _text(row["message"])
        link = ""
        if _is_link(message):
            link = message
            message = " ".join(p for p in (_text(row["title"]), _text(row["teaser"])) if p)
        rows.append(
            [
                _when(row, default_time).strftime(HOOTSUITE_DATE),
                neutralise_formula(message),
                neutralise_formula(link),
            ]
        )
    return rows


def export_calendar(ws: Workspace, out: Path) -> Exported:
    """Write the ICS file and one Hootsuite CSV per channel into ``out``."""
    settings = ws.strategy.settings.communities or CommunitiesSettings()
    plan = ws.table("content_plan")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ics = out / ICS_FILE
    data = calendar_bytes(plan, ws.name, settings.default_time)
    atomic_write_text(ics, data.decode("utf-8"), backup=False)
    files: list[Path] = []
    folder = out / HOOTSUITE_DIR
    for channel, rows in plan.groupby(plan["channel"].str.strip(), sort=True):
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerows(hootsuite_rows(rows, settings.default_time))
        path = folder / f"{slugify(str(channel)) or 'channel'}.csv"
        if path in files:  # two names that slug alike ("r/Kaffee" and "r-kaffee")
            path = path.with_name(f"{path.stem}-{len(files)}.csv")
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, buffer.getvalue(), backup=False)
        files.append(path)
    return Exported(ics, files, len(plan))


__all__ = [
    "EVENT_MINUTES",
    "HOOTSUITE_DATE",
    "HOOTSUITE_DIR",
    "ICS_FILE",
    "Exported",
    "calendar_bytes",
    "export_calendar",
    "hootsuite_rows",
]
