"""docs/workspace.md and the table specifications say the same: every documented column
exists in its table's spec, and every column of every spec is documented."""

from __future__ import annotations

import re
from pathlib import Path

from social_strategy.workspace.inputs import TABLES

DOC = Path(__file__).parents[1] / "docs" / "workspace.md"

#: "## segments.csv: the target groups (step 1)" -> "segments"
SECTION = re.compile(r"^##\s+`?([A-Za-z0-9_]+)\.csv`?\b")
#: the first cell of a row, and the column names written in backticks in it
FIRST_CELL = re.compile(r"^\|([^|]*)\|")
NAME = re.compile(r"`([A-Za-z0-9_]+)`")


def documented_columns(text: str) -> dict[str, set[str]]:
    """Table name -> the columns its section's column tables name.

    A column table is a Markdown table whose header's first cell is "column"; each of its
    rows names one or more columns in backticks in its first cell (`likes`, `comments`).
    Other tables in a section (limits, examples) and prose are ignored.
    """
    found: dict[str, set[str]] = {}
    table: str | None = None
    in_columns = False
    for line in text.splitlines():
        heading = SECTION.match(line)
        if line.startswith("## "):
            table = heading.group(1) if heading else None
            if table is not None:
                found.setdefault(table, set())
            in_columns = False
            continue
        if table is None:
            continue
        cell = FIRST_CELL.match(line.strip())
        if cell is None:
            in_columns = False
            continue
        first = cell.group(1).strip()
        if first.strip("`").lower() == "column":
            in_columns = True
        elif in_columns and not set(first) <= set("-: "):
            found[table].update(NAME.findall(first))
    return found


def test_the_parser_reads_a_section_and_ignores_other_tables():
    text = """
## things.csv: things (step 9)

| limit | value |
|---|---|
| `not_a_column` | 3 |

| column | required | meaning |
|---|---|---|
| `id` | yes | the id |
| `likes`, `comments` | no | summed |

Prose with `prose_name`.

## strategy.yaml

| column | meaning |
|---|---|
| `elsewhere` | not a table |
"""
    assert documented_columns(text) == {"things": {"id", "likes", "comments"}}


def test_every_table_has_a_section():
    documented = documented_columns(DOC.read_text(encoding="utf-8"))
    missing = sorted(set(TABLES) - set(documented))
    assert not missing, f"tables without a section '## <name>.csv: ...' in {DOC.name}: {missing}"
    unknown = sorted(set(documented) - set(TABLES))
    assert not unknown, f"{DOC.name} documents tables no step reads: {unknown}"


def test_documented_columns_match_the_specs():
    documented = documented_columns(DOC.read_text(encoding="utf-8"))
    errors = []
    for name, spec in TABLES.items():
        columns = set(spec.columns())
        docs = documented.get(name, set())
        errors += [
            f"{name}.csv: column '{c}' is in the spec but not in {DOC.name}"
            for c in sorted(columns - docs)
        ]
        errors += [
            f"{name}.csv: column '{c}' is in {DOC.name} but not in the spec"
            for c in sorted(docs - columns)
        ]
    assert not errors, "\n".join(errors)


# --------------------------------------------------------------------------- settings
# Each setting's default is written once, in its pydantic model; the documented settings
# block of strategy.yaml ("every value below is the default") and every "`name` ...
# default N" in the docs are checked against the models.

README = Path(__file__).parents[1] / "README.md"
DOCS = [README, *sorted((Path(__file__).parents[1] / "docs").glob("*.md"))]
#: "`max_promotion_pct`, default 20 %", "`forward_max` accounts (default 20,000)"
DEFAULT_MENTION = re.compile(r"`([a-z_0-9]+)`([^`.;]{0,60}?)\bdefault:?\s+(\d[\d,]*(?:\.\d+)?)")


def _model_defaults() -> dict[str, dict]:
    from social_strategy.workspace import STEP_INPUTS

    return {
        i.step: i.settings().model_dump(mode="json") for i in STEP_INPUTS if i.settings is not None
    }


