"""A referral: a request for a family to use a child contact centre or a parenting programme."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import ClassVar

import attrs

from ..errors import FieldRuleError
from ..i18n import N_
from ._base import (
    Choice,
    Displayable,
    ParentRef,
    Visibility,
    Weekday,
    aware_datetime,
    id_field,
    int_field,
    meta,
    unique_ids,
    unique_items,
    withheld_paths_field,
)
from .case import (
    Arrangement,
    Availability,
    Breach,
    Consent,
    ContactType,
    Fee,
    OrderCondition,
    OrderKind,
    OrderStage,
    Parties,
    ProgrammeAttendance,
    ProgrammeFormat,
    ReferralStatus,
    ReviewEntry,
    SessionRecord,
    StatusChange,
)
from .people import Child, ContactDetails, Person, TwoParentDocument

__all__ = [
    "ChildProtection",
    "ContactCentreService",
    "ContactType",
    "CourtOrder",
    "ParentingProgramme",
    "Programme",
    "ProgrammeReason",
    "ProtectiveOrder",
    "ProtectiveOrderKind",
    "Referral",
    "Referrer",
    "ReferrerKind",
    "RiskInformation",
    "Service",
]


class ReferrerKind(Choice):
    """Who makes the referral."""

    SELF = "self", "A parent (self-referral)"
    SOLICITOR = "solicitor", "A solicitor"
    FAMILY_COURT_ADVISER = "family_court_adviser", "A family court adviser (Cafcass)"
    COURT = "court", "The court"
    SOCIAL_SERVICES = "social_services", "Social services"
    MEDIATOR = "mediator", "A mediator"
    OTHER = "other", "Someone else"


class Programme(Choice):
    """Parenting programmes a court or adviser may refer parents to."""

    PLANNING_TOGETHER = (
        "planning_together",
        "Planning Together for Children (formerly the Separated Parents Information Programme)",
    )
    POSITIVE_CO_PARENTING = (
        "positive_co_parenting",
        "Cafcass Positive Co-Parenting Programme",
    )
    DOMESTIC_ABUSE_PERPETRATOR = (
        "domestic_abuse_perpetrator",
        "Domestic abuse perpetrator programme",
    )
    OTHER = "other", "Another programme"


class ProgrammeReason(Choice):
    """Why parents are referred to a programme."""

    BREACHED_ORDER = "breached_order", "A contact order was breached"
    WELFARE_CONCERNS = "welfare_concerns", "Concerns about the children's welfare"
    PARENTAL_CONFLICT = "parental_conflict", "Conflict between the parents"
    COURT_DIRECTION = "court_direction", "Directed by the court"
    OTHER = "other", "Another reason"


class ProtectiveOrderKind(Choice):
    """Orders that protect a person."""

    NON_MOLESTATION = "non_molestation", "Non-molestation order"
    OCCUPATION = "occupation", "Occupation order"
    INJUNCTION = "injunction", "Injunction"
    PROHIBITED_STEPS = "prohibited_steps", "Prohibited steps order"
    RESTRAINING = "restraining", "Restraining order"
    OTHER = "other", "Another protective order"


class ChildProtection(Choice):
    """Children's services involvement."""

    NONE = "none", "None"
    CHILD_IN_NEED = "child_in_need", "Child in need plan"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked-after child"
    ASSESSMENT = "assessment", "Being assessed"
    UNKNOWN = "unknown", "Not known"


@attrs.frozen(kw_only=True, repr=False)
class Referrer(Displayable):
    """The person or organisation making the referral."""

    kind: ReferrerKind = attrs.field(
        metadata=meta("Who is referring", "Who is making the referral.")
    )
    name: str = attrs.field(metadata=meta("Name", "The referrer's name."))
    organisation: str = attrs.field(
        default="", metadata=meta("Organisation", "The referrer's organisation, if any.")
    )
    contact: ContactDetails = attrs.field(
        factory=ContactDetails, metadata=meta("Contact details", "How to reach the referrer.")
    )
    reference: str = attrs.field(
        default="",
        metadata=meta("Their reference", "The referrer's own reference for this family."),
    )


