"""PDF rendering of parenting plans, referrals and reviews, for one audience at a time.

:func:`render_pdf` redacts the document for its audience first (:func:`coparent.redact`), then
lays it out: every label comes from the field metadata, every choice from its enum label, so
nothing a reader sees is typed twice.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..convert import write_atomic
from ..errors import CoparentError, RenderError
from ..model._base import Choice, ParentRef, field_info
from ..model.people import Child, Person
from ..model.plan import ParentingPlan, PlanStatus, TransitionStep
from ..model.referral import Referral
from ..model.review import Review
from ..model.schedule import Handover, WeeklySchedule
from ..redaction import Audience, redact
from ._layout import Writer

if TYPE_CHECKING:
    from .._diff import DiffResult
    from .._merge import MergeResult

__all__ = ["render_pdf"]

NOT_DISCUSSED = "Not yet discussed"
NOT_GIVEN = "Not given"
WITHHELD_CONTACT = "Kept confidential: not shown to this reader."
SAFETY_FOR_PARENTS = (
    "Safety concerns are shared with the facilitator and the court only. "
    "This copy shows the conditions both parents agreed to keep."
)
RISK_FOR_PARENTS = "This section is for the centre's staff only and is not shown to either parent."

#: The plan's numbered sections after "Parents", in order.
PLAN_SECTIONS = (
    "communication",
    "living_arrangements",
    "money",
    "education",
    "health",
    "religion_and_culture",
    "safety",
    "review",
    "transition",
)

#: Creation date used when a document has no ``updated_at``, so output stays byte-identical.
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_STATUS_MARK = {
    PlanStatus.DRAFT: "DRAFT: not agreed",
    PlanStatus.PROPOSED: "PROPOSED: not yet agreed by both parents",
    PlanStatus.AGREED: "",
}
_STATUS_BOX = {
    PlanStatus.DRAFT: "DRAFT: this plan has not been agreed",
    PlanStatus.PROPOSED: "PROPOSED: waiting for both parents to agree",
    PlanStatus.AGREED: "AGREED by both parents",
}


def render_pdf(
    doc: ParentingPlan | Referral | Review | DiffResult | MergeResult,
    path: str | os.PathLike[str] | None = None,
    *,
    audience: Audience,
    calendar_from: date | None = None,
    months: int = 3,
) -> bytes:
    """Render ``doc`` as a PDF for ``audience``; return the bytes, and write them to ``path``.

    ``doc`` is a plan, referral or review, or a :func:`coparent.diff` or :func:`coparent.merge`
    result, which gives the agreement report (what is agreed, and each open point side by side
    with room to write the decision).

    ``audience`` has no default on purpose: forgetting it must not silently produce the full,
    unredacted document. The same document and audience always give the same bytes (the
    creation date is the document's ``updated_at``). Writing to ``path`` is atomic.

    A plan's month calendar shows ``months`` months from ``calendar_from`` (default: the month
    the plan was last changed, else the month its weekly pattern starts), never from today, so
    the output does not depend on when it is rendered.
    Raises :class:`coparent.RenderError` if the document cannot be rendered, or would need
    more than :data:`coparent.render._layout.MAX_PAGES` pages (1,000: rendering costs time in
    proportion to the pages, so a huge document is refused early rather than taking minutes).
    ``path`` must be a regular file or a new path: a device, FIFO, folder or symbolic link is
    refused with :class:`coparent.errors.FileRefusedError` (see :func:`coparent.convert.dump`).
    """
    if not isinstance(audience, Audience):
        raise RenderError("audience must be a coparent.Audience, e.g. Audience.parent(ParentRef.A)")
    renderers: dict[type[Any], Callable[[Any, Audience], Writer]] = {
        ParentingPlan: lambda d, a: _plan(d, a, calendar_from, months),
        Referral: _referral,
        Review: _review,
    }
    renderer = renderers.get(type(doc))
    if renderer is None:
        from .._diff import DiffResult
        from .._merge import MergeResult
        from .agreement import agreement_report, hidden_by_section

        if isinstance(doc, DiffResult | MergeResult):
            result = doc

            def renderer(visible: Any, audience: Audience) -> Writer:
                return agreement_report(visible, audience, hidden_by_section(result, visible))

    if renderer is None:
        raise RenderError(
            f"cannot render a {type(doc).__name__} as a PDF: expected a ParentingPlan, "
            "Referral, Review, or a diff or merge result (the agreement report)"
        )
    visible = redact(doc, audience)
    try:
        data = renderer(visible, audience).output()
    except CoparentError:
        raise
    except Exception as e:  # fpdf2 and fontTools raise many kinds; never leak their traceback
        raise RenderError(
            f"could not lay out the {getattr(doc, 'KIND', 'agreement report')} as a PDF "
            f"({type(e).__name__}); "
            "please report this with the document's id"
        ) from None
    if path is not None:
        write_atomic(Path(path), data)
    return data


# -- values as text ----------------------------------------------------------------------------


def _date(d: date) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def _time(t: time) -> str:
    return t.strftime("%H:%M" if not t.second else "%H:%M:%S")


def _datetime(d: datetime) -> str:
    offset = d.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{d.day} {d.strftime('%B %Y')}, {_time(d.time())} {zone}"


class _Context:
    """What formatting needs to know: the parents' names and the placeholder for empty answers."""

    def __init__(self, doc: Any, placeholder: str) -> None:
        self.names = {ParentRef.A: doc.parent_a.name, ParentRef.B: doc.parent_b.name}
        self.placeholder = placeholder

    def text(self, value: Any, attribute: attrs.Attribute[Any] | None = None) -> str:
        """A value as a reader sees it; empty string for an empty answer."""
        if value is None or value == "" or value == ():
            return ""
        if isinstance(value, ParentRef):
            name = self.names[value].strip()
            return f"{name} ({value.label.lower()})" if name else value.label
        if isinstance(value, Choice):
            return value.label
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, int):
            if attribute is not None and attribute.name == "amount_pence":
                return f"£{value // 100:,}.{value % 100:02d}"
            return str(value)
        if isinstance(value, datetime):
            return _datetime(value)
        if isinstance(value, date):
            return _date(value)
        if isinstance(value, time):
            return _time(value)
        if isinstance(value, uuid.UUID):
            return str(value)
        if isinstance(value, tuple):
            return "; ".join(self.text(v) for v in value)
        return str(value)


