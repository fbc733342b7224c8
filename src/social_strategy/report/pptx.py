"""The strategy as a slide deck for the stakeholder meeting (``--format pptx``), built with
python-pptx from the same context as the report.

16:9, about 12 to 18 slides, every text in a text box or a table (editable), the report's
palette and the charts as PNG images with their alternative text. The sources of each
slide are in its speaker notes. Text that does not fit its box is shortened by rule: a
smaller type down to a floor, then the lower-ranked items left out (with a line saying how
many the report has), then an item cut at a word; the fit is measured with the font's own
metrics (:mod:`.office`), so nothing runs out of its box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ..i18n import Catalog
from .office import (
    FONT,
    LINE,
    figure_png,
    level_colour,
    logo_file,
    palette,
    plain,
    report_datetime,
    shorten,
    source_text,
    wrap,
)

#: the slide in points (13.333 x 7.5 inches, 16:9)
SLIDE_W, SLIDE_H = 960.0, 540.0
MARGIN = 40.0
#: a text box's inner margins (left/right, top/bottom) in points
INSET_X, INSET_Y = 3.6, 3.6
#: a table cell's inner margins
CELL_X, CELL_Y = 5.0, 3.0
BODY_TOP = 112.0
BODY_BOTTOM = 490.0
SEVERITY = {"critical": 0, "warning": 1, "info": 2, "positive": 3}


def _rgb(hex6: str) -> RGBColor:
    return RGBColor.from_string(hex6.upper())


@dataclass
class Para:
    """One paragraph of a text box: runs of (text, bold, colour), one size."""

    runs: list[tuple[str, bool, str | None]]
    size: float
    space_after: float = 0.0
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(text for text, _, _ in self.runs)

    @property
    def bold(self) -> bool:
        return any(bold for _, bold, _ in self.runs)


def para_height(p: Para, width: float) -> float:
    """The height of a paragraph in a box ``width`` points wide (inner width)."""
    lines = len(wrap(p.text, width, p.size, bold=p.bold))
    return lines * LINE * p.size + p.space_after


def box_fits(paras: list[Para], width: float, height: float) -> bool:
    inner_w, inner_h = width - 2 * INSET_X, height - 2 * INSET_Y
    return sum(para_height(p, inner_w) for p in paras) <= inner_h + 0.01


def fit_items(
    items: list[tuple[str, str | None, str]],
    width: float,
    height: float,
    *,
    size: float,
    floor: float,
    more: Callable[[int], str],
    max_lines: int = 4,
    gap: float = 6.0,
) -> list[Para]:
    """Ranked items (label, label colour, text) as paragraphs that fit the box: the type
    made smaller down to ``floor``, then items left out from the end (the last line saying
    how many), each item at most ``max_lines`` lines."""
    inner_w = width - 2 * INSET_X

    def build(n: int, pt: float) -> list[Para]:
        paras = []
        for label, colour, text in items[:n]:
            whole = f"{label}{text}"
            cut = shorten(whole, inner_w, pt, max_lines, bold=bool(label))
            rest = cut[len(label) :] if cut.startswith(label) else cut
            runs = [(label, True, colour), (rest, False, None)] if label else [(cut, False, None)]
            paras.append(Para(runs, pt, gap))
        if n < len(items):
            paras.append(Para([(more(len(items) - n), False, palette()["muted"])], pt * 0.85))
        return paras

    pt = size
    while pt >= floor:
        paras = build(len(items), pt)
        if box_fits(paras, width, height):
            return paras
        pt -= 1
    for n in range(len(items) - 1, -1, -1):
        paras = build(n, floor)
        if box_fits(paras, width, height):
            return paras
    return []


@dataclass
class Deck:
    prs: Any
    cat: Catalog
    context: dict[str, Any]
    results_dir: Path
    firm: str
    slides: list[Any] = field(default_factory=list)

    def more(self, n: int) -> str:
        return self.cat.t("report.deck.more", n=n)


def write_pptx(context: dict[str, Any], cat: Catalog, results_dir: Path, path: Path) -> Path:
    """Write the deck for ``context`` (built by :func:`~.context.build_context` without
    escaping) to ``path``; return it."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    prs.core_properties.title = plain(f"{cat.t('report.title')} – {context['firm']['name']}")
    prs.core_properties.language = context["lang"]
    prs.core_properties.created = prs.core_properties.modified = report_datetime(context)
    deck = Deck(prs, cat, context, results_dir, plain(context["firm"]["name"] or ""))
    for make in SLIDES:
        make(deck)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


