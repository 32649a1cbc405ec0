"""Realistic, complete example documents. All people and places are invented."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from ._base import ParentRef, Weekday
from .areas import (
    AgreementStatus,
    AreaAgreement,
    Cancellations,
    Childcare,
    ChildHealth,
    ChildSchool,
    Decision,
    DecisionArea,
    DecisionMaking,
    DecisionRule,
    EmotionalWellbeing,
    EverydayLife,
    Guardian,
    GuardianAppointment,
    HelpKind,
    LearningSupport,
    PassportHolder,
    Relocation,
    TravelAbroad,
)
from .case import (
    Arrangement,
    ArrangementCondition,
    AttendanceMode,
    Availability,
    Breach,
    CancelledBy,
    Consent,
    Enforcement,
    Fee,
    FeePayer,
    Incident,
    Lateness,
    OrderCondition,
    OrderKind,
    OrderStage,
    Parties,
    ProgrammeAttendance,
    ProgrammeFormat,
    ReferralStatus,
    ReviewAttendee,
    ReviewEntry,
    StatusChange,
    TopicOfDirection,
)
from .people import (
    Address,
    Carer,
    CarerPermission,
    Child,
    ContactDetails,
    ContactMethod,
    Person,
    ResponsibilityBasis,
    Role,
)
from .plan import (
    Communication,
    DisputeStep,
    Education,
    Expense,
    ExpenseShare,
    Health,
    LegalStatus,
    LivingArrangements,
    Maintenance,
    Money,
    ParentingPlan,
    PaymentFrequency,
    PlanBasis,
    PlanReview,
    PlanStatus,
    Preparer,
    Professional,
    ReligionAndCulture,
    Residence,
    Safety,
    SafetyConcern,
    SafetyCondition,
    SafetyConditionKind,
    StepStatus,
    Transition,
    TransitionStep,
)
from .referral import (
    ChildProtection,
    ContactCentreService,
    ContactType,
    CourtOrder,
    ParentingProgramme,
    Programme,
    ProgrammeReason,
    ProtectiveOrder,
    ProtectiveOrderKind,
    Referral,
    Referrer,
    ReferrerKind,
    RiskInformation,
)
from .review import PlanProgress, Review, ReviewKind, ReviewOutcome, SessionRecord
from .schedule import (
    Allocation,
    CycleSlot,
    DateRule,
    Handover,
    HandoverPlace,
    Holiday,
    HolidayKind,
    HolidayRecurrence,
    OneOffArrangement,
    PatternName,
    RemoteContact,
    RemoteInitiator,
    SchedulePhase,
    SchoolBreak,
    SchoolYear,
    SpecialDay,
    SpecialDayKind,
    WeeklySchedule,
    WeeklySlot,
)

PLAN_ID = uuid.UUID("6f1c2a4e-7b3d-4c5e-9f10-2a3b4c5d6e7f")
REFERRAL_ID = uuid.UUID("0b8e6f2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b")
REVIEW_ID = uuid.UUID("9d7c5b3a-2e1f-4a6b-8c9d-1e2f3a4b5c6d")


def _sian() -> Person:
    return Person(
        id="sian",
        name="Siân Evans",
        preferred_name="Siân",
        role=Role.MOTHER,
        contact=ContactDetails(
            phone="07700 900123",
            email="sian.evans@example.org",
            address=Address(line1="12 Heol y Felin", town="Caerdydd", postcode="CF14 1AA"),
            preferred_method=ContactMethod.TEXT,
        ),
        contact_details_confidential=True,
        languages=("Welsh", "English"),
        access_needs="Needs meetings after 10:00 because of the school run.",
        parental_responsibility=ResponsibilityBasis.BIRTH_MOTHER,
    )


def _tomasz() -> Person:
    return Person(
        id="tomasz",
        name="Tomasz Łukasz Nowak",
        preferred_name="Tom",
        role=Role.FATHER,
        contact=ContactDetails(
            phone="07700 900456",
            email="tom.nowak@example.org",
            address=Address(line1="Flat 3, 48 Cathedral Road", town="Cardiff", postcode="CF11 9LL"),
            preferred_method=ContactMethod.APP,
        ),
        languages=("Polish", "English"),
        access_needs="Prefers written summaries after meetings.",
        parental_responsibility=ResponsibilityBasis.BIRTH_REGISTRATION,
    )


def _children() -> tuple[Child, ...]:
    return (
        Child(
            id="mia",
            name="Mia Nowak-Evans",
            preferred_name="Mimi",
            date_of_birth=date(2016, 2, 29),
            needs="Mild asthma: blue inhaler in her school bag at all times.",
            wishes_and_feelings=(
                "Mia says she wants to see Dad more and would like to keep her Saturday "
                "swimming lessons."
            ),
        ),
        Child(
            id="osian",
            name="Osian Nowak-Evans",
            date_of_birth=date(2019, 9, 3),
            needs="Settles better with a consistent bedtime routine.",
            wishes_and_feelings="Osian is too young to say much; he is happy at handovers.",
        ),
    )


_AGREED = AreaAgreement(status=AgreementStatus.AGREED)


def _other_carers() -> tuple[Carer, ...]:
    return (
        Carer(
            id="non",
            name="Non Evans",
            role=Role.OTHER_RELATIVE,
            connected_to=ParentRef.A,
            may=(CarerPermission.COLLECT_AND_RETURN, CarerPermission.LOOK_AFTER),
            conditions="Siân's sister; she does the Sunday handovers until the next review.",
        ),
        Carer(
            id="babcia",
            name="Halina Nowak",
            role=Role.GRANDPARENT,
            connected_to=ParentRef.B,
            may=(
                CarerPermission.BE_PRESENT_DURING_TIME,
                CarerPermission.LOOK_AFTER,
                CarerPermission.SCHOOL_PICK_UP,
            ),
            conditions="Tom's mother; she speaks Polish with the children.",
        ),
        Carer(
            id="kasia",
            name="Katarzyna Wiśniewska",
            role=Role.NEW_PARTNER,
            connected_to=ParentRef.B,
            may=(CarerPermission.BE_PRESENT_DURING_TIME, CarerPermission.BE_PRESENT_AT_HANDOVERS),
            from_date=date(2027, 3, 1),
            conditions="Tom's partner; not at handovers before 1 March 2027, as agreed at review.",
        ),
    )


def _break(id: str, kind: HolidayKind, first: tuple[int, int, int], days: int) -> SchoolBreak:
    """A school holiday of the example term dates: ``days`` after its first day."""
    start = date(*first)
    return SchoolBreak(
        id=id, kind=kind, name=kind.label, first_day=start, last_day=start + timedelta(days=days)
    )


def _wednesday_tea(handover: str) -> WeeklySlot:
    return WeeklySlot(
        id="wednesday-tea",
        parent=ParentRef.B,
        start_day=Weekday.WEDNESDAY,
        start_time=time(15, 30),
        end_day=Weekday.WEDNESDAY,
        end_time=time(19, 0),
        pickup_handover_id=handover,
        return_handover_id=handover,
        notes="Siân's side brings the children straight from school.",
    )


def _fortnight(handover: str, *, notes: str, ends_at_stop_date: bool = False) -> WeeklySchedule:
    """Alternate weekends, tea every Wednesday, and a Saturday with Tom's parents every 4 weeks."""
    return WeeklySchedule(
        pattern=PatternName.ALTERNATE_WEEKENDS_MIDWEEK,
        starts_on=date(2026, 11, 2),
        slots=(
            WeeklySlot(
                id="weekend",
                parent=ParentRef.B,
                start_day=Weekday.FRIDAY,
                start_time=time(17, 0),
                end_day=Weekday.SUNDAY,
                end_time=time(17, 0),
                every_n_weeks=2,
                week_offset=0,
                pickup_handover_id=handover,
                return_handover_id=handover,
                notes="Tom brings the children back on Sunday at 17:00.",
            ),
            _wednesday_tea(handover),
        ),
        cycle_days=28,
        cycle_slots=(
            CycleSlot(
                id="grandparents",
                parent=ParentRef.B,
                start_day=13,
                start_time=time(10, 0),
                end_day=13,
                end_time=time(16, 0),
                pickup_handover_id=handover,
                return_handover_id=handover,
                notes="A Saturday with Tom's parents in the second week of every four.",
            ),
        ),
        ends_at_stop_date=ends_at_stop_date,
        notes=notes,
    )


