"""Results folder -> the strategy report as HTML, PDF, Markdown, Word and PowerPoint.

Reads files only (section results, figures, executed notebooks); never imports the steps,
so a report can be rebuilt from a results folder alone.
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import catalog
from .render import DEFAULT_FORMATS, FORMATS, render_report

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "OFFICE_FORMATS",
    "build_report",
    "check_results",
]


def check_results(results_dir: Path, lang: str) -> None:
    """Read a results folder as untrusted input (``rebuild`` reads folders that may have
    been copied, edited or damaged) and raise one InputError naming every file and field
    the report could not show: unreadable or malformed files and numbers out of range
    (:func:`~social_strategy.results.read_result`), figure files outside the figures folder
    or missing, message codes the catalog does not know, and any value a chapter cannot be
    built from. Nothing is written."""
    from ..errors import InputError
    from .context import check_sections

    problems = check_sections(Path(results_dir), catalog(lang))
    problems += _check_snapshot(Path(results_dir))
    if problems:
        raise InputError(problems)


def _check_snapshot(results_dir: Path) -> list:
    """The review's record of the render (``results/inputs/_snapshot.json``), by field."""
    from ..errors import InputError
    from ..snapshot import read_snapshot

    try:
        read_snapshot(results_dir)
    except InputError as exc:
        return list(exc.problems)
    return []


def build_report(
    results_dir: Path,
    out_dir: Path,
    lang: str,
    formats: list[str],
    notebooks_dir: Path | None = None,
) -> dict[str, Path]:
    """Write ``report.<fmt>`` for each format into ``out_dir``; return the paths.

    With ``notebooks_dir`` the report ends with an appendix of what the executed notebooks
    displayed (opt-in: ``render --appendix``); without it the report ends with the sources.
    """
    cat = catalog(lang)
    written = render_report(
        Path(results_dir),
        Path(out_dir),
        cat,
        [f for f in formats if f not in OFFICE_FORMATS],
        notebooks_dir=notebooks_dir,
    )
    if any(f in OFFICE_FORMATS for f in formats):
        # the hand-over formats: built from the same context, client text left as plain
        # text (python-docx and python-pptx write it as XML text nodes, never as markup)
        from .context import build_context

        context = build_context(Path(results_dir), cat, embed_figures=False)
        if "docx" in formats:
            from .docx import write_docx

            written["docx"] = write_docx(
                context, cat, Path(results_dir), Path(out_dir) / "report.docx"
            )
        if "pptx" in formats:
            from .pptx import write_pptx

            written["pptx"] = write_pptx(
                context, cat, Path(results_dir), Path(out_dir) / "report.pptx"
            )
    return written


#: the formats built with python-docx and python-pptx rather than from a template
OFFICE_FORMATS = ("docx", "pptx")
