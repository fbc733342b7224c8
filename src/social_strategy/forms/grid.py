"""Tables edited as tables: an editable grid, saved back in the client's own format.

The grid (ipydatagrid) shows the cells as the client typed them (decimal commas, "G1;G3",
umlauts), headed in the workshop's language. Save checks the whole workspace with the edit
first; if anything is wrong the problems are listed under the grid in the client's language,
naming the row as the spreadsheet counts it (or the goal by its id), the bad cells turn red
and the file is left as it was. Otherwise only what changed is written, the steps that read
it run again, and the report is rebuilt.

What is edited is a :class:`Store`: a workspace table file (:class:`TableStore`) or the
goals in strategy.yaml (:class:`GoalsStore`, in forms/firm.py).
"""

from __future__ import annotations

import html
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Protocol

import ipywidgets as w
import pandas as pd

from ..errors import InputError, Problem
from ..notebook import Session
from ..workspace import TABLES, TableFile, load_workspace, open_table, save_table
from .common import after_save, field_label, show_busy, show_problems, status_box

#: row height and font of the grid, large enough to read on a projector
ROW_PX = 30
FONT = "15px sans-serif"
#: the headings' row: two lines of bold 15 px text from its top (a long heading wraps at its
#: spaces), or one line with the grid's 21 px filter button below its end
HEADER_PX = 46
HEADING_LINES = 2
#: rows shown before the grid scrolls
VISIBLE_ROWS = 12
#: width of the row numbers at the left
ROW_HEADER_PX = 48
#: a heading's width per character (bold 15 px; measured in Chromium: at most 10.75 px for
#: lowercase labels like "name") and what the grid takes from a heading's width: 8 px before
#: the text, 6 after it, and a little room
HEADING_CHAR_PX = 11
HEADING_EXTRA_PX = 20
#: a cell's width per character (15 px) and its padding
CELL_CHAR_PX = 9.5
CELL_EXTRA_PX = 28
#: the width a grid has in the workshop on a 1280x720 projector at 150 % zoom (853 CSS
#: pixels less the page's margins: 817 measured in Chromium, less room for the grid's
#: vertical scroll bar): a grid of up to FIT_COLUMNS
#: columns is narrowed to it, its long texts shortened in the grid and read in full in the
#: cell panel under it
FIT_PX = 800
FIT_COLUMNS = 8
#: the narrowest a column is made to fit: 8 characters (a date, an amount, a short name)
MIN_CELL_PX = int(8 * CELL_CHAR_PX + CELL_EXTRA_PX)


class Store(Protocol):
    """Where a grid's rows come from and go to."""

    #: what a save changes, for the workshop loop: table names, or "strategy"
    changes: list[str]
    #: the file named in the status line
    file_name: str
    header: list[str]

    def rows(self) -> list[list[str]]: ...

    def check(self, rows: list[list[str]]) -> list[Problem]: ...

    def write(self, rows: list[list[str]]) -> bool: ...

    def cell_of(self, problem: Problem) -> tuple[int, str] | None:
        """The grid cell (row from 0, column name) a problem is about, if it is this store's."""
        ...

    def first_row(self) -> int:
        """The number the grid shows beside its first row (1: rows of the table, not of
        the spreadsheet); a problem in the grid names its row by this count, so "Zeile 4"
        in a message is the row labelled 4."""
        ...

    def kept(self) -> list[str]:
        """The columns the grid shows in any case (ids and required columns), before the
        others in the file's order; what does not fit is folded into the row panel."""
        ...

    def secondary(self) -> list[str]:
        """Columns folded into the row panel first, whatever room the grid has."""
        ...


