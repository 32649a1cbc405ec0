"""The parenting plan: what two parents agree about caring for their children, section by section.

The sections follow the Cafcass Parenting Plan and contact-centre practice; docs/model.md says
where each question of the real forms lives.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, ClassVar

import attrs

from ..i18n import N_
from ._base import (
    Choice,
    Displayable,
    FieldRuleError,
    ParentRef,
    Visibility,
    aware_datetime,
    id_field,
    int_field,
    meta,
    unique_ids,
    unique_items,
    withheld_paths_field,
)
from .areas import (
    AGREEMENT_META,
    AgreementStatus,
    AreaAgreement,
    Cancellations,
    Childcare,
    ChildHealth,
    ChildSchool,
    DecisionArea,
    DecisionMaking,
    EmotionalWellbeing,
    EverydayLife,
    Guardian,
    PaymentFrequency,
    Relocation,
    TravelAbroad,
    _text,
)
from .people import Carer, Child, ContactMethod, Person, TwoParentDocument
from .referral import CourtOrder
from .schedule import (
    Handover,
    Holiday,
    OneOffArrangement,
    RemoteContact,
    SchedulePhase,
    SchoolYear,
    SpecialDay,
    WeeklySchedule,
    valid_timezone,
)

__all__ = [
    "LANGUAGE_TAG_PATTERN",
    "Communication",
    "DecisionArea",
    "DisputeStep",
    "Education",
    "Expense",
    "ExpenseShare",
    "Health",
    "LegalStatus",
    "LivingArrangements",
    "Maintenance",
    "Money",
    "ParentingPlan",
    "PaymentFrequency",
    "PlanBasis",
    "PlanReview",
    "PlanStatus",
    "Preparer",
    "Professional",
    "ReligionAndCulture",
    "Residence",
    "Safety",
    "SafetyConcern",
    "SafetyCondition",
    "SafetyConditionKind",
    "StepStatus",
    "Transition",
    "TransitionStep",
    "is_language_tag",
]


# RFC 5646 (BCP 47) section 2.1: the well-formed shape of a language tag, letter case ignored
# (spelled out as [A-Za-z] so the same pattern works in JavaScript). Well-formed is not valid:
# "xx-YY" is well-formed but names no registered language. Use with ``fullmatch``.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language, with extlangs
    "(?:-[A-Za-z]{4})?"  # script
    "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    f"(?:-[xX](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = f"[xX](?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = "|".join(
    # Any letter case, spelled out: JavaScript has no inline (?i) flag.
    "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in tag)
    for tag in (
        "en-GB-oed",
        "i-ami",
        "i-bnn",
        "i-default",
        "i-enochian",
        "i-hak",
        "i-klingon",
        "i-lux",
        "i-mingo",
        "i-navajo",
        "i-pwn",
        "i-tao",
        "i-tay",
        "i-tsu",
        "sgn-BE-FR",
        "sgn-BE-NL",
        "sgn-CH-DE",
        "art-lojban",
        "cel-gaulish",
        "no-bok",
        "no-nyn",
        "zh-guoyu",
        "zh-hakka",
        "zh-min",
        "zh-min-nan",
        "zh-xiang",
    )
)
#: A well-formed BCP 47 language tag (RFC 5646, section 2.1), such as ``en-GB`` or ``cy``.
LANGUAGE_TAG_PATTERN = rf"^(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})(?![\s\S])"
_LANGUAGE_TAG_RE = re.compile(LANGUAGE_TAG_PATTERN)


def is_language_tag(text: str) -> bool:
    """Whether ``text`` is a well-formed BCP 47 language tag (RFC 5646), e.g. ``cy-GB``."""
    return isinstance(text, str) and bool(_LANGUAGE_TAG_RE.fullmatch(text))


def _language_tag(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_language_tag(value):
        raise FieldRuleError(
            attribute.name, N_("must be a language tag such as en-GB, cy-GB or pl (BCP 47)")
        )


class PlanStatus(Choice):
    """How far the plan has got.

    ``agreed`` means both parents agree the whole plan: no area of it may then be marked as
    seeking further help or for a court to decide. A plan whose areas are all agreed may still
    be a draft or proposed until both parents sign it.
    """

    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"


class PlanBasis(Choice):
    """What gives a plan its force: the parents' agreement alone, or a court order [S17], [S19]."""

    AGREED = "agreed", "Agreed between the parents only (not a court order)"
    CONSENT_ORDER = "consent_order", "Agreed, and made into a court order by consent"
    ORDERED = "ordered", "Decided by the court"


