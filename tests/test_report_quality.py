"""The report as its readers meet it: every sentence right for the values it can get, the
PDF whole and tagged with real glyphs for every script, the HTML accessible and readable on
a phone, and no notebook dump unless asked for."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL, REPORT_DATE, copy_render
from social_strategy.i18n import _load, available_languages, catalog
from social_strategy.report.appendix import sanitise
from social_strategy.steps import STEPS

# -- numbers and plural forms -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [
        (4.8, "4,8", "4.8"),
        (0.25, "0,25", "0.25"),
        (300, "300", "300"),
        (300.0, "300", "300"),
        (1234.5, "1.234,5", "1,234.5"),
        (3.14159, "3,14", "3.14"),
        (0.004, "0,004", "0.004"),
        (-2.5, "-2,5", "-2.5"),
    ],
)
def test_num_keeps_the_decimals_a_number_needs(value, de, en):
    assert catalog("de").format_value(value, "num") == de
    assert catalog("en").format_value(value, "num") == en


def test_goal_target_is_not_rounded():
    values = dict(id="G1", goal="g", metric="m", unit="Sterne", due="2027-06-30")
    assert "Ziel 4,8 Sterne" in catalog("de").t("firm.decision.goal", target=4.8, **values)
    assert "target 0.25 Sterne" in catalog("en").t("firm.decision.goal", target=0.25, **values)
    pct = dict(values, unit="%")
    assert "(target 90%," in catalog("en").t("firm.decision.goal_pct", target=90, **pct)
    assert "(Ziel 90\u00a0%," in catalog("de").t("firm.decision.goal_pct", target=90, **pct)


def test_posts_per_week_keep_their_decimals():
    de = catalog("de").t("audience.reason.presence", followers=890, posts=0.25)
    assert "Beiträge pro Woche: 0,25" in de


def test_plural_forms_follow_the_count():
    de, en = catalog("de"), catalog("en")
    assert de.t("firm.action.measure_baseline", ids=["G3"]) == "Ausgangswert des Ziels G3 messen"
    assert (
        de.t("firm.action.measure_baseline", ids=["G1", "G3"])
        == "Ausgangswert der Ziele G1 und G3 messen"
    )
    assert en.t("firm.action.measure_baseline", ids=["G3"]) == "Measure the baseline of goal G3"
    assert en.t("audience.reason.goals", ids=["G2"]) == "serves goal G2"
    assert en.t("audience.reason.goals", ids=["G1", "G2"]) == "serves goals G1 and G2"
    assert de.t("audience.reason.goals", ids=["G2"]) == "dient dem Ziel G2"
    assert de.t("firm.table.goals_title", n=1) == "Das Ziel des Unternehmens"
    assert en.t("firm.table.goals_title", n=3) == "The firm's 3 goals"
    one = de.t("firm.summary.goals_one_date", n=1, first="2027-12-31", last="2027-12-31")
    assert one == "1 messbares Ziel ist gesetzt, fällig am 31.12.2027."


# -- every sentence of both catalogs, for one and for many ------------------------------

_FIELD = re.compile(r"\{([a-z_]+)(?::([^{}]*(?:\{[a-z_]+\}[^{}]*)*))?\}")
#: identifiers a client must never read: setting names, data codes, file keys
_CODE = re.compile(r"\b(settings\.[a-z]|[a-z]+_[a-z0-9_]+\b)")
#: English words that give away an untranslated German sentence
_ENGLISH = re.compile(r"\b(the|and|of|weekly|daily|use|goals?|setting|posts?|reach)\b")


def _sample(spec: str, many: bool) -> object:
    kind = spec.split(":", 1)[0] if spec else ""
    if kind == "date":
        return "2027-06-30"
    if kind == "month":
        return "2027-06"
    numbers = ("num", "num1", "num2", "pct", "pct1", "plural", "count")
    if kind in numbers or kind in ("whole", "money", "price", "share", "about"):
        return 4.8 if many else 1
    if kind == "list":
        return ["G1", "G2"] if many else ["G1"]
    return "X"


def _messages(lang: str):
    for key, template in sorted(_load(lang).items()):
        if isinstance(template, str):
            yield key, template


@pytest.mark.parametrize("lang", available_languages())
@pytest.mark.parametrize("many", [False, True], ids=["one", "many"])
def test_every_sentence_renders_for_one_and_many(lang, many):
    cat = catalog(lang)
    problems = []
    for key, template in _messages(lang):
        specs: dict[str, set[str]] = {}
        for _, name, spec, _ in string.Formatter().parse(template):
            if name:
                specs.setdefault(name, set()).add((spec or "").split(":", 1)[0].rstrip("12"))
        values: dict[str, object] = {}
        for name, kinds in specs.items():
            # a field used both as a list and as a count gets the list (plural counts it)
            kind = next(
                (
                    k
                    for k in (
                        "list",
                        "plural",
                        "count",
                        "whole",
                        "money",
                        "price",
                        "share",
                        "about",
                        "num",
                        "pct",
                        "date",
                        "month",
                    )
                    if k in kinds
                ),
                "",
            )
            values[name] = _sample(kind, many)
        text = cat.t(key, **values)
        if "{" in text or "}" in text:
            problems.append((key, text))
        # a file or setting name in backticks is shown as code on purpose
        prose = re.sub(r"`[^`]*`", "", text)
        if _CODE.search(prose.replace("X", "")):
            problems.append((key, text))
        # a citation keeps a work's title in its own language (Coombs's article is English)
        cited = key.startswith(("sources.case.", "sources.source."))
        if lang == "de" and not cited and _ENGLISH.search(prose):
            problems.append((key, text))
    assert not problems, "\n".join(f"{k}: {t}" for k, t in problems)


def test_english_percent_has_no_space_german_has_one():
    en = [v for v in _load("en").values() if isinstance(v, str)]
    assert not [v for v in en if re.search(r"\d \s?%", v)]
    assert catalog("en").percent(54) == "54%" and catalog("de").percent(54) == "54\u00a0%"


def test_cli_appendix_is_opt_in():
    from social_strategy.cli import _parser

    assert _parser().parse_args(["render", "ws"]).appendix is False
    assert _parser().parse_args(["render", "ws", "--appendix"]).appendix is True


def test_sources_are_in_words(tmp_path):
    from social_strategy.report.context import _source_row
    from social_strategy.results import Source

    source = Source(
        source="ARD/ZDF",
        study="Onlinestudie",
        year="2023",
        metric="weekly use",
        confidence="primary-page+press",
    )
    row = _source_row(source, 1, catalog("de"), lambda text: text)
    assert row["metric"] == "wöchentliche Nutzung"
    assert "+" not in row["confidence"] and "primary" not in row["confidence"]


def test_appendix_fragments_are_sanitised():
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><img src=x onerror=y>'
        '<a href="javascript:z">l</a></p>'
    )
    clean = sanitise(dirty)
    assert "<script" not in clean and "onerror" not in clean and "onclick" not in clean
    assert "javascript" not in clean and "<img" not in clean


# -- a workspace whose values test every sentence ---------------------------------------

LONG = "https://example.org/" + "kaffee" * 25
ARABIC = "مقهى للجميع"
HEBREW = "בית קפה"
CJK = "咖啡馆"
EMOJI = "☕🚀"

HOSTILE = f"""\
firm:
  name: "Café {EMOJI} <b>Blüte</b> {ARABIC} {HEBREW} {CJK}"
  language: de