def example_plan() -> ParentingPlan:
    """The example parenting plan."""
    return ParentingPlan(
        id=PLAN_ID,
        title="Parenting plan for Mia and Osian",
        status=PlanStatus.PROPOSED,
        updated_at=datetime(2026, 11, 2, 18, 30, tzinfo=UTC),
        prepared_by=Preparer.WITH_FACILITATOR,
        prepared_with="Gwen Price, Riverside Child Contact Centre",
        parent_a=_sian(),
        parent_b=_tomasz(),
        children=_children(),
        other_carers=_other_carers(),
        legal_status=LegalStatus(
            basis=PlanBasis.AGREED,
            order=_interim_order(),
            details=(
                "The interim order stands until the final hearing on 10 March 2027; we will ask "
                "the court then to make this plan a consent order."
            ),
        ),
        communication=Communication(
            methods=(ContactMethod.THIRD_PARTY,),
            frequency=(
                "A short update through the contact centre every Sunday evening, while the "
                "non-molestation order is in force."
            ),
            information_sharing=(
                "School letters and health news are passed on through the centre within 24 "
                "hours; in an emergency the centre phones the other parent straight away."
            ),
            telling_the_children="We will tell Mia and Osian together, in simple words.",
            childrens_views="Mia's views are asked before each review of the plan.",
            disagreements="We keep disagreements away from the children.",
            # Not talking it through or mediation: domestic abuse has been disclosed.
            dispute_steps=(DisputeStep.CONTACT_CENTRE, DisputeStep.COURT),
            new_partners=(
                "New partners are introduced only after six months and after telling the "
                "other parent."
            ),
            agreement=AreaAgreement(
                status=AgreementStatus.AGREED,
                notes="Agreed at the review on 14 November 2026.",
            ),
        ),
        decision_making=DecisionMaking(
            decisions=(
                Decision(id="school", area=DecisionArea.EDUCATION, rule=DecisionRule.JOINT),
                Decision(id="health", area=DecisionArea.HEALTH, rule=DecisionRule.JOINT),
                Decision(
                    id="emergency",
                    area=DecisionArea.EMERGENCY_TREATMENT,
                    rule=DecisionRule.EITHER_PARENT,
                    details="The other parent is phoned as soon as possible.",
                ),
                Decision(
                    id="passports",
                    area=DecisionArea.PASSPORT,
                    rule=DecisionRule.ONE_PARENT,
                    parent=ParentRef.A,
                    details="Siân applies; Tom countersigns the forms.",
                ),
                Decision(
                    id="trips",
                    area=DecisionArea.SCHOOL_TRIPS_ABROAD,
                    rule=DecisionRule.AFTER_CONSULTING,
                ),
                Decision(id="surname", area=DecisionArea.CHANGE_OF_NAME, rule=DecisionRule.JOINT),
                Decision(
                    id="counselling", area=DecisionArea.MENTAL_HEALTH, rule=DecisionRule.JOINT
                ),
            ),
            details="Day-to-day decisions by whoever the children are with.",
            agreement=_AGREED,
        ),
        living_arrangements=LivingArrangements(
            residence=Residence.WITH_PARENT_A,
            residence_details="Mia and Osian live with Siân during the week.",
            schedule=_fortnight(
                "centre",
                notes="Handovers at the centre while step 1 of the transition lasts.",
                ends_at_stop_date=True,
            ),
            phases=(
                SchedulePhase(
                    id="library-handovers",
                    name="Handovers at the library car park",
                    transition_step_id="step-2",
                    schedule=_fortnight("library", notes="Non does the handovers for Siân."),
                ),
                SchedulePhase(
                    id="shift-rota",
                    name="Around Tom's four-on, four-off shifts",
                    starts_on=date(2027, 3, 1),
                    transition_step_id="step-3",
                    schedule=WeeklySchedule(
                        pattern=PatternName.CUSTOM,
                        starts_on=date(2027, 3, 1),
                        slots=(_wednesday_tea("library"),),
                        cycle_days=8,
                        cycle_slots=(
                            CycleSlot(
                                id="days-off",
                                parent=ParentRef.B,
                                start_day=5,
                                start_time=time(17, 0),
                                end_day=7,
                                end_time=time(17, 0),
                                pickup_handover_id="library",
                                return_handover_id="library",
                                notes="The first two of Tom's four days off in each 8 days.",
                            ),
                        ),
                        notes="Day 1 is the first day of Tom's four days on shift.",
                    ),
                ),
            ),
            overnight_stays="Friday and Saturday nights every other weekend with Tom.",
            handovers=(
                Handover(
                    id="centre",
                    place=HandoverPlace.CONTACT_CENTRE,
                    place_details="Riverside Child Contact Centre",
                    when="Fridays at 17:00 and Sundays at 17:00; Wednesdays at 15:30",
                    brings="Siân",
                    collects="Tom",
                    items_to_bring="School bags, Mia's inhaler, swimming kit on Fridays",
                    conditions="Staff supervise; the parents arrive and leave 15 minutes apart.",
                ),
                Handover(
                    id="library",
                    place=HandoverPlace.PUBLIC_PLACE,
                    place_details="Canton Library car park",
                    when="At the start and end of Tom's time",
                    brings="Siân's sister, Non",
                    collects="Tom",
                    conditions="The parents do not meet at this handover for now.",
                ),
            ),
            cancellations=Cancellations(
                notice_hours=24,
                wait_minutes=30,
                make_up_time=True,
                make_up_within_days=14,
                details=(
                    "Notice in the app. Missed weekends are made up the following weekend where "
                    "possible."
                ),
            ),
            term_dates=(
                SchoolYear(
                    id="2026-27",
                    name="2026 to 2027",
                    source="The school's published term dates",
                    breaks=(
                        _break("autumn-ht", HolidayKind.AUTUMN_HALF_TERM, (2026, 10, 26), 4),
                        _break("christmas", HolidayKind.CHRISTMAS, (2026, 12, 21), 11),
                        _break("spring-ht", HolidayKind.SPRING_HALF_TERM, (2027, 2, 15), 4),
                        _break("easter", HolidayKind.EASTER, (2027, 3, 29), 11),
                        _break("summer-ht", HolidayKind.SUMMER_HALF_TERM, (2027, 5, 31), 4),
                        _break("summer", HolidayKind.SUMMER, (2027, 7, 21), 41),
                    ),
                ),
                SchoolYear(
                    id="2027-28",
                    name="2027 to 2028",
                    source="The school's published term dates",
                    breaks=(
                        _break("autumn-ht", HolidayKind.AUTUMN_HALF_TERM, (2027, 10, 25), 4),
                        _break("christmas", HolidayKind.CHRISTMAS, (2027, 12, 20), 11),
                        _break("spring-ht", HolidayKind.SPRING_HALF_TERM, (2028, 2, 14), 4),
                        _break("easter", HolidayKind.EASTER, (2028, 4, 10), 11),
                        _break("summer-ht", HolidayKind.SUMMER_HALF_TERM, (2028, 5, 29), 4),
                        _break("summer", HolidayKind.SUMMER, (2028, 7, 20), 42),
                    ),
                ),
            ),
            holidays=(
                Holiday(
                    id="summer-2027",
                    name="Summer holidays 2027",
                    kind=HolidayKind.SUMMER,
                    start=date(2027, 7, 21),
                    end=date(2027, 8, 31),
                    allocation=Allocation.SPLIT,
                    even_years_parent=ParentRef.A,
                    notes="Agreed before the term dates were kept; the same as the rule.",
                ),
                Holiday(
                    id="feb-half-term-2027",
                    name="February half term 2027",
                    kind=HolidayKind.SPRING_HALF_TERM,
                    start=date(2027, 2, 15),
                    end=date(2027, 2, 19),
                    allocation=Allocation.PARENT_B,
                    notes="Tom takes the week off work.",
                ),
                Holiday(
                    id="summer",
                    name="Summer holidays",
                    kind=HolidayKind.SUMMER,
                    recurs=HolidayRecurrence.TERM_DATES,
                    allocation=Allocation.SPLIT,
                    even_years_parent=ParentRef.A,
                    pickup_handover_id="library",
                    return_handover_id="library",
                    notes="Each parent may take the children abroad for up to two weeks.",
                ),
                Holiday(
                    id="christmas",
                    name="Christmas holidays",
                    kind=HolidayKind.CHRISTMAS,
                    recurs=HolidayRecurrence.TERM_DATES,
                    allocation=Allocation.SPLIT,
                    even_years_parent=ParentRef.A,
                    split_day=5,
                    split_time=time(12, 0),
                    notes="The halves swap at 12:00 on the fifth day.",
                ),
                Holiday(
                    id="christmas-2026",
                    name="Christmas holidays 2026",
                    kind=HolidayKind.CHRISTMAS,
                    start=date(2026, 12, 21),
                    end=date(2027, 1, 3),
                    allocation=Allocation.SPLIT,
                    even_years_parent=ParentRef.A,
                    notes="This year only, the holidays run to Sunday 3 January.",
                ),
                Holiday(
                    id="autumn-half-term",
                    name="October half term",
                    kind=HolidayKind.AUTUMN_HALF_TERM,
                    recurs=HolidayRecurrence.TERM_DATES,
                    start_days_before=3,
                    start_time=time(17, 0),
                    end_days_after=2,
                    end_time=time(17, 0),
                    allocation=Allocation.ALTERNATE,
                    even_years_parent=ParentRef.B,
                    pickup_handover_id="library",
                ),
                Holiday(
                    id="easter",
                    name="Easter holidays",
                    kind=HolidayKind.EASTER,
                    recurs=HolidayRecurrence.TERM_DATES,
                    allocation=Allocation.BY_AGREEMENT,
                ),
                Holiday(
                    id="poland",
                    name="Two weeks with Tom's family in Poland",
                    kind=HolidayKind.SUMMER,
                    recurs=HolidayRecurrence.EVERY_YEAR,
                    start=date(2027, 8, 2),
                    end=date(2027, 8, 15),
                    allocation=Allocation.PARENT_B,
                    notes="Inside the summer holidays: these two weeks are Tom's every year.",
                ),
            ),
            special_days=(
                SpecialDay(
                    id="mia-birthday",
                    name="Mia's birthday",
                    kind=SpecialDayKind.CHILD_BIRTHDAY,
                    month=2,
                    day=29,
                    start_time=time(10, 0),
                    end_time=time(16, 0),
                    allocation=Allocation.ALTERNATE_YEARS,
                    even_years_parent=ParentRef.B,
                    notes="In years without 29 February it is kept on 28 February.",
                ),
                SpecialDay(
                    id="christmas-day",
                    name="Christmas Day",
                    kind=SpecialDayKind.CHRISTMAS_DAY,
                    month=12,
                    day=25,
                    allocation=Allocation.SPLIT,
                    even_years_parent=ParentRef.A,
                    split_time=time(12, 0),
                    pickup_handover_id="library",
                    notes="The morning with one parent, from 12:00 with the other.",
                ),
                SpecialDay(
                    id="wigilia",
                    name="Wigilia (Christmas Eve) with Tom's family",
                    kind=SpecialDayKind.OTHER_FESTIVAL,
                    month=12,
                    day=24,
                    start_time=time(14, 0),
                    end_time=time(20, 0),
                    allocation=Allocation.PARENT_B,
                    pickup_handover_id="library",
                    return_handover_id="library",
                ),
                SpecialDay(
                    id="fathers-day",
                    name="Father's Day",
                    kind=SpecialDayKind.FATHERS_DAY,
                    date_rule=DateRule.FATHERS_DAY,
                    start_time=time(10, 0),
                    end_time=time(17, 0),
                    allocation=Allocation.PARENT_B,
                ),
                SpecialDay(
                    id="mothering-sunday",
                    name="Mothering Sunday",
                    kind=SpecialDayKind.MOTHERS_DAY,
                    date_rule=DateRule.MOTHERING_SUNDAY,
                    allocation=Allocation.PARENT_A,
                ),
                SpecialDay(
                    id="easter-monday",
                    name="Easter Monday with Tom's parents",
                    kind=SpecialDayKind.OTHER,
                    date_rule=DateRule.EASTER_MONDAY,
                    dates=(date(2027, 3, 29),),
                    start_time=time(10, 0),
                    end_time=time(18, 0),
                    allocation=Allocation.PARENT_B,
                    notes="Kept on Easter Monday each year.",
                ),
            ),
            remote_contact_times=(
                RemoteContact(
                    id="video-with-tom",
                    method=ContactMethod.VIDEO,
                    with_parent=ParentRef.B,
                    days=(Weekday.TUESDAY, Weekday.THURSDAY),
                    start_time=time(18, 30),
                    minutes=20,
                    initiates=RemoteInitiator.CHILDREN,
                    notes="On the tablet, in the family room.",
                ),
                RemoteContact(
                    id="call-with-sian",
                    method=ContactMethod.PHONE,
                    with_parent=ParentRef.A,
                    days=(Weekday.SATURDAY,),
                    start_time=time(18, 0),
                    minutes=10,
                    initiates=RemoteInitiator.PARENT_WITH_CHILDREN,
                ),
            ),
            exceptions=(
                OneOffArrangement(
                    id="wedding",
                    parent=ParentRef.A,
                    start_date=date(2027, 5, 14),
                    start_time=time(17, 0),
                    end_date=date(2027, 5, 16),
                    end_time=time(17, 0),
                    reason="Family wedding in Aberystwyth.",
                ),
            ),
            remote_contact_methods=(ContactMethod.VIDEO,),
            remote_contact="A video call with the other parent on Tuesday and Thursday at 18:30.",
            timezone="Europe/London",
            travel_abroad=TravelAbroad(
                notice_days=28,
                itinerary=True,
                written_consent=True,
                longest_trip_days=14,
                passports_held_by=PassportHolder.PARENT_A,
                details="Siân hands the passports over for agreed trips; Poland to see family.",
            ),
            relocation=Relocation(
                notice_days=90,
                distance_miles=10,
                details="A move abroad needs both parents' written consent or the court's.",
            ),
            wider_family=(
                "Tom's parents see the children on his weekends; Siân's sister helps with "
                "handovers."
            ),
            agreement=AreaAgreement(
                status=AgreementStatus.SEEKING_HELP,
                help_sought=(HelpKind.CONTACT_CENTRE, HelpKind.LEGAL_ADVICE),
                help_details=(
                    "Overnight stays and three weeks in Poland next summer: both parents are "
                    "taking legal advice; the centre reviews handovers in January."
                ),
                notes="The weekly pattern and handovers are agreed.",
            ),
        ),
        childcare=Childcare(
            regular_childcare="Osian goes to the Meithrin on Monday, Tuesday and Thursday.",
            when_a_parent_cannot="Non or Halina, whoever is free; the other parent is told.",
            first_refusal=True,
            first_refusal_after_hours=4,
            babysitters="Adults both parents know; no babysitters under 18.",
            agreement=_AGREED,
        ),
        money=Money(
            maintenance=Maintenance.FAMILY_BASED,
            maintenance_details="Tom pays £320 a month on the 1st by standing order.",
            expenses=(
                Expense(
                    id="uniform",
                    item="School uniform",
                    paid_by=ExpenseShare.SHARED,
                    share_parent_a_percent=50,
                    amount_pence=15000,
                    frequency=PaymentFrequency.YEARLY,
                    notes="Bought in August; receipts shared in the app.",
                ),
                Expense(
                    id="swimming",
                    item="Mia's swimming lessons",
                    paid_by=ExpenseShare.PARENT_B,
                    amount_pence=3200,
                    frequency=PaymentFrequency.MONTHLY,
                ),
            ),
            agreement=AreaAgreement(
                status=AgreementStatus.COURT_TO_DECIDE,
                court_to_decide="Who pays for Osian's nursery fees from September 2027.",
                notes="Maintenance and the shared costs above are agreed.",
            ),
        ),
        education=Education(
            school="Ysgol Gymraeg Pencae (Mia); Osian starts in September 2027.",
            both_on_school_records=True,
            parents_evenings="Both parents attend; separate appointments if needed.",
            homework="Reading every evening, whoever the children are with.",
            activities="Swimming on Saturdays, kept going on both parents' weekends.",
            emergency_contact="Siân first, then Tom.",
            children=(
                ChildSchool(
                    id="mia-school",
                    child_id="mia",
                    school="Ysgol Gymraeg Pencae",
                    learning_support=LearningSupport.SCHOOL_SUPPORT,
                    support_details="Extra reading help twice a week; her teacher leads it.",
                ),
                ChildSchool(
                    id="osian-school",
                    child_id="osian",
                    school="Ysgol Gymraeg Pencae (nursery class)",
                    starts_on=date(2027, 9, 6),
                    learning_support=LearningSupport.NONE,
                ),
            ),
            agreement=_AGREED,
        ),
        health=Health(
            gp="Canton Surgery",
            dentist="Llandaff Road Dental Practice",
            optician="Specsavers, Queen Street, when the school screening asks for it",
            vaccinations="Up to date; both parents agree to the school programme.",
            medication_and_allergies="Mia: salbutamol inhaler. No known allergies.",
            consent_to_treatment="Either parent may consent to emergency treatment.",
            emergencies="Whoever is with the children phones the other parent as soon as they can.",
            information_sharing="Appointment letters are photographed into the app.",
            children=(
                ChildHealth(
                    id="mia-health",
                    child_id="mia",
                    conditions="Mild asthma.",
                    medicines="Salbutamol (blue) inhaler, two puffs when wheezy.",
                    allergies="None known.",
                    equipment="Inhaler and spacer travel with her between homes.",
                    care_plan_held_by="The school office and Siân; a copy for Tom in the app.",
                    consent="Either parent for asthma reviews; both are told the outcome.",
                ),
                ChildHealth(
                    id="osian-health",
                    child_id="osian",
                    conditions="None.",
                    consent="Either parent for routine appointments.",
                ),
            ),
            agreement=_AGREED,
        ),
        religion_and_culture=ReligionAndCulture(
            religion="The children may attend church with either parent.",
            culture="Polish Christmas Eve (Wigilia) with Tom's family; St David's Day at school.",
            language="Welsh at school and with Siân, Polish with Tom and his family.",
            diet="No restrictions.",
            dress="School uniform on school days; otherwise the children choose.",
            agreement=_AGREED,
        ),
        emotional_wellbeing=EmotionalWellbeing(
            feelings="We both tell the children the separation is not their fault.",
            the_other_parent="Neither of us criticises the other in front of the children.",
            adult_matters="Court, money and the reasons we separated stay between the adults.",
            signs_of_struggling=(
                "If Mia's sleep or school work changes, we talk within a week and ask the school."
            ),
            support="Mia can talk to the school's well-being lead, Mrs Hughes.",
            agreement=_AGREED,
        ),
        everyday_life=EverydayLife(
            routines="Bedtime 19:00 for Osian and 20:00 for Mia in both homes.",
            discipline="Praise first; screens off for a day is the biggest sanction.",
            phones="Mia gets a phone when she starts secondary school; Tom pays the contract.",
            screens="An hour a day on school days; games rated for their age only.",
            social_media="No social media accounts before 13; no photos of the children online.",
            pocket_money_pence=200,
            pocket_money_frequency=PaymentFrequency.WEEKLY,
            pocket_money="Mia gets it from whoever she is with on Saturday.",
            agreement=AreaAgreement(
                status=AgreementStatus.SEEKING_HELP,
                help_sought=(HelpKind.PARENTING_PROGRAMME,),
                help_details="Both parents are booked on Planning Together for Children.",
            ),
        ),
        guardian=Guardian(
            appointments=(
                GuardianAppointment(
                    id="sian-will",
                    appointed_by=ParentRef.A,
                    guardian_name="Non Evans",
                    how="In Siân's will of March 2026.",
                    other_parent_told=True,
                ),
            ),
            wishes="The children keep seeing both families, whatever happens.",
            agreement=_AGREED,
        ),
        safety=Safety(
            domestic_abuse_concerns=True,
            concerns=(
                SafetyConcern(
                    id="arguments",
                    raised_by=ParentRef.A,
                    description="Arguments at past handovers upset the children.",
                ),
            ),
            conditions=(
                SafetyCondition(
                    id="no-alcohol",
                    kind=SafetyConditionKind.NO_ALCOHOL,
                    details="No alcohol for 12 hours before or during contact.",
                ),
                SafetyCondition(
                    id="no-meeting",
                    kind=SafetyConditionKind.NO_CONTACT_BETWEEN_PARENTS,
                    details="Sunday handovers go through Non until the next review.",
                ),
            ),
            professionals=(
                Professional(
                    id="centre",
                    name="Gwen Price",
                    role="Contact centre coordinator",
                    organisation="Riverside Child Contact Centre",
                    phone="029 2000 0000",
                ),
            ),
            agreement=_AGREED,
        ),
        review=PlanReview(
            review_on=date(2027, 3, 1),
            review_events="When Osian starts school, or if either parent moves house.",
            changes="Either parent proposes a change in the app; we agree it in writing.",
            if_not_working="We go back to the contact centre to talk it through.",
            agreement=_AGREED,
        ),
        transition=Transition(
            steps=(
                TransitionStep(
                    id="step-1",
                    description="Handovers at the centre, contact in the community.",
                    target_date=date(2026, 12, 1),
                    conditions="Both parents attend the review on 14 November.",
                    status=StepStatus.DONE,
                ),
                TransitionStep(
                    id="step-2",
                    description="Handovers at the library car park through Non.",
                    target_date=date(2027, 1, 15),
                    conditions="Four handovers at the centre without incident.",
                    status=StepStatus.IN_PROGRESS,
                ),
                TransitionStep(
                    id="step-3",
                    description="Independent contact, arranged in the app.",
                    target_date=date(2027, 3, 1),
                ),
            ),
            long_term_goal=(
                "Alternate weekends and a midweek tea, arranged by the parents themselves."
            ),
            agreement=_AGREED,
        ),
        notes="Both parents want the children to keep their friendships on both sides of the city.",
    )


