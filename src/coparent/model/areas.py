"""The plan's areas as Cafcass, mediators and courts read them: agreement per area, and the
sections and structured questions a parenting plan needs beyond the booklet's headings.

Every section of a :class:`~coparent.model.plan.ParentingPlan` carries an ``agreement``
(:class:`AreaAgreement`): whether the parents have agreed that area, have made progress and are
seeking further help (which help), or need a court to decide (what), as the Cafcass Parenting
Plan Progress Summary records it [S2]. The list of areas is the list of sections that carry one,
so a new section is a new area with nothing else to change. docs/model.md gives the sources.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar

import attrs

from ..i18n import N_, P_
from ._base import (
    Choice,
    Displayable,
    FieldRuleError,
    ParentRef,
    Visibility,
    id_field,
    int_field,
    meta,
    unique_ids,
    unique_items,
    visible_name,
)

__all__ = [
    "AgreementStatus",
    "AreaAgreement",
    "Cancellations",
    "ChildHealth",
    "ChildSchool",
    "Childcare",
    "Decision",
    "DecisionArea",
    "DecisionMaking",
    "DecisionRule",
    "EmotionalWellbeing",
    "EverydayLife",
    "Guardian",
    "GuardianAppointment",
    "HelpKind",
    "LearningSupport",
    "PassportHolder",
    "PaymentFrequency",
    "Relocation",
    "TravelAbroad",
]


def _text(
    title: str,
    description: str = "",
    *examples: str,
    visibility: Visibility = Visibility.EVERYONE,
) -> Any:
    """A free-text answer; empty means not discussed yet."""
    return attrs.field(
        default="",
        metadata=meta(title, description, examples=examples, long_text=True, visibility=visibility),
    )


def _yes_no(title: str, description: str) -> Any:
    """A yes/no answer; empty (None) means not decided yet."""
    return attrs.field(default=None, metadata=meta(title, description))


# --- agreement per area [S2] ------------------------------------------------------------------


class AgreementStatus(Choice):
    """Where the parents are on one area, in the words of the Cafcass Progress Summary."""

    AGREED = "agreed", "We have agreed this"
    SEEKING_HELP = "seeking_help", "We have made progress and are seeking further help"
    COURT_TO_DECIDE = "court_to_decide", "We need a court to help us decide"


class HelpKind(Choice):
    """Help parents can seek to agree an area."""

    MIAM = "miam", "A mediation information and assessment meeting (MIAM)"
    MEDIATION = "mediation", "Family mediation"
    ARBITRATION = "arbitration", "Family arbitration"
    DISPUTE_RESOLUTION = "dispute_resolution", "Another form of dispute resolution"
    SKILLS = "skills", "Help with communication or parenting skills"
    PARENTING_PROGRAMME = (
        "parenting_programme",
        "A parenting programme, such as Planning Together for Children",
    )
    CONTACT_CENTRE = "contact_centre", "A child contact centre"
    COUNSELLING = "counselling", "Counselling or family therapy"
    LEGAL_ADVICE = "legal_advice", "Legal advice"
    OTHER = "other", "Other help"


@attrs.frozen(kw_only=True, repr=False)
class AreaAgreement(Displayable):
    """Whether the parents agree on one area of the plan, and if not, what happens next.

    An area left without a status has not been discussed yet. An agreed area needs no help and
    no court decision, so it lists neither.
    """

    RULES: ClassVar[Mapping[str, str]] = {
        "help_sought": "an agreed area lists no help",
        "court_to_decide": "an agreed area leaves nothing for the court to decide",
    }

    status: AgreementStatus | None = attrs.field(
        default=None,
        metadata=meta(
            "Where we are",
            "Whether you have agreed this, are seeking help to agree it, or need a court to "
            "help you decide. Leave it empty if you have not talked about it yet.",
        ),
    )
    help_sought: tuple[HelpKind, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta("Help we are seeking", "The help you are asking for to agree this."),
    )
    help_details: str = _text(
        "About the help",
        "Who is helping, and when.",
        "A mediation session is booked for 3 December",
    )
    court_to_decide: str = _text(
        "What we need the court to decide",
        "The question the court is asked to decide for this area.",
        "Whether the children may spend three weeks in Poland in the summer",
    )
    notes: str = _text("Notes", "Anything else about where you are on this.")

    def __attrs_post_init__(self) -> None:
        if self.status is AgreementStatus.AGREED:
            if self.help_sought:
                raise FieldRuleError(
                    "help_sought",
                    N_("an agreed area needs no help: remove it or change the status"),
                )
            if self.court_to_decide.strip():
                raise FieldRuleError(
                    "court_to_decide",
                    N_(
                        "an agreed area has nothing for the court to decide: remove it or change "
                        "the status"
                    ),
                )

    @property
    def is_open(self) -> bool:
        """Whether the area still needs help or a court decision."""
        return self.status in (AgreementStatus.SEEKING_HELP, AgreementStatus.COURT_TO_DECIDE)


#: The metadata of the ``agreement`` field every section of the plan carries.
AGREEMENT_META = meta(
    "Have we agreed this?",
    "Agreed, seeking further help, or for a court to decide, as the Cafcass Progress Summary asks.",
)


# --- decision-making [S18], [S19] ----------------------------------------------------------------


class DecisionArea(Choice):
    """The decisions practice names when it says who decides what."""

    EDUCATION = "education", "Choice of school and education"
    HEALTH = "health", "Non-emergency health care"
    EMERGENCY_TREATMENT = "emergency_treatment", "Emergency medical treatment"
    MENTAL_HEALTH = "mental_health", "Mental-health treatment and counselling"
    RELIGION = "religion", "Religion"
    TRAVEL_ABROAD = "travel_abroad", "Travel abroad"
    PASSPORT = "passport", "Passport applications"
    SCHOOL_TRIPS_ABROAD = "school_trips_abroad", "School trips abroad"
    MOVING_HOUSE = "moving_house", "Moving house or area"
    CHANGE_OF_NAME = "change_of_name", "Change of surname"
    ACTIVITIES = "activities", "Clubs and activities"
    NEW_PARTNERS = "new_partners", "Introducing new partners"
    DAY_TO_DAY = "day_to_day", "Day-to-day matters"


class DecisionRule(Choice):
    """Who makes a kind of decision."""

    JOINT = "joint", "Both parents together"
    EITHER_PARENT = "either_parent", "Either parent alone"
    AFTER_CONSULTING = "after_consulting", "One parent, after consulting the other"
    ONE_PARENT = "one_parent", "One parent alone"


@attrs.frozen(kw_only=True, repr=False)
class Decision(Displayable):
    """Who decides one kind of matter."""

    RULES: ClassVar[Mapping[str, str]] = {
        "parent": "one parent deciding names the parent; the other rules name none"
    }

    ITEM_NAME: ClassVar[str] = "{area}"

    id: str = id_field()
    area: DecisionArea = attrs.field(metadata=meta("Decision", "The kind of decision."))
    rule: DecisionRule = attrs.field(metadata=meta("Who decides", "Who makes this decision."))
    parent: ParentRef | None = attrs.field(
        default=None,
        metadata=meta(
            "Which parent",
            "For one parent deciding: which one. After consulting, leave it empty if it is "
            "whoever the children are with.",
        ),
    )
    details: str = _text("Details", "Anything more, such as how quickly the other is told.")

    def __attrs_post_init__(self) -> None:
        if self.rule is DecisionRule.ONE_PARENT and self.parent is None:
            raise FieldRuleError("parent", N_("say which parent decides alone"))
        if self.rule in (DecisionRule.JOINT, DecisionRule.EITHER_PARENT) and self.parent:
            raise FieldRuleError(
                "parent",
                P_("is only for one parent deciding, not {rule}").format(
                    rule=repr(self.rule.label)
                ),
            )


@attrs.frozen(kw_only=True, repr=False)
class DecisionMaking(Displayable):
    """Who decides what: together, either parent, or one after consulting the other."""

    RULES: ClassVar[Mapping[str, str]] = {"decisions": "each area is decided once"}

    decisions: tuple[Decision, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Who decides what",
            "For each kind of decision, whether you decide together, either of you alone, or "
            "one of you after consulting the other.",
        ),
    )
    details: str = _text(
        "How we make decisions", "How everyday and bigger decisions about the children are made."
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)

    def __attrs_post_init__(self) -> None:
        seen: set[DecisionArea] = set()
        for decision in self.decisions:
            if decision.area in seen:
                raise FieldRuleError(
                    "decisions",
                    P_("says twice who decides {area}").format(area=repr(decision.area.label)),
                )
            seen.add(decision.area)


# --- emotional well-being [S1], [S4] -------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class EmotionalWellbeing(Displayable):
    """Helping the children cope with the separation and feel loved by both parents."""

    feelings: str = _text(
        "Helping the children with their feelings",
        "How you help the children talk about the separation and how they feel.",
    )
    the_other_parent: str = _text(
        "Talking about the other parent",
        "How each of you speaks about the other in front of the children.",
        "Neither of us criticises the other in front of the children",
    )
    adult_matters: str = _text(
        "Keeping adult matters away from the children",
        "Money, court and the reasons for the separation are not the children's business.",
    )
    signs_of_struggling: str = _text(
        "If a child is struggling",
        "Signs you will watch for, and what you will do about them together.",
    )
    support: str = _text(
        "Support for the children",
        "People the children can talk to: a school counsellor, a relative, a helpline.",
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


# --- childcare [S3] ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Childcare(Displayable):
    """Who looks after the children when a parent cannot."""

    regular_childcare: str = _text(
        "Regular childcare",
        "Nursery, after-school club or a childminder, and which days.",
        visibility=Visibility.LOCATING,
    )
    when_a_parent_cannot: str = _text(
        "When a parent cannot look after the children",
        "Who looks after the children when the parent they are with is working, ill or away.",
    )
    first_refusal: bool | None = _yes_no(
        "Ask the other parent first",
        "Whether a parent who cannot look after the children in their time offers the other "
        "parent the time first, before asking anyone else.",
    )
    first_refusal_after_hours: int | None = int_field(
        "Ask first for absences longer than (hours)",
        "The other parent is asked first when a parent will be away longer than this.",
        minimum=1,
        maximum=24 * 14,
        default=None,
        unit="hours",
    )
    babysitters: str = _text(
        "Babysitters",
        "Who may babysit, and how old a babysitter must be.",
        "Only adults both parents know; no babysitters under 18",
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


# --- routines, rules and screens [S5] ----------------------------------------------------------


class PaymentFrequency(Choice):
    """How often an amount is paid."""

    ONE_OFF = "one_off", "Once"
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Every month"
    TERMLY = "termly", "Every school term"
    YEARLY = "yearly", "Every year"


@attrs.frozen(kw_only=True, repr=False)
class EverydayLife(Displayable):
    """Routines and rules in both homes: bedtimes, discipline, phones, screens, pocket money."""

    routines: str = _text(
        "Bedtimes and routines", "Bedtimes, mealtimes and routines you keep the same in both homes."
    )
    discipline: str = _text(
        "Discipline and rewards", "How you set limits and reward good behaviour, in both homes."
    )
    phones: str = _text(
        "Mobile phones",
        "When the children have a phone, who pays for it, and when they may use it.",
    )
    screens: str = _text("Screens and games", "Screen time, games and age ratings.")
    social_media: str = _text(
        "Social media and photos online",
        "When the children may use social media, and whether photos of them are posted online.",
    )
    pocket_money_pence: int | None = int_field(
        "Pocket money (pence)",
        "The amount of pocket money, in pence: 500 is £5.00.",
        minimum=0,
        maximum=1_000_000,
        default=None,
        unit="pence",
    )
    pocket_money_frequency: PaymentFrequency | None = attrs.field(
        default=None, metadata=meta("Pocket money: how often", "How often pocket money is given.")
    )
    pocket_money: str = _text("About pocket money", "Who gives it, and what it is for.")
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


# --- appointing a guardian (Penodi gwarcheidwad) [S1], [S23] -------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class GuardianAppointment(Displayable):
    """A guardian a parent has appointed to care for the children if that parent dies."""

    ITEM_NAME: ClassVar[str] = "{guardian_name}"

    id: str = id_field()
    appointed_by: ParentRef = attrs.field(
        metadata=meta("Appointed by", "The parent who made the appointment.")
    )
    guardian_name: str = attrs.field(
        validator=visible_name,
        metadata=meta("Guardian", "The guardian's name.", names_item=True, format="name"),
    )
    how: str = attrs.field(
        default="",
        metadata=meta(
            "How it was made",
            "A guardian is appointed in writing, signed and dated, often in a will.",
            examples=("In Siân's will of March 2026",),
        ),
    )
    other_parent_told: bool | None = _yes_no(
        "The other parent knows", "Whether the other parent has been told of the appointment."
    )


@attrs.frozen(kw_only=True, repr=False)
class Guardian(Displayable):
    """Who would care for the children if a parent died."""

    appointments: tuple[GuardianAppointment, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Guardians appointed", "Guardians either parent has appointed, and how."),
    )
    wishes: str = _text(
        "What we want if one of us dies",
        "Your wishes for the children's care if one or both of you died.",
    )
    agreement: AreaAgreement = attrs.field(factory=AreaAgreement, metadata=AGREEMENT_META)


# --- travel abroad and moving house [S18], [S21] -------------------------------------------------


class PassportHolder(Choice):
    """Who keeps the children's passports."""

    PARENT_A = "parent_a", "The first parent"
    PARENT_B = "parent_b", "The second parent"
    TRAVELLING_PARENT = "travelling_parent", "The parent travelling, for the trip"
    THIRD_PARTY = "third_party", "Someone else, such as a solicitor"
    NO_PASSPORTS = "no_passports", "The children have no passports"


