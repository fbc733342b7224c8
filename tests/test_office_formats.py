"""Issue 33: the report as a Word document and as a slide deck, built from results/ alone.

The files are opened with python-docx and python-pptx and checked: headings, tables, every
chart with its alternative text, the footer; on every slide no text outside its box
(measured here with the font's own metrics, independently of the deck's fitting code);
hostile client text written as text, never as markup or a field."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pptx import Presentation
from pptx.util import Emu

from social_strategy.errors import InputError
from social_strategy.i18n import catalog
from social_strategy.report import build_report
from social_strategy.report.context import build_context
from social_strategy.report.render import is_main_table, is_wide_table

EMU_PER_PT = 12700


@pytest.fixture(scope="module")
def office_en(example_report_en, tmp_path_factory) -> dict[str, Path]:
    """Word and slides of the example firm, rebuilt from the session's render (no kernels)."""
    out = tmp_path_factory.mktemp("office-en")
    return build_report(example_report_en / "results", out, "en", ["docx", "pptx"])


@pytest.fixture(scope="module")
def context_en(example_report_en) -> dict:
    return build_context(example_report_en / "results", catalog("en"), embed_figures=False)


# -- Word ----------------------------------------------------------------------------------


def _style_name(doc, paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def test_word_has_heading_styles_a_toc_field_and_the_footer(office_en, context_en):
    doc = Document(office_en["docx"])
    headings = {
        level: [p.text for p in doc.paragraphs if _style_name(doc, p) == f"Heading {level}"]
        for level in (1, 2, 3)
    }
    cat = catalog("en")
    for chapter in context_en["chapters"]:
        assert f"{chapter['number']}  {chapter['title']}" in headings[1]
    # the one-page answer first, the main part, the plan by month, then the appendix
    assert headings[1][1] == cat.t("report.onepage.title")
    assert headings[1].index(cat.t("report.annex.title")) > headings[1].index(
        cat.t("report.plan_title")
    )
    assert (cat.t("report.open_questions_title") in headings[1]) == bool(
        context_en["open_questions"]
    )
    assert cat.t("report.sources_title") in headings[2]
    assert cat.t("report.findings") in headings[2]
    assert [m["title"] for m in context_en["plan"]] == [
        h for h in headings[2] if h in {m["title"] for m in context_en["plan"]}
    ]
    texts = [p.text for p in doc.paragraphs]
    assert context_en["onepage"]["verdict"]["text"] in texts[texts.index(headings[1][1]) + 1]
    assert cat.t("report.none_open") not in texts
    body = doc.element.body.xml
    instructions = [i.text.strip() for i in doc.element.body.iter(qn("w:instrText"))]
    assert instructions == ['TOC \\o "1-2" \\h \\z \\u']
    assert "w:updateFields" in doc.settings.element.xml
    footer = doc.sections[0].footer.paragraphs[0]
    assert context_en["firm"]["name"] in footer.text
    assert "PAGE" in footer._p.xml
    # callouts are paragraphs of their own styles, one per verdict and finding
    callouts = [p for p in doc.paragraphs if _style_name(doc, p).startswith("Callout ")]
    verdicts = (
        1  # the one-page verdict
        + int(context_en["firm"]["fictional"])
        + sum(
            len(ch["summary"]) + len([f for f in ch["findings"] if f["level"] != "info"])
            for ch in context_en["chapters"]
        )
    )
    assert len(callouts) == verdicts
    assert "w:pBdr" in doc.styles["Callout Critical"].element.xml
    assert body.count("<w:tbl>") == len(doc.tables)


def test_word_tables_repeat_their_header_and_wide_ones_are_landscape(office_en, context_en):
    doc = Document(office_en["docx"])
    every = [t for ch in context_en["chapters"] for t in ch["tables"]]
    main = [t for t in every if is_main_table(t)]
    months = context_en["plan"]
    moved = [t for t in every if not is_main_table(t)]
    assert moved, "the example has long tables set in the appendix"
    assert len(doc.tables) == len(main) + len(months) + len(moved)
    # the main part's short tables, the plan by month, then the appendix's tables in full
    in_order = main + [None] * len(months) + moved
    for table, expected in zip(doc.tables, in_order, strict=True):
        if expected is None:
            assert [c.text for c in table.rows[0].cells][1] == catalog("en").t(
                "report.plan.col.action"
            )
            continue
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [c.text for c in header.cells] == expected["columns"]
        assert len(table.rows) == len(expected["rows"]) + 1
        assert [c.text for c in table.rows[-1].cells] == expected["rows"][-1]
    # every wide table sits on a landscape section of its own, the rest on portrait pages
    wide = [t for t in every if is_wide_table(t)]
    assert wide, "the example has wide tables (the budget by month)"
    landscape = [s for s in doc.sections if s.page_width > s.page_height]
    assert len(landscape) == len(wide)
    # a section's properties end it: the tables before a sectPr are on its pages
    orientation, pending = [], 0
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            pending += 1
        sect = (
            element
            if element.tag == qn("w:sectPr")
            else element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        )
        if sect is not None:
            size = sect.find(qn("w:pgSz"))
            wide_page = int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
            orientation += [wide_page] * pending
            pending = 0
    assert orientation == [t is not None and is_wide_table(t) for t in in_order]


def test_every_chart_is_a_sharp_image_with_its_alt_text(office_en, context_en):
    from PIL import Image

    doc = Document(office_en["docx"])
    figures = [f for ch in context_en["chapters"] for f in ch["figures"]]
    shapes = list(doc.inline_shapes)
    assert len(shapes) == len(figures) and figures
    for shape, figure in zip(shapes, figures, strict=True):
        assert shape._inline.docPr.get("descr") == figure["alt"]
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = doc.part.related_parts[blip.embed]
        with Image.open(__import__("io").BytesIO(image.blob)) as png:
            width_px = png.size[0]
        dpi = width_px / (shape.width / 914400)
        assert dpi >= 150, (figure["title"], dpi)


def test_sources_are_a_numbered_list_starting_at_one(office_en, context_en):
    doc = Document(office_en["docx"])
    numbered = [p for p in doc.paragraphs if _style_name(doc, p) == "List Number"]
    sources = context_en["sources"]
    questions = context_en["open_questions"]
    assert len(numbered) == len(sources) + len(questions)
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(set(ids[: len(questions)])) == 1 and len(set(ids[len(questions) :])) == 1
    assert ids[0] != ids[-1]  # the sources restart at 1
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.num_lst if n.numId == ids[-1])
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]
    assert sources[0]["study"] in numbered[len(questions)].text


