"""Versions of the example plan for a review meeting: the last agreed plan and each parent's.

The story: in June the parents agreed a plan at the contact centre (``last_agreed_version``).
Before the November review each edited it on their own: Siân's version is the example plan
(``parent_a_version``), Tom's is ``parent_b_version``. Used by the demo, the CLI tests, the
docs (docs/review-meeting.md) and anyone who needs a realistic diff or merge.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import attrs

from .model import (
    AgreementStatus,
    Allocation,
    AreaAgreement,
    ContactMethod,
    Holiday,
    HolidayKind,
    ParentingPlan,
    ParentRef,
    PlanStatus,
)

__all__ = ["last_agreed_version", "parent_a_version", "parent_b_version"]

_OCTOBER_HALF_TERM = Holiday(
    id="oct-half-term-2026",
    name="October half term 2026",
    kind=HolidayKind.HALF_TERM,
    start=date(2026, 10, 26),
    end=date(2026, 10, 30),
    allocation=Allocation.PARENT_B,
)


def parent_a_version() -> ParentingPlan:
    """Siân's version: the example plan (:meth:`ParentingPlan.example`)."""
    return ParentingPlan.example()


def _every_area_agreed(plan: ParentingPlan) -> ParentingPlan:
    from .progress import area_keys

    agreed = AreaAgreement(status=AgreementStatus.AGREED)
    sections = {key: getattr(plan, key) for key in area_keys()}
    return attrs.evolve(
        plan,
        **{
            key: attrs.evolve(section, agreement=agreed)
            for key, section in sections.items()
            if section.agreement.is_open
        },
    )


def last_agreed_version() -> ParentingPlan:
    """The plan both parents agreed in June, before either made their own changes.

    Every area was agreed then; by November Siân's version has reopened some of them.
    """
    plan = _every_area_agreed(ParentingPlan.example())
    la = plan.living_arrangements
    slots = tuple(
        attrs.evolve(s, end_time=time(18, 30)) if s.id == "wednesday-tea" else s
        for s in la.schedule.slots
    )
    holidays = tuple(
        attrs.evolve(h, allocation=Allocation.ALTERNATE_YEARS) if h.id == "christmas-2026" else h
        for h in la.holidays
    )
    return attrs.evolve(
        plan,
        status=PlanStatus.AGREED,
        updated_at=datetime(2026, 6, 12, 11, 0, tzinfo=UTC),
        living_arrangements=attrs.evolve(
            la,
            schedule=attrs.evolve(la.schedule, slots=slots),
            holidays=(_OCTOBER_HALF_TERM, *holidays),
            special_days=tuple(d for d in la.special_days if d.id != "wigilia"),
        ),
    )


def parent_b_version() -> ParentingPlan:
    """Tom's version: the last agreed plan with his own changes.

    Against Siân's version it shows every kind of outcome: changes only Tom made (taken),
    the same change made by both (taken once), and conflicts (a different Wednesday pick-up
    time, a different Christmas split, the October half term Siân removed and Tom edited).
    """
    agreed = last_agreed_version()
    siân = parent_a_version()
    la = agreed.living_arrangements
    slots = tuple(
        attrs.evolve(s, end_time=time(18, 0))
        if s.id == "wednesday-tea"
        else attrs.evolve(s, notes="Returns to the library car park on Sunday at 18:00.")
        if s.id == "weekend"
        else s
        for s in la.schedule.slots
    )
    holidays = tuple(
        attrs.evolve(h, allocation=Allocation.PARENT_B, even_years_parent=ParentRef.B)
        if h.id == "christmas-2026"
        else attrs.evolve(h, notes="Tom has the children; swapped for the February half term.")
        if h.id == "oct-half-term-2026"
        else h
        for h in la.holidays
    )
    wigilia = next(d for d in siân.living_arrangements.special_days if d.id == "wigilia")
    comm = agreed.communication
    return attrs.evolve(
        agreed,
        status=PlanStatus.PROPOSED,
        updated_at=datetime(2026, 11, 5, 20, 15, tzinfo=UTC),
        communication=attrs.evolve(comm, methods=(*comm.methods, ContactMethod.EMAIL)),
        living_arrangements=attrs.evolve(
            la,
            schedule=attrs.evolve(la.schedule, slots=slots),
            holidays=holidays,
            special_days=(*la.special_days, wigilia),
        ),
        money=attrs.evolve(
            agreed.money,
            maintenance_details="Tom pays £340 a month on the 1st by standing order.",
        ),
    )
