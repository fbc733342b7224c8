"""Start a workshop: remember the client's workspace, then serve the notebooks on loopback.

``make workshop WORKSPACE=clients/x`` runs ``python -m social_strategy.workshop clients/x``:
Voila shows the notebooks with their code hidden (the forms work there with the same save
path as in JupyterLab); ``--lab`` opens JupyterLab instead (``make lab``). Both serve the
project folder, so the workshop report under reports/ opens from the link a form shows.
``--root DIR`` serves another folder instead (notebooks of one's own, or a test's); the
report links work when the reports folder (``SOCIAL_STRATEGY_REPORTS``) lies inside it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import InputError
from .paths import ROOT, choose_workspace, reports_dir
from .steps import STEPS
from .workspace import load_workspace

IMAGES = r".*\.(png|jpg|gif|svg)"
#: seconds a kernel without a page may stay idle before the workshop server ends it
CULL_SECONDS = 600


def cull_seconds() -> int:
    """The idle time after which a kernel without an open page is ended
    (``SOCIAL_STRATEGY_CULL_SECONDS`` overrides :data:`CULL_SECONDS`)."""
    return int(os.environ.get("SOCIAL_STRATEGY_CULL_SECONDS", CULL_SECONDS))


def pages(root: Path = ROOT) -> list[str]:
    """The notebooks the workshop offers under ``root``, one per registered step in the
    method's order (``notebooks/00_firm.ipynb`` first); a step whose notebook is not there
    is left out."""
    return [f"notebooks/{s.notebook}" for s in STEPS if (root / "notebooks" / s.notebook).is_file()]


def first_page(root: Path = ROOT) -> str | None:
    """The notebook a workshop opens with: the first step's (None when ``root`` has none)."""
    found = pages(root)
    return found[0] if found else None


def command(workspace: Path, *, lab: bool, port: int, root: Path = ROOT) -> list[str]:
    """The server command for the workshop (code hidden in Voila, or JupyterLab), serving
    ``root``."""
    first = first_page(root)
    if lab:
        args = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.root_dir={root}",
        ]
        if first is not None:
            args.append(f"--LabApp.default_url=/lab/tree/{first}")
    else:
        reports = reports_dir()
        inside = reports.is_relative_to(root)
        kinds = "html|svg|png|pptx"  # the report, its figures and the slide deck
        allow = [rf"{reports.relative_to(root).as_posix()}/.*\.({kinds})"] if inside else []
        args = [
            sys.executable,
            "-m",
            "social_strategy.workshop_server",  # Voila, pages with their _xsrf cookie
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--Voila.root_dir={root}",
            "--VoilaConfiguration.show_tracebacks=False",
            # the page and its texts show at once; each cell's outputs appear as it has run
            # (Voila otherwise shows nothing until the last cell has run)
            "--VoilaConfiguration.progressive_rendering=True",
            # a page's kernel ends with the page (its shutdown request); a kernel whose page
            # vanished without one (a crashed browser) is ended after CULL_SECONDS idle
            f"--MappingKernelManager.cull_idle_timeout={cull_seconds()}",
            f"--MappingKernelManager.cull_interval={max(5, min(60, cull_seconds() // 4))}",
            "--MappingKernelManager.cull_connected=False",
            # one option per pattern (the list syntax is deprecated in traitlets 5)
            *(f"--VoilaConfiguration.file_allowlist={pattern}" for pattern in [*allow, IMAGES]),
        ]
    if os.getuid() == 0 and lab:
        args.append("--allow-root")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="social_strategy.workshop", description=__doc__)
    parser.add_argument("workspace", nargs="?", default="", help="the client's workspace folder")
    parser.add_argument("--lab", action="store_true", help="JupyterLab instead of Voila")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument(
        "--root",
        default="",
        help="the folder to serve (default: the project folder, with notebooks/ in it)",
    )
    args = parser.parse_args(argv)
    root = Path(args.root).expanduser().resolve() if args.root else ROOT
    if args.workspace:
        path = Path(args.workspace).expanduser().resolve()
        try:
            load_workspace(path)
        except InputError as exc:
            print(exc, file=sys.stderr)
            return 2
        choose_workspace(path)
    first = first_page(root)
    if first is None:
        first = "lab" if args.lab else "voila/tree"
    elif args.lab:
        first = f"lab/tree/{first}"
    else:
        first = f"voila/render/{first}"
    print(f"Workshop: open http://127.0.0.1:{args.port}/{first}", flush=True)
    cmd = command(Path(args.workspace or "."), lab=args.lab, port=args.port, root=root)
    if args.root:
        os.environ["SOCIAL_STRATEGY_SERVER_ROOT"] = str(root)  # the kernels' report links
    os.chdir(root)
    os.execv(cmd[0], cmd)
    return 0  # not reached


__all__ = ["CULL_SECONDS", "IMAGES", "command", "cull_seconds", "first_page", "main", "pages"]


if __name__ == "__main__":
    raise SystemExit(main())
