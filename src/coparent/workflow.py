"""The case record's rules at a child contact centre: when a review is due, and what it changes.

Practice (PRACTICE.md, from contact-centre guidance [S7], [S10]): a review is held after about
4 sessions when contact is going well, after about 6 weeks when there have been problems, and,
for court-referred families, before their court dates. Sessions and weeks are counted from
the **last review** (or from the start, before the first one). A court date is a hearing
(the next one or the final one) or the court's stop date for contact at the centre; a review
is due no later than :data:`COURT_MARGIN` before each court date still to come, so that a
report can reach the court in time. :func:`review_due` and :func:`record_review` share that one
margin, so the review a family is told is due and the next review a record books agree.

Parenting-programme referrals have no centre reviews: both functions refuse them with a
:class:`~coparent.errors.WorkflowError`; a programme is tracked on its own record (who is
directed, the provider, the deadline, attendance, the certificate and the report to court).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import attrs

from .errors import ErrorDetail, ValidationError, WorkflowError
from .formatting import format_date
from .i18n import N_, P_
from .model import (
    Arrangement,
    ParentingPlan,
    PlanProgress,
    Referral,
    ReferralStatus,
    Review,
    ReviewAttendee,
    ReviewEntry,
    ReviewKind,
    ReviewOutcome,
    SessionRecord,
    StatusChange,
    TransitionStep,
)
from .model._base import new_uuid
from .model.review import OUTCOMES_CHANGING_ARRANGEMENT

__all__ = [
    "COURT_MARGIN",
    "OUTCOMES_WITHOUT_NEXT_REVIEW",
    "ReviewDue",
    "apply_review",
    "court_dates",
    "record_review",
    "review_due",
    "update_plan_from_review",
]

#: How long before each court date (a hearing, or the stop date) the review is held at the
#: latest, so a report can reach the court. Shared by :func:`review_due` and
#: :func:`record_review`; coparent's choice, not a rule of practice.
COURT_MARGIN = timedelta(weeks=2)

#: Outcomes after which the family leaves the centre, so no next review is booked by default.
OUTCOMES_WITHOUT_NEXT_REVIEW = frozenset(
    {
        ReviewOutcome.INDEPENDENT,
        ReviewOutcome.REFER_ELSEWHERE,
        ReviewOutcome.END,
        ReviewOutcome.BACK_TO_COURT,
    }
)

#: The status a review's outcome puts the referral in (outcomes not listed keep it active).
_STATUS_AFTER = {
    ReviewOutcome.INDEPENDENT: ReferralStatus.CLOSED,
    ReviewOutcome.REFER_ELSEWHERE: ReferralStatus.CLOSED,
    ReviewOutcome.END: ReferralStatus.CLOSED,
    ReviewOutcome.SUSPEND: ReferralStatus.SUSPENDED,
}

_ENDED = frozenset({ReferralStatus.DECLINED, ReferralStatus.CLOSED})


@attrs.frozen(kw_only=True)
class ReviewDue:
    """When a family's review is due, and why.

    ``reason`` is the rule that set the date; ``overdue`` is true when that rule's date had
    already passed, in which case ``on`` is ``today``. ``explanation`` says it in plain
    English. ``sessions_held`` counts the sessions that took place since ``since`` (the last
    review, or ``None`` before the first).
    """

    on: date
    reason: ReviewKind
    explanation: str
    overdue: bool = False
    sessions_held: int = 0
    since: date | None = None


def court_dates(referral: Referral) -> tuple[tuple[date, ReviewKind, str], ...]:
    """The court dates a review must come before: each date, the review kind and its name."""
    order = referral.court_order
    if order is None:
        return ()
    dates = [
        (order.next_hearing, ReviewKind.BEFORE_HEARING, "the next hearing"),
        (order.final_hearing, ReviewKind.BEFORE_FINAL_HEARING, "the final hearing"),
        (order.stop_date, ReviewKind.BEFORE_STOP_DATE, "the court's stop date for the centre"),
    ]
    return tuple(sorted((d, k, n) for d, k, n in dates if d is not None))


def _refuse_programme(referral: Referral, what: str) -> None:
    if referral.is_programme:
        raise WorkflowError(
            P_(
                "{what}: this is a referral to a parenting programme, and programmes have no "
                "contact-centre reviews. Track who is directed, the deadline, attendance, the "
                "certificate and the report to court on the programme itself "
                "(service.attendance)."
            ).format(what=what)
        )


def _count(
    referral: Referral, sessions: int | Sequence[SessionRecord] | None, since: date | None
) -> tuple[int, date | None]:
    if sessions is None:
        sessions = referral.sessions
    if isinstance(sessions, bool | str) or not isinstance(sessions, int | Sequence):
        raise TypeError("sessions_held must be a number, a list of SessionRecord or None")
    if isinstance(sessions, int):
        if sessions < 0:
            raise ValidationError(
                [ErrorDetail(path="/sessions_held", message="must not be negative")],
                what="the review-due question",
            )
        return sessions, None
    attended = sorted(s.on for s in sessions if s.attended and (since is None or s.on > since))
    return len(attended), (attended[0] if attended else None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def review_due(
    referral: Referral,
    sessions_held: int | Sequence[SessionRecord] | None = None,
    going_well: bool = True,
    *,
    today: date,
    first_session: date | None = None,
    last_review: date | None = None,
    session_interval: timedelta = timedelta(weeks=1),
    after_sessions: int = 4,
    after_problems: timedelta = timedelta(weeks=6),
    court_margin: timedelta = COURT_MARGIN,
) -> ReviewDue:
    """When the family's next review is due, and why, in plain English.

    Everything counts from the last review (``last_review``, else the last of
    ``referral.reviews``), or from the start before the first review. ``sessions_held`` is the
    referral's own sessions when left out; a list of :class:`~coparent.SessionRecord` counts
    those that took place after the last review; a number is taken as the count since then.

    Going well: after ``after_sessions`` sessions, counting ahead at ``session_interval`` from
    ``today`` for those still to come (overdue once more than that are held). Problems:
    ``after_problems`` after the last review, else after the first session (``first_session``,
    or the first that took place, or the referral date). Court-referred: never later than
    ``court_margin`` before each court date still to come (hearings and the stop date) that
    no review has already been held for.

    Raises :class:`~coparent.errors.WorkflowError` for a programme referral, a referral that
    is closed or declined, or a centre referral past its court stop date.
    """
    _refuse_programme(referral, N_("No review is due"))
    if referral.status in _ENDED:
        raise WorkflowError(
            P_("No review is due: the referral is {status}.").format(
                status=referral.status.label.lower()
            )
        )
    order = referral.court_order
    if order is not None and order.stop_date is not None and order.stop_date < today:
        raise WorkflowError(
            P_(
                "No review is due: contact at the centre ended on the court's stop date, {date}."
            ).format(date=format_date(order.stop_date))
        )
    if after_sessions < 1:
        raise ValueError("after_sessions must be at least 1")
    since = last_review or referral.last_review
    held, first_attended = _count(referral, sessions_held, since)
    counted = f"since the last review on {format_date(since)}" if since else "so far"
    if going_well:
        remaining = max(0, after_sessions - held)
        on = today + session_interval * remaining
        reason = ReviewKind.GOING_WELL
        overdue = held > after_sessions  # The review was due at the last session but one.
        explanation = (
            f"Contact is going well, so a review is held after {after_sessions} sessions; "
            f"{_plural(held, 'session')} {'has' if held == 1 else 'have'} taken place {counted}."
        )
    else:
        start = since or first_session or first_attended or referral.made_on
        rule_date = start + after_problems
        on = max(today, rule_date)
        overdue = rule_date < today
        reason = ReviewKind.PROBLEMS
        weeks = after_problems.days / 7
        what = "the last review" if since else "the first session"
        explanation = (
            f"Contact has had problems, so a review is held about {weeks:g} weeks after "
            f"{what} on {format_date(start)}."
        )
    for court_date, kind, name in court_dates(referral):
        latest = court_date - court_margin
        if court_date < today or (since is not None and since >= latest):
            continue  # Past, or a review was already held for it.
        if latest < on:
            overdue = latest < today
            on = max(today, latest)
            reason = kind
            explanation = (
                f"The family is court-referred: a review is held at least "
                f"{_plural(court_margin.days, 'day')} before {name} on "
                f"{format_date(court_date)}, so the court can have a report in time."
            )
        break  # Later court dates are after this one.
    explanation += (
        " That date has passed: the review is due now."
        if overdue
        else f" It is due on {format_date(on)}."
    )
    return ReviewDue(
        on=on,
        reason=reason,
        explanation=explanation,
        overdue=overdue,
        sessions_held=held,
        since=since,
    )


def default_next_review(
    referral: Referral,
    held_on: date,
    *,
    review_interval: timedelta = timedelta(weeks=8),
    court_margin: timedelta = COURT_MARGIN,
) -> date:
    """The next review after one held on ``held_on``: ``review_interval`` later, but no later
    than ``court_margin`` before the next court date that this review does not already serve."""
    next_review = held_on + review_interval
    for court_date, _kind, _name in court_dates(referral):
        latest = court_date - court_margin
        if latest > held_on:
            next_review = min(next_review, latest)
            break
    return next_review


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
    sessions: Iterable[SessionRecord] | None = None,
    plan: ParentingPlan | None = None,
    plan_progress: PlanProgress = PlanProgress.NOT_STARTED,
    outcome_reason: str = "",
    new_arrangement: Arrangement | None = None,
    attendees: Iterable[ReviewAttendee] = (),
    child_seen: bool | None = None,
    review_interval: timedelta = timedelta(weeks=8),
    court_margin: timedelta = COURT_MARGIN,
    max_step_horizon: timedelta = timedelta(days=92),
    updated_at: datetime | None = None,
    review_id: uuid.UUID | None = None,
) -> Review:
    """The record of a review held now: the next state of the family's time at the centre.

    Parents and children come from the referral; ``sessions`` defaults to the referral's
    sessions since its last review. The agreed steps are short-term (1 to 3 months): each
    needs a target date after ``held_on`` and within ``max_step_horizon``. ``next_review``
    defaults to ``held_on + review_interval``, but never later than :data:`COURT_MARGIN`
    before the next court date (the same rule as :func:`review_due`), unless the outcome means
    the family leaves the centre or goes back to court (:data:`OUTCOMES_WITHOUT_NEXT_REVIEW`)
    or contact is suspended. An outcome that changes the arrangement needs
    ``new_arrangement``. Problems raise :class:`~coparent.ValidationError`, each by path; a
    programme referral raises :class:`~coparent.errors.WorkflowError`. Apply the result to
    the referral with :func:`apply_review`.
    """
    _refuse_programme(referral, N_("A centre review cannot be recorded"))
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
    if outcome in OUTCOMES_CHANGING_ARRANGEMENT and new_arrangement is None:
        problems.append(
            ErrorDetail(
                path="/new_arrangement",
                message=(
                    f"the outcome ({outcome.label.lower()}) changes the arrangement: say what "
                    "the new one is and the date it starts"
                ),
            )
        )
    if new_arrangement is not None and new_arrangement.effective_from < held_on:
        problems.append(
            ErrorDetail(path="/new_arrangement", message="must not start before the review")
        )
    leaves = outcome in OUTCOMES_WITHOUT_NEXT_REVIEW or outcome is ReviewOutcome.SUSPEND
    if next_review is None and not leaves:
        next_review = default_next_review(
            referral, held_on, review_interval=review_interval, court_margin=court_margin
        )
    if next_review is not None and next_review <= held_on:
        problems.append(ErrorDetail(path="/next_review", message="must be after the review date"))
    if problems:
        raise ValidationError(problems, what="the review")
    since = referral.last_review
    if sessions is None:
        sessions = [s for s in referral.sessions if since is None or s.on > since]
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
        attendees=tuple(attendees),
        child_seen=child_seen,
        sessions=tuple(sessions),
        plan_progress=plan_progress,
        outcome=outcome,
        outcome_reason=outcome_reason,
        new_arrangement=new_arrangement,
        agreed_steps=steps,
        long_term_goal=long_term_goal,
        next_review=next_review,
    )


def _free_id(base: str, taken: Iterable[str]) -> str:
    used = set(taken)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def apply_review(referral: Referral, review: Review) -> Referral:
    """The referral brought up to date by a review, in one call.

    The review joins the referral's reviews (once: applying the same review again changes
    nothing more); its new arrangement, if any, becomes the current arrangement from its date,
    with the earlier ones kept as history; its sessions join the referral's; and the status
    follows the outcome (suspended, closed, or active again after a suspension).

    Raises :class:`~coparent.errors.WorkflowError`, saying why, when the review is for
    another referral, is older than the referral's last review, or brings an arrangement that
    starts before the current one, or when the referral is to a parenting programme.
    """
    _refuse_programme(referral, N_("A centre review cannot be applied"))
    if review.referral_id is not None and review.referral_id != referral.id:
        raise WorkflowError(
            P_(
                "This review is for referral {review}, not {referral}; apply it to the referral "
                "it was written for."
            ).format(review=review.referral_id, referral=referral.id)
        )
    entries = sorted(
        (r for r in referral.reviews if r.review_id != review.id), key=lambda r: r.held_on
    )
    if entries and review.held_on < entries[-1].held_on:
        raise WorkflowError(
            P_(
                "This review ({held_on}) is older than the referral's last review ({last}); "
                "apply reviews in the order held."
            ).format(held_on=format_date(review.held_on), last=format_date(entries[-1].held_on))
        )
    old = {r.review_id: r for r in referral.reviews}.get(review.id)
    entry_id = (
        old.id if old else _free_id(f"review-{review.held_on.isoformat()}", (r.id for r in entries))
    )
    entries.append(
        ReviewEntry(
            id=entry_id,
            review_id=review.id,
            held_on=review.held_on,
            outcome=review.outcome,
            next_review=review.next_review,
        )
    )
    arrangements = list(referral.arrangements)
    new = review.new_arrangement
    if new is not None:
        arrangements = sorted(
            (a for a in arrangements if a.id != new.id), key=lambda a: a.effective_from
        )
        if arrangements and new.effective_from <= arrangements[-1].effective_from:
            raise WorkflowError(
                P_(
                    "The review's new arrangement starts on {start}, not after the current one "
                    "(from {current}); an arrangement is changed from a later date, so the "
                    "history stays true."
                ).format(
                    start=format_date(new.effective_from),
                    current=format_date(arrangements[-1].effective_from),
                )
            )
        arrangements.append(new)
    known = {s.id for s in referral.sessions}
    sessions = sorted(
        [*referral.sessions, *(s for s in review.sessions if s.id not in known)],
        key=lambda s: s.on,
    )
    history = sorted(referral.status_history, key=lambda c: c.on)
    status = _STATUS_AFTER.get(review.outcome) if review.outcome else None
    if status is None and referral.status is ReferralStatus.SUSPENDED:
        status = ReferralStatus.ACTIVE
    if status is not None and status is not referral.status:
        if history and review.held_on < history[-1].on:
            raise WorkflowError(
                P_(
                    "The referral's status changed on {changed}, after this review ({held_on})."
                ).format(changed=format_date(history[-1].on), held_on=format_date(review.held_on))
            )
        history.append(
            StatusChange(
                id=_free_id(
                    f"{status.value}-{review.held_on.isoformat()}", (c.id for c in history)
                ),
                status=status,
                on=review.held_on,
            )
        )
    return attrs.evolve(
        referral,
        reviews=tuple(entries),
        arrangements=tuple(arrangements),
        sessions=tuple(sessions),
        status_history=tuple(history),
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
