"""The one table of ``nox -s bench``: each script records its headline rows, ``summary.py``
prints them together with the targets of issue 18.

A script records only when ``COPARENT_BENCH_RESULTS`` names a file (the bench session sets it);
run alone, it just prints its own table.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

RESULTS_ENV = "COPARENT_BENCH_RESULTS"

#: The rows of the combined table, in order, with their targets. A row no script recorded is
#: shown as not measured.
ROWS: dict[str, str] = {
    "example plan round trip (from_json + to_json_bytes), vs pydantic v2": "<= 1.0x",
    "example plan round trip, vs msgspec": "<= 4x",
    "large plan round trip (500 slots, 200 holidays, 100 changes), vs pydantic v2": "<= 1.0x",
    "large plan document -> JSON, vs pydantic v2": "<= 0.6x",
    "PDF: example plan, time vs plain fpdf2 floor": "<= 0.6x",
    "first render_pdf in a new process (median of 7, wall time)": "<= 0.6 s",
    "validate 2,000 files, 2 processes vs 1, machine as found": ">= 1.8x idle",
    "validate 2,000 files, 2 processes vs 1, plus two busy loops": ">= 1.0x",
    "the machine's ceiling: a pure-Python loop, 2 processes vs 1, in the same rounds": "",
    "import coparent, fresh processes (median of 9, wall time)": "",
}


def record(measure: str, result: str, *, met: bool | None = None) -> None:
    """Keep one row of the combined table (when the bench session asked for it)."""
    path = os.environ.get(RESULTS_ENV)
    if not path:
        return
    file = Path(path)
    rows = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
    rows[measure] = [result, "" if met is None else ("yes" if met else "no")]
    file.write_text(json.dumps(rows, indent=1), encoding="utf-8")


def table(rows: dict[str, list[str]]) -> str:
    """The combined table as aligned text: measure, result, target, met."""
    lines = [("measure", "result", "target (issue 18)", "met?")]
    for measure, target in ROWS.items():
        result, met = rows.get(measure, ["not measured in this run", ""])
        lines.append((measure, result, target, met))
    lines += [(m, r, "", met) for m, (r, met) in rows.items() if m not in ROWS]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(out)
