"""Read ``strategy.yaml`` safely and validate it, naming the YAML line of every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import Problem
from ..paths import inside
from .limits import env_name, limits
from .messages import described, value_of
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
    if strategy is not None and strategy.firm.logo:
        problem = check_logo(root, strategy.firm.logo)
        if problem is not None:
            problems.append(problem)
    return strategy, goal_ids


#: the image formats a logo may have: those Word, PowerPoint and the PDF all show
LOGO_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}
LOGO_MAX_MB = 10


def logo_path(root: Path, logo: str) -> Path:
    """The logo file ``firm.logo`` names, inside the workspace ``root``."""
    return (Path(root) / logo).resolve()


def check_logo(root: Path, logo: str) -> Problem | None:
    """A problem when ``firm.logo`` names no readable image inside the workspace."""

    def bad(message: str, expected: str) -> Problem:
        return Problem(
            STRATEGY_FILE,
            message,
            column="firm.logo",
            column_label="field",
            value=logo,
            expected=expected,
        )

    where = "a PNG, JPEG or GIF file in the workspace folder, e.g. logo.png"
    path = logo_path(root, logo)
    try:
        path.relative_to(Path(root).resolve())
    except ValueError:
        return bad("the logo file is outside the workspace folder", where)
    if not path.is_file():
        return bad("the logo file does not exist", where)
    if path.stat().st_size > LOGO_MAX_MB * 1024 * 1024:
        return bad("the logo file is too large", f"an image of at most {LOGO_MAX_MB} MB")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        return bad("the logo file is not an image", where)
    if kind not in LOGO_FORMATS:
        return bad(f"the logo is a {kind} image", where)
    return None


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
    if not inside(root, path, problems):
        return None
    limit = limits()
    raw = _bytes(path, problems)
    if raw is None:
        return None
    text = raw.decode("utf-8-sig", errors="replace")
    too_deep = Problem(
        STRATEGY_FILE,
        "the file is nested too deeply to read",
        expected=f"at most {limit.max_yaml_depth} levels of indentation or brackets"
        f"; {env_name('max_yaml_depth')} raises the limit",
    )
    if _depth_at_least(text, limit.max_yaml_depth + 1):
        problems.append(too_deep)
        return None
    try:
        node = yaml.compose(text, Loader=YamlLoader)
        data = yaml.load(text, Loader=YamlLoader)  # a SafeLoader subclass
    except (RecursionError, MemoryError):
        problems.append(too_deep)
        return None
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(exc))
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


def _bytes(path: Path, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None (a problem listed) when it cannot be read or is larger than
    the limit."""
    limit = limits()
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= limit.max_yaml_kb * 1024 else b""
    except OSError as exc:
        problems.append(Problem(STRATEGY_FILE, f"the file cannot be read ({exc.strerror})"))
        return None
    if size > limit.max_yaml_kb * 1024:
        problems.append(
            Problem(
                STRATEGY_FILE,
                f"the file is too large to read ({size / 1024:,.0f} KB)",
                expected=f"at most {limit.max_yaml_kb:,.0f} KB"
                f"; {env_name('max_yaml_kb')} raises the limit",
            )
        )
        return None
    return data


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    """A YAML error as a problem: the line of a syntax error, and where an unclosed block
    began when that is elsewhere."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(STRATEGY_FILE, f"the file cannot be read as YAML ({exc})")
    mark = exc.problem_mark or exc.context_mark
    text = f"YAML syntax error: {exc.problem or exc.context}"
    if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        text += (
            f" (in the block starting at line {exc.context_mark.line + 1}; the cause is "
            "often an unclosed quote or a wrong indentation a few lines above)"
        )
    return Problem(
        STRATEGY_FILE,
        text,
        row=mark.line + 1 if mark else None,
        row_label="line",
        expected="valid YAML; put text containing ':' or '#' in quotes",
    )


def _depth_at_least(text: str, limit: int) -> bool:
    """Whether the YAML reaches ``limit`` levels, counted from its tokens before anything is
    built (so a file nested 20,000 deep never reaches the recursive parser)."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=YamlLoader):
            if isinstance(token, _OPEN):
                depth += 1
                if depth >= limit:
                    return True
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return False  # the parser names the syntax error with its line
    return False


_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


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
            said = described(err)
            goal_id = _goal_id(data, loc)
            if goal_id:
                said["params"] = {**said["params"], "goal_id": goal_id}
            problems.append(
                Problem(
                    STRATEGY_FILE,
                    row=yaml_line(node, loc) if node is not None else None,
                    row_label="line",
                    column=".".join(str(p) for p in loc) or None,
                    column_label="field",
                    value=value_of(err),
                    path=loc,
                    **said,
                )
            )
        return None, problems


def _goal_id(data: dict[str, Any], loc: tuple[Any, ...]) -> str | None:
    """The id the client gave the goal at ``loc`` (``("goals", 1, ...)`` -> ``"G2"``), so a
    form names the goal as the client knows it; None when it has none."""
    if len(loc) < 2 or loc[0] != "goals" or not isinstance(loc[1], int):
        return None
    goals = data.get("goals")
    if not isinstance(goals, list) or not 0 <= loc[1] < len(goals):
        return None
    goal = goals[loc[1]]
    if not isinstance(goal, dict) or isinstance(goal.get("id"), (dict, list)):
        return None
    text = str(goal.get("id") or "").strip()
    return text or None


def declared_language(root: Path | str) -> str | None:
    """The language ``firm.language`` of the workspace at ``root`` names, read with the same
    limits as the whole file but without validating the rest (so messages about a broken
    workspace are given in its language); None when the file does not say or cannot be
    read."""
    try:
        read = _read(Path(root).expanduser(), [])
    except Exception:  # a message's language is never worth a traceback
        return None
    if read is None:
        return None
    firm = read[0].get("firm")
    lang = firm.get("language") if isinstance(firm, dict) else None
    return lang.strip().lower() if isinstance(lang, str) else None


__all__ = [
    "LOGO_FORMATS",
    "LOGO_MAX_MB",
    "STRATEGY_FILE",
    "YamlLoader",
    "check_logo",
    "declared_language",
    "load_strategy",
    "logo_path",
    "validate_strategy",
]