def _halina() -> Person:
    return Person(
        id="babcia",
        name="Halina Nowak",
        role=Role.GRANDPARENT,
        languages=("Polish",),
        interpreter_needed=True,
        parental_responsibility=ResponsibilityBasis.NONE,
    )


def _sessions() -> tuple[SessionRecord, ...]:
    sat = ContactType.SUPERVISED
    return (
        SessionRecord(
            id="s1",
            on=date(2026, 10, 3),
            attended=True,
            service=sat,
            planned_start=time(10, 0),
            planned_end=time(12, 0),
            actual_start=time(10, 10),
            actual_end=time(12, 0),
            attendees=("tomasz", "mia", "osian"),
            staff=("Carys Jones", "Dai Rees"),
            late=(Lateness(id="s1-late", person="tomasz", minutes=10),),
            report_reference="RCC-2026-031/OBS-1",
            notes="Osian was shy for the first few minutes, then played happily.",
        ),
        SessionRecord(
            id="s2",
            on=date(2026, 10, 17),
            attended=True,
            service=sat,
            planned_start=time(10, 0),
            planned_end=time(12, 0),
            actual_start=time(10, 0),
            actual_end=time(11, 50),
            attendees=("tomasz", "mia", "osian"),
            staff=("Carys Jones", "Dai Rees"),
            incidents=(
                Incident(
                    id="s2-phone",
                    at=time(11, 40),
                    summary="Tom asked Mia where she lives now.",
                    action_taken="The supervisor reminded Tom of the ground rules; he apologised.",
                ),
            ),
            report_reference="RCC-2026-031/OBS-2",
        ),
        SessionRecord(
            id="s3",
            on=date(2026, 10, 31),
            attended=False,
            missed_by=ParentRef.B,
            service=sat,
            planned_start=time(10, 0),
            planned_end=time(12, 0),
            cancelled_by=CancelledBy.PARENT_B,
            notice_hours=24,
            notes="Tom was ill and gave a day's notice.",
        ),
        SessionRecord(
            id="s4",
            on=date(2026, 11, 7),
            attended=True,
            service=sat,
            planned_start=time(10, 0),
            planned_end=time(12, 0),
            actual_start=time(10, 0),
            actual_end=time(12, 0),
            attendees=("tomasz", "babcia", "mia", "osian"),
            staff=("Carys Jones", "Dai Rees"),
            report_reference="RCC-2026-031/OBS-4",
            notes="Halina joined for the first time, with an interpreter.",
        ),
        SessionRecord(
            id="s5",
            on=date(2026, 11, 14),
            attended=True,
            service=sat,
            planned_start=time(10, 0),
            planned_end=time(12, 0),
            actual_start=time(10, 0),
            actual_end=time(12, 0),
            attendees=("tomasz", "babcia", "mia", "osian"),
            staff=("Dai Rees", "Carys Jones"),
            report_reference="RCC-2026-031/OBS-5",
        ),
    )