def _summary(item: Any, ctx: _Context) -> str:
    """A one-line name for a list item: its name, description, item or kind."""
    for name in ("name", "description", "item", "kind", "place", "on"):
        if hasattr(item, name):
            text = ctx.text(getattr(item, name))
            if text.strip():
                return text
    return ""


def _is_default(obj: Any) -> bool:
    try:
        return bool(obj == type(obj)())
    except TypeError:
        return False


def _fields(
    w: Writer, obj: Any, ctx: _Context, *, skip: tuple[str, ...] = (), show_empty: bool = True
) -> None:
    """Every field of ``obj`` as label and value; nested objects and lists get sub-blocks."""
    for a in attrs.fields(type(obj)):
        if a.name in skip or a.name == "id":
            continue
        value = getattr(obj, a.name)
        title = field_info(a).title
        if attrs.has(type(value)):
            w.paragraph(title, bold=True, size=10.5)
            _fields(w, value, ctx, show_empty=show_empty)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            w.paragraph(title, bold=True, size=10.5)
            _items(w, value, ctx)
        else:
            text = ctx.text(value, a)
            if text.strip() or show_empty:
                w.field(title, text, placeholder=ctx.placeholder)


def _items(w: Writer, items: tuple[Any, ...], ctx: _Context) -> None:
    for n, item in enumerate(items, 1):
        summary = _summary(item, ctx)
        w.paragraph(f"{n}. {summary}" if summary else f"{n}.", bold=True)
        _fields(w, item, ctx, skip=("name", "description"), show_empty=False)
        w.gap(1)


