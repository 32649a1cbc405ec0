"""The case record a contact centre and a court keep: services, arrangements, sessions, orders.

Sources (see the "Case record" section of docs/model.md): the NACCC services and the pre-visit
[S7], [S8]; referral fees, availability and both parties' signatures [S9]; only named people
attend, contact is reviewed [S10]; supervised contact reports after every session [S14];
programmes [S15]; activity directions, enforcement, reasonable excuse and warning notices [S16];
child arrangements orders and their conditions [S17].

People are referred to by their ``id`` (a parent's, another attendee's or a child's), so a
condition, a session or a review names exactly who was there. A referral checks that every id
it holds points at someone on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, time
from typing import Any, ClassVar, TypeVar

import attrs

from ..errors import FieldRuleError
from ..i18n import N_, P_
from ._base import (
    Choice,
    Displayable,
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

__all__ = [
    "Arrangement",
    "ArrangementCondition",
    "AttendanceMode",
    "Availability",
    "Breach",
    "CancelledBy",
    "Consent",
    "ContactType",
    "Enforcement",
    "Fee",
    "FeePayer",
    "Incident",
    "Lateness",
    "OrderCondition",
    "OrderKind",
    "OrderStage",
    "Parties",
    "ProgrammeAttendance",
    "ProgrammeFormat",
    "ReferralStatus",
    "ReviewAttendee",
    "ReviewEntry",
    "ReviewOutcome",
    "SessionRecord",
    "StatusChange",
    "TopicOfDirection",
]


#: What a reference to a person may point at: a parent, another attendee or a child.
_PEOPLE = "Person,Child"


def _reference(title: str, description: str, **kw: Any) -> Any:
    """A tuple of person ids (a parent's, an attendee's or a child's)."""
    return attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(title, description, format="reference", refers_to=_PEOPLE, **kw),
    )


_T = TypeVar("_T", date, time)


def _not_before(field: str, later: _T | None, earlier: _T | None, what: str) -> None:
    if later is not None and earlier is not None and later < earlier:
        raise FieldRuleError(field, P_("must not be before {what}").format(what=what))


class ContactType(Choice):
    """The services a child contact centre offers [S7], [S8]."""

    SUPPORTED = "supported", "Supported contact"
    SUPERVISED = "supervised", "Supervised contact"
    SUPERVISED_ASSESSMENT = "supervised_assessment", "Supervised contact with an assessment"
    INDIRECT = "indirect", "Indirect contact (letters, cards, gifts through the centre)"
    ESCORTED = "escorted", "Escorted contact in the community"
    VIRTUAL_SUPPORTED = "virtual_supported", "Virtual supported contact (by video)"
    VIRTUAL_SUPERVISED = "virtual_supervised", "Virtual supervised contact (by video)"
    HANDOVER_ONLY = "handover_only", "Handovers only"
    LIFE_STORY = "life_story", "Life story or identity work (the child's history, memory books)"


class ReviewOutcome(Choice):
    """What a review decides."""

    INDEPENDENT = "independent", "Move to independent contact"
    CONTINUE = "continue", "Continue at the centre"
    SUPERVISED_TO_SUPPORTED = "supervised_to_supported", "Move from supervised to supported"
    HANDOVER_ONLY = "handover_only", "Move to handovers only"
    STEP_DOWN = "step_down", "Step down to a less watched service"
    CHANGE_FREQUENCY = "change_frequency", "Change how often contact happens"
    EXTEND = "extend", "Extend contact at the centre"
    SUSPEND = "suspend", "Suspend contact for now"
    BACK_TO_COURT = "back_to_court", "Refer back to the court"
    REFER_ELSEWHERE = "refer_elsewhere", "Refer elsewhere"
    END = "end", "End contact at the centre"


class ReferralStatus(Choice):
    """Where a referral has got to at the centre or programme [S7], [S9]."""

    RECEIVED = "received", "Received"
    WAITING_LIST = "waiting_list", "On the waiting list"
    PRE_VISIT = "pre_visit", "Pre-visit held (the Parenting Plan introduced)"
    ACCEPTED = "accepted", "Accepted"
    ACTIVE = "active", "Contact under way"
    SUSPENDED = "suspended", "Suspended"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class FeePayer(Choice):
    """Who pays the referral fee [S9]."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    SHARED = "shared", "Both parents, shared"
    LEGAL_AID = "legal_aid", "Legal aid"
    REFERRER = "referrer", "The referrer"
    LOCAL_AUTHORITY = "local_authority", "The local authority"
    WAIVED = "waived", "No fee (waived)"


class Parties(Choice):
    """One parent or both."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    BOTH = "both", "Both parents"


