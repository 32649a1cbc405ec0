"""A plan's pattern turned into dates: who the children are with, from when to when, and why.

:func:`calendar` expands the weekly pattern, school holidays, special days and one-off changes
of a :class:`~coparent.ParentingPlan` into an ordered tuple of :class:`ContactPeriod`, in the
family's time zone. The public names are re-exported by :mod:`coparent`; this module is private
so that ``coparent.calendar`` is always the function (a public ``coparent.calendar`` module would
replace the function on the package as soon as anything imported it).

Rules, highest priority first: one-off changes, special days, school holidays, weekly slots,
then where the children mainly live (``LivingArrangements.residence``). Two rules of the same
priority that give the same time to different parents are a :class:`Clash`: that time is left
out of the periods and reported, never guessed.
"""

from __future__ import annotations

import bisect
import calendar as _stdlib_calendar
import itertools
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar

import attrs

from .errors import ErrorDetail, ValidationError
from .model import (
    Allocation,
    Handover,
    Holiday,
    LivingArrangements,
    ParentingPlan,
    ParentRef,
    PatternName,
    Referral,
    Residence,
    Review,
    SpecialDay,
)
from .model._base import Choice, field_info

__all__ = [
    "DEFAULT_TIMEZONE",
    "CalendarEvent",
    "Clash",
    "ContactCalendar",
    "ContactPeriod",
    "EventKind",
    "GridDay",
    "HandoverAt",
    "MonthGrid",
    "PeriodSource",
    "TimeShare",
    "Undecided",
    "calendar",
    "month_grid",
    "next_weeks_text",
]

#: The family's time zone when none is given.
DEFAULT_TIMEZONE = "Europe/London"

#: Weeks are counted from this Monday when a schedule has no ``starts_on``.
_DEFAULT_ANCHOR = date(2001, 1, 1)

#: The hour at which a night is counted: who has the children at 03:00 had them that night.
_NIGHT_HOUR = time(3, 0)


def _la_title(name: str) -> str:
    return field_info(attrs.fields_dict(LivingArrangements)[name]).title


class PeriodSource(Choice):
    """Which part of the plan produced a period, in priority order (highest first).

    The values are the names of the :class:`~coparent.LivingArrangements` fields they come
    from, and the labels are those fields' titles.
    """

    ONE_OFF = "exceptions", _la_title("exceptions")
    SPECIAL_DAY = "special_days", _la_title("special_days")
    HOLIDAY = "holidays", _la_title("holidays")
    WEEKLY = "schedule", _la_title("schedule")
    RESIDENCE = "residence", _la_title("residence")

    @property
    def priority(self) -> int:
        """Higher wins: 4 for a one-off change down to 0 for the residence default."""
        return _PRIORITY[self]


_PRIORITY = {source: len(PeriodSource) - 1 - i for i, source in enumerate(PeriodSource)}


class EventKind(Choice):
    """Dated events from a referral, a review or the plan that appear beside the periods."""

    COURT_STOP_DATE = "court_stop_date", "Contact at the centre ends (court stop date)"
    NEXT_REVIEW = "next_review", "Next review at the contact centre"
    PLAN_REVIEW = "plan_review", "Review the parenting plan"