def _supervised() -> Arrangement:
    return Arrangement(
        id="supervised",
        effective_from=date(2026, 10, 3),
        service=ContactType.SUPERVISED,
        frequency="Every other Saturday",
        days=(Weekday.SATURDAY,),
        session_minutes=120,
        conditions=(
            ArrangementCondition(
                id="babcia-from-s3",
                description="Halina may attend from the third session.",
                people=("babcia",),
                from_date=date(2026, 10, 31),
            ),
            ArrangementCondition(
                id="separate",
                description="Siân arrives 15 minutes before and leaves 15 minutes after Tom.",
                people=("sian", "tomasz"),
                from_date=date(2026, 10, 3),
                until=date(2027, 3, 6),
            ),
        ),
        decided_by="Court order of 1 September 2026",
    )


def _supported() -> Arrangement:
    return Arrangement(
        id="supported",
        effective_from=date(2026, 11, 28),
        service=ContactType.SUPPORTED,
        frequency="Every Saturday",
        days=(Weekday.SATURDAY,),
        session_minutes=180,
        conditions=(
            ArrangementCondition(
                id="babcia",
                description="Halina may attend every session.",
                people=("babcia",),
                from_date=date(2026, 11, 28),
                until=date(2027, 3, 6),
            ),
        ),
        decided_by="Review on 14 November 2026",
    )