class CancelledBy(Choice):
    """Who called a session off."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    CENTRE = "centre", "The centre"
    OTHER = "other", "Someone else"


class AttendanceMode(Choice):
    """How someone took part in a review."""

    TOGETHER = "together", "Together with the other parent"
    SEPARATELY = "separately", "Separately"
    REMOTELY = "remotely", "By phone or video"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


class OrderKind(Choice):
    """Kinds of order a family court makes about children [S16], [S17]."""

    LIVES_WITH = "lives_with", "Child arrangements: lives with"
    SPENDS_TIME_WITH = "spends_time_with", "Child arrangements: spends time with"
    OTHERWISE_HAS_CONTACT = "otherwise_has_contact", "Child arrangements: otherwise has contact"
    PROHIBITED_STEPS = "prohibited_steps", "Prohibited steps order"
    SPECIFIC_ISSUE = "specific_issue", "Specific issue order"
    ACTIVITY_DIRECTION = "activity_direction", "Activity direction"
    ACTIVITY_CONDITION = "activity_condition", "Activity condition"
    ENFORCEMENT = "enforcement", "Enforcement order"
    OTHER = "other", "Another order"


class OrderStage(Choice):
    """Whether an order is for now or the end of the case."""

    INTERIM = "interim", "Interim order"
    FINAL = "final", "Final order"


class TopicOfDirection(Choice):
    """What a condition of an order is about."""

    BEHAVIOUR = "behaviour", "How the parents behave towards each other"
    CONTACT = "contact", "How contact takes place"
    HANDOVERS = "handovers", "How handovers are managed"
    ATTENDANCE = "attendance", "Who may be present"
    OTHER = "other", "Something else"


class Enforcement(Choice):
    """What followed a breach of an order [S16]."""

    NONE = "none", "Nothing yet"
    WARNING_NOTICE = "warning_notice", "Warning notice"
    ENFORCEMENT_APPLICATION = "enforcement_application", "Enforcement application made"
    ENFORCEMENT_ORDER = "enforcement_order", "Enforcement order (unpaid work)"
    COMPENSATION = "compensation", "Compensation for financial loss"
    ACTIVITY_DIRECTION = "activity_direction", "Activity direction (e.g. a programme)"


class ProgrammeFormat(Choice):
    """How a parenting programme is delivered."""

    GROUP_IN_PERSON = "group_in_person", "In a group, in person"
    GROUP_ONLINE = "group_online", "In a group, online"
    ONE_TO_ONE = "one_to_one", "One to one"
    SELF_PACED_ONLINE = "self_paced_online", "Online, at your own pace"


# --- the referral's life -----------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class StatusChange(Displayable):
    """A step in the referral's life: when it reached a status."""

    ITEM_NAME: ClassVar[str] = "{status} ({on})"

    id: str = id_field()
    status: ReferralStatus = attrs.field(metadata=meta("Status", "What happened to the referral."))
    on: date = attrs.field(metadata=meta("Date", "When it happened."))
    notes: str = attrs.field(
        default="",
        metadata=meta(
            "Staff notes",
            "Why, for the centre's staff (for example why a referral was declined).",
            long_text=True,
            visibility=Visibility.STAFF,
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class ArrangementCondition(Displayable):
    """A condition of an arrangement, such as who may attend and from when [S10], [S17]."""

    RULES: ClassVar[Mapping[str, str]] = {
        "until": "until is not before from_date",
    }

    id: str = id_field()
    description: str = attrs.field(
        metadata=meta(
            "Condition",
            "What the condition says.",
            examples=("The maternal grandmother may attend from the third session.",),
            names_item=True,
        )
    )
    people: tuple[str, ...] = _reference(
        "Who it is about", "The people the condition names (for example who may attend)."
    )
    from_date: date | None = attrs.field(
        default=None, metadata=meta("From", "The date it starts, if not straight away.")
    )
    until: date | None = attrs.field(
        default=None, metadata=meta("Until", "The date it ends, if it has one.")
    )

    def __attrs_post_init__(self) -> None:
        _not_before("until", self.until, self.from_date, N_("the date it starts"))


@attrs.frozen(kw_only=True, repr=False)
class Arrangement(Displayable):
    """The contact arrangement in force from a date: service, how often, conditions."""

    ITEM_NAME: ClassVar[str] = "{service} from {effective_from}"

    id: str = id_field()
    effective_from: date = attrs.field(
        metadata=meta("In force from", "The date this arrangement starts.")
    )
    service: ContactType = attrs.field(metadata=meta("Service", "The kind of contact."))
    frequency: str = attrs.field(
        default="",
        metadata=meta("How often", "How often contact happens.", examples=("Every Saturday",)),
    )
    days: tuple[Weekday, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Days", "The days of the week contact happens."),
    )
    session_minutes: int | None = int_field(
        "Length of each session (minutes)",
        "How long each session lasts, in minutes.",
        minimum=1,
        maximum=1440,
        default=None,
        unit="minutes",
    )
    conditions: tuple[ArrangementCondition, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Conditions", "Who may attend and from when, and any other conditions."),
    )
    decided_by: str = attrs.field(
        default="",
        metadata=meta(
            "Decided by",
            "What set this arrangement: the referral, a review or a court order.",
            examples=("Review on 14 November 2026",),
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class Consent(Displayable):
    """A party's signed agreement to the referral [S9]."""

    ITEM_NAME: ClassVar[str] = "{party} ({given_on})"

    id: str = id_field()
    party: ParentRef = attrs.field(metadata=meta("Who consented", "The parent who signed."))
    given_on: date = attrs.field(metadata=meta("Signed on", "The date they signed."))
    how: str = attrs.field(
        default="",
        metadata=meta("How", "How consent was given.", examples=("Signed the referral form",)),
    )


@attrs.frozen(kw_only=True, repr=False)
class Fee(Displayable):
    """The referral fee and who pays it [S9]."""

    amount: int | None = int_field(
        "Fee",
        "The referral fee, in pence.",
        minimum=0,
        maximum=100_000_000,
        default=None,
        unit="pence",
    )
    paid_by: FeePayer = attrs.field(metadata=meta("Paid by", "Who pays the fee."))
    paid_on: date | None = attrs.field(
        default=None, metadata=meta("Paid on", "The date it was paid, once it is.")
    )


@attrs.frozen(kw_only=True, repr=False)
class Availability(Displayable):
    """When someone can come to the centre [S9]."""

    RULES: ClassVar[Mapping[str, str]] = {
        "until_time": "until_time is not before from_time",
    }

    id: str = id_field()
    person: str = attrs.field(
        metadata=meta(
            "Who",
            "The person this is for.",
            format="reference",
            refers_to=_PEOPLE,
            names_item=True,
        )
    )
    days: tuple[Weekday, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Days", "The days they can come."),
    )
    from_time: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("From", "The earliest time they can come.")
    )
    until_time: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Until", "The time they must leave by.")
    )
    notes: str = attrs.field(default="", metadata=meta("Notes", "Anything else about when."))

    def __attrs_post_init__(self) -> None:
        _not_before("until_time", self.until_time, self.from_time, N_("the time they can come"))


# --- sessions ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Lateness(Displayable):
    """Someone arriving late for a session."""

    ITEM_NAME: ClassVar[str] = "{person}: {minutes}"

    id: str = id_field()
    person: str = attrs.field(
        metadata=meta("Who", "The person who was late.", format="reference", refers_to=_PEOPLE)
    )
    minutes: int = int_field(
        "Minutes late", "How late they were.", minimum=1, maximum=1440, unit="minutes"
    )


@attrs.frozen(kw_only=True, repr=False)
class Incident(Displayable):
    """Something that happened at a session that staff must record. Staff only."""

    id: str = id_field()
    at: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Time", "When it happened.")
    )
    summary: str = attrs.field(
        metadata=meta(
            "What happened", "A short account.", names_item=True, visibility=Visibility.STAFF
        )
    )
    action_taken: str = attrs.field(
        default="",
        metadata=meta(
            "Action taken", "What staff did.", long_text=True, visibility=Visibility.STAFF
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class SessionRecord(Displayable):
    """One contact session, as a supervised-contact report records it [S14].

    A session either took place (``attended``) or did not; it cannot be both. A session that
    took place has no ``missed_by`` and no cancellation; that is checked when it is built.
    """

    RULES: ClassVar[Mapping[str, str]] = {
        "missed_by": "a session that took place (attended) was not missed",
        "cancelled_by": "a session that took place (attended) was not cancelled",
        "notice_hours": "notice is only given for a cancelled session (cancelled_by)",
        "actual_start": "a session that did not take place (attended) has no actual start",
        "actual_end": "a session that did not take place has no actual end, and it is not "
        "before actual_start",
        "late": "a session that did not take place (attended) has no late arrivals",
        "planned_end": "planned_end is not before planned_start",
    }

    id: str = id_field()
    on: date = attrs.field(metadata=meta("Date", "The date of the session.", names_item=True))
    attended: bool = attrs.field(metadata=meta("Took place", "Tick if the session took place."))
    missed_by: ParentRef | None = attrs.field(
        default=None, metadata=meta("Missed by", "If it did not take place: who missed it.")
    )
    service: ContactType | None = attrs.field(
        default=None, metadata=meta("Service", "The kind of contact at this session.")
    )
    planned_start: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Planned start", "When it should start.")
    )
    planned_end: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Planned end", "When it should end.")
    )
    actual_start: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Actual start", "When it started.")
    )
    actual_end: time | None = attrs.field(
        default=None, validator=wall_time, metadata=meta("Actual end", "When it ended.")
    )
    attendees: tuple[str, ...] = _reference(
        "Who was there", "The people at the session, by name on the referral."
    )
    staff: tuple[str, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "Staff",
            "Who supervised or supported the session, by name as on the observation report "
            "(often a first name); the first named led it and wrote the report.",
            ordered=True,
            examples=(["Gwen Price", "Dai"],),
        ),
    )
    late: tuple[Lateness, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Late arrivals", "Anyone who arrived late, and by how much."),
    )
    cancelled_by: CancelledBy | None = attrs.field(
        default=None, metadata=meta("Cancelled by", "If it was called off: by whom.")
    )
    notice_hours: int | None = int_field(
        "Notice given (hours)",
        "If it was called off: how many hours' notice was given.",
        minimum=0,
        maximum=8760,
        default=None,
        unit="hours",
    )
    incidents: tuple[Incident, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Incidents", "Anything staff had to record. Staff only.", visibility=Visibility.STAFF
        ),
    )
    report_reference: str = attrs.field(
        default="",
        metadata=meta(
            "Observation report",
            "The reference or link of the written report of this session (supervised contact).",
        ),
    )
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything to note about the session.")
    )

    def __attrs_post_init__(self) -> None:
        if self.attended and self.missed_by is not None:
            raise FieldRuleError("missed_by", N_("a session that took place was not missed"))
        if self.attended and self.cancelled_by is not None:
            raise FieldRuleError("cancelled_by", N_("a session that took place was not cancelled"))
        if self.notice_hours is not None and self.cancelled_by is None:
            raise FieldRuleError("notice_hours", N_("notice is only given for a cancelled session"))
        if not self.attended and self.actual_start is not None:
            raise FieldRuleError(
                "actual_start", N_("a session that did not take place has no actual times")
            )
        if not self.attended and self.actual_end is not None:
            raise FieldRuleError(
                "actual_end", N_("a session that did not take place has no actual times")
            )
        if not self.attended and self.late:
            raise FieldRuleError(
                "late", N_("a session that did not take place had no late arrivals")
            )
        _not_before("planned_end", self.planned_end, self.planned_start, N_("the planned start"))
        _not_before("actual_end", self.actual_end, self.actual_start, N_("the actual start"))

    @property
    def person_ids(self) -> tuple[str, ...]:
        """Every person id the session names."""
        return (*self.attendees, *(x.person for x in self.late))


