"""Quick plan generation: a whole ``ParentingPlan`` from a few lines, for a notebook or a form.

:func:`quick_plan` turns two parents, the children and a named pattern of care (alternate
weekends, week on/week off, 2-2-3, ...) into an ordinary, validated plan. Edit the result with
:func:`attrs.evolve` like any other document.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, time, timedelta
from typing import TypeVar

from .convert import from_dict, to_dict
from .errors import ErrorDetail, ValidationError
from .model import (
    Allocation,
    Carer,
    Child,
    Choice,
    Decision,
    DecisionArea,
    DecisionMaking,
    DecisionRule,
    Holiday,
    HolidayKind,
    LivingArrangements,
    ParentingPlan,
    ParentRef,
    PatternName,
    Person,
    Residence,
    SpecialDay,
    SpecialDayKind,
    Weekday,
    WeeklySchedule,
    WeeklySlot,
    new_id,
    new_uuid,
)

__all__ = ["HolidaySplit", "quick_plan", "weekly_slots"]

_WEEKDAYS = tuple(Weekday)
C = TypeVar("C", bound=Choice)


class HolidaySplit(Choice):
    """How school holidays and special days are shared in a quick plan."""

    HALF_AND_HALF = "half_and_half", "Split in half, swapping halves each year"
    ALTERNATE_YEARS = "alternate_years", "Alternate years (odd and even)"
    BY_AGREEMENT = "by_agreement", "Agreed nearer the time"

    @property
    def allocation(self) -> Allocation:
        """The :class:`Allocation` a holiday gets under this rule."""
        return {
            HolidaySplit.HALF_AND_HALF: Allocation.SPLIT,
            HolidaySplit.ALTERNATE_YEARS: Allocation.ALTERNATE_YEARS,
            HolidaySplit.BY_AGREEMENT: Allocation.BY_AGREEMENT,
        }[self]


# Each shared pattern as (parent, first day, day after the last day) within a cycle of whole
# weeks counted from Monday of week 1; every change of parent happens at the handover time.
# A segment may run past the end of the cycle: it wraps into the next one.
_A, _B = ParentRef.A, ParentRef.B
_SEGMENTS: dict[PatternName, tuple[int, tuple[tuple[ParentRef, int, int], ...]]] = {
    # Friday to Friday, swapping each week.
    PatternName.WEEK_ON_WEEK_OFF: (2, ((_A, 4, 11), (_B, 11, 18))),
    # Mon-Tue, Wed-Thu, Fri-Sun; the next week the other way round.
    PatternName.TWO_TWO_THREE: (
        2,
        ((_A, 0, 2), (_B, 2, 4), (_A, 4, 7), (_B, 7, 9), (_A, 9, 11), (_B, 11, 14)),
    ),
    # Mon-Tue always one parent, Wed-Thu always the other, weekends alternate (5 days each).
    PatternName.TWO_TWO_FIVE_FIVE: (2, ((_A, 0, 2), (_B, 2, 4), (_A, 4, 9), (_B, 9, 14))),
}

_SHARED = frozenset(_SEGMENTS)


def _segment_slots(
    parent: ParentRef, first: int, end: int, weeks: int, at: time
) -> Iterator[WeeklySlot]:
    """Slots for one stretch with a parent; a slot never lasts 7 days or more (it would be
    ambiguous), so a full week is cut in two."""
    cuts = [first, end] if end - first < 7 else [first, first + 4, end]
    for start, stop in itertools.pairwise(cuts):
        yield WeeklySlot(
            id=new_id(),
            parent=parent,
            start_day=_WEEKDAYS[start % 7],
            start_time=at,
            end_day=_WEEKDAYS[stop % 7],
            end_time=at,
            every_n_weeks=weeks,
            week_offset=(start // 7) % weeks,
        )


def weekly_slots(
    pattern: PatternName | str,
    *,
    visiting: ParentRef = ParentRef.B,
    handover_time: time = time(18, 0),
) -> tuple[WeeklySlot, ...]:
    """The weekly slots of a named pattern, with fresh ids.

    Shared patterns (week on/week off, 2-2-3, 2-2-5-5) list both parents' time. The others list
    only the ``visiting`` parent's time: the children are with the other parent the rest of
    the week. Alternate weekends run Friday to Sunday at ``handover_time`` in the first week of
    each fortnight; the midweek visit is every Wednesday, 16:00 to 19:00; daytime visits are
    every Saturday, 10:00 to 16:00. ``custom`` has no slots.
    """
    name = _pattern(pattern)
    if name in _SEGMENTS:
        weeks, segments = _SEGMENTS[name]
        return tuple(
            slot
            for parent, first, end in segments
            for slot in _segment_slots(parent, first, end, weeks, handover_time)
        )
    slots: list[WeeklySlot] = []
    if name in (PatternName.ALTERNATE_WEEKENDS, PatternName.ALTERNATE_WEEKENDS_MIDWEEK):
        slots += _segment_slots(visiting, 4, 6, 2, handover_time)
    if name is PatternName.ALTERNATE_WEEKENDS_MIDWEEK:
        slots.append(_day_visit(visiting, Weekday.WEDNESDAY, time(16, 0), time(19, 0)))
    if name is PatternName.DAYTIME_ONLY:
        slots.append(_day_visit(visiting, Weekday.SATURDAY, time(10, 0), time(16, 0)))
    return tuple(slots)


def _day_visit(parent: ParentRef, day: Weekday, start: time, end: time) -> WeeklySlot:
    return WeeklySlot(
        id=new_id(), parent=parent, start_day=day, start_time=start, end_day=day, end_time=end
    )


def _bad(path: str, message: str) -> ValidationError:
    return ValidationError([ErrorDetail(path=path, message=message)], what="quick_plan")


def _member(cls: type[C], value: object, argument: str, what: str) -> C:
    """The member of ``cls`` whose JSON value is ``value``, or an error naming ``argument``."""
    found = next((m for m in cls if m.value == value), None)
    if found is None:
        names = ", ".join(m.value for m in cls)
        raise _bad(argument, f"unknown {what} {value!r}; use one of: {names}")
    return found


def _pattern(value: PatternName | str) -> PatternName:
    return _member(PatternName, value, "pattern", "pattern")


def _person(value: str | Person, ref: ParentRef) -> Person:
    if isinstance(value, Person):
        return value
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"parents/{0 if ref is ParentRef.A else 1}", "give each parent's name")
    return Person(id=ref.value.replace("_", "-"), name=value)


def _child(value: str | tuple[str, date | None] | Child, index: int) -> Child:
    if isinstance(value, Child):
        return value
    name, born = (value, None) if isinstance(value, str) else value
    if not isinstance(name, str) or not name.strip():
        raise _bad(f"children/{index}", "give each child's name")
    if born is not None and not isinstance(born, date):
        raise _bad(f"children/{index}", "the date of birth must be a datetime.date")
    return Child(id=new_id(), name=name, date_of_birth=born)


_KIND_WORDS = (
    ("summer", HolidayKind.SUMMER),
    ("christmas", HolidayKind.CHRISTMAS),
    ("easter", HolidayKind.EASTER),
    ("half term", HolidayKind.HALF_TERM),
    ("half-term", HolidayKind.HALF_TERM),
)


def _holiday(item: tuple[str, date, date] | Holiday, rule: HolidaySplit, index: int) -> Holiday:
    if isinstance(item, Holiday):
        return item
    name, start, end = item
    if end < start:
        raise _bad(f"school_holidays/{index}", f"{name!r} ends before it starts")
    kind = next((k for word, k in _KIND_WORDS if word in name.lower()), HolidayKind.OTHER)
    return Holiday(
        id=new_id(), name=name, kind=kind, start=start, end=end, allocation=rule.allocation
    )


def _special_days(children: Sequence[Child], rule: HolidaySplit) -> tuple[SpecialDay, ...]:
    alternate = (
        Allocation.BY_AGREEMENT if rule is HolidaySplit.BY_AGREEMENT else Allocation.ALTERNATE_YEARS
    )
    days = [
        SpecialDay(
            id=new_id(),
            name=f"{child.name}'s birthday",
            kind=SpecialDayKind.CHILD_BIRTHDAY,
            month=child.date_of_birth.month,
            day=child.date_of_birth.day,
            allocation=alternate,
        )
        for child in children
        if child.date_of_birth is not None
    ]
    days.append(
        SpecialDay(
            id=new_id(),
            name="Christmas Day",
            kind=SpecialDayKind.CHRISTMAS_DAY,
            month=12,
            day=25,
            allocation=alternate,
        )
    )
    return tuple(days)


def _decisions(rules: Mapping[DecisionArea | str, DecisionRule | str]) -> DecisionMaking:
    items = []
    for area, rule in rules.items():
        member = _member(DecisionArea, area, "decisions", "decision area")
        how = _member(DecisionRule, rule, f"decisions/{member.value}", "decision rule")
        if how is DecisionRule.ONE_PARENT:
            raise _bad(
                f"decisions/{member.value}",
                "one parent alone needs the parent named: build a coparent.Decision instead",
            )
        items.append(Decision(id=member.value.replace("_", "-"), area=member, rule=how))
    return DecisionMaking(decisions=tuple(items))


def quick_plan(
    *,
    parents: tuple[str | Person, str | Person],
    children: Sequence[str | tuple[str, date | None] | Child],
    pattern: PatternName | str = PatternName.ALTERNATE_WEEKENDS,
    holidays: HolidaySplit | str = HolidaySplit.HALF_AND_HALF,
    school_holidays: Sequence[tuple[str, date, date] | Holiday] = (),
    starts_on: date | None = None,
    lives_with: ParentRef = ParentRef.A,
    handover_time: time = time(18, 0),
    special_days: bool = True,
    title: str | None = None,
    decisions: Mapping[DecisionArea | str, DecisionRule | str] | None = None,
    other_carers: Sequence[Carer] = (),
) -> ParentingPlan:
    """A complete, validated draft plan from a few lines.

    ``parents`` are two names (or :class:`Person` objects); ``children`` are names, ``(name,
    date_of_birth)`` pairs or :class:`Child` objects. ``pattern`` names the regular pattern
    (see :func:`weekly_slots`); for the alternate-weekend and daytime patterns the children
    live with ``lives_with`` and see the other parent. ``school_holidays`` are ``(name, first
    day, last day)`` triples shared by the ``holidays`` rule; with ``special_days``, each
    child's birthday and Christmas Day alternate years. ``starts_on`` is moved back to its
    Monday (today's week if not given). ``decisions`` says who decides what, e.g.
    ``{"education": "joint", "emergency_treatment": "either_parent"}`` (see
    :class:`DecisionArea` and :class:`DecisionRule`); ``other_carers`` names grandparents, new
    partners and other carers with what they may do. Every area starts without an agreement
    status (not discussed yet): mark each with its ``agreement`` as the parents agree it. Bad
    arguments raise :class:`ValidationError` naming the argument.
    """
    name = _pattern(pattern)
    rule = _member(HolidaySplit, holidays, "holidays", "holiday split")
    if not isinstance(parents, tuple | list) or len(parents) != 2:
        raise _bad("parents", "give exactly two parents, e.g. ('Sam', 'Alex')")
    parent_a, parent_b = _person(parents[0], ParentRef.A), _person(parents[1], ParentRef.B)
    kids = tuple(_child(c, i) for i, c in enumerate(children))
    first = starts_on if starts_on is not None else date.today()
    first -= timedelta(days=first.weekday())
    residence = (
        Residence.SHARED
        if name in _SHARED
        else (Residence.WITH_PARENT_A if lives_with is ParentRef.A else Residence.WITH_PARENT_B)
    )
    schedule = WeeklySchedule(
        pattern=name,
        starts_on=first,
        slots=weekly_slots(name, visiting=lives_with.other, handover_time=handover_time),
    )
    names = " and ".join(c.preferred_name or c.name for c in kids)
    plan = ParentingPlan(
        id=new_uuid(),
        title=title or (f"Parenting plan for {names}" if names else "Our parenting plan"),
        parent_a=parent_a,
        parent_b=parent_b,
        children=kids,
        other_carers=tuple(other_carers),
        decision_making=_decisions(decisions or {}),
        living_arrangements=LivingArrangements(
            residence=residence,
            schedule=schedule,
            holidays=tuple(_holiday(h, rule, i) for i, h in enumerate(school_holidays)),
            special_days=_special_days(kids, rule) if special_days else (),
        ),
    )
    # The converter's checks (every cross-field rule) on top of the constructors' own.
    return from_dict(to_dict(plan), ParentingPlan)