goals:
  - id: Sterne-A
    goal: "Bewertung bei Google halten {EMOJI}"
    metric: Sterne im Durchschnitt
    baseline: 4.25
    target: 4.8
    unit: Sterne
    due: 2027-12-31
  - id: g2
    goal: "{ARABIC} – Beiträge regelmäßig"
    metric: Beiträge pro Woche
    target: 0.25
    unit: Beiträge pro Woche
    due: 2027-12-31
added_value:
  - "{LONG}"
  - "{ARABIC} {HEBREW} {CJK} {EMOJI}"
monitoring:
  hashtags: ["#kaffee{EMOJI}", "#{"x" * 70}"]
  keywords: ["{CJK}"]
"""


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory) -> dict[str, Path]:
    """The hostile workspace rendered once for both languages (one execution serves both:
    test_pipeline) in the formats the tests read: HTML, Word and slides in each, the PDF in
    German. Each language's files are shown in a folder of their own as ``report.<fmt>``."""
    from social_strategy.pipeline import build_reports, render

    root = tmp_path_factory.mktemp("hostile")
    ws = root / "ws"
    shutil.copytree(MINIMAL, ws)
    (ws / "strategy.yaml").write_text(HOSTILE, encoding="utf-8")
    folder = render(
        ws,
        out=root / "out",
        lang="de,en",
        formats=("html", "docx", "pptx"),
        report_date=dt.date.fromisoformat(REPORT_DATE),
        progress=lambda _: None,
    )
    build_reports(folder / "results", folder, ["de"], ["pdf"], ["de", "en"])
    reports = {}
    for lang in ("de", "en"):
        reports[lang] = root / f"report-{lang}"
        reports[lang].mkdir()
        for path in folder.glob(f"report.{lang}.*"):
            (reports[lang] / f"report{path.suffix}").symlink_to(path)
    return reports


