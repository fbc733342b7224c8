"""Time and peak memory until a table over the row limit is refused (issue 32).

Generates a copy of the example workspace whose interactions.csv holds --rows rows (5
million by default: above the documented limit of 2,000,000, yet under the 200 MB file
limit, so only the row count can refuse it), then runs `validate` and `render` on it in a
child process and samples the resident memory of the whole process tree every 20 ms.
Both must be refused with exit 2, the limit and SOCIAL_STRATEGY_MAX_ROWS named, within a
few seconds and without reading the file into memory.

    .venv/bin/python bench/row_limit_bench.py [--rows 5000000] [--quoted]

``--quoted`` puts a quoted text with a line break in every tenth row, so the count cannot
take the line breaks for rows and parses the file as a stream (the slower path).
The generated files live in a temporary folder and are removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from input_bench import measure, parse_on_machine

from social_strategy.paths import EXAMPLE_WORKSPACE


def generate(target: Path, rows: int, quoted: bool) -> float:
    """The example workspace with an interactions.csv of ``rows`` rows; returns its MB."""
    shutil.copytree(EXAMPLE_WORKSPACE, target)
    path = target / "interactions.csv"
    block = []
    for i in range(10_000):
        text = '"Cupping bei\n@hh.isst"' if quoted and i % 10 == 0 else ""
        block.append(f"@hh_fan_{i:05d},@hafenfoodie,{text},mention,1\n")
    chunk = "".join(block).encode("utf-8")
    with path.open("wb") as fh:
        fh.write(b"source,target,text,kind,count\n")
        for _ in range(rows // 10_000):
            fh.write(chunk)
    return path.stat().st_size / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--quoted", action="store_true")
    args = parse_on_machine(parser)
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "large"
        t0 = time.perf_counter()
        size = generate(ws, args.rows, args.quoted)
        print(
            f"interactions.csv: {args.rows:,} rows, {size:.0f} MB"
            f"{', quoted line breaks in every tenth row' if args.quoted else ''} "
            f"(generated in {time.perf_counter() - t0:.1f} s)"
        )
        out = Path(tmp) / "reports"
        runs = [
            ("validate", ["validate", str(ws)]),
            ("render", ["render", str(ws), "--out", str(out), "--format", "md"]),
        ]
        for name, argv in runs:
            code, seconds, cpu, peak, tail = measure(argv, args.cap_gb)
            named = "SOCIAL_STRATEGY_MAX_ROWS" in tail and "interactions.csv" in tail
            print(
                f"{name:<9} exit {code}  {seconds:5.1f} s wall  {cpu:5.1f} s CPU  "
                f"peak RSS {peak:5.0f} MB  limit and variable named: {'yes' if named else 'NO'}"
            )
            print(f"          {tail}")


if __name__ == "__main__":
    main()