class Preparer(Choice):
    """Who wrote the plan."""

    BOTH_PARENTS = "both_parents", "Both parents together"
    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    WITH_FACILITATOR = "with_facilitator", "Both parents with a contact-centre facilitator"
    WITH_MEDIATOR = "with_mediator", "Both parents with a mediator"
    PROFESSIONAL = "professional", "A professional"


class DisputeStep(Choice):
    """What the parents will do when they disagree, in order."""

    TALK = "talk", "Talk it through"
    COOLING_OFF = "cooling_off", "Take time and come back to it"
    THIRD_PARTY = "third_party", "Ask a named person we both trust"
    MEDIATION = "mediation", "Family mediation"
    CONTACT_CENTRE = "contact_centre", "Ask the contact centre"
    COURT = "court", "Court, as a last resort"


class Residence(Choice):
    """Where the children mainly live."""

    WITH_PARENT_A = "parent_a", "With the first parent"
    WITH_PARENT_B = "parent_b", "With the second parent"
    SHARED = "shared", "Shared between both homes"


class Maintenance(Choice):
    """How child maintenance is arranged."""

    STATUTORY = "statutory", "Through the Child Maintenance Service"
    FAMILY_BASED = "family_based", "A family-based arrangement"
    COURT_ORDER = "court_order", "Set by a court order"
    NONE = "none", "No maintenance is paid"
    NOT_DECIDED = "not_decided", "Not decided yet"


class ExpenseShare(Choice):
    """Who pays for something."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    SHARED = "shared", "Shared"
    WHOEVER_HAS_THEM = "whoever_has_them", "Whoever the children are with"


class SafetyConditionKind(Choice):
    """Conditions parents agree to keep the children and each other safe."""

    NO_ALCOHOL = "no_alcohol", "No alcohol before or during contact"
    NO_DRUGS = "no_drugs", "No drugs"
    SUPERVISED = "supervised", "Contact is supervised"
    SUPPORTED = "supported", "Contact is supported at a centre"
    HANDOVER_AT_CENTRE = "handover_at_centre", "Handovers only at a contact centre"
    HANDOVER_BY_THIRD_PARTY = "handover_by_third_party", "Handovers through a third party"
    NO_CONTACT_BETWEEN_PARENTS = (
        "no_contact_between_parents",
        "The parents do not meet at handovers",
    )
    NO_DISCUSSING_CASE = "no_discussing_case", "Adult matters are not discussed with the children"
    OTHER = "other", "Another condition"


class StepStatus(Choice):
    """How far a step has got."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


