"""Hostile and oversized input: limits, the workspace boundary, escaped messages, large
tables validated column by column with the same results as row by row."""

from __future__ import annotations

import errno
import os

import pandas as pd
import pytest

from conftest import TESTS
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.workspace import TABLES, readers
from social_strategy.workspace.readers import read_csv
from social_strategy.workspace.rows import validate_table

POSTS = EXAMPLE_WORKSPACE / "exports" / "facebook_posts.csv"


def _posts_with_mistakes(path):
    lines = POSTS.read_text(encoding="utf-8").splitlines()
    head, body = lines[0], lines[1:]
    bad = [
        body[0].replace(";12;", ";13;", 1),  # month 13
        body[1].replace(";3;10;", ";3;24;", 1),  # hour 24
        ";".join("" for _ in head.split(";")),  # blank row
        body[2].replace(";2413;", ";-5;", 1),  # negative reach
        body[3].replace(";50128;", ";viel;", 1),  # not a number
        body[4].replace(";Photo;", ";;", 1).replace(";2;3;", ";2;;", 1),  # no hour
        body[5].replace(";1;9;", ";1;;", 1),  # no hour either
        body[6].replace(";11692;", ";11.692,5;", 1),  # thousands point, decimal comma
        body[7].replace(";Photo;", ";  Photo  ;", 1),
        body[8].replace(";12;", ";;", 1),  # no month
    ]
    text = "\n".join([head, *bad, *body[9:]]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_large_tables_are_validated_by_column_with_the_same_result(tmp_path, monkeypatch):
    path = _posts_with_mistakes(tmp_path / "posts.csv")
    spec = TABLES["posts"]

    by_row: list = []
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 10**9)
    raw = read_csv(path, "posts.csv")
    assert raw.columnar is None
    rows_frame = validate_table(spec, raw, by_row)

    by_column: list = []
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0)
    raw = read_csv(path, "posts.csv")
    assert raw.columnar is not None
    columns_frame = validate_table(spec, raw, by_column)

    assert [str(p) for p in by_column] == [str(p) for p in by_row]
    assert len(by_row) >= 4
    pd.testing.assert_frame_equal(columns_frame, rows_frame)


def test_columnar_reader_falls_back_for_ragged_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "COLUMNAR_LINES", 0)
    path = tmp_path / "posts.csv"
    path.write_text("weekday;hour;reach\n1;10;5\n2;11;6;extra;cells\n3;12\n", encoding="utf-8")
    problems: list = []
    frame = validate_table(TABLES["posts"], read_csv(path, "posts.csv"), problems)
    assert problems == []
    assert frame["hour"].tolist() == [10, 11, 12]


assert TESTS.is_dir()
pytest.importorskip("numpy")


# -- the render's own files: disk full, read-only or vanished output, one sentence each ------


@pytest.fixture
def no_notebooks(monkeypatch):
    """Renders without executing notebooks (the failures below happen around them)."""
    from social_strategy import pipeline

    monkeypatch.setattr(pipeline, "STEPS", ())


def _published(out):
    client = out / "roestwerk-elbufer-gmbh"
    return client, sorted(p.name for p in client.iterdir())


def _render_twice_second_failing(run_cli, ws, out, fail):
    assert run_cli("render", ws, "--out", out, "--format", "html,md").code == 0
    client, before = _published(out)
    latest = os.readlink(client / "latest")
    digest = (client / "latest" / "report.html").read_bytes()
    with fail():
        result = run_cli("render", ws, "--out", out, "--format", "html,md")
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert os.readlink(client / "latest") == latest
    assert (client / "latest" / "report.html").read_bytes() == digest
    assert _published(out)[1] == before  # no .incomplete-*, no half report
    return result.err


def _raising(monkeypatch, target, name, code, when=lambda *args: True):
    import contextlib

    real = getattr(target, name)

    @contextlib.contextmanager
    def fail():
        def boom(*args, **kwargs):
            if not when(*args):
                return real(*args, **kwargs)
            raise OSError(code, os.strerror(code))

        with monkeypatch.context() as m:
            m.setattr(target, name, boom)
            yield

    return fail


def test_disk_full_while_writing_the_report(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import pathlib

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(monkeypatch, pathlib.Path, "write_text", errno.ENOSPC),
    )
    assert "--out: the report cannot be written to" in err
    assert "no space left on device" in err and "free space on the disk" in err