class TableStore:
    """A workspace table: a CSV file or an xlsx sheet. A table the client has no file for
    yet starts empty; its file is made by the first save (never by opening the form)."""

    def __init__(self, session: Session, table: str) -> None:
        self.session = session
        self.table = table
        self.changes = [table]
        self.file = _table_file(session, table)
        self.file_name = self.file.path.name if self.file else f"{table}.csv"
        self.header = list(self.file.header) if self.file else TABLES[table].columns()
        #: spreadsheet row -> grid row, of the edit last checked
        self._index: dict[int, int] = {}

    def rows(self) -> list[list[str]]:
        return [list(r) for r in self.file.rows] if self.file else []

    def _open(self, folder: Path) -> TableFile:
        """The table's file in ``folder`` (the workspace or its scratch copy), made first
        (just its header, in the format of the folder's other CSV files) if it is missing."""
        if self.file is not None:
            relative = self.file.path.relative_to(self.session.ws.path)
            return open_table(folder / relative, self.file.sheet)
        path = folder / self.file_name
        if not path.exists():
            _new_csv(path, self.header)
        return open_table(path)

    def check(self, rows: list[list[str]]) -> list[Problem]:
        def edit(copy: Path) -> None:
            save_table(self._open(copy), rows)
            saved = self._open(copy)
            self._index = {saved.row_number(i): i for i in range(len(saved.rows))}

        return check_in_copy(self.session, edit)

    def write(self, rows: list[list[str]]) -> bool:
        table = self._open(self.session.ws.path)
        written = save_table(table, rows)
        self.file = open_table(table.path, table.sheet)
        return written

    def first_row(self) -> int:
        return 1  # rows are counted as the grid shows them: the first data row is row 1

    def kept(self) -> list[str]:
        spec = TABLES[self.table]
        return [*spec.id_columns, *spec.required_columns()]

    def secondary(self) -> list[str]:
        return []

    def cell_of(self, problem: Problem) -> tuple[int, str] | None:
        name = self.file.name if self.file else self.file_name
        if problem.file != name or problem.row not in self._index:
            return None
        return self._index[problem.row], problem.column or ""


def check_in_copy(session: Session, edit) -> list[Problem]:
    """Every problem the workspace would have after ``edit(folder)``: the edit is made in a
    scratch copy of the workspace and the copy is loaded, so the client's files are only
    written once the whole workspace is sound."""
    source = session.ws.path
    with tempfile.TemporaryDirectory(prefix="smw-check-") as scratch:
        copy = Path(scratch) / source.name
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.bak", ".*"))
        try:
            edit(copy)
            load_workspace(copy)
        except InputError as exc:
            return exc.problems
    return []


