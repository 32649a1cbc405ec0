"""A review at the contact centre: how contact has gone and what happens next."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar

import attrs

from ._base import (
    Choice,
    Displayable,
    ParentRef,
    aware_datetime,
    id_field,
    meta,
    unique_ids,
)
from .people import Child, Person, TwoParentDocument
from .plan import TransitionStep

__all__ = ["PlanProgress", "Review", "ReviewKind", "ReviewOutcome", "SessionRecord"]


class ReviewKind(Choice):
    """Why the review is held now."""

    GOING_WELL = "going_well", "After about 4 sessions, contact going well"
    PROBLEMS = "problems", "After about 6 weeks, contact has had problems"
    BEFORE_FINAL_HEARING = "before_final_hearing", "Before the last court date"
    REQUESTED = "requested", "Asked for by a parent or the centre"


class PlanProgress(Choice):
    """How far the parenting plan has got."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class ReviewOutcome(Choice):
    """What the review decides."""

    INDEPENDENT = "independent", "Move to independent contact"
    CONTINUE = "continue", "Continue at the centre"
    SUPERVISED_TO_SUPPORTED = "supervised_to_supported", "Move from supervised to supported"
    HANDOVER_ONLY = "handover_only", "Move to handovers only"
    EXTEND = "extend", "Extend contact at the centre"
    REFER_ELSEWHERE = "refer_elsewhere", "Refer elsewhere"
    END = "end", "End contact at the centre"


@attrs.frozen(kw_only=True, repr=False)
class SessionRecord(Displayable):
    """One contact session at the centre."""

    id: str = id_field()
    on: date = attrs.field(metadata=meta("Date", "The date of the session.", names_item=True))
    attended: bool = attrs.field(metadata=meta("Took place", "Tick if the session took place."))
    missed_by: ParentRef | None = attrs.field(
        default=None, metadata=meta("Missed by", "If it did not take place: who missed it.")
    )
    notes: str = attrs.field(
        default="", metadata=meta("Notes", "Anything to note about the session.")
    )


@attrs.frozen(kw_only=True, repr=False)
class Review(TwoParentDocument):
    """The record of a review meeting at a child contact centre."""

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
    sessions: tuple[SessionRecord, ...] = attrs.field(
        default=(),
        validator=unique_ids,
        metadata=meta("Sessions so far", "Each contact session so far, and whether it took place."),
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
    children_view: str = attrs.field(
        default="",
        metadata=meta(
            "The children's view",
            "What the children have said, in their own words where possible.",
            long_text=True,
        ),
    )
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

    @property
    def sessions_attended(self) -> int:
        """How many sessions took place."""
        return sum(1 for s in self.sessions if s.attended)

    @classmethod
    def example(cls) -> Review:
        """A realistic review after four sessions that went well."""
        from ._examples import example_review

        return example_review()