@attrs.frozen(kw_only=True, repr=False)
class TravelAbroad(Displayable):
    """Taking the children abroad: notice, itinerary, passports and consent.

    The law: removing a child from the UK needs the written consent of everyone with parental
    responsibility, or the court's permission; a parent named in a child arrangements order as
    the one the child lives with may take them abroad for under a month.
    """

    notice_days: int | None = int_field(
        "Notice of a trip (days)",
        "How many days before a trip abroad the other parent is told.",
        minimum=0,
        maximum=366,
        default=None,
        unit="days",
    )
    itinerary: bool | None = _yes_no(
        "Share the itinerary",
        "Whether the other parent gets the dates, flights and where the children will stay.",
    )
    written_consent: bool | None = _yes_no(
        "Written consent needed",
        "Whether the other parent's written consent is needed for each trip.",
    )
    longest_trip_days: int | None = int_field(
        "Longest trip (days)",
        "The longest trip abroad either parent may take without asking again.",
        minimum=1,
        maximum=366,
        default=None,
        unit="days",
    )
    passports_held_by: PassportHolder | None = attrs.field(
        default=None,
        metadata=meta("Who keeps the passports", "Who keeps the children's passports."),
    )
    details: str = _text("About travel abroad", "Anything more, such as countries agreed.")


