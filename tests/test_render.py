"""The render pipeline end to end: reports opened and checked, atomic publishing."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPORT_DATE, copy_render, pdf_text
from social_strategy.i18n import catalog
from social_strategy.results import load_sections

pytestmark = pytest.mark.slow


def chapter_titles(report: Path, lang: str) -> list[str]:
    cat = catalog(lang)
    chapters = [cat.t(f"{s.section}.title") for s in load_sections(report / "results")]
    return [
        cat.t("report.onepage.title"),
        *chapters,
        cat.t("report.plan_title"),
        cat.t("report.open_questions_title"),
        cat.t("report.annex.title"),
        cat.t("report.sources_title"),
    ]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_has_all_formats_and_chapters(lang, request):
    report = request.getfixturevalue(f"example_report_{lang}")
    assert (report / "report.html").is_file()
    assert (report / "report.md").is_file()
    text = normalise(pdf_text(report / "report.pdf"))
    assert "Röstwerk Elbufer GmbH" in text
    titles = chapter_titles(report, lang)
    assert len(titles) >= 6
    for title in titles:
        assert title in text, title
        assert title in (report / "report.md").read_text(encoding="utf-8")
    # page numbers in the table of contents: "Sources ....... 7"
    assert re.search(re.escape(catalog(lang).t("report.sources_title")) + r"[ .]*\d+", text)
    # the date of the report, in the language's own format
    assert catalog(lang).date(REPORT_DATE) in text
    # no notebook dump by default: the report ends with the sources; the executed
    # notebooks stay in the folder as the record
    assert catalog(lang).t("report.appendix_title") not in text
    assert list((report / "notebooks").glob("*.ipynb"))


def test_languages_differ(example_report_de, example_report_en):
    de = (example_report_de / "report.html").read_text(encoding="utf-8")
    en = (example_report_en / "report.html").read_text(encoding="utf-8")
    assert 'lang="de"' in de and "Die Antwort auf einer Seite" in de
    assert 'lang="en"' in en and "The answer in one page" in en
    assert "The answer in one page" not in de


def test_html_is_self_contained(example_report_de):
    html = (example_report_de / "report.html").read_text(encoding="utf-8")
    # nothing is loaded from elsewhere: no src/href to a resource, no CSS url() or @import
    assert not re.search(r"""\bsrc\s*=\s*["'](?!data:)""", html)
    assert not re.search(r"""<link\b""", html, re.I)
    assert not re.search(r"""url\(\s*["']?(?!data:)""", html)
    assert "@import" not in html
    assert "<script" not in html.lower()
    for img in re.findall(r"<img\b[^>]*>", html):
        assert 'alt="' in img and 'alt=""' not in img
    assert "@media print" in html


def test_report_folder_layout(example_report_de):
    client = example_report_de.parent
    assert (client / "latest").resolve() == example_report_de.resolve()
    assert sorted(p.name for p in (example_report_de / "notebooks").glob("*.ipynb"))
    assert (example_report_de / "results" / "firm.json").is_file()
    assert not list(client.glob(".incomplete-*"))


def test_minimal_workspace_renders_with_open_questions(minimal_report):
    text = normalise(pdf_text(minimal_report / "report.pdf"))
    assert "Minimal GmbH" in text
    for title in chapter_titles(minimal_report, "en"):
        assert title in text
    assert catalog("en").t("firm.question.goals") in text


def test_hostile_firm_name_is_escaped(minimal_ws, tmp_path, run_cli):
    name = '<script>alert(1)</script> & "Söhne"'
    path = minimal_ws / "strategy.yaml"
    path.write_text(f"firm:\n  name: '{name}'\n  language: en\n", encoding="utf-8")
    result = run_cli("render", minimal_ws, "--out", tmp_path / "out", "--format", "html,md")
    assert result.code == 0, result.err
    report = Path(result.out.split("Report ready: ")[1].splitlines()[0])
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Söhne&#34;" in html
    assert report.parent.name == "script-alert-1-script-soehne"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_failed_render_leaves_latest_byte_identical(
    example_ws, example_report_de, tmp_path, run_cli
):
    out = tmp_path / "out"
    copy_render(example_report_de, out)  # the client's last complete render
    latest = out / "roestwerk-elbufer-gmbh" / "latest"
    before = _digest(latest.resolve())
    target_before = os.readlink(latest)
    (example_ws / "channels.csv").write_text("platform,followers\nInstagram,-5\n", encoding="utf-8")
    result = run_cli("render", example_ws, "--out", out, "--format", "html")
    assert result.code == 2
    assert "channels.csv, row 2, column 'followers'" in result.err
    assert os.readlink(latest) == target_before
    assert _digest(latest.resolve()) == before


def test_failing_notebook_is_named_and_kept(example_ws, tmp_path, monkeypatch, run_cli):
    import nbformat

    from social_strategy import pipeline

    # the broken step's notebook lives in a folder of its own; step 0 keeps the workbook's
    books = tmp_path / "notebooks"
    books.mkdir()
    broken = nbformat.v4.new_notebook()
    broken.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = nbformat.v4.new_code_cell("workspace = ''")
    params.metadata["tags"] = ["parameters"]
    broken.cells = [
        params,
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('broken step')"),
    ]
    nbformat.write(broken, books / "99_broken.ipynb")
    from social_strategy.steps import STEPS, Step

    monkeypatch.setattr(pipeline, "STEPS", (STEPS[0], Step("broken", 99, "unused", folder=books)))

    out = tmp_path / "out"
    client = out / "roestwerk-elbufer-gmbh"
    result = run_cli("render", example_ws, "--out", out, "--format", "html")
    assert result.code == 1
    assert "99_broken.ipynb" in result.err
    assert "ValueError: broken step" in result.err
    # the executed copy shows the failing cell as In [4] (papermill adds the injected parameters)
    assert "cell [4] (raise ValueError('broken step'))" in result.err
    assert not (client / "latest").exists()
    kept = list(client.glob("failed-*/notebooks/99_broken.ipynb"))
    assert len(kept) == 1
    assert "Traceback" not in result.err


def test_sigkill_mid_render_leaves_latest_valid(example_ws, example_report_de, tmp_path, run_cli):
    out = tmp_path / "out"
    copy_render(example_report_de, out)  # the client's last complete render
    client = out / "roestwerk-elbufer-gmbh"
    before = _digest((client / "latest").resolve())

    proc = subprocess.Popen(
        [sys.executable, "-m", "social_strategy.cli", "render", str(example_ws), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300  # a busy machine starts Python slowly
    while not list(client.glob(".incomplete-*/notebooks/*.ipynb")):
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()

    latest = client / "latest"
    target_before = os.readlink(latest)
    assert _digest(latest.resolve()) == before
    assert (latest / "report.html").is_file()
    # the next render clears the leftover and publishes normally (its steps are those of
    # the last complete render, which it reuses)
    again = run_cli("render", example_ws, "--out", out, "--format", "html", "--date", REPORT_DATE)
    assert again.code == 0, again.err
    assert not list(client.glob(".incomplete-*"))
    assert os.readlink(latest) != target_before
    assert (latest / "report.html").is_file()
