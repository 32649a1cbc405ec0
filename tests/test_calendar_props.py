"""Property tests for schedule expansion: no overlaps, no gaps, and splitting a range is exact."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import icalendar
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.scheduling
from coparent import ParentingPlan, ParentRef
from coparent.model import (
    Allocation,
    ContactMethod,
    Holiday,
    HolidayKind,
    OneOffArrangement,
    Residence,
    SpecialDay,
    Weekday,
    WeeklySchedule,
    WeeklySlot,
)
from coparent.model.schedule import (
    CycleSlot,
    DateRule,
    HolidayRecurrence,
    RemoteContact,
    RemoteInitiator,
    SchedulePhase,
    SchoolBreak,
    SchoolYear,
)

DAY0 = date(2026, 1, 1)
# Days near the clock changes of 2026 and 2027 are drawn often.
DST_DAYS = [date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)]
DAYS = st.one_of(
    st.integers(0, 800).map(lambda n: DAY0 + timedelta(days=n)),
    st.builds(lambda d, k: d + timedelta(days=k), st.sampled_from(DST_DAYS), st.integers(-8, 8)),
    st.sampled_from([date(2027, 2, 27), date(2028, 2, 28), date(2026, 12, 31)]),
)
TIMES = st.one_of(
    st.sampled_from([time(0), time(1, 30), time(2, 0), time(8), time(15, 30), time(17)]),
    st.times().map(lambda t: t.replace(microsecond=0)),
)
PARENTS = st.sampled_from(list(ParentRef))
IDS = st.sampled_from(["r1", "r2", "r3", "r4"])
HANDOVERS = st.sampled_from(["", "centre", "library", "no-such-handover"])
KINDS = st.sampled_from(list(HolidayKind))


@st.composite
def slots(draw: st.DrawFn, i: int) -> WeeklySlot:
    n = draw(st.integers(1, 4))
    return WeeklySlot(
        id=f"slot{i}",
        parent=draw(PARENTS),
        start_day=draw(st.sampled_from(list(Weekday))),
        start_time=draw(TIMES),
        end_day=draw(st.sampled_from(list(Weekday))),
        end_time=draw(TIMES),
        every_n_weeks=n,
        week_offset=draw(st.integers(0, n - 1)),
        pickup_handover_id=draw(HANDOVERS),
        return_handover_id=draw(HANDOVERS),
    )


@st.composite
def cycle_slots(draw: st.DrawFn, i: int, n: int) -> CycleSlot:
    return CycleSlot(
        id=f"cycle{i}",
        parent=draw(PARENTS),
        start_day=draw(st.integers(1, n)),
        start_time=draw(TIMES),
        end_day=draw(st.integers(1, n)),
        end_time=draw(TIMES),
        pickup_handover_id=draw(HANDOVERS),
        return_handover_id=draw(HANDOVERS),
    )


@st.composite
def schedules(draw: st.DrawFn) -> WeeklySchedule:
    n = draw(st.none() | st.integers(2, 21))
    rota = () if n is None else draw(_many(lambda i: cycle_slots(i, n), 2))
    return WeeklySchedule(
        starts_on=draw(DAYS) if rota else draw(st.none() | DAYS),
        slots=draw(_many(slots, 3)),
        cycle_days=n,
        cycle_slots=rota,
        ends_at_stop_date=draw(st.booleans()),
    )


@st.composite
def phases(draw: st.DrawFn, i: int) -> SchedulePhase:
    return SchedulePhase(
        id=f"phase{i}",
        name=f"Phase {i}",
        starts_on=draw(st.none() | DAYS),
        transition_step_id=draw(st.sampled_from(["", "step-1", "step-2", "step-3", "gone"])),
        schedule=draw(schedules()),
    )


@st.composite
def school_years(draw: st.DrawFn, i: int) -> SchoolYear:
    breaks = []
    for j in range(draw(st.integers(0, 4))):
        first = draw(DAYS)
        breaks.append(
            SchoolBreak(
                id=f"b{j}",
                kind=draw(KINDS),
                name=draw(st.sampled_from(["", "Inset day"])),
                first_day=first,
                last_day=first + timedelta(days=draw(st.integers(0, 45))),
            )
        )
    return SchoolYear(id=f"y{i}", name=f"Year {i}", breaks=tuple(breaks))


@st.composite
def remote_times(draw: st.DrawFn, i: int) -> RemoteContact:
    return RemoteContact(
        id=f"call{i}",
        method=draw(st.sampled_from([ContactMethod.PHONE, ContactMethod.VIDEO])),
        with_parent=draw(PARENTS),
        days=tuple(draw(st.sets(st.sampled_from(list(Weekday)), min_size=1, max_size=3))),
        start_time=draw(TIMES),
        minutes=draw(st.none() | st.integers(1, 240)),
        initiates=draw(st.sampled_from(list(RemoteInitiator))),
    )


@st.composite
def holidays(draw: st.DrawFn, i: int) -> Holiday:
    start = draw(DAYS)
    recurs = draw(st.sampled_from(list(HolidayRecurrence)))
    allocation = draw(st.sampled_from(list(Allocation)))
    split = allocation is Allocation.SPLIT
    dated = recurs is not HolidayRecurrence.TERM_DATES
    return Holiday(
        id=f"hol{i}",
        name=draw(st.sampled_from(["Inset day", f"Holiday {i}"])),
        kind=draw(KINDS),
        recurs=recurs,
        start=start if dated else None,
        end=start + timedelta(days=draw(st.integers(0, 20))) if dated else None,
        start_days_before=draw(st.integers(0, 3)),
        end_days_after=draw(st.integers(0, 3)),
        start_time=draw(st.none() | TIMES),
        end_time=draw(st.none() | TIMES),
        allocation=allocation,
        even_years_parent=draw(PARENTS),
        split_day=draw(st.none() | st.integers(1, 30)) if split else None,
        split_time=draw(st.none() | TIMES) if split else None,
        pickup_handover_id=draw(HANDOVERS),
        return_handover_id=draw(HANDOVERS),
    )


@st.composite
def special_days(draw: st.DrawFn, i: int) -> SpecialDay:
    rule = draw(st.sampled_from(list(DateRule)))
    fixed = rule is DateRule.GIVEN and draw(st.booleans())
    on = draw(DAYS)
    allocation = draw(st.sampled_from(list(Allocation)))
    return SpecialDay(
        id=f"day{i}",
        name=f"Day {i}",
        date_rule=rule,
        month=on.month if fixed else None,
        day=(29 if on.month == 2 and draw(st.booleans()) else on.day) if fixed else None,
        dates=() if fixed else draw(st.sampled_from([(), (on,)])),
        start_time=draw(st.none() | TIMES),
        end_time=draw(st.none() | TIMES),
        allocation=allocation,
        even_years_parent=draw(PARENTS),
        split_time=draw(st.none() | TIMES) if allocation is Allocation.SPLIT else None,
        pickup_handover_id=draw(HANDOVERS),
        return_handover_id=draw(HANDOVERS),
    )


@st.composite
def one_offs(draw: st.DrawFn, i: int) -> OneOffArrangement:
    start, st_time = draw(DAYS), draw(TIMES)
    end = start + timedelta(days=draw(st.integers(0, 4)))
    end_time = draw(TIMES)
    if (end, end_time) <= (start, st_time):
        end += timedelta(days=1)
    return OneOffArrangement(
        id=f"off{i}",
        parent=draw(PARENTS),
        start_date=start,
        start_time=st_time,
        end_date=end,
        end_time=end_time,
    )


def _many(
    make: Callable[[int], st.SearchStrategy[object]], n: int
) -> st.SearchStrategy[tuple[object, ...]]:
    return st.integers(0, n).flatmap(lambda k: st.tuples(*(make(i) for i in range(k))))


@st.composite
def plans(
    draw: st.DrawFn, residence: st.SearchStrategy[Residence | None] | None = None
) -> ParentingPlan:
    base = ParentingPlan.example()
    la = attrs.evolve(
        base.living_arrangements,
        residence=draw(residence if residence is not None else st.sampled_from([*Residence, None])),
        schedule=draw(schedules()),
        phases=draw(_many(phases, 2)),
        term_dates=draw(_many(school_years, 2)),
        holidays=draw(_many(holidays, 3)),
        special_days=draw(_many(special_days, 3)),
        exceptions=draw(_many(one_offs, 2)),
        remote_contact_times=draw(_many(remote_times, 2)),
        timezone=draw(st.sampled_from(["Europe/London", "America/New_York", "UTC"])),
    )
    return attrs.evolve(base, living_arrangements=la)


RANGES = st.tuples(DAYS, st.integers(0, 45), st.integers(0, 45)).map(
    lambda t: (t[0], t[0] + timedelta(days=t[1]), t[0] + timedelta(days=t[1] + t[2]))
)


def _u(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


@given(plans(), RANGES)
def test_periods_never_overlap_and_are_ordered(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    cal = coparent.calendar(plan, r[0], r[2], referral=coparent.Referral.example())
    pieces = sorted(
        [(_u(p.start), _u(p.end)) for p in cal.periods]
        + [(_u(c.start), _u(c.end)) for c in cal.clashes]
    )
    for s, e in pieces:
        assert s < e
    for (_, e1), (s2, _) in itertools.pairwise(pieces):
        assert e1 <= s2
    assert [p.start for p in cal.periods] == sorted(p.start for p in cal.periods)
    assert len({p.uid for p in cal.periods}) == len(cal.periods)


@given(plans(st.sampled_from([Residence.WITH_PARENT_A, Residence.WITH_PARENT_B])), RANGES)
def test_a_plan_that_assigns_every_day_covers_the_range_without_gaps(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    tz = coparent.calendar(plan, r[0], r[0]).timezone
    assert tz == plan.living_arrangements.timezone
    cal = coparent.calendar(plan, r[0], r[2], referral=coparent.Referral.example())
    pieces = sorted(
        [(_u(p.start), _u(p.end)) for p in cal.periods]
        + [(_u(c.start), _u(c.end)) for c in cal.clashes]
    )
    lo = _u(datetime.combine(r[0], time(0), tzinfo=ZoneInfo(tz)))
    hi = _u(datetime.combine(r[2], time(0), tzinfo=ZoneInfo(tz)))
    if lo == hi:
        assert pieces == []
        return
    assert pieces[0][0] == lo
    assert pieces[-1][1] == hi
    for (_, e1), (s2, _) in itertools.pairwise(pieces):
        assert e1 == s2
    share = cal.time_share()
    n_days = (r[2] - r[0]).days
    assert share.nights_a + share.nights_b + share.unassigned_nights == n_days
    assert share.days_a + share.days_b >= n_days - share.unassigned_days
    if not cal.clashes:
        assert share.unassigned_nights == share.unassigned_days == 0
    # Without clashes, the periods alone tile the range.
    if not cal.clashes:
        assert sum((e - s for s, e in pieces), timedelta(0)) == hi - lo


@given(plans(), RANGES)
def test_expanding_a_to_c_equals_a_to_b_then_b_to_c(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    a, b, c = r
    referral = coparent.Referral.example()
    whole = coparent.calendar(plan, a, c, referral=referral)
    joined = coparent.calendar(plan, a, b, referral=referral).then(
        coparent.calendar(plan, b, c, referral=referral)
    )
    assert joined == whole
    assert [(_u(p.start), _u(p.end)) for p in joined.periods] == [
        (_u(p.start), _u(p.end)) for p in whole.periods
    ]


@given(plans(), RANGES, st.integers(0, 10**6))
def test_a_one_off_change_wins_where_it_alone_applies(
    plan: ParentingPlan, r: tuple[date, date, date], seed: int
) -> None:
    cal = coparent.calendar(plan, r[0], r[2])
    la = plan.living_arrangements
    for x in la.exceptions:
        start = datetime.combine(x.start_date, x.start_time, tzinfo=UTC)
        end = datetime.combine(x.end_date, x.end_time, tzinfo=UTC)
        t = start + (end - start) * ((seed % 997) / 997)
        wall = t.replace(tzinfo=None)
        when = wall.replace(tzinfo=ZoneInfo(cal.timezone))
        if _u(when).astimezone(when.tzinfo).replace(tzinfo=None) != wall:
            continue  # A wall-clock time the clocks skip.
        period = cal.at(when)
        if period is None or any(y.parent is not x.parent for y in la.exceptions):
            continue  # Out of range, or one-offs for both parents that may clash.
        assert period.parent is x.parent
        assert period.source is coparent.scheduling.PeriodSource.ONE_OFF


@given(plans(), RANGES)
def test_the_ics_reads_back_with_one_event_per_period_and_event(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    cal = coparent.calendar(plan, r[0], r[2], referral=coparent.Referral.example())
    data = coparent.to_ics(cal, include_default=True)
    parsed = icalendar.Calendar.from_ical(data)
    events = parsed.walk("VEVENT")
    assert len(events) == len(cal.periods) + len(cal.clashes) + len(cal.events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    by_uid = {str(e["UID"]): e for e in events}
    for p in cal.periods:
        e = by_uid[p.uid]
        assert _u(e.decoded("DTSTART")) == _u(p.start)
        assert _u(e.decoded("DTEND")) == _u(p.end)


@given(plans(), RANGES)
def test_calls_fall_only_when_the_children_are_apart_from_that_parent(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    cal = coparent.calendar(plan, r[0], r[2])
    for e in cal.events:
        if e.kind is not coparent.scheduling.EventKind.REMOTE_CONTACT:
            continue
        assert e.at is not None
        assert e.on == e.at.date()
        assert r[0] <= e.on < r[2]
        period = cal.at(e.at)
        assert period is None or period.parent is not e.with_parent


@given(
    DAYS,
    PARENTS,
    PARENTS,
    st.integers(0, 22),
    st.integers(1, 23),
    st.sampled_from(["special", "holiday"]),
)
def test_a_shorter_rule_inside_a_longer_one_of_the_same_standing_wins(
    on: date, outer: ParentRef, inner: ParentRef, hour: int, hours: int, where: str
) -> None:
    end_hour = min(hour + hours, 23)
    short = SpecialDay(id="short", name="Supper", dates=(on,), start_time=time(hour),
                       end_time=time(end_hour, 59), allocation=_fixed(inner))  # fmt: skip
    if where == "special":
        long = SpecialDay(id="long", name="Eve", dates=(on,), allocation=_fixed(outer))
        plan = _plan(special_days=(long, short), holidays=())
    else:
        long_h = Holiday(id="long", name="Break", start=on - timedelta(days=1),
                         end=on + timedelta(days=1), allocation=_fixed(outer))  # fmt: skip
        short_h = Holiday(id="short", name="Supper", start=on, end=on,
                          start_time=time(hour), end_time=time(end_hour, 59),
                          allocation=_fixed(inner))  # fmt: skip
        plan = _plan(special_days=(), holidays=(long_h, short_h))
    cal = coparent.calendar(plan, on - timedelta(days=2), on + timedelta(days=3))
    assert cal.clashes == ()
    inside = datetime.combine(on, time(hour, 30), tzinfo=ZoneInfo(cal.timezone))
    period = cal.at(inside)
    assert period is not None
    assert (period.rule_id, period.parent) == ("short", inner)
    before = cal.at(datetime.combine(on, time(0, 0), tzinfo=ZoneInfo(cal.timezone)))
    if hour > 0:
        assert before is not None
        assert (before.rule_id, before.parent) == ("long", outer)


def _fixed(parent: ParentRef) -> Allocation:
    return Allocation.PARENT_A if parent is ParentRef.A else Allocation.PARENT_B


def _plan(**changes: object) -> ParentingPlan:
    base = ParentingPlan.example()
    la = attrs.evolve(
        base.living_arrangements,
        schedule=WeeklySchedule(),
        phases=(),
        exceptions=(),
        remote_contact_times=(),
        **changes,
    )
    return attrs.evolve(base, living_arrangements=la)