def _section(w: Writer, number: int | None, title: str, obj: Any, ctx: _Context, **kw: Any) -> None:
    w.heading(f"{number}. {title}" if number is not None else title, 0)
    if _is_default(obj):
        w.paragraph(ctx.placeholder, grey=True)
        return
    _fields(w, obj, ctx, **kw)


def _person(
    w: Writer, person: Person, ref: ParentRef | None, audience: Audience, ctx: _Context
) -> None:
    hidden = not audience.may_see_contact_of(person, ref)
    w.heading(person.name or (ref.label if ref else "Person"), 1)
    _fields(w, person, ctx, skip=("name", "contact") if hidden else ("name",), show_empty=False)
    if hidden:
        w.field("Contact details", WITHHELD_CONTACT, placeholder="")


def _children(w: Writer, children: tuple[Child, ...], ctx: _Context) -> None:
    if not children:
        w.paragraph(ctx.placeholder, grey=True)
        return
    cls = attrs.fields(Child)
    w.table(
        [
            field_info(cls.name).title,
            field_info(cls.preferred_name).title,
            field_info(cls.date_of_birth).title,
        ],
        [[c.name, c.preferred_name, ctx.text(c.date_of_birth)] for c in children],
        (45, 25, 30),
    )
    for child in children:
        if child.needs or child.wishes_and_feelings:
            w.paragraph(child.name, bold=True)
            _fields(
                w, child, ctx, skip=("name", "preferred_name", "date_of_birth"), show_empty=False
            )


def _schedule(
    w: Writer, schedule: WeeklySchedule, handovers: tuple[Handover, ...], ctx: _Context
) -> None:
    from ..model.plan import LivingArrangements
    from ..model.schedule import WeeklySlot

    f = attrs.fields(WeeklySchedule)
    w.heading(field_info(attrs.fields(LivingArrangements).schedule).title, 1)
    w.field(field_info(f.pattern).title, ctx.text(schedule.pattern), placeholder=ctx.placeholder)
    w.field(
        field_info(f.starts_on).title, ctx.text(schedule.starts_on), placeholder=ctx.placeholder
    )
    s = attrs.fields(WeeklySlot)
    if schedule.slots:
        rows = []
        for n, slot in enumerate(schedule.slots, 1):
            weeks = (
                "Every week"
                if slot.every_n_weeks == 1
                else f"Week {slot.week_offset + 1} of every {slot.every_n_weeks}"
            )
            rows.append(
                [
                    str(n),
                    ctx.text(slot.parent),
                    f"{slot.start_day.label} {_time(slot.start_time)}",
                    f"{slot.end_day.label} {_time(slot.end_time)}",
                    weeks,
                ]
            )
        w.table(
            [
                "#",
                field_info(s.parent).title,
                field_info(s.start_day).title.split(" (")[0],
                field_info(s.end_day).title.split(" (")[0],
                field_info(s.every_n_weeks).title,
            ],
            rows,
            (6, 40, 30, 30, 34),
        )
        places = {
            h.id: ctx.text(h.place) + (f": {h.place_details}" if h.place_details else "")
            for h in handovers
        }
        for n, slot in enumerate(schedule.slots, 1):
            if slot.notes or slot.handover_id:
                w.paragraph(f"Time {n}", bold=True)
                if slot.handover_id:
                    w.field(
                        field_info(s.handover_id).title,
                        places.get(slot.handover_id, slot.handover_id),
                        placeholder="",
                    )
                if slot.notes:
                    w.field(field_info(s.notes).title, slot.notes, placeholder="")
    else:
        w.field(field_info(f.slots).title, "", placeholder=ctx.placeholder)
    w.field(field_info(f.notes).title, schedule.notes, placeholder=ctx.placeholder)


