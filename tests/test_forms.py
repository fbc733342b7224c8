"""Workshop forms driven in-process: grids that save only what changed in the client's own
format, problems in the workspace's language beside the grid or field (file untouched),
the steps that depend on an edit run again, live views redraw and the report is rebuilt.
The same forms are driven in a real browser in test_workshop_browser.py."""

from __future__ import annotations

import csv
import io
import os
import shutil

import pytest

from conftest import REPORT_DATE
from social_strategy import paths
from social_strategy.forms import firm_form, table_form
from social_strategy.forms.firm import goals_form
from social_strategy.forms.wizard import workshop_wizard
from social_strategy.notebook import start
from social_strategy.workspace import load_workspace


@pytest.fixture
def session(example_ws, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_REPORTS", str(tmp_path / "reports"))
    return start(str(example_ws), "", "de", REPORT_DATE, True)


def rows_of(path, sep=","):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=sep))


def find(widget, css):
    found = []

    def walk(w):
        if css in getattr(w, "_dom_classes", ()):
            found.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return found


def test_grid_saves_exactly_what_was_typed_and_only_that_row(session, example_ws):
    path = example_ws / "channels.csv"
    before = path.read_bytes().splitlines(keepends=True)
    form = table_form(session, "channels")
    typed = 'Röstkaffee "Elbe" – täglich; G1;G3'
    form.set_cell(0, "notes", typed)
    assert form.save(), form.status.value

    after = path.read_bytes().splitlines(keepends=True)
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [1]
    assert rows_of(path)[1][-1] == typed
    assert rows_of(path)[1][5] == "G1;G3"  # the list style is the client's
    assert "smw-saved" in form.status.value
    assert "Aktualisierten Bericht öffnen" in form.status.value
    report = session.results_dir.parent / "report.html"
    assert report.is_file()


def test_grid_keeps_a_german_excel_export_as_it_is(session, example_ws):
    path = example_ws / "risks.csv"  # semicolons, quotes only where needed
    before = path.read_bytes().splitlines(keepends=True)
    form = table_form(session, "risks")
    form.set_cell(1, "owner", "Jana Petersen (Marketing)")
    assert form.save(), form.status.value
    after = path.read_bytes().splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [2]
    assert after[2].count(b";") == before[2].count(b";")
    assert rows_of(path, ";")[2][6] == "Jana Petersen (Marketing)"


def test_a_bad_value_is_named_in_german_beside_the_grid_and_nothing_is_written(session, example_ws):
    path = example_ws / "channels.csv"
    before = path.read_bytes()
    form = table_form(session, "channels")
    form.set_cell(1, "followers", "viele")
    assert not form.save()
    assert path.read_bytes() == before
    text = form.status.value
    assert "Nicht gespeichert" in text and "Zeile 2" in text and "viele" in text
    assert "is not" not in text  # German, not the command line's English
    # the bad cell is marked in the grid
    assert "cell.row == 1" in str(form.grid.default_renderer.background_color.value)


def test_a_reference_to_an_unknown_goal_is_refused(session, example_ws):
    path = example_ws / "channels.csv"
    before = path.read_bytes()
    form = table_form(session, "channels")
    form.set_cell(0, "goals", "G1;G9")
    assert not form.save()
    assert path.read_bytes() == before
    assert "G9" in form.status.value


def test_saving_runs_the_dependent_steps_again_and_redraws_the_views(session, example_ws):
    shown = []
    session.view("audience", lambda r: shown.append(session.table_view("channels")))
    assert "Unternehmensseite fehlt noch" in shown[-1].to_string()
    form = table_form(session, "channels")
    form.set_cell(2, "notes", "Seite ist angelegt")
    assert form.save(), form.status.value
    assert len(shown) == 2  # the view was drawn again with the saved table
    assert "Seite ist angelegt" in shown[-1].to_string()
    assert "Unternehmensseite fehlt noch" not in shown[-1].to_string()
    for name in ("audience", "resources"):
        assert (session.results_dir / f"{name}.json").is_file()


def test_affected_steps_follow_the_tables_read_and_the_needs(session):
    session.run("resources")
    session.reload()
    assert session.affected(["budget"]) == ["resources"]
    assert session.affected(["strategy"]) == [
        "firm",
        "audience",
        "communities",
        "influencers",
        "resources",
        "risks",
    ]
    assert {"audience", "communities", "resources"} <= set(session.affected(["segments"]))


def test_figures_are_drawn_again_only_when_their_data_changed(session, example_ws):
    session.prepare_workshop()
    figures = session.results_dir / "figures"
    stamps = {p.name: p.stat().st_mtime_ns for p in figures.glob("*.svg")}
    assert stamps
    form = table_form(session, "budget")
    form.set_cell(0, "amount", "59")
    assert form.save(), form.status.value
    now = {p.name: p.stat().st_mtime_ns for p in figures.glob("*.svg")}
    redrawn = {name for name in stamps if now[name] != stamps[name]}
    assert redrawn and all(name.startswith("resources_") for name in redrawn)