@attrs.frozen(kw_only=True, repr=False)
class Relocation(Displayable):
    """Moving house: how much notice, for how far a move."""

    notice_days: int | None = int_field(
        "Notice of a move (days)",
        "How many days before a move the other parent is told.",
        minimum=0,
        maximum=3 * 366,
        default=None,
        unit="days",
    )
    distance_miles: int | None = int_field(
        "For moves further than (miles)",
        "The notice applies to moves further than this from the present home.",
        minimum=0,
        maximum=25_000,
        default=None,
        unit="miles",
    )
    details: str = _text(
        "About moving house",
        "Anything more, such as moving abroad needing consent or a court.",
        visibility=Visibility.LOCATING,
    )


# --- cancellations and lateness [S17] ----------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class Cancellations(Displayable):
    """Cancelling time with the children, lateness, and making missed time up."""

    notice_hours: int | None = int_field(
        "Notice to cancel (hours)",
        "How many hours' notice a parent gives to cancel their time.",
        minimum=0,
        maximum=24 * 31,
        default=None,
        unit="hours",
    )
    wait_minutes: int | None = int_field(
        "How long to wait (minutes)",
        "How long to wait at a handover for someone who is late.",
        minimum=0,
        maximum=24 * 60,
        default=None,
        unit="minutes",
    )
    make_up_time: bool | None = _yes_no(
        "Missed time is made up", "Whether time missed is made up later."
    )
    make_up_within_days: int | None = int_field(
        "Made up within (days)",
        "How soon missed time is made up.",
        minimum=1,
        maximum=366,
        default=None,
        unit="days",
    )
    details: str = _text(
        "About cancellations and lateness", "How notice is given, and anything more."
    )