@attrs.frozen(kw_only=True, repr=False)
class ContactCentreService(Displayable):
    """Contact at a child contact centre."""

    TAG: ClassVar[str] = "contact_centre"

    contact_type: ContactType = attrs.field(
        metadata=meta(
            "Kind of contact",
            "Supported contact (staff nearby), supervised contact (one-to-one, observed), "
            "supervised contact with an assessment, indirect, escorted or virtual contact, or "
            "handovers only.",
        )
    )
    centre: str = attrs.field(
        default="",
        metadata=meta(
            "Contact centre", "The name of the child contact centre, if one has been chosen."
        ),
    )
    frequency: str = attrs.field(
        default="",
        metadata=meta(
            "How often", "How often contact is asked for.", examples=("Every other Saturday",)
        ),
    )
    days: tuple[Weekday, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Days asked for", "The days of the week that contact is asked for."),
    )
    session_minutes: int | None = int_field(
        "Length of each session (minutes)",
        "How long each contact session should last, in minutes.",
        minimum=1,
        maximum=1440,
        default=None,
        unit="minutes",
    )


@attrs.frozen(kw_only=True, repr=False)
class ParentingProgramme(Displayable):
    """A place on a parenting programme."""

    RULES: ClassVar[Mapping[str, str]] = {
        "attendance": "one attendance record per parent",
    }

    TAG: ClassVar[str] = "parenting_programme"

    programme: Programme = attrs.field(
        metadata=meta("Programme", "Which programme the parents are referred to.")
    )
    programme_name: str = attrs.field(
        default="", metadata=meta("Programme name", "If another programme: its name.")
    )
    reason: ProgrammeReason = attrs.field(metadata=meta("Why", "The main reason for the referral."))
    reason_details: str = attrs.field(
        default="",
        metadata=meta("More about why", "More about why, in the referrer's words.", long_text=True),
    )
    directed: Parties | None = attrs.field(
        default=None, metadata=meta("Who must attend", "The parent directed to attend, or both.")
    )
    provider: str = attrs.field(
        default="",
        metadata=meta("Provider", "Who runs the programme (an activity direction names it) [S16]."),
    )
    format: ProgrammeFormat | None = attrs.field(
        default=None, metadata=meta("Format", "How the programme is delivered.")
    )
    deadline: date | None = attrs.field(
        default=None, metadata=meta("Complete by", "The date the court set for completing it.")
    )
    attendance: tuple[ProgrammeAttendance, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Attendance", "Each parent's attendance, completion and certificate."),
    )
    report_due: date | None = attrs.field(
        default=None,
        metadata=meta("Report to court due", "When the provider must report back to the court."),
    )
    report_sent_on: date | None = attrs.field(
        default=None, metadata=meta("Report sent on", "When the report went to the court.")
    )

    def __attrs_post_init__(self) -> None:
        parties = [a.party for a in self.attendance]
        if len(set(parties)) != len(parties):
            raise FieldRuleError("attendance", N_("one attendance record per parent"))


#: What a referral asks for: contact at a centre or a parenting programme.
Service = ContactCentreService | ParentingProgramme