def _visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    import html as html_lib

    return re.sub(r"\s+", " ", html_lib.unescape(text))


EXPECTED = {
    "de": [
        "2 messbare Ziele sind gesetzt, fällig am 31.12.2027.",
        "(Ziel 4,8 Sterne, gemessen als Sterne im Durchschnitt",
        "(Ziel 0,25 Beiträge pro Woche,",
        "Ausgangswert des Ziels g2 messen",
        "Wie hoch ist der heutige Ausgangswert des Ziels g2?",
        "Beobachtet werden 3 Namen und Begriffe",
        "2 Arten von Mehrwert",
        "Die 2 Ziele des Unternehmens",
    ],
    "en": [
        "2 measurable goals are set, due on 31 Dec 2027.",
        "(target 4.8 Sterne, measured as Sterne im Durchschnitt",
        "(target 0.25 Beiträge pro Woche,",
        "Measure the baseline of goal g2",
        "3 names and terms are watched",
        "The firm's 2 goals",
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_values_make_right_sentences(hostile_reports, lang):
    report = hostile_reports[lang]
    html = (report / "report.html").read_text(encoding="utf-8")
    text = _visible_text(html)
    for sentence in EXPECTED[lang]:
        assert sentence in text, sentence
    # typed text arrives intact and escaped: emoji, Arabic, Hebrew, CJK, markup as text
    assert f"Café {EMOJI} <b>Blüte</b> {ARABIC} {HEBREW} {CJK}" in text
    assert "<b>Blüte</b>" not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # no duplicated id
    assert "Sterne-A" in text and "sterne-a" not in text  # ids as typed
    assert not re.search(r"\bNone\b(?! yet\.|\.)", text)  # "None yet." is the catalog's
    assert not re.search(r"\{[a-z_]+(:[a-z0-9]+)?\}", text)
    assert "settings." not in text
    assert "4,8" in text if lang == "de" else "4.8" in text
    # no notebook dump by default
    assert catalog(lang).t("report.appendix_title") not in text
    assert "NaN" not in text and "PosixPath" not in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_workspace_gives_word_and_slides_with_the_text_as_typed(hostile_reports, lang):
    """Issue 33: the same values in Word and the slide deck, written as text."""
    import zipfile

    from docx import Document
    from pptx import Presentation

    name = f"Café {EMOJI} <b>Blüte</b> {ARABIC} {HEBREW} {CJK}"
    report = hostile_reports[lang]
    doc = Document(report / "report.docx")
    assert name in doc.sections[0].footer.paragraphs[0].text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert f"Bewertung bei Google halten {EMOJI}" in cells and "Sterne-A" in cells
    with zipfile.ZipFile(report / "report.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt;Blüte&lt;/b&gt;" in xml and "<b>" not in xml
    prs = Presentation(report / "report.pptx")
    title = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert name in title


def _pdf_fonts(pdf: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, errors="replace"
    ).stdout


@pytest.mark.slow
def test_pdf_has_real_glyphs_is_tagged_and_stays_on_the_page(hostile_reports):
    from pypdf import PdfReader

    pdf = hostile_reports["de"] / "report.pdf"
    fonts = _pdf_fonts(pdf)
    assert "Emoji" in fonts, fonts  # emoji drawn with an emoji font, not as empty boxes
    assert "CJK" in fonts, fonts
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged
    # every word, however long, lies inside the page
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, errors="replace"
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', bbox, re.S)
    assert pages
    for width, body in pages:
        for x_max in re.findall(r'xMax="([\d.]+)"', body):
            assert float(x_max) <= float(width) - 20, (x_max, width)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, errors="replace"
    ).stdout
    assert "4,8" in text and "0,25" in text
    assert ARABIC.split()[0] in text or ARABIC.split()[0][::-1] in text


@pytest.mark.slow
def test_appendix_only_on_request(example_report_de, tmp_path):
    """The session's render (no appendix: test_render) built again as ``render --appendix``
    builds it (``build_reports(..., appendix=True)``), from its own executed notebooks."""
    from social_strategy.pipeline import build_reports

    report = copy_render(example_report_de, tmp_path)
    build_reports(report / "results", report, ["de"], ["html"], appendix=True)
    html = (report / "report.html").read_text(encoding="utf-8")
    cat = catalog("de")
    assert cat.t("report.appendix_title") in html
    appendix = html.split('id="appendix"', 1)[1]
    # the report's language, no code, no pandas, no notebook prose, no empty headings
    for leftover in ("session.", "import ", "PosixPath", "NaN", "Workshop form", "Save the"):
        assert leftover not in appendix, leftover
    # one h3 per notebook (its chapter title); what the notebook displayed sits below it
    assert len(re.findall(r"<h[1-3]\b", appendix)) == 1 + appendix.count("<article")
    assert appendix.count("<article") >= 1
    assert not re.search(r"<h(\d)[^>]*>\s*</h\1>", appendix)
    assert list((report / "notebooks").glob("*.ipynb"))


# -- PDF pages of the example -----------------------------------------------------------


def _page_fill(pdf: Path, tmp: Path) -> list[float]:
    """How far down each page's text area the content reaches (0-1)."""
    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp / "p")], check=True)
    fills = []
    for png in sorted(tmp.glob("p-*.png")):
        a = np.asarray(Image.open(png).convert("L"))
        top, bottom = int(a.shape[0] * 22 / 297), int(a.shape[0] * 275 / 297)
        rows = np.where((a[top:bottom] < 200).any(axis=1))[0]
        fills.append(0.0 if len(rows) == 0 else (rows.max() + 1) / (bottom - top))
    return fills


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_example_pdf_has_no_near_empty_pages(lang, request, tmp_path):
    from pypdf import PdfReader

    report = request.getfixturevalue(f"example_report_{lang}")
    pdf = report / "report.pdf"
    fills = _page_fill(pdf, tmp_path)
    pages = [p.extract_text() or "" for p in PdfReader(pdf).pages]
    assert len(fills) == len(pages)
    cat = catalog(lang)
    titles = [
        cat.t(k)
        for k in (
            "report.onepage.title",
            "report.plan_title",
            "report.open_questions_title",
            "report.sources_title",
            # the appendix and its parts each start a page
            "report.annex.title",
            "report.annex.tables",
            "report.annex.method",
            "report.defaults_title",
            # the review chapter: the first report's, and the one with an earlier report
            "review.title_first",
            "review.title",
        )
    ] + [cat.t(f"{s.name}.title") for s in STEPS]  # every chapter starts a page
    for i, fill in enumerate(fills[:-1]):
        next_starts_chapter = any(t in pages[i + 1][:200] for t in titles) or i < 2
        assert fill >= 0.3 or next_starts_chapter, (i + 1, round(fill, 2))


