"""The only module that knows where things are.

Everything else asks here for the project root, the bundled data, the templates and the
default report folder, so nothing depends on the current directory (papermill runs
notebooks with their own working directory).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import Problem

PACKAGE_DIR = Path(__file__).resolve().parent
#: the repository, when the package runs from a checkout (installed editable from ``src/``)
CHECKOUT = PACKAGE_DIR.parents[1]
#: the copy of notebooks/, templates/ and data/ a wheel carries (see setup.py)
BUNDLED = PACKAGE_DIR / "bundled"
IN_CHECKOUT = (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "notebooks").is_dir()
#: where the notebooks, templates and data are: the checkout, or the installed package
ROOT = CHECKOUT if IN_CHECKOUT else BUNDLED
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
EXAMPLE_WORKSPACE = DATA / "example"
REFERENCE = DATA / "reference"
TEMPLATES = ROOT / "templates"
WORKSPACE_TEMPLATE = TEMPLATES / "workspace"
REPORT_TEMPLATES = TEMPLATES / "report"
I18N = PACKAGE_DIR / "i18n"


def home() -> Path:
    """The folder reports, clients and the workshop's choices go to by default: the
    checkout, or for an installed package the current folder (never the package itself)."""
    return ROOT if IN_CHECKOUT else Path.cwd()


def reports_dir() -> Path:
    """Default output folder; ``SOCIAL_STRATEGY_REPORTS`` overrides it."""
    return Path(os.environ.get("SOCIAL_STRATEGY_REPORTS", home() / "reports")).resolve()


def server_root() -> Path:
    """The folder the workshop's notebook server serves (Voila's or JupyterLab's root):
    the project folder, or the one given with ``python -m social_strategy.workshop --root``
    (passed on to the kernels as ``SOCIAL_STRATEGY_SERVER_ROOT``). Report links are made
    relative to it."""
    return Path(os.environ.get("SOCIAL_STRATEGY_SERVER_ROOT", ROOT)).expanduser().resolve()


def default_workspace() -> Path:
    """The workspace a notebook opens when its ``workspace`` parameter is empty:
    ``SOCIAL_STRATEGY_WORKSPACE`` if set, else the one chosen in the workshop (the wizard in
    notebook 00, or ``make lab/workshop WORKSPACE=...``), else the example firm."""
    if os.environ.get("SOCIAL_STRATEGY_WORKSPACE"):
        return Path(os.environ["SOCIAL_STRATEGY_WORKSPACE"]).expanduser().resolve()
    chosen = chosen_workspace()
    return chosen if chosen is not None else EXAMPLE_WORKSPACE.resolve()


def workshop_state() -> Path:
    """The folder remembering the workshop's choices (``SOCIAL_STRATEGY_STATE`` overrides)."""
    return Path(os.environ.get("SOCIAL_STRATEGY_STATE", home() / ".workshop")).expanduser()


def chosen_workspace() -> Path | None:
    """The workspace chosen for the workshop, if it still exists."""
    try:
        text = (workshop_state() / "workspace").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = Path(text).expanduser()
    return path.resolve() if text and (path / "strategy.yaml").is_file() else None


def choose_workspace(path: Path) -> None:
    """Remember ``path`` as the workshop's workspace: every notebook opened from now on
    (in JupyterLab or Voila) works on it."""
    state = workshop_state()
    state.mkdir(parents=True, exist_ok=True)
    (state / "workspace").write_text(
        str(Path(path).expanduser().resolve()) + "\n", encoding="utf-8"
    )


def clients_dir() -> Path:
    """Where new client workspaces are created (``SOCIAL_STRATEGY_CLIENTS`` overrides)."""
    folder = os.environ.get("SOCIAL_STRATEGY_CLIENTS", home() / "clients")
    return Path(folder).expanduser().resolve()


def inside(root: Path, path: Path, problems: list[Problem]) -> bool:
    """Whether ``path`` really lies in the workspace; a link to a place outside it is a
    problem that names the file, and the file is not read."""
    try:
        real = path.resolve(strict=True)
        ok = real.is_relative_to(root.resolve(strict=True))
    except (OSError, RuntimeError):  # a dangling link or a loop
        ok = False
    if not ok:
        problems.append(
            Problem(
                path.name,
                "the file is a link to a place outside the workspace folder and is not read",
                expected="a real file inside the workspace folder; copy the file in instead",
                code="problem.link_outside",
                expected_code="problem.expect.inside_workspace",
            )
        )
    return ok


def file_hash(path: Path | None) -> str:
    """The SHA-256 of a file's bytes (read in blocks), or ``absent`` for no file."""
    if path is None or not path.is_file():
        return "absent"
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


__all__ = [
    "BUNDLED",
    "CHECKOUT",
    "DATA",
    "EXAMPLE_WORKSPACE",
    "I18N",
    "IN_CHECKOUT",
    "NOTEBOOKS",
    "PACKAGE_DIR",
    "REFERENCE",
    "REPORT_TEMPLATES",
    "ROOT",
    "TEMPLATES",
    "WORKSPACE_TEMPLATE",
    "choose_workspace",
    "chosen_workspace",
    "clients_dir",
    "default_workspace",
    "file_hash",
    "home",
    "inside",
    "reports_dir",
    "server_root",
    "workshop_state",
]