def test_read_only_out_that_already_holds_reports(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import pathlib

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(
            monkeypatch,
            pathlib.Path,
            "mkdir",
            errno.EROFS,
            when=lambda path, *_: ".incomplete-" in str(path),
        ),
    )
    assert "read-only file system" in err and "a writable folder" in err


def test_output_folder_vanishes_mid_render(
    example_ws, tmp_path, monkeypatch, run_cli, no_notebooks
):
    import social_strategy.report as report

    err = _render_twice_second_failing(
        run_cli,
        example_ws,
        tmp_path / "out",
        _raising(monkeypatch, report, "build_report", errno.ENOENT),
    )
    assert "no such file or directory" in err and "stays in place" in err


@pytest.mark.slow
def test_disk_full_while_papermill_writes_the_notebook(example_ws, tmp_path, monkeypatch, run_cli):
    import papermill.execute

    out = tmp_path / "out"
    with _raising(monkeypatch, papermill.execute, "write_ipynb", errno.ENOSPC)():
        result = run_cli("render", example_ws, "--out", out, "--format", "md")
    assert result.code == 2, result.err
    assert "no space left on device" in result.err and "Traceback" not in result.err
    assert list((out / "roestwerk-elbufer-gmbh").iterdir()) == []


# -- no executable content from input in any output ---------------------------------------

HOSTILE = '"><img src=x onerror=alert(1)> [click](javascript:alert(1)) <script>alert(2)</script>'


def test_markdown_escape_leaves_only_text():
    import mistune

    from social_strategy.report.context import md_escape

    for text in (HOSTILE, "![x](javascript:alert(1))", "<a href='javascript:x'>a</a>", "- 1. #"):
        html = mistune.html(md_escape(text))
        assert "<img" not in html and "<a" not in html and "<script" not in html, html
        assert "<ul" not in html and "<ol" not in html and "<h1" not in html, html
    assert md_escape("$\\x$ **b** _i_ `c`") == "\\$\\\\x\\$ \\*\\*b\\*\\* \\_i\\_ \\`c\\`"
    assert md_escape("Müller & Söhne\nGmbH") == "Müller &amp; Söhne GmbH"
    assert md_escape("1. Platz") == "1\\. Platz"
    assert md_escape("25-49") == "25-49" and md_escape("-5 %") == "\\-5 %"


def test_appendix_html_is_cleaned_by_nh3(tmp_path):
    """The opt-in appendix shows what the notebooks displayed (Markdown summaries, which
    carry client text); the HTML made from it passes nh3 with a short list of tags."""
    import nbformat

    from social_strategy.i18n import catalog
    from social_strategy.report.appendix import notebooks_html, sanitise

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("session.show(result)")
    code.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/markdown": f"- Goal: {HOSTILE} ![p](file:///etc/passwd)\n"
                '- <a href="JaVaScRiPt:alert(3)">a</a><svg onload=alert(4)></svg>'
                '<p style="background:url(http://tracker.example/x)" onclick="alert(5)">p</p>'
            },
        )
    ]
    nb.cells.append(code)
    nbformat.write(nb, tmp_path / "00_firm.ipynb")
    html = notebooks_html(tmp_path, catalog("en"))[0]["html"]
    for bad in (
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<script",
        "<svg",
        "style=",
        "file:",
    ):
        assert bad not in html.lower(), (bad, html)
    assert "Goal:" in html
    assert "href" not in sanitise('<a href="data:text/html,x">d</a>')


def test_report_html_has_a_csp_without_script():
    from social_strategy.paths import REPORT_TEMPLATES

    head = (REPORT_TEMPLATES / "report.html.j2").read_text(encoding="utf-8").split("</head>")[0]
    csp = head.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    assert "unsafe-eval" not in csp and "script-src 'unsafe" not in csp