@attrs.frozen(kw_only=True, repr=False)
class CourtOrder(Displayable):
    """Court proceedings and the order behind a court-referred family."""

    RULES: ClassVar[Mapping[str, str]] = {
        "stop_date": "the stop date is after the date of the order",
        "next_hearing": "the next hearing is not before the date of the order",
        "final_hearing": "the final hearing is not before the next hearing",
    }

    court: str = attrs.field(
        metadata=meta(
            "Court", "The court that made the order.", examples=("Family Court at Cardiff",)
        )
    )
    case_number: str = attrs.field(
        default="", metadata=meta("Case number", "The court's case number, as on the order.")
    )
    order_date: date | None = attrs.field(
        default=None, metadata=meta("Date of the order", "The date the order was made.")
    )
    next_hearing: date | None = attrs.field(
        default=None,
        metadata=meta("Next hearing", "The date of the next court hearing, if there is one."),
    )
    final_hearing: date | None = attrs.field(
        default=None, metadata=meta("Final hearing", "The last court date, if known.")
    )
    stop_date: date | None = attrs.field(
        default=None,
        metadata=meta("Contact at the centre ends on", "The stop date set by the court."),
    )
    kinds: tuple[OrderKind, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "Kind of order",
            "Lives with, spends time with, otherwise has contact, prohibited steps, specific "
            "issue and so on: an order may be several at once.",
        ),
    )
    stage: OrderStage | None = attrs.field(
        default=None, metadata=meta("Interim or final", "Whether the order is interim or final.")
    )
    copy_received: bool = attrs.field(
        default=False,
        metadata=meta(
            "Copy of the order received", "Tick when the centre holds a copy of the order [S13]."
        ),
    )
    conditions: tuple[OrderCondition, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Conditions and directions",
            "What the order says about behaviour, contact and handovers, one item each, with "
            "who it binds.",
        ),
    )
    breaches: tuple[Breach, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Breaches", "Breaches of the order the court has found or been told of."),
    )

    def __attrs_post_init__(self) -> None:
        if self.stop_date and self.order_date and self.stop_date <= self.order_date:
            raise FieldRuleError("stop_date", N_("must be after the date of the order"))
        if self.next_hearing and self.order_date and self.next_hearing < self.order_date:
            raise FieldRuleError("next_hearing", N_("must not be before the date of the order"))
        if self.final_hearing and self.next_hearing and self.final_hearing < self.next_hearing:
            raise FieldRuleError("final_hearing", N_("must not be before the next hearing"))

    @property
    def hearings(self) -> tuple[date, ...]:
        """The known hearing dates, earliest first."""
        return tuple(sorted({d for d in (self.next_hearing, self.final_hearing) if d}))


@attrs.frozen(kw_only=True, repr=False)
class ProtectiveOrder(Displayable):
    """An order protecting someone in the family."""

    ITEM_NAME: ClassVar[str] = "{kind}: {details}"

    id: str = id_field()
    kind: ProtectiveOrderKind = attrs.field(metadata=meta("Kind of order", "The kind of order."))
    protects: str = attrs.field(
        default="", metadata=meta("Who it protects", "The person the order protects.")
    )
    against: str = attrs.field(
        default="", metadata=meta("Who it is against", "The person the order is made against.")
    )
    expires: date | None = attrs.field(
        default=None, metadata=meta("Ends on", "The date the order ends, if it has one.")
    )
    details: str = attrs.field(
        default="", metadata=meta("Details", "What the order says, in short.", long_text=True)
    )


