"""Regenerate the PNG snapshots of the example PDFs (``nox -s snapshots``; needs pdftoppm).

For each example document and the review meeting's agreement report: the first page and the
pages where chosen headings start (the plan's weekly schedule and month calendar, the
referral's risk section as a parent sees it, the open points), at 72 dpi.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pypdf

import coparent
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review

HERE = Path(__file__).resolve().parent
DPI = "72"


def _merge() -> coparent.MergeResult:
    from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version

    return coparent.merge(
        last_agreed_version(),
        parent_a_version(),
        parent_b_version(),
        ours_label="Siân's version",
        theirs_label="Tom's version",
    )


JOBS: list[tuple[str, Any, Audience, tuple[str, ...]]] = [
    (
        "parenting_plan",
        ParentingPlan.example(),
        Audience.parent(ParentRef.B),
        ("Weekly schedule", "Month calendar"),
    ),
    # The same plan in Welsh (render_pdf's locale=), as a family in Wales may ask for it.
    (
        "parenting_plan-cy",
        ParentingPlan.example(),
        Audience.parent(ParentRef.B),
        ("Amserlen wythnosol", "Calendr y mis"),
    ),
    ("referral", Referral.example(), Audience.parent(ParentRef.B), ("Risk and safety",)),
    ("review", Review.example(), Audience.facilitator(), ("Agreed next steps",)),
    ("agreement-report", _merge(), Audience.facilitator(), ("Points still open",)),
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
    for kind, doc, audience, headings in JOBS:
        locale = kind.rpartition("-")[2] if kind.endswith("-cy") else None
        data = coparent.render_pdf(doc, audience=audience, locale=locale)
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = {1} | {n for h in headings if (n := _page_with(reader, h)) is not None}
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "doc.pdf"
            source.write_bytes(data)
            for n in sorted(pages):
                stem = HERE / f"{kind}-{audience.name}-p{n}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-gray",
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