@attrs.frozen(kw_only=True, repr=False)
class Communication(Displayable):
    """How the parents keep in touch about the children and make decisions."""

    methods: tuple[ContactMethod, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "How we will communicate",
            "The ways the parents will talk to each other about the children.",
        ),
    )
    frequency: str = _text(
        "How often",
        "How often the parents will be in touch about the children.",
        "A short text every Sunday evening",
    )
    information_sharing: str = _text(
        "Sharing important information",
        "How news about school, health or changes of plan is passed on, and how quickly.",
    )
    telling_the_children: str = _text(
        "How the children are told about the arrangements",
        "What the children are told about the arrangements, when, and by whom.",
    )
    childrens_views: str = _text(
        "Hearing the children", "How the children's wishes and feelings are heard."
    )
    disagreements: str = _text(
        "When we disagree", "What the parents will do when they cannot agree."
    )
    dispute_steps: tuple[DisputeStep, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Steps when we disagree", "In the order we will try them.", ordered=True),
    )
    new_partners: str = _text("New partners", "When and how new partners are introduced.")
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class LivingArrangements(Displayable):
    """Where the children live and the time they spend with each parent."""

    residence: Residence | None = attrs.field(
        default=None,
        metadata=meta(
            "Where the children mainly live",
            "Which home the children mainly live in, or whether they share their time.",
        ),
    )
    residence_details: str = _text(
        "About where the children live", "Anything more about where the children live."
    )
    schedule: WeeklySchedule = attrs.field(
        factory=WeeklySchedule,
        metadata=meta("Weekly schedule", "The regular weekly pattern of time with each parent."),
    )
    overnight_stays: str = _text(
        "Overnight stays", "When the children stay overnight with each parent."
    )
    handovers: tuple[Handover, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Handovers", "How the children pass from one parent to the other."),
    )
    cancellations: Cancellations = attrs.field(
        factory=Cancellations,
        metadata=meta(
            "Cancellations and lateness",
            "How much notice is given, what happens if someone is late, how missed time is made "
            "up.",
        ),
    )
    holidays: tuple[Holiday, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("School holidays", "How school holidays are shared."),
    )
    special_days: tuple[SpecialDay, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Special days",
            "Birthdays, festivals and other days that matter, and who the children spend them "
            "with.",
        ),
    )
    exceptions: tuple[OneOffArrangement, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "One-off changes", "One-off changes to the usual pattern, such as a family wedding."
        ),
    )
    remote_contact_methods: tuple[ContactMethod, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "Phone, video and letters",
            "Ways the children keep in touch with the parent they are not with.",
        ),
    )
    remote_contact: str = _text(
        "Keeping in touch with the other parent",
        "Phone or video calls and letters while the children are with the other parent.",
    )
    # The schedule as families live it (issue 15): owned with schedule.py and the calendar.
    timezone: str = attrs.field(
        default="Europe/London",
        validator=valid_timezone,
        metadata=meta(
            "Time zone",
            "The family's time zone, as an IANA name: every time in the plan is a clock time "
            "there.",
            examples=("Europe/London",),
            format="timezone",
        ),
    )
    phases: tuple[SchedulePhase, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Later patterns",
            "Patterns that take over from a date or a transition step, such as alternate "
            "weekends once centre sessions end.",
        ),
    )
    term_dates: tuple[SchoolYear, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "School term dates",
            "The school holidays of each school year, entered once for every holiday rule.",
        ),
    )
    remote_contact_times: tuple[RemoteContact, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Regular calls and letters",
            "When the children call, video call or write to the parent they are not with.",
        ),
    )
    travel_abroad: TravelAbroad = attrs.field(
        factory=TravelAbroad,
        metadata=meta("Holidays abroad", "Notice, itinerary, passports and consent to travel."),
    )
    relocation: Relocation = attrs.field(
        factory=Relocation,
        metadata=meta("Moving house", "How much notice is given of a move, and for how far."),
    )
    wider_family: str = _text(
        "Wider family", "Time with grandparents, aunts and uncles, brothers and sisters."
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class Expense(Displayable):
    """Something that costs money and who pays for it."""

    id: str = id_field()
    item: str = attrs.field(
        metadata=meta(
            "What for", "What the money is for.", examples=("School uniform",), names_item=True
        )
    )
    paid_by: ExpenseShare = attrs.field(
        metadata=meta("Who pays", "Which parent pays, or whether the cost is shared.")
    )
    share_parent_a_percent: int | None = int_field(
        "First parent's share (%)",
        "When shared: the first parent's percentage.",
        minimum=0,
        maximum=100,
        default=None,
        unit="percent",
    )
    amount_pence: int | None = int_field(
        "Amount (pence)",
        "An agreed amount, in pence: 2500 is £25.00.",
        minimum=0,
        maximum=100_000_000,
        default=None,
        unit="pence",
    )
    frequency: PaymentFrequency | None = attrs.field(
        default=None, metadata=meta("How often", "How often it is paid.")
    )
    notes: str = attrs.field(default="", metadata=meta("Notes", "Anything else about this cost."))


@attrs.frozen(kw_only=True, repr=False)
class Money(Displayable):
    """Child maintenance and who pays for what."""

    maintenance: Maintenance | None = attrs.field(
        default=None, metadata=meta("Child maintenance", "How child maintenance is arranged.")
    )
    maintenance_details: str = _text(
        "About child maintenance", "The amount, when it is paid and how."
    )
    expenses: tuple[Expense, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Who pays for what",
            "Costs such as uniform, trips, clubs and phones, and who pays for them.",
        ),
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class Education(Displayable):
    """School and learning."""

    school: str = _text(
        "School or nursery", "Which one, and how it is chosen.", visibility=Visibility.LOCATING
    )
    both_on_school_records: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "Both parents on the school's records",
            "Whether the school has both parents' details, so both get letters and reports.",
        ),
    )
    parents_evenings: str = _text(
        "Parents' evenings and reports",
        "Who goes to parents' evenings and how school reports are shared.",
    )
    homework: str = _text("Homework", "How homework is supported in each home.")
    activities: str = _text(
        "Clubs and activities",
        "Clubs and after-school activities, and how each parent supports them.",
    )
    emergency_contact: str = _text(
        "Who the school calls in an emergency", "Who the school should call first in an emergency."
    )
    children: tuple[ChildSchool, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Each child's school",
            "Each child's school or nursery, and any special educational needs.",
        ),
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class Health(Displayable):
    """Health care and medical decisions."""

    gp: str = _text("GP", "The children's doctor's surgery.", visibility=Visibility.LOCATING)
    dentist: str = _text("Dentist", "The children's dentist.", visibility=Visibility.LOCATING)
    optician: str = _text(
        "Optician", "The children's optician, if they have one.", visibility=Visibility.LOCATING
    )
    vaccinations: str = _text("Vaccinations", "What the parents agree about vaccinations.")
    medication_and_allergies: str = _text(
        "Medication and allergies",
        "Any medicine the children take and any allergies, so both homes know.",
    )
    consent_to_treatment: str = _text(
        "Consent to treatment",
        "Who can agree to medical treatment, and when both parents must be asked.",
    )
    emergencies: str = _text(
        "Emergencies", "What happens in an emergency and how the other parent is told."
    )
    information_sharing: str = _text(
        "Sharing health information",
        "How appointments and health news are shared between the parents.",
    )
    children: tuple[ChildHealth, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Each child's health",
            "Each child's conditions, medicines and equipment, and who may consent to treatment.",
        ),
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class ReligionAndCulture(Displayable):
    """Religion, culture and ethics."""

    religion: str = _text(
        "Religious upbringing and practice",
        "How the children are brought up in a religion, if at all.",
    )
    culture: str = _text(
        "Cultural events and heritage", "Cultural events and heritage the children take part in."
    )
    language: str = _text(
        "Languages the children learn and use",
        "The languages the children speak and learn, and where.",
    )
    diet: str = _text(
        "Diet", "Food the children eat or do not eat, for religious, cultural or health reasons."
    )
    dress: str = _text("Dress", "What the parents agree about dress.")
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class SafetyConcern(Displayable):
    """A worry about the children's or a parent's safety."""

    id: str = id_field()
    raised_by: ParentRef | None = attrs.field(
        default=None, metadata=meta("Raised by", "Which parent raised the concern, if one did.")
    )
    description: str = attrs.field(
        metadata=meta(
            "The concern",
            "The concern, in the words of the person who raised it.",
            long_text=True,
            names_item=True,
        )
    )