def _steps(w: Writer, steps: tuple[TransitionStep, ...], ctx: _Context, title: str) -> None:
    w.heading(title, 1)
    if not steps:
        w.paragraph(ctx.placeholder, grey=True)
        return
    s = attrs.fields(TransitionStep)
    w.table(
        ["#", field_info(s.target_date).title, field_info(s.status).title],
        [[str(n), ctx.text(st.target_date), ctx.text(st.status)] for n, st in enumerate(steps, 1)],
        (8, 60, 40),
    )
    for n, step in enumerate(steps, 1):
        w.paragraph(f"{n}. {step.description}", bold=True)
        if step.conditions:
            w.field(field_info(s.conditions).title, step.conditions, placeholder="")


def _running_footer(kind: str, doc: Any, audience: Audience) -> str:
    version = _datetime(doc.updated_at) if doc.updated_at is not None else "not recorded"
    return f"{kind} {doc.id}    Version: last changed {version}    For: {audience.label}"


def _writer(doc: Any, title: str, subject: str, audience: Audience) -> Writer:
    created = doc.updated_at.astimezone(UTC) if doc.updated_at is not None else FIXED_DATE
    return Writer(
        title=title,
        subject=subject,
        author="coparent",
        language=doc.language,
        created=created,
        keywords=f"{type(doc).KIND}, {doc.id}",
    )


# -- documents ---------------------------------------------------------------------------------


def _months_from(plan: ParentingPlan, calendar_from: date | None) -> date | None:
    if calendar_from is not None:
        return calendar_from
    if plan.updated_at is not None:
        return plan.updated_at.date()
    return plan.living_arrangements.schedule.starts_on


def _calendar(w: Writer, plan: ParentingPlan, calendar_from: date | None, months: int) -> None:
    """The month calendar: who the children are with on each day, as initials."""
    from .._calendar import month_grid

    w.heading("Month calendar", 1)
    start = _months_from(plan, calendar_from)
    if start is None or months < 1:
        w.paragraph(
            "No calendar: the plan has no date to start from (give the date the pattern starts).",
            grey=True,
        )
        return
    w.paragraph(
        "Who the children are with on each day, from the weekly schedule, school holidays, "
        "special days and one-off changes. Where they change over during a day, the initials "
        "are in order (S › T: with S, then with T).",
        size=9,
    )
    for k in range(months):
        year, month = start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1
        try:
            grid = month_grid(plan, year, month)
        except (CoparentError, ValueError, OverflowError):
            w.paragraph(f"The calendar for {month}/{year} could not be worked out.", grey=True)
            return
        (ia, ib), (na, nb) = grid.initials, grid.names
        legend = f"{ia} = {na}, {ib} = {nb}, ? = not settled by the plan, ! = clash, * = see below"
        weeks = []
        notes = []
        for week in grid.weeks:
            cells: list[tuple[int | None, str, bool]] = []
            for day in week:
                if not day.in_month:
                    cells.append((None, "", False))
                    continue
                marks = " › ".join(grid.initials[0 if p is ParentRef.A else 1] for p in day.parents)
                marks += "!" if day.clash else "?" if day.unassigned else ""
                cells.append((day.on.day, marks, bool(day.events)))
                notes += [f"* {_date(day.on)}: {e}" for e in day.events]
            weeks.append(cells)
        w.month(grid.title, legend, weeks, notes)


