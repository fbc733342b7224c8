"""Pieces every form shares: a status line, problem lists, the save button."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from ..errors import InputError
from ..notebook import Session

LAYOUT_WIDE = w.Layout(width="44em")


def status_box() -> w.HTML:
    return w.HTML(value="", layout=w.Layout(margin="0.5em 0"))


def show_problems(status: w.HTML, session: Session, problems: InputError) -> None:
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems.problems)
    status.value = (
        f"<div class='smw-problems' style='color:#9b1c1c'>"
        f"<b>{html.escape(session.cat.t('form.not_saved'))}</b><ul>{items}</ul></div>"
    )


def show_saved(status: w.HTML, session: Session, file: str) -> None:
    status.value = (
        f"<div class='smw-saved' style='color:#1d5e3a'>"
        f"{html.escape(session.cat.t('form.saved', file=file))}</div>"
    )


def refresh_step(
    session: Session, name: str, preview: w.Output, show: Callable[[object], None] | None = None
) -> None:
    """Re-run step ``name`` on the reloaded workspace, show what it found under the form (and
    ``show(result)`` first, for a step's own tables and charts), and save it for the report."""
    from IPython.display import Markdown, display

    preview.clear_output()
    with preview:
        result = session.run(name)
        if show is not None:
            show(result)
        display(Markdown(session.summary_markdown(result)))
        session.save(result)


def save_button(
    session: Session, on_save: Callable[[], str], status: w.HTML, after: Callable[[], None]
) -> w.Button:
    """A button that runs ``on_save`` (returns the file written), reloads the workspace and
    calls ``after``; input problems are listed under the form, nothing is written."""
    button = w.Button(
        description=session.cat.t("form.save"),
        button_style="primary",
        icon="",
        tooltip=session.cat.t("form.save_tooltip"),
    )

    def clicked(_: w.Button) -> None:
        try:
            file = on_save()
            session.reload()
        except InputError as exc:
            show_problems(status, session, exc)
            return
        show_saved(status, session, file)
        after()

    button.on_click(clicked)
    return button


def row_list(
    session: Session,
    rows: list[dict[str, w.Widget]],
    new_row: Callable[[], dict[str, w.Widget]],
    add_key: str,
    css_class: str,
) -> tuple[w.VBox, w.Button]:
    """An editable list of widget rows (one HBox each) and the button that adds a row."""
    box = w.VBox()

    def redraw() -> None:
        box.children = [w.HBox(list(r.values())) for r in rows]

    def add(_: w.Button) -> None:
        rows.append(new_row())
        redraw()

    button = w.Button(description=label(session, add_key))
    button.add_class(css_class)
    button.on_click(add)
    redraw()
    return box, button


def label(session: Session, key: str) -> str:
    return session.cat.t(f"form.{key}")
