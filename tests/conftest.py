"""Shared fixtures: workspaces copied to a temporary folder, the CLI run in-process,
and reports rendered once per session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from social_strategy import cli
from social_strategy.paths import EXAMPLE_WORKSPACE

TESTS = Path(__file__).parent
MINIMAL = TESTS / "data" / "minimal"
REPORT_DATE = "2026-11-23"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    def run(*args: str) -> Run:
        import os

        # messages follow the workspace's language (issue 32); the tests read them in
        # English unless a test sets SOCIAL_STRATEGY_LANG itself
        if "SOCIAL_STRATEGY_LANG" not in os.environ:
            monkeypatch.setenv("SOCIAL_STRATEGY_LANG", "en")
        code = cli.main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def example_ws(tmp_path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    return target


@pytest.fixture
def minimal_ws(tmp_path) -> Path:
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target


def render_once(tmp_path_factory, workspace: Path, lang: str, name: str) -> Path:
    import datetime as dt

    from social_strategy.pipeline import render

    out = tmp_path_factory.mktemp(name)
    return render(
        workspace,
        out=out,
        lang=lang,
        report_date=dt.date.fromisoformat(REPORT_DATE),
        progress=lambda _: None,
    )


@pytest.fixture(scope="session")
def example_report_de(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, EXAMPLE_WORKSPACE, "de", "example-de")


@pytest.fixture(scope="session")
def example_report_en(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, EXAMPLE_WORKSPACE, "en", "example-en")


@pytest.fixture(scope="session")
def minimal_report(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, MINIMAL, "en", "minimal")


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
