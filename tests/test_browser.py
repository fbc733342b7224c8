"""The workshop forms in a real browser: JupyterLab in headless Chromium, run all cells,
type into the form, save, and check the client's files on disk."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = "/usr/bin/chromium"
TOKEN = "workbook-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the notebooks, with a copy of the example as workspace."""
    from social_strategy import setup_lab

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make test` (installs it)"
    setup_lab.main()
    root = tmp_path_factory.mktemp("lab")
    books = root / "notebooks"
    shutil.copytree(NOTEBOOKS, books)
    workspace = root / "client"
    shutil.copytree(EXAMPLE_WORKSPACE, workspace)
    port = _free_port()
    env = {
        **os.environ,
        "SOCIAL_STRATEGY_WORKSPACE": str(workspace),
        "SOCIAL_STRATEGY_REPORTS": str(root / "reports"),
        "JUPYTER_CONFIG_DIR": str(root / "cfg"),
        "JUPYTER_DATA_DIR": str(root / "data"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
    }
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--allow-root",
            f"--ServerApp.root_dir={books}",
            "--LabApp.news_url=None",
            "--expose-app-in-browser",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2).close()
            break
        except OSError:
            assert proc.poll() is None, (root / "lab.log").read_text()
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.3)
    yield url, workspace
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.context.path.endsWith(%r);
}"""


def _run_all(page, url: str, notebook: str) -> None:
    """Open ``notebook`` in a fresh JupyterLab workspace, wait for its kernel, run all."""
    name = notebook.split(".")[0].replace("_", "")
    page.goto(f"{url}/lab/workspaces/t{name}/tree/{notebook}?token={TOKEN}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    page.wait_for_function(KERNEL_IDLE % notebook, timeout=60_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")


def test_firm_form_in_jupyterlab(lab, browser):
    url, workspace = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "00_firm.ipynb")
    industry = page.locator(".smw-firm-industry input")
    industry.wait_for(timeout=90_000)
    industry.fill("Rösterei mit Café")
    page.locator(".smw-goal-target input").nth(0).fill("320")
    page.locator("button.smw-save").click()
    page.wait_for_selector(".smw-saved", timeout=30_000)
    text = (workspace / "strategy.yaml").read_text(encoding="utf-8")
    assert 'industry: "Rösterei mit Café"' in text
    assert "target: 320" in text
    assert (workspace / "strategy.yaml.bak").is_file()
    # the step's check re-ran under the form
    assert page.locator(".jp-OutputArea >> text=messbare Ziele").count() >= 1
    page.screenshot(path=str(workspace.parent / "firm_form.png"), full_page=False)
    page.close()


def test_channels_form_in_jupyterlab(lab, browser):
    url, workspace = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "01_audience.ipynb")
    fit = page.locator(".smw-channel-fit select")
    try:
        fit.first.wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(workspace.parent / "channels_form_failed.png"), full_page=True)
        raise
    platforms = [
        page.locator(".smw-channel-platform input").nth(i).input_value() for i in range(fit.count())
    ]
    fit.nth(platforms.index("TikTok")).select_option(label="hoch")
    page.locator("button.smw-save").click()
    page.wait_for_selector(".smw-saved", timeout=30_000)
    rows = (workspace / "channels.csv").read_text(encoding="utf-8-sig").splitlines()
    tiktok = next(r for r in rows if r.startswith("TikTok,"))
    assert ",high,high," in tiktok
    page.close()


def test_candidate_form_in_jupyterlab(lab, browser):
    url, workspace = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "03_influencers.ipynb")
    status = page.locator(".smw-influencer-status select")
    try:
        status.first.wait_for(timeout=120_000)
    except Exception:
        page.screenshot(path=str(workspace.parent / "influencers_form_failed.png"), full_page=True)
        raise
    handles = [
        page.locator(".smw-influencer-handle input").nth(i).input_value()
        for i in range(status.count())
    ]
    status.nth(handles.index("@hh.isst")).select_option(label="kontaktiert")
    page.locator("button.smw-save").click()
    page.wait_for_selector(".smw-saved", timeout=60_000)
    rows = (workspace / "influencers.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ",contacted," in next(r for r in rows if r.startswith("hh.isst,"))
    assert (workspace / "influencers.csv.bak").is_file()


def test_risk_form_in_jupyterlab(lab, browser):
    url, workspace = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "05_risks.ipynb")
    scenario = page.locator(".smw-risk-scenario input")
    try:
        scenario.first.wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(workspace.parent / "risk_form_failed.png"), full_page=True)
        raise
    names = [scenario.nth(i).input_value() for i in range(scenario.count())]
    row = names.index("Instagram-Konto gehackt")
    handle = page.locator(".smw-risk-likelihood .noUi-handle").nth(row)
    handle.focus()
    handle.press("End")  # the slider's keyboard: End moves to the maximum, 5
    page.locator(".smw-risk-response textarea").nth(row).fill("Wir sind gehackt worden.")
    page.locator("button.smw-save").click()
    page.wait_for_selector(".smw-saved", timeout=30_000)
    lines = (workspace / "risks.csv").read_text(encoding="utf-8-sig").splitlines()
    hacked = next(r for r in lines if r.startswith("Instagram-Konto gehackt,"))
    assert ",hack,5,4,victim," in hacked and "Wir sind gehackt worden." in hacked
    assert (workspace / "risks.csv.bak").is_file()
    page.close()
