"""Regenerate the PNG snapshots of the example PDFs (``nox -s snapshots``; needs pdftoppm).

For each example document: its first page, and for the plan also the page with the weekly
schedule (and the month calendar, where the calendar module provides one), at 72 dpi.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdf

import coparent
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review

HERE = Path(__file__).resolve().parent
DPI = "72"

JOBS = [
    (ParentingPlan.example(), Audience.parent(ParentRef.B), ("Weekly schedule", "Month calendar")),
    (Referral.example(), Audience.parent(ParentRef.B), ("Risk and safety",)),
    (Review.example(), Audience.facilitator(), ("Agreed next steps",)),
]


def _page_with(reader: pypdf.PdfReader, heading: str) -> int | None:
    """The 1-based number of the first page whose text has ``heading`` on a line of its own."""
    for number, page in enumerate(reader.pages, 1):
        if any(line.strip().endswith(heading) for line in page.extract_text().splitlines()):
            return number
    return None


def main() -> int:
    """Render each example and write ``<kind>-<audience>-p<N>.png`` for the pages chosen."""
    for old in HERE.glob("*.png"):
        old.unlink()
    for doc, audience, headings in JOBS:
        data = coparent.render_pdf(doc, audience=audience)
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = {1} | {n for h in headings if (n := _page_with(reader, h)) is not None}
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "doc.pdf"
            source.write_bytes(data)
            for n in sorted(pages):
                stem = HERE / f"{doc.KIND}-{audience.name}-p{n}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        DPI,
                        "-f",
                        str(n),
                        "-l",
                        str(n),
                        "-singlefile",
                        str(source),
                        str(stem),
                    ],
                    check=True,
                )
                print(stem.with_suffix(".png").relative_to(HERE.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