@attrs.frozen(kw_only=True, repr=False)
class RiskInformation(Displayable):
    """Risk and safety information. It is for the centre's staff, never for the other party."""

    domestic_abuse_disclosed: bool | None = attrs.field(
        default=None,
        metadata=meta("Domestic abuse disclosed", "Whether domestic abuse has been disclosed."),
    )
    protective_orders: tuple[ProtectiveOrder, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Protective orders",
            "Non-molestation orders, injunctions and other orders that protect someone in the "
            "family.",
        ),
    )
    child_protection: ChildProtection = attrs.field(
        default=ChildProtection.NONE,
        metadata=meta(
            "Children's services involvement", "Whether children's services are involved, and how."
        ),
    )
    social_worker: str = attrs.field(
        default="",
        metadata=meta(
            "Social worker", "The social worker's name and how to reach them, if there is one."
        ),
    )
    substance_misuse: str = attrs.field(
        default="",
        metadata=meta("Drugs or alcohol", "Any concerns about drugs or alcohol.", long_text=True),
    )
    mental_health: str = attrs.field(
        default="",
        metadata=meta(
            "Mental health", "Any mental health concerns that affect contact.", long_text=True
        ),
    )
    abduction_risk: str = attrs.field(
        default="",
        metadata=meta(
            "Risk of abduction",
            "Any concern that a child could be taken away, in the UK or abroad.",
            long_text=True,
        ),
    )
    convictions: str = attrs.field(
        default="",
        metadata=meta(
            "Relevant convictions",
            "Convictions that matter for the children's safety.",
            long_text=True,
        ),
    )
    separate_arrival: bool = attrs.field(
        default=False,
        metadata=meta(
            "Separate arrival and departure times needed",
            "Tick if the parents must arrive and leave at different times.",
        ),
    )
    other_concerns: str = attrs.field(
        default="",
        metadata=meta(
            "Other concerns", "Any other risk the centre should know about.", long_text=True
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class Referral(TwoParentDocument):
    """A referral of a family to a child contact centre or a parenting programme."""

    KIND: ClassVar[str] = "referral"
    SCHEMA_VERSION: ClassVar[int] = 2

    id: uuid.UUID = attrs.field(
        metadata=meta("Referral id", "A unique id for this referral.", format="uuid")
    )
    made_on: date = attrs.field(
        metadata=meta("Date of referral", "The date the referral was made.")
    )
    updated_at: datetime | None = attrs.field(
        default=None,
        validator=aware_datetime,
        metadata=meta("Last changed", "When the referral was last changed."),
    )
    language: str = attrs.field(
        default="en-GB",
        metadata=meta("Language", "The language the referral is written in, e.g. en-GB or cy-GB."),
    )
    referrer: Referrer = attrs.field(
        metadata=meta("Referrer", "The person or organisation making the referral.")
    )
    service: Service = attrs.field(
        metadata=meta(
            "Service asked for", "Contact at a child contact centre, or a parenting programme."
        )
    )
    parent_a: Person = attrs.field(
        metadata=meta("First parent", "One of the children's parents.", party="parent_a")
    )
    parent_b: Person = attrs.field(
        metadata=meta("Second parent", "The children's other parent.", party="parent_b")
    )
    children_live_with: ParentRef | None = attrs.field(
        default=None,
        metadata=meta(
            "The children live with", "The parent the children mainly live with, if one does."
        ),
    )
    other_attendees: tuple[Person, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Other people attending", "Grandparents, new partners and others."),
    )
    children: tuple[Child, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Children", "The children the referral is about."),
    )
    parental_responsibility: str = attrs.field(
        default="",
        metadata=meta(
            "Notes on parental responsibility",
            "Anything more about who has parental responsibility (each person's own record "
            "says whether they have it, and on what basis).",
        ),
    )
    court_order: CourtOrder | None = attrs.field(
        default=None,
        metadata=meta(
            "Court order", "Court proceedings and the order, for court-referred families."
        ),
    )
    risk: RiskInformation = attrs.field(
        factory=RiskInformation,
        metadata=meta(
            "Risk and safety",
            "For the centre's staff only: never shown to the other party.",
            visibility=Visibility.STAFF,
        ),
    )
    status_history: tuple[StatusChange, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Where the referral has got to",
            "Each change of status (waiting list, pre-visit, accepted, declined, closed...) with "
            "its date, oldest first; the last is the current status.",
            ordered=True,
        ),
    )
    consents: tuple[Consent, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Consents", "Each parent's signed agreement to the referral, with its date."),
    )
    fee: Fee | None = attrs.field(
        default=None, metadata=meta("Referral fee", "The fee, who pays it and when it was paid.")
    )
    availability: tuple[Availability, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Availability", "When each person can come to the centre."),
    )
    arrangements: tuple[Arrangement, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Arrangements",
            "The contact arrangement and each change to it, oldest first; the last one in "
            "force is the current arrangement.",
            ordered=True,
        ),
    )
    sessions: tuple[SessionRecord, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Sessions", "Every contact session so far, oldest first.", ordered=True),
    )
    reviews: tuple[ReviewEntry, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Reviews held", "Each review held, oldest first.", ordered=True),
    )
    notes: str = attrs.field(
        default="",
        metadata=meta(
            "Other notes",
            "Anything else the centre or programme should know. For staff and the court only.",
            long_text=True,
            visibility=Visibility.STAFF,
        ),
    )
    withheld_from_parents: tuple[str, ...] = withheld_paths_field()

    def problems(self) -> tuple[tuple[str, str], ...]:
        """What is inconsistent in the record, as (field, plain-English message) pairs.

        These rules span several items or fields, so two valid versions can merge into a
        record that breaks them; they are reported here (and by the checks) rather than
        refused when the document is built: histories out of date order, a person id that
        is nobody on the referral, a programme referral with centre arrangements or sessions.
        The workflow (``apply_review``) keeps every history in date order by construction.
        """
        found: list[tuple[str, str]] = []
        histories = (
            ("status_history", [c.on for c in self.status_history]),
            ("arrangements", [a.effective_from for a in self.arrangements]),
            ("sessions", [x.on for x in self.sessions]),
            ("reviews", [r.held_on for r in self.reviews]),
        )
        for field, dates in histories:
            if dates != sorted(dates):
                found.append((field, N_("is not in date order, oldest first")))
        if self.is_programme and (self.arrangements or self.sessions):
            found.append(
                (
                    "service",
                    N_(
                        "a parenting-programme referral has no contact arrangements or "
                        "sessions; track attendance on the programme"
                    ),
                )
            )
        known = self.person_ids
        for field, ids in _references(
            self.arrangements, self.availability, self.sessions, self.court_order
        ):
            unknown = [i for i in ids if i not in known]
            if unknown:
                found.append(
                    (field, N_("names a person id that is not a parent, attendee or child here"))
                )
        return tuple(dict.fromkeys(found))

    @property
    def person_ids(self) -> frozenset[str]:
        """The ids of everyone on the referral: both parents, other attendees and children."""
        return _person_ids(self.parent_a, self.parent_b, self.other_attendees, self.children)

    @property
    def status(self) -> ReferralStatus:
        """The current status: the last change recorded, or received when there is none."""
        if not self.status_history:
            return ReferralStatus.RECEIVED
        return max(enumerate(self.status_history), key=lambda p: (p[1].on, p[0]))[1].status

    def arrangement_on(self, day: date) -> Arrangement | None:
        """The arrangement in force on ``day``: the latest to start on or before it."""
        started = [(a.effective_from, i) for i, a in enumerate(self.arrangements)]
        found = max((p for p in started if p[0] <= day), default=None)
        return self.arrangements[found[1]] if found else None

    @property
    def current_arrangement(self) -> Arrangement | None:
        """The arrangement with the latest start (it may start in the future)."""
        return self.arrangement_on(date.max)

    @property
    def last_review(self) -> date | None:
        """The date of the last review held, if any."""
        return max((r.held_on for r in self.reviews), default=None)

    @property
    def is_programme(self) -> bool:
        """True when the referral is to a parenting programme, not a contact centre."""
        return isinstance(self.service, ParentingProgramme)

    @property
    def responsibility_holders(self) -> tuple[Person, ...]:
        """The adults recorded as holding parental responsibility: whose consent a removal
        from the UK or a change of surname needs [S18]."""
        people = (self.parent_a, self.parent_b, *self.other_attendees)
        return tuple(
            p for p in people if p.parental_responsibility and p.parental_responsibility.holds
        )

    @property
    def court_referred(self) -> bool:
        """True when a court made the referral or an order stands behind it."""
        return self.referrer.kind is ReferrerKind.COURT or self.court_order is not None

    @classmethod
    def example(cls) -> Referral:
        """A realistic, complete court referral to a contact centre."""
        from ._examples import example_referral

        return example_referral()


def _person_ids(
    a: Person, b: Person, others: tuple[Person, ...], children: tuple[Child, ...]
) -> frozenset[str]:
    return frozenset({p.id for p in (a, b, *others)} | {c.id for c in children})


def _references(
    arrangements: tuple[Arrangement, ...],
    availability: tuple[Availability, ...],
    sessions: tuple[SessionRecord, ...],
    court_order: CourtOrder | None,
) -> list[tuple[str, tuple[str, ...]]]:
    """Every person id a referral holds, with the field that holds it."""
    refs: list[tuple[str, tuple[str, ...]]] = []
    for arrangement in arrangements:
        refs += [("arrangements", c.people) for c in arrangement.conditions]
    refs += [("availability", (x.person,)) for x in availability]
    refs += [("sessions", x.person_ids) for x in sessions]
    if court_order is not None:
        refs += [("court_order", c.binds) for c in court_order.conditions]
    return refs
