"""Render the report templates (Jinja2, autoescaped) to HTML, PDF and Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from ..i18n import Catalog
from ..paths import REPORT_TEMPLATES
from .appendix import notebooks_html
from .context import build_context, md_escape

FORMATS = ("html", "pdf", "md")


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
    env.filters["md_cell"] = lambda v: str(v).replace("|", "\\|").replace("\n", " ")
    return env


#: a word longer than this (a URL, a hashtag, a typed string without spaces) may break anywhere
LONG_WORD = 24


def _has_long_word(text: object) -> bool:
    return any(len(word) > LONG_WORD for word in str(text).split())


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


__all__ = ["FORMATS", "LONG_WORD", "render_report"]