def test_only_web_and_mail_links_reach_a_report():
    from social_strategy.report.context import safe_url

    assert safe_url("https://example.org/a") and safe_url("mailto:a@b.de")
    for url in (
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "data:text/html,x",
        "file:///etc",
        "",
        None,
    ):
        assert not safe_url(url)
    assert not safe_url("http://[::1")  # malformed: refused, no exception


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    from social_strategy.workspace import neutralise_formula, write_table

    for cell in ('=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1"):
        assert neutralise_formula(cell) == "'" + cell
    for cell in ("Kaffee", 5, -5.0, None, "a=b"):
        assert neutralise_formula(cell) == cell
    frame = pd.DataFrame({"platform": ["Instagram"], "handle": ["@roestwerk"], "notes": ["=1+1"]})
    path = tmp_path / "channels.csv"
    write_table(path, frame, backup=False)
    text = path.read_text(encoding="utf-8-sig")
    assert "'@roestwerk" in text and "'=1+1" in text
    raw = read_csv(path, "channels.csv")  # the readers take the apostrophe off again
    assert raw.rows[0][1]["handle"] == "@roestwerk" and raw.rows[0][1]["notes"] == "=1+1"


def _session(ws):
    import datetime as dt

    from social_strategy.notebook import Session
    from social_strategy.workspace import load_workspace

    return Session(load_workspace(ws), ws.parent / "results", "en", dt.date(2026, 11, 23), False)


def test_channel_named_like_mathtext_is_drawn_as_text(example_ws):
    with (example_ws / "channels.csv").open("a", encoding="utf-8") as fh:
        fh.write("$\\x$,yes,,,,G1,,medium,low,\n")
    session = _session(example_ws)
    result = session.run("audience")
    assert any(v.platform == "$\\x$" for v in result.verdicts)
    session.save(result)  # draws every figure; mathtext would raise "Unknown symbol: \x"
    assert list((example_ws.parent / "results" / "figures").glob("*.svg"))


def test_two_segments_with_the_same_name(example_ws):
    from social_strategy.steps.audience.tables import reach_frame

    path = example_ws / "segments.csv"
    text = path.read_bytes().decode("utf-8-sig").replace("Café-Gäste im Stadtteil", "Stammgäste")
    text = text.replace("Geschenkkäufer im Onlineshop", "Stammgäste")
    path.write_text(text, encoding="utf-8")
    session = _session(example_ws)
    frame = reach_frame(session.run("audience"))
    assert "Stammgäste (S2)" in frame.columns and "Stammgäste (S3)" in frame.columns
    assert frame.columns.is_unique
    session.save(session.run("audience"))


class _Tags:
    """Every tag and attribute of an HTML document (what a browser would act on). Links
    may point within the page, to the report's own files, to the web or to mail."""

    def __init__(self, html: str) -> None:
        from html.parser import HTMLParser

        self.found: list[tuple[str, dict[str, str]]] = []
        parser = HTMLParser()
        parser.handle_starttag = lambda tag, attrs: self.found.append(
            (tag, {k: v or "" for k, v in attrs})
        )
        parser.feed(html)

    def unsafe(self) -> list[tuple[str, dict[str, str]]]:
        from social_strategy.report.context import safe_url

        bad = []
        for tag, attrs in self.found:
            if tag in ("script", "iframe", "object", "embed"):
                bad.append((tag, attrs))
            for name, value in attrs.items():
                link = name in ("href", "src") and not (
                    value.startswith(("#", "data:image/", "results/", "notebooks/"))
                    or safe_url(value)
                )
                if name.startswith("on") or link:
                    bad.append((tag, attrs))
        return bad


def _pdf_links(path) -> list[str]:
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def _plant(ws, payload: str) -> None:
    """The payload in a goal, a segment's name, a channel's notes and the consultant."""
    quoted = "'" + payload.replace("'", "''") + "'"
    path = ws / "strategy.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'goal: "Erste Adresse für Espresso-Fragen zu Hause in Norddeutschland werden"',
        f"goal: {quoted}",
    )
    text = text.replace('consultant: "Beispielberatung (fiktiv)"', f"consultant: {quoted}")
    path.write_text(text, encoding="utf-8")
    cell = '"' + payload.replace('"', '""') + '"'
    path = ws / "segments.csv"
    text = path.read_bytes().decode("utf-8-sig").replace("Hobby-Baristas zu Hause", cell)
    path.write_text(text, encoding="utf-8")
    path = ws / "channels.csv"
    text = path.read_text(encoding="utf-8").replace('"Latte Art, Rösttage, Café-Alltag"', cell)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_hostile_text_reaches_no_report_as_code(example_ws, tmp_path, run_cli):
    import mistune

    _plant(example_ws, HOSTILE + " $\\x$ {firm} %s")
    result = run_cli("render", example_ws, "--out", tmp_path / "out", "--date", "2026-11-23")
    assert result.code == 0, result.err
    report = tmp_path / "out" / "roestwerk-elbufer-gmbh" / "latest"
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    assert _Tags(html).unsafe() == []
    assert "Content-Security-Policy" in html
    md = (report / "report.md").read_text(encoding="utf-8")
    assert "<img" not in md and "<script" not in md
    assert "](javascript:" not in md.replace("\\]", "")  # \] is a bracket shown as text
    assert _Tags(mistune.html(md)).unsafe() == []
    links = _pdf_links(report / "report.pdf")
    assert all(u.startswith(("http://", "https://", "mailto:")) for u in links), links


