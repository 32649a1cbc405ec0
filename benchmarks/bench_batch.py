"""Documents per second when validating a folder of plans on 1 and 2 processes."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import coparent
from coparent.batch import process_files, validate_file

N = 2000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = coparent.ParentingPlan.example()
        paths = [coparent.dump(plan, Path(folder) / f"{i:05}.json") for i in range(N)]
        print(f"validate {N} example plans from files ({os.cpu_count()} cores)")
        rates = {}
        for workers in (1, 2):
            start = time.perf_counter()
            results = list(process_files(validate_file, paths, workers=workers))
            elapsed = time.perf_counter() - start
            assert all(r.ok for r in results)
            rates[workers] = N / elapsed
            print(f"  {workers} process(es): {rates[workers]:,.0f} documents/s")
        print(f"  speed-up on 2 processes: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
