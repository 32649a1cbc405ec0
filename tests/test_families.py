"""Three families walked end to end through the public API, as a contact centre keeps them.

1. PRACTICE.md family 1: court-referred, supervised contact that moves to supported, a plan
   built at a later review, the stop date and the final hearing.
2. PRACTICE.md family 2: a breached order, both parents directed to a programme.
3. Our own: a self-referral with problems; indirect then virtual supervised contact,
   cancellations, a suspension, a restart and the end.
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import ParentingPlan, ParentRef, Referral
from coparent.errors import WorkflowError
from coparent.model import (
    Arrangement,
    ArrangementCondition,
    AttendanceMode,
    Breach,
    CancelledBy,
    Child,
    ContactCentreService,
    ContactType,
    CourtOrder,
    Enforcement,
    LegalStatus,
    OrderCondition,
    OrderKind,
    OrderStage,
    ParentingProgramme,
    Parties,
    Person,
    PlanBasis,
    Programme,
    ProgrammeAttendance,
    ProgrammeFormat,
    ProgrammeReason,
    ReferralStatus,
    Referrer,
    ReferrerKind,
    ResponsibilityBasis,
    ReviewAttendee,
    ReviewKind,
    ReviewOutcome,
    Role,
    SessionRecord,
    StatusChange,
    TopicOfDirection,
    TransitionStep,
    Weekday,
)
from coparent.workflow import COURT_MARGIN, apply_review

# --- family 1 ------------------------------------------------------------------------------

MUM = Person(
    id="mum",
    name="Rhian Pritchard",
    role=Role.MOTHER,
    parental_responsibility=ResponsibilityBasis.BIRTH_MOTHER,
    contact_details_confidential=True,
)
DAD = Person(
    id="dad",
    name="Gareth Pritchard",
    role=Role.FATHER,
    parental_responsibility=ResponsibilityBasis.MARRIAGE,
)
NAIN = Person(
    id="nain",
    name="Eirlys Hughes",
    role=Role.GRANDPARENT,
    parental_responsibility=ResponsibilityBasis.NONE,
)
ELIN = Child(id="elin", name="Elin Pritchard", date_of_birth=date(2019, 6, 2))


def _family_one() -> Referral:
    return Referral(
        id=uuid.UUID(int=1),
        made_on=date(2026, 9, 1),
        referrer=Referrer(kind=ReferrerKind.FAMILY_COURT_ADVISER, name="Cafcass adviser"),
        service=ContactCentreService(contact_type=ContactType.SUPERVISED),
        parent_a=MUM,
        parent_b=DAD,
        other_attendees=(NAIN,),
        children=(ELIN,),
        children_live_with=ParentRef.A,
        court_order=CourtOrder(
            court="Family Court at Swansea",
            order_date=date(2026, 8, 20),
            kinds=(OrderKind.LIVES_WITH, OrderKind.SPENDS_TIME_WITH),
            stage=OrderStage.INTERIM,
            next_hearing=date(2027, 1, 15),
            final_hearing=date(2027, 3, 1),
            stop_date=date(2027, 2, 26),
            conditions=(
                OrderCondition(
                    id="arrive",
                    about=TopicOfDirection.HANDOVERS,
                    text="The parents arrive and leave separately.",
                    binds=("mum", "dad"),
                ),
            ),
        ),
        status_history=(
            StatusChange(id="in", status=ReferralStatus.RECEIVED, on=date(2026, 9, 1)),
        ),
    )


def _status(referral: Referral, status: ReferralStatus, on: date) -> Referral:
    change = StatusChange(id=f"{status.value}-{on.isoformat()}", status=status, on=on)
    return attrs.evolve(referral, status_history=(*referral.status_history, change))


def _session(n: int, on: date, *people: str, **kw: object) -> SessionRecord:
    return SessionRecord(id=f"s{n}", on=on, attended=True, attendees=people, **kw)  # type: ignore[arg-type]


def test_family_one_supervised_to_supported_then_a_plan_before_the_court_dates() -> None:
    referral = _family_one()
    assert referral.court_referred
    assert referral.status is ReferralStatus.RECEIVED
    # Pre-visit: separate intake meetings; the Parenting Plan is introduced.
    referral = _status(referral, ReferralStatus.WAITING_LIST, date(2026, 9, 3))
    referral = _status(referral, ReferralStatus.PRE_VISIT, date(2026, 9, 17))
    referral = _status(referral, ReferralStatus.ACTIVE, date(2026, 9, 26))
    supervised = Arrangement(
        id="supervised",
        effective_from=date(2026, 9, 26),
        service=ContactType.SUPERVISED,
        frequency="Every Saturday",
        days=(Weekday.SATURDAY,),
        session_minutes=90,
        conditions=(
            ArrangementCondition(
                id="nain",
                description="Nain may attend from the third session.",
                people=("nain",),
                from_date=date(2026, 10, 10),
            ),
        ),
    )
    referral = attrs.evolve(referral, arrangements=(supervised,))
    weeks = [date(2026, 9, 26) + timedelta(weeks=i) for i in range(4)]
    sessions = (
        _session(
            1,
            weeks[0],
            "dad",
            "elin",
            planned_start=time(10),
            actual_start=time(10, 5),
            report_reference="OBS-1",
            staff=("Carys Jones", "Dai Rees"),
        ),
        _session(2, weeks[1], "dad", "elin", report_reference="OBS-2", staff=("Carys Jones",)),
        _session(3, weeks[2], "dad", "nain", "elin", report_reference="OBS-3", staff=("Dai Rees",)),
    )
    referral = attrs.evolve(referral, sessions=sessions)
    due = coparent.review_due(referral, today=weeks[2])
    assert (due.reason, due.sessions_held, due.on) == (ReviewKind.GOING_WELL, 3, weeks[3])
    assert "3 sessions have taken place so far" in due.explanation
    referral = attrs.evolve(referral, sessions=(*sessions, _session(4, weeks[3], "dad", "elin")))
    due = coparent.review_due(referral, today=weeks[3])
    assert due.on == weeks[3]
    assert not due.overdue

    # The first review moves them to supported contact.
    supported = Arrangement(
        id="supported",
        effective_from=weeks[3] + timedelta(weeks=1),
        service=ContactType.SUPPORTED,
        frequency="Every Saturday",
    )
    review = coparent.record_review(
        referral,
        due,
        held_on=weeks[3],
        facilitator="Co-ordinator",
        outcome=ReviewOutcome.SUPERVISED_TO_SUPPORTED,
        new_arrangement=supported,
        attendees=(
            ReviewAttendee(id="m", person="mum", mode=AttendanceMode.SEPARATELY),
            ReviewAttendee(id="d", person="dad", mode=AttendanceMode.SEPARATELY),
        ),
        child_seen=True,
    )
    assert len(review.sessions) == 4
    # Who supervised each session travels with it into the review, for the court to read.
    assert [s.staff for s in review.sessions] == [
        ("Carys Jones", "Dai Rees"),
        ("Carys Jones",),
        ("Dai Rees",),
        (),
    ]
    # Eight weeks on, well before the next hearing.
    assert review.next_review == weeks[3] + timedelta(weeks=8)
    referral = apply_review(referral, review)
    assert referral.current_arrangement == supported
    assert [a.service for a in referral.arrangements] == [
        ContactType.SUPERVISED,
        ContactType.SUPPORTED,
    ]
    assert referral.arrangement_on(weeks[3]) == supervised
    assert apply_review(referral, review) == referral  # Applying twice changes nothing more.

    # Straight after the review nothing is overdue: counting starts again.
    after = coparent.review_due(referral, today=weeks[3])
    assert (after.overdue, after.sessions_held, after.since) == (False, 0, weeks[3])
    assert after.on == weeks[3] + timedelta(weeks=4)

    # Before the next hearing, the hearing sets the date.
    near = coparent.review_due(referral, 2, True, today=date(2026, 12, 28))
    assert (near.on, near.reason) == (date(2027, 1, 1), ReviewKind.BEFORE_HEARING)

    # The second review builds the Parenting Plan: 1-3 month steps towards alternate weekends.
    plan = ParentingPlan.example()
    steps = (
        TransitionStep(
            id="community",
            description="Contact in the community, handovers at the centre.",
            target_date=date(2027, 1, 30),
        ),
        TransitionStep(
            id="library", description="Handovers at the library.", target_date=date(2027, 2, 27)
        ),
    )
    second = coparent.record_review(
        referral,
        near,
        held_on=date(2027, 1, 1),
        facilitator="Co-ordinator",
        outcome=ReviewOutcome.STEP_DOWN,
        plan=plan,
        agreed_steps=steps,
        long_term_goal="Alternate weekends, Friday to Sunday.",
        new_arrangement=Arrangement(
            id="handovers", effective_from=date(2027, 1, 9), service=ContactType.HANDOVER_ONLY
        ),
    )
    assert second.plan_id == plan.id
    # The next court date not already served is the stop date (26 February).
    assert second.next_review == date(2027, 2, 26) - COURT_MARGIN
    referral = apply_review(referral, second)
    assert referral.current_arrangement is not None
    assert referral.current_arrangement.service is ContactType.HANDOVER_ONLY
    updated_plan = coparent.update_plan_from_review(plan, second)
    assert {"community", "library"} <= {s.id for s in updated_plan.transition.steps}
    last = coparent.review_due(referral, today=date(2027, 2, 1))
    assert (last.on, last.reason) == (date(2027, 2, 12), ReviewKind.BEFORE_STOP_DATE)
    with pytest.raises(WorkflowError, match="stop date"):
        coparent.review_due(referral, today=date(2027, 2, 27))
    # Whose consent would a trip abroad need? Everyone holding parental responsibility.
    assert [p.id for p in referral.responsibility_holders] == ["mum", "dad"]

    # The plan works within the interim order: agreed between the parents, naming the order.
    assert referral.court_order is not None
    plan = attrs.evolve(
        updated_plan,
        legal_status=LegalStatus(basis=PlanBasis.AGREED, order=referral.court_order),
    )
    assert _order_codes(plan, referral) == set()
    # At the final hearing the court makes the plan a consent order: a final order, with no
    # more hearings and no stop date, in place of the interim one.
    final = attrs.evolve(
        referral.court_order,
        order_date=date(2027, 3, 1),
        stage=OrderStage.FINAL,
        next_hearing=None,
        final_hearing=None,
        stop_date=None,
    )
    referral = attrs.evolve(referral, court_order=final)
    # Until the plan is updated, it still names the interim order and says "agreed only".
    assert _order_codes(plan, referral) == {
        "plan-order-differs",
        "plan-agreed-beside-final-order",
    }
    plan = attrs.evolve(plan, legal_status=LegalStatus(basis=PlanBasis.CONSENT_ORDER, order=final))
    assert _order_codes(plan, referral) == set()
    loaded = coparent.from_json(coparent.to_json(plan), ParentingPlan)
    assert loaded.legal_status.basis is PlanBasis.CONSENT_ORDER
    assert loaded.legal_status.order is not None
    assert (loaded.legal_status.order.stage, loaded.legal_status.order.order_date) == (
        OrderStage.FINAL,
        date(2027, 3, 1),
    )


def _order_codes(plan: ParentingPlan, referral: Referral) -> set[str]:
    """The findings about the court order behind the plan."""
    codes = {f.code for f in coparent.check(plan, referral=referral)}
    return codes & {"plan-order-differs", "plan-agreed-beside-final-order", "plan-order-not-given"}


# --- family 2 ------------------------------------------------------------------------------


def _family_two() -> Referral:
    return Referral(
        id=uuid.UUID(int=2),
        made_on=date(2026, 10, 1),
        referrer=Referrer(kind=ReferrerKind.COURT, name="District Judge"),
        service=ParentingProgramme(
            programme=Programme.PLANNING_TOGETHER,
            reason=ProgrammeReason.BREACHED_ORDER,
            directed=Parties.BOTH,
            provider="Local PT4C provider",
            format=ProgrammeFormat.GROUP_IN_PERSON,
            deadline=date(2026, 10, 1) + timedelta(weeks=8),
            report_due=date(2026, 12, 10),
        ),
        parent_a=Person(id="mother", name="Lisa Grant", role=Role.MOTHER),
        parent_b=Person(id="father", name="Dean Grant", role=Role.FATHER),
        other_attendees=(Person(id="partner", name="Kyle Moss", role=Role.NEW_PARTNER),),
        children=(Child(id="amy", name="Amy Grant"), Child(id="ben", name="Ben Grant")),
        children_live_with=ParentRef.A,
        court_order=CourtOrder(
            court="Family Court at Leeds",
            order_date=date(2026, 10, 1),
            kinds=(OrderKind.SPENDS_TIME_WITH, OrderKind.ACTIVITY_DIRECTION),
            stage=OrderStage.FINAL,
            copy_received=True,
            conditions=(
                OrderCondition(
                    id="respect",
                    about=TopicOfDirection.BEHAVIOUR,
                    text="Neither parent to criticise the other to the children.",
                    binds=("mother", "father"),
                ),
                OrderCondition(
                    id="pickup",
                    about=TopicOfDirection.CONTACT,
                    text="The father collects from school on Friday and returns the "
                    "children to the leisure centre car park at 17:00 on Sunday.",
                    binds=("mother", "father"),
                ),
                OrderCondition(
                    id="video",
                    about=TopicOfDirection.CONTACT,
                    text="A video call every Wednesday at 18:00 for 20 minutes.",
                    binds=("mother",),
                ),
                OrderCondition(
                    id="partner",
                    about=TopicOfDirection.HANDOVERS,
                    text="The mother's new partner is not present at handovers.",
                    binds=("mother", "partner"),
                    until=date(2027, 4, 1),
                ),
                OrderCondition(
                    id="make-up",
                    about=TopicOfDirection.CONTACT,
                    text="A missed weekend is made up the following weekend.",
                    binds=("mother", "father"),
                ),
            ),
            breaches=(
                Breach(
                    id="kept",
                    provision="Friday handover to the father",
                    dates=(date(2026, 8, 7), date(2026, 8, 21)),
                    by=ParentRef.A,
                    found_on=date(2026, 10, 1),
                    reasonable_excuse="None given.",
                    enforcement=Enforcement.ACTIVITY_DIRECTION,
                    enforcement_on=date(2026, 10, 1),
                ),
            ),
        ),
    )


def test_family_two_a_breach_and_a_programme_are_tracked_not_reviewed() -> None:
    referral = _family_two()
    assert referral.is_programme
    with pytest.raises(WorkflowError, match="parenting programme"):
        coparent.review_due(referral, today=date(2026, 10, 20))
    due = coparent.review_due(_family_one(), today=date(2026, 10, 20))
    with pytest.raises(WorkflowError, match="parenting programme"):
        coparent.record_review(
            referral,
            due,
            held_on=date(2026, 10, 20),
            facilitator="x",
            outcome=ReviewOutcome.CONTINUE,
        )
    service = referral.service
    assert isinstance(service, ParentingProgramme)
    done = attrs.evolve(
        service,
        attendance=(
            ProgrammeAttendance(
                id="m",
                party=ParentRef.A,
                sessions_attended=2,
                completed_on=date(2026, 11, 14),
                certificate_reference="C-1",
            ),
            ProgrammeAttendance(
                id="f",
                party=ParentRef.B,
                sessions_attended=2,
                completed_on=date(2026, 11, 21),
                certificate_reference="C-2",
            ),
        ),
        report_sent_on=date(2026, 12, 1),
    )
    referral = attrs.evolve(referral, service=done)
    assert all(a.completed_on and a.completed_on <= done.deadline for a in done.attendance)  # type: ignore[operator]
    assert coparent.from_json(coparent.to_json(referral), Referral) == referral
    assert referral.court_order is not None
    breach = referral.court_order.breaches[0]
    assert (breach.by, len(breach.dates)) == (ParentRef.A, 2)
    binds = {c.id: c.binds for c in referral.court_order.conditions}
    assert "partner" in binds["partner"]


# --- family 3 ------------------------------------------------------------------------------


def test_family_three_problems_a_suspension_and_the_end() -> None:
    referral = Referral(
        id=uuid.UUID(int=3),
        made_on=date(2026, 9, 7),
        referrer=Referrer(kind=ReferrerKind.SELF, name="Priya Shah"),
        service=ContactCentreService(contact_type=ContactType.VIRTUAL_SUPERVISED),
        parent_a=Person(
            id="priya",
            name="Priya Shah",
            role=Role.MOTHER,
            parental_responsibility=ResponsibilityBasis.BIRTH_MOTHER,
        ),
        parent_b=Person(
            id="sam",
            name="Sam Patel",
            role=Role.FATHER,
            parental_responsibility=ResponsibilityBasis.NONE,
        ),
        children=(Child(id="kai", name="Kai Shah"),),
        arrangements=(
            Arrangement(
                id="letters",
                effective_from=date(2026, 9, 14),
                service=ContactType.INDIRECT,
                frequency="A letter a fortnight through the centre",
            ),
        ),
        status_history=(
            StatusChange(id="active", status=ReferralStatus.ACTIVE, on=date(2026, 9, 14)),
        ),
    )
    assert [p.id for p in referral.responsibility_holders] == ["priya"]
    sessions = (
        SessionRecord(
            id="v1",
            on=date(2026, 10, 5),
            attended=False,
            missed_by=ParentRef.B,
            cancelled_by=CancelledBy.PARENT_B,
            notice_hours=1,
        ),
        SessionRecord(
            id="v2",
            on=date(2026, 10, 12),
            attended=True,
            attendees=("sam", "kai"),
            service=ContactType.VIRTUAL_SUPERVISED,
        ),
        SessionRecord(
            id="v3",
            on=date(2026, 10, 19),
            attended=False,
            cancelled_by=CancelledBy.CENTRE,
            notice_hours=48,
        ),
    )
    referral = attrs.evolve(referral, sessions=sessions)
    due = coparent.review_due(referral, going_well=False, today=date(2026, 11, 1))
    # Six weeks after the first session that took place (12 October).
    assert (due.on, due.reason) == (date(2026, 11, 23), ReviewKind.PROBLEMS)
    assert "12 October 2026" in due.explanation
    suspend = coparent.record_review(
        referral, due, held_on=date(2026, 11, 23), facilitator="F", outcome=ReviewOutcome.SUSPEND
    )
    assert suspend.next_review is None
    referral = apply_review(referral, suspend)
    assert referral.status is ReferralStatus.SUSPENDED
    again = coparent.review_due(referral, going_well=False, today=date(2026, 12, 1))
    assert again.on == date(2026, 11, 23) + timedelta(weeks=6)
    assert not again.overdue
    restart = coparent.record_review(
        referral,
        again,
        held_on=date(2027, 1, 4),
        facilitator="F",
        outcome=ReviewOutcome.CHANGE_FREQUENCY,
        new_arrangement=Arrangement(
            id="weekly-video",
            effective_from=date(2027, 1, 11),
            service=ContactType.VIRTUAL_SUPERVISED,
            frequency="Weekly",
        ),
    )
    referral = apply_review(referral, restart)
    assert referral.status is ReferralStatus.ACTIVE
    end = coparent.record_review(
        referral, again, held_on=date(2027, 3, 1), facilitator="F", outcome=ReviewOutcome.END
    )
    referral = apply_review(referral, end)
    assert referral.status is ReferralStatus.CLOSED
    assert [c.status for c in referral.status_history] == [
        ReferralStatus.ACTIVE,
        ReferralStatus.SUSPENDED,
        ReferralStatus.ACTIVE,
        ReferralStatus.CLOSED,
    ]
    with pytest.raises(WorkflowError, match="closed"):
        coparent.review_due(referral, today=date(2027, 3, 2))
    with pytest.raises(WorkflowError, match="older"):
        apply_review(referral, attrs.evolve(restart, id=uuid.UUID(int=99)))


def test_an_arrangement_change_needs_the_new_arrangement() -> None:
    referral = _family_one()
    due = coparent.review_due(referral, 4, today=date(2026, 10, 24))
    with pytest.raises(coparent.ValidationError, match="/new_arrangement"):
        coparent.record_review(
            referral,
            due,
            held_on=date(2026, 10, 24),
            facilitator="F",
            outcome=ReviewOutcome.SUPERVISED_TO_SUPPORTED,
        )
    other = attrs.evolve(Referral.example(), reviews=())
    review = coparent.record_review(
        other, due, held_on=date(2026, 10, 24), facilitator="F", outcome=ReviewOutcome.CONTINUE
    )
    with pytest.raises(WorkflowError, match="written for"):
        apply_review(referral, review)


# --- properties ----------------------------------------------------------------------------

COURT_KINDS = {
    ReviewKind.BEFORE_HEARING,
    ReviewKind.BEFORE_FINAL_HEARING,
    ReviewKind.BEFORE_STOP_DATE,
}


@settings(max_examples=60, deadline=None)
@given(
    held_on=st.dates(date(2026, 9, 27), date(2027, 2, 26)),
    going_well=st.booleans(),
    court=st.booleans(),
    outcome=st.sampled_from([ReviewOutcome.CONTINUE, ReviewOutcome.EXTEND]),
)
def test_after_a_review_nothing_is_overdue_and_the_margin_agrees(
    held_on: date, going_well: bool, court: bool, outcome: ReviewOutcome
) -> None:
    referral = _family_one() if court else attrs.evolve(_family_one(), court_order=None)
    days = [date(2026, 9, 26) + timedelta(weeks=i) for i in range(30)]
    sessions = tuple(
        SessionRecord(id=f"s{i}", on=d, attended=True) for i, d in enumerate(days) if d < held_on
    )
    referral = attrs.evolve(referral, sessions=sessions)
    due = coparent.review_due(referral, going_well=going_well, today=held_on)
    assert due.on >= held_on
    review = coparent.record_review(
        referral, due, held_on=held_on, facilitator="F", outcome=outcome
    )
    updated = apply_review(referral, review)
    assert [r.held_on for r in updated.reviews] == sorted(r.held_on for r in updated.reviews)
    after = coparent.review_due(updated, going_well=going_well, today=held_on)
    assert not after.overdue
    assert after.on > held_on
    assert after.sessions_held == 0
    if after.reason in COURT_KINDS:
        # review_due and record_review use the one margin: they name the same day.
        assert review.next_review == after.on
    assert review.next_review is not None
    order = referral.court_order
    if (
        order is not None
        and order.stop_date is not None
        and held_on < order.stop_date - COURT_MARGIN
    ):
        assert review.next_review <= order.stop_date - COURT_MARGIN