# -- slides --------------------------------------------------------------------------------


def _font(bold: bool):
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts/ttf" / name), 100)


def _lines(text: str, width_pt: float, size: float, bold: bool) -> int:
    """Lines of ``text`` in a box ``width_pt`` wide: a greedy wrap at spaces measured with
    PIL on the font file (an independent check of the deck's own fitting)."""
    font = _font(bold)

    def width(s: str) -> float:
        return font.getlength(s) * size / 100

    lines, line = 0, ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if width(candidate) <= width_pt + 0.5:
            line = candidate
            continue
        if line:
            lines += 1
        while width(word) > width_pt + 0.5:
            cut = len(word)
            while cut > 1 and width(word[:cut]) > width_pt + 0.5:
                cut -= 1
            lines += 1
            word = word[cut:]
        line = word
    return lines + 1


def _frame_height(frame, width_pt: float) -> float:
    total = 0.0
    for p in frame.paragraphs:
        runs = [r for r in p.runs if r.text]
        if not runs:
            continue
        size = runs[0].font.size.pt
        assert all(r.font.size.pt == size for r in runs)
        assert p.line_spacing is not None and abs(p.line_spacing.pt - 1.2 * size) < 0.01
        text = "".join(r.text for r in runs)
        bold = any(r.font.bold for r in runs)
        total += _lines(text, width_pt, size, bold) * p.line_spacing.pt
        total += p.space_after.pt if p.space_after is not None else 0
    return total


