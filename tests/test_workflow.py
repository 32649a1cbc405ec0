"""The review workflow: when a review is due, recording one, and keeping the plan in step."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import ParentingPlan, Referral, Review
from coparent.errors import WorkflowError
from coparent.model import (
    ReferrerKind,
    ReviewKind,
    ReviewOutcome,
    SessionRecord,
    StepStatus,
    TransitionStep,
)

# Court-referred: next hearing 2027-01-20, final hearing 2027-03-10, stop date 2027-03-06.
# The example is the record after its first review; these tests start before any review.
REFERRAL = attrs.evolve(Referral.example(), reviews=(), sessions=())
SELF = attrs.evolve(
    REFERRAL,
    referrer=attrs.evolve(REFERRAL.referrer, kind=ReferrerKind.SELF),
    court_order=None,
)
TODAY = date(2026, 11, 2)


def test_going_well_is_due_after_four_sessions() -> None:
    due = coparent.review_due(SELF, 2, True, today=TODAY)
    assert (due.on, due.reason, due.overdue) == (
        TODAY + timedelta(weeks=2),
        ReviewKind.GOING_WELL,
        False,
    )
    assert "4 sessions" in due.explanation
    assert coparent.review_due(SELF, 4, True, today=TODAY).on == TODAY
    late = coparent.review_due(SELF, 5, True, today=TODAY)
    assert (late.on, late.overdue) == (TODAY, True)
    fortnightly = coparent.review_due(
        SELF, 1, True, today=TODAY, session_interval=timedelta(weeks=2)
    )
    assert fortnightly.on == TODAY + timedelta(weeks=6)
    assert coparent.review_due(
        SELF, 3, True, today=TODAY, after_sessions=6
    ).on == TODAY + timedelta(weeks=3)


def test_problems_are_due_about_six_weeks_after_the_first_session() -> None:
    sessions = [
        SessionRecord(id="a", on=date(2026, 10, 10), attended=False),
        SessionRecord(id="b", on=date(2026, 10, 17), attended=True),
        SessionRecord(id="c", on=date(2026, 10, 24), attended=True),
    ]
    due = coparent.review_due(SELF, sessions, False, today=TODAY)
    assert (due.on, due.reason, due.sessions_held) == (date(2026, 11, 28), ReviewKind.PROBLEMS, 2)
    late = coparent.review_due(SELF, sessions, False, today=date(2026, 12, 5))
    assert (late.on, late.overdue) == (date(2026, 12, 5), True)
    assert "due now" in late.explanation
    # With no sessions, the six weeks run from the referral.
    assert coparent.review_due(SELF, 0, False, today=date(2026, 9, 15)).on == date(2026, 10, 26)


def test_court_referred_families_are_reviewed_before_each_court_date() -> None:
    # The stop date (6 March) comes before the final hearing (10 March), so it sets the date.
    due = coparent.review_due(REFERRAL, 0, True, today=date(2027, 2, 10))
    assert (due.on, due.reason) == (date(2027, 2, 20), ReviewKind.BEFORE_STOP_DATE)
    assert "6 March 2027" in due.explanation
    assert "20 February 2027" in due.explanation
    # Before the next hearing (20 January), it is that hearing.
    hearing = coparent.review_due(REFERRAL, 0, True, today=date(2026, 12, 20))
    assert (hearing.on, hearing.reason) == (date(2027, 1, 6), ReviewKind.BEFORE_HEARING)
    early = coparent.review_due(REFERRAL, 3, True, today=TODAY)
    assert early.reason is ReviewKind.GOING_WELL
    margin = coparent.review_due(
        REFERRAL, 0, True, today=date(2027, 2, 10), court_margin=timedelta(weeks=3)
    )
    assert margin.on == date(2027, 2, 13)
    past = coparent.review_due(REFERRAL, 0, True, today=date(2027, 3, 1))
    assert (past.on, past.overdue, past.reason) == (
        date(2027, 3, 1),
        True,
        ReviewKind.BEFORE_STOP_DATE,
    )
    assert "due now" in past.explanation
    no_stop = attrs.evolve(REFERRAL, court_order=attrs.evolve(REFERRAL.court_order, stop_date=None))
    final = coparent.review_due(no_stop, 0, True, today=date(2027, 2, 10))
    assert (final.on, final.reason) == (date(2027, 2, 24), ReviewKind.BEFORE_FINAL_HEARING)


def test_after_the_stop_date_no_review_is_due() -> None:
    with pytest.raises(WorkflowError, match="stop date, 6 March 2027"):
        coparent.review_due(REFERRAL, 0, True, today=date(2027, 3, 7))


def test_bad_questions_are_refused() -> None:
    with pytest.raises(coparent.ValidationError, match="/sessions_held"):
        coparent.review_due(SELF, -1, True, today=TODAY)
    with pytest.raises(TypeError):
        coparent.review_due(SELF, True, True, today=TODAY)  # type: ignore[arg-type]  # the point of the test


@given(
    held=st.integers(0, 20),
    going_well=st.booleans(),
    today=st.dates(date(2026, 9, 1), date(2027, 3, 6)),
    court=st.booleans(),
)
def test_the_due_date_is_never_past_and_never_after_the_hearing_margin(
    held: int, going_well: bool, today: date, court: bool
) -> None:
    referral = REFERRAL if court else SELF
    due = coparent.review_due(referral, held, going_well, today=today)
    assert due.on >= today
    if due.overdue:
        assert due.on == today
        assert "due now" in due.explanation
    if going_well and not court:
        assert due.on == today + timedelta(weeks=max(0, 4 - held))
        assert due.overdue == (held > 4)
    if court:
        assert due.on <= max(today, date(2027, 3, 6) - timedelta(weeks=2))
        if today <= date(2027, 1, 20):
            assert due.on <= max(today, date(2027, 1, 6))
    else:
        assert due.reason in (ReviewKind.GOING_WELL, ReviewKind.PROBLEMS)


STEPS = (
    TransitionStep(
        id="step-2",
        description="Handovers at the library through Non.",
        target_date=date(2027, 1, 15),
        status=StepStatus.IN_PROGRESS,
    ),
    TransitionStep(
        id="step-4", description="A first overnight stay.", target_date=date(2027, 2, 5)
    ),
)


def test_recording_a_review_gives_the_next_state() -> None:
    due = coparent.review_due(REFERRAL, 4, True, today=date(2026, 11, 14))
    review = coparent.record_review(
        REFERRAL,
        due,
        held_on=date(2026, 11, 14),
        facilitator="Gwen Price",
        outcome=ReviewOutcome.CONTINUE,
        agreed_steps=STEPS,
        long_term_goal="Independent contact.",
        plan=ParentingPlan.example(),
    )
    assert review.reason is ReviewKind.GOING_WELL
    assert review.referral_id == REFERRAL.id
    assert review.plan_id == ParentingPlan.example().id
    assert review.agreed_steps == STEPS
    # Eight weeks on would be 9 January, but the next hearing is on 20 January: two weeks
    # before it, the same margin review_due uses.
    assert review.next_review == date(2027, 1, 20) - coparent.workflow.COURT_MARGIN
    assert (review.parent_a, review.children) == (REFERRAL.parent_a, REFERRAL.children)
    assert coparent.from_json(coparent.to_json(review), Review) == review
    # After the hearing, the next review comes two weeks before the court's stop date.
    late = coparent.record_review(REFERRAL, due, held_on=date(2027, 2, 1), facilitator="G",
                                  outcome=ReviewOutcome.EXTEND)  # fmt: skip
    assert late.next_review == date(2027, 2, 20)
    leaving = coparent.record_review(REFERRAL, due, held_on=date(2027, 2, 1), facilitator="G",
                                     outcome=ReviewOutcome.INDEPENDENT)  # fmt: skip
    assert leaving.next_review is None


def test_agreed_steps_must_be_short_term_and_dated() -> None:
    due = coparent.review_due(REFERRAL, 4, True, today=date(2026, 11, 14))
    bad = (
        TransitionStep(id="a", description="No date."),
        TransitionStep(id="b", description="Too far.", target_date=date(2027, 6, 1)),
        TransitionStep(id="c", description="Fine.", target_date=date(2026, 12, 1)),
    )
    with pytest.raises(coparent.ValidationError) as e:
        coparent.record_review(REFERRAL, due, held_on=date(2026, 11, 14), facilitator="G",
                               outcome=ReviewOutcome.CONTINUE, agreed_steps=bad,
                               next_review=date(2026, 11, 1))  # fmt: skip
    assert [d.path for d in e.value.errors] == [
        "/agreed_steps/0/target_date",
        "/agreed_steps/1/target_date",
        "/next_review",
    ]


def test_the_plan_takes_the_reviews_agreed_steps() -> None:
    plan = ParentingPlan.example()
    review = attrs.evolve(Review.example(), agreed_steps=STEPS)
    updated = coparent.update_plan_from_review(plan, review)
    by_id = {s.id: s for s in updated.transition.steps}
    assert [s.id for s in updated.transition.steps] == ["step-1", "step-2", "step-3", "step-4"]
    assert by_id["step-2"] == STEPS[0]
    assert by_id["step-4"] == STEPS[1]
    assert by_id["step-1"] == plan.transition.steps[0]
    assert by_id["step-3"] == plan.transition.steps[2]
    assert updated.transition.long_term_goal == review.long_term_goal
    assert coparent.update_plan_from_review(updated, review) == updated
    other = attrs.evolve(review, plan_id=coparent.model.new_uuid())
    with pytest.raises(coparent.ValidationError, match="/plan_id"):
        coparent.update_plan_from_review(plan, other)


@given(st.lists(st.sampled_from(["step-1", "step-2", "step-3", "new-1", "new-2"]), unique=True))
def test_updating_the_plan_keeps_every_step_and_is_idempotent(ids: list[str]) -> None:
    plan = ParentingPlan.example()
    steps = tuple(
        TransitionStep(id=i, description=f"Agreed {i}", status=StepStatus.IN_PROGRESS) for i in ids
    )
    review = attrs.evolve(Review.example(), agreed_steps=steps, long_term_goal="")
    updated = coparent.update_plan_from_review(plan, review)
    by_id = {s.id: s for s in updated.transition.steps}
    assert set(by_id) == {s.id for s in plan.transition.steps} | set(ids)
    for s in steps:
        assert by_id[s.id] == s
    for s in plan.transition.steps:
        if s.id not in ids:
            assert by_id[s.id] == s
    assert updated.transition.long_term_goal == plan.transition.long_term_goal
    assert coparent.update_plan_from_review(updated, review) == updated
