"""The time the children spend with each parent, as data: the weekly pattern, handovers,
school holidays, special days and one-off changes. Turning this into dates is ``calendar.py``'s job.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Mapping
from datetime import date, time
from typing import Any, ClassVar

import attrs

from ..i18n import N_, P_
from ._base import (
    Choice,
    Displayable,
    FieldRuleError,
    ParentRef,
    Visibility,
    Weekday,
    id_field,
    int_field,
    meta,
    unique_ids,
    unique_items,
    wall_time,
)
from .people import ContactMethod

__all__ = [
    "Allocation",
    "CycleSlot",
    "DateRule",
    "Handover",
    "HandoverPlace",
    "Holiday",
    "HolidayKind",
    "HolidayRecurrence",
    "OneOffArrangement",
    "PatternName",
    "RemoteContact",
    "RemoteInitiator",
    "SchedulePhase",
    "SchoolBreak",
    "SchoolYear",
    "SpecialDay",
    "SpecialDayKind",
    "WeeklySchedule",
    "WeeklySlot",
    "valid_timezone",
]


class PatternName(Choice):
    """The common names for a regular pattern of care."""

    ALTERNATE_WEEKENDS = "alternate_weekends", "Alternate weekends"
    ALTERNATE_WEEKENDS_MIDWEEK = (
        "alternate_weekends_midweek",
        "Alternate weekends and a midweek visit",
    )
    WEEK_ON_WEEK_OFF = "week_on_week_off", "Week on, week off"
    TWO_TWO_THREE = "two_two_three", "2-2-3"
    TWO_TWO_FIVE_FIVE = "two_two_five_five", "2-2-5-5"
    DAYTIME_ONLY = "daytime_only", "Daytime visits only"
    CUSTOM = "custom", "Our own pattern"


class HandoverPlace(Choice):
    """Where the children pass from one parent to the other."""

    HOME = "home", "At a parent's home"
    SCHOOL = "school", "At school or nursery"
    CONTACT_CENTRE = "contact_centre", "At a contact centre"
    PUBLIC_PLACE = "public_place", "At a public place"
    RELATIVE = "relative", "At a relative's home"
    OTHER = "other", "Somewhere else"


class Allocation(Choice):
    """Who has the children for a holiday or special day."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    ALTERNATE_YEARS = "alternate_years", "Alternate years (odd and even)"
    ALTERNATE = "alternate", "Taking turns, one time each"
    SPLIT = "split", "Split in half, swapping halves each year"
    BY_AGREEMENT = "by_agreement", "Agreed nearer the time"


class HolidayKind(Choice):
    """School holidays."""

    SUMMER = "summer", "Summer holidays"
    CHRISTMAS = "christmas", "Christmas holidays"
    EASTER = "easter", "Easter holidays"
    HALF_TERM = "half_term", "Half term"
    AUTUMN_HALF_TERM = "autumn_half_term", "Autumn half term (October)"
    SPRING_HALF_TERM = "spring_half_term", "Spring half term (February)"
    SUMMER_HALF_TERM = "summer_half_term", "Summer half term (May)"
    OTHER = "other", "Other school holiday"


class HolidayRecurrence(Choice):
    """Which years a school holiday rule covers, and where its dates come from."""

    ONCE = "once", "Once, on the dates given"
    EVERY_YEAR = "every_year", "Every year, on the same days of the year"
    TERM_DATES = "term_dates", "Every school year, from the school's term dates"


