"""The community register form in a real browser: JupyterLab in headless Chromium runs
notebook 02, a row is changed and one added, Save writes communities.csv in its own format."""

from __future__ import annotations

import pytest
from test_browser import _run_all, browser, lab  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_register_form_in_jupyterlab(lab, browser):  # noqa: F811
    url, workspace = lab
    path = workspace / "communities.csv"
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    _run_all(page, url, "02_communities.ipynb")
    companies = page.locator(".smw-community-companies select")
    try:
        companies.first.wait_for(timeout=90_000)
    except Exception:
        page.screenshot(path=str(workspace.parent / "communities_form_failed.png"), full_page=True)
        raise
    names = [
        page.locator(".smw-community-name input").nth(i).input_value()
        for i in range(companies.count())
    ]
    companies.nth(names.index("Genuss in Hamburg (Newsletter)")).select_option(
        label="nicht willkommen"
    )
    page.locator("button.smw-add-community").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.smw-community-name input').length > n", arg=len(names)
    )
    page.locator(".smw-community-name input").last.fill("Kaffeeklatsch Eimsbüttel")
    page.locator(".smw-community-segments input").last.fill("S2")
    page.locator("button.smw-save").click()
    page.wait_for_selector(".smw-saved", timeout=30_000)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # BOM and CRLF kept
    rows = data[3:].decode("utf-8").splitlines()
    assert rows[0].startswith("name;kind;")  # the separator kept
    newsletter = next(r for r in rows if r.startswith("Genuss in Hamburg"))
    assert ";no;" in newsletter
    assert any(r.startswith("Kaffeeklatsch Eimsbüttel;group;") for r in rows)
    assert (workspace / "communities.csv.bak").is_file()
    # the step re-ran under the form: the newsletter is now a place to listen
    assert page.locator(".jp-OutputArea >> text=Nur zuhören").count() >= 1
    page.close()
