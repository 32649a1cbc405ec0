"""The review workflow at a child contact centre: when a review is due, and what it changes.

Practice (DOMAIN.md section 4, from contact-centre guidance): a review is held after about
4 sessions when contact is going well, after about 6 weeks when there have been problems, and,
for court-referred families, before their last court date. The thresholds are keyword
parameters of :func:`review_due` with those defaults; the margin before the final hearing
(2 weeks by default) is coparent's choice, so that a report can reach the court in time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import attrs

from .errors import ErrorDetail, ValidationError
from .model import (
    ParentingPlan,
    PlanProgress,
    Referral,
    Review,
    ReviewKind,
    ReviewOutcome,
    SessionRecord,
    TransitionStep,
)
from .model._base import new_uuid

__all__ = [
    "OUTCOMES_WITHOUT_NEXT_REVIEW",
    "ReviewDue",
    "record_review",
    "review_due",
    "update_plan_from_review",
]

#: Outcomes after which the family leaves the centre, so no next review is booked by default.
OUTCOMES_WITHOUT_NEXT_REVIEW = frozenset(
    {ReviewOutcome.INDEPENDENT, ReviewOutcome.REFER_ELSEWHERE, ReviewOutcome.END}
)


@attrs.frozen(kw_only=True)
class ReviewDue:
    """When a family's review is due, and why.

    ``reason`` is the rule that set the date; ``overdue`` is true when that rule's date had
    already passed, in which case ``on`` is ``today``. ``explanation`` says it in a sentence.
    """

    on: date
    reason: ReviewKind
    explanation: str
    overdue: bool = False
    sessions_held: int = 0


def _count(sessions: int | Sequence[SessionRecord]) -> tuple[int, date | None]:
    if isinstance(sessions, bool | str) or not isinstance(sessions, int | Sequence):
        raise TypeError("sessions_held must be a number or a list of SessionRecord")
    if isinstance(sessions, int):
        if sessions < 0:
            raise ValidationError(
                [ErrorDetail(path="/sessions_held", message="must not be negative")],
                what="the review-due question",
            )
        return sessions, None
    attended = sorted(s.on for s in sessions if s.attended)
    return len(attended), (attended[0] if attended else None)


def review_due(
    referral: Referral,
    sessions_held: int | Sequence[SessionRecord],
    going_well: bool,
    *,
    today: date,
    first_session: date | None = None,
    session_interval: timedelta = timedelta(weeks=1),
    after_sessions: int = 4,
    after_problems: timedelta = timedelta(weeks=6),
    before_final_hearing: timedelta = timedelta(weeks=2),
) -> ReviewDue:
    """When the family's next review is due, and why.

    Going well: after ``after_sessions`` sessions, counting ahead at ``session_interval`` from
    ``today`` for the sessions still to come (overdue once more sessions than that are held).
    Problems: ``after_problems`` after the first session (``first_session``, or the first
    attended session when ``sessions_held`` is a list of :class:`~coparent.SessionRecord`, or
    else the referral date). Court-referred families with a final hearing date: never later
    than ``before_final_hearing`` before it.
    """
    held, first_attended = _count(sessions_held)
    if after_sessions < 1:
        raise ValueError("after_sessions must be at least 1")
    first = first_session or first_attended or referral.made_on
    if going_well:
        remaining = max(0, after_sessions - held)
        on = today + session_interval * remaining
        reason = ReviewKind.GOING_WELL
        explanation = (
            f"Contact is going well: review after {after_sessions} sessions ({held} held so far)."
        )
        overdue = held > after_sessions  # The review was due at the last session but one.
    else:
        rule_date = first + after_problems
        on = max(today, rule_date)
        overdue = rule_date < today
        reason = ReviewKind.PROBLEMS
        weeks = after_problems.days / 7
        explanation = (
            f"Contact has had problems: review about {weeks:g} weeks after the first session "
            f"on {first.isoformat()}."
        )
    order = referral.court_order
    if referral.court_referred and order is not None and order.final_hearing is not None:
        latest = order.final_hearing - before_final_hearing
        if latest < on:
            overdue = latest < today
            on = max(today, latest)
            reason = ReviewKind.BEFORE_FINAL_HEARING
            explanation = (
                f"Court-referred: review at least {before_final_hearing.days} days before the "
                f"final hearing on {order.final_hearing.isoformat()}."
            )
    if overdue:
        explanation += " The date has passed: the review is due now."
    return ReviewDue(
        on=on, reason=reason, explanation=explanation, overdue=overdue, sessions_held=held
    )


def record_review(
    referral: Referral,
    due: ReviewDue,
    *,
    held_on: date,
    facilitator: str,
    outcome: ReviewOutcome,
    agreed_steps: Iterable[TransitionStep] = (),
    long_term_goal: str = "",
    next_review: date | None = None,
    sessions: Iterable[SessionRecord] = (),
    plan: ParentingPlan | None = None,
    plan_progress: PlanProgress = PlanProgress.NOT_STARTED,
    outcome_reason: str = "",
    review_interval: timedelta = timedelta(weeks=8),
    max_step_horizon: timedelta = timedelta(days=92),
    updated_at: datetime | None = None,
    review_id: uuid.UUID | None = None,
) -> Review:
    """The record of a review held now: the next state of the family's time at the centre.

    Parents and children come from the referral. The agreed steps are short-term (1 to 3
    months): each needs a target date after ``held_on`` and within ``max_step_horizon``.
    ``next_review`` defaults to ``held_on + review_interval`` unless the outcome means the
    family leaves the centre (:data:`OUTCOMES_WITHOUT_NEXT_REVIEW`), and never falls after a
    court stop date. Problems raise :class:`~coparent.ValidationError`, each by path.
    """
    steps = tuple(agreed_steps)
    problems: list[ErrorDetail] = []
    for i, step in enumerate(steps):
        path = f"/agreed_steps/{i}/target_date"
        if step.target_date is None:
            problems.append(ErrorDetail(path=path, message="an agreed step needs a target date"))
        elif not held_on < step.target_date <= held_on + max_step_horizon:
            problems.append(
                ErrorDetail(
                    path=path,
                    message=(
                        f"must be after the review ({held_on.isoformat()}) and within "
                        f"{max_step_horizon.days} days of it: steps are short-term"
                    ),
                )
            )
    if next_review is None and outcome not in OUTCOMES_WITHOUT_NEXT_REVIEW:
        next_review = held_on + review_interval
        stop = referral.court_order.stop_date if referral.court_order else None
        if stop is not None and stop > held_on:
            next_review = min(next_review, stop)
    if next_review is not None and next_review <= held_on:
        problems.append(ErrorDetail(path="/next_review", message="must be after the review date"))
    if problems:
        raise ValidationError(problems, what="the review")
    return Review(
        id=review_id or new_uuid(),
        referral_id=referral.id,
        plan_id=plan.id if plan is not None else None,
        held_on=held_on,
        updated_at=updated_at,
        language=referral.language,
        reason=due.reason,
        facilitator=facilitator,
        parent_a=referral.parent_a,
        parent_b=referral.parent_b,
        children=referral.children,
        sessions=tuple(sessions),
        plan_progress=plan_progress,
        outcome=outcome,
        outcome_reason=outcome_reason,
        agreed_steps=steps,
        long_term_goal=long_term_goal,
        next_review=next_review,
    )


def update_plan_from_review(plan: ParentingPlan, review: Review) -> ParentingPlan:
    """The plan with its transition steps brought in step with a review's agreed steps.

    Steps are matched by id: a step the review agreed replaces the plan's step of the same id
    (description, target date, conditions, status); a new step is added at the end; the plan's
    other steps stay as they were. A non-empty long-term goal in the review replaces the plan's.
    """
    if review.plan_id is not None and review.plan_id != plan.id:
        raise ValidationError(
            [
                ErrorDetail(
                    path="/plan_id",
                    message=(
                        f"the review is for plan {review.plan_id}, not plan {plan.id}; "
                        "apply it to the plan it was written for"
                    ),
                )
            ],
            what="the review",
        )
    agreed = {s.id: s for s in review.agreed_steps}
    steps = [agreed.pop(s.id, s) for s in plan.transition.steps]
    steps += [s for s in review.agreed_steps if s.id in agreed]
    transition = attrs.evolve(
        plan.transition,
        steps=tuple(steps),
        long_term_goal=review.long_term_goal or plan.transition.long_term_goal,
    )
    return attrs.evolve(plan, transition=transition)
