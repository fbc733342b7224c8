"""Notebooks 3-5 in the workshop's language: code cells only (texts from the catalogs), the
step's tables headed from the catalog, blank cells blank, client text escaped."""

from __future__ import annotations

import ast
import json
import re

import pandas as pd
import pytest

from conftest import MINIMAL, REPORT_DATE
from social_strategy.i18n import _load, catalog
from social_strategy.notebook import Session, start
from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS
from social_strategy.steps import frames, influencers, resources, risks
from social_strategy.workspace import STEP_INPUTS

STEPS = {"03_influencers": "influencers", "04_resources": "resources", "05_risks": "risks"}


def _cells(book: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{book}.ipynb").read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("book", STEPS)
def test_notebook_is_code_cells_with_catalog_texts(book):
    step = STEPS[book]
    cells = _cells(book)
    assert all(c["cell_type"] == "code" for c in cells), "no markdown cells"
    assert all(c["metadata"]["jupyter"]["source_hidden"] for c in cells)
    assert cells[0]["metadata"]["tags"] == ["parameters"]
    sources = ["".join(c["source"]) for c in cells]
    assert "session = start(" in sources[1] and f'session.say("{step}.nb.intro")' in sources[1]
    assert sources[-1].startswith(f'session.save(session.run("{step}"))')
    assert "session.prepare_workshop()" in sources[-1]
    forms = [s for s in sources if "_form(session)" in s]
    assert forms and all(re.match(r"if interactive\b", s) for s in forms)
    said: set[str] = set()
    for source in sources:
        assert "print(" not in source
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if node.func.attr == "say" or (node.func.attr == "t" and args):
                    said.add(args[0])
        said |= set(re.findall(rf'"({step}\.nb\.[a-z_]+)"', source))
        # every cell ends in a statement that shows nothing by itself (views do the showing)
        tree = ast.parse(source)
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            assert isinstance(tree.body[-1].value, ast.Call), source
    for lang in ("de", "en"):
        messages = _load(lang)
        assert said - set(messages) == set(), lang
    # every text of the notebook is said somewhere in it
    nb_keys = {k for k in _load("en") if k.startswith(f"{step}.nb.")}
    assert nb_keys <= said | {f"{step}.nb.numbers", f"{step}.nb.numbers_no_team"}


def test_every_column_of_steps_3_to_5_has_a_heading_in_both_languages():
    for inputs in STEP_INPUTS:
        if inputs.step not in STEPS.values():
            continue
        for table in inputs.tables:
            for lang in ("de", "en"):
                cat = catalog(lang)
                keys = [f"{inputs.step}.col.{table.name}.{c}" for c in table.columns()]
                assert all(cat.has(k) for k in keys), (lang, table.name)
                labels = [cat.t(k) for k in keys]
                assert len(set(labels)) == len(labels), (lang, table.name, labels)


def _frames(session: Session) -> list[pd.DataFrame | None]:
    cat = session.cat
    inf, res, rsk = (session.run(s) for s in ("influencers", "resources", "risks"))
    return [
        influencers.ranking_frame(inf, cat),
        influencers.sets_frame(inf, cat),
        influencers.ambassador_frame(inf, cat),
        resources.hours_frame(res, cat),
        resources.team_frame(res, cat),
        resources.scenario_frame(res, cat),
        resources.budget_frame(res, cat),
        risks.register_frame(rsk, cat),
        risks.cases_frame(rsk, cat),
        risks.spread_frame(rsk, cat),
        risks.sentiment_frame(rsk, cat),
        risks.queue_frame(rsk, cat),
    ]


@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
def test_german_tables_have_catalog_headings_and_no_nan(workspace, tmp_path):
    session = start(str(workspace), str(tmp_path / "results"), "de", REPORT_DATE, False)
    de = {v for v in _load("de").values() if isinstance(v, str)}
    shown = 0
    for frame in _frames(session):
        if frame is None or frame.empty:
            continue
        shown += 1
        names = [*frame.columns, frame.index.name, frame.columns.name]
        for name in names:
            # a heading is a catalog text, or a month of the budget (2027-01)
            assert name is None or name in de or re.fullmatch(r"\d{4}-\d{2}", str(name)), name
        html = frames.shown(frame, session.cat).to_html()
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", html, flags=re.S))
        assert not re.search(r"\b(NaN|nan|None|NaT)\b", text), text[:500]
        assert "…" not in text
        # numbers in the German format: no English thousands separators
        assert not re.search(r"\b\d{1,3},\d{3}\b(?!,)", text.replace("\u202f", ""))
    assert shown >= (10 if workspace == EXAMPLE_WORKSPACE else 2)


def test_shown_escapes_client_text_and_says_when_there_is_nothing():
    cat = catalog("de")
    frame = pd.DataFrame({"a": ["<script>x</script>", None], "b": [31500.0, float("nan")]})
    html = frames.shown(frame, cat).to_html()
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert "31.500" in html and "nan" not in html.lower().replace("nan-", "")
    empty = frames.shown(pd.DataFrame(), cat, "risks.nb.no_queue")
    assert empty.data == cat.t("risks.nb.no_queue")
    assert frames.shown(None, cat) is None


def _run_cells(book: str, workspace, results, lang: str) -> dict:
    """Execute a notebook's cells in-process as a workshop (interactive) would, but the
    last (which saves and rebuilds the workshop report)."""
    from IPython.display import display

    scope = {"display": display}
    cells = ["".join(c["source"]) for c in _cells(book)]
    exec(cells[0], scope)
    scope.update(workspace=str(workspace), results_dir=str(results), language=lang)
    scope.update(report_date=REPORT_DATE, interactive=True)
    for source in cells[1:-1]:
        exec(source, scope)
    return scope


@pytest.mark.slow
def test_workshop_views_of_notebook_4_follow_a_save_in_the_team_grid(example_ws, tmp_path):
    from social_strategy.forms import table_form

    scope = _run_cells("04_resources", example_ws, tmp_path / "results", "de")
    session = scope["session"]
    assert len(session._views) >= 7 and {n for n, _, _ in session._views} == {"resources"}
    drawn: list = []
    session._views = [
        (name, lambda r, render=render: drawn.append(render(r)) or drawn[-1], out)
        for name, render, out in session._views
    ]
    form = table_form(session, "team")
    form.set_cell(0, "hours_per_week", "30")
    form.set_cell(1, "trained", "ja")  # a trained deputy for the one trained person
    assert form.save(), form.status.value
    assert len(drawn) == len(session._views)  # every view of the step drawn again
    verdict = next(d for d in drawn if hasattr(d, "data") and "Bedarf" in str(d.data))
    assert "Genug für eine dauerhafte Betreuung" in verdict.data


@pytest.mark.slow
@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
@pytest.mark.parametrize("book", STEPS)
def test_workshop_cells_run_and_a_save_redraws_the_step(book, workspace, tmp_path):
    """Every cell but the last runs as a workshop runs it (views in output widgets, forms
    built); saving the step's first grid unchanged redraws every view of the step."""
    import shutil

    from social_strategy.forms import table_form

    ws = tmp_path / "ws"
    shutil.copytree(workspace, ws)
    scope = _run_cells(book, ws, tmp_path / "results", "de")
    session = scope["session"]
    step = STEPS[book]
    assert session._views and {n for n, _, _ in session._views} == {step}
    drawn: list = []
    session._views = [
        (name, lambda r, render=render: drawn.append(render) or render(r), out)
        for name, render, out in session._views
    ]
    table = next(i for i in STEP_INPUTS if i.step == step).tables[0].name
    form = table_form(session, table)
    form.save()
    assert "smw-saved" in form.status.value, form.status.value
    assert len(drawn) >= len(session._views)


def test_shown_tables_read_texts_from_the_left_and_numbers_from_the_right():
    """JupyterLab and Voila right-align every table cell: a view's columns with words in
    them are left-aligned (heading and cells), numbers, amounts and spans stay right."""
    frame = pd.DataFrame({"Ziel": ["Mehr Anfragen", "G2"], "Wert": ["22,5", "58 %"], "N": [1, 2]})
    html = frames.shown(frame, catalog("de")).to_html()
    style = html.split("</style>")[0]
    assert "th.col0" in style and "_row0_col0" in style and "text-align: left" in style
    assert "col1" not in style and "col2" not in style


def test_shown_tables_keep_a_named_index_on_the_heading_row():
    """A named index (a rank "Nr.") is shown as the first column, its heading beside the
    others, not on a heading row of its own."""
    frame = pd.DataFrame({"Szenario": ["Hack", "Gerücht"]}, index=pd.Index([1, 2], name="Nr."))
    html = frames.shown(frame, catalog("de")).to_html()
    head = html.split("<thead>")[1].split("</thead>")[0]
    assert head.count("<tr>") == 1 and "Nr." in head and "Szenario" in head
    assert "index_name" not in html and ">1</td>" in html


def test_shown_tables_keep_long_texts_readable():
    """A column of sentences keeps a minimum width in a wide table (it scrolls sideways)
    instead of a word per line; short texts and numbers get no minimum."""
    frame = pd.DataFrame({"Name": ["@hh.isst"], "Begründung": ["Stark bei " * 6], "N": [3]})
    style = frames.shown(frame, catalog("de")).to_html().split("</style>")[0]
    assert style.count("min-width: 14em") == 1
    assert "_row0_col1" in style.split("min-width")[0].rsplit("}", 1)[-1]
