"""A review at the contact centre: how contact has gone and what happens next."""

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
    aware_datetime,
    child_words_field,
    meta,
    shareable_field,
    unique_ids,
    withheld_paths_field,
)
from .case import Arrangement, ReviewAttendee, ReviewOutcome, SessionRecord
from .people import Child, Person, TwoParentDocument
from .plan import TransitionStep

__all__ = [
    "OUTCOMES_CHANGING_ARRANGEMENT",
    "PlanProgress",
    "Review",
    "ReviewKind",
    "ReviewOutcome",
    "SessionRecord",
]

#: Outcomes that change the arrangement, so a review with one of them names the new one.
OUTCOMES_CHANGING_ARRANGEMENT = frozenset(
    {
        ReviewOutcome.SUPERVISED_TO_SUPPORTED,
        ReviewOutcome.HANDOVER_ONLY,
        ReviewOutcome.STEP_DOWN,
        ReviewOutcome.CHANGE_FREQUENCY,
    }
)


class ReviewKind(Choice):
    """Why the review is held now."""

    GOING_WELL = "going_well", "After about 4 sessions, contact going well"
    PROBLEMS = "problems", "After about 6 weeks, contact has had problems"
    BEFORE_FINAL_HEARING = "before_final_hearing", "Before the last court date"
    REQUESTED = "requested", "Asked for by a parent or the centre"
    BEFORE_HEARING = "before_hearing", "Before a court hearing"
    BEFORE_STOP_DATE = "before_stop_date", "Before the court's stop date"


class PlanProgress(Choice):
    """How far the parenting plan has got."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


@attrs.frozen(kw_only=True, repr=False)
class Review(TwoParentDocument):
    """The record of a review meeting at a child contact centre."""

    RULES: ClassVar[Mapping[str, str]] = {
        "new_arrangement": "starts on or after the review; none when suspended",
        "next_review": "the next review is after the review",
    }

    KIND: ClassVar[str] = "review"
    SCHEMA_VERSION: ClassVar[int] = 2

    id: uuid.UUID = attrs.field(
        metadata=meta("Review id", "A unique id for this review.", format="uuid")
    )
    referral_id: uuid.UUID | None = attrs.field(
        default=None, metadata=meta("Referral", "The id of the family's referral.", format="uuid")
    )
    plan_id: uuid.UUID | None = attrs.field(
        default=None, metadata=meta("Parenting plan", "The id of the plan.", format="uuid")
    )
    family_reference: str = attrs.field(
        default="",
        metadata=meta("Family reference", "The contact centre's reference for the family."),
    )
    held_on: date = attrs.field(
        metadata=meta("Date of the review", "The date of the review meeting.")
    )
    updated_at: datetime | None = attrs.field(
        default=None,
        validator=aware_datetime,
        metadata=meta("Last changed", "When the review record was last changed."),
    )
    language: str = attrs.field(
        default="en-GB",
        metadata=meta("Language", "The language the record is written in, e.g. en-GB or cy-GB."),
    )
    reason: ReviewKind = attrs.field(
        metadata=meta("Why the review is held", "Why the review is held now.")
    )
    facilitator: str = attrs.field(metadata=meta("Facilitator", "The person who ran the review."))
    parent_a: Person = attrs.field(
        metadata=meta("First parent", "One of the children's parents.", party="parent_a")
    )
    parent_b: Person = attrs.field(
        metadata=meta("Second parent", "The children's other parent.", party="parent_b")
    )
    children: tuple[Child, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Children", "The children the review is about."),
    )
    attendees: tuple[ReviewAttendee, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Who attended", "Who took part in the review, and whether together or separately."
        ),
    )
    child_seen: bool | None = attrs.field(
        default=None,
        metadata=meta("The children were seen", "Whether the children were seen for this review."),
    )
    sessions: tuple[SessionRecord, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta(
            "Sessions since the last review",
            "Each contact session since the last review, and whether it took place.",
            ordered=True,
        ),
    )
    how_contact_went: str = attrs.field(
        default="",
        metadata=meta(
            "How contact has gone",
            "How the sessions have gone, in the facilitator's words.",
            long_text=True,
        ),
    )
    children_response: str = attrs.field(
        default="",
        metadata=meta(
            "How the children responded",
            "How the children have responded to contact.",
            long_text=True,
        ),
    )
    parent_a_view: str = attrs.field(
        default="",
        metadata=meta(
            "The first parent's view", "What the first parent said at the review.", long_text=True
        ),
    )
    parent_b_view: str = attrs.field(
        default="",
        metadata=meta(
            "The second parent's view", "What the second parent said at the review.", long_text=True
        ),
    )
    children_view: str = child_words_field(
        "The children's view", "What the children have said, in their own words where possible."
    )
    children_view_shareable: bool = shareable_field("the children")

    plan_progress: PlanProgress = attrs.field(
        default=PlanProgress.NOT_STARTED,
        metadata=meta("Parenting plan", "How far the family's parenting plan has got."),
    )
    outcome: ReviewOutcome | None = attrs.field(
        default=None, metadata=meta("Outcome", "What the review decided.")
    )
    outcome_reason: str = attrs.field(
        default="",
        metadata=meta("Reason for the outcome", "Why the review decided this.", long_text=True),
    )
    new_arrangement: Arrangement | None = attrs.field(
        default=None,
        metadata=meta(
            "New arrangement",
            "The arrangement the review decided (service, how often, conditions) and the date "
            "it starts.",
        ),
    )
    agreed_steps: tuple[TransitionStep, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Agreed next steps", "Short-term steps for the next 1 to 3 months."),
    )
    long_term_goal: str = attrs.field(
        default="",
        metadata=meta(
            "Long-term goal",
            "The long-term arrangement both parents agree to aim for.",
            long_text=True,
        ),
    )
    next_review: date | None = attrs.field(
        default=None,
        metadata=meta("Next review", "The date of the next review, if one is planned."),
    )
    withheld_from_parents: tuple[str, ...] = withheld_paths_field()

    def __attrs_post_init__(self) -> None:
        arrangement = self.new_arrangement
        if arrangement is not None and arrangement.effective_from < self.held_on:
            raise FieldRuleError("new_arrangement", N_("must not start before the review"))
        if self.next_review is not None and self.next_review <= self.held_on:
            raise FieldRuleError("next_review", N_("must be after the review date"))
        if self.outcome is ReviewOutcome.SUSPEND and arrangement is not None:
            raise FieldRuleError("new_arrangement", N_("contact is suspended: there is no new one"))

    @property
    def sessions_attended(self) -> int:
        """How many sessions took place."""
        return sum(1 for s in self.sessions if s.attended)

    @classmethod
    def example(cls) -> Review:
        """A realistic review after four sessions that went well."""
        from ._examples import example_review

        return example_review()
