"""Print the combined table of the rows the bench scripts recorded (see ``_summary.py``)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from _summary import RESULTS_ENV, table


def main() -> None:
    path = os.environ.get(RESULTS_ENV)
    if not path or not Path(path).exists():
        sys.exit(f"no results: run the bench scripts with {RESULTS_ENV} set (nox -s bench)")
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    print(f"\nissue 18, one table (load average now {os.getloadavg()[0]:.1f}):\n")
    print(table(rows))


if __name__ == "__main__":
    main()