# -- building blocks -------------------------------------------------------------------------


def _slide(deck: Deck, title: str, sources: list[int] | None = None) -> Any:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])  # blank
    deck.slides.append(slide)
    colours = palette()
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Pt(SLIDE_W), Pt(8))
    _fill(bar, colours["brand"])
    size = 26.0
    while (
        size > 16
        and len(wrap(plain(title), SLIDE_W - 2 * MARGIN - 2 * INSET_X, size, bold=True)) > 1
    ):
        size -= 1
    title = shorten(plain(title), SLIDE_W - 2 * MARGIN - 2 * INSET_X, size, 1, bold=True)
    _box(
        slide,
        MARGIN,
        28,
        SLIDE_W - 2 * MARGIN,
        48,
        [Para([(title, True, colours["brand"])], size)],
        name="Title",
        anchor=MSO_ANCHOR.BOTTOM,
    )
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(MARGIN), Pt(80), Pt(60), Pt(3))
    _fill(rule, colours["accent"])
    footer = deck.firm
    number = f"{len(deck.slides)}"
    _box(
        slide,
        MARGIN,
        SLIDE_H - 30,
        SLIDE_W - 2 * MARGIN - 60,
        20,
        [Para([(shorten(footer, 700, 9, 1), False, colours["muted"])], 9)],
        name="Footer",
    )
    _box(
        slide,
        SLIDE_W - MARGIN - 60,
        SLIDE_H - 30,
        60,
        20,
        [Para([(number, False, colours["muted"])], 9, align="right")],
        name="Slide number",
    )
    _notes(deck, slide, sources)
    return slide


def _notes(deck: Deck, slide: Any, sources: list[int] | None) -> None:
    """The slide's sources, in full, in its speaker notes."""
    if not sources:
        return
    by_number = {s["number"]: s for s in deck.context["sources"]}
    lines = [deck.cat.t("report.sources_used")]
    lines += [f"[{n}] {source_text(by_number[n], deck.cat)}" for n in sources if n in by_number]
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _fill(shape: Any, colour: str) -> None:
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()


def _box(
    slide: Any,
    x: float,
    y: float,
    w: float,
    h: float,
    paras: list[Para],
    *,
    name: str = "Text",
    anchor: Any = MSO_ANCHOR.TOP,
) -> Any:
    """A text box of exactly this size holding ``paras`` (which must fit: see fit_items)."""
    box = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    for index, p in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _para(paragraph, p)
    return box


def _para(paragraph: Any, p: Para) -> None:
    paragraph.line_spacing = Pt(LINE * p.size)
    paragraph.space_after = Pt(p.space_after)
    paragraph.space_before = Pt(0)
    paragraph.alignment = {"right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}.get(
        p.align, PP_ALIGN.LEFT
    )
    for text, bold, colour in p.runs:
        if not text:
            continue
        run = paragraph.add_run()
        run.text = text
        run.font.name = FONT
        run.font.size = Pt(p.size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour or palette()["ink"])


def _items_box(
    deck: Deck,
    slide: Any,
    x: float,
    y: float,
    w: float,
    h: float,
    items: list[tuple[str, str | None, str]],
    *,
    size: float = 18,
    floor: float = 12,
    max_lines: int = 4,
) -> None:
    paras = fit_items(items, w, h, size=size, floor=floor, more=deck.more, max_lines=max_lines)
    _box(slide, x, y, w, h, paras, name="Items")


#: the top of a slide's body when it has no lead paragraph
BODY_TOP_PLAIN = 100.0


def _body_items(
    deck: Deck,
    slide: Any,
    items: list[tuple[str, str | None, str]],
    *,
    size: float,
    floor: float,
    max_lines: int,
) -> None:
    """Ranked items filling a slide's whole body (no lead paragraph above them)."""
    _items_box(
        deck,
        slide,
        MARGIN,
        BODY_TOP_PLAIN,
        SLIDE_W - 2 * MARGIN,
        BODY_BOTTOM - BODY_TOP_PLAIN,
        items,
        size=size,
        floor=floor,
        max_lines=max_lines,
    )