@attrs.frozen(kw_only=True)
class ContactPeriod:
    """A stretch of time the children spend with one parent, and the rule that says so.

    ``start`` and ``end`` are aware datetimes in the family's time zone; ``end`` is exclusive.
    ``occurrence`` is the date the rule's occurrence begins (a weekend that a birthday cuts in
    two gives two periods with the same occurrence). ``uid`` is stable for the same plan, rule
    and start, so an exported calendar updates rather than duplicates on re-import.
    """

    parent: ParentRef
    start: datetime
    end: datetime
    source: PeriodSource
    rule_id: str
    rule_name: str
    occurrence: date
    handover: Handover | None = None
    uid: str

    @property
    def duration(self) -> timedelta:
        """Elapsed time (a Friday 17:00 to Sunday 17:00 over the October change is 49 hours)."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)


@attrs.frozen(kw_only=True)
class Clash:
    """Time that two rules of the same priority give to different parents: the plan must say."""

    start: datetime
    end: datetime
    source: PeriodSource
    rule_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Undecided:
    """A holiday or special day the plan leaves to be agreed nearer the time.

    It does not override the weekly pattern; it is listed so that nobody forgets to agree it.
    ``start`` and ``end`` are the whole occurrence, even where it runs past the range.
    """

    start: datetime
    end: datetime
    source: PeriodSource
    rule_id: str
    rule_name: str


@attrs.frozen(kw_only=True)
class CalendarEvent:
    """A dated event shown beside the periods: a court stop date or a review date."""

    kind: EventKind
    on: date
    title: str
    uid: str


@attrs.frozen(kw_only=True)
class HandoverAt:
    """A moment the children pass from one parent to the other."""

    at: datetime
    from_parent: ParentRef
    to_parent: ParentRef
    handover: Handover | None
    rule_id: str


@attrs.frozen(kw_only=True)
class TimeShare:
    """Nights and days with each parent over a range.

    A night is counted on the morning it ends: whoever has the children at 03:00. A day counts
    for each parent who has the children for any part of it, so a handover day counts for both.
    ``unassigned_*`` counts time no rule gives to a parent (shared care with no rule, clashes).
    """

    nights_a: int
    nights_b: int
    unassigned_nights: int
    days_a: int
    days_b: int
    unassigned_days: int


@attrs.frozen(kw_only=True)
class ContactCalendar:
    """The result of :func:`calendar`: periods, clashes, undecided days and events in a range.

    The range is ``[start, end)`` in whole days of the family's time zone. Periods never
    overlap and are ordered by start; a period that runs past either end of the range is cut
    there. ``a.then(b)`` joins two consecutive ranges: ``calendar(p, x, z)`` equals
    ``calendar(p, x, y).then(calendar(p, y, z))``.
    """

    plan_id: uuid.UUID
    start: date
    end: date
    timezone: str
    names: tuple[str, str]
    initials: tuple[str, str]
    periods: tuple[ContactPeriod, ...]
    clashes: tuple[Clash, ...] = ()
    undecided: tuple[Undecided, ...] = ()
    events: tuple[CalendarEvent, ...] = ()
    stamp: datetime | None = None

    def name(self, parent: ParentRef) -> str:
        """The name a parent is shown by (their preferred name if they gave one)."""
        return self.names[0] if parent is ParentRef.A else self.names[1]

    def initial(self, parent: ParentRef) -> str:
        """The short mark that shows a parent in a month grid (never colour alone)."""
        return self.initials[0] if parent is ParentRef.A else self.initials[1]

    def then(self, other: ContactCalendar) -> ContactCalendar:
        """This range followed by the next one, joining a period that was cut at the seam."""
        problems = []
        if (other.plan_id, other.timezone) != (self.plan_id, self.timezone):
            problems.append(ErrorDetail(path="", message="must be of the same plan and time zone"))
        if other.start != self.end:
            problems.append(
                ErrorDetail(path="/start", message=f"must be {self.end.isoformat()}, this end")
            )
        if problems:
            raise ValidationError(problems, what="the calendar to join")
        return attrs.evolve(
            self,
            end=other.end,
            periods=_join(self.periods, other.periods, _period_key),
            clashes=_join(self.clashes, other.clashes, _clash_key),
            undecided=_union(self.undecided, other.undecided),
            events=_union(self.events, other.events),
        )

    def at(self, when: datetime) -> ContactPeriod | None:
        """The period covering an aware datetime, or None (out of range, unassigned, clash)."""
        return _at(self.periods, _ends(self.periods), _utc(when))

    def time_share(self) -> TimeShare:
        """Nights and days with each parent over the whole range."""
        tz = zone(self.timezone)
        ends = _ends(self.periods)
        nights = {ParentRef.A: 0, ParentRef.B: 0}
        days = {ParentRef.A: 0, ParentRef.B: 0}
        unassigned_nights = unassigned_days = 0
        for d in _dates(self.start, self.end):
            p = _at(self.periods, ends, _utc(_local(d, _NIGHT_HOUR, tz)))
            if p is None:
                unassigned_nights += 1
            else:
                nights[p.parent] += 1
            order, whole = _day_parts(self.periods, ends, d, tz)
            for ref in set(order):
                days[ref] += 1
            unassigned_days += not whole
        return TimeShare(
            nights_a=nights[ParentRef.A],
            nights_b=nights[ParentRef.B],
            unassigned_nights=unassigned_nights,
            days_a=days[ParentRef.A],
            days_b=days[ParentRef.B],
            unassigned_days=unassigned_days,
        )

    def handovers(self) -> tuple[HandoverAt, ...]:
        """Every moment in the range at which the children change parent, in order."""
        out: list[HandoverAt] = []
        for before, after in itertools.pairwise(self.periods):
            if _utc(before.end) == _utc(after.start) and before.parent is not after.parent:
                # The rule that starts (or, for a return, the one that ends) says where.
                rule = after if after.source is not PeriodSource.RESIDENCE else before
                out.append(
                    HandoverAt(
                        at=after.start,
                        from_parent=before.parent,
                        to_parent=after.parent,
                        handover=rule.handover,
                        rule_id=rule.rule_id,
                    )
                )
        return tuple(out)

    def next_handover(self, after: datetime) -> HandoverAt | None:
        """The first handover strictly after an aware datetime, within this range."""
        t = _utc(after)
        return next((h for h in self.handovers() if _utc(h.at) > t), None)

    # Outputs live in coparent.render.calendars; these methods keep the public API.
    def text(self) -> str:
        """The periods, clashes, undecided days and events as plain text, one per line."""
        from .render.calendars import calendar_text

        return calendar_text(self)

    def share_text(self) -> str:
        """The nights and days with each parent over the range, in two lines."""
        from .render.calendars import share_text

        return share_text(self)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        """In Jupyter: each month of the range as a grid, then the nights with each parent."""
        from .render.calendars import calendar_html

        return calendar_html(self)


# --------------------------------------------------------------------------- time helpers


def zone(name: str) -> tzinfo:
    """The IANA time zone of that name; a :class:`~coparent.ValidationError` if there is none."""
    try:
        if not name or name != name.strip():
            raise ValueError(name)
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the time zone database ("Europe") or an unreadable file.
        raise ValidationError(
            [
                ErrorDetail(
                    path="",
                    message=(
                        f"{name!r} is not a time zone name; use an IANA name such as "
                        "'Europe/London'"
                    ),
                )
            ],
            what="the time zone",
        ) from None


def _local(d: date, t: time, tz: tzinfo) -> datetime:
    """Wall-clock date and time in ``tz``, normalised through UTC.

    A time that the clocks skip (01:30 on the spring change) becomes the instant it would have
    been an hour later on the old offset (02:30 BST); a time that happens twice (01:30 on the
    autumn change) is the first of the two.
    """
    return datetime.combine(d, t, tzinfo=tz).astimezone(UTC).astimezone(tz)


def _naive_local(naive: datetime, tz: tzinfo) -> datetime:
    return _local(naive.date(), naive.time(), tz)


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _dates(start: date, end: date, *, step: int = 1) -> Iterator[date]:
    d = start
    while d < end:
        yield d
        d += timedelta(days=step)


def _ends(periods: Sequence[ContactPeriod]) -> list[datetime]:
    """The periods' ends in UTC: sorted, since periods are ordered and never overlap."""
    return [_utc(p.end) for p in periods]