def _pt(emu) -> float:
    return Emu(emu).pt


def test_the_deck_is_16_9_with_12_to_18_slides_and_the_issues_topics(office_en, context_en):
    prs = Presentation(office_en["pptx"])
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert 12 <= len(prs.slides) <= 18
    cat = catalog("en")
    titles = [
        next((s.text_frame.text for s in slide.shapes if s.name == "Title"), "")
        for slide in prs.slides
    ]
    assert titles[0] == cat.t("report.title")
    for key in (
        "answer_title",
        "goals_title",
        "channels_title",
        "communities_title",
        "influencers_title",
        "resources_title",
        "risks_title",
    ):
        assert cat.t(f"report.deck.{key}") in titles, key
    # the plan: one slide per month that holds actions, in order
    months = [m["title"] for m in context_en["plan"] if m["rows"]]
    plan_titles = [t for t in titles if t.startswith(cat.t("report.deck.plan_title"))]
    assert plan_titles == [f"{cat.t('report.deck.plan_title')}: {m}" for m in months]
    # no empty slide: the open questions only when there are some
    assert (cat.t("report.open_questions_title") in titles) == bool(context_en["open_questions"])
    # the answer slide holds the one-page verdict and the first-ranked decision
    answer = prs.slides[titles.index(cat.t("report.deck.answer_title"))]
    answer_text = "\n".join(s.text_frame.text for s in answer.shapes if s.has_text_frame)
    onepage = context_en["onepage"]
    assert onepage["verdict"]["text"] in answer_text
    assert onepage["verdict"]["label"] in answer_text
    if onepage["decisions"]:
        assert onepage["decisions"][0]["text"] in answer_text
    assert titles[-1] == cat.t("report.sources_title")
    # sources in the speaker notes: all of them on the sources slide, a chapter's on its slides
    notes = prs.slides[-1].notes_slide.notes_text_frame.text
    for source in context_en["sources"]:
        assert source["study"] in notes
    goals = prs.slides[titles.index(cat.t("report.deck.goals_title"))]
    firm = next(ch for ch in context_en["chapters"] if ch["key"] == "firm")
    goal_notes = goals.notes_slide.notes_text_frame.text if goals.has_notes_slide else ""
    assert all(f"[{n}]" in goal_notes for n in firm["source_refs"])
    # the charts are pictures with their alternative text
    alts = {f["alt"] for ch in context_en["chapters"] for f in ch["figures"]}
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) >= 5
    for picture in pictures:
        assert picture._element.nvPicPr.cNvPr.get("descr") in alts


def test_no_text_leaves_its_box_on_any_slide(office_en):
    prs = Presentation(office_en["pptx"])
    width, height = _pt(prs.slide_width), _pt(prs.slide_height)
    checked = 0
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            x, y, w, h = (_pt(v) for v in (shape.left, shape.top, shape.width, shape.height))
            assert x >= 0 and y >= 0 and x + w <= width + 0.5 and y + h <= height + 0.5, (
                number,
                shape.name,
            )
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                assert frame.word_wrap is True and frame.auto_size == 0  # MSO_AUTO_SIZE.NONE
                inner_w = w - _pt(frame.margin_left) - _pt(frame.margin_right)
                inner_h = h - _pt(frame.margin_top) - _pt(frame.margin_bottom)
                used = _frame_height(frame, inner_w)
                assert used <= inner_h + 0.5, (number, shape.name, frame.text[:80], used, inner_h)
                checked += 1
            if shape.has_table:
                rows = shape.table.rows
                assert abs(sum(_pt(r.height) for r in rows) - h) < 1, (number, shape.name)
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row.cells):
                        inner_w = (
                            _pt(shape.table.columns[c].width)
                            - _pt(cell.margin_left)
                            - _pt(cell.margin_right)
                        )
                        inner_h = _pt(row.height) - _pt(cell.margin_top) - _pt(cell.margin_bottom)
                        used = _frame_height(cell.text_frame, inner_w)
                        assert used <= inner_h + 0.5, (number, r, c, cell.text[:60])
                        checked += 1
    assert checked > 100