def _level_items(deck: Deck, items: list[dict[str, str]]) -> list[tuple[str, str | None, str]]:
    """Findings or verdicts as labelled items, the most severe first (a stable sort: within
    a level the chapter's own order)."""
    ranked = sorted(items, key=lambda item: SEVERITY.get(item["level"], 9))
    return [
        (
            f"{deck.cat.t('report.level.' + item['level'])}: ",
            level_colour(item["level"]),
            plain(item["text"]),
        )
        for item in ranked
    ]


def _picture(
    deck: Deck, slide: Any, figure: dict[str, Any], x: float, y: float, w: float, h: float
) -> None:
    """A chart scaled into the box (its proportions kept), its alternative text set."""
    from PIL import Image

    png = figure_png(deck.results_dir, figure)
    with Image.open(png) as image:
        pw, ph = image.size
    scale = min(w / pw, h / ph)
    iw, ih = pw * scale, ph * scale
    picture = slide.shapes.add_picture(
        str(png), Pt(x + (w - iw) / 2), Pt(y + (h - ih) / 2), Pt(iw), Pt(ih)
    )
    picture.name = plain(figure["title"])[:100] or "Chart"
    picture._element.nvPicPr.cNvPr.set("descr", plain(figure["alt"]))


def table_layout(
    columns: list[str], rows: list[list[str]], widths: list[float], size: float
) -> tuple[list[str], list[list[str]], list[float]]:
    """Header and cells cut to at most three lines each, and every row's height."""
    head = [
        shorten(plain(c), w - 2 * CELL_X, size, 2, bold=True)
        for c, w in zip(columns, widths, strict=True)
    ]
    cells = [
        [shorten(plain(v), w - 2 * CELL_X, size, 3) for v, w in zip(row, widths, strict=True)]
        for row in rows
    ]
    heights = [
        max(
            len(wrap(t, w - 2 * CELL_X, size, bold=(i == 0)))
            for t, w in zip(r, widths, strict=True)
        )
        * LINE
        * size
        + 2 * CELL_Y
        for i, r in enumerate([head, *cells])
    ]
    return head, cells, heights


def _table(
    deck: Deck,
    slide: Any,
    columns: list[str],
    rows: list[list[str]],
    x: float,
    y: float,
    w: float,
    h: float,
    shares: list[float],
    *,
    size: float = 14,
    floor: float = 10,
) -> None:
    """A native (editable) table that fits the box: smaller type down to ``floor``, then the
    lower-ranked rows left out, with a line below saying how many the report has."""
    widths = [w * s / sum(shares) for s in shares]
    note_h = LINE * 10 + 2 * INSET_Y + 1
    pt = size
    keep = len(rows)
    while True:
        head, cells, heights = table_layout(columns, rows[:keep], widths, pt)
        room = h - (note_h if keep < len(rows) else 0)
        if sum(heights) <= room:
            break
        if pt > floor:
            pt -= 1
        elif keep > 0:
            keep -= 1
        else:
            return
    colours = palette()
    shape = slide.shapes.add_table(
        len(cells) + 1, len(columns), Pt(x), Pt(y), Pt(w), Emu(int(sum(Pt(v) for v in heights)))
    )
    shape.name = "Table"
    _fill_table(shape.table, [head, *cells], widths, heights, pt)
    if keep < len(rows):
        top = y + sum(heights) + 2
        _box(
            slide,
            x,
            top,
            w,
            note_h,
            [Para([(deck.more(len(rows) - keep), False, colours["muted"])], 10)],
            name="More",
        )


def _fill_table(
    table: Any, values: list[list[str]], widths: list[float], heights: list[float], pt: float
) -> None:
    """The header row in the brand colour, the rows banded, every cell's text at ``pt``."""
    colours = palette()
    for index, width in enumerate(widths):
        table.columns[index].width = Pt(width)
    for r, (row, height) in enumerate(zip(values, heights, strict=True)):
        table.rows[r].height = Pt(height)
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(CELL_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_Y)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(
                colours["brand"] if r == 0 else (colours["tint"] if r % 2 == 0 else "ffffff")
            )
            frame = cell.text_frame
            frame.word_wrap = True
            colour = colours["paper"] if r == 0 else None
            _para(frame.paragraphs[0], Para([(value, r == 0, colour)], pt))


