"""The schedule as families live it: recurring holidays, computed feasts, handovers, calls,
rotas, phases, precedence, the plan's time zone and the calendar's limits (issue 15)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest
import recurring_ical_events
from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.scheduling
from coparent import ParentingPlan, ParentRef
from coparent._feasts import easter_sunday, rule_dates
from coparent.errors import FieldRuleError
from coparent.model import (
    Allocation,
    ContactMethod,
    Holiday,
    HolidayKind,
    Residence,
    SpecialDay,
    Weekday,
    WeeklySchedule,
)
from coparent.model.schedule import (
    CycleSlot,
    DateRule,
    HolidayRecurrence,
    RemoteContact,
    SchedulePhase,
)
from coparent.scheduling import MAX_DAYS, PeriodSource

LONDON = ZoneInfo("Europe/London")
PLAN = ParentingPlan.example()
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "released" / "parenting_plan" / "v1"


def _at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def _with(plan: ParentingPlan, **changes: object) -> ParentingPlan:
    return attrs.evolve(plan, living_arrangements=attrs.evolve(plan.living_arrangements, **changes))


BARE = _with(
    PLAN,
    schedule=WeeklySchedule(),
    phases=(),
    holidays=(),
    special_days=(),
    exceptions=(),
    remote_contact_times=(),
)


# --- migration ------------------------------------------------------------------------------


def test_a_v1_slot_handover_becomes_its_pick_up_and_dated_holidays_stay() -> None:
    raw = json.loads((FIXTURES / "example.json").read_text(encoding="utf-8"))
    plan = coparent.load(FIXTURES / "example.json", ParentingPlan)
    la = plan.living_arrangements
    assert [s.pickup_handover_id for s in la.schedule.slots] == [
        s["handover_id"] for s in raw["living_arrangements"]["schedule"]["slots"]
    ]
    assert {s.return_handover_id for s in la.schedule.slots} == {""}
    assert [(h.id, h.recurs, h.start) for h in la.holidays] == [
        (h["id"], HolidayRecurrence.ONCE, date.fromisoformat(h["start"]))
        for h in raw["living_arrangements"]["holidays"]
    ]
    assert la.timezone == "Europe/London"
    # With no return handover, the pick-up is used at both ends (version 1's meaning).
    cal = coparent.calendar(plan, date(2026, 11, 2), date(2026, 11, 16))
    weekend = next(p for p in cal.periods if p.rule_id == "weekend")
    assert weekend.handover is not None
    assert weekend.return_handover == weekend.handover


# --- school holidays from term dates ----------------------------------------------------------


def test_a_v1_style_holiday_and_the_rule_that_repeats_it_agree() -> None:
    # Summer 2027 is both a dated holiday (from version 1) and in the term dates: the same
    # time, to the same parent, so no clash; the one listed first names the periods.
    cal = coparent.calendar(PLAN, date(2027, 7, 19), date(2027, 9, 2))
    assert cal.clashes == ()
    summer = [p for p in cal.periods if p.source is PeriodSource.HOLIDAY and p.rule_id != "poland"]
    assert {p.rule_id for p in summer} == {"summer-2027"}
    assert {p.parent for p in summer if p.end <= _at(2027, 8, 2)} == {ParentRef.B}  # Odd year.


def test_a_holiday_split_on_a_chosen_day_at_a_chosen_time() -> None:
    # Christmas from the term dates swaps at 12:00 on its fifth day: 24 December in 2027.
    cal = coparent.calendar(PLAN, date(2027, 12, 20), date(2028, 1, 1))
    halves = [(p.start, p.parent) for p in cal.periods if p.rule_id == "christmas"]
    assert halves[0] == (_at(2027, 12, 20), ParentRef.B)
    assert (_at(2027, 12, 24, 20), ParentRef.A) in halves  # After Wigilia, Siân's half.
    assert all(p == ParentRef.A for t, p in halves if t >= _at(2027, 12, 24, 12))


def test_term_date_holidays_recur_every_school_year_without_retyping() -> None:
    cal = coparent.calendar(PLAN, date(2028, 7, 17), date(2028, 9, 4))
    summer = [(p.start, p.end, p.parent) for p in cal.periods if p.rule_id == "summer"]
    # 20 July to 31 August 2028 from the term dates; 2028 is even, so Siân has the first half,
    # until Tom's two weeks in Poland.
    assert summer == [
        (_at(2028, 7, 20), _at(2028, 8, 2), ParentRef.A),
        (_at(2028, 8, 16), _at(2028, 9, 1), ParentRef.B),
    ]
    handover = next(p.handover for p in cal.periods if p.rule_id == "summer")
    assert handover is not None
    assert handover.id == "library"
    # Without Poland, the 43 days swap half way, at noon on 10 August.
    summer_only = tuple(h for h in PLAN.living_arrangements.holidays if h.id == "summer")
    alone = _with(PLAN, holidays=summer_only)
    cal2 = coparent.calendar(alone, date(2028, 7, 17), date(2028, 9, 4))
    halves = [(p.start, p.parent) for p in cal2.periods if p.rule_id == "summer"]
    assert halves == [(_at(2028, 7, 20), ParentRef.A), (_at(2028, 8, 10, 12), ParentRef.B)]
    # Tom's two weeks in Poland (every year, the same days) sit inside the summer and win.
    poland = [p for p in cal.periods if p.rule_id == "poland"]
    assert [(p.start, p.end, p.parent) for p in poland] == [
        (_at(2028, 8, 2), _at(2028, 8, 16), ParentRef.B)
    ]
    assert cal.clashes == ()


def test_half_terms_take_turns_with_handover_times_and_days_around_them() -> None:
    turns = []
    for first, last in [
        (date(2026, 10, 19), date(2026, 11, 3)),
        (date(2027, 10, 18), date(2027, 11, 2)),
    ]:
        cal = coparent.calendar(PLAN, first, last)
        (p,) = [p for p in cal.periods if p.rule_id == "autumn-half-term"]
        turns.append((p.start, p.end, p.parent))
    # Monday to Friday in the term dates, from the Friday before at 17:00 to the Sunday after.
    assert turns == [
        (_at(2026, 10, 23, 17), _at(2026, 11, 1, 17), ParentRef.B),
        (_at(2027, 10, 22, 17), _at(2027, 10, 31, 17), ParentRef.A),
    ]


def test_term_dates_can_come_from_outside_the_plan() -> None:
    years = PLAN.living_arrangements.term_dates
    plan = _with(PLAN, term_dates=())
    without = coparent.calendar(plan, date(2028, 7, 17), date(2028, 9, 4))
    assert not [p for p in without.periods if p.rule_id == "summer"]
    given_dates = coparent.calendar(plan, date(2028, 7, 17), date(2028, 9, 4), term_dates=years)
    assert given_dates == coparent.calendar(PLAN, date(2028, 7, 17), date(2028, 9, 4))


def test_a_holiday_every_year_and_one_split_at_a_chosen_day_and_time() -> None:
    christmas = Holiday(id="xmas", name="Christmas", recurs=HolidayRecurrence.EVERY_YEAR,
                        start=date(2026, 12, 23), end=date(2027, 1, 2), start_time=time(10),
                        end_time=time(17), allocation=Allocation.SPLIT, split_day=3,
                        split_time=time(12), even_years_parent=ParentRef.B)  # fmt: skip
    plan = _with(BARE, holidays=(christmas,))
    for year, first in [(2031, ParentRef.A), (2032, ParentRef.B)]:
        cal = coparent.calendar(plan, date(year, 12, 20), date(year + 1, 1, 5))
        xmas = [(p.start, p.end, p.parent) for p in cal.periods if p.rule_id == "xmas"]
        assert xmas == [
            (_at(year, 12, 23, 10), _at(year, 12, 25, 12), first),
            (_at(year, 12, 25, 12), _at(year + 1, 1, 2, 17), first.other),
        ]
    assert not [
        p
        for p in coparent.calendar(plan, date(2025, 12, 20), date(2026, 1, 5)).periods
        if p.rule_id == "xmas"
    ]  # Not before the first year given.


def test_a_recurring_holiday_needs_its_dates_or_term_dates() -> None:
    with pytest.raises(FieldRuleError, match="start"):
        Holiday(id="h", name="Summer", allocation=Allocation.PARENT_A)
    with pytest.raises(FieldRuleError, match="term dates"):
        Holiday(id="h", name="Summer", recurs=HolidayRecurrence.TERM_DATES,
                start=date(2027, 7, 1), end=date(2027, 7, 2),
                allocation=Allocation.PARENT_A)  # fmt: skip
    with pytest.raises(FieldRuleError, match="split"):
        Holiday(id="h", name="Summer", start=date(2027, 7, 1), end=date(2027, 7, 2),
                allocation=Allocation.PARENT_A, split_time=time(12))  # fmt: skip


# --- moving feasts and bank holidays ---------------------------------------------------------


@given(st.integers(1583, 4099))
def test_easter_matches_dateutil(year: int) -> None:
    assert easter_sunday(year) == easter(year)


def test_days_keyed_to_easter_and_father_s_day() -> None:
    assert rule_dates(DateRule.GOOD_FRIDAY, 2027) == (date(2027, 3, 26),)
    assert rule_dates(DateRule.EASTER_MONDAY, 2027) == (date(2027, 3, 29),)
    assert rule_dates(DateRule.MOTHERING_SUNDAY, 2027) == (date(2027, 3, 7),)
    assert rule_dates(DateRule.MOTHERING_SUNDAY, 2028) == (date(2028, 3, 26),)
    assert rule_dates(DateRule.FATHERS_DAY, 2027) == (date(2027, 6, 20),)
    assert rule_dates(DateRule.FATHERS_DAY, 2028) == (date(2028, 6, 18),)


def test_uk_bank_holidays_differ_by_nation() -> None:
    england = rule_dates(DateRule.BANK_HOLIDAYS_ENGLAND_WALES, 2027)
    scotland = rule_dates(DateRule.BANK_HOLIDAYS_SCOTLAND, 2027)
    ni = rule_dates(DateRule.BANK_HOLIDAYS_NORTHERN_IRELAND, 2027)
    assert date(2027, 8, 30) in england
    assert date(2027, 8, 30) not in scotland
    assert date(2027, 8, 2) in scotland
    assert date(2027, 3, 17) in ni  # St Patrick's Day.
    assert date(2027, 7, 12) in ni
    assert date(2027, 3, 29) not in scotland  # No Easter Monday in Scotland.


def test_other_calendars_festivals_come_from_the_holidays_package() -> None:
    assert rule_dates(DateRule.EID_AL_FITR, 2027) == (date(2027, 3, 9),)
    assert rule_dates(DateRule.EID_AL_ADHA, 2027) == (date(2027, 5, 16),)
    assert rule_dates(DateRule.DIWALI, 2027) == (date(2027, 10, 28),)
    assert rule_dates(DateRule.VAISAKHI, 2027) == (date(2027, 4, 14),)
    assert rule_dates(DateRule.LUNAR_NEW_YEAR, 2027) == (date(2027, 2, 6),)
    assert rule_dates(DateRule.HANUKKAH, 2027) == (date(2027, 12, 25),)
    assert rule_dates(DateRule.GIVEN, 2027) == ()


def test_a_listed_date_replaces_the_computed_one_in_its_year() -> None:
    eid = SpecialDay(id="eid", name="Eid al-Fitr", date_rule=DateRule.EID_AL_FITR,
                     dates=(date(2027, 3, 10),), allocation=Allocation.PARENT_B)  # fmt: skip
    plan = _with(BARE, special_days=(eid,))
    kept = [p.start for p in coparent.calendar(plan, date(2027, 3, 1), date(2027, 3, 20)).periods
            if p.rule_id == "eid"]  # fmt: skip
    assert kept == [_at(2027, 3, 10)]  # The day the community kept, not the expected 9th.
    computed = [
        p.start
        for p in coparent.calendar(plan, date(2028, 2, 20), date(2028, 3, 5)).periods
        if p.rule_id == "eid"
    ]
    assert computed == [_at(2028, 2, 26)]
    with pytest.raises(FieldRuleError, match="month"):
        SpecialDay(id="x", name="x", date_rule=DateRule.DIWALI, month=1, day=1,
                   allocation=Allocation.PARENT_A)  # fmt: skip


def test_the_example_computes_mothering_sunday_and_father_s_day() -> None:
    cal = coparent.calendar(PLAN, date(2029, 1, 1), date(2029, 7, 1))
    mine = {
        p.rule_id: (p.start, p.parent) for p in cal.periods if p.source is PeriodSource.SPECIAL_DAY
    }
    assert mine["mothering-sunday"] == (_at(2029, 3, 11), ParentRef.A)  # Easter 2029: 1 April.
    assert mine["fathers-day"] == (_at(2029, 6, 17, 10), ParentRef.B)
    assert mine["easter-monday"] == (_at(2029, 4, 2, 10), ParentRef.B)


# --- handovers -----------------------------------------------------------------------------


def test_pick_up_and_return_handovers_are_used_at_each_end() -> None:
    cal = coparent.calendar(PLAN, date(2027, 1, 14), date(2027, 1, 19))
    moments = [(h.at, h.to_parent, h.handover.id if h.handover else None) for h in cal.handovers()]
    assert (_at(2027, 1, 15, 17), ParentRef.B, "library") in moments
    assert (_at(2027, 1, 17, 17), ParentRef.A, "library") in moments
    # Christmas Eve: Tom collects for Wigilia at 14:00 and returns at 20:00 (its return handover).
    cal = coparent.calendar(PLAN, date(2026, 12, 24), date(2026, 12, 25))
    eve = [(h.at, h.to_parent, h.rule_id) for h in cal.handovers()]
    assert eve == [
        (_at(2026, 12, 24, 14), ParentRef.B, "wigilia"),
        (_at(2026, 12, 24, 20), ParentRef.A, "wigilia"),
    ]
    assert all(h.handover is not None and h.handover.id == "library" for h in cal.handovers())


def test_the_ics_names_both_handovers() -> None:
    cal = coparent.calendar(PLAN, date(2026, 11, 2), date(2026, 11, 9))
    parsed = icalendar.Calendar.from_ical(coparent.to_ics(cal))
    weekend = next(e for e in parsed.walk("VEVENT") if "weekend" in str(e["UID"]))
    text = str(weekend["DESCRIPTION"])
    assert "Pick-up: At a contact centre" in text
    assert "Collects the children: Tom" in text


# --- precedence ----------------------------------------------------------------------------


def test_a_supper_inside_christmas_eve_is_not_a_clash() -> None:
    eve = SpecialDay(
        id="eve", name="Christmas Eve", month=12, day=24, allocation=Allocation.PARENT_A
    )
    supper = SpecialDay(id="supper", name="Supper", month=12, day=24, start_time=time(16),
                        end_time=time(20), allocation=Allocation.PARENT_B)  # fmt: skip
    cal = coparent.calendar(
        _with(BARE, special_days=(eve, supper)), date(2027, 12, 24), date(2027, 12, 25)
    )
    assert cal.clashes == ()
    assert [(p.rule_id, p.parent) for p in cal.periods] == [
        ("eve", ParentRef.A),
        ("supper", ParentRef.B),
        ("eve", ParentRef.A),
    ]
    # Two rules of equal standing and length still clash.
    other = attrs.evolve(supper, id="other", allocation=Allocation.PARENT_A)
    cal = coparent.calendar(
        _with(BARE, special_days=(supper, other)), date(2027, 12, 24), date(2027, 12, 25)
    )
    assert [c.rule_ids for c in cal.clashes] == [("other", "supper")]


# --- calls ---------------------------------------------------------------------------------


def test_calls_are_events_in_the_calendar_the_grid_and_the_ics() -> None:
    cal = coparent.calendar(PLAN, date(2026, 11, 2), date(2026, 11, 9))
    calls = [e for e in cal.events if e.kind is coparent.scheduling.EventKind.REMOTE_CONTACT]
    assert [(e.at, e.with_parent, e.minutes) for e in calls] == [
        (_at(2026, 11, 3, 18, 30), ParentRef.B, 20),
        (_at(2026, 11, 5, 18, 30), ParentRef.B, 20),
        (_at(2026, 11, 7, 18), ParentRef.A, 10),  # Saturday: the children are with Tom.
    ]
    grid = coparent.month_grid(cal, 2026, 11)
    tuesday = next(d for w in grid.weeks for d in w if d.on == date(2026, 11, 3))
    assert tuesday.events == ("18:30 Video call with Tom, 20 minutes; the children start it",)
    data = coparent.to_ics(cal)
    found = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(
        _at(2026, 11, 3), _at(2026, 11, 4)
    )
    video = [e for e in found if "Video call" in str(e["SUMMARY"])]
    assert len(video) == 1
    assert video[0].decoded("DTSTART") == _at(2026, 11, 3, 18, 30)
    assert video[0].decoded("DTEND") == _at(2026, 11, 3, 18, 50)


def test_a_call_needs_a_day() -> None:
    with pytest.raises(FieldRuleError, match="days"):
        RemoteContact(id="c", method=ContactMethod.PHONE, with_parent=ParentRef.A, days=(),
                      start_time=time(18))  # fmt: skip


# --- rotas ---------------------------------------------------------------------------------


def test_four_on_four_off_is_an_eight_day_cycle() -> None:
    rota = WeeklySchedule(starts_on=date(2027, 1, 1), cycle_days=8, cycle_slots=(
        CycleSlot(id="off", parent=ParentRef.B, start_day=5, start_time=time(9),
                  end_day=1, end_time=time(9)),))  # fmt: skip
    cal = coparent.calendar(_with(BARE, schedule=rota), date(2027, 1, 1), date(2027, 1, 25))
    tom = [(p.start, p.end) for p in cal.periods if p.parent is ParentRef.B]
    assert tom == [
        (_at(2027, 1, 5, 9), _at(2027, 1, 9, 9)),
        (_at(2027, 1, 13, 9), _at(2027, 1, 17, 9)),
        (_at(2027, 1, 21, 9), _at(2027, 1, 25)),
    ]


def test_two_two_three_is_a_true_fourteen_day_cycle() -> None:
    def days(a: int, b: int, who: ParentRef, i: str) -> CycleSlot:
        return CycleSlot(id=i, parent=who, start_day=a, start_time=time(0), end_day=b,
                         end_time=time(0))  # fmt: skip

    rota = WeeklySchedule(starts_on=date(2027, 1, 4), cycle_days=14, cycle_slots=(
        days(3, 5, ParentRef.B, "b1"), days(5, 8, ParentRef.B, "b2"),
        days(10, 12, ParentRef.B, "b3")))  # fmt: skip
    plan = _with(BARE, schedule=rota, residence=Residence.WITH_PARENT_A)
    share = coparent.calendar(plan, date(2027, 1, 4), date(2027, 1, 18)).time_share()
    assert (share.nights_a, share.nights_b) == (7, 7)
    with pytest.raises(FieldRuleError, match="day 14"):
        WeeklySchedule(starts_on=date(2027, 1, 4), cycle_days=14,
                       cycle_slots=(days(3, 15, ParentRef.B, "x"),))  # fmt: skip


# --- phases --------------------------------------------------------------------------------


def test_phases_follow_the_transition_steps_and_the_court_stop_date() -> None:
    referral = coparent.Referral.example()
    assert referral.court_order is not None
    stop = referral.court_order.stop_date
    assert stop == date(2027, 3, 6)
    cal = coparent.calendar(PLAN, date(2027, 1, 4), date(2027, 3, 15), referral=referral)
    names = {p.rule_id: set() for p in cal.periods}
    for p in cal.periods:
        names[p.rule_id].add(p.rule_name)
    # Step 2's target date (15 January) moves handovers to the library; from 1 March, Tom's rota.
    first = next(p for p in cal.periods if p.rule_id == "weekend")
    assert (first.start, first.handover.id if first.handover else None) == (
        _at(2027, 1, 15, 17),
        "library",
    )
    before = coparent.calendar(PLAN, date(2027, 1, 4), date(2027, 1, 12))
    wed = next(p for p in before.periods if p.rule_id == "wednesday-tea")
    assert wed.handover is not None
    assert wed.handover.id == "centre"
    rota = [p for p in cal.periods if p.rule_id == "days-off"]
    assert rota[0].start == _at(2027, 3, 5, 17)
    assert not [p for p in cal.periods if p.rule_id == "weekend" and p.start >= _at(2027, 3, 1)]
    # When step 2's date changes, the calendar follows.
    steps = tuple(attrs.evolve(s, target_date=date(2027, 2, 1)) if s.id == "step-2" else s
                  for s in PLAN.transition.steps)  # fmt: skip
    later = attrs.evolve(PLAN, transition=attrs.evolve(PLAN.transition, steps=steps))
    moved = coparent.calendar(later, date(2027, 1, 4), date(2027, 2, 1))
    assert all(
        p.handover.id == "centre"
        for p in moved.periods
        if p.handover is not None and p.source is PeriodSource.WEEKLY
    )


def test_a_pattern_that_ends_at_the_court_stop_date_stops_there() -> None:
    plan = _with(PLAN, phases=())
    referral = coparent.Referral.example()
    cal = coparent.calendar(plan, date(2027, 2, 22), date(2027, 3, 22), referral=referral)
    weekly = [p for p in cal.periods if p.source is PeriodSource.WEEKLY]
    assert weekly
    assert max(p.occurrence for p in weekly) <= date(2027, 3, 6)
    after = cal.at(_at(2027, 3, 17, 16))
    assert after is not None
    assert after.source is PeriodSource.RESIDENCE
    # Without the referral, the calendar cannot know the stop date: the pattern goes on.
    going_on = coparent.calendar(plan, date(2027, 2, 22), date(2027, 3, 22))
    assert max(p.occurrence for p in going_on.periods if p.source is PeriodSource.WEEKLY) > date(
        2027, 3, 6
    )


def test_a_phase_without_a_date_or_a_dated_step_is_not_in_force() -> None:
    phase = SchedulePhase(id="p", name="Later", transition_step_id="no-such-step",
                          schedule=WeeklySchedule())  # fmt: skip
    plan = _with(PLAN, phases=(phase,))
    cal = coparent.calendar(plan, date(2027, 1, 4), date(2027, 1, 18))
    assert [p for p in cal.periods if p.rule_id == "weekend"]


# --- time zone and limits ------------------------------------------------------------------


def test_the_time_zone_is_the_plan_s_and_a_folder_name_is_refused() -> None:
    ny = _with(PLAN, timezone="America/New_York")
    cal = coparent.calendar(ny, date(2026, 11, 2), date(2026, 11, 9))
    assert cal.timezone == "America/New_York"
    weekend = next(p for p in cal.periods if p.rule_id == "weekend")
    assert weekend.start == datetime(2026, 11, 6, 17, tzinfo=ZoneInfo("America/New_York"))
    for bad in ("Europe", "europe/london", "", "Mars/Olympus", "../etc/passwd"):
        with pytest.raises(FieldRuleError, match="IANA"):
            attrs.evolve(PLAN.living_arrangements, timezone=bad)
    data = coparent.to_dict(PLAN)
    data["living_arrangements"]["timezone"] = "Europe"
    with pytest.raises(coparent.CoparentError, match="timezone"):
        coparent.from_dict(data, ParentingPlan)


def test_a_range_too_long_or_too_busy_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(coparent.ValidationError, match=f"at most {MAX_DAYS} days"):
        coparent.calendar(PLAN, date(2026, 1, 1), date(2126, 1, 1))
    coparent.calendar(PLAN, date(2026, 1, 1), date(2026, 1, 1) + timedelta(days=MAX_DAYS))
    monkeypatch.setattr("coparent.scheduling.MAX_PERIODS", 10)
    with pytest.raises(coparent.ValidationError, match="more than 10 times"):
        coparent.calendar(PLAN, date(2026, 1, 1), date(2026, 6, 1))


def test_the_whole_year_ics_reads_back_in_recurring_ical_events() -> None:
    cal = coparent.calendar(
        PLAN, date(2026, 11, 2), date(2027, 11, 1), referral=coparent.Referral.example()
    )
    parsed = icalendar.Calendar.from_ical(coparent.to_ics(cal))
    expanded = recurring_ical_events.of(parsed).between(_at(2026, 11, 2), _at(2027, 11, 1))
    wanted = [p for p in cal.periods if p.source is not PeriodSource.RESIDENCE]
    assert len(expanded) == len(wanted) + len(cal.clashes) + len(cal.events)
    starts = {str(e["UID"]): e.decoded("DTSTART") for e in expanded}
    for p in wanted:
        assert starts[p.uid] == p.start
    assert any(p.rule_id == "summer-2027" for p in wanted)
    assert any(p.rule_id == "autumn-half-term" for p in wanted)
    assert any(e.kind is coparent.scheduling.EventKind.REMOTE_CONTACT for e in cal.events)
    assert HolidayKind.SUMMER.label == "Summer holidays"
    assert Weekday.MONDAY.number == 0