# --- reviews -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ReviewAttendee(Displayable):
    """Someone at a review, and how they took part."""

    ITEM_NAME: ClassVar[str] = "{person}: {mode}"

    id: str = id_field()
    person: str = attrs.field(
        metadata=meta("Who", "The person.", format="reference", refers_to=_PEOPLE)
    )
    mode: AttendanceMode = attrs.field(
        metadata=meta("How they took part", "Together, separately, remotely or not at all.")
    )


@attrs.frozen(kw_only=True, repr=False)
class ReviewEntry(Displayable):
    """A review held for this referral, as the referral remembers it."""

    RULES: ClassVar[Mapping[str, str]] = {
        "next_review": "the next review is not before the review",
    }

    ITEM_NAME: ClassVar[str] = "{held_on}: {outcome}"

    id: str = id_field()
    review_id: uuid.UUID | None = attrs.field(
        default=None, metadata=meta("Review record", "The id of the review record.", format="uuid")
    )
    held_on: date = attrs.field(metadata=meta("Held on", "The date of the review."))
    outcome: ReviewOutcome | None = attrs.field(
        default=None, metadata=meta("Outcome", "What the review decided.")
    )
    next_review: date | None = attrs.field(
        default=None, metadata=meta("Next review", "The next review it set, if any.")
    )

    def __attrs_post_init__(self) -> None:
        _not_before("next_review", self.next_review, self.held_on, N_("the review"))


