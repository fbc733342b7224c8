"""`make workshop` / `make lab`: the client is remembered, the server listens on loopback only,
and a broken workspace is refused with its problems before any server starts."""

from __future__ import annotations

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
    assert allow == "--VoilaConfiguration.file_allowlist=reports/.*\\.(html|svg|png)"
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
