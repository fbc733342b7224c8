"""The workshop loop: "edit one table -> updated report.html", timed, with its baselines.

Each edit goes through the same code as the Save button of a grid form in JupyterLab or
Voila (``GridForm.set_cell`` + ``GridForm.save``): the whole workspace checked on a scratch
copy, only the changed row written in the client's format, the steps that read the table
run again in this (warm) kernel, their results and changed figures saved, the live views
redrawn and report.html rebuilt from the results folder. Timed from the click to the
rebuilt report.html.

Baselines, run in the same command on the same workspace:
- *re-render*: what a consultant did before the workshop loop: ``social-strategy render``
  of the client (every notebook executed, HTML only);
- *first save*: the first save of a workshop on a client (every step run and drawn once;
  the last cell of each notebook does this before the consultant types).

Each edit is timed in two modes, alternating edit by edit so a busy machine weighs on both
alike: the slide deck rebuilt inside the save (*before*, as until issue 35) and built in the
background after the report (*after*, what a workshop page does).

Every grid of the workshop is timed, the goals grid (strategy.yaml, read by every step)
too. Medians over --repeat edits per table. Printed, never asserted.

``--loads N`` times page loads instead: the workshop server (``python -m
social_strategy.workshop``) on a copy of the workspace, every step notebook opened N times in
headless Chromium at 1280x720 and 150 % (Debian's /usr/bin/chromium); per notebook the median
and worst seconds to the first text and to the page done (every cell's result arrived and
every output Voila sent for it shown). ``--busy`` runs a CPU busy loop beside it.

    .venv/bin/python bench/workshop_bench.py [--repeat 5] [--workspace data/example]
    .venv/bin/python bench/workshop_bench.py --loads 10 [--busy]
    .venv/bin/python bench/workshop_bench.py --loads 5 --notebooks 00_firm,05_risks \
        --compare /tmp/before   # a checkout of an earlier commit (git archive), alternating
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from social_strategy.paths import EXAMPLE_WORKSPACE

#: the edits: table, row, column and the values typed in turn
EDITS = (
    ("channels", 2, "notes", ("Seite angelegt", "Seite fehlt noch")),
    ("segments", 0, "share_pct", ("30", "35")),
    ("budget", 0, "amount", ("59", "49")),
    ("risks", 1, "likelihood", ("4", "3")),
    ("communities", 0, "notes", ("aktiv", "ruhig")),
    ("team", 0, "hours_per_week", ("10", "8")),
    ("influencers", 0, "notes", ("angefragt", "noch offen")),
    ("goals", 1, "target", ("9", "8")),  # strategy.yaml: every step reads it
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workspace", default=str(EXAMPLE_WORKSPACE))
    parser.add_argument("--loads", type=int, default=0, help="time N page loads per notebook")
    parser.add_argument("--busy", action="store_true", help="a CPU busy loop beside the server")
    parser.add_argument(
        "--notebooks", default="", help="with --loads: only these, e.g. 00_firm,05_risks"
    )
    parser.add_argument(
        "--compare", default="", help="with --loads: a checkout of an earlier commit, timed too"
    )
    args = parser.parse_args()
    if args.loads:
        only = [n.strip() for n in args.notebooks.split(",") if n.strip()]
        compare = Path(args.compare) if args.compare else None
        loads(args.workspace, args.loads, args.busy, only, compare)
        return
    scratch = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    os.environ["SOCIAL_STRATEGY_REPORTS"] = str(scratch / "reports")
    workspace = scratch / "client"
    shutil.copytree(args.workspace, workspace)

    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "social_strategy.cli",
            "render",
            str(workspace),
            "--out",
            str(scratch / "render"),
            "--format",
            "html",
            "--lang",
            "de",
            "--no-reuse",
        ],
        check=True,
        capture_output=True,
    )
    rerender = time.perf_counter() - t0

    from social_strategy.forms import table_form
    from social_strategy.forms.firm import goals_form
    from social_strategy.notebook import start

    session = start(str(workspace), "", "", "", True)
    t0 = time.perf_counter()
    session.prepare_workshop()
    first = time.perf_counter() - t0
    report = session.results_dir.parent / "report.html"

    print(f"workspace: {args.workspace}; {args.repeat} edits per table and mode; 2 cores")
    print(f"load average before: {_load()}")
    print(f"baseline re-render (all notebooks, HTML): {rerender:6.2f} s")
    print(f"baseline first save of a workshop:        {first:6.2f} s")
    print(
        "save -> updated report.html, two modes alternating edit by edit: the slide deck\n"
        "  rebuilt in the save (before) or in the background after it (after, the workshop's\n"
        "  way; the deck is waited for between edits, outside the timing)"
    )
    print(
        f"{'table':<12} {'before s':>9} {'after s':>8} {'max after':>10} {'after/before':>13} "
        f"{'re-render/after':>16}  steps run again"
    )
    medians: dict[bool, list[float]] = {False: [], True: []}
    decks: list[float] = []
    for table, row, column, values in EDITS:
        times: dict[bool, list[float]] = {False: [], True: []}
        steps: list[str] = []
        for i in range(args.repeat * 2):
            background = i % 2 == 1
            session.deck_background = background
            form = goals_form(session) if table == "goals" else table_form(session, table)
            form.set_cell(row, column, values[i % len(values)])
            stamp = report.stat().st_mtime_ns
            t0 = time.perf_counter()
            if not form.save():
                raise SystemExit(f"{table}: not saved: {form.status.value}")
            times[background].append(time.perf_counter() - t0)
            assert report.stat().st_mtime_ns != stamp, "report.html was not rebuilt"
            session.wait_deck()
            if background:
                decks.append(session._deck.seconds)
            steps = session.affected(form.store.changes)
        before, after = (statistics.median(times[mode]) for mode in (False, True))
        medians[False].append(before)
        medians[True].append(after)
        print(
            f"{table:<12} {before:9.2f} {after:8.2f} {max(times[True]):10.2f} "
            f"{after / before:13.2f} {rerender / after:15.1f}x  {', '.join(steps)}"
        )
    before, after = (statistics.median(medians[mode]) for mode in (False, True))
    print(f"median over all tables: before {before:.2f} s, after {after:.2f} s")
    print(
        f"slowest table's median: before {max(medians[False]):.2f} s, "
        f"after {max(medians[True]):.2f} s (target < 3 s)"
    )
    print(f"slide deck built in the background: median {statistics.median(decks):.2f} s")
    print(f"load average after: {_load()}")
    shutil.rmtree(scratch, ignore_errors=True)


def _server(workspace: str, scratch: Path, source: Path | None):
    """The workshop server on a copy of ``workspace`` in ``scratch``; ``source``: the
    package (and its notebooks) of another checkout, put first on the path. (process,
    url, log file)."""
    import socket
    import urllib.request

    shutil.copytree(workspace, scratch / "client")
    env = {**os.environ}
    for name, folder in (("REPORTS", "reports"), ("STATE", "state"), ("CLIENTS", "clients")):
        env[f"SOCIAL_STRATEGY_{name}"] = str(scratch / folder)
    env.pop("SOCIAL_STRATEGY_WORKSPACE", None)
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    log = (scratch / "voila.log").open("w")
    cmd = [sys.executable, "-m", "social_strategy.workshop", f"--port={port}"]
    server = subprocess.Popen(
        [*cmd, str(scratch / "client")], env=env, stdout=log, stderr=log, cwd=scratch
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/voila/tree", timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)
    return server, url, log


def loads(
    workspace: str,
    count: int,
    busy: bool,
    notebooks: list[str] | None = None,
    compare: Path | None = None,
) -> None:
    """Time ``count`` page loads of every step notebook (or of ``notebooks``) in the
    workshop (Voila). With ``compare`` (a checkout of an earlier commit) a second server
    runs that checkout's package and notebooks, and the loads alternate between the two,
    so a busy machine weighs on both alike."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from social_strategy.steps import STEPS

    scratch = Path(tempfile.mkdtemp(prefix="workshop-loads-"))
    servers = {"now": _server(workspace, scratch / "now", None)}
    if compare is not None:
        servers["before"] = _server(workspace, scratch / "before", compare.resolve())
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    # done: every cell's result arrived and shows every output Voila sent for it
    shown = """() => [...document.querySelectorAll('[cell-index]')].map(cell => [
      +cell.getAttribute('cell-index') - 1,
      cell.querySelectorAll('.jp-Cell-outputArea > .jp-OutputArea-child').length,
      cell.querySelectorAll('.voila-skeleton-container').length])"""
    print(
        f"{count} loads per notebook, 853x480 CSS px at 1.5 (1280x720 at 150 %)"
        f"{', CPU busy loop beside' if busy else ''}; seconds; load average {_load()}"
    )
    if compare is not None:
        print(f"'before': the checkout {compare}; loads alternate before/now")
    print(
        f"{'notebook':<22} {'server':<7} {'first text median':>17} {'worst':>6} "
        f"{'done median':>12} {'worst':>6} {'missed':>6}"
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            for step in STEPS:
                notebook = f"{step.order:02d}_{step.name}.ipynb"
                if notebooks and not any(notebook.startswith(n) for n in notebooks):
                    continue
                firsts = {name: [] for name in servers}
                dones = {name: [] for name in servers}
                missed = dict.fromkeys(servers, 0)
                for _ in range(count):
                    for name in reversed(list(servers)):  # "before" first, then "now"
                        url = servers[name][1]
                        page = browser.new_page(
                            viewport={"width": 853, "height": 480}, device_scale_factor=1.5
                        )
                        sent: dict[int, int] = {}
                        page.on("websocket", lambda sock, sent=sent: _count_outputs(sock, sent))
                        t0 = time.monotonic()
                        page.goto(f"{url}/voila/render/notebooks/{notebook}", wait_until="commit")
                        try:
                            page.wait_for_selector(".smw-text", timeout=60_000)
                            firsts[name].append(time.monotonic() - t0)
                            while not _complete(page.evaluate(shown), sent):
                                if time.monotonic() - t0 > 120:
                                    raise PlaywrightTimeout("not complete in 120 s")
                                page.wait_for_timeout(200)
                            dones[name].append(time.monotonic() - t0)
                        except PlaywrightTimeout:
                            missed[name] += 1
                        page.close(run_before_unload=True)
                for name in reversed(list(servers)):
                    first, done = firsts[name], dones[name]
                    print(
                        f"{notebook:<22} {name:<7} {_median(first):17.1f} "
                        f"{max(first, default=0):6.1f} {_median(done):12.1f} "
                        f"{max(done, default=0):6.1f} {missed[name]:6d}",
                        flush=True,
                    )
            browser.close()
    finally:
        if loop is not None:
            loop.kill()
        for server, _, log in servers.values():
            server.terminate()
            server.wait()
            log.close()
        print(f"load average at the end: {_load()}")
        shutil.rmtree(scratch, ignore_errors=True)


def _count_outputs(socket, sent: dict[int, int]) -> None:
    """Count the outputs Voila's execution socket sends per cell (progressive rendering)."""
    import json

    def frame(payload) -> None:
        message = json.loads(payload)
        if message.get("action") == "execution_result":
            result = message["payload"]
            outputs = result["output_cell"].get("outputs") or []
            sent[result["cell_index"]] = sent.get(result["cell_index"], 0) + len(outputs)

    if "/voila/execution/" in socket.url:
        socket.on("framereceived", frame)


def _complete(cells: list[list[int]], sent: dict[int, int]) -> bool:
    """Every cell has its result and shows as many outputs as were sent, no skeleton left."""
    return bool(cells) and all(
        index in sent and not skeleton and shown >= sent[index] for index, shown, skeleton in cells
    )


def _load() -> str:
    """The machine's load average (1, 5, 15 minutes): the machine is shared."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


if __name__ == "__main__":
    main()
