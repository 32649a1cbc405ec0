"""The Parenting Plan Progress Summary as a PDF, laid out like the Cafcass form [S2].

First who the plan is for (parents, children and their dates of birth, the date), then a table
of every area with where the parents are on it, then each area with the three Cafcass choices
(agreed; made progress and seeking further help, with which help; need a court to help us
decide, with what) ticked in black and white, the notes, and lines for both parents to sign.
The summary holds no contact details, safety concerns or risk information, so every audience
gets the same content; the audience is printed on the copy.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..formatting import format_date
from ..model.areas import AgreementStatus
from ..progress import AreaProgress, ProgressSummary
from ..redaction import Audience
from ._layout import Writer

__all__ = ["progress_summary_writer"]

#: The creation date of a summary whose plan has no ``updated_at`` (same bytes every time).
_FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)

TITLE = "Parenting Plan: Progress Summary"
INTRO = (
    "For each area of our parenting plan, this summary says whether we have agreed it, have "
    "made progress and are seeking further help, or need a court to help us decide. It can be "
    "attached to an application to the family court."
)
TICKED, EMPTY = "[X]", "[  ]"


def _audience_line(audience: Audience) -> str:
    if audience.parent_ref is not None:
        return f"Copy for: {audience.parent_ref.label.lower()}"
    return f"Copy for: the {audience.kind.label.lower()}"


def _choice(writer: Writer, ticked: bool, label: str, detail: str = "") -> None:
    writer.paragraph(f"{TICKED if ticked else EMPTY}  {label}", bold=ticked)
    if ticked and detail.strip():
        writer.paragraph(detail)


def _help(area: AreaProgress) -> str:
    parts = [h.label for h in area.help_sought]
    if area.help_details.strip():
        parts.append(area.help_details.strip())
    return "Help: " + "; ".join(parts) if parts else ""


#: Room an area's heading needs below it (its three choices), so it is never left alone at the
#: foot of a page.
_AREA_MIN_MM = 32


def _area(writer: Writer, number: int, area: AreaProgress) -> None:
    # Writer has no keep-with-next yet: ask fpdf2 (its public API) whether the block would break.
    if writer.pdf.will_page_break(_AREA_MIN_MM):
        writer.add_page()
    writer.heading(f"{number}. {area.title}", 1)
    status = area.status
    _choice(writer, status is AgreementStatus.AGREED, AgreementStatus.AGREED.label)
    _choice(
        writer,
        status is AgreementStatus.SEEKING_HELP,
        AgreementStatus.SEEKING_HELP.label,
        _help(area),
    )
    court = area.court_to_decide.strip()
    _choice(
        writer,
        status is AgreementStatus.COURT_TO_DECIDE,
        AgreementStatus.COURT_TO_DECIDE.label,
        f"The court is asked to decide: {court}" if court else "",
    )
    if status is None:
        writer.paragraph("Not discussed yet.", grey=True)
    if area.notes.strip():
        writer.field("Notes", area.notes, placeholder="")
    writer.gap(2)


def progress_summary_writer(summary: ProgressSummary, audience: Audience) -> Writer:
    """The Progress Summary laid out for ``audience``; :func:`coparent.render_pdf` writes it.

    The same summary and audience always give the same bytes (the creation date is the plan's
    ``updated_at``).
    """
    created = summary.updated_at.astimezone(UTC) if summary.updated_at else _FIXED_DATE
    writer = Writer(
        title=TITLE,
        subject=summary.title,
        author="coparent",
        language=summary.language,
        created=created,
        keywords="parenting plan, progress summary, Cafcass",
    )
    writer.set_running_text(_audience_line(audience), f"{TITLE}    Plan {summary.plan_id}")
    writer.add_page()
    writer.big_title(TITLE)
    writer.paragraph(summary.title, bold=True, size=12)
    writer.gap(1)
    writer.paragraph(INTRO)
    writer.gap(3)
    writer.field("Parents", " and ".join(summary.parent_names), placeholder="(not given)")
    children = "\n".join(
        f"{name}, born {format_date(born)}" if born is not None else name
        for name, born in summary.children
    )
    writer.field("Children", children, placeholder="(none listed)")
    writer.field(
        "Date",
        format_date(summary.updated_at.date()) if summary.updated_at else "",
        placeholder="(not dated)",
    )
    prepared = summary.prepared_by.label
    if summary.prepared_with.strip():
        prepared += f", with {summary.prepared_with.strip()}"
    writer.field("Prepared by", prepared, placeholder="")
    writer.field("Status of the whole plan", summary.plan_status.label, placeholder="")

    counts = (
        f"{len(summary.agreed)} of {len(summary.areas)} areas agreed; "
        f"{len(summary.seeking_help)} seeking further help; "
        f"{len(summary.for_the_court)} for a court to decide"
    )
    writer.status_box(counts)
    writer.heading("Where we are, area by area", 0)
    writer.table(
        ["Area", "Where we are"],
        [[area.title, area.status_label] for area in summary.areas],
        widths=[60, 114],
    )
    writer.heading("Each area", 0)
    for number, area in enumerate(summary.areas, start=1):
        _area(writer, number, area)

    writer.heading("Signed", 0)
    for name in summary.parent_names:
        writer.signature_lines(name)
    return writer