def _interim_order() -> CourtOrder:
    """The interim child arrangements order behind the example family's contact."""
    return CourtOrder(
        court="Family Court at Cardiff",
        case_number="CF26P00412",
        order_date=date(2026, 9, 1),
        next_hearing=date(2027, 1, 20),
        final_hearing=date(2027, 3, 10),
        stop_date=date(2027, 3, 6),
        kinds=(OrderKind.LIVES_WITH, OrderKind.SPENDS_TIME_WITH),
        stage=OrderStage.INTERIM,
        copy_received=True,
        conditions=(
            OrderCondition(
                id="behaviour",
                about=TopicOfDirection.BEHAVIOUR,
                text="Neither parent to speak negatively about the other in front of the children.",
                binds=("sian", "tomasz"),
            ),
            OrderCondition(
                id="contact",
                about=TopicOfDirection.CONTACT,
                text="Supervised contact every other Saturday, 10:00 to 12:00, at a contact "
                "centre.",
                binds=("tomasz",),
                from_date=date(2026, 10, 3),
                until=date(2027, 3, 6),
            ),
            OrderCondition(
                id="handovers",
                about=TopicOfDirection.HANDOVERS,
                text="Separate arrival and departure times.",
                binds=("sian", "tomasz"),
            ),
        ),
        breaches=(
            Breach(
                id="late-return-2026",
                provision="Return the children to the centre by 12:00",
                dates=(date(2026, 8, 8),),
                by=ParentRef.B,
                found_on=date(2026, 9, 1),
                reasonable_excuse="Accepted: the bus broke down and Tom rang ahead.",
                enforcement=Enforcement.WARNING_NOTICE,
                enforcement_on=date(2026, 9, 1),
            ),
        ),
    )


