"""Quiet JupyterLab for workshops: no news pop-up or update check, all cells rendered.

Run once by ``make`` after installing; writes the settings override into the virtual
environment (``share/jupyter/lab/settings/overrides.json``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # render every cell, not only those on screen: forms at the bottom of a notebook stay
    # live while the consultant scrolls on the projector
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def main() -> None:
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else {}
    current.update(OVERRIDES)
    target.write_text(json.dumps(current, indent=2), encoding="utf-8")


__all__ = ["OVERRIDES", "main"]


if __name__ == "__main__":
    main()
