"""The executed notebooks as HTML with their code hidden: the record of what was computed."""

from __future__ import annotations

import re
from pathlib import Path

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def notebooks_html(notebooks_dir: Path) -> list[dict[str, str]]:
    """Every executed notebook's body (markdown and outputs, no code) for the appendix."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    fragments: list[dict[str, str]] = []
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        body, _ = exporter.from_notebook_node(nbformat.read(path, as_version=4))
        fragments.append(
            {"name": path.stem, "id": f"appendix-{path.stem}", "html": _SCRIPT.sub("", body)}
        )
    return fragments
