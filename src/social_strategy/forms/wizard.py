"""The new-client wizard at the top of notebook 00: choose or create a client's workspace,
then fill in the firm profile, the goals and the added value.

The choice is remembered for the workshop (:func:`social_strategy.paths.choose_workspace`),
so every other notebook, in JupyterLab or Voila, opens the same client without a path being
edited.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from ..errors import InputError
from ..i18n import available_languages
from ..notebook import Session
from ..paths import EXAMPLE_WORKSPACE, choose_workspace, clients_dir
from ..workspace import new_workspace
from .common import label, labelled, show_problems, status_box
from .firm import firm_form


def workspaces(current: Path | None = None) -> list[tuple[str, Path]]:
    """The workspaces to choose from: the clients' folders, the example, the current one."""
    found: dict[Path, str] = {}
    folders = sorted(clients_dir().glob("*/strategy.yaml")) if clients_dir().is_dir() else []
    for strategy in [*(p for p in folders), EXAMPLE_WORKSPACE / "strategy.yaml"]:
        found[strategy.parent.resolve()] = strategy.parent.name
    if current is not None:
        found.setdefault(current.resolve(), current.name)
    return [(name, path) for path, name in found.items()]


def workshop_wizard(session: Session, intro: str = "", form: bool = True) -> w.VBox:
    """Choose or create the client, then the firm form for that client. ``intro`` is the
    catalog key of the notebook's introduction: its title comes first, then the client
    chooser, then the rest of the introduction and the form, so the chooser is on the
    first screen (1280x720 at 150 %).

    ``form=False`` leaves the form out until the returned box's ``show_form()`` is called
    (notebook 00 calls it in its next cell): the page shows the chooser and the
    introduction at once, without waiting for the form's two hundred widgets."""
    choices = workspaces(session.ws.path)
    picker = w.Dropdown(
        options=[(name, str(path)) for name, path in choices],
        value=str(session.ws.path.resolve()),
    )
    picker.add_class("smw-input-workspace")
    open_button = w.Button(description=label(session, "wizard_open"), layout=w.Layout(width="auto"))
    open_button.add_class("smw-open-workspace")
    new_name = w.Text(placeholder=label(session, "wizard_new_placeholder"))
    new_name.add_class("smw-input-new-client")
    language = w.Dropdown(options=available_languages(), value=session.lang)
    create = w.Button(description=label(session, "wizard_create"), layout=w.Layout(width="auto"))
    create.add_class("smw-create-workspace")
    status = status_box()
    status.add_class("smw-status-wizard")
    form_area = w.VBox([firm_form(session)] if form else [], layout=w.Layout(width="100%"))

    def switch(path: Path) -> None:
        session.switch(path)
        choose_workspace(path)
        picker.options = [(name, str(p)) for name, p in workspaces(path)]
        picker.value = str(path.resolve())
        form_area.children = [firm_form(session)]
        text = session.cat.t("form.wizard_switched", firm=session.ws.name, folder=str(path))
        status.value = f"<div class='smw-saved' style='color:#1d5e3a'>{html.escape(text)}</div>"

    def on_open(_: w.Button) -> None:
        try:
            switch(Path(picker.value))
        except InputError as exc:
            show_problems(status, session, exc)

    def on_create(_: w.Button) -> None:
        try:
            path = new_workspace(new_name.value, clients_dir(), language=language.value)
            switch(path)
        except InputError as exc:
            show_problems(status, session, exc)
            return
        new_name.value = ""

    open_button.on_click(on_open)
    create.on_click(on_create)
    choose = w.VBox(
        [
            labelled(session, "wizard_workspace", picker, "smw-wizard-workspace"),
            open_button,
            labelled(session, "wizard_new", new_name, "smw-wizard-new"),
            labelled(session, "firm_language", language, "smw-wizard-language"),
            create,
            status,
        ],
        layout=w.Layout(width="100%"),
    )
    title = html.escape(label(session, "wizard_title"))
    top = [session.text(intro, part="heading")] if intro else []
    between = [session.text(intro, part="body")] if intro else []
    parts = [*top, w.HTML(f"<h3>{title}</h3>"), choose, *between, form_area]
    box = w.VBox(parts, layout=w.Layout(width="100%"))
    box.add_class("smw-wizard")

    def show_form() -> None:
        if not form_area.children:
            form_area.children = [firm_form(session)]

    box.show_form = show_form  # type: ignore[attr-defined]
    return box


__all__ = ["workshop_wizard", "workspaces"]
