"""The six real step notebooks in the workshop (Voila) in headless Chromium, at 853x480 CSS
pixels with a device scale of 1.5 (a 1280x720 projector at 150 % zoom).

One server, started as a consultant starts it (``python -m social_strategy.workshop --port P
<workspace>``, a copy of the example firm), serves the project's own notebooks. Every
notebook is opened once; the page must show no code, no error, nothing cut, and no English
sentence in the German workshop. Notebook 01 then makes one real round trip: a cell of the
channels grid is changed, saved, shown in the view above, and written to channels.csv alone.

A full-page screenshot of every notebook goes to ``$WORKSHOP_ARTIFACTS`` (else the test's tmp
folder); ``pytest -s`` prints the paths and each notebook's time to render.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from test_workshop_browser import (
    OutputsWatch,
    _assert_grid_fits,
    _assert_headings_fit,
    _assert_nothing_cut,
    _assert_one_cell_changed,
    _free_port,
    _page,
    _serve,
    _stop,
    _type_into_cell,
    _wait_for_view_text,
    artifacts,  # noqa: F401  (a fixture)
    browser,  # noqa: F401  (a fixture)
)

from social_strategy.paths import EXAMPLE_WORKSPACE, ROOT
from social_strategy.steps import STEPS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
NOTEBOOKS = [f"{step.order:02d}_{step.name}.ipynb" for step in STEPS]
#: English function words, as whole words; none may be in the German workshop's own text
ENGLISH = ("the", "and", "is", "of", "with", "for", "not", "are", "this", "which")
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
#: every grid of every notebook must fit the projector without a sideways scroll: at most
#: eight columns shown, the others folded into the row panel under the grid
FITTING = {
    "00_firm.ipynb": ["goals"],
    "01_audience.ipynb": ["segments", "channels"],
    "02_communities.ipynb": ["communities"],
    "03_influencers.ipynb": ["influencers"],
    "04_resources.ipynb": ["team", "budget"],
    "05_risks.ipynb": ["risks"],
}
HANDLE = "Röstwerk Elbufer Hamburg"  # the Facebook account's new name (row 2 of the file)

#: rendered: the page has loaded, Voila's spinner is gone and every text the notebook says
#: (``session.say``) is there
RENDERED = """says => document.readyState === 'complete' && !document.querySelector('#loading')
  && document.querySelectorAll('.smw-text').length >= says"""

#: the page's visible text without what the client typed: the body cells of tables (profile
#: entries, goals, channel names, mentions...) and the option list of the client chooser
#: (folder names); table headings and everything else are the workshop's own text
OWN_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('td, select').forEach(el => el.remove());
  const box = document.createElement('div');
  box.style.position = 'absolute'; box.style.left = '-99999px';
  box.appendChild(copy);
  document.documentElement.appendChild(box);
  const text = copy.innerText;
  box.remove();
  return text;
}"""


