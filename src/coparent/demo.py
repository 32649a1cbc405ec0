"""The README's main job: the example documents and what coparent makes from them."""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .convert import dump, write_atomic
from .model import ParentingPlan, ParentRef, Referral, Review

if TYPE_CHECKING:
    from .merging import MergeResult

__all__ = ["run_demo"]


def _html_pages(folder: Path) -> list[Path]:
    """Each example document as an accessible HTML page, and a plan made by quick_plan."""
    from .builders import quick_plan
    from .render.html import html_page

    quick = quick_plan(
        parents=("Sam Jones", "Alex Jones"),
        children=[("Mia", date(2016, 2, 29)), ("Leo", date(2019, 9, 3))],
        pattern="two_two_five_five",
        starts_on=date(2027, 1, 4),
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in [(cls.KIND, cls.example()) for cls in (ParentingPlan, Referral, Review)] + [
        ("quick_plan", quick)
    ]:
        path = folder / f"{name}.html"
        write_atomic(path, html_page(doc, audience="facilitator").encode("utf-8"))
        written.append(path)
    return written


def run_demo(out: Path) -> list[Path]:
    """Write the example documents and their schemas into ``out``; return the files written."""
    from .cli import export_schemas

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for cls in (ParentingPlan, Referral, Review):
        written.append(dump(cls.example(), out / f"{cls.KIND}.json"))
    written += export_schemas(out / "schemas")
    meeting = _review_meeting_merge()
    written += _pdfs(out / "pdf", meeting)
    written += _calendar_files(out, ParentingPlan.example(), Referral.example(), Review.example())
    written += _diff_and_merge(out, meeting)
    written += _html_pages(out / "html")
    return written


def _diff_and_merge(out: Path, merged: MergeResult) -> list[Path]:
    """The review meeting: the diff of the two parents' versions and their merge."""
    from ._demo_data import parent_a_version, parent_b_version
    from .differences import diff

    result = diff(
        parent_a_version(),
        parent_b_version(),
        a_label="Siân's version",
        b_label="Tom's version",
    )
    files = {
        "diff.txt": str(result) + "\n",
        "diff.html": result._repr_html_() + "\n",
        "merge.json": merged.to_json() + "\n",
    }
    written = []
    for name, text in files.items():
        write_atomic(out / name, text.encode("utf-8"))
        written.append(out / name)
    return written


def _pdfs(folder: Path, meeting: MergeResult) -> list[Path]:
    """The example documents as PDFs: the plan for the facilitator and for the second parent,
    the referral for the facilitator and for the parent it withholds an address from, the
    review, and the agreement report of the review meeting (the two parents' versions merged)."""
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
    written.append(folder / "agreement-report-facilitator.pdf")
    render_pdf(meeting, written[-1], audience=Audience.facilitator())
    return written


def _review_meeting_merge() -> MergeResult:
    """The two parents' versions merged into the last agreed plan (see docs/review-meeting.md)."""
    from ._demo_data import last_agreed_version, parent_a_version, parent_b_version
    from .merging import merge

    return merge(
        last_agreed_version(),
        parent_a_version(),
        parent_b_version(),
        ours_label="Siân's version",
        theirs_label="Tom's version",
    )


def _calendar_files(
    out: Path, plan: ParentingPlan, referral: Referral, review: Review
) -> list[Path]:
    """The plan's next three months (from when it was last changed) as .ics, text and HTML."""
    from .render.ics import to_ics
    from .scheduling import calendar, month_grid

    start = plan.updated_at.date() if plan.updated_at else date.today()
    end = start + timedelta(weeks=13)
    months = [
        (start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1) for k in range(3)
    ]
    cal = calendar(plan, start, end, referral=referral, reviews=[review])
    grids = [month_grid(plan, y, m, referral=referral, reviews=[review]) for y, m in months]

    ics = out / "calendar.ics"
    write_atomic(ics, to_ics(cal))
    text = out / "calendar.txt"
    body = "\n\n".join([cal.text(), cal.share_text(), *(str(g) for g in grids)])
    write_atomic(text, (body + "\n").encode("utf-8"))
    page = out / "calendar.html"
    title = html.escape(f"{plan.title}: the next three months")
    doc = (
        f'<!doctype html>\n<html lang="{html.escape(plan.language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1>"
        + "".join(g._repr_html_() for g in grids)
        + f"<h2>Every period</h2><pre>{html.escape(body)}</pre></body></html>\n"
    )
    write_atomic(page, doc.encode("utf-8"))
    return [ics, text, page]