def _at(
    periods: Sequence[ContactPeriod], ends: list[datetime], t: datetime
) -> ContactPeriod | None:
    i = bisect.bisect_right(ends, t)
    if i < len(periods) and _utc(periods[i].start) <= t:
        return periods[i]
    return None


def _day_parts(
    periods: Sequence[ContactPeriod], ends: list[datetime], d: date, tz: tzinfo
) -> tuple[list[ParentRef], bool]:
    """Who has the children on day ``d``, in order through the day, and whether all day is given."""
    lo, hi = _utc(_local(d, time(0), tz)), _utc(_local(d + timedelta(days=1), time(0), tz))
    order: list[ParentRef] = []
    covered = timedelta(0)
    i = bisect.bisect_right(ends, lo)
    while i < len(periods) and _utc(periods[i].start) < hi:
        p = periods[i]
        covered += min(ends[i], hi) - max(_utc(p.start), lo)
        if not order or order[-1] is not p.parent:
            order.append(p.parent)
        i += 1
    return order, covered == hi - lo


# --------------------------------------------------------------------------- expansion


@attrs.frozen(kw_only=True)
class _Candidate:
    """One occurrence of one rule, before priorities are applied."""

    source: PeriodSource
    order: int
    parent: ParentRef
    rule_id: str
    rule_name: str
    occurrence: date
    handover: Handover | None
    start: datetime  # UTC
    end: datetime  # UTC


