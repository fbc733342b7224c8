"""The only module that knows where things are.

Everything else asks here for the project root, the bundled data, the templates and the
default report folder, so nothing depends on the current directory (papermill runs
notebooks with their own working directory).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Repository root (the package is installed editable from ``src/``).
ROOT = PACKAGE_DIR.parents[1]
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
EXAMPLE_WORKSPACE = DATA / "example"
REFERENCE = DATA / "reference"
TEMPLATES = ROOT / "templates"
WORKSPACE_TEMPLATE = TEMPLATES / "workspace"
REPORT_TEMPLATES = TEMPLATES / "report"
I18N = PACKAGE_DIR / "i18n"


def reports_dir() -> Path:
    """Default output folder; ``SOCIAL_STRATEGY_REPORTS`` overrides it."""
    return Path(os.environ.get("SOCIAL_STRATEGY_REPORTS", ROOT / "reports")).resolve()


def default_workspace() -> Path:
    """Workspace preselected in JupyterLab; ``SOCIAL_STRATEGY_WORKSPACE`` overrides it."""
    return Path(os.environ.get("SOCIAL_STRATEGY_WORKSPACE", EXAMPLE_WORKSPACE)).resolve()
