"""`make workshop` / `make lab`: the client is remembered, the server listens on loopback only,
and a broken workspace is refused with its problems before any server starts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from social_strategy import paths, workshop


def test_servers_listen_on_loopback_and_voila_serves_only_reports_and_images():
    voila = workshop.command(Path("."), lab=False, port=8866)
    lab = workshop.command(Path("."), lab=True, port=8888)
    assert "--Voila.ip=127.0.0.1" in voila and "--ServerApp.ip=127.0.0.1" in lab
    allow = next(a for a in voila if a.startswith("--VoilaConfiguration.file_allowlist="))
    assert "reports/" in allow and "csv" not in allow and "yaml" not in allow
    assert any(a.startswith("--LabApp.default_url=/lab/tree/notebooks/00_firm") for a in lab)


def test_a_broken_workspace_is_refused_before_a_server_starts(
    tmp_path, monkeypatch, capsys, example_ws
):
    monkeypatch.setenv("SOCIAL_STRATEGY_STATE", str(tmp_path / "state"))
    started = []
    monkeypatch.setattr(workshop.os, "execv", lambda *a: started.append(a))
    (example_ws / "channels.csv").write_text("platform,followers\nInstagram,viele\n")
    assert workshop.main([str(example_ws)]) == 2
    assert "channels.csv, row 2, column 'followers'" in capsys.readouterr().err
    assert started == [] and paths.chosen_workspace() is None


def test_the_chosen_client_is_remembered_for_every_notebook(tmp_path, monkeypatch, example_ws):
    monkeypatch.setenv("SOCIAL_STRATEGY_STATE", str(tmp_path / "state"))
    monkeypatch.delenv("SOCIAL_STRATEGY_WORKSPACE", raising=False)
    started = []
    monkeypatch.setattr(workshop.os, "execv", lambda *a: started.append(a))
    monkeypatch.setattr(workshop.os, "chdir", lambda *a: None)
    assert workshop.main(["--port", "9999", str(example_ws)]) == 0
    assert paths.default_workspace() == example_ws.resolve()
    assert "--port=9999" in started[0][1]


def test_another_folder_is_served_with_its_reports_and_links(tmp_path, monkeypatch, example_ws):
    """``--root DIR``: Voila serves DIR, its reports folder is allowed, and the report link
    a form shows is made relative to DIR (Voila) or to the notebook's folder (JupyterLab)."""
    from social_strategy.notebook import start

    root = tmp_path / "site"
    (root / "books").mkdir(parents=True)
    monkeypatch.setenv("SOCIAL_STRATEGY_REPORTS", str(root / "reports"))
    voila = workshop.command(example_ws, lab=False, port=8866, root=root)
    assert f"--Voila.root_dir={root}" in voila
    allow = next(a for a in voila if a.startswith("--VoilaConfiguration.file_allowlist="))
    assert allow == "--VoilaConfiguration.file_allowlist=reports/.*\\.(html|svg|png|pptx)"
    lab = workshop.command(example_ws, lab=True, port=8888, root=root)
    assert f"--ServerApp.root_dir={root}" in lab
    assert not any(a.startswith("--LabApp.default_url") for a in lab)  # no notebooks/ there

    monkeypatch.setenv("SOCIAL_STRATEGY_SERVER_ROOT", str(root))
    session = start(str(example_ws))
    report = root / "reports" / "x" / "workshop" / "report.html"
    monkeypatch.chdir(root / "books")
    assert "href='../reports/x/workshop/report.html'" in session.report_link(report)
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    assert "href='/voila/files/reports/x/workshop/report.html'" in session.report_link(report)
    outside = tmp_path / "elsewhere" / "report.html"
    assert "<code>" in session.report_link(outside) and "href" not in session.report_link(outside)
    # issue 33: the slide deck beside the report is offered too
    assert "smw-deck-link" not in session.report_link(report)
    report.parent.mkdir(parents=True)
    report.with_suffix(".pptx").write_bytes(b"deck")
    link = session.report_link(report)
    assert "href='/voila/files/reports/x/workshop/report.pptx'" in link and "download" in link


# -- issue 35: the Voila workshop (no hang, kernels end with their pages, offline) ----------
def test_voila_runs_with_xsrf_cookie_culling_progressive_pages_and_the_offline_template():
    voila = workshop.command(Path("."), lab=False, port=8866)
    assert voila[1:3] == ["-m", "social_strategy.workshop_server"]
    assert "--VoilaConfiguration.progressive_rendering=True" in voila
    assert f"--MappingKernelManager.cull_idle_timeout={workshop.CULL_SECONDS}" in voila
    assert "--MappingKernelManager.cull_connected=False" in voila


