"""PDF rendering speed and size against a floor: fpdf2 writing the same text with no layout logic.

    PYTHONPATH=src python benchmarks/bench_pdf.py

The floor uses the same fonts and the same rule for text shaping, and writes the text that
comes out of coparent's PDF, line by line, with ``multi_cell``. Times are medians of repeated
runs in this one process; trust the ratios more than the times.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import coparent  # after the path set-up above, so the benchmark runs from a clone
from coparent import Audience, ParentingPlan
from coparent.model import SpecialDay
from coparent.model.schedule import Allocation, Handover, HandoverPlace


def large_plan() -> ParentingPlan:
    """The example plan grown to 30+ pages: many handovers and special days, long answers."""
    plan = ParentingPlan.example()
    paragraph = (
        "We will keep each other informed in good time, and we will put the children first "
        "when we make arrangements, even when that is hard for one of us. "
    )
    la = plan.living_arrangements
    handovers = tuple(
        Handover(
            id=f"h{i}",
            place=HandoverPlace.PUBLIC_PLACE,
            place_details=f"Meeting point {i}",
            when="Saturdays at 10:00",
            brings="Siân",
            collects="Tom",
            conditions=paragraph * 3,
        )
        for i in range(60)
    )
    days = tuple(
        SpecialDay(
            id=f"d{i}",
            name=f"Family day {i}",
            month=1 + i % 12,
            day=1 + i % 28,
            allocation=Allocation.ALTERNATE_YEARS,
            notes=paragraph,
        )
        for i in range(60)
    )
    la = attrs.evolve(la, handovers=handovers, special_days=days, cancellations=paragraph * 20)
    return attrs.evolve(plan, living_arrangements=la, notes=paragraph * 60)


def floor(lines: list[str]) -> bytes:
    """fpdf2 alone: the same fonts, the same text, one multi_cell per line, no layout."""
    from fpdf import FPDF

    from coparent.render._fonts import FAMILY, add_fonts, needs_shaping

    pdf = FPDF()
    add_fonts(pdf)
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


def median_time(fn: Callable[[], bytes], runs: int) -> tuple[float, bytes]:
    """Median wall time of ``runs`` calls, and the last result."""
    times = []
    out = b""
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    """Print time, size and pages for each case, and the ratio to the floor."""
    import pypdf

    audience = Audience.facilitator()
    print(
        f"{'case':<22}{'pages':>6}{'time':>10}{'size':>10}{'floor t':>10}{'floor sz':>10}"
        f"{'t ratio':>9}{'sz ratio':>9}"
    )
    for name, doc, runs in (
        ("example plan", ParentingPlan.example(), 7),
        ("large plan", large_plan(), 3),
    ):
        coparent.render_pdf(doc, audience=audience)  # warm: fonts' coverage, imports
        t, data = median_time(lambda d=doc: coparent.render_pdf(d, audience=audience), runs)
        reader = pypdf.PdfReader(io.BytesIO(data))
        lines = [ln for p in reader.pages for ln in p.extract_text().splitlines()]
        ft, fdata = median_time(lambda ls=lines: floor(ls), runs)
        print(
            f"{name:<22}{len(reader.pages):>6}{t:>9.3f}s{len(data) / 1024:>8.0f}KB"
            f"{ft:>9.3f}s{len(fdata) / 1024:>8.0f}KB{t / ft:>9.2f}{len(data) / len(fdata):>9.2f}"
        )


if __name__ == "__main__":
    main()