def _plan_section(
    w: Writer,
    plan: ParentingPlan,
    name: str,
    prefix: str,
    audience: Audience,
    ctx: _Context,
    calendar_from: date | None,
    months: int,
) -> None:
    """One of the plan's sections (communication to transition), headed ``prefix + title``."""
    a = getattr(attrs.fields(ParentingPlan), name)
    value = getattr(plan, name)
    w.heading(f"{prefix}{field_info(a).title}", 0)
    if _is_default(value):
        w.paragraph(NOT_DISCUSSED, grey=True)
        return
    if name == "living_arrangements":
        la = attrs.fields(type(value))
        _fields(
            w,
            value,
            ctx,
            skip=("schedule", "handovers", "holidays", "special_days", "exceptions"),
        )
        _schedule(w, value.schedule, value.handovers, ctx)
        if months:
            _calendar(w, plan, calendar_from, months)
        for list_name in ("handovers", "holidays", "special_days", "exceptions"):
            w.heading(field_info(getattr(la, list_name)).title, 1)
            items = getattr(value, list_name)
            if items:
                _items(w, items, ctx)
            else:
                w.paragraph(NOT_DISCUSSED, grey=True)
    elif name == "transition":
        t = attrs.fields(type(value))
        _steps(w, value.steps, ctx, field_info(t.steps).title)
        w.field(field_info(t.long_term_goal).title, value.long_term_goal, placeholder=NOT_DISCUSSED)
    elif name == "safety" and audience.is_parent:
        w.paragraph(SAFETY_FOR_PARENTS, grey=True)
        _fields(w, value, ctx, skip=("concerns", "domestic_abuse_concerns"))
    else:
        _fields(w, value, ctx)


def _plan(
    plan: ParentingPlan, audience: Audience, calendar_from: date | None, months: int
) -> Writer:
    ctx = _Context(plan, NOT_DISCUSSED)
    f = attrs.fields(ParentingPlan)
    w = _writer(plan, plan.title or "Parenting plan", "Parenting plan", audience)
    w.set_running_text(_STATUS_MARK[plan.status], _running_footer("Plan", plan, audience))
    w.add_page()
    w.big_title(plan.title or "Parenting plan")
    w.status_box(_STATUS_BOX[plan.status])
    w.paragraph(f"For: {audience.label}", bold=True)
    w.gap(3)
    for name in ("prepared_by", "prepared_with", "language", "updated_at", "id"):
        a = getattr(f, name)
        w.field(field_info(a).title, ctx.text(getattr(plan, name), a), placeholder=NOT_GIVEN)
    w.heading(field_info(f.children).title, 0)
    _children(w, plan.children, ctx)

    number = 1
    w.heading(f"{number}. Parents", 0)
    for ref in ParentRef:
        _person(w, plan.parent(ref), ref, audience, ctx)
    for name in PLAN_SECTIONS:
        number += 1
        _plan_section(w, plan, name, f"{number}. ", audience, ctx, calendar_from, months)
    number += 1
    w.heading(f"{number}. {field_info(f.notes).title}", 0)
    w.paragraph(plan.notes or NOT_DISCUSSED, grey=not plan.notes)

    w.heading("Signatures", 0)
    w.paragraph("We agree to this plan.")
    for ref in ParentRef:
        person = plan.parent(ref)
        w.signature_lines(f"{person.name} ({ref.label.lower()})")
    return w


