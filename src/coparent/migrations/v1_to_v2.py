"""Schema version 1 to 2, for every kind of document.

Version 2 holds the record as practice keeps it (see docs/model.md): privacy and safety, the
case record of a contact centre and a court, the plan's areas with their agreement status, and
the schedule as families live it. Each concern adds its own step function to its kind's list;
the registered function runs them in order. Every step takes and returns the JSON body of a
document (without ``kind`` and ``schema_version``) and never changes its input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..versions import register_migration
from . import case_record, plan_areas, schedule

__all__ = ["PLAN_STEPS", "REFERRAL_STEPS", "REVIEW_STEPS"]

Step = Callable[[dict[str, Any]], dict[str, Any]]

#: The changes to a parenting plan, in order.
PLAN_STEPS: list[Step] = []
PLAN_STEPS.append(plan_areas.structure_decisions)
PLAN_STEPS.append(plan_areas.structure_living_arrangements)
PLAN_STEPS.append(plan_areas.structure_language)
PLAN_STEPS.append(schedule.slot_handover_to_pickup)
#: The changes to a referral, in order.
REFERRAL_STEPS: list[Step] = []
#: The changes to a review record, in order.
REVIEW_STEPS: list[Step] = []

REFERRAL_STEPS.append(case_record.referral_case_record)
REVIEW_STEPS.append(case_record.review_case_record)


def _run(steps: list[Step], body: dict[str, Any]) -> dict[str, Any]:
    for step in steps:
        body = step(body)
    return body


@register_migration("parenting_plan", 1)
def plan_v1_to_v2(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 parenting plan as version 2."""
    return _run(PLAN_STEPS, body)


@register_migration("referral", 1)
def referral_v1_to_v2(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 referral as version 2."""
    return _run(REFERRAL_STEPS, body)


@register_migration("review", 1)
def review_v1_to_v2(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 review record as version 2."""
    return _run(REVIEW_STEPS, body)