def _chapter(deck: Deck, key: str) -> dict[str, Any] | None:
    return next((ch for ch in deck.context["chapters"] if ch["key"] == key), None)


def _find_table(chapter: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
    if chapter is None:
        return None
    # a title's code may carry a variant (``..._title_ok``, ``..._title_gap``)
    found = (t for t in chapter["tables"] if f"{t.get('code')}_".startswith(f"{code}_"))
    return next(found, None)


def _find_figure(chapter: dict[str, Any] | None, name: str) -> dict[str, Any] | None:
    if chapter is None:
        return None
    return next((f for f in chapter["figures"] if f.get("name") == name), None)


def _pick(
    table: dict[str, Any], shares: dict[str, float]
) -> tuple[list[str], list[list[str]], list[float]]:
    """The table's columns named by ``shares`` (those it has), in that order, with their
    shares of the table's width."""
    keys = [k for k in shares if k in table["keys"]]
    index = [table["keys"].index(k) for k in keys]
    rows = [[row[i] for i in index] for row in table["rows"]]
    return [table["columns"][i] for i in index], rows, [shares[k] for k in keys]


def _lead(deck: Deck, slide: Any, chapter: dict[str, Any], height: float = 56) -> float:
    """The chapter's answer in one or two lines under the title; returns where the body starts."""
    items = _level_items(deck, chapter["summary"])[:1]
    if not items:
        return BODY_TOP - 16
    paras = fit_items(
        items, SLIDE_W - 2 * MARGIN, height, size=17, floor=13, more=deck.more, max_lines=2
    )
    _box(slide, MARGIN, 92, SLIDE_W - 2 * MARGIN, height, paras, name="Answer")
    return 92 + height + 6


# -- the slides ------------------------------------------------------------------------------


def title_slide(deck: Deck) -> None:
    colours = palette()
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[6])
    deck.slides.append(slide)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Pt(24), Pt(SLIDE_H))
    _fill(band, colours["brand"])
    firm = deck.context["firm"]
    logo = logo_file(deck.results_dir, firm.get("logo_file"))
    top = 90.0
    if logo is not None:
        from PIL import Image

        with Image.open(logo) as image:
            lw, lh = image.size
        scale = min(220 / lw, 80 / lh)
        picture = slide.shapes.add_picture(
            str(logo), Pt(80), Pt(50), Pt(lw * scale), Pt(lh * scale)
        )
        picture.name = "Logo"
        picture._element.nvPicPr.cNvPr.set(
            "descr", plain(deck.cat.t("report.logo_alt", firm=firm["name"] or ""))
        )
        top = 150.0
    width = SLIDE_W - 160
    kicker = deck.cat.t("report.kicker").upper()
    _box(
        slide,
        80,
        top,
        width,
        24,
        [Para([(shorten(kicker, width - 8, 13, 1, bold=True), True, colours["accent"])], 13)],
        name="Kicker",
    )
    title = deck.cat.t("report.title")
    _box(
        slide,
        80,
        top + 30,
        width,
        60,
        [Para([(shorten(title, width - 8, 40, 1, bold=True), True, colours["brand"])], 40)],
        name="Title",
    )
    name = shorten(deck.firm, width - 8, 28, 2)
    _box(slide, 80, top + 96, width, 76, [Para([(name, False, colours["ink"])], 28)], name="Firm")
    facts = [f"{deck.cat.t('report.date')}: {deck.context['report_date']}"]
    if firm.get("consultant"):
        facts.append(f"{deck.cat.t('report.prepared_by')}: {plain(firm['consultant'])}")
    meta = [plain(v) for v in (firm.get("industry"), firm.get("region")) if v]
    if meta:
        facts.insert(0, " · ".join(meta))
    paras = [Para([(shorten(f, width - 8, 16, 1), False, colours["muted"])], 16, 4) for f in facts]
    _box(slide, 80, top + 180, width, 80, paras, name="Facts")
    if firm.get("fictional"):
        note = [("", None, deck.cat.t("report.fictional"))]
        paras = fit_items(note, width, 60, size=12, floor=10, more=deck.more, max_lines=3)
        _box(slide, 80, SLIDE_H - 90, width, 60, paras, name="Fictional")


#: the one-page verdict's level as a callout level (its colour on the answer slide)
VERDICT_LEVELS = {"go": "positive", "partly": "warning", "no": "critical"}


