"""PDF rendering speed and size against a floor: fpdf2 writing the same text with no layout logic.

    PYTHONPATH=src python benchmarks/bench_pdf.py

The floor uses the same fonts and the same rule for text shaping, and writes the text that
comes out of coparent's PDF, line by line, with ``multi_cell``. Times are medians of repeated
runs in this one process, interleaved, in thread CPU time; trust the ratios more than the times.
The floor parses its fonts for each document, as plain fpdf2 does; coparent parses them once
per process.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

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


def cold(statement: str, runs: int = 5) -> float:
    """Median wall seconds of ``statement`` in a fresh interpreter (imports included)."""
    import subprocess

    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**__import__("os").environ, "PYTHONPATH": src}
    return statistics.median(
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
            ).stdout
        )
        for _ in range(runs)
    )


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
    first = cold(
        "import coparent; from coparent import Audience; "
        "coparent.render_pdf(coparent.ParentingPlan.example(), audience=Audience.facilitator())"
    )
    fpdf_import = cold("import fpdf")
    print(
        f"first render_pdf in a new process (imports included): {first:.2f}s; "
        f"import fpdf alone {fpdf_import:.2f}s (median of 5 fresh processes, wall time)"
    )


if __name__ == "__main__":
    main()