# --- court orders, breaches and programmes ------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class OrderCondition(Displayable):
    """One condition or direction of a court order, and who it binds [S17]."""

    RULES: ClassVar[Mapping[str, str]] = {
        "until": "until is not before from_date",
    }

    id: str = id_field()
    about: TopicOfDirection = attrs.field(metadata=meta("About", "What the condition is about."))
    text: str = attrs.field(
        metadata=meta(
            "What the order says",
            "The condition, as in the order.",
            long_text=True,
            names_item=True,
        )
    )
    binds: tuple[str, ...] = _reference("Who it binds", "The people the condition applies to.")
    from_date: date | None = attrs.field(
        default=None, metadata=meta("From", "The date it starts, if not straight away.")
    )
    until: date | None = attrs.field(
        default=None, metadata=meta("Until", "The date it ends, if it has one.")
    )

    def __attrs_post_init__(self) -> None:
        _not_before("until", self.until, self.from_date, N_("the date it starts"))


@attrs.frozen(kw_only=True, repr=False)
class Breach(Displayable):
    """A breach of an order: which provision, when, by whom, and what followed [S16]."""

    RULES: ClassVar[Mapping[str, str]] = {
        "found_on": "found_on is not before the last date of the breach",
    }

    id: str = id_field()
    provision: str = attrs.field(
        metadata=meta(
            "What was breached",
            "The provision of the order that was not kept.",
            examples=("Handover to the father on alternate Fridays",),
            names_item=True,
        )
    )
    dates: tuple[date, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("When", "The dates the order was not kept.", ordered=True),
    )
    by: ParentRef = attrs.field(metadata=meta("By whom", "The parent who did not keep it."))
    found_on: date | None = attrs.field(
        default=None, metadata=meta("Found by the court on", "When the court found the breach.")
    )
    reasonable_excuse: str = attrs.field(
        default="",
        metadata=meta(
            "Reasonable excuse",
            "Any reasonable excuse given, and whether the court accepted it.",
            long_text=True,
        ),
    )
    enforcement: Enforcement = attrs.field(
        default=Enforcement.NONE, metadata=meta("What followed", "Any enforcement step.")
    )
    enforcement_on: date | None = attrs.field(
        default=None, metadata=meta("Date of that step", "When the enforcement step was taken.")
    )

    def __attrs_post_init__(self) -> None:
        if self.dates:
            _not_before("found_on", self.found_on, max(self.dates), N_("the last breach"))


@attrs.frozen(kw_only=True, repr=False)
class ProgrammeAttendance(Displayable):
    """A parent's attendance at a programme, and their certificate [S15]."""

    ITEM_NAME: ClassVar[str] = "{party}"

    id: str = id_field()
    party: ParentRef = attrs.field(metadata=meta("Parent", "The parent attending."))
    sessions_attended: int = int_field(
        "Sessions attended",
        "How many sessions they have attended.",
        minimum=0,
        maximum=1000,
        default=0,
    )
    completed_on: date | None = attrs.field(
        default=None, metadata=meta("Completed on", "When they completed the programme.")
    )
    certificate_reference: str = attrs.field(
        default="",
        metadata=meta("Certificate", "The reference of their certificate of completion."),
    )
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything about their attendance.", long_text=True)
    )