def answer_items(deck: Deck) -> list[tuple[str, str | None, str]]:
    """What the answer slide says: the one-page answer's verdict, then its decisions in
    their rank, each with why and what it costs (report/summary.py). When the box is too
    small, the lowest-ranked decisions go first."""
    page = deck.context["onepage"]
    verdict = page["verdict"]
    level = VERDICT_LEVELS.get(verdict["level"], "info")
    items = [(f"{plain(verdict['label'])}: ", level_colour(level), plain(verdict["text"]))]
    cost = deck.cat.t("report.onepage.col.cost")
    for i, d in enumerate(page["decisions"], start=1):
        text = f"{plain(d['text'])} – {plain(d['why'])} ({cost}: {plain(d['cost'])})"
        items.append((f"{i}. ", palette()["brand"], text))
    return items


def answer_slide(deck: Deck) -> None:
    slide = _slide(deck, deck.cat.t("report.deck.answer_title"))
    _body_items(deck, slide, answer_items(deck), size=18, floor=12, max_lines=3)


def _table_slide(
    deck: Deck,
    step: str,
    table_code: str,
    title_key: str,
    widths: dict[str, float],
    *,
    lead_height: float = 56,
    size: float = 14,
) -> None:
    """A slide of one chapter's table: the chapter's lead, then the table's chosen columns
    (``widths``: column key -> relative width); no slide when the chapter or table is absent."""
    chapter = _chapter(deck, step)
    table = _find_table(chapter, table_code)
    if chapter is None or table is None:
        return
    slide = _slide(deck, deck.cat.t(title_key), chapter["source_refs"])
    top = _lead(deck, slide, chapter, height=lead_height)
    columns, rows, shares = _pick(table, widths)
    _table(
        deck,
        slide,
        columns,
        rows,
        MARGIN,
        top,
        SLIDE_W - 2 * MARGIN,
        BODY_BOTTOM - top,
        shares,
        size=size,
    )


def goals_slide(deck: Deck) -> None:
    _table_slide(
        deck,
        "firm",
        "firm.table.goals_title",
        "report.deck.goals_title",
        {"goal": 4, "metric": 3, "baseline": 1.3, "target": 1.3, "unit": 1.3, "due": 1.6},
    )


def channels_slide(deck: Deck) -> None:
    _table_slide(
        deck,
        "audience",
        "audience.table.channels_title",
        "report.deck.channels_title",
        {"platform": 1.6, "verdict": 1.6, "reach": 1.2, "reasons": 5},
        size=13,
    )


def _chart_slide(deck: Deck, key: str, names: list[str], title_key: str) -> None:
    """One or two charts of a chapter, with the chapter's verdicts beside a single chart."""
    chapter = _chapter(deck, key)
    figures = [f for f in (_find_figure(chapter, n) for n in names) if f is not None]
    if chapter is None or not figures:
        return
    slide = _slide(deck, deck.cat.t(title_key), chapter["source_refs"])
    top, bottom = 100.0, BODY_BOTTOM
    if len(figures) == 1:
        chart_w = 560.0
        _picture(deck, slide, figures[0], MARGIN, top, chart_w, bottom - top)
        items = _level_items(deck, chapter["summary"]) + _level_items(deck, chapter["findings"])
        x = MARGIN + chart_w + 20
        _items_box(
            deck,
            slide,
            x,
            top,
            SLIDE_W - MARGIN - x,
            bottom - top,
            items,
            size=15,
            floor=11,
            max_lines=5,
        )
    else:
        w = (SLIDE_W - 2 * MARGIN - 20) / 2
        for index, figure in enumerate(figures[:2]):
            x = MARGIN + index * (w + 20)
            title = shorten(plain(figure["title"]), w - 8, 13, 2, bold=True)
            _box(slide, x, top, w, 40, [Para([(title, True, None)], 13)], name="Chart title")
            _picture(deck, slide, figure, x, top + 44, w, bottom - top - 44)


def reach_slide(deck: Deck) -> None:
    _chart_slide(deck, "audience", ["reach"], "report.deck.reach_title")


def communities_slide(deck: Deck) -> None:
    _chart_slide(deck, "communities", ["mix"], "report.deck.communities_title")