class DateRule(Choice):
    """How the date of a special day is found each year.

    The computed rules need no typing in: Easter and the days keyed to it (Western church),
    Mothering Sunday (UK, three weeks before Easter), Father's Day (third Sunday of June),
    UK bank holidays and the festivals of other calendars, from the ``holidays`` package.
    Festivals that depend on the moon being seen (Eid) are the expected dates: list the date
    your community keeps in ``dates`` and it replaces the computed one for that year.
    """

    GIVEN = "given", "On the date given (same day each year, or the dates listed)"
    EASTER_SUNDAY = "easter_sunday", "Easter Sunday"
    GOOD_FRIDAY = "good_friday", "Good Friday"
    EASTER_MONDAY = "easter_monday", "Easter Monday"
    MOTHERING_SUNDAY = "mothering_sunday", "Mothering Sunday (UK, three weeks before Easter)"
    FATHERS_DAY = "fathers_day", "Father's Day (third Sunday of June)"
    BANK_HOLIDAYS_ENGLAND_WALES = (
        "bank_holidays_england_wales",
        "Every bank holiday in England and Wales",
    )
    BANK_HOLIDAYS_SCOTLAND = "bank_holidays_scotland", "Every bank holiday in Scotland"
    BANK_HOLIDAYS_NORTHERN_IRELAND = (
        "bank_holidays_northern_ireland",
        "Every bank holiday in Northern Ireland",
    )
    EID_AL_FITR = "eid_al_fitr", "Eid al-Fitr (expected date)"
    EID_AL_ADHA = "eid_al_adha", "Eid al-Adha (expected date)"
    DIWALI = "diwali", "Diwali"
    VAISAKHI = "vaisakhi", "Vaisakhi"
    LUNAR_NEW_YEAR = "lunar_new_year", "Lunar New Year"
    HANUKKAH = "hanukkah", "Hanukkah (first day)"


class RemoteInitiator(Choice):
    """Who starts a call or writes first."""

    CHILDREN = "children", "The children"
    PARENT_WITH_CHILDREN = "parent_with_children", "The parent the children are with"
    OTHER_PARENT = "other_parent", "The parent the children are not with"


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _packaged_zone_names() -> frozenset[str]:
    """The zones the tzdata package lists, read from its one list file: a subset of
    ``zoneinfo.available_timezones()``, which reads the same list and then walks the system's
    zone folders (about 600 paths: 5 to 10 ms in a new process)."""
    import importlib.util  # not importlib.resources: it loads tempfile and shutil (5 ms)
    from pathlib import Path

    spec = importlib.util.find_spec("tzdata")
    if spec is None or spec.origin is None:
        return frozenset()
    try:
        with Path(spec.origin).with_name("zones").open("r") as f:
            names = {zone.strip() for zone in f}
    except OSError:
        return frozenset()  # a zipped install: the full walk answers
    return frozenset(names - {"", "posixrules"})  # as available_timezones() leaves them out


def _is_zone_name(value: str) -> bool:
    """Whether ``value`` is in ``zoneinfo.available_timezones()``: looked up in the tzdata list
    first, so the usual valid name costs no walk over the system's zone folders."""
    return value in _packaged_zone_names() or value in _zone_names()


