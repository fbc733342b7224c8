"""The executed notebooks as HTML with their code hidden: the record of what was computed.

Notebook outputs and Markdown carry client text (goals, names, notes), so the HTML that
nbconvert makes is cleaned with nh3 (the maintained sanitizer built on ammonia) before the
report embeds it: no script, no event handler, no style, only http(s)/mailto links and
embedded images.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import nh3

from .context import SAFE_SCHEMES

_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_IMAGES = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/svg+xml;")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Links only to the web or mail (or within the page), images only embedded."""
    if tag == "a" and name == "href":
        inside = value.startswith("#")
        return value if inside or urlsplit(value).scheme.lower() in SAFE_SCHEMES else None
    if tag == "img" and name == "src":
        return value if value.lower().startswith(_IMAGES) else None
    return value


def clean_html(html: str) -> str:
    """Embedded HTML made inert (see the module's docstring)."""
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={*SAFE_SCHEMES, "data"},
        id_prefix="nb-",
        clean_content_tags={"script", "style"},
    )


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
            {"name": path.stem, "id": f"appendix-{path.stem}", "html": clean_html(body)}
        )
    return fragments
