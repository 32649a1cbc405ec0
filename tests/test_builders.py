"""quick_plan: a plan from a few lines, valid, loss-free through JSON, and the named pattern."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import ParentingPlan, ParentRef, quick_plan
from coparent.builders import HolidaySplit, weekly_slots
from coparent.model import PatternName
from coparent.model._base import NAME_FORBIDDEN_PATTERN

NAMES = st.text(min_size=1, max_size=30).filter(lambda s: s.strip())
#: People's names: any text but the invisible and control characters a name refuses by design.
PERSON_NAMES = NAMES.filter(lambda s: re.search(NAME_FORBIDDEN_PATTERN, s) is None)
CHILDREN = st.lists(
    st.one_of(PERSON_NAMES, st.tuples(PERSON_NAMES, st.one_of(st.none(), st.dates()))),
    max_size=4,
)
HOLIDAYS = st.lists(
    st.tuples(NAMES, st.dates(), st.integers(0, 60)).map(
        lambda t: (t[0], t[1], min(t[1] + timedelta(days=t[2]), date.max))
    ),
    max_size=3,
)


def _owner_at(
    slots: tuple[coparent.model.WeeklySlot, ...], weeks: int, minute: int
) -> set[ParentRef]:
    """Which parents' slots cover a minute of the cycle (minute 0 is Monday 00:00 of week 1).

    A slot ends at the first time its end day and time come round after its start.
    """
    cycle = weeks * 7 * 24 * 60
    owners = set()
    for slot in slots:
        for week in range(slot.week_offset, weeks, slot.every_n_weeks):
            start = ((week * 7 + slot.start_day.number) * 24 + slot.start_time.hour) * 60
            start += slot.start_time.minute
            end_in_week = (
                slot.end_day.number * 24 + slot.end_time.hour
            ) * 60 + slot.end_time.minute
            length = (end_in_week - (start % (7 * 24 * 60))) % (7 * 24 * 60)
            if (minute - start) % cycle < length:
                owners.add(slot.parent)
    return owners


@given(
    parents=st.tuples(PERSON_NAMES, PERSON_NAMES),
    children=CHILDREN,
    pattern=st.sampled_from(list(PatternName)),
    rule=st.sampled_from(list(HolidaySplit)),
    holidays=HOLIDAYS,
    starts_on=st.dates(min_value=date(1, 1, 8)),
    lives_with=st.sampled_from(list(ParentRef)),
    special_days=st.booleans(),
)
def test_every_quick_plan_round_trips_and_matches_the_schema(
    parents: tuple[str, str],
    children: list[Any],
    pattern: PatternName,
    rule: HolidaySplit,
    holidays: list[tuple[str, date, date]],
    starts_on: date,
    lives_with: ParentRef,
    special_days: bool,
) -> None:
    plan = quick_plan(
        parents=parents,
        children=children,
        pattern=pattern,
        holidays=rule,
        school_holidays=holidays,
        starts_on=starts_on,
        lives_with=lives_with,
        special_days=special_days,
    )
    assert coparent.from_json(coparent.to_json(plan), ParentingPlan) == plan
    coparent.validate(coparent.to_dict(plan))
    assert plan.living_arrangements.schedule.pattern is pattern
    first = plan.living_arrangements.schedule.starts_on
    assert first is not None
    assert first.weekday() == 0
    assert 0 <= (starts_on - first).days < 7
    assert [c.name for c in plan.children] == [c if isinstance(c, str) else c[0] for c in children]
    assert all(h.allocation is rule.allocation for h in plan.living_arrangements.holidays)


@pytest.mark.parametrize(
    "pattern",
    [PatternName.WEEK_ON_WEEK_OFF, PatternName.TWO_TWO_THREE, PatternName.TWO_TWO_FIVE_FIVE],
)
def test_shared_patterns_cover_every_minute_with_exactly_one_parent(pattern: PatternName) -> None:
    slots = weekly_slots(pattern)
    weeks = slots[0].every_n_weeks
    for minute in range(0, weeks * 7 * 24 * 60, 30):
        assert len(_owner_at(slots, weeks, minute)) == 1, minute


def test_shared_patterns_give_each_parent_half_the_time() -> None:
    for pattern in (PatternName.WEEK_ON_WEEK_OFF, PatternName.TWO_TWO_FIVE_FIVE):
        slots = weekly_slots(pattern)
        minutes = range(0, 14 * 24 * 60, 60)
        with_a = sum(ParentRef.A in _owner_at(slots, 2, m) for m in minutes)
        assert with_a == len(minutes) // 2


def test_two_two_three_days() -> None:
    slots = weekly_slots(PatternName.TWO_TWO_THREE, handover_time=time(9, 0))
    noon = 12 * 60
    week1 = [_owner_at(slots, 2, d * 24 * 60 + noon) for d in range(14)]
    a, b = {ParentRef.A}, {ParentRef.B}
    assert week1 == [a, a, b, b, a, a, a, b, b, a, a, b, b, b]


def test_alternate_weekends_with_midweek_visit() -> None:
    plan = quick_plan(
        parents=("Sam", "Alex"),
        children=[("Mia", date(2016, 2, 29))],
        pattern="alternate_weekends_midweek",
        starts_on=date(2026, 11, 4),
    )
    slots = plan.living_arrangements.schedule.slots
    weekend, midweek = slots
    assert (weekend.start_day, weekend.end_day) == (
        coparent.model.Weekday.FRIDAY,
        coparent.model.Weekday.SUNDAY,
    )
    assert (weekend.every_n_weeks, weekend.week_offset, weekend.parent) == (2, 0, ParentRef.B)
    assert (midweek.start_day, midweek.every_n_weeks) == (coparent.model.Weekday.WEDNESDAY, 1)
    assert plan.living_arrangements.residence is coparent.model.Residence.WITH_PARENT_A
    assert plan.living_arrangements.schedule.starts_on == date(2026, 11, 2)
    assert plan.title == "Parenting plan for Mia"
    (birthday, christmas) = plan.living_arrangements.special_days
    assert (birthday.month, birthday.day) == (2, 29)
    assert christmas.kind is coparent.model.SpecialDayKind.CHRISTMAS_DAY


def test_holiday_kinds_come_from_their_names() -> None:
    plan = quick_plan(
        parents=("Sam", "Alex"),
        children=["Mia"],
        school_holidays=[
            ("Summer holidays 2027", date(2027, 7, 21), date(2027, 8, 31)),
            ("October half term", date(2027, 10, 25), date(2027, 10, 29)),
            ("Inset days", date(2027, 9, 1), date(2027, 9, 2)),
        ],
    )
    kinds = [h.kind for h in plan.living_arrangements.holidays]
    assert kinds == [
        coparent.model.HolidayKind.SUMMER,
        coparent.model.HolidayKind.HALF_TERM,
        coparent.model.HolidayKind.OTHER,
    ]
    assert {h.allocation for h in plan.living_arrangements.holidays} == {
        coparent.model.Allocation.SPLIT
    }


def test_the_result_is_an_ordinary_plan_to_edit_with_evolve() -> None:
    plan = quick_plan(parents=("Sam", "Alex"), children=["Mia"], pattern="week_on_week_off")
    agreed = attrs.evolve(
        plan, status=coparent.model.PlanStatus.AGREED, updated_at=datetime.now().astimezone()
    )
    assert agreed.living_arrangements == plan.living_arrangements
    assert plan.living_arrangements.residence is coparent.model.Residence.SHARED


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"pattern": "every_day"}, "pattern"),
        ({"holidays": "all_to_me"}, "holidays"),
        ({"parents": ("Sam",)}, "parents"),
        ({"parents": ("Sam", " ")}, "parents/1"),
        ({"children": ["Mia", ""]}, "children/1"),
        ({"children": [("Mia", "2016-02-29")]}, "children/0"),
        (
            {"school_holidays": [("Summer", date(2027, 8, 1), date(2027, 7, 1))]},
            "school_holidays/0",
        ),
    ],
)
def test_bad_arguments_name_the_argument(kwargs: dict[str, Any], path: str) -> None:
    arguments: dict[str, Any] = {"parents": ("Sam", "Alex"), "children": ["Mia"], **kwargs}
    with pytest.raises(coparent.ValidationError) as caught:
        quick_plan(**arguments)
    assert [e.path for e in caught.value.errors] == [path]


@pytest.mark.parametrize(
    ("pattern", "nights"),
    [
        (PatternName.WEEK_ON_WEEK_OFF, (14, 14)),
        (PatternName.TWO_TWO_THREE, (14, 14)),
        (PatternName.TWO_TWO_FIVE_FIVE, (14, 14)),
        (PatternName.ALTERNATE_WEEKENDS, (24, 4)),
        (PatternName.ALTERNATE_WEEKENDS_MIDWEEK, (24, 4)),
    ],
)
def test_the_calendar_reads_the_patterns_as_meant(
    pattern: PatternName, nights: tuple[int, int]
) -> None:
    plan = quick_plan(
        parents=("Sam", "Alex"),
        children=["Mia"],
        pattern=pattern,
        starts_on=date(2027, 1, 4),
        special_days=False,
    )
    # Four whole weeks, from the second week of the pattern (the first has no earlier handover).
    cal = coparent.calendar(plan, date(2027, 1, 11), date(2027, 2, 8))
    share = cal.time_share()
    assert cal.clashes == ()
    assert cal.undecided == ()
    assert (share.nights_a, share.nights_b, share.unassigned_nights) == (*nights, 0)