@attrs.frozen(kw_only=True, repr=False)
class SafetyCondition(Displayable):
    """A condition both parents agree to."""

    ITEM_NAME: ClassVar[str] = "{kind}: {details}"

    id: str = id_field()
    kind: SafetyConditionKind = attrs.field(metadata=meta("Condition", "The kind of condition."))
    details: str = attrs.field(
        default="", metadata=meta("Details", "Exactly what is agreed.", long_text=True)
    )


@attrs.frozen(kw_only=True, repr=False)
class Professional(Displayable):
    """A professional involved with the family."""

    id: str = id_field()
    name: str = attrs.field(metadata=meta("Name", "The professional's name.", names_item=True))
    role: str = attrs.field(
        default="",
        metadata=meta("Role", "What they do.", examples=("Family court adviser", "Social worker")),
    )
    organisation: str = attrs.field(default="", metadata=meta("Organisation", "Where they work."))
    phone: str = attrs.field(default="", metadata=meta("Phone", "How to reach them."))


@attrs.frozen(kw_only=True, repr=False)
class Safety(Displayable):
    """Safety concerns, agreed conditions and the professionals helping.

    The Cafcass guidance warns that a plan made by parents alone is not suitable where there
    are safety concerns such as domestic abuse: a professional must be involved.
    """

    domestic_abuse_concerns: bool | None = attrs.field(
        default=None,
        metadata=meta(
            "Domestic abuse concerns",
            "If yes, a professional should help with this plan.",
            visibility=Visibility.STAFF,
        ),
    )
    concerns: tuple[SafetyConcern, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Concerns", "Worries either parent has about safety.", visibility=Visibility.STAFF
        ),
    )
    conditions: tuple[SafetyCondition, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Agreed conditions",
            "Conditions both parents agree to, such as no alcohol before contact.",
        ),
    )
    professionals: tuple[Professional, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Professionals involved",
            "Professionals involved with the family, such as a family court adviser or a social "
            "worker.",
        ),
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class LegalStatus(Displayable):
    """Whether the plan is the parents' agreement only or rests on a court order, and which.

    A plan usually travels without its referral, so it keeps its own copy of the order's facts,
    in the same shape as the referral's; the checks compare the two when both are given.
    """

    basis: PlanBasis | None = attrs.field(
        default=None,
        metadata=meta(
            "What the plan rests on",
            "Whether the plan is agreed between the parents only, was made into a court order "
            "by consent, or was decided by the court.",
        ),
    )
    order: CourtOrder | None = attrs.field(
        default=None,
        metadata=meta(
            "The court order",
            "The order the plan was made into or follows, or the order already in force for "
            "the children: court, case number, date, kind, interim or final.",
        ),
    )
    details: str = _text(
        "More about the plan and the court",
        "Anything more, such as asking the court to make the plan a consent order.",
        "We will ask the court to make this plan a consent order at the final hearing.",
    )


