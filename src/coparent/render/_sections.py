"""The parts of a PDF that the documents and the agreement report share.

Everything is laid out from the spec tree (:mod:`coparent.model.introspect`): a section's
fields in the model's order, a list of items as a table of its short fields followed by each
item's longer text, every value through :mod:`coparent.formatting`. The only special layouts
are keyed on classes: the first weekly schedule (the plan's regular one) is followed by the month
calendar, which already shows every later pattern too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from ..errors import CoparentError
from ..formatting import format_date, format_datetime, format_field, item_name, month_name
from ..i18n import N_, _
from ..model._base import ParentRef, Visibility
from ..model.introspect import ClassSpec, FieldSpec, Kind, is_model_class, spec_of
from ..model.plan import ParentingPlan
from ..model.schedule import WeeklySchedule
from ..redaction import Audience
from ._common import NOT_DISCUSSED, NOT_SHOWN, is_blank, is_default
from ._layout import Writer

__all__ = [
    "FIXED_DATE",
    "NOT_GIVEN",
    "STAFF_ONLY",
    "WITHHELD_CONTACT",
    "Context",
    "document_section",
    "fields",
    "items",
    "new_writer",
]

NOT_GIVEN = N_("Not given")
WITHHELD_CONTACT = N_("Kept confidential: not shown to this reader.")
STAFF_ONLY = N_("This is for the centre's staff only and is not shown to either parent.")

#: Creation date used when a document has no ``updated_at``, so output stays byte-identical.
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)

#: A table cell longer than this goes under the table as a paragraph (fpdf2 cannot split a
#: table row across pages).
_CELL_LIMIT = 120
_TABLE_WIDTH = 174
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _item_ids(value: Any) -> Iterator[tuple[str, str]]:
    """Every list item's id and readable name in ``value`` and below it."""
    if not is_model_class(type(value)):
        return
    for f in spec_of(value.__class__).fields:
        v = getattr(value, f.name)
        if f.kind is Kind.ITEMS:
            for item in v:
                if spec_of(item.__class__).has_id:
                    yield str(item.id), item_name(type(item), item)
                yield from _item_ids(item)
        elif f.kind in (Kind.SECTION, Kind.UNION):
            yield from _item_ids(v)


class Context:
    """What laying out a document needs: its reader, its parents' names, references between
    its items, the placeholder for empty answers, and the calendar's months."""

    def __init__(
        self,
        doc: Any,
        audience: Audience,
        *,
        calendar_from: date | None = None,
        months: int = 0,
    ) -> None:
        self.doc = doc
        self.audience = audience
        #: Whether places that could find a confidential person are withheld (computed once).
        self.locating: bool | None = None
        self.names = {ParentRef.A: doc.parent_a.name, ParentRef.B: doc.parent_b.name}
        self.placeholder = _(NOT_DISCUSSED if isinstance(doc, ParentingPlan) else NOT_GIVEN)
        self.references = dict(_item_ids(doc))
        self.calendar_from = calendar_from
        self.months = months
        #: Whether the month calendar has been drawn: once, after the first weekly schedule.
        self.calendar_drawn = False

    def text(self, spec: FieldSpec, value: Any) -> str:
        """A value as this reader sees it; ``""`` for an empty answer.

        The value formatter gives the words; a parent is also named, and a reference to
        another item reads as that item's name.
        """
        if is_blank(value):
            return ""
        if isinstance(value, ParentRef):
            name = self.names[value].strip()
            label = _(value.label)
            return f"{name} ({label.lower()})" if name else label
        if spec.kind is Kind.REFERENCE and value in self.references:
            return self.references[value]
        return format_field(spec, value)


def new_writer(doc: Any, title: str, subject: str, keywords: str) -> Writer:
    """A fresh :class:`Writer` whose creation date is the document's ``updated_at``."""
    updated = getattr(doc, "updated_at", None) if doc is not None else None
    return Writer(
        title=title,
        subject=subject,
        author="coparent",
        language=getattr(doc, "language", None) or "en-GB",
        created=updated.astimezone(UTC) if updated is not None else FIXED_DATE,
        keywords=keywords,
    )


def version_text(doc: Any) -> str:
    """When the document was last changed, for the running footer."""
    updated = doc.updated_at
    return format_datetime(updated) if updated is not None else _("not recorded")