def example_referral() -> Referral:
    """The example court referral to a contact centre, as the centre's record after the first
    review (PRACTICE.md family 1: supervised contact that moves to supported)."""
    return Referral(
        id=REFERRAL_ID,
        made_on=date(2026, 9, 14),
        updated_at=datetime(2026, 11, 14, 12, 30, tzinfo=UTC),
        # The adviser's own reference is for the centre and the court, not for the parents.
        withheld_from_parents=("/referrer/reference",),
        referrer=Referrer(
            kind=ReferrerKind.FAMILY_COURT_ADVISER,
            name="Aled Morgan",
            organisation="Cafcass Cymru",
            contact=ContactDetails(phone="029 2000 1111", email="aled.morgan@example.org"),
            reference="CC/2026/0412",
        ),
        service=ContactCentreService(
            contact_type=ContactType.SUPERVISED,
            centre="Riverside Child Contact Centre",
            frequency="Every other Saturday",
            days=(Weekday.SATURDAY,),
            session_minutes=120,
        ),
        parent_a=_sian(),
        parent_b=_tomasz(),
        children_live_with=ParentRef.A,
        other_attendees=(_halina(),),
        children=_children(),
        parental_responsibility="Tom is named on both children's birth registrations.",
        court_order=_interim_order(),
        risk=RiskInformation(
            domestic_abuse_disclosed=True,
            protective_orders=(
                ProtectiveOrder(
                    id="nmo",
                    kind=ProtectiveOrderKind.NON_MOLESTATION,
                    protects="Siân Evans",
                    against="Tomasz Nowak",
                    expires=date(2027, 6, 30),
                    details="No contact except through the centre or solicitors.",
                ),
            ),
            child_protection=ChildProtection.NONE,
            substance_misuse="Alcohol at handovers was raised in 2025; none since.",
            separate_arrival=True,
        ),
        status_history=(
            StatusChange(id="received", status=ReferralStatus.RECEIVED, on=date(2026, 9, 14)),
            StatusChange(
                id="waiting",
                status=ReferralStatus.WAITING_LIST,
                on=date(2026, 9, 15),
                notes="Waiting for a supervised Saturday slot.",
            ),
            StatusChange(
                id="pre-visit",
                status=ReferralStatus.PRE_VISIT,
                on=date(2026, 9, 26),
                notes="Separate pre-visits; the Parenting Plan booklet given to each parent.",
            ),
            StatusChange(id="accepted", status=ReferralStatus.ACCEPTED, on=date(2026, 9, 26)),
            StatusChange(id="active", status=ReferralStatus.ACTIVE, on=date(2026, 10, 3)),
        ),
        consents=(
            Consent(
                id="consent-a",
                party=ParentRef.A,
                given_on=date(2026, 9, 16),
                how="Signed the referral form",
            ),
            Consent(
                id="consent-b",
                party=ParentRef.B,
                given_on=date(2026, 9, 18),
                how="Signed the referral form",
            ),
        ),
        fee=Fee(amount=9000, paid_by=FeePayer.LEGAL_AID, paid_on=date(2026, 9, 20)),
        availability=(
            Availability(
                id="avail-sian",
                person="sian",
                days=(Weekday.SATURDAY,),
                from_time=time(10, 0),
                until_time=time(13, 0),
                notes="Not on the Saturday of the Urdd Eisteddfod.",
            ),
            Availability(
                id="avail-tom",
                person="tomasz",
                days=(Weekday.SATURDAY, Weekday.SUNDAY),
                from_time=time(9, 0),
                until_time=time(17, 0),
                notes="Works some Sundays.",
            ),
        ),
        arrangements=(_supervised(), _supported()),
        sessions=_sessions(),
        reviews=(
            ReviewEntry(
                id="review-1",
                review_id=REVIEW_ID,
                held_on=date(2026, 11, 14),
                outcome=ReviewOutcome.SUPERVISED_TO_SUPPORTED,
                next_review=date(2027, 1, 6),
            ),
        ),
        notes="Siân's address is confidential from Tom.",
    )