def valid_timezone(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: an IANA time zone name such as ``Europe/London`` (not a folder)."""
    if not _is_zone_name(value):
        raise FieldRuleError(
            attribute.name,
            P_("{value} is not a time zone name; use an IANA name such as 'Europe/London'").format(
                value=repr(value)
            ),
        )


def _handover(title: str, description: str) -> Any:
    return attrs.field(
        default="",
        metadata=meta(title, description, format="reference", refers_to="Handover"),
    )


def _pickup() -> Any:
    return _handover(
        "Pick-up handover",
        "The id of the handover at the start: where, who brings and who collects the children.",
    )


def _return() -> Any:
    return _handover(
        "Return handover",
        "The id of the handover at the end, if it differs from the pick-up.",
    )


class SpecialDayKind(Choice):
    """Days that matter to the family."""

    CHILD_BIRTHDAY = "child_birthday", "A child's birthday"
    PARENT_BIRTHDAY = "parent_birthday", "A parent's birthday"
    MOTHERS_DAY = "mothers_day", "Mother's Day"
    FATHERS_DAY = "fathers_day", "Father's Day"
    CHRISTMAS_DAY = "christmas_day", "Christmas Day"
    BOXING_DAY = "boxing_day", "Boxing Day"
    NEW_YEAR = "new_year", "New Year"
    EASTER_SUNDAY = "easter_sunday", "Easter Sunday"
    EID_AL_FITR = "eid_al_fitr", "Eid al-Fitr"
    EID_AL_ADHA = "eid_al_adha", "Eid al-Adha"
    DIWALI = "diwali", "Diwali"
    HANUKKAH = "hanukkah", "Hanukkah"
    VAISAKHI = "vaisakhi", "Vaisakhi"
    LUNAR_NEW_YEAR = "lunar_new_year", "Lunar New Year"
    OTHER_FESTIVAL = "other_festival", "Another religious or cultural festival"
    OTHER = "other", "Another special day"


@attrs.frozen(kw_only=True, repr=False)
class WeeklySlot(Displayable):
    """A regular time with one parent: from a weekday and time to a weekday and time.

    ``every_n_weeks`` and ``week_offset`` make alternating patterns: a slot with
    ``every_n_weeks=2, week_offset=1`` happens in the second week of each fortnight, counted
    from the schedule's ``starts_on`` week.
    """

    ITEM_NAME: ClassVar[str] = "{start_day} {start_time} – {end_day} {end_time}"
    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {"week_offset": "week_offset is less than every_n_weeks"}

    id: str = id_field()
    parent: ParentRef = attrs.field(metadata=meta("With", "Who the children are with."))
    start_day: Weekday = attrs.field(metadata=meta("From (day)", "The day this time starts."))
    start_time: time = attrs.field(
        validator=wall_time,
        metadata=meta("From (time)", "The time it starts, on the 24-hour clock."),
    )
    end_day: Weekday = attrs.field(metadata=meta("Until (day)", "The day this time ends."))
    end_time: time = attrs.field(
        validator=wall_time,
        metadata=meta("Until (time)", "The time it ends, on the 24-hour clock."),
    )
    every_n_weeks: int = int_field(
        "Every how many weeks",
        "1 for every week, 2 for every other week.",
        minimum=1,
        maximum=8,
        default=1,
    )
    week_offset: int = int_field(
        "Which week",
        "0 for the first week of the cycle, 1 for the second, and so on.",
        minimum=0,
        maximum=7,
        default=0,
    )
    pickup_handover_id: str = _pickup()
    return_handover_id: str = _return()
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything else about this time, such as who drives.")
    )

    def __attrs_post_init__(self) -> None:
        if self.week_offset >= self.every_n_weeks:
            raise FieldRuleError(
                "week_offset",
                P_("must be less than every_n_weeks ({weeks})").format(weeks=self.every_n_weeks),
            )


@attrs.frozen(kw_only=True, repr=False)
class CycleSlot(Displayable):
    """A time with one parent in a rota of ``cycle_days`` days (4 on, 4 off; a 14-day 2-2-3).

    Days are counted from 1, the day the pattern starts (``starts_on``); the time runs from
    ``start_day start_time`` to ``end_day end_time`` of the same cycle, or of the next one
    when the end day comes before the start day (or is the same day at an earlier time).
    """

    ITEM_NAME: ClassVar[str] = "day {start_day} {start_time} – day {end_day} {end_time}"

    id: str = id_field()
    parent: ParentRef = attrs.field(metadata=meta("With", "Who the children are with."))
    start_day: int = int_field(
        "From (day of the cycle)", "1 for the first day of the cycle.", minimum=1, maximum=56
    )
    start_time: time = attrs.field(
        validator=wall_time,
        metadata=meta("From (time)", "The time it starts, on the 24-hour clock."),
    )
    end_day: int = int_field(
        "Until (day of the cycle)", "The day of the cycle this time ends.", minimum=1, maximum=56
    )
    end_time: time = attrs.field(
        validator=wall_time,
        metadata=meta("Until (time)", "The time it ends, on the 24-hour clock."),
    )
    pickup_handover_id: str = _pickup()
    return_handover_id: str = _return()
    notes: str = attrs.field(default="", metadata=meta("Notes", "Anything else about this time."))


@attrs.frozen(kw_only=True, repr=False)
class WeeklySchedule(Displayable):
    """The regular pattern of time with each parent: weekly slots, or a rota of n days."""

    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {
        "cycle_days": "cycle_days is given when there are rota times (cycle_slots)",
        "starts_on": "starts_on is given when there are rota times: it is day 1 of the cycle",
        "cycle_slots": "rota times use no id of a weekly time (slots) and no day after cycle_days",
    }

    pattern: PatternName = attrs.field(
        default=PatternName.CUSTOM, metadata=meta("Pattern", "The usual name for the pattern.")
    )
    starts_on: date | None = attrs.field(
        default=None,
        metadata=meta(
            "Pattern starts on",
            "The first day of week 1 of the pattern, used to count alternate weeks.",
        ),
    )
    slots: tuple[WeeklySlot, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Regular times", "Each regular time the children spend with a parent."),
    )
    cycle_days: int | None = int_field(
        "Days in the rota",
        "For a pattern that is not weekly (such as 4 days on, 4 days off): how many days "
        "before it repeats, counted from the day the pattern starts.",
        minimum=2,
        maximum=56,
        default=None,
        unit="days",
    )
    cycle_slots: tuple[CycleSlot, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Rota times", "Each time with a parent in the rota, by day of the cycle."),
    )
    ends_at_stop_date: bool = attrs.field(
        default=False,
        metadata=meta(
            "Ends at the court's stop date",
            "The pattern stops on the stop date of the court order in the referral (such as "
            "sessions at a contact centre).",
        ),
    )
    notes: str = attrs.field(
        default="",
        metadata=meta("Notes", "Anything else about the weekly pattern.", long_text=True),
    )

    def __attrs_post_init__(self) -> None:
        if self.cycle_slots and self.cycle_days is None:
            raise FieldRuleError("cycle_days", N_("is needed for rota times"))
        if self.cycle_slots and self.starts_on is None:
            raise FieldRuleError("starts_on", N_("is needed for a rota: day 1 of the cycle"))
        shared = {s.id for s in self.slots} & {s.id for s in self.cycle_slots}
        if shared:
            raise FieldRuleError(
                "cycle_slots",
                P_("uses the id {id} of a weekly time: use another").format(id=repr(min(shared))),
            )
        for slot in self.cycle_slots:
            if self.cycle_days is not None and max(slot.start_day, slot.end_day) > self.cycle_days:
                raise FieldRuleError(
                    "cycle_slots",
                    P_("{id} uses a day after day {day}").format(
                        id=repr(slot.id), day=self.cycle_days
                    ),
                )


@attrs.frozen(kw_only=True, repr=False)
class SchedulePhase(Displayable):
    """A pattern that takes over from a date: "from March, alternate weekends".

    A phase starts on ``starts_on``, or, without it, on the target date of the transition step
    it belongs to; it runs until the next phase starts. Before the first phase, the plan's own
    ``schedule`` applies.
    """

    id: str = id_field()
    name: str = attrs.field(
        metadata=meta(
            "Name",
            "What the parents call this stage.",
            examples=("Alternate weekends from March",),
            names_item=True,
        )
    )
    starts_on: date | None = attrs.field(
        default=None,
        metadata=meta(
            "Starts on", "The first day of this pattern; without it, the step's target date."
        ),
    )
    transition_step_id: str = attrs.field(
        default="",
        metadata=meta(
            "Transition step",
            "The id of the short-term step this pattern belongs to.",
            format="reference",
            refers_to="TransitionStep",
        ),
    )
    schedule: WeeklySchedule = attrs.field(
        factory=WeeklySchedule,
        metadata=meta("Pattern", "The regular pattern in this stage."),
    )


@attrs.frozen(kw_only=True, repr=False)
class Handover(Displayable):
    """How the children pass from one parent to the other."""

    ITEM_NAME: ClassVar[str] = "{place}: {place_details}"

    id: str = id_field()
    place: HandoverPlace = attrs.field(
        metadata=meta("Where", "The kind of place where the handover happens.")
    )
    place_details: str = attrs.field(
        default="",
        metadata=meta(
            "Place details",
            "Exactly where: the address or a landmark. Withheld from the other parent while "
            "anyone's details are confidential.",
            examples=("Outside the library on High Street",),
            visibility=Visibility.LOCATING,
        ),
    )
    when: str = attrs.field(
        default="",
        metadata=meta(
            "When", "When the handover happens.", examples=("Fridays at the end of school",)
        ),
    )
    brings: str = attrs.field(
        default="",
        metadata=meta("Who brings the children", "Who brings the children to the handover."),
    )
    collects: str = attrs.field(
        default="",
        metadata=meta("Who collects the children", "Who collects the children at the handover."),
    )
    items_to_bring: str = attrs.field(
        default="",
        metadata=meta(
            "What travels with the children",
            "What goes with the children: bags, medicine, school things.",
            examples=("School bag, inhaler",),
        ),
    )
    conditions: str = attrs.field(
        default="",
        metadata=meta(
            "Conditions",
            "For example: the parents do not meet; a grandparent does the handover.",
            long_text=True,
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class SchoolBreak(Displayable):
    """One school holiday in one school year, as the school or council publishes it."""

    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {"last_day": "last_day is not before first_day"}

    id: str = id_field()
    kind: HolidayKind = attrs.field(metadata=meta("Which holiday", "Which school holiday this is."))
    name: str = attrs.field(
        default="",
        metadata=meta(
            "Name",
            "The holiday's name, needed to tell apart two holidays of the kind 'Other'.",
            examples=("Teacher training day",),
            names_item=True,
        ),
    )
    first_day: date = attrs.field(metadata=meta("First day", "The first weekday with no school."))
    last_day: date = attrs.field(metadata=meta("Last day", "The last weekday with no school."))

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise FieldRuleError("last_day", N_("must not be before the first day"))


@attrs.frozen(kw_only=True, repr=False)
class SchoolYear(Displayable):
    """The term dates of one school year: entered once, used by every holiday rule."""

    id: str = id_field()
    name: str = attrs.field(
        metadata=meta(
            "School year", "Which school year.", examples=("2026 to 2027",), names_item=True
        )
    )
    source: str = attrs.field(
        default="",
        metadata=meta(
            "Whose term dates",
            "Where the dates come from, such as the council's published term dates.",
            examples=("Cardiff Council term dates",),
        ),
    )
    breaks: tuple[SchoolBreak, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Holidays", "Each school holiday in this year.", ordered=True),
    )


@attrs.frozen(kw_only=True, repr=False)
class Holiday(Displayable):
    """A school holiday and how it is shared: once, every year, or from the term dates.

    ``recurs`` says which years: ``ONCE`` on ``start`` to ``end``; ``EVERY_YEAR`` on the same
    days each year from ``start``'s year; ``TERM_DATES`` on every school holiday of the same
    ``kind`` (and, for ``OTHER``, the same name) in the plan's term dates. With
    ``ALTERNATE_YEARS`` the ``even_years_parent`` has the whole holiday in even-numbered years
    (by the year it starts); with ``ALTERNATE`` the parents take turns, ``even_years_parent``
    first; with ``SPLIT`` the ``even_years_parent`` has the first half in even years. The
    holiday runs from ``start_time`` (midnight if not given) on the first day to ``end_time``
    (midnight at the end if not given) on the last.
    """

    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {
        "start": "start is given, unless recurs is term_dates, when it is empty",
        "end": "end is given and not before start, unless recurs is term_dates, when it is empty",
        "split_day": "split_day is only for a split holiday (allocation split)",
        "split_time": "split_time is only for a split holiday (allocation split)",
    }

    id: str = id_field()
    name: str = attrs.field(
        metadata=meta(
            "Name",
            "What the parents call this holiday.",
            examples=("Summer holidays",),
            names_item=True,
        )
    )
    kind: HolidayKind = attrs.field(
        default=HolidayKind.OTHER, metadata=meta("Kind of holiday", "Which school holiday this is.")
    )
    recurs: HolidayRecurrence = attrs.field(
        default=HolidayRecurrence.ONCE,
        metadata=meta("Which years", "Once, every year on the same days, or from term dates."),
    )
    start: date | None = attrs.field(
        default=None,
        metadata=meta("First day", "The first day of the holiday (not needed with term dates)."),
    )
    end: date | None = attrs.field(
        default=None,
        metadata=meta("Last day", "The last day of the holiday (not needed with term dates)."),
    )
    start_days_before: int = int_field(
        "Starts days before",
        "How many days before the first day of the holiday the time starts (3 for the "
        "Friday before a Monday).",
        minimum=0,
        maximum=14,
        default=0,
        unit="days",
    )
    end_days_after: int = int_field(
        "Ends days after",
        "How many days after the last day the time ends (2 for the Sunday after a Friday).",
        minimum=0,
        maximum=14,
        default=0,
        unit="days",
    )
    start_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta(
            "Handover at the start", "The time the holiday starts; midnight if not given."
        ),
    )
    end_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta(
            "Handover at the end", "The time the holiday ends; midnight at the end if not given."
        ),
    )
    allocation: Allocation = attrs.field(
        metadata=meta("Who has the children", "Who the children spend this holiday with.")
    )
    even_years_parent: ParentRef = attrs.field(
        default=ParentRef.A,
        metadata=meta(
            "Even years",
            "For alternating or split holidays: who has it (or its first half) in even years, "
            "or, taking turns, the first time.",
        ),
    )
    split_day: int | None = int_field(
        "Swap on day",
        "For a split holiday: the day of the holiday the halves swap on (1 for its first "
        "day); the middle day if not given.",
        minimum=1,
        maximum=120,
        default=None,
    )
    split_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta(
            "Swap at",
            "For a split holiday: the time the halves swap; with neither this nor the day, "
            "exactly half way.",
        ),
    )
    pickup_handover_id: str = _pickup()
    return_handover_id: str = _return()
    notes: str = attrs.field(
        default="",
        metadata=meta("Notes", "Anything else about this holiday, such as travel plans."),
    )

    def __attrs_post_init__(self) -> None:
        dated = self.recurs is not HolidayRecurrence.TERM_DATES
        if dated and self.start is None:
            raise FieldRuleError("start", N_("is needed unless the dates come from term dates"))
        if dated and self.end is None:
            raise FieldRuleError("end", N_("is needed unless the dates come from term dates"))
        if not dated and self.start is not None:
            raise FieldRuleError("start", N_("must be empty: the dates come from the term dates"))
        if not dated and self.end is not None:
            raise FieldRuleError("end", N_("must be empty: the dates come from the term dates"))
        if self.start is not None and self.end is not None and self.end < self.start:
            raise FieldRuleError("end", N_("must not be before the first day (start)"))
        split = self.allocation is Allocation.SPLIT
        if not split and self.split_day is not None:
            raise FieldRuleError("split_day", N_("is only for a split holiday"))
        if not split and self.split_time is not None:
            raise FieldRuleError("split_time", N_("is only for a split holiday"))


@attrs.frozen(kw_only=True, repr=False)
class SpecialDay(Displayable):
    """A day that matters, such as a birthday or a festival, and who the children spend it with.

    A day that falls on the same date each year gives ``month`` and ``day``; a day whose date
    moves is computed by its ``date_rule`` (Easter, Mothering Sunday, Father's Day, Eid,
    Diwali, bank holidays...) or lists its ``dates``. With a computed rule, a date listed in
    ``dates`` replaces the computed one in its year (the day a community keeps Eid).
    """

    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {
        "month": "month is only for a day on the same date every year (date_rule given)",
        "split_time": "split_time is only for a split day (allocation split)",
        "day": "month and day are given together and make a real date",
    }

    id: str = id_field()
    name: str = attrs.field(
        metadata=meta(
            "Name",
            "What the family calls this day.",
            examples=("Mia's birthday",),
            names_item=True,
        )
    )
    kind: SpecialDayKind = attrs.field(
        default=SpecialDayKind.OTHER, metadata=meta("Kind of day", "What kind of day this is.")
    )
    date_rule: DateRule = attrs.field(
        default=DateRule.GIVEN,
        metadata=meta("How the date is found", "A date given, or computed each year."),
    )
    month: int | None = int_field(
        "Month",
        "For a day on the same date every year: the month (1 to 12).",
        minimum=1,
        maximum=12,
        default=None,
    )
    day: int | None = int_field(
        "Day of the month",
        "For a day on the same date every year: the day (1 to 31).",
        minimum=1,
        maximum=31,
        default=None,
    )
    dates: tuple[date, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Dates", "For a day whose date moves from year to year: each date."),
    )
    start_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta(
            "From (time)", "When the children go to this parent on the day, if not all day."
        ),
    )
    end_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta("Until (time)", "When the children come back, if not all day."),
    )
    allocation: Allocation = attrs.field(
        metadata=meta("Who has the children", "Who the children spend the day with.")
    )
    even_years_parent: ParentRef = attrs.field(
        default=ParentRef.A,
        metadata=meta(
            "Even years",
            "For alternating or split days: who has it (or its first part) in even-numbered "
            "years, or, taking turns, the first time.",
        ),
    )
    split_time: time | None = attrs.field(
        default=None,
        validator=wall_time,
        metadata=meta(
            "Swap at",
            "For a split day: the time the children go to the other parent (such as 12:00 on "
            "Christmas Day); half way if not given.",
        ),
    )
    pickup_handover_id: str = _pickup()
    return_handover_id: str = _return()
    notes: str = attrs.field(default="", metadata=meta("Notes", "Anything else about this day."))

    def __attrs_post_init__(self) -> None:
        if self.date_rule is not DateRule.GIVEN and self.month is not None:
            raise FieldRuleError("month", N_("is only for a day on the same date every year"))
        if self.split_time is not None and self.allocation is not Allocation.SPLIT:
            raise FieldRuleError("split_time", N_("is only for a split day"))
        if (self.month is None) != (self.day is None):
            raise FieldRuleError("day", N_("month and day must be given together"))
        if self.month is not None and self.day is not None:
            try:
                date(2000, self.month, self.day)  # 2000 is a leap year: 29 February is fine.
            except ValueError:
                raise FieldRuleError(
                    "day",
                    P_("month {month} has no day {day}").format(month=self.month, day=self.day),
                ) from None


@attrs.frozen(kw_only=True, repr=False)
class OneOffArrangement(Displayable):
    """A one-off change to the usual pattern, such as a family wedding."""

    ITEM_NAME: ClassVar[str] = "{start_date} {start_time} – {end_date} {end_time}"
    #: Rules between fields (checked in ``__attrs_post_init__``; JSON Schema cannot say them).
    RULES: ClassVar[Mapping[str, str]] = {"end_date": "the end is after the start"}

    id: str = id_field()
    parent: ParentRef = attrs.field(
        metadata=meta("With", "Who the children are with for this one-off change.")
    )
    start_date: date = attrs.field(metadata=meta("From (date)", "The day the change starts."))
    start_time: time = attrs.field(
        validator=wall_time, metadata=meta("From (time)", "The time the change starts.")
    )
    end_date: date = attrs.field(metadata=meta("Until (date)", "The day the change ends."))
    end_time: time = attrs.field(
        validator=wall_time, metadata=meta("Until (time)", "The time the change ends.")
    )
    reason: str = attrs.field(default="", metadata=meta("Reason", "Why the usual pattern changes."))

    def __attrs_post_init__(self) -> None:
        if (self.end_date, self.end_time) <= (self.start_date, self.start_time):
            raise FieldRuleError("end_date", N_("the end must be after the start"))


@attrs.frozen(kw_only=True, repr=False)
class RemoteContact(Displayable):
    """A regular call, video call or letter with the parent the children are not with."""

    #: Rules checked in ``__attrs_post_init__`` (JSON Schema as generated does not say them).
    RULES: ClassVar[Mapping[str, str]] = {"days": "at least one day is named"}

    ITEM_NAME: ClassVar[str] = "{method} {start_time}"

    id: str = id_field()
    method: ContactMethod = attrs.field(
        metadata=meta("How", "Phone, video call, letter or another way.")
    )
    with_parent: ParentRef = attrs.field(
        metadata=meta("With", "The parent the children keep in touch with.")
    )
    days: tuple[Weekday, ...] = attrs.field(
        validator=unique_items,
        metadata=meta("Days", "The days of the week it happens on."),
    )
    start_time: time = attrs.field(
        validator=wall_time, metadata=meta("Time", "When it starts, on the 24-hour clock.")
    )
    minutes: int | None = int_field(
        "How long",
        "How many minutes it lasts.",
        minimum=1,
        maximum=240,
        default=None,
        unit="minutes",
    )
    initiates: RemoteInitiator = attrs.field(
        default=RemoteInitiator.CHILDREN,
        metadata=meta("Who calls", "Who calls, starts the video call or writes."),
    )
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything else, such as which app or phone number.")
    )

    def __attrs_post_init__(self) -> None:
        if not self.days:
            raise FieldRuleError("days", N_("must name at least one day"))