def _withheld(spec: ClassSpec, f: FieldSpec, obj: Any, ctx: Context) -> str | None:
    """The note shown instead of a field the reader may not see, or None if they may."""
    if not ctx.audience.is_parent:
        return None
    if f.visibility is Visibility.STAFF:
        return _(STAFF_ONLY)
    if f.visibility in (Visibility.LOCATING, Visibility.CHILD_WORDS):
        from ..redaction import left_out, locating_withheld

        if ctx.locating is None:
            ctx.locating = locating_withheld(ctx.doc, ctx.audience)
        return _(NOT_SHOWN) if left_out(obj, f, ctx.audience, locating=ctx.locating) else None
    flag = spec.confidential_flag
    if f.visibility is Visibility.CONFIDENTIAL and flag is not None:
        value = getattr(obj, f.name)
        if getattr(obj, flag.name) and (is_blank(value) or is_default(value)):
            return _(WITHHELD_CONTACT)
    return None


def fields(
    w: Writer, obj: Any, ctx: Context, *, show_empty: bool = True, skip_names: bool = False
) -> None:
    """Every field of ``obj`` as label and value; sections and lists get sub-blocks.

    ``skip_names`` leaves out the fields that name the item (already in its heading).
    """
    spec = spec_of(obj.__class__)
    # Short answers first, then sections and lists, as the HTML does.
    ordered = sorted(spec.fields, key=lambda f: f.kind in (Kind.SECTION, Kind.UNION, Kind.ITEMS))
    for f in ordered:
        if f.kind is Kind.ID or (skip_names and f.info.names_item):
            continue
        value = getattr(obj, f.name)
        note = _withheld(spec, f, obj, ctx)
        if note is not None:
            w.field(_(f.title), note, placeholder="")
        elif f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            w.paragraph(_(f.title), bold=True, size=10.5)
            _section_body(w, value, ctx, show_empty=False)
        elif f.kind is Kind.ITEMS:
            if value or show_empty:
                w.paragraph(_(f.title), bold=True, size=10.5)
                items(w, value, ctx)
        else:
            text = ctx.text(f, value)
            if text.strip() or show_empty:
                w.field(_(f.title), text, placeholder=ctx.placeholder)


def _section_body(w: Writer, obj: Any, ctx: Context, *, show_empty: bool = True) -> None:
    if is_default(obj) and not isinstance(obj, WeeklySchedule):
        w.paragraph(ctx.placeholder, grey=True)
        return
    fields(w, obj, ctx, show_empty=show_empty)
    if isinstance(obj, WeeklySchedule) and ctx.months and not ctx.calendar_drawn:
        ctx.calendar_drawn = True
        _calendar(w, ctx)


def _template_fields(spec: ClassSpec) -> list[str]:
    return _PLACEHOLDER.findall(spec.name_template or "")


