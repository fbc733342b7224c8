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
@pytest.mark.parametrize("workspace", [EXAMPLE_WORKSPACE, MINIMAL], ids=["example", "minimal"])
@pytest.mark.parametrize("book", BOOKS, ids=[b.stem for b in BOOKS])
def test_notebook_executes(book, workspace, tmp_path):
    from traitlets.config import Config

    results = tmp_path / "results"
    pm.execute_notebook(
        str(book),
        str(tmp_path / book.name),
        parameters={
            "workspace": str(workspace),
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
