"""The package installs and works outside a checkout: `pip install .` (not editable) into a
fresh virtual environment, then `social-strategy render <workspace>` from another folder.

The notebooks, templates, reference data and models must come from the installed package
(setup.py bundles them), and the report must go to a writable folder, not into the package.
To stay fast, the fresh environment borrows the test suite's installed dependencies (a
``.pth`` line) and pip installs only this project, built from a copy of the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from social_strategy.paths import EXAMPLE_WORKSPACE
from social_strategy.steps import STEPS

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[1]
#: what a source tree needs to build the package
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
FOLDERS = ("src", "notebooks", "templates", "data")
SKIP = shutil.ignore_patterns(".*", "__pycache__", "*.pyc", "*.egg-info", "*.bak")


def _run(args: list, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200
    )


def test_pip_install_outside_the_checkout_renders_the_example(tmp_path):
    source = _mkdir(tmp_path / "source")
    for name in SOURCES:
        shutil.copy(REPO / name, source / name)
    for name in FOLDERS:
        shutil.copytree(REPO / name, source / name, ignore=SKIP)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # the suite's dependencies (pandas, papermill, ...), but not its editable install of
    # social_strategy: .pth files in a folder that a .pth line adds are not processed
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_suite_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SOCIAL_"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    work = _mkdir(tmp_path / "work")
    pip = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", source],
        work,
        env,
    )
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]

    where = _run(
        [python, "-c", "import social_strategy.paths as p; print(p.__file__); print(p.ROOT)"],
        work,
        env,
    )
    module, root = where.stdout.split()
    assert Path(module).is_relative_to(site), module  # the installed copy, not the checkout
    assert Path(root) == site / "social_strategy" / "bundled"
    for bundled in ("notebooks/00_firm.ipynb", "templates/report", "data/reference", "data/models"):
        assert (Path(root) / bundled).exists(), bundled
    before = _files(site / "social_strategy")

    shutil.copytree(EXAMPLE_WORKSPACE, work / "client")
    cli = venv / "bin" / "social-strategy"
    render = _run([cli, "render", "client", "--format", "md"], work, env)
    assert render.returncode == 0, render.stdout[-3000:] + render.stderr[-3000:]
    reports = list((work / "reports").glob("*/latest/report.md"))
    assert len(reports) == 1, render.stderr[-2000:]
    text = reports[0].read_text(encoding="utf-8")
    assert "Röstwerk Elbufer GmbH" in text
    assert len(list(reports[0].parent.glob("notebooks/*.ipynb"))) == len(STEPS)
    # nothing was written into the installed package
    assert _files(site / "social_strategy") == before


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if "__pycache__" not in p.parts)
