"""A referral: a request for a family to use a child contact centre or a parenting programme."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar

import attrs

from ._base import (
    Choice,
    Displayable,
    ParentRef,
    Weekday,
    aware_datetime,
    id_field,
    int_field,
    meta,
    unique_ids,
)
from .people import Child, ContactDetails, Person

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


class ContactType(Choice):
    """The kind of contact asked for at a child contact centre."""

    SUPPORTED = "supported", "Supported contact"
    SUPERVISED = "supervised", "Supervised contact"
    HANDOVER_ONLY = "handover_only", "Handovers only"


class Programme(Choice):
    """Parenting programmes a court or adviser may refer parents to."""

    PLANNING_TOGETHER = (
        "planning_together",
        "Planning Together for Children (formerly the Separated Parents Information Programme)",
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


@attrs.frozen(kw_only=True)
class Referrer(Displayable):
    """The person or organisation making the referral."""

    kind: ReferrerKind = attrs.field(metadata=meta("Who is referring"))
    name: str = attrs.field(metadata=meta("Name"))
    organisation: str = attrs.field(default="", metadata=meta("Organisation"))
    contact: ContactDetails = attrs.field(factory=ContactDetails, metadata=meta("Contact details"))
    reference: str = attrs.field(default="", metadata=meta("Their reference"))


@attrs.frozen(kw_only=True)
class ContactCentreService(Displayable):
    """Contact at a child contact centre."""

    TAG: ClassVar[str] = "contact_centre"

    contact_type: ContactType = attrs.field(metadata=meta("Kind of contact"))
    centre: str = attrs.field(default="", metadata=meta("Contact centre"))
    frequency: str = attrs.field(
        default="", metadata=meta("How often", examples=("Every other Saturday",))
    )
    days: tuple[Weekday, ...] = attrs.field(default=(), metadata=meta("Days asked for"))
    session_minutes: int | None = int_field(
        "Length of each session (minutes)", minimum=1, maximum=1440, default=None
    )


@attrs.frozen(kw_only=True)
class ParentingProgramme(Displayable):
    """A place on a parenting programme."""

    TAG: ClassVar[str] = "parenting_programme"

    programme: Programme = attrs.field(metadata=meta("Programme"))
    programme_name: str = attrs.field(
        default="", metadata=meta("Programme name", "If another programme: its name.")
    )
    reason: ProgrammeReason = attrs.field(metadata=meta("Why"))
    reason_details: str = attrs.field(default="", metadata=meta("More about why", long_text=True))


#: What a referral asks for: contact at a centre or a parenting programme.
Service = ContactCentreService | ParentingProgramme


@attrs.frozen(kw_only=True)
class CourtOrder(Displayable):
    """Court proceedings and the order behind a court-referred family."""

    court: str = attrs.field(metadata=meta("Court", examples=("Family Court at Cardiff",)))
    case_number: str = attrs.field(default="", metadata=meta("Case number"))
    order_date: date | None = attrs.field(default=None, metadata=meta("Date of the order"))
    next_hearing: date | None = attrs.field(default=None, metadata=meta("Next hearing"))
    final_hearing: date | None = attrs.field(
        default=None, metadata=meta("Final hearing", "The last court date, if known.")
    )
    stop_date: date | None = attrs.field(
        default=None,
        metadata=meta("Contact at the centre ends on", "The stop date set by the court."),
    )
    directions_behaviour: str = attrs.field(
        default="",
        metadata=meta("Directions on how the parents behave", long_text=True),
    )
    directions_contact: str = attrs.field(
        default="", metadata=meta("Directions on contact", long_text=True)
    )
    directions_handovers: str = attrs.field(
        default="", metadata=meta("Directions on handovers", long_text=True)
    )


@attrs.frozen(kw_only=True)
class ProtectiveOrder(Displayable):
    """An order protecting someone in the family."""

    id: str = id_field()
    kind: ProtectiveOrderKind = attrs.field(metadata=meta("Kind of order"))
    protects: str = attrs.field(default="", metadata=meta("Who it protects"))
    against: str = attrs.field(default="", metadata=meta("Who it is against"))
    expires: date | None = attrs.field(default=None, metadata=meta("Ends on"))
    details: str = attrs.field(default="", metadata=meta("Details", long_text=True))


@attrs.frozen(kw_only=True)
class RiskInformation(Displayable):
    """Risk and safety information. It is for the centre's staff, never for the other party."""

    domestic_abuse_disclosed: bool | None = attrs.field(
        default=None, metadata=meta("Domestic abuse disclosed")
    )
    protective_orders: tuple[ProtectiveOrder, ...] = attrs.field(
        default=(), validator=unique_ids, metadata=meta("Protective orders")
    )
    child_protection: ChildProtection = attrs.field(
        default=ChildProtection.NONE, metadata=meta("Children's services involvement")
    )
    social_worker: str = attrs.field(default="", metadata=meta("Social worker"))
    substance_misuse: str = attrs.field(
        default="", metadata=meta("Drugs or alcohol", long_text=True)
    )
    mental_health: str = attrs.field(default="", metadata=meta("Mental health", long_text=True))
    abduction_risk: str = attrs.field(
        default="", metadata=meta("Risk of abduction", long_text=True)
    )
    convictions: str = attrs.field(
        default="", metadata=meta("Relevant convictions", long_text=True)
    )
    separate_arrival: bool = attrs.field(
        default=False,
        metadata=meta("Separate arrival and departure times needed"),
    )
    other_concerns: str = attrs.field(default="", metadata=meta("Other concerns", long_text=True))


