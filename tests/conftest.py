"""Shared fixtures: workspaces copied to a temporary folder, the CLI run in-process,
and reports rendered once per test run.

The rendered reports are shared by every test file, by the pytest-xdist workers of a run
and, when ``SOCIAL_STRATEGY_TEST_RENDERS`` names a folder (``make test`` sets it), by the
run's later passes (the browser tests): whoever needs one first renders it under a file
lock, the others wait and read it. Tests that use a module-scoped fixture of their file are
kept on one xdist worker (``--dist loadgroup``), so that fixture is built once."""

from __future__ import annotations

import fcntl
import os
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


def shared_folder(tmp_path_factory) -> Path:
    """Where this run keeps what its workers and passes share."""
    named = os.environ.get("SOCIAL_STRATEGY_TEST_RENDERS")
    if named:
        folder = Path(named)
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        # the workers' temporary folders are popen-gw0, popen-gw1, ... in one run folder
        folder = tmp_path_factory.getbasetemp().parent / "shared"
    else:
        folder = tmp_path_factory.getbasetemp() / "shared"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def render_once(tmp_path_factory, workspace: Path, lang: str, name: str) -> Path:
    """The report ``name``, rendered by the first worker that asks for it in this run."""
    import datetime as dt

    from social_strategy.pipeline import render

    shared = shared_folder(tmp_path_factory)
    done = shared / f"{name}.path"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        out = shared / name
        shutil.rmtree(out, ignore_errors=True)  # a render that failed half-way
        report = render(
            workspace,
            out=out,
            lang=lang,
            report_date=dt.date.fromisoformat(REPORT_DATE),
            progress=lambda _: None,
            png=True,  # Word and slides are rebuilt from these results (test_office_formats)
        )
        done.write_text(str(report), encoding="utf-8")
        return report


@pytest.fixture(scope="session")
def example_report_de(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, EXAMPLE_WORKSPACE, "de", "example-de")


@pytest.fixture(scope="session")
def example_report_en(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, EXAMPLE_WORKSPACE, "en", "example-en")


@pytest.fixture(scope="session")
def minimal_report(tmp_path_factory) -> Path:
    return render_once(tmp_path_factory, MINIMAL, "en", "minimal")


def copy_render(report: Path, out: Path) -> Path:
    """A copy of a session render (its folder and the ``latest`` link to it) under ``out``,
    as if it had been rendered there: the earlier render a test protects, replaces or reuses,
    without rendering it again. Returns the copied folder."""
    client = out / report.parent.name
    client.mkdir(parents=True, exist_ok=True)
    copy = client / report.name
    shutil.copytree(report, copy, symlinks=True)
    (client / "latest").symlink_to(report.name, target_is_directory=True)
    return copy


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pytest_configure(config):
    # long soak tests of the workshop run in a make target of their own, never in `make test`
    config.addinivalue_line("markers", "soak: a long browser soak, run by its own make target")


def pytest_collection_modifyitems(config, items):
    """Keep a file's tests that share a module- or class-scoped fixture on one xdist
    worker (``--dist loadgroup``), so the fixture (a render, a server) is built once."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None or item.get_closest_marker("xdist_group"):
            continue
        scopes = {d.scope for defs in info.name2fixturedefs.values() for d in defs}
        if scopes & {"module", "class"}:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
