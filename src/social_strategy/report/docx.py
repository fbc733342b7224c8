"""The report as an editable Word document (``--format docx``), built with python-docx from
the same context as the HTML report.

Word's own heading styles carry the structure (the navigation pane and the table of
contents work), the table of contents is a TOC field Word fills in when the document is
opened, tables are Word tables whose header row repeats on every page (wide ones on a
landscape section of their own), charts are PNG images with their alternative text, callouts
are paragraphs of their own styles, sources a numbered list, and the footer holds the
client's name and the page number. Client text is only ever written as text nodes: no
markup, no field code, no hyperlink comes from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..i18n import Catalog
from .office import (
    figure_png,
    level_colour,
    logo_file,
    palette,
    plain,
    report_datetime,
    source_text,
)
from .render import is_main_table, is_wide_table

#: A4, 2 cm margins: the PDF's page
PAGE_W, PAGE_H, MARGIN = Cm(21.0), Cm(29.7), Cm(2.0)
FIGURE_WIDTH = Cm(16.0)
FIGURE_WIDTH_LANDSCAPE = Cm(22.0)
FONT = "DejaVu Sans"
LEVELS = ("critical", "warning", "info", "positive")


def write_docx(context: dict[str, Any], cat: Catalog, results_dir: Path, path: Path) -> Path:
    """Write the report in ``context`` (built by :func:`~.context.build_context` without
    escaping) to ``path``; return it."""
    doc = Document()
    _styles(doc)
    _page(doc.sections[0], landscape=False)
    _footer(doc.sections[0], plain(context["firm"]["name"] or ""))
    _title_page(doc, context, cat, results_dir)
    _toc(doc, cat)
    _onepage(doc, context, cat)
    for chapter in context["chapters"]:
        _chapter(doc, chapter, cat, results_dir)
    _plan(doc, context, cat)
    _open_questions(doc, context, cat)
    _annex(doc, context, cat)
    _sources(doc, context, cat)
    _settings(doc, context, cat)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


# -- styles and page ---------------------------------------------------------------------


def _rgb(hex6: str) -> RGBColor:
    return RGBColor.from_string(hex6.upper())


def _styles(doc: Any) -> None:
    colours = palette()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.font.color.rgb = _rgb(colours["ink"])
    normal.paragraph_format.space_after = Pt(5)
    for level, size in ((1, 17), (2, 13), (3, 11)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = _rgb(colours["brand"])
        style.paragraph_format.keep_with_next = True
    doc.styles["Title"].font.name = FONT
    doc.styles["Title"].font.color.rgb = _rgb(colours["brand"])
    for level in LEVELS:
        style = doc.styles.add_style(f"Callout {level.title()}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent = Cm(0.4)
        fmt.space_before, fmt.space_after = Pt(4), Pt(4)
        _border(style.element.get_or_add_pPr(), "left", level_colour(level), size=24)
        _shade(style.element.get_or_add_pPr(), colours["tint"])
    caption = doc.styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(8.5)
    caption.font.italic = False
    caption.font.color.rgb = _rgb(colours["muted"])
    title = doc.styles.add_style("Figure Title", WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    title.font.bold = True
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_before = Pt(8)
    small = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8.5)
    small.paragraph_format.space_after = Pt(0)


def _border(ppr: Any, side: str, colour: str, *, size: int = 8) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "6")
    edge.set(qn("w:color"), colour.upper())
    borders.append(edge)


def _shade(parent: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.upper())
    parent.append(shading)


def _page(section: Any, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A Word field (``PAGE``, ``TOC ...``) with the workbook's own instruction: the only
    way a field enters the document; client text never becomes one."""

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    p = paragraph._p
    p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    p.append(run)
    p.append(char("separate"))
    paragraph.add_run(shown)
    p.append(char("end"))