def _year_parent(allocation: Allocation, even_parent: ParentRef, year: int) -> ParentRef | None:
    if allocation is Allocation.PARENT_A:
        return ParentRef.A
    if allocation is Allocation.PARENT_B:
        return ParentRef.B
    if allocation in (Allocation.ALTERNATE_YEARS, Allocation.SPLIT):
        return even_parent if year % 2 == 0 else even_parent.other
    return None


def _shared(
    source: PeriodSource,
    order: int,
    rule_id: str,
    name: str,
    allocation: Allocation,
    even_parent: ParentRef,
    occurrence: date,
    start: datetime,
    end: datetime,
    tz: tzinfo,
    undecided: list[Undecided],
) -> Iterator[_Candidate]:
    """Candidates for a holiday or special day occurrence from naive local ``[start, end)``."""
    lo, hi = _naive_local(start, tz), _naive_local(end, tz)
    if _utc(hi) <= _utc(lo):
        return
    first = _year_parent(allocation, even_parent, occurrence.year)
    if first is None:
        undecided.append(
            Undecided(start=lo, end=hi, source=source, rule_id=rule_id, rule_name=name)
        )
        return
    pieces: tuple[tuple[datetime, datetime, ParentRef, str], ...] = ((lo, hi, first, name),)
    if allocation is Allocation.SPLIT:
        # The middle, to the whole minute before it (a 5-day holiday swaps at noon on day 3).
        half = (end - start) // timedelta(minutes=1) // 2
        middle = _naive_local(start + timedelta(minutes=half), tz)
        pieces = (
            (lo, middle, first, f"{name}, first half"),
            (middle, hi, first.other, f"{name}, second half"),
        )
    for a, b, parent, label in pieces:
        if _utc(b) > _utc(a):
            yield _Candidate(
                source=source,
                order=order,
                parent=parent,
                rule_id=rule_id,
                rule_name=label,
                occurrence=occurrence,
                handover=None,
                start=_utc(a),
                end=_utc(b),
            )


def _special_dates(day: SpecialDay, first: date, last: date) -> Iterator[date]:
    """The dates of a special day from ``first`` to ``last``; 29 February is 28 in other years."""
    if day.month is not None and day.day is not None:
        for year in range(first.year, last.year + 1):
            try:
                yield date(year, day.month, day.day)
            except ValueError:  # Only 29 February is missing in some years.
                yield date(year, 2, 28)
    for d in day.dates:
        if first <= d <= last:
            yield d


def _special_bounds(day: SpecialDay, on: date) -> tuple[datetime, datetime]:
    start = datetime.combine(on, day.start_time or time(0))
    if day.end_time is None:
        end = datetime.combine(on + timedelta(days=1), time(0))
    else:
        end = datetime.combine(on, day.end_time)
        if end <= start:
            end += timedelta(days=1)
    return start, end


def _weekly_name(plan: ParentingPlan) -> str:
    pattern = plan.living_arrangements.schedule.pattern
    if pattern is PatternName.CUSTOM:
        return PeriodSource.WEEKLY.label
    return pattern.label


