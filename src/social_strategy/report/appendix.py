"""The optional appendix (``render --appendix``): what each executed notebook reported.

The executed notebooks themselves always stay in the report folder (``notebooks/``) as the
record of what was computed. The appendix is opt-in and shows, per notebook, only the
summaries the notebook displayed in the report's language (``Session.show``): no code, no
pandas tables, no notebook prose (which is English), no headings without content. Every
fragment passes through an HTML sanitiser before it reaches the report.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import Catalog

#: tags and attributes the appendix may contain after sanitising
_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "br",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "div",
}
_ATTRIBUTES = {"th": {"scope"}, "div": {"class"}, "td": {"class"}}
_HEADING = re.compile(r"<(/?)h([1-6])\b", re.I)


def sanitise(html: str) -> str:
    """Only harmless markup survives: no scripts, styles, event handlers, links or images."""
    import nh3

    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, link_rel=None, strip_comments=True)


def _demote(html: str) -> str:
    """Headings inside a notebook's output sit below the appendix's own (h2 > h3 > h4)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 3)}", html)


def _markdown(text: str) -> str:
    import mistune

    html = mistune.html(text)
    html = html.replace("<table>", '<div class="table-scroll"><table>').replace(
        "</table>", "</table></div>"
    )
    return html.replace("<th>", '<th scope="col">')


def notebooks_html(notebooks_dir: Path, cat: Catalog) -> list[dict[str, str]]:
    """One entry per executed notebook that displayed something in the report's language."""
    import nbformat

    fragments: list[dict[str, str]] = []
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        parts = [
            output["data"]["text/markdown"]
            for cell in nb.cells
            if cell.cell_type == "code"
            for output in cell.get("outputs", [])
            if output.get("output_type") == "display_data"
            and "text/markdown" in output.get("data", {})
            and str(output["data"]["text/markdown"]).strip()
        ]
        if not parts:
            continue
        step = path.stem.split("_", 1)[-1]
        title = cat.t(f"{step}.title") if cat.has(f"{step}.title") else path.stem
        body = sanitise(_demote("\n".join(_markdown(str(p)) for p in parts)))
        fragments.append(
            {
                "name": path.stem,
                "id": f"appendix-{path.stem}",
                "title": title,
                "file": f"notebooks/{path.name}",
                "html": body,
            }
        )
    return fragments


__all__ = ["notebooks_html", "sanitise"]