def test_text_that_does_not_fit_is_shortened_by_rank():
    from social_strategy.report.office import wrap
    from social_strategy.report.pptx import box_fits, fit_items

    items = [("", None, f"Item {i}: " + "word " * 30) for i in range(20)]
    paras = fit_items(items, 400, 200, size=18, floor=12, more=lambda n: f"+{n} more")
    assert box_fits(paras, 400, 200)
    assert paras[0].text.startswith("Item 0:") and paras[1].text.startswith("Item 1:")
    kept = len(paras) - 1
    assert paras[-1].text == f"+{20 - kept} more" and 0 < kept < 20
    assert all(p.size == 12 for p in paras[:-1])  # the type went down to the floor first
    one = fit_items([("Critical: ", "9b1c1c", "x " * 400)], 300, 80, size=14, floor=12, more=str)
    assert len(one) == 1 and one[0].text.endswith("…") and box_fits(one, 300, 80)
    assert one[0].runs[0] == ("Critical: ", True, "9b1c1c")
    # an unbroken string wider than the line is broken between characters
    assert all(len(line) < 200 for line in wrap("x" * 400, 100, 12))


# -- hostile text, rebuilt from results ------------------------------------------------------

HOSTILE = (
    'Evil <script>alert(1)</script> & Co { PAGE } {={ DDEAUTO c:\\\\cmd.exe "/c calc" }'
    ' <w:fldSimple w:instr="PAGE"/> ]]> \x01\x0b'
)


@pytest.fixture(scope="module")
def hostile_folder(minimal_report, tmp_path_factory) -> Path:
    """The minimal render's folder with hostile text in the firm's name and a table cell."""
    folder = tmp_path_factory.mktemp("hostile-office") / "render"
    shutil.copytree(minimal_report / "results", folder / "results")
    (folder / "notebooks").mkdir()
    meta_path = folder / "results" / "report.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["firm"] = HOSTILE
    meta["consultant"] = HOSTILE
    meta["languages"] = []  # any language may be rebuilt (the figures are drawn in English)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    risks_path = folder / "results" / "risks.json"
    risks = json.loads(risks_path.read_text(encoding="utf-8"))
    cases = next(t for t in risks["tables"] if t["title"]["code"] == "risks.table.cases_title")
    cases["rows"][0]["title"] = HOSTILE
    risks_path.write_text(json.dumps(risks), encoding="utf-8")
    return folder


SHOWN = 'Evil <script>alert(1)</script> & Co { PAGE } {={ DDEAUTO c:\\\\cmd.exe "/c calc" }'


@pytest.mark.parametrize("lang", ["en", "de"])
def test_hostile_text_is_written_as_text(hostile_folder, run_cli, lang, tmp_path):
    from social_strategy.pipeline import rebuild

    written = rebuild(hostile_folder, lang=lang, formats=("docx", "pptx"))
    docx_path = next(p for p in written if p.suffix == ".docx")
    pptx_path = next(p for p in written if p.suffix == ".pptx")
    doc = Document(docx_path)
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(SHOWN in t for t in texts)  # shown as it was typed, control characters dropped
    assert SHOWN in doc.sections[0].footer.paragraphs[0].text
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml").decode("utf-8") + z.read("word/footer1.xml").decode(
            "utf-8"
        )
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "fldSimple" not in xml.replace("&lt;w:fldSimple", "")
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    assert sorted(i.strip().split()[0] for i in instructions) == ["PAGE", "TOC"]
    assert "\x01" not in xml and "\x0b" not in xml
    prs = Presentation(pptx_path)
    title = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Evil <script>alert(1)</script> & Co" in title
    with zipfile.ZipFile(pptx_path) as z:
        slide = z.read("ppt/slides/slide1.xml").decode("utf-8")
    assert "<script>" not in slide and "&lt;script&gt;" in slide