def _referral(ref: Referral, audience: Audience) -> Writer:
    ctx = _Context(ref, NOT_GIVEN)
    f = attrs.fields(Referral)
    service = field_info(f.service).title
    w = _writer(ref, "Referral", "Referral", audience)
    w.set_running_text("", _running_footer("Referral", ref, audience))
    w.add_page()
    w.big_title("Referral")
    w.paragraph(f"For: {audience.label}", bold=True)
    w.gap(2)
    for name in ("made_on", "updated_at", "id", "language"):
        a = getattr(f, name)
        w.field(field_info(a).title, ctx.text(getattr(ref, name), a), placeholder=NOT_GIVEN)
    _section(w, 1, field_info(f.referrer).title, ref.referrer, ctx)
    _section(w, 2, service, ref.service, ctx)
    w.heading("3. Parents", 0)
    for p in ParentRef:
        _person(w, ref.parent(p), p, audience, ctx)
    w.field(
        field_info(f.children_live_with).title,
        ctx.text(ref.children_live_with),
        placeholder=NOT_GIVEN,
    )
    w.heading(f"4. {field_info(f.other_attendees).title}", 0)
    if not ref.other_attendees:
        w.paragraph(NOT_GIVEN, grey=True)
    for person in ref.other_attendees:
        _person(w, person, None, audience, ctx)
    w.heading(f"5. {field_info(f.children).title}", 0)
    _children(w, ref.children, ctx)
    w.field(
        field_info(f.parental_responsibility).title,
        ref.parental_responsibility,
        placeholder=NOT_GIVEN,
    )
    if ref.court_order is None:
        w.heading(f"6. {field_info(f.court_order).title}", 0)
        w.paragraph("No court order.", grey=True)
    else:
        _section(w, 6, field_info(f.court_order).title, ref.court_order, ctx)
    if audience.is_parent:
        w.heading(f"7. {field_info(f.risk).title}", 0)
        w.paragraph(RISK_FOR_PARENTS, grey=True)
    else:
        _section(w, 7, field_info(f.risk).title, ref.risk, ctx)
    w.heading(f"8. {field_info(f.notes).title}", 0)
    w.paragraph(ref.notes or NOT_GIVEN, grey=not ref.notes)
    return w


def _review(rev: Review, audience: Audience) -> Writer:
    ctx = _Context(rev, NOT_GIVEN)
    f = attrs.fields(Review)
    w = _writer(rev, "Review record", "Contact centre review", audience)
    w.set_running_text("", _running_footer("Review", rev, audience))
    w.add_page()
    w.big_title("Review record")
    w.paragraph(f"For: {audience.label}", bold=True)
    w.gap(2)
    w.heading("1. The review", 0)
    for name in (
        "held_on",
        "reason",
        "facilitator",
        "family_reference",
        "referral_id",
        "plan_id",
        "updated_at",
        "id",
        "language",
    ):
        a = getattr(f, name)
        w.field(field_info(a).title, ctx.text(getattr(rev, name), a), placeholder=NOT_GIVEN)
    w.heading("2. Parents", 0)
    for p in ParentRef:
        _person(w, rev.parent(p), p, audience, ctx)
    w.heading(f"3. {field_info(f.children).title}", 0)
    _children(w, rev.children, ctx)
    w.heading(f"4. {field_info(f.sessions).title}", 0)
    if rev.sessions:
        from ..model.review import SessionRecord

        s = attrs.fields(SessionRecord)
        w.table(
            [
                "#",
                field_info(s.on).title,
                field_info(s.attended).title,
                field_info(s.missed_by).title,
            ],
            [
                [str(n), ctx.text(x.on), ctx.text(x.attended), ctx.text(x.missed_by)]
                for n, x in enumerate(rev.sessions, 1)
            ],
            (8, 55, 25, 50),
        )
        w.paragraph(f"Sessions that took place: {rev.sessions_attended} of {len(rev.sessions)}.")
        for n, x in enumerate(rev.sessions, 1):
            if x.notes:
                w.field(f"{n}. {field_info(s.notes).title}", x.notes, placeholder="")
    else:
        w.paragraph(NOT_GIVEN, grey=True)
    w.heading("5. Views", 0)
    for name in (
        "how_contact_went",
        "children_response",
        "parent_a_view",
        "parent_b_view",
        "children_view",
    ):
        a = getattr(f, name)
        w.field(field_info(a).title, getattr(rev, name), placeholder=NOT_GIVEN)
    w.heading("6. Outcome", 0)
    for name in ("plan_progress", "outcome", "outcome_reason"):
        a = getattr(f, name)
        w.field(field_info(a).title, ctx.text(getattr(rev, name), a), placeholder=NOT_GIVEN)
    _steps(w, rev.agreed_steps, ctx, field_info(f.agreed_steps).title)
    for name in ("long_term_goal", "next_review"):
        a = getattr(f, name)
        w.field(field_info(a).title, ctx.text(getattr(rev, name), a), placeholder=NOT_GIVEN)
    return w
