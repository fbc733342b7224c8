"""Render the report templates (Jinja2, autoescaped) to HTML, PDF and Markdown; Word and
PowerPoint are built from the same context (report/docx.py, report/pptx.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from ..i18n import Catalog
from ..paths import REPORT_TEMPLATES
from .appendix import notebooks_html
from .context import build_context, md_escape

#: every format the report can be written in; a render writes DEFAULT_FORMATS unless asked
FORMATS = ("html", "pdf", "md", "docx", "pptx")
DEFAULT_FORMATS = ("html", "pdf", "md")


def _environment(cat: Catalog, *, markdown: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPORT_TEMPLATES),
        autoescape=not markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Markdown passes inline HTML through: client text (a firm name, a mention) must not
        # open a tag in whatever renders the Markdown, so every "<" is written as an entity
        finalize=(lambda v: v.replace("<", "&lt;") if isinstance(v, str) else v)
        if markdown
        else None,
    )
    env.globals["t"] = cat.t
    env.tests["long_word"] = _has_long_word
    env.tests["wide"] = is_wide_table
    env.tests["main_table"] = is_main_table
    env.filters["md_cell"] = lambda v: str(v).replace("|", "\\|").replace("\n", " ")
    return env


#: a word longer than this (a URL, a hashtag, a typed string without spaces) may break anywhere
LONG_WORD = 24


def _has_long_word(text: object) -> bool:
    return any(len(word) > LONG_WORD for word in str(text).split())


#: the width of an A4 portrait page's text box in the PDF (210 mm less 2 x 20 mm margins)
PORTRAIT_TEXT_MM = 170.0
#: about one character of the tables' type (9 pt DejaVu Sans) in millimetres, and a cell's
#: left and right padding
CHAR_MM = 1.9
CELL_PADDING_MM = 3.2


def _min_chars(text: str, *, whole: bool) -> int:
    """The narrowest a cell can be set, in characters: a cell that must not wrap (numbers,
    dates, short texts) whole; else its longest word, hyphenated at syllables down to about
    eight letters (a very long unbroken string may break anywhere)."""
    if whole:
        return len(text)
    longest = max((len(word) for word in text.split()), default=0)
    return min(longest, 10, LONG_WORD)


def table_min_width_mm(table: dict) -> float:
    """An estimate of the narrowest a report table can be set in the PDF."""
    total = 0.0
    for index, header in enumerate(table["columns"]):
        numeric = table["numeric"][index]
        date = table["dates"][index]
        chars = _min_chars(str(header), whole=False)
        for row in table["rows"]:
            cell = str(row[index])
            chars = max(chars, _min_chars(cell, whole=numeric or date or len(cell) <= 14))
        total += chars * CHAR_MM + CELL_PADDING_MM
    return total


def is_wide_table(table: dict) -> bool:
    """A table that cannot be set on a portrait page without cutting or squeezing its
    words goes on a landscape page of its own in the PDF."""
    return table_min_width_mm(table) > PORTRAIT_TEXT_MM


#: a table stays in its chapter when it is at most this long and this wide; longer or
#: wider ones (registers, full candidate and channel lists) go to the appendix, where the
#: chapter points to them
MAIN_TABLE_ROWS = 8
MAIN_TABLE_COLUMNS = 6
#: ... and holds at most this many characters of text (a third of a page or so)
MAIN_TABLE_CHARS = 800


def is_main_table(table: dict) -> bool:
    """A short, narrow table the chapter shows itself; any other is set in the appendix.
    A chapter's key table (``main``: the goals against their KPIs) stays unless it is wide."""
    if table.get("main") and len(table["rows"]) <= MAIN_TABLE_ROWS:
        return not is_wide_table(table)
    return (
        len(table["rows"]) <= MAIN_TABLE_ROWS
        and len(table["columns"]) <= MAIN_TABLE_COLUMNS
        and sum(len(str(cell)) for row in table["rows"] for cell in row) <= MAIN_TABLE_CHARS
        and not is_wide_table(table)
    )


def _css(*names: str) -> str:
    return "\n".join((REPORT_TEMPLATES / n).read_text(encoding="utf-8") for n in names)


def render_report(
    results_dir: Path,
    out_dir: Path,
    cat: Catalog,
    formats: list[str],
    notebooks_dir: Path | None = None,
) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    appendix = notebooks_html(notebooks_dir, cat) if notebooks_dir else []
    if "html" in formats or "pdf" in formats:
        context = build_context(results_dir, cat)
        html = _html(cat, context, appendix, css=_css("report.css"))
        if "html" in formats:
            written["html"] = out_dir / "report.html"
            written["html"].write_text(html, encoding="utf-8")
        if "pdf" in formats:
            pdf_css = _font_faces() + _css("report.css", "pdf.css")
            pdf_html = _html(cat, context, appendix, css=pdf_css)
            written["pdf"] = out_dir / "report.pdf"
            _pdf(pdf_html, written["pdf"])
    if "md" in formats:
        md_context = build_context(results_dir, cat, embed_figures=False, escape=md_escape)
        template = _environment(cat, markdown=True).get_template("report.md.j2")
        text = template.render(**md_context, appendix=appendix)  # figures link to results/
        written["md"] = out_dir / "report.md"
        written["md"].write_text(text, encoding="utf-8")
    return written


def _font_faces() -> str:
    """The PDF embeds the DejaVu fonts that ship with matplotlib, so it looks the same on
    every machine whatever fonts are installed."""
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = []
    for file, weight, style in (
        ("DejaVuSans.ttf", "normal", "normal"),
        ("DejaVuSans-Bold.ttf", "bold", "normal"),
        ("DejaVuSans-Oblique.ttf", "normal", "italic"),
        ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
    ):
        if (ttf / file).is_file():
            faces.append(
                f'@font-face {{ font-family: "Report Sans"; src: url("{(ttf / file).as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(faces) + "\n"


def _html(
    cat: Catalog, context: dict[str, Any], appendix: list[dict[str, str]], *, css: str
) -> str:
    template = _environment(cat).get_template("report.html.j2")
    return template.render(**context, appendix=appendix, css=css)


def _pdf(html: str, path: Path) -> None:
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores; the report's CSS is shared with the
    # screen version on purpose, so those messages are noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=str(REPORT_TEMPLATES))
    # Tagged PDF (PDF/UA-1): headings, lists, tables and figures with their alternative text
    # are marked up for screen readers.
    document.write_pdf(path, pdf_variant="pdf/ua-1")


__all__ = [
    "CELL_PADDING_MM",
    "CHAR_MM",
    "DEFAULT_FORMATS",
    "FORMATS",
    "LONG_WORD",
    "MAIN_TABLE_CHARS",
    "MAIN_TABLE_COLUMNS",
    "MAIN_TABLE_ROWS",
    "PORTRAIT_TEXT_MM",
    "is_main_table",
    "is_wide_table",
    "render_report",
    "table_min_width_mm",
]