@attrs.frozen(kw_only=True, repr=False)
class PlanReview(Displayable):
    """When and how the plan is looked at again and changed."""

    review_on: date | None = attrs.field(
        default=None,
        metadata=meta("Review the plan on", "The date the parents will look at the plan again."),
    )
    review_events: str = _text(
        "Review the plan when",
        "Events that mean the plan should be looked at again.",
        "Mia starts secondary school",
    )
    changes: str = _text(
        "How changes are proposed and agreed",
        "How either parent suggests a change, and how a change is agreed.",
    )
    if_not_working: str = _text(
        "If the plan stops working", "What the parents will do if the plan stops working."
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class TransitionStep(Displayable):
    """One short-term step (usually within 1 to 3 months) towards the long-term goal."""

    id: str = id_field()
    description: str = attrs.field(
        metadata=meta(
            "Step",
            "What happens in this step.",
            examples=("Handovers at the centre, contact in the park",),
            names_item=True,
        )
    )
    target_date: date | None = attrs.field(
        default=None, metadata=meta("Target date", "When the parents aim to reach this step.")
    )
    conditions: str = attrs.field(
        default="", metadata=meta("Conditions", "What must be true before this step.")
    )
    status: StepStatus = attrs.field(
        default=StepStatus.NOT_STARTED, metadata=meta("Status", "How far this step has got.")
    )


@attrs.frozen(kw_only=True, repr=False)
class Transition(Displayable):
    """The move from a contact centre to arrangements the parents make themselves."""

    steps: tuple[TransitionStep, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Short-term steps", "Short-term steps, usually over the next 1 to 3 months."),
    )
    long_term_goal: str = _text(
        "Long-term goal",
        "The arrangement both parents agree to aim for in the long run.",
        "Independent contact every other weekend, arranged by text",
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


@attrs.frozen(kw_only=True, repr=False)
class ParentingPlan(TwoParentDocument):
    """A parenting plan: the arrangements two parents make for their children.

    Build one with keyword arguments, load one with :func:`coparent.from_json`, or start from
    :meth:`ParentingPlan.example`. Plans are immutable: use :func:`attrs.evolve` to change one.
    """

    RULES: ClassVar[Mapping[str, str]] = {
        "status": "a plan cannot be agreed while an area is seeking help or for the court"
    }
    KIND: ClassVar[str] = "parenting_plan"
    SCHEMA_VERSION: ClassVar[int] = 2

    id: uuid.UUID = attrs.field(
        metadata=meta(
            "Plan id", "A unique id for this plan, so versions of it can be matched.", format="uuid"
        )
    )
    title: str = attrs.field(
        default="Our parenting plan",
        metadata=meta(
            "Title",
            "A short name for the plan.",
            examples=("Parenting plan for Mia",),
            names_item=True,
        ),
    )
    status: PlanStatus = attrs.field(
        default=PlanStatus.DRAFT,
        metadata=meta(
            "Status",
            "Whether the plan is a draft, has been proposed, or has been agreed by both parents. "
            "An agreed plan has no area still seeking help or for a court to decide.",
        ),
    )
    language: str = attrs.field(
        default="en-GB",
        validator=_language_tag,
        metadata=meta(
            "Language",
            "The language the plan is written in, as a language tag: en-GB, cy-GB (Welsh), pl.",
            examples=("cy-GB",),
            format="language-tag",
        ),
    )
    updated_at: datetime | None = attrs.field(
        default=None,
        validator=aware_datetime,
        metadata=meta("Last changed", "When the plan was last changed."),
    )
    prepared_by: Preparer = attrs.field(
        default=Preparer.BOTH_PARENTS, metadata=meta("Prepared by", "Who wrote the plan.")
    )
    prepared_with: str = attrs.field(
        default="",
        metadata=meta("Prepared with", "The facilitator or mediator who helped, if any."),
    )
    parent_a: Person = attrs.field(
        metadata=meta("First parent", "One of the children's parents.", party="parent_a")
    )
    parent_b: Person = attrs.field(
        metadata=meta("Second parent", "The children's other parent.", party="parent_b")
    )
    children: tuple[Child, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Children", "The children this plan is for."),
    )
    other_carers: tuple[Carer, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Other people who care for the children",
            "Grandparents, new partners, a special guardian, a childminder: who they are and "
            "what they may do, such as handovers.",
        ),
    )
    legal_status: LegalStatus = attrs.field(
        factory=LegalStatus,
        metadata=meta(
            "The plan and the court",
            "Whether the plan is agreed between the parents only or rests on a court order "
            "(interim or final), and which order.",
        ),
    )
    communication: Communication = attrs.field(
        factory=Communication,
        metadata=meta(
            "Communication", "How the parents keep in touch about the children and make decisions."
        ),
    )
    decision_making: DecisionMaking = attrs.field(
        factory=DecisionMaking,
        metadata=meta(
            "Making decisions",
            "Who decides what: both parents together, either alone, or one after consulting the "
            "other.",
        ),
    )
    living_arrangements: LivingArrangements = attrs.field(
        factory=LivingArrangements,
        metadata=meta(
            "Living arrangements",
            "Where the children live and the time they spend with each parent.",
        ),
    )
    childcare: Childcare = attrs.field(
        factory=Childcare,
        metadata=meta("Childcare", "Who looks after the children when a parent cannot."),
    )
    money: Money = attrs.field(
        factory=Money, metadata=meta("Money", "Child maintenance and who pays for what.")
    )
    education: Education = attrs.field(
        factory=Education, metadata=meta("Education", "School and learning.")
    )
    health: Health = attrs.field(
        factory=Health, metadata=meta("Health", "Health care and medical decisions.")
    )
    religion_and_culture: ReligionAndCulture = attrs.field(
        factory=ReligionAndCulture,
        metadata=meta(
            "Religion, culture and ethics", "Religion, culture, language, diet and dress."
        ),
    )
    emotional_wellbeing: EmotionalWellbeing = attrs.field(
        factory=EmotionalWellbeing,
        metadata=meta(
            "Emotional well-being",
            "Helping the children cope with the separation and feel loved by both parents.",
        ),
    )
    everyday_life: EverydayLife = attrs.field(
        factory=EverydayLife,
        metadata=meta(
            "Routines, rules and screens",
            "Bedtimes, discipline and rewards, phones, screens, social media and pocket money.",
        ),
    )
    guardian: Guardian = attrs.field(
        factory=Guardian,
        metadata=meta("Appointing a guardian", "Who would care for the children if a parent died."),
    )
    safety: Safety = attrs.field(
        factory=Safety,
        metadata=meta(
            "Safety", "Worries about safety, agreed conditions, and the professionals helping."
        ),
    )
    review: PlanReview = attrs.field(
        factory=PlanReview,
        metadata=meta(
            "Reviewing and changing the plan", "When and how the plan is looked at again."
        ),
    )
    transition: Transition = attrs.field(
        factory=Transition,
        metadata=meta(
            "Moving on from the contact centre",
            "Steps from contact at a centre towards arrangements the parents make themselves.",
        ),
    )
    notes: str = _text("Other notes", "Anything else the parents want to write down.")
    withheld_from_parents: tuple[str, ...] = withheld_paths_field()

    def __attrs_post_init__(self) -> None:
        # Reads fields only (no methods): the converter runs this on a stand-in object.
        if self.status is PlanStatus.AGREED:
            for section in _agreements_of(self):
                if section.status in (
                    AgreementStatus.SEEKING_HELP,
                    AgreementStatus.COURT_TO_DECIDE,
                ):
                    raise FieldRuleError(
                        "status",
                        N_(
                            "cannot be agreed while an area is seeking further help or for a court "
                            "to decide: mark the plan as a draft or proposed"
                        ),
                    )

    def area_agreements(self) -> tuple[AreaAgreement, ...]:
        """The agreement of every area of the plan, in the plan's order of sections."""
        return _agreements_of(self)

    @classmethod
    def example(cls) -> ParentingPlan:
        """A realistic, complete plan for two parents and two children."""
        from ._examples import example_plan

        return example_plan()


def _area_sections() -> tuple[str, ...]:
    """The plan's sections that are areas (each carries an ``agreement``), in the plan's order."""
    attrs.resolve_types(ParentingPlan)
    found = []
    for a in attrs.fields(ParentingPlan):
        if isinstance(a.type, type) and attrs.has(a.type):
            attrs.resolve_types(a.type)
            if any(f.type is AreaAgreement for f in attrs.fields(a.type)):
                found.append(a.name)
    return tuple(found)


_AREA_SECTIONS = _area_sections()


def _agreements_of(plan: Any) -> tuple[AreaAgreement, ...]:
    return tuple(getattr(plan, name).agreement for name in _AREA_SECTIONS)
