"""The PDF as a client holds it: no table cut at the page edge, every cell's text on the
page, and the same bytes for the same inputs."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from conftest import render_once
from social_strategy.i18n import catalog
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.report.context import build_context

#: the PDF's left and right page margins (pdf.css), in points
MARGIN_PT = 20 / 25.4 * 72
#: a glyph's box may overhang its advance by a hair
TOLERANCE_PT = 2.0


def _words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """Every word of ``pdf`` as (page, page width, x min, x max, text)."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, errors="replace"
    ).stdout
    words = []
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', bbox, re.S)
    for number, (width, body) in enumerate(pages, start=1):
        for x_min, x_max, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', body
        ):
            words.append((number, float(width), float(x_min), float(x_max), text))
    return words


def _squash(text: str) -> str:
    """Text without whitespace and hyphens, so a cell hyphenated across lines still matches."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_table_is_cut_and_every_cell_is_on_the_page(lang, request):
    report = request.getfixturevalue(f"example_report_{lang}")
    pdf = report / "report.pdf"
    words = _words(pdf)
    assert words
    outside = [
        (page, text, round(x_max, 1))
        for page, width, _x_min, x_max, text in words
        if x_max > width - MARGIN_PT + TOLERANCE_PT
    ]
    assert not outside, f"text runs past the text box: {outside[:10]}"
    pdf_text = _squash(
        subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, errors="replace"
        ).stdout
    )
    context = build_context(report / "results", catalog(lang))
    missing = []
    cells = 0
    for chapter in context["chapters"]:
        for table in chapter["tables"]:
            for row in table["rows"]:
                for cell in row:
                    cells += 1
                    if _squash(_unescape(str(cell))) not in pdf_text:
                        missing.append((table["title"], cell))
    assert cells > 100
    assert not missing, f"{len(missing)} of {cells} cells not in the PDF: {missing[:5]}"


@pytest.mark.slow
def test_headings_break_only_between_syllables(example_report_de):
    """Table headings in the German PDF never break inside a syllable ("Pu-nk-te")."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(example_report_de / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        errors="replace",
    ).stdout
    for broken in ("Pu\n", "schei\n", "kun\n", "Ker n", "Fol-lower"):
        assert broken not in text, broken


#: the workshop's cache of figure fingerprints: pickled drawing data, whose set order follows
#: each kernel's hash seed; it decides only whether a figure is drawn again, never its bytes
CACHE_FILES = {"_drawn.json"}


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix in {".svg", ".json", ".html", ".md", ".pdf", ".csv", ".ics"}
        and p.name not in CACHE_FILES
    }


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(example_report_de, tmp_path_factory):
    again = render_once(tmp_path_factory, EXAMPLE_WORKSPACE, "de", "example-de-again")
    first, second = _digest(example_report_de), _digest(again)
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert not differ, differ