def test_cull_time_can_be_set_for_a_test(monkeypatch):
    monkeypatch.setenv("SOCIAL_STRATEGY_CULL_SECONDS", "15")
    voila = workshop.command(Path("."), lab=False, port=8866)
    assert "--MappingKernelManager.cull_idle_timeout=15" in voila
    assert "--MappingKernelManager.cull_interval=5" in voila


def test_every_page_reads_its_xsrf_token_so_the_cookie_is_set():
    """The prelaunch hook reads the handler's xsrf_token (Tornado then sets the _xsrf
    cookie the page sends with its kernel's shutdown request)."""
    from social_strategy import workshop_server

    class Handler:
        reads = 0

        @property
        def xsrf_token(self):
            Handler.reads += 1
            return b"token"

    assert workshop_server.set_xsrf_cookie(Handler(), notebook=None, cwd="") is None
    assert Handler.reads == 1


def test_the_workshop_template_loads_nothing_from_the_network():
    from social_strategy import workshop_server

    folder = workshop_server.SHARE / "voila" / "templates" / workshop_server.TEMPLATE
    text = (folder / "index.html.j2").read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)  # what the template says, not its comment
    assert "extends 'lab/index.html.j2'" in text
    assert "http://" not in text and "https://" not in text and "cdn" not in text.lower()
    lab = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "lab"
    assert "cdn.jsdelivr.net" in (lab / "index.html.j2").read_text(encoding="utf-8")


def test_views_fill_their_output_widget_without_capturing_the_cell():
    """A view's outputs are set as the widget's state; the widget never captures the cell
    (``msg_id`` stays empty), so Voila's server sends no comm message while a cell runs."""
    import ipywidgets as w
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import Markdown, display

    from social_strategy.charts import png_image
    from social_strategy.notebook import _fill

    InteractiveShell.instance()  # display() publishes as in a kernel
    out = w.Output()

    def render():
        display(Markdown("**before**"))
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(1, 1))
        image = png_image(fig)
        plt.close(fig)
        return image

    _fill(out, render)
    assert out.msg_id == ""
    assert [o["output_type"] for o in out.outputs] == ["display_data", "display_data"]
    assert out.outputs[0]["data"]["text/markdown"] == "**before**"
    png = out.outputs[1]["data"]["image/png"]
    assert isinstance(png, str) and png.startswith("iVBOR")  # base64 of a PNG
    _fill(out, lambda: Markdown("after"))  # a redraw replaces what was shown
    assert [o["data"]["text/markdown"] for o in out.outputs] == ["after"]


def test_the_workshop_update_runs_in_the_background_and_a_save_waits_for_it(example_ws):
    from social_strategy.notebook import start

    session = start(str(example_ws), str(example_ws.parent / "results"), "", "", True)
    assert session.prepare_workshop(background=True) is None
    thread = session._preparing
    assert thread.is_alive() or (example_ws.parent / "results" / "firm.json").is_file()
    session.wait_prepared()
    assert not thread.is_alive() and session._preparing is None
    assert (example_ws.parent / "results" / "firm.json").is_file()
    # outside a kernel (scripts, the bench) it runs here and returns what it did
    update = session.prepare_workshop()
    assert update is not None and update.report is not None


def test_a_row_typed_into_the_new_row_fields_is_added_and_saved(example_ws, tmp_path):
    """The new-row form: one labelled field per column; the typed row is appended to the
    grid and Save writes it as the last line of the client's file, the other lines kept."""
    from social_strategy.forms.grid import table_form
    from social_strategy.notebook import start

    session = start(str(example_ws), str(tmp_path / "results"), "", "", True)
    form = table_form(session, "budget")
    assert list(form.new_fields) == form.columns  # one field per column, in the file's order
    assert not form.add_typed_row()  # nothing typed: nothing added
    before = (example_ws / "budget.csv").read_bytes()
    typed = {
        "item": "Messestand Kaffeemesse",
        "category": "ads",
        "amount": "1200",
        "frequency": "once",
        "start_month": "3",
        "end_month": "",
    }
    for column, value in typed.items():
        form.new_fields[column].value = value
    rows = len(form.rows)
    assert form.add_typed_row()
    assert len(form.rows) == rows + 1 and all(f.value == "" for f in form.new_fields.values())
    assert len(form.grid.data) == rows + 1  # shown in the grid at once
    assert form.save(), form.status.value
    after = (example_ws / "budget.csv").read_bytes()
    assert after.startswith(before.rstrip(b"\r\n"))
    last = after.decode("utf-8-sig").splitlines()[-1]
    assert last == "Messestand Kaffeemesse,ads,1200,once,3,"
    # the grid numbers its rows 1, 2, ...: the first data row is row 1
    assert list(form.frame().index)[:2] == [1, 2]


