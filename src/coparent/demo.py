"""The README's main job: the example documents and what coparent makes from them."""

from __future__ import annotations

from pathlib import Path

from .convert import dump
from .model import ParentingPlan, ParentRef, Referral, Review

__all__ = ["run_demo"]


def run_demo(out: Path) -> list[Path]:
    """Write the example documents and their schemas into ``out``; return the files written."""
    from .cli import export_schemas

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for cls in (ParentingPlan, Referral, Review):
        written.append(dump(cls.example(), out / f"{cls.KIND}.json"))
    written += export_schemas(out / "schemas")
    written += _pdfs(out / "pdf")
    return written


def _pdfs(folder: Path) -> list[Path]:
    """The example documents as PDFs: the plan for the facilitator and for the second parent,
    the referral for the facilitator and for the parent it withholds an address from, and the
    review."""
    from .redaction import Audience
    from .render.pdf import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[ParentingPlan | Referral | Review, Audience]] = [
        (ParentingPlan.example(), Audience.facilitator()),
        (ParentingPlan.example(), Audience.parent(ParentRef.B)),
        (Referral.example(), Audience.facilitator()),
        (Referral.example(), Audience.parent(ParentRef.B)),
        (Review.example(), Audience.facilitator()),
    ]
    written = []
    for doc, audience in jobs:
        path = folder / f"{doc.KIND}-{audience.name}.pdf"
        render_pdf(doc, path, audience=audience)
        written.append(path)
    return written
