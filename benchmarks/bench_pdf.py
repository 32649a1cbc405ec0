"""PDF rendering speed and size against a floor: fpdf2 writing the same text with no layout logic.

    PYTHONPATH=src python benchmarks/bench_pdf.py

The floor uses the same fonts and the same rule for text shaping, and writes the text that
comes out of coparent's PDF, line by line, with ``multi_cell``. Times are medians of repeated
runs in this one process, interleaved, in thread CPU time; trust the ratios more than the times.
The floor parses its four fonts for each document and embeds them all, as plain fpdf2 does;
coparent parses them once per process and adds the Arabic and Bengali fonts to a document only
when a text needs them. A first render is timed stage by stage in fresh interpreters, which
share a bytecode cache as an installed coparent has one (see :func:`cold`).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _summary import record

import coparent  # after the path set-up above, so the benchmark runs from a clone
from coparent import Audience, ParentingPlan


def floor(lines: list[str]) -> bytes:
    """fpdf2 alone: the same fonts, the same text, one multi_cell per line, no layout."""
    from fpdf import FPDF

    from coparent.render._fonts import _FONTS, FALLBACKS, FAMILY, FONT_DIR, needs_shaping

    pdf = FPDF()
    for family, style, name in _FONTS:  # plain fpdf2: each font parsed for this document
        pdf.add_font(family, style, str(FONT_DIR / name))
    pdf.set_fallback_fonts(list(FALLBACKS), exact_match=False)
    pdf.set_font(FAMILY, "", 10)
    pdf.add_page()
    for line in lines:
        shaping = needs_shaping(line)
        if shaping:
            pdf.set_text_shaping(True)
        pdf.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        if shaping:
            pdf.set_text_shaping(False)
    return bytes(pdf.output())


def interleaved(fns: list[Callable[[], bytes]], runs: int) -> list[tuple[float, bytes]]:
    """Median thread CPU time of ``runs`` calls of each function, timed in turn, and results."""
    times: list[list[float]] = [[] for _ in fns]
    outs = [b""] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            start = time.thread_time()
            outs[i] = fn()
            times[i].append(time.thread_time() - start)
    return [(statistics.median(t), o) for t, o in zip(times, outs, strict=True)]


#: Run in a fresh interpreter: each stage of a first render, in wall and process CPU seconds.
_STAGES = """
import json, time
marks = [(time.perf_counter(), time.process_time())]
def mark():
    marks.append((time.perf_counter(), time.process_time()))
import coparent
from coparent import Audience
mark()
doc = coparent.ParentingPlan.example()
mark()
import fpdf
mark()
coparent.render_pdf(doc, audience=Audience.facilitator())
mark()
coparent.render_pdf(doc, audience=Audience.facilitator())
mark()
print(json.dumps([[b[0] - a[0], b[1] - a[1]] for a, b in zip(marks, marks[1:])]))
"""
STAGES = ("import coparent", "example plan", "import fpdf", "first render_pdf", "second render_pdf")


def cold(runs: int = 7, *, bytecode: bool = True) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds of each of :data:`STAGES` over ``runs`` fresh interpreters.

    With ``bytecode`` the interpreters share a bytecode cache in a temporary folder, filled by
    one untimed run first, as an installed coparent has one (pip compiles it, as it compiled
    fpdf2 and every other dependency). Without it they run as the environment says: where
    ``PYTHONDONTWRITEBYTECODE`` is set, each compiles coparent's source again (about 20,000
    lines), a cost no installed copy pays.
    """
    import json
    import subprocess
    import tempfile

    src = str(Path(__file__).resolve().parents[1] / "src")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPATH": src}
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = cache

        def run() -> list[list[float]]:
            done = subprocess.run(
                [sys.executable, "-c", _STAGES], check=True, capture_output=True, text=True, env=env
            )
            return cast(list[list[float]], json.loads(done.stdout))

        if bytecode:
            run()  # writes the cache
        results = [run() for _ in range(runs)]
    return [
        (statistics.median(r[i][0] for r in results), statistics.median(r[i][1] for r in results))
        for i in range(len(STAGES))
    ]


def main() -> None:
    """Print time, size and pages for each case, and the ratio to the floor."""
    import pypdf

    audience = Audience.facilitator()
    print(
        f"{'case':<22}{'pages':>6}{'time':>10}{'size':>10}{'floor t':>10}{'floor sz':>10}"
        f"{'t ratio':>9}{'sz ratio':>9}"
    )
    for name, doc, runs in (("example plan", ParentingPlan.example(), 7),):
        data = coparent.render_pdf(doc, audience=audience)  # warm: fonts' coverage, imports
        reader = pypdf.PdfReader(io.BytesIO(data))
        lines = [ln for p in reader.pages for ln in p.extract_text().splitlines()]
        floor(lines)
        (t, data), (ft, fdata) = interleaved(
            [lambda d=doc: coparent.render_pdf(d, audience=audience), lambda ls=lines: floor(ls)],
            runs,
        )
        print(
            f"{name:<22}{len(reader.pages):>6}{t:>9.3f}s{len(data) / 1024:>8.0f}KB"
            f"{ft:>9.3f}s{len(fdata) / 1024:>8.0f}KB{t / ft:>9.2f}{len(data) / len(fdata):>9.2f}"
        )
        if name == "example plan":
            record(
                "PDF: example plan, time vs plain fpdf2 floor", f"{t / ft:.2f}x", met=t / ft <= 0.6
            )
    stages = cold()
    print("a first render in a fresh process (median of 7; wall s / CPU s; with bytecode):")
    for stage, (wall, cpu) in zip(STAGES, stages, strict=True):
        print(f"  {stage:<20}{wall:>7.3f}{cpu:>7.3f}")
    wall = sum(w for w, _ in stages[:4])
    cpu = sum(c for _, c in stages[:4])
    print(f"  {'imports to first PDF':<20}{wall:>7.3f}{cpu:>7.3f}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        source = cold(bytecode=False)
        print(
            "  imports to first PDF with coparent compiled from source in each process, as "
            f"PYTHONDONTWRITEBYTECODE is set here: {sum(w for w, _ in source[:4]):.3f} s wall, "
            f"{sum(c for _, c in source[:4]):.3f} s CPU"
        )
    # fpdf2's import is a cost coparent cannot cut (docs/performance.md): shown beside the total.
    imported = stages[STAGES.index("import fpdf")][0]
    record(
        "first render_pdf in a new process (median of 7, wall time)",
        f"{wall:.2f} s (import fpdf {imported:.2f} s, the rest {wall - imported:.2f} s)",
        met=wall <= 0.6,
    )


if __name__ == "__main__":
    main()
