"""Step 4's workshop forms in a real browser (JupyterLab in headless Chromium): run all
cells of 04_resources, type into the team form, save, check team.csv on disk."""

from __future__ import annotations

import pytest
from test_browser import _run_all, browser, lab  # noqa: F401  (module-scoped fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_team_form_in_jupyterlab(lab, browser):  # noqa: F811
    url, workspace = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "04_resources.ipynb")
    hours = page.locator(".smw-team-hours_per_week input")
    try:
        hours.first.wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(workspace.parent / "team_form_failed.png"), full_page=True)
        raise
    names = [
        page.locator(".smw-team-person input").nth(i).input_value() for i in range(hours.count())
    ]
    assert names == ["Jana Petersen", "Mehmet Yilmaz", "Agentur Hafenblick"]
    hours.nth(0).fill("12,5")
    page.locator("button.smw-save-team").click()
    page.wait_for_selector(".smw-saved", timeout=30_000)
    rows = (workspace / "team.csv").read_text(encoding="utf-8-sig").splitlines()
    jana = next(r for r in rows if r.startswith("Jana Petersen,"))
    assert ",12.5," in jana
    assert (workspace / "team.csv.bak").is_file()
    # the step re-ran under the form: its verdict counts the new hours (8 -> 12.5: 19 in all)
    page.locator(".jp-OutputArea >> text=Das Team hat 19 Stunden pro Woche").first.wait_for(
        timeout=30_000
    )
    page.close()