# -- what validate accepts, render renders -------------------------------------------------

ODD = [
    "$\\x$",
    "{firm}",
    "{0} {x:num} }{",
    "100 %",
    "%s %(x)s %%",
    "back\\slash\\",
    "<b>bold</b> & &amp;",
    '=HYPERLINK("http://example.org")',
    "@SUM(A1)",
    "-2+3",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "😀☕🇩🇪",
    "x" * 10_000,
    "Twitter",
    "  padded  ",
    "a\tb",
    "'quoted' \"twice\"",
    "line\\nbreak",
]


def _oddify(ws, rng) -> None:
    """Odd values in every text field of the example (ids and codes left as they are, so
    references still hold); two segments always share a name."""
    import csv
    import io

    import yaml

    def odd() -> str:
        return ODD[rng.integers(len(ODD))]

    path = ws / "strategy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("name", "legal_name", "industry", "region", "consultant", "website"):
        data["firm"][key] = odd()
    for goal in data["goals"]:
        goal["goal"], goal["metric"], goal["unit"] = odd(), odd(), odd()
    data["added_value"] = [odd() for _ in range(3)]
    data["monitoring"] = {k: [odd(), odd()] for k in ("brands", "products", "keywords")}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    text_columns = {
        "segments.csv": ("name", "interests", "wants", "elsewhere"),
        "channels.csv": ("handle", "notes"),
        "segment_platform_use.csv": ("source",),
        # the tables of steps 2-5 (issue 32): every free-text column that is no id
        "communities.csv": ("platform", "rules", "moderators", "competitors", "notes"),
        "competitors.csv": ("strengths", "weaknesses"),
        "content_plan.csv": ("format", "topic", "title", "teaser", "message"),
        "influencers.csv": ("name", "region", "notes"),
        "interactions.csv": ("text",),
        "ambassadors.csv": ("role", "notes"),
        "team.csv": ("role",),
        "risks.csv": ("early_signals", "owner", "prevention", "response", "escalation"),
        "exports/mentions.csv": ("Quelle", "Autor", "Inhalt", "URL"),
    }
    for name, columns in text_columns.items():
        path = ws / name
        text = path.read_bytes().decode("utf-8-sig")
        sep = ";" if text.splitlines()[0].count(";") else ","
        rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
        for row in rows:
            for column in columns:
                row[column] = odd()
        if name == "segments.csv":
            rows[1]["name"] = rows[2]["name"]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=sep)
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    path = ws / "exports" / "facebook_posts.csv"  # the post type is text too
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    frame["Type"] = [odd() for _ in range(len(frame))]
    frame.to_csv(path, sep=";", index=False)


@pytest.mark.slow
def test_odd_values_in_every_text_field_render_or_exit_2(example_ws, tmp_path, run_cli):
    """Generated odd values ($, {, %, \\, duplicates, RTL, emoji, 10,000 characters): every
    variant validates with 0 or 2, and the first two that validate render with exit 0
    (two renders keep the test to about a minute)."""
    import shutil

    import numpy as np

    rendered = 0
    for seed in range(8):
        ws = tmp_path / f"odd-{seed}"
        shutil.copytree(example_ws, ws)
        _oddify(ws, np.random.default_rng(seed))
        result = run_cli("validate", ws)
        assert result.code in (0, 2), result.err
        assert "Traceback" not in result.err
        if result.code == 0 and rendered < 2:
            out = tmp_path / f"out-{seed}"
            result = run_cli("render", ws, "--out", out, "--format", "md", "--date", "2026-11-23")
            assert result.code in (0, 2), result.err
            assert "Traceback" not in result.err
            rendered += result.code == 0
    assert rendered == 2