# --- health and school per child ---------------------------------------------------------------


def _child_ref() -> Any:
    return attrs.field(
        metadata=meta(
            "Child",
            "The id of the child in the plan's list of children.",
            format="reference",
            refers_to="Child",
        )
    )


@attrs.frozen(kw_only=True, repr=False)
class ChildHealth(Displayable):
    """One child's health: conditions, medicines, equipment and consent."""

    ITEM_NAME: ClassVar[str] = "{child_id}"

    id: str = id_field()
    child_id: str = _child_ref()
    conditions: str = _text("Health conditions", "Conditions both homes need to know about.")
    medicines: str = _text(
        "Medicines", "Medicines the child takes, how much and when.", "Salbutamol inhaler as needed"
    )
    allergies: str = _text("Allergies", "Allergies, and what to do about a reaction.")
    equipment: str = _text(
        "Equipment", "Equipment that goes with the child between homes (an inhaler, a spacer)."
    )
    care_plan_held_by: str = _text(
        "Who holds the care plan", "Who holds the child's health or care plan, and where."
    )
    consent: str = _text(
        "Consent to treatment", "Who may consent to treatment for this child, and for what."
    )


class LearningSupport(Choice):
    """Support for special educational needs or additional learning needs."""

    NONE = "none", "No extra support"
    SCHOOL_SUPPORT = "school_support", "Support from the school (SEN support)"
    EHC_PLAN = "ehc_plan", "An education, health and care plan (England)"
    IDP = "idp", "An individual development plan for additional learning needs (Wales)"
    ASSESSMENT = "assessment", "Being assessed"


@attrs.frozen(kw_only=True, repr=False)
class ChildSchool(Displayable):
    """One child's school or nursery and any special educational needs."""

    ITEM_NAME: ClassVar[str] = "{child_id}: {school}"

    id: str = id_field()
    child_id: str = _child_ref()
    school: str = attrs.field(
        default="",
        metadata=meta(
            "School or nursery",
            "Its name, or where the child will go.",
            visibility=Visibility.LOCATING,
        ),
    )
    starts_on: date | None = attrs.field(
        default=None, metadata=meta("Starts on", "When the child starts there, if not yet.")
    )
    learning_support: LearningSupport | None = attrs.field(
        default=None,
        metadata=meta(
            "Special educational or additional learning needs",
            "Extra support the child has, or is being assessed for.",
        ),
    )
    support_details: str = _text("About the support", "What the support is and who leads it.")