def example_programme_referral() -> Referral:
    """A court's referral of both parents to a programme after a breach (PRACTICE.md family 2)."""
    return Referral(
        id=uuid.UUID("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"),
        made_on=date(2026, 10, 5),
        referrer=Referrer(kind=ReferrerKind.COURT, name="District Judge Rees"),
        service=ParentingProgramme(
            programme=Programme.PLANNING_TOGETHER,
            reason=ProgrammeReason.BREACHED_ORDER,
            reason_details="The mother kept the children on two handover days.",
            directed=Parties.BOTH,
            provider="Cafcass Cymru",
            format=ProgrammeFormat.GROUP_ONLINE,
            deadline=date(2026, 11, 30),
            attendance=(
                ProgrammeAttendance(
                    id="att-a",
                    party=ParentRef.A,
                    sessions_attended=2,
                    completed_on=date(2026, 11, 12),
                    certificate_reference="PT4C-2026-7781",
                    notes="Attended both online sessions.",
                ),
                ProgrammeAttendance(id="att-b", party=ParentRef.B, sessions_attended=1),
            ),
            report_due=date(2026, 12, 14),
            report_sent_on=date(2026, 12, 10),
        ),
        parent_a=_sian(),
        parent_b=_tomasz(),
        children_live_with=ParentRef.A,
        children=_children(),
        court_order=CourtOrder(
            court="Family Court at Cardiff",
            order_date=date(2026, 10, 5),
            kinds=(OrderKind.SPENDS_TIME_WITH, OrderKind.ACTIVITY_DIRECTION),
            stage=OrderStage.FINAL,
            copy_received=True,
            conditions=(
                OrderCondition(
                    id="partner",
                    about=TopicOfDirection.ATTENDANCE,
                    text="The mother's new partner not to be present at handovers.",
                    binds=("sian",),
                    until=date(2027, 2, 1),
                ),
            ),
            breaches=(
                Breach(
                    id="kept-children",
                    provision="Handover to the father on Friday after school",
                    dates=(date(2026, 8, 14), date(2026, 8, 28)),
                    by=ParentRef.A,
                    found_on=date(2026, 10, 5),
                    reasonable_excuse="None accepted.",
                    enforcement=Enforcement.ACTIVITY_DIRECTION,
                    enforcement_on=date(2026, 10, 5),
                ),
            ),
        ),
    )


