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
from ..i18n import N_, _
from ..model.areas import AgreementStatus
from ..progress import AreaProgress, ProgressSummary
from ..redaction import Audience
from ._layout import Writer

__all__ = ["progress_summary_writer"]

#: The creation date of a summary whose plan has no ``updated_at`` (same bytes every time).
_FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)

TITLE = N_("Parenting Plan: Progress Summary")
INTRO = N_(
    "For each area of our parenting plan, this summary says whether we have agreed it, have "
    "made progress and are seeking further help, or need a court to help us decide. It can be "
    "attached to an application to the family court."
)
TICKED, EMPTY = "[X]", "[  ]"


def _audience_line(audience: Audience) -> str:
    if audience.parent_ref is not None:
        return _("Copy for: {reader}").format(reader=_(audience.parent_ref.label).lower())
    return _("Copy for: the {reader}").format(reader=_(audience.kind.label).lower())


def _choice(writer: Writer, ticked: bool, label: str, detail: str = "") -> None:
    writer.paragraph(f"{TICKED if ticked else EMPTY}  {label}", bold=ticked)
    if ticked and detail.strip():
        writer.paragraph(detail)


def _help(area: AreaProgress) -> str:
    parts = [_(h.label) for h in area.help_sought]
    if area.help_details.strip():
        parts.append(area.help_details.strip())
    return _("Help: {what}").format(what="; ".join(parts)) if parts else ""


#: Room an area's heading needs below it (its three choices), so it is never left alone at the
#: foot of a page.
_AREA_MIN_MM = 32


def _area(writer: Writer, number: int, area: AreaProgress) -> None:
    # Writer has no keep-with-next yet: ask fpdf2 (its public API) whether the block would break.
    if writer.pdf.will_page_break(_AREA_MIN_MM):
        writer.add_page()
    writer.heading(f"{number}. {_(area.title)}", 1)
    status = area.status
    _choice(writer, status is AgreementStatus.AGREED, _(AgreementStatus.AGREED.label))
    _choice(
        writer,
        status is AgreementStatus.SEEKING_HELP,
        _(AgreementStatus.SEEKING_HELP.label),
        _help(area),
    )
    court = area.court_to_decide.strip()
    _choice(
        writer,
        status is AgreementStatus.COURT_TO_DECIDE,
        _(AgreementStatus.COURT_TO_DECIDE.label),
        _("The court is asked to decide: {question}").format(question=court) if court else "",
    )
    if status is None:
        writer.paragraph(_("Not discussed yet."), grey=True)
    if area.notes.strip():
        writer.field(_("Notes"), area.notes, placeholder="")
    writer.gap(2)


def progress_summary_writer(summary: ProgressSummary, audience: Audience) -> Writer:
    """The Progress Summary laid out for ``audience``; :func:`coparent.render_pdf` writes it.

    The same summary and audience always give the same bytes (the creation date is the plan's
    ``updated_at``).
    """
    created = summary.updated_at.astimezone(UTC) if summary.updated_at else _FIXED_DATE
    title = _(TITLE)
    writer = Writer(
        title=title,
        subject=summary.title,
        author="coparent",
        language=summary.language,
        created=created,
        keywords="parenting plan, progress summary, Cafcass",
    )
    plan_line = _("Plan {id}").format(id=summary.plan_id)
    writer.set_running_text(_audience_line(audience), f"{title}    {plan_line}")
    writer.add_page()
    writer.big_title(title)
    writer.paragraph(summary.title, bold=True, size=12)
    writer.gap(1)
    writer.paragraph(_(INTRO))
    writer.gap(3)
    writer.field(_("Parents"), _(" and ").join(summary.parent_names), placeholder=_("(not given)"))
    children = "\n".join(
        _("{name}, born {date}").format(name=name, date=format_date(born))
        if born is not None
        else name
        for name, born in summary.children
    )
    writer.field(_("Children"), children, placeholder=_("(none listed)"))
    writer.field(
        _("Date"),
        format_date(summary.updated_at.date()) if summary.updated_at else "",
        placeholder=_("(not dated)"),
    )
    prepared = _(summary.prepared_by.label)
    if summary.prepared_with.strip():
        prepared += _(", with {who}").format(who=summary.prepared_with.strip())
    writer.field(_("Prepared by"), prepared, placeholder="")
    writer.field(_("Status of the whole plan"), _(summary.plan_status.label), placeholder="")

    counts = _(
        "{agreed} of {areas} areas agreed; {seeking} seeking further help; "
        "{court} for a court to decide"
    ).format(
        agreed=len(summary.agreed),
        areas=len(summary.areas),
        seeking=len(summary.seeking_help),
        court=len(summary.for_the_court),
    )
    writer.status_box(counts)
    writer.heading(_("Where we are, area by area"), 0)
    writer.table(
        [_("Area"), _("Where we are")],
        [[_(area.title), _(area.status_label)] for area in summary.areas],
        widths=[60, 114],
    )
    writer.heading(_("Each area"), 0)
    for number, area in enumerate(summary.areas, start=1):
        _area(writer, number, area)

    writer.heading(_("Signed"), 0)
    for name in summary.parent_names:
        writer.signature_lines(name)
    return writer