def test_a_table_the_client_has_no_file_for_starts_empty(minimal_ws, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_REPORTS", str(tmp_path / "reports"))
    session = start(str(minimal_ws), "", "de", REPORT_DATE, True)
    form = table_form(session, "budget")
    assert form.rows == []
    assert not (minimal_ws / "budget.csv").exists()  # opening a form writes nothing
    form.set_cell(0, "item", "Planungswerkzeug")
    form.set_cell(0, "category", "tools")
    form.set_cell(0, "amount", "49")
    form.set_cell(0, "frequency", "monthly")
    form.set_cell(0, "start_month", "1")
    assert form.save(), form.status.value
    assert load_workspace(minimal_ws).table("budget")["amount"].tolist() == [49]


def test_firm_form_changes_one_line_and_names_a_bad_field_beside_it(session, example_ws):
    path = example_ws / "strategy.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    form = firm_form(session)
    find(form, "smw-input-industry")[0].value = "Kaffeerösterei & Café"
    find(form, "smw-save-firm")[0].click()
    after = path.read_text(encoding="utf-8").splitlines()
    assert len([1 for a, b in zip(before, after, strict=True) if a != b]) == 1
    assert "Kaffeerösterei & Café" in path.read_text(encoding="utf-8")

    kept = path.read_bytes()
    find(form, "smw-input-employees")[0].value = "zwölf"
    find(form, "smw-save-firm")[0].click()
    assert path.read_bytes() == kept
    message = find(form, "smw-firm-employees")[0].message.value
    assert "zwölf" in message and "keine ganze Zahl" in message


def test_goals_grid_names_the_goal_by_its_id(session, example_ws):
    path = example_ws / "strategy.yaml"
    before = path.read_bytes()
    form = goals_form(session)
    second = form.rows[1][0]
    form.set_cell(1, "target", "viel")
    assert not form.save()
    assert path.read_bytes() == before
    assert f"Ziel {second}" in form.status.value and "goals.1" not in form.status.value

    form.set_cell(1, "target", "450")
    assert form.save(), form.status.value
    goal = load_workspace(example_ws).strategy.goals[1]
    assert goal.target == 450


def test_wizard_creates_a_client_and_every_notebook_opens_it(session, tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_CLIENTS", str(tmp_path / "clients"))
    monkeypatch.setenv("SOCIAL_STRATEGY_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("SOCIAL_STRATEGY_WORKSPACE", raising=False)
    wizard = workshop_wizard(session)
    find(wizard, "smw-input-new-client")[0].value = "Bäckerei Sommer"
    language = find(wizard, "smw-wizard-language")[0].children[1]
    language.value = "en"
    find(wizard, "smw-create-workspace")[0].click()
    created = tmp_path / "clients" / "baeckerei-sommer"
    assert (created / "strategy.yaml").is_file()
    assert session.ws.path == created and session.lang == "en"
    assert paths.default_workspace() == created.resolve()
    # another notebook started without a path opens the chosen client
    other = start("", "", "", REPORT_DATE, True)
    assert other.ws.path.resolve() == created.resolve()
    assert "Now working on" in find(wizard, "smw-status-wizard")[0].value


def test_workshop_state_is_ignored_when_the_chosen_folder_is_gone(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("SOCIAL_STRATEGY_WORKSPACE", raising=False)
    gone = tmp_path / "gone"
    shutil.copytree(paths.EXAMPLE_WORKSPACE, gone)
    paths.choose_workspace(gone)
    assert paths.default_workspace() == gone.resolve()
    shutil.rmtree(gone)
    assert paths.default_workspace() == paths.EXAMPLE_WORKSPACE.resolve()
    assert os.environ.get("SOCIAL_STRATEGY_WORKSPACE") is None


def test_a_workshop_notebook_in_another_language_adds_it_to_the_results(session):
    session.prepare_workshop()
    english = start(str(session.ws.path), str(session.results_dir), "en", REPORT_DATE, True)
    update = english.prepare_workshop()
    assert update.report is not None and update.report.name == "report.en.html"
    assert "Target groups" in update.report.read_text(encoding="utf-8")
    german = session.rebuild_report()
    assert "Zielgruppen" in german.read_text(encoding="utf-8")
    # issue 33: the slide deck is rebuilt beside the report, and the link offers it
    assert german.with_suffix(".pptx").is_file()
    assert "report.de.pptx" in session.report_link(german)


def test_a_long_text_is_read_and_edited_in_full_under_the_grid(session, example_ws):
    form = table_form(session, "risks")
    label = form.labels["scenario"]
    form._clicked({"region": "body", "column": label, "row": 0, "cell_value": None})
    full = form.rows[0][form.store.header.index("scenario")]
    assert len(full) > 40 and form.cell_text.value == full  # the grid shows it shortened
    assert "Zeile 1" in form.cell_label.value
    form.cell_text.value = full + " (Sommer)"
    assert form.rows[0][form.store.header.index("scenario")].endswith("(Sommer)")
    assert form.save(), form.status.value
    header = rows_of(example_ws / "risks.csv", ";")[0]
    saved = rows_of(example_ws / "risks.csv", ";")[1][header.index("scenario")]
    assert saved == full + " (Sommer)"


def test_columns_that_do_not_fit_are_folded_into_the_row_panel_and_saved(session, example_ws):
    """Every grid shows at most eight columns within the projector's width; the others are
    edited in the row panel under the grid, for the row last clicked, and saved with it."""
    from social_strategy.forms.grid import FIT_COLUMNS, FIT_PX, ROW_HEADER_PX, GridForm
    from social_strategy.workspace import STEP_INPUTS

    tables = [s.name for i in STEP_INPUTS for s in i.tables if s.form]
    folded_any = []
    for table in [*tables, "goals"]:
        form = goals_form(session) if table == "goals" else table_form(session, table)
        assert isinstance(form, GridForm)
        assert len(form.shown) <= FIT_COLUMNS, table
        assert ROW_HEADER_PX + sum(form.grid.column_widths.values()) <= FIT_PX, table
        assert sorted(form.shown + form.folded) == sorted(form.columns), table
        assert list(form.fold_fields) == form.folded
        folded_any += form.folded
    assert "response" in folded_any  # the check saw folded columns
    # the goals' quarterly measurement is folded first: the goal-setting columns stay
    goals = goals_form(session)
    assert goals.folded == ["measured", "measured_on"] and "due" in goals.shown
    # a folded cell is read and typed in the row panel of the clicked row, and saved
    form = table_form(session, "risks")
    assert "response" in form.folded and all(f.disabled for f in form.fold_fields.values())
    column = form.labels[form.shown[0]]
    form._clicked({"region": "body", "column": column, "row": 1, "cell_value": None})
    full = form.rows[1][form.store.header.index("response")]
    assert len(full) > 100 and form.fold_fields["response"].value == full
    assert "Zeile 2" in form.row_label.value
    form.fold_fields["response"].value = full + " Wir melden uns heute."
    assert form.save(), form.status.value
    header = rows_of(example_ws / "risks.csv", ";")[0]
    assert rows_of(example_ws / "risks.csv", ";")[2][header.index("response")].endswith("heute.")
    assert form.fold_fields["response"].value == ""  # the panel is emptied after the save
    # a bad value typed in the panel is named, its row opened again, nothing written
    before = (example_ws / "strategy.yaml").read_bytes()
    goals._clicked({"region": "body", "column": goals.labels["id"], "row": 0})
    goals.fold_fields["measured_on"].value = "gestern"
    assert not goals.save()
    assert (example_ws / "strategy.yaml").read_bytes() == before
    assert goals._row == 0 and goals.fold_fields["measured_on"].value == "gestern"
    goals.fold_fields["measured_on"].value = "2026-11-30"
    goals.fold_fields["measured"].value = "512"
    assert goals.save(), goals.status.value
    goal = load_workspace(example_ws).strategy.goals[0]
    assert str(goal.measured_on) == "2026-11-30" and goal.measured == 512


def test_the_slide_deck_is_built_in_the_background_after_the_report(session, monkeypatch):
    """Issue 35: a save in a workshop page updates report.html and answers; the slide deck
    is built after it in the background. Until it is written the link offers the deck there
    was (a whole file) and says it is being updated; saves meanwhile make one more build."""
    import threading
    import zipfile

    report = session.prepare_workshop().report  # outside a kernel: the deck is built here
    deck = report.with_suffix(".pptx")
    old = deck.read_bytes()
    session.deck_background = True  # as in a workshop page
    gate, calls = threading.Event(), []
    build = session._deck.build

    def slow(folder, lang):
        calls.append(lang)
        assert gate.wait(60)
        return build(folder, lang)

    monkeypatch.setattr(session._deck, "build", slow)
    form = table_form(session, "budget")
    form.set_cell(0, "amount", "61")
    assert form.save(), form.status.value
    assert "61" in report.read_text(encoding="utf-8")  # the report is up to date at once
    assert deck.read_bytes() == old  # the deck there was, whole, still offered
    assert deck.name in form.status.value and "smw-deck-updating" in form.status.value
    form.set_cell(0, "amount", "62")  # a second save while the deck is being built
    assert form.save(), form.status.value
    gate.set()
    session.wait_deck()
    assert calls == ["de", "de"]  # the running build went once more, no second thread
    assert deck.read_bytes() != old and zipfile.ZipFile(deck).testzip() is None
    assert "smw-deck-updating" not in form.status.value  # the status line says it is done
    assert deck.name in form.status.value
    assert not list(report.parent.glob(".rebuild-*"))  # no staging folder left