def _candidates(
    plan: ParentingPlan, ws: date, we: date, tz: tzinfo, undecided: list[Undecided]
) -> list[_Candidate]:
    """Every rule occurrence that may overlap ``[ws, we)`` (a little wider is harmless)."""
    la = plan.living_arrangements
    lo, hi = ws - timedelta(days=9), we + timedelta(days=2)
    out: list[_Candidate] = []
    handovers = {h.id: h for h in la.handovers}

    for order, x in enumerate(la.exceptions):
        out.append(
            _Candidate(
                source=PeriodSource.ONE_OFF,
                order=order,
                parent=x.parent,
                rule_id=x.id,
                rule_name=x.reason or PeriodSource.ONE_OFF.label,
                occurrence=x.start_date,
                handover=None,
                start=_utc(_local(x.start_date, x.start_time, tz)),
                end=_utc(_local(x.end_date, x.end_time, tz)),
            )
        )

    for order, s in enumerate(la.special_days):
        for on in _special_dates(s, lo, hi):
            a, b = _special_bounds(s, on)
            out += _shared(
                PeriodSource.SPECIAL_DAY,
                order,
                s.id,
                s.name,
                s.allocation,
                s.even_years_parent,
                on,
                a,
                b,
                tz,
                undecided,
            )

    for order, h in enumerate(la.holidays):
        if h.end < lo or h.start > hi:
            continue
        out += _holiday(h, order, tz, undecided)

    schedule = la.schedule
    anchor = schedule.starts_on or _DEFAULT_ANCHOR
    name = _weekly_name(plan)
    for order, slot in enumerate(schedule.slots):
        length = (slot.end_day.number - slot.start_day.number) % 7
        if length == 0 and slot.end_time <= slot.start_time:
            length = 7
        weekday = slot.start_day.number
        first = max(lo, anchor)
        first += timedelta(days=(weekday - first.weekday()) % 7)
        for d in _dates(first, hi, step=7):
            if ((d - anchor).days // 7) % slot.every_n_weeks != slot.week_offset:
                continue
            start = _local(d, slot.start_time, tz)
            end = _local(d + timedelta(days=length), slot.end_time, tz)
            if _utc(end) <= _utc(start):
                continue  # A slot inside one wall-clock hour that the clocks skip.
            out.append(
                _Candidate(
                    source=PeriodSource.WEEKLY,
                    order=order,
                    parent=slot.parent,
                    rule_id=slot.id,
                    rule_name=name,
                    occurrence=d,
                    handover=handovers.get(slot.handover_id),
                    start=_utc(start),
                    end=_utc(end),
                )
            )
    return out


def _holiday(h: Holiday, order: int, tz: tzinfo, undecided: list[Undecided]) -> list[_Candidate]:
    start = datetime.combine(h.start, time(0))
    end = datetime.combine(h.end + timedelta(days=1), time(0))
    return list(
        _shared(
            PeriodSource.HOLIDAY,
            order,
            h.id,
            h.name,
            h.allocation,
            h.even_years_parent,
            h.start,
            start,
            end,
            tz,
            undecided,
        )
    )


def _residence_parent(plan: ParentingPlan) -> ParentRef | None:
    residence = plan.living_arrangements.residence
    if residence is Residence.WITH_PARENT_A:
        return ParentRef.A
    if residence is Residence.WITH_PARENT_B:
        return ParentRef.B
    return None


def _display_names(plan: ParentingPlan) -> tuple[tuple[str, str], tuple[str, str]]:
    names = tuple(p.preferred_name or p.name for p in (plan.parent_a, plan.parent_b))
    a, b = (n.strip() or "?" for n in names)
    for width in (1, 2):
        ia, ib = a[:width].upper(), b[:width].upper()
        if ia != ib:
            return (a, b), (ia, ib)
    return (a, b), ("A", "B")


def _uid(plan_id: uuid.UUID, source: PeriodSource, rule_id: str, start: datetime) -> str:
    # The start in UTC: a wall-clock time can happen twice on the autumn change.
    return f"{source.value}-{rule_id or 'default'}-{_utc(start):%Y%m%dT%H%M%SZ}-{plan_id}@coparent"


def calendar(
    plan: ParentingPlan,
    start: date,
    end: date,
    *,
    referral: Referral | None = None,
    reviews: Iterable[Review] = (),
    timezone: str = DEFAULT_TIMEZONE,
) -> ContactCalendar:
    """Who the children are with, day by day, from ``start`` up to (not including) ``end``.

    The weekly pattern, holidays, special days and one-off changes are expanded in the family's
    ``timezone`` (an IANA name), with daylight-saving changes applied, and resolved by
    priority (see :class:`PeriodSource`). A referral's court stop date, each review's next
    review date and the plan's own review date in the range are listed as
    :class:`CalendarEvent`.
    """
    if (
        not (isinstance(start, date) and isinstance(end, date))
        or isinstance(start, datetime)
        or isinstance(end, datetime)
    ):
        raise TypeError("start and end must be dates (datetime.date), not datetimes")
    if end < start:
        raise ValidationError(
            [ErrorDetail(path="/end", message="must not be before the start")],
            what="the calendar range",
        )
    _check_years(start, end)
    tz = zone(timezone)
    try:
        return _calendar(plan, start, end, referral, tuple(reviews), timezone, tz)
    except OverflowError:
        # A plan's own dates next to year 1 or 9999 (a holiday ending 9999-12-31) can still
        # step past the end of Python's dates while being expanded.
        raise ValidationError(
            [
                ErrorDetail(
                    path="",
                    message="a date of the plan is too close to year 1 or 9999 to be expanded",
                )
            ],
            what="the calendar",
        ) from None


#: The first and last dates a calendar may cover: expanding needs a few days either side (a time
#: zone's offset, a week's grid) within Python's dates (years 1 to 9999).
FIRST_DATE = date(1, 2, 1)
LAST_DATE = date(9999, 11, 30)


def _check_years(start: date, end: date) -> None:
    problems = [
        ErrorDetail(
            path=path,
            message=f"must be from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}",
        )
        for path, value in (("/start", start), ("/end", end))
        if not FIRST_DATE <= value <= LAST_DATE
    ]
    if problems:
        raise ValidationError(problems, what="the calendar range")


def _calendar(
    plan: ParentingPlan,
    start: date,
    end: date,
    referral: Referral | None,
    reviews: tuple[Review, ...],
    timezone: str,
    tz: tzinfo,
) -> ContactCalendar:
    undecided: list[Undecided] = []
    cands = _candidates(plan, start, end, tz, undecided)
    w_lo, w_hi = _utc(_local(start, time(0), tz)), _utc(_local(end, time(0), tz))
    default = _residence_parent(plan)
    if default is not None and w_hi > w_lo:
        cands.append(
            _Candidate(
                source=PeriodSource.RESIDENCE,
                order=0,
                parent=default,
                rule_id="",
                rule_name=PeriodSource.RESIDENCE.label,
                occurrence=start,
                handover=None,
                start=w_lo,
                end=w_hi,
            )
        )
    periods, clashes = _resolve(plan.id, cands, w_lo, w_hi, tz)
    names, initials = _display_names(plan)
    keep = [u for u in undecided if _utc(u.start) < w_hi and _utc(u.end) > w_lo]
    return ContactCalendar(
        plan_id=plan.id,
        start=start,
        end=end,
        timezone=timezone,
        names=names,
        initials=initials,
        periods=periods,
        clashes=clashes,
        undecided=tuple(sorted(set(keep), key=lambda u: (_utc(u.start), u.rule_id, u.rule_name))),
        events=_events(plan, referral, reviews, start, end),
        stamp=plan.updated_at,
    )


def _resolve(
    plan_id: uuid.UUID,
    cands: list[_Candidate],
    w_lo: datetime,
    w_hi: datetime,
    tz: tzinfo,
) -> tuple[tuple[ContactPeriod, ...], tuple[Clash, ...]]:
    """Apply priorities over the window's elementary segments; merge runs of the same winner."""
    cands = [c for c in cands if c.start < w_hi and c.end > w_lo]
    cuts = sorted({w_lo, w_hi} | {t for c in cands for t in (c.start, c.end) if w_lo < t < w_hi})
    # (winner or clash key, start, end) runs.
    runs: list[tuple[_Candidate | tuple[PeriodSource, tuple[str, ...]], datetime, datetime]] = []
    pending = sorted(cands, key=lambda c: c.start)
    taken = 0
    active: list[_Candidate] = []
    for a, b in itertools.pairwise(cuts):
        # Every start and end is a cut, so a candidate active at ``a`` covers all of [a, b).
        while taken < len(pending) and pending[taken].start <= a:
            active.append(pending[taken])
            taken += 1
        here = active = [c for c in active if c.end > a]
        if not here:
            continue
        top = max(c.source.priority for c in here)
        best = sorted(
            (c for c in here if c.source.priority == top), key=lambda c: (c.order, c.start)
        )
        winner: _Candidate | tuple[PeriodSource, tuple[str, ...]]
        if len({c.parent for c in best}) > 1:
            winner = (best[0].source, tuple(sorted({c.rule_id for c in best})))
        else:
            winner = best[0]
        if runs and runs[-1][0] == winner and runs[-1][2] == a:
            runs[-1] = (winner, runs[-1][1], b)
        else:
            runs.append((winner, a, b))
    periods: list[ContactPeriod] = []
    clashes: list[Clash] = []
    for winner, a, b in runs:
        start, end = a.astimezone(tz), b.astimezone(tz)
        if isinstance(winner, tuple):
            clashes.append(Clash(start=start, end=end, source=winner[0], rule_ids=winner[1]))
            continue
        occurrence = start.date() if winner.source is PeriodSource.RESIDENCE else winner.occurrence
        periods.append(
            ContactPeriod(
                parent=winner.parent,
                start=start,
                end=end,
                source=winner.source,
                rule_id=winner.rule_id,
                rule_name=winner.rule_name,
                occurrence=occurrence,
                handover=winner.handover,
                uid=_uid(plan_id, winner.source, winner.rule_id, start),
            )
        )
    return tuple(periods), tuple(clashes)


def _period_key(p: ContactPeriod) -> tuple[object, ...]:
    occurrence = None if p.source is PeriodSource.RESIDENCE else p.occurrence
    return (p.parent, p.source, p.rule_id, p.rule_name, occurrence, p.handover)


def _clash_key(c: Clash) -> tuple[object, ...]:
    return (c.source, c.rule_ids)


_Piece = TypeVar("_Piece", ContactPeriod, Clash)
_Item = TypeVar("_Item", Undecided, CalendarEvent)


def _join(
    first: tuple[_Piece, ...],
    second: tuple[_Piece, ...],
    key: Callable[[_Piece], tuple[object, ...]],
) -> tuple[_Piece, ...]:
    """``first`` then ``second``, joining the piece that the seam between them cut in two."""
    if first and second:
        last, nxt = first[-1], second[0]
        if _utc(last.end) == _utc(nxt.start) and key(last) == key(nxt):
            joined = list(first[:-1])
            joined.append(attrs.evolve(last, end=nxt.end))
            joined.extend(second[1:])
            return tuple(joined)
    return first + second


def _union(first: tuple[_Item, ...], second: tuple[_Item, ...]) -> tuple[_Item, ...]:
    """``first`` then what ``second`` adds (an item that spans the seam is in both)."""
    return first + tuple(x for x in second if x not in first)


def _events(
    plan: ParentingPlan,
    referral: Referral | None,
    reviews: tuple[Review, ...],
    start: date,
    end: date,
) -> tuple[CalendarEvent, ...]:
    """Dated events in ``[start, end)``; a review of another plan or referral is refused."""
    problems = [
        ErrorDetail(path=f"/reviews/{i}/{name}", message="is for another family's document")
        for i, r in enumerate(reviews)
        for name, mine, theirs in (
            ("plan_id", plan.id, r.plan_id),
            ("referral_id", referral.id if referral else None, r.referral_id),
        )
        if mine is not None and theirs is not None and mine != theirs
    ]
    if problems:
        raise ValidationError(problems, what="the calendar's reviews")
    found: list[tuple[EventKind, date | None, uuid.UUID]] = [
        (EventKind.PLAN_REVIEW, plan.review.review_on, plan.id),
        *((EventKind.NEXT_REVIEW, r.next_review, r.id) for r in reviews),
    ]
    if referral is not None and referral.court_order is not None:
        found.append((EventKind.COURT_STOP_DATE, referral.court_order.stop_date, referral.id))
    events = {
        CalendarEvent(kind=k, on=on, title=k.label, uid=f"{k.value}-{on:%Y%m%d}-{doc}@coparent")
        for k, on, doc in found
        if on is not None and start <= on < end
    }
    return tuple(sorted(events, key=lambda e: (e.on, list(EventKind).index(e.kind), e.uid)))


# --------------------------------------------------------------------------- month grid


@attrs.frozen(kw_only=True)
class GridDay:
    """One day of a month grid: who the children are with, in the order of the day.

    ``parents`` lists each parent in turn (a Wednesday tea reads first, second, first parent);
    ``marks`` is the same as initials joined by arrows, so the grid reads without colour.
    """

    on: date
    in_month: bool
    parents: tuple[ParentRef, ...]
    marks: str
    clash: bool = False
    unassigned: bool = False
    events: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class MonthGrid:
    """A month as weeks (Monday first) of :class:`GridDay`: the data the PDF and HTML draw."""

    year: int
    month: int
    names: tuple[str, str]
    initials: tuple[str, str]
    weeks: tuple[tuple[GridDay, ...], ...]

    @property
    def title(self) -> str:
        """The month's name and year, e.g. "November 2026"."""
        return f"{_stdlib_calendar.month_name[self.month]} {self.year}"

    def legend(self) -> str:
        """What each mark means, e.g. "S = Siân, T = Tom"."""
        return (
            f"{self.initials[0]} = {self.names[0]}, {self.initials[1]} = {self.names[1]}, "
            "→ = handover, ? = not settled by the plan, ! = clash"
        )

    def __str__(self) -> str:
        from .render.calendars import month_text

        return month_text(self)

    def _repr_html_(self) -> str:
        from .render.calendars import month_html

        return month_html(self)


def _grid_day(
    cal: ContactCalendar, ends: list[datetime], on: date, in_month: bool, tz: tzinfo
) -> GridDay:
    if not cal.start <= on < cal.end:
        return GridDay(on=on, in_month=in_month, parents=(), marks="")
    order, whole = _day_parts(cal.periods, ends, on, tz)
    lo, hi = _utc(_local(on, time(0), tz)), _utc(_local(on + timedelta(days=1), time(0), tz))
    clash = any(_utc(c.start) < hi and _utc(c.end) > lo for c in cal.clashes)
    unassigned = not whole
    marks = "→".join(cal.initial(p) for p in order)
    if clash:
        marks += "!"
    elif unassigned:
        marks += "?"
    events = tuple(e.title for e in cal.events if e.on == on)
    return GridDay(
        on=on,
        in_month=in_month,
        parents=tuple(order),
        marks=marks,
        clash=clash,
        unassigned=unassigned,
        events=events,
    )


def month_grid(
    source: ParentingPlan | ContactCalendar,
    year: int,
    month: int,
    *,
    referral: Referral | None = None,
    reviews: Iterable[Review] = (),
    timezone: str = DEFAULT_TIMEZONE,
) -> MonthGrid:
    """A month of a plan (or of a calendar already expanded) as a grid of weeks.

    Given a plan, the weeks around the month are expanded first (with the referral's and
    reviews' events); given a :class:`ContactCalendar`, days outside its range stay blank.
    A month outside 1 to 12, or outside February of year 1 to November of 9999, raises
    :class:`ValidationError` (as does, given a plan, a month whose weeks reach past
    :data:`FIRST_DATE` or :data:`LAST_DATE`).
    """
    problems = []
    if type(month) is not int or not 1 <= month <= 12:
        problems.append(ErrorDetail(path="/month", message="must be a month from 1 to 12"))
    elif type(year) is not int or not (1, 2) <= (year, month) <= (9999, 11):
        # A month's weeks start and end up to six days outside it: within Python's dates.
        problems.append(
            ErrorDetail(path="/year", message="must be from February 1 to November 9999")
        )
    if problems:
        raise ValidationError(problems, what="the month")
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1)
    grid_start = first - timedelta(days=first.weekday())
    grid_end = last + timedelta(days=(7 - last.weekday()) % 7)
    if isinstance(source, ParentingPlan):
        cal = calendar(
            source, grid_start, grid_end, referral=referral, reviews=reviews, timezone=timezone
        )
    else:
        cal = source
    tz = zone(cal.timezone)
    ends = _ends(cal.periods)
    days = [_grid_day(cal, ends, d, first <= d < last, tz) for d in _dates(grid_start, grid_end)]
    weeks = tuple(tuple(days[i : i + 7]) for i in range(0, len(days), 7))
    return MonthGrid(year=year, month=month, names=cal.names, initials=cal.initials, weeks=weeks)


def next_weeks_text(
    plan: ParentingPlan,
    start: date,
    *,
    weeks: int = 4,
    referral: Referral | None = None,
    reviews: Iterable[Review] = (),
    timezone: str = DEFAULT_TIMEZONE,
) -> str:
    """The next ``weeks`` weeks from ``start`` as text a parent can read or paste into a message.

    Lists every period and handover place, then the nights and days with each parent.
    """
    cal = calendar(
        plan,
        start,
        start + timedelta(weeks=weeks),
        referral=referral,
        reviews=reviews,
        timezone=timezone,
    )
    return cal.text() + "\n" + cal.share_text()