def example_review() -> Review:
    """The example review after four sessions that went well: supervised to supported."""
    return Review(
        id=REVIEW_ID,
        referral_id=REFERRAL_ID,
        plan_id=PLAN_ID,
        family_reference="RCC-2026-031",
        held_on=date(2026, 11, 14),
        updated_at=datetime(2026, 11, 14, 12, 0, tzinfo=UTC),
        # The centre's own reference is for its staff and the court.
        withheld_from_parents=("/family_reference",),
        reason=ReviewKind.GOING_WELL,
        facilitator="Gwen Price",
        parent_a=_sian(),
        parent_b=_tomasz(),
        children=_children(),
        attendees=(
            ReviewAttendee(id="at-sian", person="sian", mode=AttendanceMode.SEPARATELY),
            ReviewAttendee(id="at-tom", person="tomasz", mode=AttendanceMode.SEPARATELY),
            ReviewAttendee(id="at-mia", person="mia", mode=AttendanceMode.SEPARATELY),
        ),
        child_seen=True,
        sessions=_sessions(),
        how_contact_went="Warm, relaxed sessions; Tom brought board games and read with Osian.",
        children_response="Both children ran to greet their father and left happily.",
        parent_a_view="Siân is reassured and willing to try supported contact.",
        parent_b_view="Tom would like longer contact and overnight stays soon.",
        children_view="Mia asked to go to the park with Dad.",
        plan_progress=PlanProgress.IN_PROGRESS,
        outcome=ReviewOutcome.SUPERVISED_TO_SUPPORTED,
        outcome_reason="Four good sessions; both parents agree to move on step by step.",
        new_arrangement=_supported(),
        agreed_steps=(
            TransitionStep(
                id="step-1",
                description="Handovers at the centre, contact in the community.",
                target_date=date(2026, 12, 1),
                status=StepStatus.IN_PROGRESS,
            ),
            TransitionStep(
                id="step-2",
                description="Handovers at the library car park through Non.",
                target_date=date(2027, 1, 15),
                conditions="Four handovers at the centre without incident.",
            ),
        ),
        long_term_goal=(
            "Alternate weekends and a midweek tea, arranged by the parents themselves."
        ),
        next_review=date(2027, 1, 6),
    )
