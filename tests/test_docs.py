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