class GridForm:
    """Edit a store's rows in a grid; ``columns`` limits what is shown (the other columns
    keep their values). ``table`` names the catalog's column headings (form.col.<table>.*)."""

    def __init__(
        self,
        session: Session,
        store: Store,
        *,
        table: str,
        columns: list[str] | None = None,
        labels: dict[str, str] | None = None,
    ) -> None:
        self.session = session
        self.store = store
        self.table = table
        #: every column edited (the grid's and the row panel's), in the file's order
        self.columns = [c for c in (columns or store.header) if c in store.header]
        self.labels = {
            c: (labels or {}).get(c) or field_label(session, c, table) for c in self.columns
        }
        self.rows = store.rows()
        #: the grid's columns (at most FIT_COLUMNS, fitting FIT_PX) and those folded into
        #: the row panel under it
        self.shown = self._fit()
        self.folded = [c for c in self.columns if c not in self.shown]
        self.status = status_box()
        self.status.add_class(f"smw-status-{table}")
        self.grid = self._grid()
        add = _button(session.cat.t("form.add_row"), "smw-add-row", lambda: self._add_row())
        remove = _button(session.cat.t("form.delete_rows"), "smw-delete-rows", self._delete)
        save = _button(session.cat.t("form.save"), "smw-save", self.save)
        save.button_style = "primary"
        save.tooltip = session.cat.t("form.save_tooltip")
        hint = w.HTML(f"<p class='smw-hint'>{html.escape(session.cat.t('form.grid_hint'))}</p>")
        buttons = w.HBox([add, remove, save], layout=w.Layout(flex_flow="row wrap"))
        # the clicked cell in full: long texts (a crisis response, a community's rules) are
        # read and edited here, the grid shows them shortened
        self._focus: tuple[int, str] | None = None
        self.cell_label = w.HTML(f"<b>{html.escape(session.cat.t('form.cell_hint'))}</b>")
        self.cell_label.add_class("smw-cell-label")
        self.cell_text = w.Textarea(layout=w.Layout(width="98%", height="5.5em"), disabled=True)
        self.cell_text.add_class("smw-cell-text")
        self.cell_text.observe(self._typed, names="value")
        self.grid.on_cell_click(self._clicked)
        self.row_panel = self._row_panel()
        self.new_row = self._new_row_form()
        self.widget = w.VBox(
            [
                hint,
                self.grid,
                self.cell_label,
                self.cell_text,
                self.row_panel,
                buttons,
                self.new_row,
                self.status,
            ],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("smw-table-form")
        self.widget.add_class(f"smw-table-{table}")

    # -- a new row, typed into one labelled field per column -------------------------------
    def _new_row_form(self) -> w.VBox:
        """One text field per column (the grid's and the folded ones), each with its
        heading above it, wrapping to the page's width: the consultant types a whole row
        (Tab moves to the next field),
        "Add as a row" appends it to the grid, Save writes it like any edit."""
        cat = self.session.cat
        self.new_fields: dict[str, w.Text] = {}
        boxes = []
        for column in self.columns:
            field = w.Text(layout=w.Layout(width="100%"))
            field.add_class(f"smw-new-{column}")
            self.new_fields[column] = field
            caption = w.HTML(f"<label class='smw-label'>{html.escape(self.labels[column])}</label>")
            boxes.append(
                w.VBox([caption, field], layout=w.Layout(width="12em", margin="0 0.6em 0.4em 0"))
            )
        add = _button(cat.t("form.new_row_add"), "smw-new-row-add", self.add_typed_row)
        title = html.escape(cat.t("form.new_row_title"))
        hint = html.escape(cat.t("form.new_row_hint"))
        box = w.VBox(
            [
                w.HTML(f"<b>{title}</b><p class='smw-hint'>{hint}</p>"),
                w.HBox(boxes, layout=w.Layout(flex_flow="row wrap", width="100%")),
                add,
            ],
            layout=w.Layout(width="100%", margin="0.5em 0"),
        )
        box.add_class("smw-new-row")
        return box

    def add_typed_row(self) -> bool:
        """Append the row typed into the new-row fields to the grid (not yet saved) and
        empty the fields; False when every field is empty."""
        values = {c: field.value.strip() for c, field in self.new_fields.items()}
        if not any(values.values()):
            return False
        row = [""] * len(self.store.header)
        for column, value in values.items():
            row[self.store.header.index(column)] = value
        self.rows.append(row)
        for field in self.new_fields.values():
            field.value = ""
        self._redraw()
        return True

    # -- the grid -------------------------------------------------------------------------
    def frame(self) -> pd.DataFrame:
        """The shown columns of the current rows, headed by their labels."""
        index = [self.store.header.index(c) for c in self.shown]
        data = [[row[i] for i in index] for row in self.rows]
        first = self.store.first_row()
        return pd.DataFrame(
            data,
            columns=[self.labels[c] for c in self.shown],
            index=range(first, first + len(data)),
            dtype=object,
        )

    def _grid(self):
        from ipydatagrid import DataGrid, TextRenderer

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ipydatagrid's pandas-3 deprecation notices
            grid = DataGrid(
                self.frame(),
                editable=True,
                index_name=" ",  # the row numbers' corner stays blank (not a cut "key")
                selection_mode="cell",
                base_row_size=ROW_PX,
                base_column_header_size=HEADER_PX,
                base_row_header_size=ROW_HEADER_PX,
                column_widths=self._widths(),
                default_renderer=TextRenderer(font=FONT, background_color="white"),
                header_renderer=TextRenderer(
                    font=f"bold {FONT}",
                    background_color="#eef1f5",
                    text_wrap=True,  # a long heading wraps at its spaces (two lines)
                    vertical_alignment="top",
                ),
                layout=w.Layout(width="100%", height=self._height()),
            )
        grid.add_class("smw-grid")
        grid.on_cell_change(self._changed)
        return grid

    def _height(self) -> str:
        return f"{HEADER_PX + ROW_PX * min(max(len(self.rows), 3), VISIBLE_ROWS) + 24}px"

    def _column_px(self, column: str) -> tuple[int, int]:
        """What a column wants (its longest cell up to 40 characters, at least its heading in
        at most two lines) and the narrowest it is made (its heading, at least
        :data:`MIN_CELL_PX` unless its cells are shorter)."""
        i = self.store.header.index(column)
        heading = heading_px(self.labels[column])
        longest = max([0] + [len(r[i]) for r in self.rows[:200]])
        cells = int(min(max(longest, 4), 40) * CELL_CHAR_PX + CELL_EXTRA_PX)
        return max(heading, cells), max(heading, min(cells, MIN_CELL_PX))

    def _fit(self) -> list[str]:
        """The columns the grid shows: all of them when they fit the projector (at most
        :data:`FIT_COLUMNS`, each at least its heading and :data:`MIN_CELL_PX` wide within
        :data:`FIT_PX`); else the store's kept columns, then the others in the file's order
        as long as they fit, the store's secondary columns last of all (never when others
        are folded). The rest are edited in the row panel. Decided once, when the form is
        made, by the narrowest each column can be with the rows it has then (a column of
        short codes takes less than :data:`MIN_CELL_PX`)."""
        floor = {c: self._column_px(c)[1] for c in self.columns}
        if len(self.columns) <= FIT_COLUMNS and ROW_HEADER_PX + sum(floor.values()) <= FIT_PX:
            return list(self.columns)
        kept = [c for c in self.store.kept() if c in self.columns]
        secondary = set(self.store.secondary()) - set(kept)
        chosen, used = set(kept), ROW_HEADER_PX + sum(floor[c] for c in kept)
        for column in self.columns:
            if column in chosen or column in secondary or len(chosen) >= FIT_COLUMNS:
                continue
            if used + floor[column] <= FIT_PX:
                chosen.add(column)
                used += floor[column]
        return [c for c in self.columns if c in chosen]

    def _widths(self) -> dict[str, int]:
        """Column widths in pixels: the longest cell (up to 40 characters; longer texts are
        read in full in the cell panel under the grid), at least the heading's width in at
        most two lines, so no heading is cut. A grid wider than :data:`FIT_PX` is narrowed
        to it: each column gives up a share of what it wants beyond its heading and
        :data:`MIN_CELL_PX`, so it fits the projector without scrolling sideways (the
        columns shown were chosen so that it can, see :meth:`_fit`)."""
        wants, floors = {}, {}
        for column in self.shown:
            label = self.labels[column]
            wants[label], floors[label] = self._column_px(column)
        room = FIT_PX - ROW_HEADER_PX - sum(floors.values())
        if len(wants) > FIT_COLUMNS or ROW_HEADER_PX + sum(wants.values()) <= FIT_PX:
            return wants
        if room <= 0:
            return floors
        beyond = sum(wants[label] - floors[label] for label in wants)
        return {
            label: floors[label] + (wants[label] - floors[label]) * room // beyond
            for label in wants
        }

    # -- the row panel: the folded columns of the clicked row -----------------------------
    def _row_panel(self) -> w.VBox:
        """The columns the grid folds away, one labelled field each, for the row last
        clicked in the grid; typed text goes into that row as if typed in the grid. Hidden
        when the grid shows every column."""
        self._row: int | None = None
        self.fold_fields: dict[str, w.Textarea] = {}
        boxes = []
        for column in self.folded:
            field = w.Textarea(rows=1, disabled=True, layout=w.Layout(width="100%"))
            field.add_class(f"smw-fold-{column}")
            field.observe(lambda change, c=column: self._folded_typed(c, change), names="value")
            self.fold_fields[column] = field
            caption = w.HTML(f"<label class='smw-label'>{html.escape(self.labels[column])}</label>")
            boxes.append(
                w.VBox([caption, field], layout=w.Layout(width="15em", margin="0 0.6em 0.4em 0"))
            )
        self.row_label = w.HTML(self._row_title(None))
        self.row_label.add_class("smw-row-label")
        box = w.VBox(
            [self.row_label, w.HBox(boxes, layout=w.Layout(flex_flow="row wrap", width="100%"))],
            layout=w.Layout(width="100%", margin="0.4em 0", display="" if boxes else "none"),
        )
        box.add_class("smw-row-panel")
        return box

    def _row_title(self, row: int | None) -> str:
        cat = self.session.cat
        names = ", ".join(self.labels[c] for c in self.folded)
        if row is None:
            text = cat.t("form.row_panel_hint", columns=names)
        else:
            text = cat.t("form.row_panel_where", row=self.store.first_row() + row)
        return f"<b>{html.escape(text)}</b>"

    def _show_row(self, row: int | None) -> None:
        """Fill the row panel with ``row``'s folded cells (None: empty and disabled)."""
        self._row = None  # the values set below are not typed changes
        for column, field in self.fold_fields.items():
            if row is None or row >= len(self.rows):
                field.value, field.disabled = "", True
            else:
                text = self.rows[row][self.store.header.index(column)]
                field.value, field.disabled = text, False
                field.rows = 3 if len(text) > 30 else 1
        self.row_label.value = self._row_title(row)
        self._row = row

    def _folded_typed(self, column: str, change: dict) -> None:
        if self._row is None or self._row >= len(self.rows):
            return
        self._set(self._row, column, change["new"])

    def _as_shown(self, problems: list[Problem]) -> list[Problem]:
        """This grid's problems name their row as the grid numbers it and their column by
        its heading in the grid (the file's own header when it differs, in brackets), as the
        client sees them on the screen."""
        import dataclasses

        out = []
        for problem in problems:
            column = problem.column or ""
            cell = self.store.cell_of(problem)
            if cell is not None and problem.row is not None:
                # the row as the grid numbers it, not as the file's lines count
                problem = dataclasses.replace(problem, row=self.store.first_row() + cell[0])
            if cell is not None and column in self.labels:
                written = problem.params.get("header") or column
                label = self.labels[column]
                header = label if label == written else f"{label} ({written})"
                problem = dataclasses.replace(problem, params={**problem.params, "header": header})
            out.append(problem)
        return out

    def _clicked(self, cell: dict) -> None:
        """Show the clicked cell in full below the grid, ready to edit."""
        names = [c for c in self.shown if self.labels[c] == cell.get("column")]
        if cell.get("region") != "body" or not names:
            return
        row, name = int(cell["row"]), names[0]
        self._focus = None  # the value set below is not a typed change
        self.cell_text.value = self.rows[row][self.store.header.index(name)]
        self.cell_text.disabled = False
        where = self.session.cat.t(
            "form.cell_where", row=self.store.first_row() + row, column=self.labels[name]
        )
        self.cell_label.value = f"<b>{html.escape(where)}</b>"
        self._focus = (row, name)
        self._show_row(row)

    def _typed(self, change: dict) -> None:
        """Text typed into the cell panel goes into the cell, as if typed in the grid."""
        if self._focus is None or self._focus[0] >= len(self.rows):
            return
        row, name = self._focus
        self._set(row, name, change["new"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.grid.set_cell_value_by_index(self.labels[name], row, change["new"])

    def _marks(self, bad: set[tuple[int, str]]):
        """The cells' background: red where a problem was found."""
        from ipydatagrid import VegaExpr

        cells = sorted((r, self.shown.index(c)) for r, c in bad if c in self.shown)
        if not cells:
            return "white"
        test = " || ".join(f"(cell.row == {r} && cell.column == {c})" for r, c in cells)
        return VegaExpr(f"({test}) ? '#fbd5d5' : 'white'")

    def _changed(self, cell: dict) -> None:
        name = next(c for c in self.shown if self.labels[c] == cell["column"])
        value = "" if cell["value"] is None else str(cell["value"])
        self._set(cell["row"], name, value)
        if self._focus == (cell["row"], name) and self.cell_text.value != value:
            focus, self._focus = self._focus, None
            self.cell_text.value = value
            self._focus = focus

    def _set(self, row: int, column: str, value: str) -> None:
        while row >= len(self.rows):
            self.rows.append([""] * len(self.store.header))
        self.rows[row][self.store.header.index(column)] = value

    def _redraw(self, bad: set[tuple[int, str]] | None = None) -> None:
        self._focus = None
        self._show_row(None)
        self.cell_text.value = ""
        self.cell_text.disabled = True
        self.cell_label.value = f"<b>{html.escape(self.session.cat.t('form.cell_hint'))}</b>"
        from ipydatagrid import TextRenderer

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.grid.data = self.frame()
            self.grid.column_widths = self._widths()
            self.grid.default_renderer = TextRenderer(
                font=FONT, background_color=self._marks(bad or set())
            )
        self.grid.layout.height = self._height()

    def _add_row(self) -> None:
        self.rows.append([""] * len(self.store.header))
        self._redraw()

    def _delete(self) -> None:
        chosen = {c["r"] for c in self.grid.selected_cells}
        if chosen:
            self.rows = [r for i, r in enumerate(self.rows) if i not in chosen]
            self._redraw()

    # -- saving ---------------------------------------------------------------------------
    def set_cell(self, row: int, column: str, value: str) -> None:
        """Type ``value`` into a cell (row from 0, column by its name in the file), as the
        grid does; used by tests and by forms built on the grid."""
        self._set(row, column, value)
        self._redraw()

    def save(self) -> bool:
        """Check the workspace with the edit and write it if sound; True when saved."""
        rows = self.rows = [r for r in self.rows if any(cell.strip() for cell in r)]
        show_busy(self.status, self.session)
        try:
            problems = self.store.check(rows)
            if problems:
                raise InputError(problems)
            written = self.store.write(rows)
            self.session.reload()
        except InputError as exc:
            cells = {self.store.cell_of(p) for p in exc.problems}
            bad = {c for c in cells if c is not None}
            self._redraw(bad)
            # a bad value in a folded column: its row is opened in the row panel
            folded = sorted(row for row, column in bad if column in self.fold_fields)
            if folded:
                self._show_row(folded[0])
            show_problems(self.status, self.session, InputError(self._as_shown(exc.problems)))
            return False
        self.rows = self.store.rows()
        self._redraw()
        after_save(self.session, self.status, self.store.changes, self.store.file_name, written)
        return True


def heading_px(label: str) -> int:
    """The narrowest column (pixels) that shows ``label`` in bold in at most
    :data:`HEADING_LINES` lines, wrapped at its spaces as the grid wraps it."""
    words = label.split() or [""]
    for chars in range(max(len(word) for word in words), len(label) + 1):
        lines, line = 1, len(words[0])
        for word in words[1:]:
            if line + 1 + len(word) > chars:
                lines, line = lines + 1, len(word)
            else:
                line += 1 + len(word)
        if lines <= HEADING_LINES:
            return chars * HEADING_CHAR_PX + HEADING_EXTRA_PX
    return len(label) * HEADING_CHAR_PX + HEADING_EXTRA_PX


def table_form(session: Session, table: str, *, columns: list[str] | None = None) -> GridForm:
    """The grid form for a workspace table; display its ``.widget``."""
    return GridForm(session, TableStore(session, table), table=table, columns=columns)


def _button(text: str, css: str, action) -> w.Button:
    button = w.Button(description=text, icon="", layout=w.Layout(width="auto", margin="0.3em"))
    button.add_class(css)
    button.on_click(lambda _: action())
    return button


def _table_file(session: Session, table: str) -> TableFile | None:
    """The table's file in the workspace (a CSV file or an xlsx sheet); None if it has none."""
    path = session.ws.source_file(table)
    if path is None:
        return None
    shown = session.ws.sources.get(table, "")
    sheet = shown.split(", sheet ", 1)[1].strip("'") if ", sheet " in shown else None
    return open_table(path, sheet)


def _new_csv(path: Path, columns: list[str]) -> None:
    """A new table file with just its header, in the format of the folder's other CSV files
    (a German client's semicolons and encoding), else UTF-8 with a BOM, as Excel opens it."""
    from ..workspace import csv_format

    sibling = next(iter(sorted(p for p in path.parent.glob("*.csv") if p != path)), None)
    if sibling is not None:
        fmt = csv_format(sibling)
        path.write_bytes((fmt.separator.join(columns) + fmt.line_end).encode(fmt.encoding))
    else:
        path.write_bytes(("\ufeff" + ",".join(columns) + "\n").encode("utf-8"))


__all__ = [
    "CELL_CHAR_PX",
    "CELL_EXTRA_PX",
    "FIT_COLUMNS",
    "FIT_PX",
    "FONT",
    "HEADER_PX",
    "HEADING_CHAR_PX",
    "HEADING_EXTRA_PX",
    "HEADING_LINES",
    "MIN_CELL_PX",
    "ROW_HEADER_PX",
    "ROW_PX",
    "VISIBLE_ROWS",
    "GridForm",
    "Store",
    "TableStore",
    "check_in_copy",
    "heading_px",
    "table_form",
]