def test_a_cells_outputs_reach_the_page_one_message_each():
    """Voila's page drops the outputs after a widget whose model has not arrived yet (its
    progressive renderer remembers one widget per message): the workshop server sends each
    output in a message of its own, in order, and keeps the page's socket open until the
    last part of the last cell."""
    from social_strategy.workshop_server import split_result

    view = "application/vnd.jupyter.widget-view+json"
    outputs = [
        {"output_type": "display_data", "data": {view: {"model_id": "text"}}},
        {"output_type": "display_data", "data": {view: {"model_id": "grid"}}},
        {"output_type": "stream", "name": "stdout", "text": "x"},
    ]
    cell = {"cell_type": "code", "outputs": outputs, "metadata": {}}
    message = {
        "action": "execution_result",
        "payload": {"output_cell": cell, "cell_index": 9, "total_cell": 10},
    }
    parts = split_result(message)
    assert [p["payload"]["output_cell"]["outputs"] for p in parts] == [[o] for o in outputs]
    assert all(p["action"] == "execution_result" for p in parts)
    assert all(p["payload"]["cell_index"] == 9 for p in parts)
    # the page closes its socket on cell_index + 1 == total_cell: only on the last part
    assert [p["payload"]["total_cell"] for p in parts] == [11, 11, 10]
    assert message["payload"]["output_cell"]["outputs"] == outputs  # the message is kept
    one = {**message, "payload": {**message["payload"], "output_cell": {"outputs": outputs[:1]}}}
    assert split_result(one) == [one]
    other = {"action": "execution_error", "payload": {"error": "x"}}
    assert split_result(other) == [other]


def test_the_wizard_puts_the_client_chooser_under_the_notebooks_title(example_ws, tmp_path):
    """Notebook 00 in a workshop: the intro's title, the wizard's title, the client chooser,
    then the rest of the introduction and the firm form (the chooser on the first screen)."""
    from IPython.core.interactiveshell import InteractiveShell

    from social_strategy.forms.wizard import workshop_wizard
    from social_strategy.notebook import start

    InteractiveShell.instance()  # display() publishes as in a kernel
    session = start(str(example_ws), str(tmp_path / "results"), "de", "", True)
    wizard = workshop_wizard(session, intro="firm.nb.intro")
    heading, title, choose, body, form = wizard.children
    assert "<h3>" in title.value
    assert "smw-firm-form" in form.children[0].children[0]._dom_classes
    text = session.cat.t("firm.nb.intro")
    shown = [o["data"]["text/markdown"] for o in heading.outputs]
    assert shown == [text.splitlines()[0]] and shown[0].startswith("# Schritt 0")
    assert "smw-wizard-workspace" in choose.children[0]._dom_classes
    rest = body.outputs[0]["data"]["text/markdown"]
    assert rest.startswith("**So läuft der Workshop.**") and "Forrester" in rest
    assert "Schritt 0" not in rest
    # both parts follow a switch of language, each still its own part
    session.switch(session.ws.path)  # same client: same language, texts drawn again
    assert [o["data"]["text/markdown"] for o in heading.outputs] == shown
    assert len(workshop_wizard(session).children) == 3  # without an intro, as before
    # notebook 00 shows the chooser first and the form in its next cell (first content sooner)
    later = workshop_wizard(session, intro="firm.nb.intro", form=False)
    assert later.children[-1].children == ()
    later.show_form()
    assert "smw-firm-form" in later.children[-1].children[0].children[0]._dom_classes
    later.show_form()  # once
    assert len(later.children[-1].children) == 1


def test_a_page_says_in_the_clients_language_that_the_workshop_is_starting(tmp_path, monkeypatch):
    """The prelaunch hook sets the _xsrf cookie and puts the start message into the page's
    notebook (the workshop template shows it until the first output): in the language of
    the client the workshop works on, German when its strategy.yaml cannot be read."""
    import nbformat

    from social_strategy import workshop_server

    class Handler:
        reads = 0

        @property
        def xsrf_token(self):
            Handler.reads += 1
            return b"token"

    client = tmp_path / "client"
    client.mkdir()
    (client / "strategy.yaml").write_text("firm:\n  name: X\n  language: en\n", encoding="utf-8")
    monkeypatch.setenv("SOCIAL_STRATEGY_WORKSPACE", str(client))
    book = nbformat.v4.new_notebook()
    assert workshop_server.prelaunch(Handler(), notebook=book, cwd="") is None
    assert Handler.reads == 1
    assert book.metadata["smw_starting"].startswith("The workshop is starting")
    (client / "strategy.yaml").write_text("firm: [broken\n", encoding="utf-8")
    assert workshop_server.starting_text().startswith("Der Workshop startet")
    folder = workshop_server.SHARE / "voila" / "templates" / workshop_server.TEMPLATE
    template = (folder / "index.html.j2").read_text(encoding="utf-8")
    assert "smw_starting" in template and 'id="smw-starting"' in template
