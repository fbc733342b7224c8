"""Start a workshop: remember the client's workspace, then serve the notebooks on loopback.

``make workshop WORKSPACE=clients/x`` runs ``python -m social_strategy.workshop clients/x``:
Voila shows the notebooks with their code hidden (the forms work there with the same save
path as in JupyterLab); ``--lab`` opens JupyterLab instead (``make lab``). Both serve the
project folder, so the workshop report under reports/ opens from the link a form shows.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import InputError
from .paths import ROOT, choose_workspace, reports_dir
from .workspace import load_workspace

IMAGES = r".*\.(png|jpg|gif|svg)"


def command(workspace: Path, *, lab: bool, port: int) -> list[str]:
    """The server command for the workshop (code hidden in Voila, or JupyterLab)."""
    first = "notebooks/00_firm.ipynb"
    if lab:
        args = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.root_dir={ROOT}",
            f"--LabApp.default_url=/lab/tree/{first}",
        ]
    else:
        reports = reports_dir()
        inside = reports.is_relative_to(ROOT)
        allow = [rf"{reports.relative_to(ROOT).as_posix()}/.*\.(html|svg|png)"] if inside else []
        args = [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--Voila.root_dir={ROOT}",
            f"--VoilaConfiguration.file_allowlist={[*allow, IMAGES]!r}",
            "--VoilaConfiguration.show_tracebacks=False",
        ]
    if os.getuid() == 0 and lab:
        args.append("--allow-root")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="social_strategy.workshop", description=__doc__)
    parser.add_argument("workspace", nargs="?", default="", help="the client's workspace folder")
    parser.add_argument("--lab", action="store_true", help="JupyterLab instead of Voila")
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args(argv)
    if args.workspace:
        path = Path(args.workspace).expanduser().resolve()
        try:
            load_workspace(path)
        except InputError as exc:
            print(exc, file=sys.stderr)
            return 2
        choose_workspace(path)
    first = (
        "lab/tree/notebooks/00_firm.ipynb" if args.lab else "voila/render/notebooks/00_firm.ipynb"
    )
    print(f"Workshop: open http://127.0.0.1:{args.port}/{first}", flush=True)
    cmd = command(Path(args.workspace or "."), lab=args.lab, port=args.port)
    os.chdir(ROOT)
    os.execv(cmd[0], cmd)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
