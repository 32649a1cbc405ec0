"""Schedule expansion on real calendars: the example plan, clock changes, leap years, priorities."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import icalendar
import pytest

import coparent
import coparent.model
import coparent.scheduling
from coparent import ParentingPlan, ParentRef
from coparent.cli import main
from coparent.model import (
    Allocation,
    Holiday,
    OneOffArrangement,
    Residence,
    SpecialDay,
    Weekday,
    WeeklySchedule,
    WeeklySlot,
)
from coparent.scheduling import PeriodSource

LONDON = ZoneInfo("Europe/London")
PLAN = ParentingPlan.example()


def _at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def _with(plan: ParentingPlan, **changes: object) -> ParentingPlan:
    return attrs.evolve(plan, living_arrangements=attrs.evolve(plan.living_arrangements, **changes))


WEEKEND = WeeklySlot(
    id="weekend",
    parent=ParentRef.B,
    start_day=Weekday.FRIDAY,
    start_time=time(17),
    end_day=Weekday.SUNDAY,
    end_time=time(17),
)
SIMPLE = _with(
    PLAN,
    schedule=WeeklySchedule(starts_on=date(2026, 1, 5), slots=(WEEKEND,)),
    holidays=(),
    special_days=(),
    exceptions=(),
)


def test_the_example_plan_gives_alternate_weekends_and_wednesday_tea() -> None:
    cal = coparent.calendar(PLAN, date(2026, 11, 2), date(2026, 11, 16))
    tom = [(p.start, p.end, p.rule_id) for p in cal.periods if p.parent is ParentRef.B]
    assert tom == [
        (_at(2026, 11, 4, 15, 30), _at(2026, 11, 4, 19), "wednesday-tea"),
        (_at(2026, 11, 6, 17), _at(2026, 11, 8, 17), "weekend"),
        (_at(2026, 11, 11, 15, 30), _at(2026, 11, 11, 19), "wednesday-tea"),
        (_at(2026, 11, 14, 10), _at(2026, 11, 14, 16), "grandparents"),  # Day 13 of 28.
    ]
    rest = [p for p in cal.periods if p.parent is ParentRef.A]
    assert {p.source for p in rest} == {PeriodSource.RESIDENCE}
    assert cal.periods[0].start == _at(2026, 11, 2)
    assert cal.periods[-1].end == _at(2026, 11, 16)
    weekend = cal.periods[3]
    assert weekend.handover is not None
    assert weekend.handover.id == "centre"
    assert weekend.return_handover is not None
    assert weekend.return_handover.id == "centre"
    share = cal.time_share()
    assert (share.nights_a, share.nights_b, share.unassigned_nights) == (12, 2, 0)
    assert (share.days_a, share.days_b) == (14 - 1, 6)  # Saturday 7th is Tom's alone.


def test_weeks_before_the_pattern_starts_follow_the_residence_only() -> None:
    cal = coparent.calendar(_with(PLAN, holidays=()), date(2026, 10, 19), date(2026, 11, 2))
    assert [p.source for p in cal.periods] == [PeriodSource.RESIDENCE]


def test_a_weekend_over_the_october_clock_change_lasts_49_hours() -> None:
    cal = coparent.calendar(SIMPLE, date(2026, 10, 19), date(2026, 11, 2))
    weekends = [p for p in cal.periods if p.rule_id == "weekend"]
    assert [w.start for w in weekends] == [_at(2026, 10, 23, 17), _at(2026, 10, 30, 17)]
    assert weekends[0].duration == timedelta(hours=49)
    assert weekends[1].duration == timedelta(hours=48)
    # Wall-clock times stay 17:00 on both sides of the change.
    assert weekends[0].end.utcoffset() == timedelta(0)
    assert weekends[0].start.utcoffset() == timedelta(hours=1)


def test_a_weekend_over_the_march_clock_change_lasts_47_hours() -> None:
    cal = coparent.calendar(SIMPLE, date(2026, 3, 23), date(2026, 3, 30))
    (weekend,) = [p for p in cal.periods if p.rule_id == "weekend"]
    assert weekend.duration == timedelta(hours=47)
    assert weekend.end == _at(2026, 3, 29, 17)


def test_nights_count_each_night_once_across_clock_changes() -> None:
    cal = coparent.calendar(SIMPLE, date(2026, 10, 19), date(2026, 11, 2))
    share = cal.time_share()
    assert share.nights_a + share.nights_b == 14
    assert share.nights_b == 4


def test_week_on_week_off_and_2_2_3_cycles() -> None:
    week_on = WeeklySlot(
        id="b-week",
        parent=ParentRef.B,
        start_day=Weekday.MONDAY,
        start_time=time(8),
        end_day=Weekday.MONDAY,
        end_time=time(8),
        every_n_weeks=2,
        week_offset=1,
    )
    plan = _with(SIMPLE, schedule=WeeklySchedule(starts_on=date(2026, 1, 5), slots=(week_on,)))
    cal = coparent.calendar(plan, date(2026, 1, 5), date(2026, 2, 2))
    b = [(p.start, p.end) for p in cal.periods if p.parent is ParentRef.B]
    assert b == [
        (_at(2026, 1, 12, 8), _at(2026, 1, 19, 8)),
        (_at(2026, 1, 26, 8), _at(2026, 2, 2)),
    ]
    # 2-2-3: Mon-Tue with A, Wed-Thu with B, Fri-Sun alternating, over a fortnight.
    slots = (
        WeeklySlot(id="wed", parent=ParentRef.B, start_day=Weekday.WEDNESDAY,
                   start_time=time(0), end_day=Weekday.FRIDAY, end_time=time(0)),
        WeeklySlot(id="wkd-b", parent=ParentRef.B, start_day=Weekday.FRIDAY,
                   start_time=time(0), end_day=Weekday.MONDAY, end_time=time(0),
                   every_n_weeks=2, week_offset=0),
    )  # fmt: skip
    plan = _with(SIMPLE, schedule=WeeklySchedule(starts_on=date(2026, 1, 5), slots=slots))
    share = coparent.calendar(plan, date(2026, 1, 5), date(2026, 1, 19)).time_share()
    assert (share.nights_a, share.nights_b) == (14 - 7, 7)


def test_a_29_february_birthday_is_kept_on_28_february_in_other_years() -> None:
    # Mia's birthday alternates: Tom has it in even years, Siân in odd years.
    cal = coparent.calendar(PLAN, date(2027, 2, 26), date(2027, 3, 2))
    (bday,) = [p for p in cal.periods if p.rule_id == "mia-birthday"]
    assert (bday.start, bday.end, bday.parent) == (
        _at(2027, 2, 28, 10),
        _at(2027, 2, 28, 16),
        ParentRef.A,
    )
    cal = coparent.calendar(PLAN, date(2028, 2, 26), date(2028, 3, 2))
    (bday,) = [p for p in cal.periods if p.rule_id == "mia-birthday"]
    assert (bday.start, bday.parent) == (_at(2028, 2, 29, 10), ParentRef.B)


def test_christmas_day_splits_at_noon_and_the_halves_swap_each_year() -> None:
    for year, parent in [(2026, ParentRef.A), (2027, ParentRef.B), (2028, ParentRef.A)]:
        cal = coparent.calendar(PLAN, date(year, 12, 25), date(year, 12, 26))
        assert [(p.rule_id, p.parent, p.start) for p in cal.periods] == [
            ("christmas-day", parent, _at(year, 12, 25)),
            ("christmas-day", parent.other, _at(year, 12, 25, 12)),
        ]


def test_a_split_holiday_swaps_halves_and_special_days_override_it() -> None:
    cal = coparent.calendar(PLAN, date(2026, 12, 21), date(2027, 1, 4))
    holiday = [p for p in cal.periods if p.rule_id == "christmas"]
    first = [p for p in holiday if p.rule_name.endswith("first half")]
    second = [p for p in holiday if p.rule_name.endswith("second half")]
    assert {p.parent for p in first} == {ParentRef.A}  # 2026 is even: Siân first.
    # 21 December to 1 January from the term dates, swapping at 12:00 on the fifth day
    # (Christmas Day, a special day of its own, beats the holiday there).
    assert [(p.start, p.end, p.parent) for p in second] == [
        (_at(2026, 12, 26), _at(2027, 1, 2), ParentRef.B)
    ]
    # This year's dated Christmas holidays (to 3 January) cover what the rule does not.
    tail = [(p.start, p.end, p.parent) for p in cal.periods if p.rule_id == "christmas-2026"]
    assert tail == [(_at(2027, 1, 2), _at(2027, 1, 4), ParentRef.B)]
    wigilia = [p for p in cal.periods if p.rule_id == "wigilia"]
    assert [(p.start, p.end, p.parent) for p in wigilia] == [
        (_at(2026, 12, 24, 14), _at(2026, 12, 24, 20), ParentRef.B)
    ]
    # An odd number of days swaps at noon on the middle day.
    half_term = Holiday(id="ht", name="Half term", start=date(2027, 2, 15), end=date(2027, 2, 19),
                        allocation=Allocation.SPLIT, even_years_parent=ParentRef.A)  # fmt: skip
    plan = _with(SIMPLE, holidays=(half_term,))
    cal = coparent.calendar(plan, date(2027, 2, 15), date(2027, 2, 20))
    assert [(p.parent, p.start) for p in cal.periods] == [
        (ParentRef.B, _at(2027, 2, 15)),
        (ParentRef.A, _at(2027, 2, 17, 12)),
    ]


def test_one_off_changes_beat_special_days_beat_holidays_beat_the_week() -> None:
    plan = _with(
        SIMPLE,
        holidays=(Holiday(id="h", name="Half term", start=date(2026, 10, 26),
                          end=date(2026, 10, 30), allocation=Allocation.PARENT_B),),
        special_days=(SpecialDay(id="s", name="Grandma", month=10, day=28,
                                 allocation=Allocation.PARENT_A),),
        exceptions=(OneOffArrangement(id="x", parent=ParentRef.B, start_date=date(2026, 10, 28),
                                      start_time=time(12), end_date=date(2026, 10, 28),
                                      end_time=time(13)),),
    )  # fmt: skip
    cal = coparent.calendar(plan, date(2026, 10, 26), date(2026, 11, 2))
    assert [(p.rule_id, p.parent, p.start) for p in cal.periods] == [
        ("h", ParentRef.B, _at(2026, 10, 26)),
        ("s", ParentRef.A, _at(2026, 10, 28)),
        ("x", ParentRef.B, _at(2026, 10, 28, 12)),
        ("s", ParentRef.A, _at(2026, 10, 28, 13)),
        ("h", ParentRef.B, _at(2026, 10, 29)),
        ("weekend", ParentRef.B, _at(2026, 10, 31)),  # The holiday ends at midnight Friday.
        ("", ParentRef.A, _at(2026, 11, 1, 17)),
    ]
    assert cal.periods[5].handover is None
    assert cal.clashes == ()


def test_a_clash_the_plan_does_not_settle_is_reported_not_guessed() -> None:
    plan = _with(
        SIMPLE,
        holidays=(
            Holiday(
                id="h1",
                name="One",
                start=date(2026, 8, 3),
                end=date(2026, 8, 7),
                allocation=Allocation.PARENT_A,
            ),
            Holiday(
                id="h2",
                name="Two",
                start=date(2026, 8, 6),
                end=date(2026, 8, 10),
                allocation=Allocation.PARENT_B,
            ),
        ),
    )
    cal = coparent.calendar(plan, date(2026, 8, 3), date(2026, 8, 12))
    assert [(c.start, c.end, c.rule_ids) for c in cal.clashes] == [
        (_at(2026, 8, 6), _at(2026, 8, 8), ("h1", "h2"))
    ]
    assert cal.at(_at(2026, 8, 7, 12)) is None
    assert "CLASH" in cal.text()
    grid = coparent.month_grid(cal, 2026, 8)
    day = next(d for w in grid.weeks for d in w if d.on == date(2026, 8, 6))
    assert day.clash
    assert day.marks.endswith("!")


def test_days_left_to_agreement_do_not_override_and_are_listed() -> None:
    plan = _with(
        SIMPLE,
        special_days=(SpecialDay(id="eid", name="Eid", dates=(date(2026, 3, 20),),
                                 allocation=Allocation.BY_AGREEMENT),),
    )  # fmt: skip
    cal = coparent.calendar(plan, date(2026, 3, 16), date(2026, 3, 23))
    assert [u.rule_id for u in cal.undecided] == ["eid"]
    assert [p.rule_id for p in cal.periods] == ["", "weekend", ""]


def test_shared_care_without_a_rule_leaves_time_unassigned() -> None:
    plan = _with(SIMPLE, residence=Residence.SHARED)
    cal = coparent.calendar(plan, date(2026, 11, 2), date(2026, 11, 9))
    assert [p.rule_id for p in cal.periods] == ["weekend"]
    share = cal.time_share()
    assert (share.nights_b, share.unassigned_nights) == (2, 5)
    assert "?" in str(coparent.month_grid(cal, 2026, 11))


def test_next_handover_and_the_next_four_weeks_as_text() -> None:
    cal = coparent.calendar(PLAN, date(2026, 11, 2), date(2026, 11, 30))
    h = cal.next_handover(_at(2026, 11, 5, 9))
    assert h is not None
    assert (h.at, h.from_parent, h.to_parent) == (_at(2026, 11, 6, 17), ParentRef.A, ParentRef.B)
    assert h.handover is not None
    assert h.handover.id == "centre"
    back = cal.next_handover(h.at)
    assert back is not None
    assert (back.at, back.to_parent, back.rule_id) == (_at(2026, 11, 8, 17), ParentRef.A, "weekend")
    assert cal.next_handover(_at(2026, 11, 29, 18)) is None
    text = coparent.scheduling.next_weeks_text(PLAN, date(2026, 11, 2))
    # Four Wednesdays, two weekends and a Saturday with Tom's parents (and calls with Tom).
    assert text.count("): with Tom") == 0
    assert text.count(": with Tom (") == 7
    assert "18:30 Video call with Tom, 20 minutes; the children start it" in text
    assert "Nights: Siân 24, Tom 4" in text


def test_court_stop_date_and_review_dates_appear_as_events() -> None:
    cal = coparent.calendar(
        PLAN,
        date(2027, 1, 1),
        date(2027, 4, 1),
        referral=coparent.Referral.example(),
        reviews=[coparent.Review.example()],
    )
    assert [(e.kind, e.on) for e in cal.events if e.at is None] == [
        (coparent.scheduling.EventKind.NEXT_REVIEW, date(2027, 1, 6)),
        (coparent.scheduling.EventKind.PLAN_REVIEW, date(2027, 3, 1)),
        (coparent.scheduling.EventKind.COURT_STOP_DATE, date(2027, 3, 6)),
    ]
    other = attrs.evolve(coparent.Review.example(), plan_id=coparent.model.new_uuid())
    with pytest.raises(coparent.ValidationError, match="/reviews/0/plan_id"):
        coparent.calendar(PLAN, date(2027, 1, 1), date(2027, 4, 1), reviews=[other])
    grid = coparent.month_grid(cal, 2027, 3)
    stop = next(d for w in grid.weeks for d in w if d.on == date(2027, 3, 6))
    assert stop.events[0] == coparent.scheduling.EventKind.COURT_STOP_DATE.label
    # Tom has the children (his rota from March), so Siân's Saturday call is in the grid.
    assert stop.events[1].startswith("18:00 Phone call with Siân")


def test_bad_ranges_and_time_zones_are_validation_errors() -> None:
    with pytest.raises(coparent.ValidationError, match="/end"):
        coparent.calendar(PLAN, date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(coparent.ValidationError, match="IANA"):
        coparent.calendar(PLAN, date(2026, 1, 1), date(2026, 2, 1), timezone="Mars/Olympus")
    with pytest.raises(TypeError):
        coparent.calendar(PLAN, datetime(2026, 1, 1, tzinfo=UTC), date(2026, 2, 1))


def test_only_consecutive_ranges_of_one_plan_join() -> None:
    first = coparent.calendar(PLAN, date(2026, 11, 2), date(2026, 11, 9))
    with pytest.raises(coparent.ValidationError, match="/start"):
        first.then(coparent.calendar(PLAN, date(2026, 11, 10), date(2026, 11, 12)))
    with pytest.raises(coparent.ValidationError, match="same plan"):
        first.then(coparent.calendar(SIMPLE, date(2026, 11, 9), date(2026, 11, 12), timezone="UTC"))


def test_another_time_zone_keeps_wall_clock_times() -> None:
    cal = coparent.calendar(
        SIMPLE, date(2026, 10, 26), date(2026, 11, 2), timezone="America/New_York"
    )
    (weekend,) = [p for p in cal.periods if p.rule_id == "weekend"]
    ny = ZoneInfo("America/New_York")
    assert (weekend.start, weekend.end) == (
        datetime(2026, 10, 30, 17, tzinfo=ny),
        datetime(2026, 11, 1, 17, tzinfo=ny),
    )
    assert weekend.duration == timedelta(hours=49)  # New York changes on 1 November.


def test_month_grid_text_and_html_use_initials_and_escape_names() -> None:
    grid = coparent.month_grid(PLAN, 2026, 11)
    assert grid.title == "November 2026"
    assert len(grid.weeks) == 6
    assert all(len(w) == 7 for w in grid.weeks)
    friday = next(d for w in grid.weeks for d in w if d.on == date(2026, 11, 6))
    assert (friday.parents, friday.marks) == ((ParentRef.A, ParentRef.B), "S→T")
    wednesday = next(d for w in grid.weeks for d in w if d.on == date(2026, 11, 4))
    assert wednesday.marks == "S→T→S"
    assert "S = Siân, T = Tom" in str(grid)
    assert " 6 S→T" in str(grid)
    evil = attrs.evolve(PLAN, parent_b=attrs.evolve(PLAN.parent_b, preferred_name="<b>Tom</b>"))
    page = coparent.month_grid(evil, 2026, 11)._repr_html_()
    assert "<b>Tom</b>" not in page
    assert "&lt;b&gt;Tom&lt;/b&gt;" in page
    assert "S→&lt;" in page  # The marks, not the colour, carry who it is.


def test_same_initials_fall_back_to_two_letters() -> None:
    plan = attrs.evolve(PLAN, parent_b=attrs.evolve(PLAN.parent_b, preferred_name="Sam"))
    cal = coparent.calendar(plan, date(2026, 11, 2), date(2026, 11, 3))
    assert cal.initials == ("SI", "SA")


def test_the_example_ics_reads_back_with_stable_uids(tmp_path: Path) -> None:
    start, end = date(2026, 11, 23), date(2027, 2, 23)
    cal = coparent.calendar(PLAN, start, end, referral=coparent.Referral.example(),
                            reviews=[coparent.Review.example()])  # fmt: skip
    data = coparent.to_ics(cal)
    assert data == coparent.to_ics(cal)  # DTSTAMP is the plan's updated_at: same bytes.
    parsed = icalendar.Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/London"]
    events = parsed.walk("VEVENT")
    rule_periods = [p for p in cal.periods if p.source is not PeriodSource.RESIDENCE]
    assert len(events) == len(rule_periods) + len(cal.events)
    by_uid = {str(e["UID"]): e for e in events}
    for p in rule_periods:
        event = by_uid[p.uid]
        assert event.decoded("DTSTART") == p.start
        assert event.decoded("DTEND") == p.end
        assert str(event["SUMMARY"]).startswith("With ")
    review = next(e for e in cal.events if e.kind is coparent.scheduling.EventKind.NEXT_REVIEW)
    assert by_uid[review.uid].decoded("DTSTART") == date(2027, 1, 6)
    call = next(e for e in cal.events if e.at is not None)
    assert by_uid[call.uid].decoded("DTSTART") == call.at
    assert by_uid[call.uid].decoded("DTEND") - call.at == timedelta(minutes=20)
    # A later window gives the same UIDs for the periods both windows hold whole.
    later = coparent.calendar(PLAN, date(2026, 12, 7), end)
    later_uids = {p.uid for p in later.periods if p.source is not PeriodSource.RESIDENCE}
    assert later_uids <= set(by_uid)
    assert len(later_uids) > 10


def test_the_calendar_command_prints_and_writes_an_ics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_file = coparent.dump(PLAN, tmp_path / "plan.json")
    referral_file = coparent.dump(coparent.Referral.example(), tmp_path / "referral.json")
    out = tmp_path / "plan.ics"
    code = main(["calendar", str(plan_file), "--from", "2027-03-01", "--to", "2027-03-08",
                 "--ics", str(out), "--referral", str(referral_file)])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr().out
    assert "Saturday 6 March 2027: Contact at the centre ends" in printed
    assert "Nights: Siân" in printed
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert main(["calendar", str(plan_file), "--from", "2027-03-08", "--to", "2027-03-01"]) == 1
    with pytest.raises(SystemExit):
        main(["calendar", str(plan_file), "--from", "2027-3-1", "--to", "2027-03-08"])
    assert main(["calendar", str(referral_file), "--from", "2027-03-01", "--to", "2027-03-08"]) == 1


def test_the_demo_writes_the_next_three_months(tmp_path: Path) -> None:
    from coparent.demo import run_demo

    written = {p.name for p in run_demo(tmp_path)}
    assert {"calendar.ics", "calendar.txt", "calendar.html"} <= written
    parsed = icalendar.Calendar.from_ical((tmp_path / "calendar.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in parsed.walk("VEVENT")]
    assert "With Tom: Christmas holidays, second half" in summaries
    assert coparent.scheduling.EventKind.NEXT_REVIEW.label in summaries
    text = (tmp_path / "calendar.txt").read_text(encoding="utf-8")
    assert "December 2026" in text
    assert "S = Siân, T = Tom" in text
    page = (tmp_path / "calendar.html").read_text(encoding="utf-8")
    assert page.count('<table class="coparent-month"') == 3
