"""What the Word document and the slide deck share: the report's palette (read from the
report's CSS, so every format has one look), client text made safe for an Office file, the
figures as PNG images, the firm's logo and text measured with the font's own metrics."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..i18n import Catalog
from ..paths import REPORT_TEMPLATES
from ..results import FIGURES, png_path

#: the palette's fallbacks, should a variable be missing from report.css
_PALETTE = {
    "ink": "1d2327",
    "muted": "5b666d",
    "rule": "d5dadd",
    "paper": "ffffff",
    "brand": "1f4e5f",
    "accent": "9c5316",
    "critical": "9b1c1c",
    "warning": "8a5a00",
    "positive": "1d5e3a",
    "tint": "f3f6f7",
}


@cache
def palette() -> dict[str, str]:
    """The report's colours as ``RRGGBB``, from the custom properties of report.css."""
    css = (REPORT_TEMPLATES / "report.css").read_text(encoding="utf-8")
    colours = dict(_PALETTE)
    for name, value in re.findall(r"--([a-z-]+):\s*#([0-9a-fA-F]{6})\s*;", css):
        colours[name] = value.lower()
    return colours


def level_colour(level: str) -> str:
    """The colour of a finding's level (critical, warning, info, positive)."""
    return palette().get({"info": "brand"}.get(level, level), palette()["brand"])


#: characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain(text: object) -> str:
    """Client text for an Office file: written as a text node (never as markup or a field),
    the characters an XML file cannot hold dropped, line breaks and tabs as spaces."""
    text = _NOT_XML.sub("", str(text if text is not None else ""))
    return re.sub(r"[\t\r\n]+", " ", text)


def figure_png(results_dir: Path, figure: dict[str, Any]) -> Path:
    """The PNG the step saved beside the figure's SVG (``figures/png/``); a results folder
    from before PNGs were saved is reported, naming the file, so it is rendered again."""
    svg = results_dir / FIGURES / Path(figure["file"]).name
    png = png_path(svg)
    if not png.is_file():
        raise InputError(
            [
                Problem(
                    f"results/{FIGURES}/{png.parent.name}/{png.name}",
                    "is missing: Word and PowerPoint need the figures as PNG images, which a "
                    "render draws only when asked for docx or pptx (or with --png)",
                    expected="render the client again with --format docx or pptx, or with --png",
                )
            ]
        )
    return png


def logo_file(results_dir: Path, logo: str | None) -> Path | None:
    """The firm's logo as the render copied it into the results folder, if it has one."""
    if not logo:
        return None
    path = results_dir / Path(logo).name
    return path if path.is_file() else None


def report_datetime(context: dict[str, Any]) -> Any:
    """The report's date as the documents' creation time (a rebuild gives the same)."""
    import datetime as dt

    return dt.datetime.combine(dt.date.fromisoformat(context["report_date_iso"]), dt.time())


def source_text(source: dict[str, Any], cat: Catalog) -> str:
    """One source as the report writes it: name, study, year, metric, provenance, note, URL."""
    text = f"{source['source']}: {source['study']} ({source['year']})"
    if source.get("metric"):
        text += f". {cat.t('report.source_metric')}: {source['metric']}"
    if source.get("confidence"):
        text += f". {cat.t('report.source_confidence')}: {source['confidence']}"
    text += "."
    if source.get("note"):
        text += f" {source['note']}"
    if source.get("url"):
        text += f" {source['url']}"
    return plain(text)


# -- text measured with the font's metrics ------------------------------------------------

#: the font of the slide deck: it ships with matplotlib, so it is measured (and, where
#: installed, drawn) the same on every machine
FONT = "DejaVu Sans"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
#: a line's height as a share of the font size (the deck sets exactly this spacing)
LINE = 1.2


@cache
def _font(bold: bool) -> Any:
    import matplotlib
    from PIL import ImageFont

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FONT_FILES[bold]
    return ImageFont.truetype(str(ttf), size=1000)


@cache
def _word(word: str, bold: bool) -> float:
    """A word's advance width at 1000 points (words recur: each is measured once)."""
    return _font(bold).getlength(word)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` in points, set in the deck's font at ``size`` points."""
    words = text.split(" ")
    units = sum(_word(w, bold) for w in words if w) + _word(" ", bold) * (len(words) - 1)
    return units * size / 1000


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points, at spaces, as a text box
    breaks it; a word wider than the line is broken between characters."""
    limit = width * 1000 / size
    space = _word(" ", bold)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        w = _word(word, bold)
        if line and used + space + w <= limit:
            line.append(word)
            used += space + w
            continue
        if not line and w <= limit:
            line, used = [word], w
            continue
        if line:
            lines.append(" ".join(line))
        while _word(word, bold) > limit and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and _word(word[:cut], bold) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line, used = [word], _word(word, bold)
    if line or not lines:
        lines.append(" ".join(line))
    return lines


def shorten(text: str, width: float, size: float, max_lines: int, *, bold: bool = False) -> str:
    """``text`` cut at a word to at most ``max_lines`` lines of ``width`` points, ending in
    an ellipsis when cut (the most words that fit, found by bisection)."""
    if len(wrap(text, width, size, bold=bold)) <= max_lines:
        return text
    words = text.split()

    def cut(n: int) -> str:
        return (" ".join(words[:n]).rstrip(",;:.–-") + " …").lstrip()

    low, high = 0, len(words) - 1  # cut(low) fits (at worst the ellipsis alone)
    while low < high:
        middle = (low + high + 1) // 2
        if len(wrap(cut(middle), width, size, bold=bold)) <= max_lines:
            low = middle
        else:
            high = middle - 1
    return cut(low)


__all__ = [
    "FONT",
    "LINE",
    "figure_png",
    "level_colour",
    "logo_file",
    "palette",
    "plain",
    "report_datetime",
    "shorten",
    "source_text",
    "text_width",
    "wrap",
]