def _footer(section: Any, firm: str) -> None:
    footer = section.footer
    paragraph = footer.paragraphs[0]
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(f"{firm} · " if firm else "")
    run.font.size = Pt(8)
    _field(paragraph, "PAGE", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = _rgb(palette()["muted"])


def _settings(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """Word fills in the table of contents (and the page numbers) when the file is opened;
    the document's properties name the firm and the language."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    props = doc.core_properties
    firm = plain(context["firm"]["name"] or "")
    props.title = plain(f"{cat.t('report.title')} – {firm}")
    props.language = context["lang"]
    props.author = plain(context["firm"].get("consultant") or "")
    props.comments = ""
    # dated as the report, not as the moment of writing (a rebuild gives the same properties)
    props.created = props.modified = report_datetime(context)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), {"de": "de-DE", "en": "en-GB"}.get(context["lang"], context["lang"]))
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    rpr.append(lang)


# -- parts of the report ---------------------------------------------------------------------


def _title_page(doc: Any, context: dict[str, Any], cat: Catalog, results_dir: Path) -> None:
    firm = context["firm"]
    logo = logo_file(results_dir, firm.get("logo_file"))
    if logo is not None:
        picture = doc.add_picture(str(logo), height=Cm(2.5))
        _alt(picture, plain(cat.t("report.logo_alt", firm=firm["name"] or "")))
    kicker = doc.add_paragraph()
    run = kicker.add_run(cat.t("report.kicker").upper())
    run.bold = True
    run.font.color.rgb = _rgb(palette()["accent"])
    _add(doc, cat.t("report.title"), "Title")
    name = doc.add_paragraph()
    run = name.add_run(plain(firm["name"] or ""))
    run.font.size = Pt(20)
    meta = [plain(v) for v in (firm.get("industry"), firm.get("region")) if v]
    if meta:
        doc.add_paragraph(" · ".join(meta))
    doc.add_paragraph(f"{cat.t('report.date')}: {context['report_date']}")
    if firm.get("consultant"):
        doc.add_paragraph(f"{cat.t('report.prepared_by')}: {plain(firm['consultant'])}")
    if firm.get("fictional"):
        _add(doc, cat.t("report.fictional"), "Callout Warning")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _toc(doc: Any, cat: Catalog) -> None:
    _add(doc, cat.t("report.toc"), "Heading 1")
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', cat.t("report.docx_toc_hint"))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _callout(doc: Any, level: str, text: str, cat: Catalog) -> None:
    level = level if level in LEVELS else "info"
    paragraph = _add(doc, "", f"Callout {level.title()}")
    label = paragraph.add_run(f"{cat.t(f'report.level.{level}')}: ")
    label.bold = True
    label.font.color.rgb = _rgb(level_colour(level))
    paragraph.add_run(plain(text))


def _bullets(doc: Any, items: list[str], style: str = "List Bullet") -> None:
    for item in items:
        _add(doc, plain(item), style)


def _onepage(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """The one-page answer that opens the report, as the HTML sets it (report/summary.py)."""
    page = context["onepage"]
    _add(doc, cat.t("report.onepage.title"), "Heading 1")
    verdict = page["verdict"]
    level = {"go": "positive", "partly": "warning", "no": "critical"}.get(verdict["level"], "info")
    paragraph = _add(doc, "", f"Callout {level.title()}")
    label = paragraph.add_run(f"{plain(verdict['label'])}: ")
    label.bold = True
    label.font.color.rgb = _rgb(level_colour(level))
    paragraph.add_run(plain(verdict["text"]))
    if page["kpis"]:
        _add(doc, cat.t("report.onepage.kpis_title"), "Heading 3")
        date = cat.t("report.onepage.col_date")
        _bullets(
            doc,
            [f"{k['id']}: {k['goal']}: {k['target']} ({date} {k['date']})" for k in page["kpis"]],
        )
    if page["decisions"]:
        _add(doc, cat.t("report.onepage.decisions_title"), "Heading 3")
        cost = cat.t("report.onepage.col.cost")
        for i, d in enumerate(page["decisions"], start=1):
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{i}. {plain(d['text'])}").bold = True
            paragraph.add_run(f" {plain(d['why'])} {cost}: {plain(d['cost'])}")
    _onepage_channels(doc, page["channels"], cat)
    if page["resources"]:
        _add(doc, cat.t("report.onepage.resources_title"), "Heading 3")
        for text in page["resources"].values():
            doc.add_paragraph(plain(text))
    _onepage_risk(doc, page["risk"], cat)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _onepage_channels(doc: Any, channels: dict[str, Any], cat: Catalog) -> None:
    """The channels chosen and dropped, a reason each."""
    if not (channels["chosen"] or channels["dropped"]):
        return
    _add(doc, cat.t("report.onepage.channels_title"), "Heading 3")
    for part in ("chosen", "dropped"):
        if not channels[part]:
            continue
        doc.add_paragraph(cat.t(f"report.onepage.{part}"))
        for c in channels[part]:
            text = c["name"]
            if part == "dropped" and c.get("verdict"):
                text += f" ({c['verdict']})"
            if c.get("reason"):
                text += f": {c['reason']}"
            _bullets(doc, [text])


def _onepage_risk(doc: Any, risk: dict[str, Any] | None, cat: Catalog) -> None:
    """The top risk with its prepared response and owner."""
    if not risk:
        return
    _add(doc, cat.t("report.onepage.risk_title"), "Heading 3")
    doc.add_paragraph().add_run(plain(risk["scenario"])).bold = True
    if risk.get("response"):
        doc.add_paragraph(f"{cat.t('report.onepage.risk_response')} {plain(risk['response'])}")
    if risk.get("owner"):
        doc.add_paragraph(f"{cat.t('report.onepage.risk_owner')} {plain(risk['owner'])}")


def _chapter(doc: Any, ch: dict[str, Any], cat: Catalog, results_dir: Path) -> None:
    """The chapter's main part: its answer, decisions, findings, charts and short tables;
    its long tables, method, notes and defaults are in the appendix (:func:`_annex`)."""
    _add(doc, f"{ch['number']}  {plain(ch['title'])}", "Heading 1")
    for item in ch["summary"]:
        _callout(doc, item["level"], item["text"], cat)
    if ch["decisions"]:
        _add(doc, cat.t("report.decisions"), "Heading 3")
        _bullets(doc, ch["decisions"])
    findings = [f for f in ch["findings"] if f["level"] != "info"]
    if findings:
        _add(doc, cat.t("report.findings"), "Heading 2")
        for item in findings:
            _callout(doc, item["level"], item["text"], cat)
    for figure in ch["figures"]:
        _figure(doc, figure, results_dir)
    for table in ch["tables"]:
        if is_main_table(table):
            _table(doc, table)
    moved = [plain(t["title"]) for t in ch["tables"] if not is_main_table(t)]
    if moved:
        _add(doc, f"{cat.t('report.annex.in_appendix')} {'; '.join(moved)}", "Caption")
    if ch["source_refs"]:
        refs = " ".join(f"[{n}]" for n in ch["source_refs"])
        _add(doc, f"{cat.t('report.sources_used')} {refs}", "Caption")


def _annex(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """The appendix part: every long table in full, how each step works (with its notes),
    the defaults; the sources follow (:func:`_sources`)."""
    chapters = context["chapters"]
    _add(doc, cat.t("report.annex.title"), "Heading 1")
    doc.add_paragraph(cat.t("report.annex.intro"))
    moved = [(ch, [t for t in ch["tables"] if not is_main_table(t)]) for ch in chapters]
    if any(tables for _, tables in moved):
        _add(doc, cat.t("report.annex.tables"), "Heading 2")
        for ch, tables in moved:
            if tables:
                _chapter_heading(doc, ch)
                for table in tables:
                    _table(doc, table)
    _annex_method(doc, chapters, cat)
    if context["defaults"]:
        _add(doc, cat.t("report.defaults_title"), "Heading 2")
        doc.add_paragraph(cat.t("report.annex.defaults_intro"))
        for ch in chapters:
            if ch["defaults"]:
                _chapter_heading(doc, ch)
                _bullets(doc, ch["defaults"])


def _chapter_heading(doc: Any, ch: dict[str, Any]) -> None:
    """A chapter's number and title as a heading inside the appendix."""
    _add(doc, f"{ch['number']}  {plain(ch['title'])}", "Heading 3")


def _annex_method(doc: Any, chapters: list[dict[str, Any]], cat: Catalog) -> None:
    """How each step works: its introduction, the questions it answers, its notes."""
    _add(doc, cat.t("report.annex.method"), "Heading 2")
    for ch in chapters:
        _chapter_heading(doc, ch)
        doc.add_paragraph(plain(ch["intro"]))
        if ch["questions"]:
            doc.add_paragraph(cat.t("report.questions_answered"))
            _bullets(doc, ch["questions"])
        notes = [f["text"] for f in ch["findings"] if f["level"] == "info"]
        if notes:
            doc.add_paragraph(cat.t("report.annex.notes"))
            _bullets(doc, notes)


def _alt(picture: Any, text: str) -> None:
    """The picture's alternative text (Word: Format Picture > Alt Text)."""
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", text)
    doc_pr.set("title", text[:255])


def _figure(doc: Any, figure: dict[str, Any], results_dir: Path) -> None:
    _add(doc, plain(figure["title"]), "Figure Title")
    png = figure_png(results_dir, figure)
    from PIL import Image

    with Image.open(png) as image:
        w, h = image.size
    width = FIGURE_WIDTH
    max_height = Cm(20.0)
    if width * h / w > max_height:
        width = int(max_height * w / h)
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    _alt(paragraph.add_run().add_picture(str(png), width=width), plain(figure["alt"]))
    _add(doc, plain(figure["caption"]), "Caption")


def _new_section(doc: Any, *, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)


def _table(doc: Any, table: dict[str, Any]) -> None:
    wide = is_wide_table(table)
    if wide:
        _new_section(doc, landscape=True)
    _add(doc, plain(table["title"]), "Figure Title")
    width = (PAGE_H if wide else PAGE_W) - 2 * MARGIN
    _grid(doc, table["columns"], table["rows"], table["numeric"], width)
    if table["caption"]:
        _add(doc, plain(table["caption"]), "Caption")
    if wide:
        _new_section(doc, landscape=False)


def _add(doc: Any, text: str, style: str) -> Any:
    """A paragraph of ``text`` in the style named ``style`` (its id looked up once)."""
    paragraph = doc.add_paragraph(text)
    ids = doc.__dict__.setdefault("_style_ids", {})
    if style not in ids:
        ids[style] = doc.styles[style].style_id
    _style(paragraph, ids[style])
    return paragraph


def _style(paragraph: Any, style_id: str) -> None:
    """Set a paragraph style by its id (python-docx's ``paragraph.style = ...`` looks the
    style up by walking every style, which costs seconds in a report's thousands of cells)."""
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def column_shares(columns: list[str], rows: list[list[str]]) -> list[float]:
    """Each column's share of the table's width, from what it holds: its longest word (it
    must fit) and its mean length (long texts get room), within bounds."""
    shares = []
    for index, name in enumerate(columns):
        cells = [str(row[index]) for row in rows] + [str(name)]
        longest = max((len(w) for c in cells for w in c.split()), default=1)
        mean = sum(len(c) for c in cells) / len(cells)
        shares.append(max(min(longest, 14), min(mean, 60)) + 2)
    total = sum(shares)
    return [share / total for share in shares]


def _grid(
    doc: Any, columns: list[str], rows: list[list[str]], numeric: list[bool], width: int
) -> None:
    """A Word table: a header row that repeats on every page, rows that do not break, the
    columns as wide as what they hold."""
    colours = palette()
    small = doc.styles["Table Text"].style_id
    grid = doc.add_table(rows=1, cols=len(columns))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    widths = [int(width * share) for share in column_shares(columns, rows)]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for index, (cell, name) in enumerate(zip(header.cells, columns, strict=True)):
        cell.width = widths[index]
        _shade(cell._tc.get_or_add_tcPr(), colours["brand"])
        paragraph = cell.paragraphs[0]
        _style(paragraph, small)
        run = paragraph.add_run(plain(name))
        run.bold = True
        run.font.color.rgb = _rgb(colours["paper"])
        if numeric[index]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows:
        row = grid.add_row()
        no_split = OxmlElement("w:cantSplit")
        no_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(no_split)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[index]
            paragraph = cell.paragraphs[0]
            _style(paragraph, small)
            paragraph.add_run(plain(value))
            if numeric[index]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _plan(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """The 90-day plan by month: date, phase and action, owner, done when."""
    _add(doc, cat.t("report.plan_title"), "Heading 1")
    doc.add_paragraph(
        cat.t("report.plan.intro", hours=context["plan_hours"], per_day=context["plan_per_day"])
    )
    columns = [cat.t(f"report.plan.col.{c}") for c in ("date", "action", "owner", "done")]
    for month in context["plan"]:
        _add(doc, plain(month["title"]), "Heading 2")
        rows = [
            [r["due"], f"{r['phase']}: {r['text']}", r["owner"], r["done"]] for r in month["rows"]
        ]
        _grid(doc, columns, rows, [False] * 4, PAGE_W - 2 * MARGIN)


def _numbered(doc: Any, items: list[str]) -> None:
    """A numbered list that starts at 1 (a list of its own, not continuing an earlier one)."""
    if not items:
        return
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style = doc.styles["List Number"]
    num_pr = style.element.pPr.numPr
    abstract = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    for item in items:
        paragraph = _add(doc, plain(item), "List Number")
        ppr = paragraph._p.get_or_add_pPr()
        own = ppr.get_or_add_numPr()
        own.get_or_add_ilvl().val = 0
        own.get_or_add_numId().val = num.numId


def _open_questions(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """Open questions only when there are some (no section saying "none")."""
    if not context["open_questions"]:
        return
    _add(doc, cat.t("report.open_questions_title"), "Heading 1")
    doc.add_paragraph(cat.t("report.open_questions_intro"))
    _numbered(doc, [f"{q['text']} ({q['chapter']})" for q in context["open_questions"]])


def _sources(doc: Any, context: dict[str, Any], cat: Catalog) -> None:
    """The published sources, the last part of the appendix (only when there are some)."""
    if context["sources"]:
        _add(doc, cat.t("report.sources_title"), "Heading 2")
        doc.add_paragraph(cat.t("report.sources_intro"))
        _numbered(doc, [source_text(s, cat) for s in context["sources"]])
    if context["reused"]:
        _add(doc, plain(context["reused_text"]), "Caption")
    _add(doc, cat.t("report.colophon"), "Caption")


__all__ = [
    "FIGURE_WIDTH",
    "FIGURE_WIDTH_LANDSCAPE",
    "FONT",
    "LEVELS",
    "MARGIN",
    "PAGE_H",
    "PAGE_W",
    "column_shares",
    "write_docx",
]
