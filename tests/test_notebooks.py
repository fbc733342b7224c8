"""Every notebook executes under papermill, on the example and on a minimal workspace,
and is committed without outputs."""

from __future__ import annotations

import json

import papermill as pm
import pytest

from conftest import MINIMAL, REPORT_DATE
from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.pipeline import notebooks
from social_strategy.results import load_sections

BOOKS = notebooks()


def test_notebooks_exist_in_method_order():
    names = [b.stem for b in BOOKS]
    assert names[0] == "00_firm"
    assert names == sorted(names)


@pytest.mark.parametrize("book", BOOKS, ids=[b.stem for b in BOOKS])
def test_committed_without_outputs(book):
    nb = json.loads(book.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.slow
def test_every_notebook_executes_on_the_example(example_report_en):
    """The session's render of the example executed every notebook under papermill with the
    parameters below (in English), each writing its own step; a notebook executed on a
    kernel of its own is checked on the minimal workspace below and, for 00-02, in German
    too (test_notebooks_steps_0_2)."""
    for book in BOOKS:
        executed = json.loads((example_report_en / "notebooks" / book.name).read_text("utf-8"))
        run = executed["metadata"]["papermill"]
        assert run["input_path"] == str(book) and not run["exception"]
        params = run["parameters"]
        assert params["workspace"] == str(EXAMPLE_WORKSPACE) and params["language"] == "en"
        assert params["report_date"] == REPORT_DATE and params["interactive"] is False
    sections = load_sections(example_report_en / "results")
    assert [s.order for s in sections] == [int(book.stem[:2]) for book in BOOKS]


@pytest.mark.slow
@pytest.mark.parametrize("book", BOOKS, ids=[b.stem for b in BOOKS])
def test_notebook_executes_on_a_kernel_of_its_own(book, tmp_path):
    from traitlets.config import Config

    results = tmp_path / "results"
    pm.execute_notebook(
        str(book),
        str(tmp_path / book.name),
        parameters={
            "workspace": str(MINIMAL),
            "results_dir": str(results),
            "language": "en",
            "report_date": REPORT_DATE,
            "interactive": False,
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
        config=Config({"KernelManager": {"transport": "ipc"}}),
    )
    sections = load_sections(results)
    assert len(sections) == 1
    assert sections[0].order == int(book.stem[:2])  # the notebook writes its own step