def documented_settings(text: str) -> dict:
    """The ``settings:`` block of the strategy.yaml example in ``text``, as YAML reads it."""
    import yaml

    block = re.search(r"^## strategy\.yaml\n.*?```yaml\n(.*?)```", text, re.S | re.M)
    assert block, "docs/workspace.md has no strategy.yaml example"
    return (yaml.safe_load(block.group(1)) or {}).get("settings") or {}


def _same(documented, default) -> bool:
    """A documented value and a model's default: blank and None are the same (an empty
    setting takes the default), numbers compare as numbers."""
    if documented in ("", None, []) or default in ("", None, []):
        return documented in ("", None, []) and default in ("", None, [])
    if isinstance(default, dict) and isinstance(documented, dict):
        return documented.keys() == default.keys() and all(
            _same(documented[k], default[k]) for k in default
        )
    if isinstance(default, list) and isinstance(documented, list):
        return len(documented) == len(default) and all(map(_same, documented, default))
    if isinstance(default, (int, float)) and not isinstance(default, bool):
        return isinstance(documented, (int, float)) and float(documented) == float(default)
    return documented == default


def _compare(documented: dict, defaults: dict, where: str) -> list[str]:
    errors = [
        f"{where}.{k}: documented, but no such setting" for k in documented.keys() - defaults.keys()
    ]
    errors += [
        f"{where}.{k}: a setting the docs do not list" for k in defaults.keys() - documented.keys()
    ]
    for key in documented.keys() & defaults.keys():
        doc, default = documented[key], defaults[key]
        if isinstance(default, dict) and isinstance(doc, dict) and key != "weights":
            errors += _compare(doc, default, f"{where}.{key}")
        elif not _same(doc, default):
            errors.append(f"{where}.{key}: documented {doc!r}, the model's default is {default!r}")
    return errors


def test_the_documented_settings_are_the_models_defaults():
    documented = documented_settings(DOC.read_text(encoding="utf-8"))
    errors = _compare(documented, _model_defaults(), "settings")
    assert not errors, "\n".join(errors)


def _defaults_by_name(tree: dict, found: dict[str, set[float]] | None = None) -> dict:
    found = {} if found is None else found
    for key, value in tree.items():
        if isinstance(value, dict):
            _defaults_by_name(value, found)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found.setdefault(key, set()).add(float(value))
    return found


def test_every_default_named_in_the_docs_is_the_models():
    defaults = _defaults_by_name(_model_defaults())
    errors, seen = [], 0
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for m in DEFAULT_MENTION.finditer(text):
            name, value = m.group(1), float(m.group(3).replace(",", ""))
            if name not in defaults:
                continue
            seen += 1
            if value not in defaults[name]:
                line = text.count("\n", 0, m.start()) + 1
                errors.append(
                    f"{doc.name}:{line}: `{name}` default {m.group(3)}, the model says "
                    f"{', '.join(f'{v:g}' for v in sorted(defaults[name]))}"
                )
    assert seen >= 10, "the pattern no longer finds the defaults the docs name"
    assert not errors, "\n".join(errors)


def test_the_settings_checks_find_a_wrong_default():
    text = (
        "## strategy.yaml\n\n```yaml\nsettings:\n  communities:\n    max_promotion_pct: 25\n```\n"
    )
    documented = documented_settings(text)
    errors = _compare(documented, {"communities": {"max_promotion_pct": 20.0, "min_words": 4}}, "s")
    assert errors == [
        "s.communities.min_words: a setting the docs do not list",
        "s.communities.max_promotion_pct: documented 25, the model's default is 20.0",
    ]
    m = DEFAULT_MENTION.search("per channel (`max_promotion_pct`, default\n20 %), per week")
    assert m and m.group(1) == "max_promotion_pct" and m.group(3) == "20"
    m = DEFAULT_MENTION.search("traced from `forward_max` accounts (default 20,000) the same")
    assert m and m.group(3) == "20,000"


def test_the_tables_the_forms_write_are_the_ones_with_a_grid():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## What forms write", 1)[1].split("\n## ", 1)[0]
    listed = section.split("the tables the steps' grids edit:", 1)[1].split("(", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)\.csv`", listed))
    assert documented == {name for name, spec in TABLES.items() if spec.form}