def test_report_folders_of_non_latin_firms_never_collide(tmp_path):
    from social_strategy.workspace import slugify

    hebrew, arabic, greek = slugify("מאפיית כהן"), slugify("مخبز الأمل"), slugify("Καφές Αθήνα")
    assert len({hebrew, arabic, greek, "client"}) == 4
    assert all(s and s.isascii() for s in (hebrew, arabic, greek))
    assert slugify("Röstwerk Elbufer GmbH") == "roestwerk-elbufer-gmbh"
    # nothing to transliterate: the workspace folder's name
    assert slugify("—·—", fallback="Bäckerei Krume") == "baeckerei-krume"
    assert slugify("x" * 10_000).startswith("xxx") and len(slugify("x" * 10_000)) == 60


def test_problems_of_one_table_are_capped(tmp_path):
    from social_strategy.workspace.rows import MAX_LISTED

    lines = POSTS.read_text(encoding="utf-8").splitlines()
    bad = []
    for line in lines[1:301]:  # month 13, 300 times
        cells = line.split(";")
        cells[3] = "13"
        bad.append(";".join(cells))
    path = tmp_path / "posts.csv"
    path.write_text("\n".join([lines[0], *bad]) + "\n", encoding="utf-8")
    problems: list = []
    validate_table(TABLES["posts"], read_csv(path, "posts.csv"), problems)
    assert len(problems) == MAX_LISTED + 1
    assert str(problems[-1]) == (
        "posts.csv: and 200 more problems in this table, not listed "
        "(expected the same kind of fix as above)"
    )


def test_export_in_a_linked_folder_outside_is_refused(example_ws, tmp_path, run_cli):
    import shutil

    outside = tmp_path / "elsewhere"
    shutil.move(example_ws / "exports", outside)
    (example_ws / "exports").symlink_to(outside, target_is_directory=True)
    result = run_cli("validate", example_ws)
    assert result.code == 2
    assert "settings.audience.posts_file" in result.err
    assert "inside the workspace" in result.err


@pytest.mark.browser
def test_hostile_report_runs_no_script_in_chromium(example_ws, tmp_path):
    """The issue's finding, replayed: the report with hostile text in the appendix and the
    chapters is opened in Chromium, and no dialog opens."""
    import nbformat
    from playwright.sync_api import sync_playwright

    from social_strategy.report import build_report
    from social_strategy.steps import STEPS

    _plant(example_ws, HOSTILE)
    session = _session(example_ws)
    for step in STEPS:
        session.save(session.run(step))
    books = tmp_path / "notebooks"
    books.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"Goal: {HOSTILE}")]
    nbformat.write(nb, books / "00_x.ipynb")
    report = build_report(tmp_path / "results", tmp_path, "de", ["html"], notebooks_dir=books)
    dialogs: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(report["html"].as_uri())
        page.wait_for_timeout(500)
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith("javascript:"), href
        browser.close()
    assert dialogs == []


@pytest.mark.parametrize(
    ("variable", "fragments"),
    [
        (
            "SOCIAL_STRATEGY_MAX_CELL_CHARS",
            ["book.xlsx, sheet posts", "row 2", "'type'", "too long (50 characters)"],
        ),
        ("SOCIAL_STRATEGY_MAX_ROWS", ["book.xlsx, sheet posts", "too many rows", "at most 10"]),
    ],
)
def test_limits_hold_for_workbooks_too(variable, fragments, minimal_ws, run_cli, monkeypatch):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "posts"
    wb.active.append(["weekday", "hour", "type", "reach"])
    for i in range(12):
        wb.active.append([1, 10, "Photo" if i else "x" * 50, 100])
    wb.save(minimal_ws / "book.xlsx")
    monkeypatch.setenv(variable, "10")
    result = run_cli("validate", minimal_ws)
    assert result.code == 2, result.err
    assert any(all(f in line for f in fragments) for line in result.err.splitlines()), result.err


@pytest.mark.parametrize("name", ["segments", "segment_platform_use", "channels", "posts"])
def test_every_example_table_validates_the_same_by_column(name, monkeypatch):
    path = EXAMPLE_WORKSPACE / ("exports/facebook_posts.csv" if name == "posts" else f"{name}.csv")
    results = []
    for lines in (10**9, 0):
        monkeypatch.setattr(readers, "COLUMNAR_LINES", lines)
        problems: list = []
        results.append(
            (validate_table(TABLES[name], read_csv(path, path.name), problems), problems)
        )
    (by_row, row_problems), (by_column, column_problems) = results
    pd.testing.assert_frame_equal(by_column, by_row)
    assert [str(p) for p in column_problems] == [str(p) for p in row_problems]