#: tables of the views wider than the page that cannot be scrolled to: each must lie within
#: the page or in a box within the page that scrolls sideways
WIDE_TABLES = """() => {
  const width = document.documentElement.clientWidth;
  const stuck = [];
  let wide = 0;
  for (const table of document.querySelectorAll('.jp-OutputArea-output table')) {
    const box = table.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    wide += 1;
    let up = table.parentElement, scrolls = false;
    for (; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && up.scrollWidth > up.clientWidth
          && up.getBoundingClientRect().right <= width + 0.5) { scrolls = true; break; }
    }
    if (!scrolls) stuck.push(table.innerText.slice(0, 60));
  }
  return [stuck, wide];
}"""


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """The workshop command on the project's notebooks, for a copy of the example firm;
    reports, state and client list in tmp."""
    assert (ROOT / "notebooks" / NOTEBOOKS[0]).is_file()
    base = tmp_path_factory.mktemp("workshop")
    client = base / "client"
    shutil.copytree(EXAMPLE_WORKSPACE, client)
    import os

    env = {
        **os.environ,
        "SOCIAL_STRATEGY_REPORTS": str(base / "reports"),
        "SOCIAL_STRATEGY_STATE": str(base / "state"),
        "SOCIAL_STRATEGY_CLIENTS": str(base / "clients"),
        "JUPYTER_CONFIG_DIR": str(base / "cfg"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
    }
    env.pop("SOCIAL_STRATEGY_WORKSPACE", None)
    port = _free_port()
    args = [sys.executable, "-m", "social_strategy.workshop", f"--port={port}", str(client)]
    url = f"http://127.0.0.1:{port}"
    proc = _serve(args, env, f"{url}/voila/tree", base / "voila.log")
    yield url, client
    _stop(proc)


def _says(notebook: str) -> int:
    """How many texts the notebook says (each ``session.say`` call in its cells)."""
    book = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    return sum("".join(cell["source"]).count("session.say(") for cell in book["cells"])


def _open(browser, workshop, notebook: str):  # noqa: F811
    """``notebook`` rendered by Voila, every output of every cell shown (each grid's canvas
    too); the seconds it took. No retry: a view that hangs or drops an output fails."""
    url, _ = workshop
    page = _page(browser)
    watch = OutputsWatch(page)
    start = time.monotonic()
    # the first notebook also brings the workshop's results and report up to date
    wait = 150 if notebook == NOTEBOOKS[0] else 90
    page.goto(f"{url}/voila/render/notebooks/{notebook}", wait_until="commit")
    # while the kernel starts the page says so (in German here), gone with the first output
    starting = page.locator("#smw-starting")
    starting.wait_for(state="visible", timeout=15_000)
    assert starting.inner_text().startswith("Der Workshop startet")
    page.wait_for_selector(".smw-text", timeout=30_000)
    missing = watch.wait_complete(wait)
    assert missing == [], f"{notebook}: cells not complete (cell, sent, shown): {missing}"
    assert starting.count() == 0
    page.wait_for_function(RENDERED, arg=_says(notebook), timeout=10_000)
    if page.locator(".smw-grid").count():
        page.wait_for_selector(".smw-grid canvas", timeout=30_000)
    time.sleep(1)  # the grids' canvases paint after the widgets appear
    return page, time.monotonic() - start


def _full_shot(page, artifacts: Path, name: str) -> Path:  # noqa: F811
    """The whole notebook in one picture: Voila scrolls inside #rendered_cells, so the
    viewport is made as tall as the content for the shot (the width stays 853 px)."""
    height = page.evaluate(
        "() => { const cells = document.querySelector('#rendered_cells');"
        " return cells ? cells.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size({"width": 853, "height": int(height) + 20})
    time.sleep(0.5)
    path = artifacts / f"voila-real-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 853, "height": 480})
    print(f"screenshot: {path}")
    return path


@pytest.fixture(scope="module")
def audience_page(browser, workshop):  # noqa: F811
    page, took = _open(browser, workshop, "01_audience.ipynb")
    yield page, took
    page.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_real_notebook_in_voila(browser, workshop, artifacts, notebook, request):  # noqa: F811
    """The notebook renders in the workshop with its code hidden, without an error, with
    nothing cut at 150 %, and says nothing in English."""
    if notebook == "01_audience.ipynb":
        page, took = request.getfixturevalue("audience_page")
    else:
        page, took = _open(browser, workshop, notebook)
    try:
        print(f"{notebook}: rendered in {took:.0f} s")
        if notebook == NOTEBOOKS[0]:
            # the first screen shows the client chooser, nothing scrolled
            box = page.locator(".smw-input-workspace select").bounding_box()
            inside = box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 853
            assert inside and box["y"] + box["height"] <= 480, box
        for table in FITTING.get(notebook, []):
            _assert_grid_fits(page, workshop[1], table)
            _assert_headings_fit(page, workshop[1], table)
        _full_shot(page, artifacts, notebook.split(".")[0])
        # no code
        assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0
        body = page.locator("body").inner_text()
        for code in ("session.", "import ", "display(", "lambda "):
            assert code not in body, code
        # no error: no error or stderr output, no traceback, no Voila error box
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
            " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'],"
            " .smw-problems"
        )
        assert errors.count() == 0, errors.first.inner_text()
        for sign in ("Traceback", "Error", "error when executing", "Exception"):
            assert sign not in body, sign
        # nothing cut
        assert _assert_nothing_cut(page) > 0
        stuck, wide = page.evaluate(WIDE_TABLES)
        assert stuck == [], stuck
        print(f"{notebook}: {wide} tables wider than the page, each scrolls sideways")
        # no English sentence in the German workshop
        text = page.evaluate(OWN_TEXT)
        # the folder the results are saved in lies in pytest's tmp (".../pytest-of-root/...")
        text = text.replace(str(workshop[1].parent / "reports"), "<reports>")
        assert "Schritt" in text  # the text was read
        found = [m.group(0) for m in ENGLISH_WORD.finditer(text)]
        lines = [line for line in text.splitlines() if ENGLISH_WORD.search(line)]
        assert found == [], lines
    finally:
        if notebook != "01_audience.ipynb":
            page.close()


def test_real_channels_round_trip_in_voila(workshop, audience_page, artifacts):  # noqa: F811
    """Notebook 01: an account's name typed into the channels grid (double-click, type,
    Enter) and saved is shown by the audit view above and changes channels.csv in that one
    cell only."""
    _, client = workshop
    page, path = audience_page[0], client / "channels.csv"
    before = path.read_bytes()
    _type_into_cell(page, client, "channels", 1, "handle", HANDLE)
    page.locator(".smw-table-channels button.smw-save").click()
    page.locator(".smw-status-channels .smw-saved").wait_for(timeout=120_000)
    _assert_one_cell_changed(before, path.read_bytes(), 1, "handle", HANDLE)
    _wait_for_view_text(page, HANDLE)
    # the message under the form is whole and German too
    _assert_nothing_cut(page)
    text = page.evaluate(OWN_TEXT).replace(str(client.parent / "reports"), "<reports>")
    assert "gespeichert" in text and not ENGLISH_WORD.search(text)
    _full_shot(page, artifacts, "01_audience-after-save")
