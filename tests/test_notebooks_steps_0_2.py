"""Notebooks 00-02 in workshop mode: no Markdown cells, code hidden, every text from the
catalogs, table headings in the session's language, no NaN, reasons not cut."""

from __future__ import annotations

import ast
import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from conftest import MINIMAL, REPORT_DATE
from social_strategy.i18n import available_languages, catalog
from social_strategy.notebook import Session
from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS
from social_strategy.results import load_sections
from social_strategy.steps import audience, communities, firm
from social_strategy.workspace import STEP_INPUTS, load_workspace

BOOKS = {"firm": "00_firm", "audience": "01_audience", "communities": "02_communities"}
#: words that give an English sentence away in a German output
ENGLISH = re.compile(r"\b(the|and|is|of|are|with|for|not)\b")
BLANK = re.compile(r"\b(NaN|nan|None|NaT)\b")


def _cells(step: str) -> list[dict]:
    return json.loads((NOTEBOOKS / f"{BOOKS[step]}.ipynb").read_text(encoding="utf-8"))["cells"]


def _said(source: str) -> set[str]:
    """The literal keys of ``say(...)`` and ``cat.t(...)`` calls in a cell."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("say", "t"):
                keys.add(node.args[0].value)
    return keys


@pytest.mark.parametrize("step", BOOKS)
def test_code_cells_only_hidden_and_texts_from_the_catalogs(step):
    cells = _cells(step)
    assert all(c["cell_type"] == "code" for c in cells)
    assert all(c["metadata"].get("jupyter", {}).get("source_hidden") for c in cells)
    assert cells[0]["metadata"]["tags"] == ["parameters"]
    sources = ["".join(c["source"]) for c in cells]
    assert f'session.say("{step}.nb.intro")' in sources[1]
    assert sources[-1].startswith(f'session.save(session.run("{step}"))')
    assert "session.prepare_workshop()" in sources[-1]
    said = set().union(*(_said(s) for s in sources))
    assert f"{step}.nb.intro" in said and len(said) >= 5
    for lang in available_languages():
        missing = [k for k in said if not catalog(lang).has(k)]
        assert not missing, (lang, missing)
    for source in sources[1:]:
        assert "print(" not in source
        assert "display(" not in source or "if interactive:" in source


def test_every_column_of_steps_0_to_2_has_a_short_unique_label():
    for lang in available_languages():
        cat = catalog(lang)
        tables = [(t.name, t.columns(), i.step) for i in STEP_INPUTS for t in i.tables]
        tables.append(("goals", list(firm.GOAL_FIELDS), "firm"))
        for name, columns, step in tables:
            if step not in BOOKS:
                continue
            labels = [cat.t(f"{step}.col.{name}.{c}") for c in columns]
            assert len(set(labels)) == len(labels), (lang, name, labels)
            assert all(0 < len(label) <= 30 for label in labels), (lang, name, labels)


def _session(lang: str, workspace=EXAMPLE_WORKSPACE) -> Session:
    ws = load_workspace(workspace)
    return Session(ws, Path("unused-results"), lang, dt.date.fromisoformat(REPORT_DATE), False)


def _frames(session: Session):
    cat = session.cat
    a, c = session.run("audience"), session.run("communities")
    yield firm.profile_frame(session.ws, cat)
    yield firm.goals_frame(session.ws, cat)
    yield firm.added_value_frame(session.ws, cat)
    yield audience.segments_frame(session.ws, cat)
    yield audience.reach_frame(a, cat)
    yield audience.verdict_frame(a, cat)
    yield audience.audit_frame(a, cat)
    for frame in (
        communities.register_frame,
        communities.cards_frame,
        communities.findings_frame,
        communities.risk_frame,
        communities.competitors_frame,
    ):
        yield frame(c, cat)


@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
def test_step_frames_speak_the_session_language_and_show_no_nan(workspace):
    german = _session("de", workspace)
    english = _session("en", workspace)
    for de, en in zip(_frames(german), _frames(english), strict=True):
        assert len(de.columns) == len(en.columns)
        if list(de.columns) and len(de.columns) == len(en.columns) and workspace != MINIMAL:
            # the headings come from the catalog: at least one differs between the languages
            assert list(de.columns) != list(en.columns) or de.index.name != en.index.name
        for value in de.astype(str).to_numpy().ravel():
            assert not BLANK.search(value), value
        for heading in de.columns:
            assert not ENGLISH.search(str(heading)), heading


def test_verdict_reasons_and_percentages_are_whole_and_local():
    session = _session("de")
    a = session.run("audience")
    frame = audience.verdict_frame(a, session.cat)
    reasons = frame[session.cat.t("audience.col.reasons")]
    for verdict, text in zip(a.verdicts, reasons, strict=True):
        assert text == "; ".join(session.cat.text(m.model_dump()) for m in verdict.reasons)
    shares = [v for v in frame[session.cat.t("audience.col.reach")] if v]
    assert shares and all(v.endswith("\u00a0%") and "." not in v for v in shares)


def test_segments_show_rungs_motives_and_shares_in_german():
    session = _session("de")
    frame = audience.segments_frame(session.ws, session.cat)
    cat = session.cat
    rungs = " ".join(frame[cat.t("audience.col.segments.participation")])
    motives = " ".join(frame[cat.t("audience.col.segments.motives")])
    assert "Zuschauer" in rungs and "spectators" not in rungs
    assert "um Kontakte zu pflegen" in motives and "connecting" not in motives
    assert "27,5" in list(frame[cat.t("audience.col.segments.share_pct")])


def test_posting_times_are_told_in_the_session_language():
    for lang in ("de", "en"):
        session = _session(lang)
        text = audience.times_text(session.run("audience"), session.cat)
        assert "500" in text and not BLANK.search(text)
        if lang == "de":
            assert not ENGLISH.search(text), text
    empty = _session("de", MINIMAL)
    assert audience.times_text(empty.run("audience"), empty.cat) == empty.cat.t(
        "audience.nb.times_none"
    )


def _texts(nb: dict) -> list[str]:
    """What the executed notebook shows as text: Markdown, HTML (styles and tags removed),
    printed output."""
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error", o.get("evalue")
            if o["output_type"] == "stream":
                out.append(o["text"] if isinstance(o["text"], str) else "".join(o["text"]))
            data = o.get("data", {})
            if "text/markdown" in data:
                out.append("".join(data["text/markdown"]))
            if "text/html" in data:
                text = re.sub(r"(?s)<style.*?</style>", " ", "".join(data["text/html"]))
                out.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return out


def _german_only(texts: list[str]) -> None:
    assert len(texts) >= 5
    for text in texts:
        assert not BLANK.search(text), text
        assert "..." not in text, text
        assert not ENGLISH.search(text), ENGLISH.search(text).group(0) + ": " + text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("step", BOOKS)
def test_german_example_notebook_shows_german_only(step, example_report_de):
    """The example's notebooks as the session's German render executed them (papermill,
    the same parameters as below)."""
    executed = example_report_de / "notebooks" / f"{BOOKS[step]}.ipynb"
    nb = json.loads(executed.read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["language"] == "de"
    _german_only(_texts(nb))


@pytest.mark.slow
@pytest.mark.parametrize("step", BOOKS)
def test_german_notebook_shows_german_only_on_a_kernel_of_its_own(step, tmp_path):
    import papermill as pm
    from traitlets.config import Config

    book = NOTEBOOKS / f"{BOOKS[step]}.ipynb"
    nb = pm.execute_notebook(
        str(book),
        str(tmp_path / book.name),
        parameters={
            "workspace": str(MINIMAL),
            "results_dir": str(tmp_path / "results"),
            "language": "de",
            "report_date": REPORT_DATE,
            "interactive": False,
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
        config=Config({"KernelManager": {"transport": "ipc"}}),
    )
    # on a kernel of its own, the notebook writes its own step and no other
    assert [r.order for r in load_sections(tmp_path / "results")] == [int(BOOKS[step][:2])]
    _german_only(_texts(nb))


def _texts_of(shown) -> str:
    """The text of what a view displayed (a Styler, Markdown or nothing)."""
    if shown is None:
        return ""
    if hasattr(shown, "to_html"):
        return html.unescape(shown.to_html())
    return str(getattr(shown, "data", shown))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("step", "table", "row_key", "row_value", "column", "value", "expected"),
    [
        ("firm", "goals", "id", "G1", "target", "320", "320"),
        ("audience", "channels", "platform", "TikTok", "considered", "no", "Nicht erwogen"),
        (
            "communities",
            "communities",
            "name",
            "Genuss in Hamburg (Newsletter)",
            "companies",
            "no",
            "Nur zuhören",
        ),
    ],
    ids=["firm", "audience", "communities"],
)
def test_workshop_views_follow_a_save_in_the_steps_grid(
    step, table, row_key, row_value, column, value, expected, example_ws, tmp_path
):
    """The notebook's cells run as in a workshop (views in output widgets, forms built); a
    save in the step's grid draws every view of the step again, with the change in it."""
    from test_notebook_views import _run_cells

    from social_strategy.forms import goals_form, table_form

    scope = _run_cells(BOOKS[step], example_ws, tmp_path / "results", "de")
    session = scope["session"]
    assert session._views and {n for n, _, _ in session._views} == {step}
    views = session._views
    before = sum(_texts_of(render(session.run(n))).count(expected) for n, render, _ in views)
    drawn: list = []
    session._views = [
        (name, lambda r, render=render: drawn.append(render(r)) or drawn[-1], out)
        for name, render, out in session._views
    ]
    form = goals_form(session) if table == "goals" else table_form(session, table)
    keys = [row[form.store.header.index(row_key)] for row in form.rows]
    form.set_cell(keys.index(row_value), column, value)
    assert form.save(), form.status.value
    assert len(drawn) >= len(session._views)
    assert sum(_texts_of(d).count(expected) for d in drawn) > before