def _widths(titles: list[str], rows: list[list[str]]) -> list[int]:
    """Column widths in mm: ``#`` narrow, the others by how much they hold."""
    weights = [
        max(max(map(len, title.split()), default=4), *(min(len(r[i]), 48) for r in rows))
        for i, title in enumerate(titles)
    ]
    rest = _TABLE_WIDTH - 8
    total = sum(weights[1:]) or 1
    widths = [8] + [max(14, rest * wt // total) for wt in weights[1:]]
    widths[1] = max(20, widths[1] + _TABLE_WIDTH - sum(widths))
    return widths


def items(w: Writer, values: tuple[Any, ...], ctx: Context) -> None:
    """A list of items: a numbered table of their short fields, then each item's longer text
    (and any sections or lists it holds) under its number and name."""
    if not values:
        w.paragraph(ctx.placeholder, grey=True)
        return
    cls: Any = type(values[0])
    spec = spec_of(cls)
    in_name = _template_fields(spec)
    first = _(spec.by_name[in_name[0]].title if len(in_name) == 1 else spec.title).split(":")[0]
    columns: list[FieldSpec] = []
    later: list[FieldSpec] = []
    for f in spec.fields:
        if f.kind is Kind.ID or f.name in in_name:
            continue
        if any(_withheld(spec, f, v, ctx) is not None for v in values):
            later.append(f)
            continue
        texts = [ctx.text(f, getattr(v, f.name)) for v in values]
        if not any(t.strip() for t in texts):
            continue
        short = f.kind.is_scalar and not f.info.long_text
        if short and all(len(t) <= _CELL_LIMIT for t in texts) and len(columns) < 4:
            columns.append(f)
        else:
            later.append(f)
    titles = ["#", first, *(_(f.title).split(" (")[0] for f in columns)]
    names = [item_name(cls, v) for v in values]
    rows = [
        [str(n), name, *(ctx.text(f, getattr(v, f.name)) for f in columns)]
        for n, (v, name) in enumerate(zip(values, names, strict=True), 1)
    ]
    w.table(titles, rows, _widths(titles, rows))
    naming = [spec.by_name[field] for field in in_name if field in spec.by_name]
    for n, (v, name) in enumerate(zip(values, names, strict=True), 1):
        # A field of the item's name that the name shortened is shown whole, as in the HTML.
        cut = [
            f
            for f in naming
            if not is_blank(getattr(v, f.name)) and ctx.text(f, getattr(v, f.name)) not in name
        ]
        shown = cut + [
            f
            for f in later
            if _withheld(spec, f, v, ctx) is not None
            or not (is_blank(getattr(v, f.name)) or is_default(getattr(v, f.name)))
        ]
        if not shown:
            continue
        w.paragraph(f"{n}. {name}", bold=True)
        for f in shown:
            value = getattr(v, f.name)
            note = _withheld(spec, f, v, ctx)
            if note is not None:
                w.field(_(f.title), note, placeholder="")
            elif f.kind in (Kind.SECTION, Kind.UNION):
                w.paragraph(_(f.title), bold=True, size=10.5)
                _section_body(w, value, ctx, show_empty=False)
            elif f.kind is Kind.ITEMS:
                w.paragraph(_(f.title), bold=True, size=10.5)
                items(w, value, ctx)
            else:
                w.field(_(f.title), ctx.text(f, value), placeholder="")
        w.gap(1)


def document_section(w: Writer, f: FieldSpec, value: Any, ctx: Context, heading: str) -> None:
    """One top-level part of a document (a section, a list, a long answer) under ``heading``."""
    w.heading(heading, 0)
    spec = spec_of(ctx.doc.__class__)
    note = _withheld(spec, f, ctx.doc, ctx)
    if note is not None:
        w.paragraph(note, grey=True)
    elif f.kind is Kind.ITEMS:
        items(w, value, ctx)
    elif f.kind in (Kind.SECTION, Kind.UNION):
        if value is None:
            w.paragraph(ctx.placeholder, grey=True)
        else:
            _section_body(w, value, ctx)
    else:
        text = ctx.text(f, value)
        w.paragraph(text or ctx.placeholder, grey=not text)


def _months_from(plan: ParentingPlan, calendar_from: date | None) -> date | None:
    if calendar_from is not None:
        return calendar_from
    if plan.updated_at is not None:
        return plan.updated_at.date()
    return plan.living_arrangements.schedule.starts_on


def _calendar(w: Writer, ctx: Context) -> None:
    """The month calendar: who the children are with on each day, as initials."""
    from ..scheduling import month_grid

    plan = ctx.doc
    if not isinstance(plan, ParentingPlan):
        return
    w.heading(_("Month calendar"), 1)
    start = _months_from(plan, ctx.calendar_from)
    if start is None:
        w.paragraph(
            _(
                "No calendar: the plan has no date to start from (give the date the pattern "
                "starts)."
            ),
            grey=True,
        )
        return
    w.paragraph(
        _(
            "Who the children are with on each day, from the weekly schedule, school holidays, "
            "special days and one-off changes. Where they change over during a day, the initials "
            "are in order (S › T: with S, then with T)."
        ),
        size=9,
    )
    for k in range(ctx.months):
        year, month = start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1
        try:
            grid = month_grid(plan, year, month)
        except (CoparentError, ValueError, OverflowError):
            w.paragraph(
                _("The calendar for {month}/{year} could not be worked out.").format(
                    month=month, year=year
                ),
                grey=True,
            )
            return
        (ia, ib), (na, nb) = grid.initials, grid.names
        legend = _(
            "{a} = {name_a}, {b} = {name_b}, ? = not settled by the plan, ! = clash, * = see below"
        ).format(a=ia, name_a=na, b=ib, name_b=nb)
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
                notes += [f"* {format_date(day.on, weekday=True)}: {e}" for e in day.events]
            weeks.append(cells)
        w.month(f"{month_name(month)} {year}", legend, weeks, notes)
