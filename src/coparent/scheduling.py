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

from ._feasts import rule_dates
from .errors import ErrorDetail, ValidationError
from .i18n import N_, fit_words, in_document_locale, ngettext, translate
from .model import (
    Allocation,
    Handover,
    Holiday,
    HolidayKind,
    LivingArrangements,
    ParentingPlan,
    ParentRef,
    PatternName,
    Referral,
    Residence,
    Review,
    SpecialDay,
    WeeklySchedule,
    WeeklySlot,
)
from .model._base import Choice
from .model.introspect import spec_of
from .model.schedule import (
    CycleSlot,
    DateRule,
    HolidayRecurrence,
    RemoteContact,
    RemoteInitiator,
    SchedulePhase,
    SchoolBreak,
    SchoolYear,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_DAYS",
    "MAX_PERIODS",
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

#: The longest range :func:`calendar` expands: ten years (a longer one is refused).
MAX_DAYS = 3660

#: The most rule occurrences :func:`calendar` expands in one range (a busier one is refused).
MAX_PERIODS = 100_000

#: Weeks are counted from this Monday when a schedule has no ``starts_on``.
_DEFAULT_ANCHOR = date(2001, 1, 1)

#: The hour at which a night is counted: who has the children at 03:00 had them that night.
_NIGHT_HOUR = time(3, 0)


def _la_title(name: str) -> str:
    # A source's label is the title of the part of the plan it comes from, read from the model.
    return spec_of(LivingArrangements).by_name[name].title


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
    REMOTE_CONTACT = "remote_contact", "Call, video call or letter"


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
    return_handover: Handover | None = None
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
    """A dated event shown beside the periods: a court stop date, a review date, or a call.

    A call, video call or letter (``EventKind.REMOTE_CONTACT``) also has its time ``at`` (an
    aware datetime), its length in ``minutes`` if the plan gives one, the parent the children
    keep in touch with and the rule's id.
    """

    kind: EventKind
    on: date
    title: str
    uid: str
    at: datetime | None = None
    minutes: int | None = None
    with_parent: ParentRef | None = None
    rule_id: str = ""


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
                # The rule that starts says where (its pick-up), unless the one that ends
                # outranks it: then that rule's return handover.
                if after.source.priority >= before.source.priority:
                    rule, handover = after, after.handover
                else:
                    rule, handover = before, before.return_handover
                out.append(
                    HandoverAt(
                        at=after.start,
                        from_parent=before.parent,
                        to_parent=after.parent,
                        handover=handover,
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
    """One occurrence of one rule, before priorities are applied.

    ``span`` is the length of the whole occurrence (both halves of a split holiday): among
    rules of the same priority the shorter, more specific one wins.
    """

    source: PeriodSource
    order: int
    parent: ParentRef
    rule_id: str
    rule_name: str
    occurrence: date
    handover: Handover | None
    return_handover: Handover | None = None
    span: timedelta = timedelta(0)
    start: datetime  # UTC
    end: datetime  # UTC


@attrs.frozen(kw_only=True)
class _Handovers:
    """A rule's pick-up and return handovers, looked up by id (the return falls back to it)."""

    pickup: Handover | None = None
    back: Handover | None = None

    @classmethod
    def of(cls, places: dict[str, Handover], pickup_id: str, return_id: str) -> _Handovers:
        pickup = places.get(pickup_id)
        return cls(pickup=pickup, back=places.get(return_id, pickup))


def _year_parent(
    allocation: Allocation, even_parent: ParentRef, year: int, turn: int | None = None
) -> ParentRef | None:
    """Who has an occurrence: by allocation, the year's parity, or the turn (0 for the first)."""
    if allocation is Allocation.PARENT_A:
        return ParentRef.A
    if allocation is Allocation.PARENT_B:
        return ParentRef.B
    if allocation is Allocation.ALTERNATE and turn is not None:
        return even_parent if turn % 2 == 0 else even_parent.other
    if allocation in (Allocation.ALTERNATE_YEARS, Allocation.SPLIT, Allocation.ALTERNATE):
        return even_parent if year % 2 == 0 else even_parent.other
    return None


@attrs.frozen(kw_only=True)
class _Rule:
    """What a holiday or special day occurrence needs to become candidates."""

    source: PeriodSource
    order: int
    rule_id: str
    name: str
    allocation: Allocation
    even_parent: ParentRef
    handovers: _Handovers

    @classmethod
    def of(
        cls, source: PeriodSource, order: int, x: Holiday | SpecialDay, places: dict[str, Handover]
    ) -> _Rule:
        """The rule of a holiday or special day, with its handovers looked up."""
        return cls(
            source=source,
            order=order,
            rule_id=x.id,
            name=x.name,
            allocation=x.allocation,
            even_parent=x.even_years_parent,
            handovers=_Handovers.of(places, x.pickup_handover_id, x.return_handover_id),
        )


def _shared(
    rule: _Rule,
    occurrence: date,
    start: datetime,
    end: datetime,
    tz: tzinfo,
    undecided: list[Undecided],
    *,
    turn: int | None = None,
    middle: datetime | None = None,
) -> Iterator[_Candidate]:
    """Candidates for a holiday or special day occurrence from naive local ``[start, end)``.

    A split occurrence swaps at ``middle`` (naive local) when given, or else at the middle to
    the whole minute (a 5-day holiday swaps at noon on day 3).
    """
    lo, hi = _naive_local(start, tz), _naive_local(end, tz)
    if _utc(hi) <= _utc(lo):
        return
    first = _year_parent(rule.allocation, rule.even_parent, occurrence.year, turn)
    if first is None:
        undecided.append(
            Undecided(
                start=lo, end=hi, source=rule.source, rule_id=rule.rule_id, rule_name=rule.name
            )
        )
        return
    pieces: tuple[tuple[datetime, datetime, ParentRef, str], ...] = ((lo, hi, first, rule.name),)
    if rule.allocation is Allocation.SPLIT:
        if middle is None:
            half = (end - start) // timedelta(minutes=1) // 2
            middle = start + timedelta(minutes=half)
        swap = _naive_local(min(max(middle, start), end), tz)
        pieces = (
            (lo, swap, first, translate(N_("{name}, first half")).format(name=rule.name)),
            (swap, hi, first.other, translate(N_("{name}, second half")).format(name=rule.name)),
        )
    span = _utc(hi) - _utc(lo)
    for a, b, parent, label in pieces:
        if _utc(b) > _utc(a):
            yield _Candidate(
                source=rule.source,
                order=rule.order,
                parent=parent,
                rule_id=rule.rule_id,
                rule_name=label,
                occurrence=occurrence,
                handover=rule.handovers.pickup,
                return_handover=rule.handovers.back,
                span=span,
                start=_utc(a),
                end=_utc(b),
            )


def _special_dates(day: SpecialDay, first: date, last: date) -> Iterator[tuple[date, int]]:
    """The dates of a special day from ``first`` to ``last``, each with its turn.

    29 February is kept on 28 February in other years. A computed rule's date is replaced, in
    its year, by a date the plan lists in ``dates``. The turn (for taking turns) counts listed
    dates in order; otherwise it counts the day's occurrences within the year, starting from
    the year's parity.
    """
    if day.date_rule is DateRule.GIVEN:
        if day.month is not None and day.day is not None:
            for year in range(first.year, last.year + 1):
                try:
                    yield date(year, day.month, day.day), year
                except ValueError:  # Only 29 February is missing in some years.
                    yield date(year, 2, 28), year
        for i, d in enumerate(sorted(day.dates)):
            if first <= d <= last:
                yield d, i
        return
    given: dict[int, list[date]] = {}
    for d in day.dates:
        given.setdefault(d.year, []).append(d)
    for year in range(first.year, last.year + 1):
        found = sorted(given[year]) if year in given else rule_dates(day.date_rule, year)
        for i, d in enumerate(found):
            if first <= d <= last:
                yield d, year + i


def _special_bounds(day: SpecialDay, on: date) -> tuple[datetime, datetime, datetime | None]:
    start = datetime.combine(on, day.start_time or time(0))
    if day.end_time is None:
        end = datetime.combine(on + timedelta(days=1), time(0))
    else:
        end = datetime.combine(on, day.end_time)
        if end <= start:
            end += timedelta(days=1)
    middle = None
    if day.split_time is not None:
        middle = datetime.combine(on, day.split_time)
        if middle < start:
            middle += timedelta(days=1)
    return start, end, middle


def _schedule_name(schedule: WeeklySchedule, default: str) -> str:
    if schedule.pattern is PatternName.CUSTOM:
        return default
    return schedule.pattern.label


@attrs.frozen(kw_only=True)
class _Stage:
    """A schedule in force for occurrences starting in ``[first, until)`` (None: unbounded)."""

    schedule: WeeklySchedule
    name: str
    first: date | None
    until: date | None


def _stages(plan: ParentingPlan, referral: Referral | None) -> list[_Stage]:
    """The plan's schedule, then each phase from its start date, in date order.

    A phase without ``starts_on`` starts on its transition step's target date; with neither it
    is not in force yet. A schedule marked ``ends_at_stop_date`` has no occurrence starting
    after the court's stop date in ``referral``.
    """
    la = plan.living_arrangements
    targets = {s.id: s.target_date for s in plan.transition.steps}
    dated: list[tuple[date, int, SchedulePhase]] = []
    for i, phase in enumerate(la.phases):
        on = phase.starts_on or targets.get(phase.transition_step_id)
        if on is not None:
            dated.append((on, i, phase))
    dated.sort(key=lambda x: (x[0], x[1]))
    stop = None
    if referral is not None and referral.court_order is not None:
        stop = referral.court_order.stop_date
    base = _schedule_name(la.schedule, PeriodSource.WEEKLY.label)
    stages = [_Stage(schedule=la.schedule, name=base, first=None, until=None)]
    for on, _, phase in dated:
        stages.append(_Stage(schedule=phase.schedule, name=phase.name, first=on, until=None))
    out = []
    for here, nxt in itertools.zip_longest(stages, stages[1:]):
        until = nxt.first if nxt is not None else None
        if here.schedule.ends_at_stop_date and stop is not None:
            after = stop + timedelta(days=1)
            until = after if until is None else min(until, after)
        if here.first is None or until is None or here.first < until:
            out.append(attrs.evolve(here, until=until))
    return out


def _weekly(
    stage: _Stage,
    places: dict[str, Handover],
    lo: date,
    hi: date,
    tz: tzinfo,
) -> Iterator[_Candidate]:
    """The weekly slots and rota times of one stage, for occurrences starting in ``[lo, hi)``."""
    schedule = stage.schedule
    anchor = schedule.starts_on or stage.first or _DEFAULT_ANCHOR
    first_day = max(d for d in (lo, anchor, stage.first) if d is not None)
    last_day = hi if stage.until is None else min(hi, stage.until)
    for order, slot in enumerate(schedule.slots):
        length = (slot.end_day.number - slot.start_day.number) % 7
        if length == 0 and slot.end_time <= slot.start_time:
            length = 7
        first = first_day + timedelta(days=(slot.start_day.number - first_day.weekday()) % 7)
        for d in _dates(first, last_day, step=7):
            if ((d - anchor).days // 7) % slot.every_n_weeks != slot.week_offset:
                continue
            yield from _slot(stage, order, slot.id, slot.parent, d, length, slot, places, tz)
    if schedule.cycle_days is None:
        return
    n = schedule.cycle_days
    for i, cslot in enumerate(schedule.cycle_slots):
        length = (cslot.end_day - cslot.start_day) % n
        if length == 0 and cslot.end_time <= cslot.start_time:
            length = n
        offset = cslot.start_day - 1
        # The first occurrence starting on or after first_day.
        k = max(0, -(-((first_day - anchor).days - offset) // n))
        first = anchor + timedelta(days=offset + k * n)
        for d in _dates(first, last_day, step=n):
            order = len(schedule.slots) + i
            yield from _slot(stage, order, cslot.id, cslot.parent, d, length, cslot, places, tz)


def _slot(
    stage: _Stage,
    order: int,
    rule_id: str,
    parent: ParentRef,
    d: date,
    length: int,
    slot: WeeklySlot | CycleSlot,
    places: dict[str, Handover],
    tz: tzinfo,
) -> Iterator[_Candidate]:
    start = _local(d, slot.start_time, tz)
    end = _local(d + timedelta(days=length), slot.end_time, tz)
    if _utc(end) <= _utc(start):
        return  # A slot inside one wall-clock hour that the clocks skip.
    hand = _Handovers.of(places, slot.pickup_handover_id, slot.return_handover_id)
    yield _Candidate(
        source=PeriodSource.WEEKLY,
        order=order,
        parent=parent,
        rule_id=rule_id,
        rule_name=stage.name,
        occurrence=d,
        handover=hand.pickup,
        return_handover=hand.back,
        span=_utc(end) - _utc(start),
        start=_utc(start),
        end=_utc(end),
    )


def _matches(h: Holiday, b: SchoolBreak) -> bool:
    if h.kind is not b.kind:
        return False
    return h.kind is not HolidayKind.OTHER or h.name.strip().casefold() == b.name.strip().casefold()


def _holiday_spans(
    h: Holiday, years: Sequence[SchoolYear], lo: date, hi: date
) -> Iterator[tuple[date, date, int]]:
    """(first day, last day, turn) of each occurrence of a holiday rule near ``[lo, hi]``."""
    if h.recurs is HolidayRecurrence.TERM_DATES:
        breaks = sorted(
            {(b.first_day, b.last_day) for y in years for b in y.breaks if _matches(h, b)}
        )
        for turn, (a, b) in enumerate(breaks):
            yield a, b, turn
        return
    assert h.start is not None
    assert h.end is not None
    if h.recurs is HolidayRecurrence.ONCE:
        yield h.start, h.end, 0
        return
    length = h.end - h.start
    for year in range(max(h.start.year, lo.year - 1), hi.year + 1):
        try:
            first = h.start.replace(year=year)
        except ValueError:  # 29 February: kept on 28 February.
            first = date(year, 2, 28)
        yield first, first + length, year - h.start.year


def _holidays(
    la: LivingArrangements,
    years: Sequence[SchoolYear],
    places: dict[str, Handover],
    lo: date,
    hi: date,
    tz: tzinfo,
    undecided: list[Undecided],
) -> Iterator[_Candidate]:
    for order, h in enumerate(la.holidays):
        rule = _Rule.of(PeriodSource.HOLIDAY, order, h, places)
        for first, last, turn in _holiday_spans(h, years, lo, hi):
            begins = first - timedelta(days=h.start_days_before)
            ends = last + timedelta(days=h.end_days_after)
            if ends < lo or begins > hi:
                continue
            start = datetime.combine(begins, h.start_time or time(0))
            if h.end_time is None:
                end = datetime.combine(ends + timedelta(days=1), time(0))
            else:
                end = datetime.combine(ends, h.end_time)
            middle = None
            if h.split_day is not None or h.split_time is not None:
                days = (ends - begins).days + 1
                day = h.split_day if h.split_day is not None else (days + 1) // 2
                on = begins + timedelta(days=min(day, days) - 1)
                middle = datetime.combine(on, h.split_time or time(0))
            yield from _shared(
                rule,
                begins,
                start,
                end,
                tz,
                undecided,
                turn=turn if h.allocation is Allocation.ALTERNATE else None,
                middle=middle,
            )


def _candidates(
    plan: ParentingPlan,
    ws: date,
    we: date,
    tz: tzinfo,
    undecided: list[Undecided],
    referral: Referral | None = None,
    term_dates: Sequence[SchoolYear] = (),
) -> list[_Candidate]:
    """Every rule occurrence that may overlap ``[ws, we)`` (a little wider is harmless)."""
    la = plan.living_arrangements
    lo, hi = ws - timedelta(days=9), we + timedelta(days=2)
    out: list[_Candidate] = []
    places = {h.id: h for h in la.handovers}

    for order, x in enumerate(la.exceptions):
        start, end = (
            _utc(_local(x.start_date, x.start_time, tz)),
            _utc(_local(x.end_date, x.end_time, tz)),
        )
        out.append(
            _Candidate(
                source=PeriodSource.ONE_OFF,
                order=order,
                parent=x.parent,
                rule_id=x.id,
                rule_name=x.reason or PeriodSource.ONE_OFF.label,
                occurrence=x.start_date,
                handover=None,
                span=end - start,
                start=start,
                end=end,
            )
        )

    for order, s in enumerate(la.special_days):
        rule = _Rule.of(PeriodSource.SPECIAL_DAY, order, s, places)
        for on, turn in _special_dates(s, lo, hi):
            a, b, middle = _special_bounds(s, on)
            out += _shared(rule, on, a, b, tz, undecided, turn=turn, middle=middle)

    years = (*la.term_dates, *term_dates)
    out += _holidays(la, years, places, lo, hi, tz, undecided)

    # Rota times can last up to 56 days: start looking that far back (no further than the
    # first of Python's dates, before which nothing can start).
    back = date.min + timedelta(days=56)
    since = lo - timedelta(days=56) if lo >= back else date.min
    for stage in _stages(plan, referral):
        out += _weekly(stage, places, since, hi, tz)
        if len(out) > MAX_PERIODS:
            break
    return out


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


@in_document_locale  # event titles and rule names are text: in the family's language
def calendar(
    plan: ParentingPlan,
    start: date,
    end: date,
    *,
    referral: Referral | None = None,
    reviews: Iterable[Review] = (),
    timezone: str | None = None,
    term_dates: Iterable[SchoolYear] = (),
) -> ContactCalendar:
    """Who the children are with, day by day, from ``start`` up to (not including) ``end``.

    The weekly pattern (and the phases that follow it), holidays, special days and one-off
    changes are expanded in the family's time zone (``timezone``, an IANA name, or else the
    plan's own ``LivingArrangements.timezone``), with daylight-saving changes applied, and
    resolved by priority (see :class:`PeriodSource`), then by length: the shorter occurrence
    wins. A referral's court stop date ends a pattern marked ``ends_at_stop_date``.
    ``term_dates`` adds school years to the plan's own term dates. The court stop date, each
    review's next review date, the plan's own review date and the regular calls in the range
    are listed as :class:`CalendarEvent`. A range longer than :data:`MAX_DAYS`, or one with
    more than :data:`MAX_PERIODS` rule occurrences, is refused with a
    :class:`~coparent.ValidationError`.
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
    if (end - start).days > MAX_DAYS:
        raise ValidationError(
            [
                ErrorDetail(
                    path="/end",
                    message=f"must be at most {MAX_DAYS} days after the start; "
                    "ask for shorter ranges and join them with ContactCalendar.then",
                )
            ],
            what="the calendar range",
        )
    timezone = timezone or plan.living_arrangements.timezone
    tz = zone(timezone)
    try:
        return _calendar(
            plan, start, end, referral, tuple(reviews), timezone, tz, tuple(term_dates)
        )
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
    term_dates: tuple[SchoolYear, ...],
) -> ContactCalendar:
    la = plan.living_arrangements
    undecided: list[Undecided] = []
    cands = _candidates(plan, start, end, tz, undecided, referral, term_dates)
    if len(cands) > MAX_PERIODS:
        raise ValidationError(
            [
                ErrorDetail(
                    path="/end",
                    message=f"the plan gives more than {MAX_PERIODS} times in this range; "
                    "ask for a shorter range",
                )
            ],
            what="the calendar range",
        )
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
    events = _events(plan, referral, tuple(reviews), start, end)
    calls = _calls(plan, la.remote_contact_times, periods, names, start, end, tz)
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
        events=tuple(sorted(events + calls, key=_event_order)),
        stamp=plan.updated_at,
    )


def _event_order(e: CalendarEvent) -> tuple[object, ...]:
    at = _utc(e.at) if e.at is not None else None
    return (
        e.on,
        at is not None,
        at or datetime.min.replace(tzinfo=UTC),
        list(EventKind).index(e.kind),
        e.uid,
    )


_WHO_STARTS = {
    RemoteInitiator.CHILDREN: N_("the children start it"),
    RemoteInitiator.PARENT_WITH_CHILDREN: N_("the parent they are with starts it"),
    RemoteInitiator.OTHER_PARENT: N_("{name} starts it"),
}


def _calls(
    plan: ParentingPlan,
    rules: Sequence[RemoteContact],
    periods: Sequence[ContactPeriod],
    names: tuple[str, str],
    start: date,
    end: date,
    tz: tzinfo,
) -> tuple[CalendarEvent, ...]:
    """Each regular call, video call or letter in the range, while the children are apart.

    A call is left out when the children are with the parent it is with at that time.
    """
    ends = _ends(periods)
    out = []
    for rule in rules:
        weekdays = {day.number for day in rule.days}
        name = names[0] if rule.with_parent is ParentRef.A else names[1]
        title = fit_words(
            translate(N_("{time} {method} with {name}")),
            time=f"{rule.start_time:%H:%M}",
            method=translate(rule.method.label),
            name=name,
        )
        if rule.minutes is not None:
            title += ngettext(", {count} minute", ", {count} minutes", rule.minutes).format(
                count=rule.minutes
            )
        title += "; " + translate(_WHO_STARTS[rule.initiates]).format(name=name)
        for d in _dates(start, end):
            if d.weekday() not in weekdays:
                continue
            at = _local(d, rule.start_time, tz)
            period = _at(periods, ends, _utc(at))
            if period is not None and period.parent is rule.with_parent:
                continue
            out.append(
                CalendarEvent(
                    kind=EventKind.REMOTE_CONTACT,
                    on=d,
                    title=title,
                    uid=f"call-{rule.id}-{_utc(at):%Y%m%dT%H%M%SZ}-{plan.id}@coparent",
                    at=at,
                    minutes=rule.minutes,
                    with_parent=rule.with_parent,
                    rule_id=rule.id,
                )
            )
    return tuple(out)


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
        # Highest priority first; among equals, the shortest (most specific) occurrence.
        top = max(c.source.priority for c in here)
        tops = [c for c in here if c.source.priority == top]
        shortest = min(c.span for c in tops)
        best = sorted((c for c in tops if c.span == shortest), key=lambda c: (c.order, c.start))
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
                return_handover=winner.return_handover,
                uid=_uid(plan_id, winner.source, winner.rule_id, start),
            )
        )
    return tuple(periods), tuple(clashes)


def _period_key(p: ContactPeriod) -> tuple[object, ...]:
    occurrence = None if p.source is PeriodSource.RESIDENCE else p.occurrence
    return (p.parent, p.source, p.rule_id, p.rule_name, occurrence, p.handover, p.return_handover)


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
