"""Incremental renders: a step whose inputs did not change is not executed again.

A step's fingerprint covers everything its result is computed from:
- the code version (every file of the package, the reference data and the step's notebook);
- the firm profile of strategy.yaml (all but other steps' settings), the step's own
  settings, the report date and the report languages (figures are drawn in each);
- the bytes of every workspace table the step read the last time it ran (recorded by the
  session in ``results/inputs/<step>.json``; a table that is absent counts as absent);
- the fingerprints of the steps it needs.

Each complete render writes the fingerprints to ``results/inputs/_fingerprints.json``. The
next render of the same client compares them with the previous complete render (``latest``)
and copies the results, figures and executed notebook of every step whose fingerprint is
unchanged. Steps
are deterministic (fixed seeds), so a reused result is the result the step would compute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from functools import cache
from pathlib import Path

from .paths import PACKAGE_DIR, REFERENCE, file_hash
from .results import FIGURES, INPUTS, PNG_FOLDER, read_inputs
from .steps import STEPS, Step, step

#: the render's fingerprints, beside the recorded inputs (not a section result)
MANIFEST = f"{INPUTS}/_fingerprints.json"


@cache
def code_version() -> str:
    """A hash of the package's source, its catalogs and the reference data."""
    digest = hashlib.sha256()
    files = [
        *sorted(PACKAGE_DIR.rglob("*.py")),
        *sorted(PACKAGE_DIR.rglob("*.yaml")),
        *sorted(p for p in REFERENCE.rglob("*") if p.is_file()),
    ]
    for path in files:
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Fingerprints:
    """The fingerprints of one render's steps."""

    def __init__(self, ws, report_date: dt.date, langs: list[str]) -> None:
        self.ws = ws
        strategy = ws.strategy.model_dump(mode="json")
        self.settings = strategy.pop("settings", {}) or {}
        self.base = {
            "code": code_version(),
            "profile": strategy,
            "report_date": report_date.isoformat(),
            "languages": langs,
        }
        self._files: dict[str, str] = {}

    def _table(self, name: str) -> str:
        if name not in self._files:
            self._files[name] = file_hash(self.ws.source_file(name))
        return self._files[name]

    def of(self, s: Step, tables: dict[str, list[str]]) -> str | None:
        """The fingerprint of ``s`` given the tables each step read (None if unknown)."""
        if s.name not in tables:
            return None
        needs = {n: self.of(step(n), tables) for n in s.needs}
        if any(v is None for v in needs.values()):
            return None
        data = {
            **self.base,
            "step": s.name,
            "notebook": file_hash(s.source),
            "settings": self.settings.get(s.name),
            "tables": {t: self._table(t) for t in sorted(tables[s.name])},
            "needs": needs,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def unchanged(self, s: Step, previous: Path) -> bool:
        """Whether ``s``'s result in the ``previous`` render can be taken as it is."""
        manifest = _manifest(previous)
        tables = {
            name: t
            for name in manifest
            if (t := read_inputs(previous / "results", name)) is not None
        }
        old = manifest.get(s.name)
        return (
            old is not None
            and self.of(s, tables) == old
            and (previous / "results" / f"{s.name}.json").is_file()
            and (previous / "notebooks" / s.notebook).is_file()
        )

    def write(self, results: Path, previous: Path | None) -> None:
        """Record this render's fingerprints in the results folder."""
        tables = {s.name: t for s in STEPS if (t := read_inputs(results, s.name)) is not None}
        prints = {s.name: self.of(s, tables) for s in STEPS}
        (results / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
        (results / MANIFEST).write_text(
            json.dumps({k: v for k, v in prints.items() if v}, indent=1), encoding="utf-8"
        )


def _manifest(render: Path) -> dict[str, str]:
    try:
        return dict(json.loads((render / "results" / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def previous_render(client_dir: Path) -> Path | None:
    """The client's last complete render (``latest``), if any."""
    latest = client_dir / "latest"
    try:
        target = latest.resolve(strict=True)
    except OSError:
        return None
    return target if (target / "results" / MANIFEST).is_file() else None


def has_pngs(previous: Path, s: Step) -> bool:
    """Whether every figure of ``s`` in the ``previous`` render has its PNG copy (a render
    without Word or slides draws none)."""
    figures = previous / "results" / FIGURES
    return all(
        (figures / PNG_FOLDER / f"{svg.stem}.png").is_file()
        for svg in figures.glob(f"{s.name}_*.svg")
        if not svg.name.endswith(".narrow.svg")
    )


def copy_step(previous: Path, work: Path, s: Step) -> None:
    """Copy ``s``'s results, figures, recorded inputs and executed notebook into ``work``."""
    src, dst = previous / "results", work / "results"
    (dst / FIGURES).mkdir(parents=True, exist_ok=True)
    (dst / INPUTS).mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / f"{s.name}.json", dst / f"{s.name}.json")
    shutil.copy2(src / INPUTS / f"{s.name}.json", dst / INPUTS / f"{s.name}.json")
    for figure in (src / FIGURES).glob(f"{s.name}_*.svg"):
        shutil.copy2(figure, dst / FIGURES / figure.name)
    for figure in (src / FIGURES / PNG_FOLDER).glob(f"{s.name}_*.png"):
        (dst / FIGURES / PNG_FOLDER).mkdir(exist_ok=True)
        shutil.copy2(figure, dst / FIGURES / PNG_FOLDER / figure.name)
    shutil.copy2(previous / "notebooks" / s.notebook, work / "notebooks" / s.notebook)


__all__ = [
    "MANIFEST",
    "Fingerprints",
    "code_version",
    "copy_step",
    "has_pngs",
    "previous_render",
]
