"""The time the children spend with each parent, as data: the weekly pattern, handovers,
school holidays, special days and one-off changes. Turning this into dates is ``calendar.py``'s job.
"""

from __future__ import annotations

from datetime import date, time
from typing import ClassVar

import attrs

from ._base import (
    Choice,
    Displayable,
    FieldRuleError,
    ParentRef,
    Weekday,
    id_field,
    int_field,
    meta,
    unique_ids,
    unique_items,
    wall_time,
)

__all__ = [
    "Allocation",
    "Handover",
    "HandoverPlace",
    "Holiday",
    "HolidayKind",
    "OneOffArrangement",
    "PatternName",
    "SpecialDay",
    "SpecialDayKind",
    "WeeklySchedule",
    "WeeklySlot",
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
    SPLIT = "split", "Split in half, swapping halves each year"
    BY_AGREEMENT = "by_agreement", "Agreed nearer the time"


class HolidayKind(Choice):
    """School holidays."""

    SUMMER = "summer", "Summer holidays"
    CHRISTMAS = "christmas", "Christmas holidays"
    EASTER = "easter", "Easter holidays"
    HALF_TERM = "half_term", "Half term"
    OTHER = "other", "Other school holiday"


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
    handover_id: str = attrs.field(
        default="",
        metadata=meta(
            "Handover",
            "The id of the handover arrangement used, if any.",
            format="reference",
            refers_to="Handover",
        ),
    )
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything else about this time, such as who drives.")
    )

    def __attrs_post_init__(self) -> None:
        if self.week_offset >= self.every_n_weeks:
            raise FieldRuleError(
                "week_offset", f"must be less than every_n_weeks ({self.every_n_weeks})"
            )


@attrs.frozen(kw_only=True, repr=False)
class WeeklySchedule(Displayable):
    """The regular pattern of time with each parent."""

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
    notes: str = attrs.field(
        default="",
        metadata=meta("Notes", "Anything else about the weekly pattern.", long_text=True),
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
            "Exactly where: the address or a landmark.",
            examples=("Outside the library on High Street",),
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
class Holiday(Displayable):
    """A school holiday and how it is shared.

    With ``ALTERNATE_YEARS`` the ``even_years_parent`` has the whole holiday in even-numbered
    years and the other parent in odd-numbered years; with ``SPLIT`` the ``even_years_parent``
    has the first half in even years and the second half in odd years.
    """

    id: str = id_field()
    name: str = attrs.field(
        metadata=meta(
            "Name",
            "What the parents call this holiday, with the year.",
            examples=("Summer holidays 2027",),
            names_item=True,
        )
    )
    kind: HolidayKind = attrs.field(
        default=HolidayKind.OTHER, metadata=meta("Kind of holiday", "Which school holiday this is.")
    )
    start: date = attrs.field(metadata=meta("First day", "The first day of the holiday."))
    end: date = attrs.field(metadata=meta("Last day", "The last day of the holiday."))
    allocation: Allocation = attrs.field(
        metadata=meta("Who has the children", "Who the children spend this holiday with.")
    )
    even_years_parent: ParentRef = attrs.field(
        default=ParentRef.A,
        metadata=meta(
            "Even years",
            "For alternating or split holidays: who has it (or its first half) in even years.",
        ),
    )
    notes: str = attrs.field(
        default="",
        metadata=meta("Notes", "Anything else about this holiday, such as travel plans."),
    )

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise FieldRuleError("end", "must not be before the first day (start)")


@attrs.frozen(kw_only=True, repr=False)
class SpecialDay(Displayable):
    """A day that matters, such as a birthday or a festival, and who the children spend it with.

    A day that falls on the same date each year gives ``month`` and ``day``; a festival whose
    date moves (Eid, Diwali, Easter) lists its ``dates``.
    """

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
        metadata=meta("Even years", "For alternating days: who has it in even-numbered years."),
    )
    notes: str = attrs.field(default="", metadata=meta("Notes", "Anything else about this day."))

    def __attrs_post_init__(self) -> None:
        if (self.month is None) != (self.day is None):
            raise FieldRuleError("day", "month and day must be given together")
        if self.month is not None and self.day is not None:
            try:
                date(2000, self.month, self.day)  # 2000 is a leap year: 29 February is fine.
            except ValueError:
                raise FieldRuleError("day", f"month {self.month} has no day {self.day}") from None


@attrs.frozen(kw_only=True, repr=False)
class OneOffArrangement(Displayable):
    """A one-off change to the usual pattern, such as a family wedding."""

    ITEM_NAME: ClassVar[str] = "{start_date} {start_time} – {end_date} {end_time}"

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
            raise FieldRuleError("end_date", "the end must be after the start")