def influencers_slide(deck: Deck) -> None:
    _table_slide(
        deck,
        "influencers",
        "influencers.table.ranking_title",
        "report.deck.influencers_title",
        {"rank": 0.8, "label": 3, "type": 1.6, "tier": 1.4, "followers": 1.4, "status": 2.2},
        size=13,
    )


def resources_slide(deck: Deck) -> None:
    _table_slide(
        deck,
        "resources",
        "resources.table.scenarios_title",
        "report.deck.resources_title",
        {"scenario": 4, "required": 1.5, "available": 1.5, "gap": 1.5, "cost": 1.8},
        lead_height=80,
    )


def resources_charts_slide(deck: Deck) -> None:
    _chart_slide(deck, "resources", ["hours", "budget"], "report.deck.resources_charts_title")


def risks_slide(deck: Deck) -> None:
    _table_slide(
        deck,
        "risks",
        "risks.table.top_title",
        "report.deck.risks_title",
        {"rank": 0.7, "scenario": 3, "response": 5, "owner": 1.6},
        size=12,
    )


def risks_chart_slide(deck: Deck) -> None:
    _chart_slide(deck, "risks", ["matrix"], "report.deck.risks_chart_title")


def plan_slides(deck: Deck) -> None:
    """The 90-day plan, one slide per month that holds actions: date, phase and action,
    owner, done when (report/plan.py); rows that do not fit are counted below the table."""
    columns = [deck.cat.t(f"report.plan.col.{c}") for c in ("date", "action", "owner", "done")]
    for month in deck.context["plan"]:
        if not month["rows"]:
            continue
        title = f"{deck.cat.t('report.deck.plan_title')}: {plain(month['title'])}"
        slide = _slide(deck, title)
        rows = [
            [r["due"], f"{r['phase']}: {r['text']}", r["owner"], r["done"]] for r in month["rows"]
        ]
        _table(
            deck,
            slide,
            columns,
            [[plain(v) for v in row] for row in rows],
            MARGIN,
            BODY_TOP_PLAIN,
            SLIDE_W - 2 * MARGIN,
            BODY_BOTTOM - BODY_TOP_PLAIN,
            [1.6, 6, 2, 3],
            size=13,
        )


def open_questions_slide(deck: Deck) -> None:
    questions = deck.context["open_questions"]
    if not questions:
        return
    slide = _slide(deck, deck.cat.t("report.open_questions_title"))
    items = [("", None, f"{plain(q['text'])} ({plain(q['chapter'])})") for q in questions]
    _body_items(deck, slide, items, size=16, floor=12, max_lines=3)


def sources_slide(deck: Deck) -> None:
    """The sources, shortened to a line each on the slide and in full in the notes."""
    sources = deck.context["sources"]
    slide = _slide(deck, deck.cat.t("report.sources_title"), [s["number"] for s in sources])
    if not sources:
        items = [("", None, deck.cat.t("report.no_sources"))]
    else:
        items = [
            (f"[{s['number']}] ", palette()["brand"], source_text(s, deck.cat)) for s in sources
        ]
    _body_items(deck, slide, items, size=12, floor=10, max_lines=2)


#: the deck's slides in order; each leaves out what the results do not hold
SLIDES: list[Callable[[Deck], None]] = [
    title_slide,
    answer_slide,
    goals_slide,
    channels_slide,
    reach_slide,
    communities_slide,
    influencers_slide,
    resources_slide,
    resources_charts_slide,
    risks_slide,
    risks_chart_slide,
    plan_slides,
    open_questions_slide,
    sources_slide,
]


__all__ = [
    "BODY_BOTTOM",
    "BODY_TOP",
    "BODY_TOP_PLAIN",
    "CELL_X",
    "CELL_Y",
    "INSET_X",
    "INSET_Y",
    "MARGIN",
    "SEVERITY",
    "SLIDES",
    "SLIDE_H",
    "SLIDE_W",
    "VERDICT_LEVELS",
    "Deck",
    "Para",
    "answer_items",
    "answer_slide",
    "box_fits",
    "channels_slide",
    "communities_slide",
    "fit_items",
    "goals_slide",
    "influencers_slide",
    "open_questions_slide",
    "para_height",
    "plan_slides",
    "reach_slide",
    "resources_charts_slide",
    "resources_slide",
    "risks_chart_slide",
    "risks_slide",
    "sources_slide",
    "table_layout",
    "title_slide",
    "write_pptx",
]
