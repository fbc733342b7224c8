"""Pieces every form shares: a status line, problem lists, the save button."""

from __future__ import annotations

import html
import itertools

import ipywidgets as w

from ..errors import InputError, Problem, localise
from ..notebook import Session


def status_box() -> w.HTML:
    return w.HTML(value="", layout=w.Layout(margin="0.5em 0"))


def show_busy(status: w.HTML, session: Session) -> None:
    """Say at once that the save is under way (checking, writing, updating the report)."""
    text = html.escape(session.cat.t("form.saving"))
    status.value = f"<div class='smw-busy' style='color:#444'>{text}</div>"


def problem_text(session: Session, problem: Problem) -> str:
    """One problem in the workshop's language, naming the row or goal as the client knows it."""
    return localise(problem, session.cat)


def show_problems(status: w.HTML, session: Session, problems: InputError) -> None:
    items = "".join(f"<li>{html.escape(problem_text(session, p))}</li>" for p in problems.problems)
    status.value = (
        f"<div class='smw-problems' style='color:#9b1c1c'>"
        f"<b>{html.escape(session.cat.t('form.not_saved'))}</b><ul>{items}</ul></div>"
    )


def label(session: Session, key: str) -> str:
    return session.cat.t(f"form.{key}")


def field_label(session: Session, name: str, table: str | None = None) -> str:
    """The heading of a table column or form field in the workshop's language."""
    return session.column_label(table, name) if table else label(session, name)


def labelled(session: Session, key: str, widget: w.Widget, css: str = "") -> w.VBox:
    """A form field with its label above it and room for a message under it; it takes the
    width it is given and wraps, so nothing is cut on a projector."""
    caption = w.HTML(f"<label class='smw-label'>{html.escape(label(session, key))}</label>")
    message = w.HTML("")
    message.add_class("smw-field-message")
    widget.layout.width = "100%"
    box = w.VBox(
        [caption, widget, message],
        layout=w.Layout(width="100%", max_width="40em", margin="0 0 0.6em 0"),
    )
    if css:
        box.add_class(css)
    box.message = message  # type: ignore[attr-defined]
    return box


def mark_field(session: Session, box: w.VBox, problems: list[Problem]) -> None:
    """Show ``problems`` under the field ``box`` (empty: clear its message)."""
    message: w.HTML = box.message  # type: ignore[attr-defined]
    if problems:
        text = "<br>".join(html.escape(problem_text(session, p)) for p in problems)
        message.value = f"<div class='smw-problem' style='color:#9b1c1c'>{text}</div>"
        box.add_class("smw-invalid")
    else:
        message.value = ""
        box.remove_class("smw-invalid")


def after_save(
    session: Session, status: w.HTML, changed: list[str], file: str, written: bool = True
) -> None:
    """After a form wrote ``file``: run the steps that depend on it again, redraw what they
    show, rebuild the report, and tell the consultant (with a link to the report)."""
    from ..errors import InputError as Problems

    saved = session.cat.t("form.saved", file=file) if written else session.cat.t("form.unchanged")
    # this save's status line, told apart from a later save's: the slide deck is built in
    # the background and its link is added to this line when it is done (not to another's)
    mark = f"data-save='{next(_SAVES)}'"
    shown: list[str] = []

    def line() -> str:
        steps = ", ".join(session.cat.t(f"{name}.title") for name in update.steps)
        done = session.cat.t("form.updated", steps=steps or "–", seconds=round(update.seconds, 1))
        return (
            f"<div class='smw-saved' {mark} style='color:#1d5e3a'>{html.escape(saved)} "
            f"{html.escape(done)} {session.report_link(update.report)}</div>"
        )

    def deck_done() -> None:
        if shown and mark in status.value:
            status.value = line()

    try:
        update = session.after_save(changed, deck_done)
    except Problems as exc:
        show_problems(status, session, exc)
        return
    status.value = line()
    shown.append(mark)
    status.value = line()  # the deck may have been done in between


#: a number for each save's status line
_SAVES = itertools.count(1)


__all__ = [
    "after_save",
    "field_label",
    "label",
    "labelled",
    "mark_field",
    "problem_text",
    "show_busy",
    "show_problems",
    "status_box",
]
