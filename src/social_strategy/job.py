"""What one render is asked to do: a :class:`RenderJob`, built and checked once.

The command line builds the job from its options (``render`` and ``render-batch``), the
pipeline renders it, and a batch hands one copy per client to its workers. The option
checks (formats, languages) live here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputError, Problem
from .i18n import available_languages
from .report import DEFAULT_FORMATS, FORMATS

#: the formats that take the figures as PNG images
OFFICE_FORMATS = ("docx", "pptx")


def check_language(lang: str, where: str = "--lang") -> None:
    langs = available_languages()
    if lang not in langs:
        raise InputError(
            [Problem(where, "unknown language", value=lang, expected=f"one of {', '.join(langs)}")]
        )


def parse_languages(lang: str | Sequence[str] | None) -> list[str]:
    """``"de"``, ``"de,en"`` or a list: the report languages, checked, in order."""
    if lang is None:
        return []
    items = lang.split(",") if isinstance(lang, str) else list(lang)
    langs = list(dict.fromkeys(item.strip().lower() for item in items if item.strip()))
    for item in langs:
        check_language(item)
    return langs


def parse_formats(text: str) -> tuple[str, ...]:
    """``"html,md"`` as given on the command line (checked by :func:`check_formats`)."""
    return tuple(f.strip().lower() for f in text.split(",") if f.strip())


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats, if every one is known and there is at least one."""
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise InputError(
            [
                Problem(
                    "--format",
                    "unknown report format",
                    value=",".join(bad),
                    expected=f"a comma-separated list of {', '.join(FORMATS)}",
                )
            ]
        )
    return tuple(formats)


def _check_since(path: Path) -> Path:
    """The render folder ``--since`` names (a render, its ``latest`` link or its results)."""
    path = path.expanduser().resolve()
    render = path.parent if (path / "report.json").is_file() else path
    if not (render / "results" / "report.json").is_file():
        raise InputError(
            [
                Problem(
                    "--since",
                    "is not a render folder (it has no results/report.json)",
                    value=str(path),
                    expected="a folder under reports/<client>/ of an earlier render",
                )
            ]
        )
    return render


@dataclass(frozen=True)
class RenderJob:
    """One render: which workspace, where to, in which languages and formats, for which
    date; whether unchanged steps are reused, whether the report gets the notebooks'
    appendix, and how many kernels run the notebooks. Checked when built."""

    workspace: Path | None = None
    out: Path | None = None
    #: empty: the workspace's own language
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = DEFAULT_FORMATS
    #: None: the date in strategy.yaml, else today
    date: dt.date | None = None
    reuse: bool = True
    appendix: bool = False
    #: kernels for the notebooks; None: the cores, at most one per step
    jobs: int | None = None
    #: the earlier render the review chapter compares with; None: found automatically
    since: Path | None = None
    #: keep the figures' PNG copies even when neither Word nor slides are asked, so that a
    #: later ``rebuild --format docx,pptx`` can build them (see :attr:`pngs`)
    png: bool = False

    @property
    def pngs(self) -> bool:
        """Whether the steps save PNG copies of their figures: only Word and slides need
        them, and drawing them cost a sixth of the steps' time (bench/png_bench.py)."""
        return self.png or any(f in OFFICE_FORMATS for f in self.formats)

    @classmethod
    def build(
        cls,
        workspace: Path | str | None = None,
        *,
        out: Path | str | None = None,
        lang: str | Sequence[str] | None = None,
        formats: Sequence[str] = DEFAULT_FORMATS,
        date: dt.date | None = None,
        reuse: bool = True,
        appendix: bool = False,
        jobs: int | None = None,
        since: Path | str | None = None,
        png: bool = False,
    ) -> RenderJob:
        """The job, its options checked (formats first, then languages)."""
        formats = check_formats(formats)
        if since is not None:
            since = _check_since(Path(since))
        return cls(
            workspace=Path(workspace) if workspace is not None else None,
            out=Path(out) if out is not None else None,
            languages=tuple(parse_languages(lang)),
            formats=formats,
            date=date,
            reuse=reuse,
            appendix=appendix,
            jobs=jobs,
            since=since,
            png=png,
        )

    def for_workspace(self, workspace: Path | str) -> RenderJob:
        """The same job for another client's workspace (a batch's jobs)."""
        return replace(self, workspace=Path(workspace))


__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "OFFICE_FORMATS",
    "RenderJob",
    "check_formats",
    "check_language",
    "parse_formats",
    "parse_languages",
]
