"""Documents per second when validating a folder of plans on 1 and 2 processes."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import coparent
from coparent.batch import process_files, validate_file

SIZES = (2_000, 10_000)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = coparent.ParentingPlan.example()
        paths = [coparent.dump(plan, Path(folder) / f"{i:05}.json") for i in range(max(SIZES))]
        print(f"validate example plans from files ({os.cpu_count()} cores)")
        for n in SIZES:
            rates = {}
            for workers in (1, 2):
                start = time.perf_counter()
                results = list(process_files(validate_file, paths[:n], workers=workers))
                elapsed = time.perf_counter() - start
                assert all(r.ok for r in results)
                rates[workers] = n / elapsed
            print(
                f"  {n:>6,} files: 1 process {rates[1]:,.0f}/s, 2 processes {rates[2]:,.0f}/s "
                f"({rates[2] / rates[1]:.2f}x)"
            )


if __name__ == "__main__":
    main()
