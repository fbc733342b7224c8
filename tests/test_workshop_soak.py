"""Soak: the step notebooks opened again and again in the workshop (Voila) in headless
Chromium at 1280x720 and 150 %, with a CPU busy loop running beside the server, as on a
busy laptop or CI machine.

Every page view must show its first text within 30 s and be complete (every cell's result
arrived, every output Voila sent shown) with no retry; a view with a cell that never
answers or a widget that never shows fails the test. When a page closes
its kernel must end: kernel processes alive never exceed the open pages + 1, and after the
last page closes at most one is left (the one still shutting down).

``make test`` opens two of the notebooks that hung most (01, 04) once. The full
soak, every step notebook ``SMW_SOAK_LOADS`` times in a row (10 in ``make soak``), prints
the loads, hangs, median and worst times and writes them to ``$WORKSHOP_ARTIFACTS/soak.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_workshop_browser import (
    OutputsWatch,
    _free_port,
    _page,
    _serve,
    _stop,
    artifacts,  # noqa: F401  (a fixture)
    browser,  # noqa: F401  (a fixture)
)

from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps import STEPS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ALL = [f"{step.order:02d}_{step.name}.ipynb" for step in STEPS]
#: the notebooks that hung most often before the fix (make test opens each once)
SHORT = ["01_audience.ipynb", "04_resources.ipynb"]
LOADS = int(os.environ.get("SMW_SOAK_LOADS", "0"))
FIRST_TEXT_S = 30
#: the page is done when every cell's result has arrived and shows every output Voila sent
#: for it (a widget the page dropped, a cell that never answered: a hang)
DONE_S = 120


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The workshop server on a copy of the example firm (culling after 15 s idle, so a
    kernel whose page is gone cannot outlive the test), and a CPU busy loop beside it."""
    base = tmp_path_factory.mktemp("soak")
    client = base / "client"
    shutil.copytree(EXAMPLE_WORKSPACE, client)
    env = {
        **os.environ,
        "SOCIAL_STRATEGY_REPORTS": str(base / "reports"),
        "SOCIAL_STRATEGY_STATE": str(base / "state"),
        "SOCIAL_STRATEGY_CLIENTS": str(base / "clients"),
        "SOCIAL_STRATEGY_CULL_SECONDS": "15",
        "JUPYTER_CONFIG_DIR": str(base / "cfg"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
    }
    env.pop("SOCIAL_STRATEGY_WORKSPACE", None)
    port = _free_port()
    args = [sys.executable, "-m", "social_strategy.workshop", f"--port={port}", str(client)]
    url = f"http://127.0.0.1:{port}"
    proc = _serve(args, env, f"{url}/voila/tree", base / "voila.log")
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    yield url, proc, base
    busy.kill()
    busy.wait()
    _stop(proc)


def _kernels(proc: subprocess.Popen) -> int:
    """Kernel processes the server has running now."""
    import psutil

    found = 0
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found += 1
        except psutil.Error:  # ended while we looked
            continue
    return found


def _kernels_settle(proc: subprocess.Popen, at_most: int, seconds: float = 20) -> int:
    """Kernel processes alive, waiting up to ``seconds`` for shutdowns under way to end."""
    deadline = time.monotonic() + seconds
    count = _kernels(proc)
    while count > at_most and time.monotonic() < deadline:
        time.sleep(0.5)
        count = _kernels(proc)
    return count


def _load(browser, url: str, notebook: str) -> dict:  # noqa: F811
    """One page view: seconds to the first text and to the page done; None when missed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = _page(browser)
    view = {"notebook": notebook, "first_text": None, "done": None, "stuck_at": ""}
    # every request the page makes must go to the workshop server: nothing reaches out
    outside: list[str] = []
    view["outside"] = outside
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((url, "data:", "blob:")) else outside.append(request.url)
        ),
    )
    # the console: no failed request (net::ERR_NAME_NOT_RESOLVED was seen before the
    # workshop template), and the shared-module version warnings counted for the record
    failed: list[str] = []
    mismatches: list[str] = []
    view["failed"], view["version_warnings"] = failed, mismatches

    def console(message) -> None:
        text = message.text
        if "net::" in text or "Failed to load resource" in text:
            failed.append(text[:200])
        elif "Unsatisfied version" in text or "No satisfying version" in text:
            mismatches.append(text[:200])

    page.on("console", console)
    watch = OutputsWatch(page)
    start = time.monotonic()
    page.goto(f"{url}/voila/render/notebooks/{notebook}", wait_until="commit")
    try:
        page.wait_for_selector(".smw-text", timeout=FIRST_TEXT_S * 1000)
        view["first_text"] = time.monotonic() - start
        missing = watch.wait_complete(DONE_S)
        if missing:
            view["stuck_at"] = f"cells not complete (cell, sent, shown): {missing}"
        else:
            view["done"] = time.monotonic() - start
    except PlaywrightTimeout:
        view["stuck_at"] = "no text"
    view["page"] = page
    return view


def _soak(browser, server, notebooks: list[str], loads: int, artifacts: Path):  # noqa: F811
    url, proc, _ = server
    views, kernels_open, kernels_closed = [], [], []
    for notebook in notebooks:
        for _ in range(loads):
            view = _load(browser, url, notebook)
            page = view.pop("page")
            # this page is open, every earlier one closed: its kernel and at most one more
            kernels_open.append(_kernels(proc))
            page.close(run_before_unload=True)
            kernels_closed.append(_kernels_settle(proc, at_most=1))
            views.append(view)
            print(
                f"{notebook}: first text {view['first_text'] or 0:5.1f} s, done "
                f"{view['done'] or 0:5.1f} s {view['stuck_at']}",
                flush=True,
            )
    firsts = [v["first_text"] for v in views if v["first_text"] is not None]
    summary = {
        "loads": len(views),
        "hangs": sum(1 for v in views if v["done"] is None),
        "first_text_median_s": round(statistics.median(firsts), 1) if firsts else None,
        "first_text_worst_s": round(max(firsts), 1) if firsts else None,
        "done_worst_s": round(max((v["done"] or 0) for v in views), 1),
        "kernels_with_one_page_open_max": max(kernels_open),
        "kernels_after_close_max": max(kernels_closed),
        # known, not fixed: ipydatagrid 1.4's bqplot ~0.5 against bqplot 0.6, and
        # jupyterlab_widgets 3.0.17's JupyterLab 4.6 packages against Voila 0.5.13's 4.2
        "version_warnings_per_view_max": max(len(v["version_warnings"]) for v in views),
        "views": views,
    }
    (artifacts / "soak.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "views"}), flush=True)
    return summary, views


def test_notebooks_load_without_hanging_and_kernels_end_with_their_pages(
    browser,  # noqa: F811
    server,
    artifacts,  # noqa: F811
):
    notebooks, loads = (ALL, LOADS) if LOADS else (SHORT, 1)
    summary, views = _soak(browser, server, notebooks, loads, artifacts)
    stuck = [(v["notebook"], v["stuck_at"]) for v in views if v["done"] is None]
    assert stuck == [], stuck
    assert all(v["first_text"] <= FIRST_TEXT_S for v in views)
    # no request to the network (Voila's lab template loaded Font Awesome from a CDN), and
    # no request that failed
    assert [v["outside"] for v in views if v["outside"]] == []
    assert [v["failed"] for v in views if v["failed"]] == []
    # one page open at a time: its kernel, plus at most one still shutting down
    assert summary["kernels_with_one_page_open_max"] <= 2, summary
    assert summary["kernels_after_close_max"] <= 1, summary


def test_a_kernel_whose_page_vanished_is_culled(browser, server):  # noqa: F811
    """A page closed without its shutdown request (a crashed browser): its kernel is ended
    once idle for the culling time (15 s here), and no other kernel is left."""
    url, proc, _ = server
    _kernels_settle(proc, at_most=0, seconds=30)
    view = _load(browser, url, "00_firm.ipynb")
    page = view.pop("page")
    assert view["done"] is not None, view
    assert _kernels(proc) == 1
    page.close(run_before_unload=False)  # no beforeunload: no shutdown request
    time.sleep(3)
    assert _kernels(proc) == 1  # the kernel outlives its page for now
    assert _kernels_settle(proc, at_most=0, seconds=90) == 0
