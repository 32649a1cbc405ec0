"""Property tests for schedule expansion: no overlaps, no gaps, and splitting a range is exact."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import (
    Allocation,
    Holiday,
    OneOffArrangement,
    ParentingPlan,
    ParentRef,
    Residence,
    SpecialDay,
    Weekday,
    WeeklySchedule,
    WeeklySlot,
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
    )


@st.composite
def holidays(draw: st.DrawFn, i: int) -> Holiday:
    start = draw(DAYS)
    return Holiday(
        id=f"hol{i}",
        name=f"Holiday {i}",
        start=start,
        end=start + timedelta(days=draw(st.integers(0, 20))),
        allocation=draw(st.sampled_from(list(Allocation))),
        even_years_parent=draw(PARENTS),
    )


@st.composite
def special_days(draw: st.DrawFn, i: int) -> SpecialDay:
    fixed = draw(st.booleans())
    on = draw(DAYS)
    return SpecialDay(
        id=f"day{i}",
        name=f"Day {i}",
        month=on.month if fixed else None,
        day=(29 if on.month == 2 and draw(st.booleans()) else on.day) if fixed else None,
        dates=() if fixed else (on,),
        start_time=draw(st.none() | TIMES),
        end_time=draw(st.none() | TIMES),
        allocation=draw(st.sampled_from(list(Allocation))),
        even_years_parent=draw(PARENTS),
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
        schedule=WeeklySchedule(starts_on=draw(st.none() | DAYS), slots=draw(_many(slots, 4))),
        holidays=draw(_many(holidays, 3)),
        special_days=draw(_many(special_days, 3)),
        exceptions=draw(_many(one_offs, 2)),
    )
    return attrs.evolve(base, living_arrangements=la)


RANGES = st.tuples(DAYS, st.integers(0, 45), st.integers(0, 45)).map(
    lambda t: (t[0], t[0] + timedelta(days=t[1]), t[0] + timedelta(days=t[1] + t[2]))
)


def _u(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


@settings(max_examples=150)
@given(plans(), RANGES)
def test_periods_never_overlap_and_are_ordered(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    cal = coparent.calendar(plan, r[0], r[2])
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


@settings(max_examples=150)
@given(plans(st.sampled_from([Residence.WITH_PARENT_A, Residence.WITH_PARENT_B])), RANGES)
def test_a_plan_that_assigns_every_day_covers_the_range_without_gaps(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    tz = coparent.calendar(plan, r[0], r[0]).timezone
    cal = coparent.calendar(plan, r[0], r[2], timezone=tz)
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


@settings(max_examples=150)
@given(plans(), RANGES)
def test_expanding_a_to_c_equals_a_to_b_then_b_to_c(
    plan: ParentingPlan, r: tuple[date, date, date]
) -> None:
    a, b, c = r
    whole = coparent.calendar(plan, a, c)
    joined = coparent.calendar(plan, a, b).then(coparent.calendar(plan, b, c))
    assert joined == whole
    assert [(_u(p.start), _u(p.end)) for p in joined.periods] == [
        (_u(p.start), _u(p.end)) for p in whole.periods
    ]


@settings(max_examples=100)
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
        assert period.source is coparent.PeriodSource.ONE_OFF


@settings(max_examples=60)
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
