"""Read ``strategy.yaml`` safely and validate it, naming the YAML line of every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import Problem
from .messages import friendly, value_of
from .profile import Strategy, yaml_line

STRATEGY_FILE = "strategy.yaml"


class YamlLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: pydantic checks them, so ``2027-13-45`` becomes
    a problem with its line instead of a crash inside the YAML parser."""


YamlLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def load_strategy(root: Path, problems: list[Problem]) -> tuple[Strategy | None, set[str] | None]:
    """The validated profile (None if it has problems) and the goal ids it names (as typed;
    None when the file cannot be read), so references to goals are checked in the same run."""
    read = _read(root, problems)
    if read is None:
        return None, None
    data, node = read
    goal_ids = {
        str(g["id"]).strip()
        for g in data.get("goals") or []
        if isinstance(g, dict) and g.get("id") is not None
    }
    strategy, found = validate_strategy(data, node)
    problems.extend(found)
    return strategy, goal_ids


def _read(root: Path, problems: list[Problem]) -> tuple[dict[str, Any], Any] | None:
    """The file's data and its composed node tree (for line numbers), or None."""
    path = root / STRATEGY_FILE
    if not path.is_file():
        problems.append(
            Problem(
                STRATEGY_FILE,
                "the file is missing",
                expected="the firm profile (copy templates/workspace or run `social-strategy new`)",
            )
        )
        return None
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        node = yaml.compose(text, Loader=YamlLoader)
        data = yaml.load(text, Loader=YamlLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        text = f"YAML syntax error: {exc.problem or exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            text += (
                f" (in the block starting at line {exc.context_mark.line + 1}; the cause is "
                "often an unclosed quote or a wrong indentation a few lines above)"
            )
        problems.append(
            Problem(
                STRATEGY_FILE,
                text,
                row=mark.line + 1 if mark else None,
                row_label="line",
                expected="valid YAML; put text containing ':' or '#' in quotes",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            Problem(
                STRATEGY_FILE,
                "the file is empty or not a set of 'key: value' lines",
                row=1,
                row_label="line",
                expected="at least 'firm:' with 'name:'",
            )
        )
        return None
    return data, node


def validate_strategy(
    data: dict[str, Any], node: Any = None
) -> tuple[Strategy | None, list[Problem]]:
    """Check the contents of strategy.yaml; problems name the YAML line when ``node`` is given."""
    try:
        return Strategy.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            message, expected = friendly(err)
            problems.append(
                Problem(
                    STRATEGY_FILE,
                    message,
                    row=yaml_line(node, loc) if node is not None else None,
                    row_label="line",
                    column=".".join(str(p) for p in loc) or None,
                    column_label="field",
                    value=value_of(err),
                    expected=expected,
                )
            )
        return None, problems