@attrs.frozen(kw_only=True)
class Referral(Displayable):
    """A referral of a family to a child contact centre or a parenting programme."""

    KIND: ClassVar[str] = "referral"
    SCHEMA_VERSION: ClassVar[int] = 1

    id: uuid.UUID = attrs.field(metadata=meta("Referral id", format="uuid"))
    made_on: date = attrs.field(metadata=meta("Date of referral"))
    updated_at: datetime | None = attrs.field(
        default=None, validator=aware_datetime, metadata=meta("Last changed")
    )
    language: str = attrs.field(default="en-GB", metadata=meta("Language"))
    referrer: Referrer = attrs.field(metadata=meta("Referrer"))
    service: Service = attrs.field(metadata=meta("Service asked for"))
    parent_a: Person = attrs.field(metadata=meta("First parent"))
    parent_b: Person = attrs.field(metadata=meta("Second parent"))
    children_live_with: ParentRef | None = attrs.field(
        default=None, metadata=meta("The children live with")
    )
    other_attendees: tuple[Person, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Other people attending", "Grandparents, new partners and others."),
    )
    children: tuple[Child, ...] = attrs.field(
        default=(), validator=unique_ids, metadata=meta("Children")
    )
    parental_responsibility: str = attrs.field(
        default="", metadata=meta("Who has parental responsibility")
    )
    court_order: CourtOrder | None = attrs.field(default=None, metadata=meta("Court order"))
    risk: RiskInformation = attrs.field(
        factory=RiskInformation,
        metadata=meta(
            "Risk and safety",
            "For the centre's staff only: never shown to the other party.",
        ),
    )
    notes: str = attrs.field(default="", metadata=meta("Other notes", long_text=True))

    @property
    def schema_version(self) -> int:
        """The schema version this referral is written in."""
        return self.SCHEMA_VERSION

    @property
    def court_referred(self) -> bool:
        """True when a court made the referral or an order stands behind it."""
        return self.referrer.kind is ReferrerKind.COURT or self.court_order is not None

    def parent(self, ref: ParentRef) -> Person:
        """The parent a :class:`ParentRef` points at."""
        return self.parent_a if ref is ParentRef.A else self.parent_b

    @classmethod
    def example(cls) -> Referral:
        """A realistic, complete court referral to a contact centre."""
        from ._examples import example_referral

        return example_referral()