def test_rebuild_writes_word_and_slides_and_checks_the_format(hostile_folder, run_cli):
    result = run_cli("rebuild", hostile_folder, "--format", "docx,pptx")
    assert result.code == 0, result.err
    assert (hostile_folder / "report.docx").is_file() and (hostile_folder / "report.pptx").is_file()
    result = run_cli("rebuild", hostile_folder, "--format", "doc")
    assert result.code == 2 and "html, pdf, md, docx, pptx" in result.err


def test_results_without_png_figures_are_named(hostile_folder, tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(hostile_folder, folder)
    pngs = sorted((folder / "results" / "figures" / "png").glob("*.png"))
    assert pngs, "save_section writes a PNG beside each SVG"
    pngs[0].unlink()
    with pytest.raises(InputError) as caught:
        build_report(folder / "results", tmp_path / "out", "en", ["docx"])
    assert f"results/figures/png/{pngs[0].name}" in str(caught.value)
    assert "render the client again" in str(caught.value)


# -- the firm's logo -------------------------------------------------------------------------


def _png(path: Path, size=(120, 40)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (31, 78, 95)).save(path)
    return path


def _with_logo(ws: Path, value: str) -> None:
    text = (ws / "strategy.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^firm:\n", f"firm:\n  logo: {json.dumps(value)}\n", text, count=1)
    (ws / "strategy.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("missing.png", "the logo file does not exist"),
        ("notes.png", "the logo file is not an image"),
        ("../outside.png", "the logo file is outside the workspace folder"),
    ],
)
def test_a_bad_logo_is_named_by_file_and_field(minimal_ws, value, message):
    from social_strategy.workspace import load_workspace

    (minimal_ws / "notes.png").write_text("not an image", encoding="utf-8")
    _png(minimal_ws.parent / "outside.png")
    _with_logo(minimal_ws, value)
    with pytest.raises(InputError) as caught:
        load_workspace(minimal_ws)
    problem = next(p for p in caught.value.problems if p.column == "firm.logo")
    assert problem.file == "strategy.yaml" and problem.message == message
    assert problem.value == value


def test_the_logo_is_on_the_title_page_of_every_format(minimal_ws, hostile_folder, tmp_path):
    from social_strategy.results import report_meta, save_logo
    from social_strategy.workspace import load_workspace

    _png(minimal_ws / "brand.png")
    _with_logo(minimal_ws, "brand.png")
    ws = load_workspace(minimal_ws)
    import datetime as dt

    meta = report_meta(ws, dt.date(2026, 11, 23))
    assert meta.logo == "logo.png"
    folder = tmp_path / "render"
    shutil.copytree(hostile_folder / "results", folder / "results")
    save_logo(ws, folder / "results")
    meta_path = folder / "results" / "report.json"
    data = json.loads(meta_path.read_text(encoding="utf-8"))
    data["logo"] = meta.logo
    meta_path.write_text(json.dumps(data), encoding="utf-8")
    written = build_report(
        folder / "results", tmp_path / "out", "en", ["html", "md", "docx", "pptx"]
    )
    html = written["html"].read_text(encoding="utf-8")
    assert re.search(
        r'<img class="firm-logo" src="data:image/png;base64,[^"]+" alt="Logo of ', html
    )
    assert "](results/logo.png)" in written["md"].read_text(encoding="utf-8")
    doc = Document(written["docx"])
    first = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert first.startswith("Logo of Evil")
    prs = Presentation(written["pptx"])
    assert any(s.name == "Logo" for s in prs.slides[0].shapes)
