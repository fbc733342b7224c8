"""What `make test` no longer does (issue 26): the CPU time of each piece of work the suite
used to repeat, measured one piece at a time, and the sum.

Each piece runs in a subprocess of its own; its CPU time is that process's and its
children's (the kernels) user + system time, the steadier figure on a shared machine; the
wall time is printed beside it. Printed, never asserted.

Pieces removed (see the commit "Tests: ..."; each test's coverage is unchanged):

- ``example render``: four renders of the example (test_render's failed and killed renders
  protect, test_pipeline's reuse test and test_batch's example client start from a copy of
  the session's render instead);
- ``example render, influencers only``: what test_influencers' pseudonymised render still
  executes (it reuses the other steps from the copy); the difference to a whole render is
  saved;
- ``minimal render``: the appendix test's render (the session's render built with the
  appendix instead), the hostile report's second execution (one for de and en) and the
  Dask batch test's render (its client starts from a copy of the session's render);
- ``minimal PDF (en)``: the hostile report's English PDF, which no test read;
- ``example notebooks, each on its own kernel``: test_notebooks' six executions of the
  example's notebooks (the session's render executed them; isolation stays checked on
  the minimal workspace, for 00-02 in German too), and test_notebooks_steps_0_2's three
  German executions of the example's notebooks 00-02 (read from the German session render).

    .venv/bin/python bench/suite_cost_bench.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

DATE = "2026-11-23"
TESTS = Path(__file__).parents[1] / "tests"


def _cost(code: str) -> tuple[float, float]:
    """Wall and CPU seconds of ``code`` run in a fresh interpreter (with its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    from social_strategy.paths import EXAMPLE_WORKSPACE, NOTEBOOKS
    from social_strategy.steps import STEPS

    minimal = TESTS / "data" / "minimal"
    tmp = Path(tempfile.mkdtemp(prefix="suite-cost-"))
    os.environ["SOCIAL_STRATEGY_REPORTS"] = str(tmp / "reports")
    render = f"""
        import datetime as dt
        from social_strategy.pipeline import render
        render({{ws!r}}, out={{out!r}}, lang={{lang!r}}, formats={{formats!r}},
               report_date=dt.date.fromisoformat({DATE!r}), progress=lambda _: None,
               reuse={{reuse!r}})
    """
    shutil.copytree(EXAMPLE_WORKSPACE, tmp / "example")
    example = str(tmp / "example")
    pieces: list[tuple[str, int, str]] = [
        (
            "example render",
            4,
            render.format(ws=example, out=str(tmp / "a"), lang="de", formats=("md",), reuse=False),
        ),
    ]
    # the pseudonymised render: a render of the example before, then the setting changed
    first = render.format(ws=example, out=str(tmp / "b"), lang="de", formats=("md",), reuse=False)
    pieces.append(
        (
            "minimal render",
            3,
            render.format(
                ws=str(minimal), out=str(tmp / "c"), lang="en", formats=("md",), reuse=False
            ),
        )
    )
    pieces.append(
        (
            "minimal PDF (en)",
            1,
            f"""
            from pathlib import Path
            from social_strategy.pipeline import build_reports
            folder = next(Path({str(tmp / "c")!r}).glob("*/latest")).resolve()
            build_reports(folder / "results", folder, ["en"], ["pdf"])
            """,
        )
    )
    books = [str(NOTEBOOKS / s.notebook) for s in STEPS]
    for label, lang, chosen in (
        ("example notebooks, each on its own kernel", "en", books),
        ("example notebooks 00-02 in German, the same", "de", books[:3]),
    ):
        pieces.append(
            (
                label,
                1,
                f"""
                import papermill as pm
                from traitlets.config import Config
                for i, book in enumerate({chosen!r}):
                    pm.execute_notebook(book, {str(tmp)!r} + f"/nb{{i}}.ipynb", parameters=dict(
                        workspace={example!r}, results_dir={str(tmp)!r} + f"/nb-results{{i}}",
                        language={lang!r}, report_date={DATE!r}, interactive=False),
                        kernel_name="python3", progress_bar=False, cwd={str(tmp)!r},
                        config=Config({{"KernelManager": {{"transport": "ipc"}}}}))
                """,
            )
        )
    print(f"{'piece of work':44} {'times':>5} {'wall s':>7} {'cpu s':>7} {'cpu saved':>9}")
    saved = 0.0
    costs = {}
    for label, times, code in pieces:
        wall, cpu = _cost(code)
        costs[label] = cpu
        saved += times * cpu
        print(f"{label:44} {times:5d} {wall:7.1f} {cpu:7.1f} {times * cpu:9.1f}")
    _cost(first)
    strategy = tmp / "example" / "strategy.yaml"
    text = strategy.read_text(encoding="utf-8")  # as test_influencers writes the setting
    block = "settings:\n  influencers:\n    pseudonymise: all\n"
    strategy.write_text(text.replace("settings:\n", block), encoding="utf-8")
    again = render.format(ws=example, out=str(tmp / "b"), lang="de", formats=("md",), reuse=True)
    wall, cpu = _cost(again)
    rest = costs["example render"] - cpu
    print(f"{'example render, influencers only':44} {1:5d} {wall:7.1f} {cpu:7.1f} {rest:9.1f}")
    saved += rest
    print(f"CPU time the suite no longer spends: {saved:.0f} s (on 2 workers ~{saved / 2:.0f} s)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
