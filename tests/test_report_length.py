"""A main report half as long: at most 25 pages for the example, no near-empty pages inside
a chapter, the reference material in an appendix with its own contents, the defaults listed
once, no empty section."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

from social_strategy.i18n import catalog
from social_strategy.report.context import build_context

#: the main part's page limit for the example (issue 36)
MAIN_PAGES = 25
#: a page filled less than this is allowed only as a chapter's last
MIN_FILL = 0.30


def _pages(pdf: Path) -> list[tuple[float, str]]:
    """Per page: how much of the text box is filled (0..1), and its text."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, errors="replace"
    ).stdout
    out = []
    for width, height, body in re.findall(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S
    ):
        w, h = float(width), float(height)
        top = (18 if w > h else 22) / 25.4 * 72  # pdf.css page margins
        words = re.findall(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', body
        )
        body_words = [(float(y), t) for y, t in words if float(y) < h - top]  # not the footer
        fill = (max(y for y, _ in body_words) - top) / (h - 2 * top) if body_words else 0.0
        out.append((fill, " ".join(t for _, t in body_words)))
    return out


def _squash(text: str) -> str:
    import html

    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", html.unescape(text))


def _main_part(report: Path, lang: str) -> tuple[list[tuple[float, str]], dict]:
    pdf = report / "report.pdf"
    pages = _pages(pdf)
    annex = _squash(catalog(lang).t("report.annex.title"))
    starts = [i for i, (_, text) in enumerate(pages) if _squash(text).startswith(annex)]
    assert starts, "no appendix"
    context = build_context(report / "results", catalog(lang), embed_figures=False)
    return pages[: starts[0]], context


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_main_report_has_at_most_25_pages_and_no_near_empty_page(lang, request):
    report = request.getfixturevalue(f"example_report_{lang}")
    main, context = _main_part(report, lang)
    assert len(main) <= MAIN_PAGES, len(main)
    cat = catalog(lang)
    openers = [_squash(f"{ch['number']} {ch['title']}") for ch in context["chapters"]]
    openers += [_squash(cat.t(k)) for k in ("report.plan_title", "report.annex.title")]
    thin = []
    for index, (fill, _text) in enumerate(main[1:], start=1):  # the title page aside
        following = _squash(main[index + 1][1]) if index + 1 < len(main) else openers[-1]
        last_of_chapter = any(following.startswith(o) for o in openers)
        if fill < MIN_FILL and not last_of_chapter:
            thin.append((index + 1, round(fill, 2)))
    assert not thin, thin


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_appendix_holds_the_reference_and_the_defaults_once(lang, request):
    report = request.getfixturevalue(f"example_report_{lang}")
    cat = catalog(lang)
    html = (report / "report.html").read_text(encoding="utf-8")
    context = build_context(report / "results", cat, embed_figures=False)
    # the appendix has its own contents, after the main part
    assert html.index('id="annex"') > html.index('id="plan"')
    annex = html[html.index('id="annex"') :]
    assert 'class="annex-toc"' in annex
    for target in ("annex-tables", "annex-method", "annex-defaults", "sources"):
        assert f'href="#{target}"' in annex
    # no "defaults used" box in any chapter; each default listed once, in the appendix
    assert cat.t("report.defaults_used") not in html
    defaults = [d["text"] for d in context["defaults"]]
    assert defaults
    for text in defaults:
        assert html.count(str(escape(text))) == 1, text
        assert html.index(str(escape(text))) > html.index('id="annex-defaults"')
    # the registers and the full channel and candidate tables are in the appendix, the
    # chapter points to them
    main, tables = html[: html.index('id="annex"')], html[html.index('id="annex-tables"') :]
    for key, name in (
        ("audience", "channels"),
        ("communities", "communities"),
        ("influencers", "ranking"),
        ("risks", "register"),
    ):
        chapter = next(ch for ch in context["chapters"] if ch["key"] == key)
        table = next(t for t in chapter["tables"] if t["name"] == name)
        assert f'id="{table["id"]}"' in tables and f'id="{table["id"]}"' not in main
        assert f'href="#{table["id"]}"' in main


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["example_report_de", "example_report_en", "minimal_report"])
def test_no_empty_section_is_printed(fixture, request):
    report = request.getfixturevalue(fixture)
    html = (report / "report.html").read_text(encoding="utf-8")
    markdown = (report / "report.md").read_text(encoding="utf-8")
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    cat = catalog(lang)
    for key in ("report.none_open", "report.none_yet", "report.no_sources"):
        assert f">{escape(cat.t(key))}<" not in html, key
        assert f"\n{cat.t(key)}\n" not in markdown, key
    # no heading followed directly by the end of its section or by a heading of its rank
    empty = re.findall(r"</h([23])>\s*(?:</section>|<h\1[ >])", html)
    assert not empty