# -- in the browser: accessibility and phones -------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make test` (installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_axe_finds_no_serious_or_moderate_violation(browser, lang, request):
    from axe_playwright_python.sync_playwright import Axe

    report = request.getfixturevalue(f"example_report_{lang}")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((report / "report.html").as_uri())
    violations = Axe().run(page).response["violations"]
    page.close()
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in violations
        if v["impact"] in ("critical", "serious", "moderate")
    ]
    assert not bad, bad


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_readable_on_a_phone(browser, lang, request):
    from social_strategy.charts import STYLE

    report = request.getfixturevalue(f"example_report_{lang}")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((report / "report.html").as_uri())
    # the page never scrolls sideways; wide tables scroll in their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate(
        "[...document.querySelectorAll('table')].map(t => t.parentElement.className)"
    )
    assert boxes and all("table-scroll" in b for b in boxes), boxes
    # chart text: the charts' font size scaled by how wide the image is shown
    figures = page.evaluate(
        """[...document.querySelectorAll('figure img')].map(i =>
            [i.getBoundingClientRect().width, i.naturalWidth])"""
    )
    assert figures
    font_px = STYLE["font.size"] * 96 / 72
    for shown, natural in figures:
        assert font_px * shown / natural >= 10, (shown, natural)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.toc')).breakBefore") == "page"
    page.close()
