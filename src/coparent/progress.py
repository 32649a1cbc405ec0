"""The Progress Summary of a parenting plan: each area, agreed or not, as Cafcass records it.

The Cafcass Parenting Plan Progress Summary [S2] lists, for each area of the plan, whether the
parents have agreed it, have made progress and are seeking further help (which help), or need a
court to help them decide (what), with notes. Families attach it to a court application.
:func:`progress_summary` reads it from a plan; ``render_pdf(progress_summary(plan), audience=...)``
prints it. The areas are the plan's sections that carry an ``agreement``, read from the model,
so a new section appears here with nothing to change.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import attrs

from .model.areas import AgreementStatus, AreaAgreement, HelpKind
from .model.introspect import Kind, spec_of
from .model.plan import ParentingPlan, PlanStatus, Preparer

__all__ = ["AreaProgress", "ProgressSummary", "progress_summary"]


@attrs.frozen(kw_only=True)
class AreaProgress:
    """One area of the plan and where the parents are on it."""

    #: The section's key in the plan's JSON, e.g. ``"living_arrangements"``.
    key: str
    #: The section's title, as every output shows it, e.g. ``"Living arrangements"``.
    title: str
    #: ``None`` when the parents have not discussed the area yet.
    status: AgreementStatus | None
    help_sought: tuple[HelpKind, ...] = ()
    help_details: str = ""
    court_to_decide: str = ""
    notes: str = ""

    @property
    def status_label(self) -> str:
        """The status as the summary prints it."""
        return self.status.label if self.status is not None else "Not discussed yet"


@attrs.frozen(kw_only=True)
class ProgressSummary:
    """What the Progress Summary of one plan says: who it is for, and each area's status."""

    plan_id: uuid.UUID
    title: str
    plan_status: PlanStatus
    language: str
    updated_at: datetime | None
    parent_names: tuple[str, str]
    #: Each child's name and date of birth (if known), in the plan's order.
    children: tuple[tuple[str, date | None], ...]
    prepared_by: Preparer
    prepared_with: str
    areas: tuple[AreaProgress, ...]

    def with_status(self, status: AgreementStatus | None) -> tuple[AreaProgress, ...]:
        """The areas with ``status`` (``None``: not discussed yet), in the plan's order."""
        return tuple(a for a in self.areas if a.status is status)

    @property
    def agreed(self) -> tuple[AreaProgress, ...]:
        """The areas both parents have agreed."""
        return self.with_status(AgreementStatus.AGREED)

    @property
    def seeking_help(self) -> tuple[AreaProgress, ...]:
        """The areas where the parents made progress and are seeking further help."""
        return self.with_status(AgreementStatus.SEEKING_HELP)

    @property
    def for_the_court(self) -> tuple[AreaProgress, ...]:
        """The areas the parents need a court to help them decide."""
        return self.with_status(AgreementStatus.COURT_TO_DECIDE)

    @property
    def all_agreed(self) -> bool:
        """Whether every area is agreed."""
        return all(a.status is AgreementStatus.AGREED for a in self.areas)


def area_keys() -> tuple[str, ...]:
    """The JSON keys of the plan's areas (its sections that carry an agreement), in order."""
    return tuple(key for key, _ in _areas())


def _areas() -> tuple[tuple[str, Any], ...]:
    found = []
    for f in spec_of(ParentingPlan).fields:
        if f.kind is not Kind.SECTION:
            continue
        inner = next(
            (g for g in spec_of(f.cls).fields if g.kind is Kind.SECTION and g.cls is AreaAgreement),
            None,
        )
        if inner is not None:
            found.append((f.name, (f, inner)))
    return tuple(found)


def progress_summary(plan: ParentingPlan) -> ProgressSummary:
    """The Progress Summary of ``plan``: every area with its status, help, question and notes.

    Pure data; ``render_pdf(summary, audience=...)`` lays it out like the Cafcass form.
    """
    if not isinstance(plan, ParentingPlan):
        raise TypeError("progress_summary takes a coparent.ParentingPlan")
    areas = []
    for key, (section, inner) in _areas():
        agreement: AreaAgreement = getattr(getattr(plan, section.name), inner.name)
        areas.append(
            AreaProgress(
                key=key,
                title=section.title,
                status=agreement.status,
                help_sought=agreement.help_sought,
                help_details=agreement.help_details,
                court_to_decide=agreement.court_to_decide,
                notes=agreement.notes,
            )
        )
    return ProgressSummary(
        plan_id=plan.id,
        title=plan.title,
        plan_status=plan.status,
        language=plan.language,
        updated_at=plan.updated_at,
        parent_names=(plan.parent_a.name, plan.parent_b.name),
        children=tuple((c.name, c.date_of_birth) for c in plan.children),
        prepared_by=plan.prepared_by,
        prepared_with=plan.prepared_with,
        areas=tuple(areas),
    )
