"""Version 1 to 2 steps for the schedule part of a parenting plan's living arrangements.

* A weekly slot's single ``handover_id`` becomes its ``pickup_handover_id``: version 1 had one
  handover per slot, and the calendar used it where the slot starts.
* Dated holidays stay valid as they are: a version 2 holiday with no ``recurs`` happens once,
  on its ``start`` to ``end``. Special days' ``dates`` stay user-supplied dates.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["slot_handover_to_pickup"]


def slot_handover_to_pickup(body: dict[str, Any]) -> dict[str, Any]:
    """Rename each weekly slot's ``handover_id`` to ``pickup_handover_id``."""
    living = body.get("living_arrangements")
    if not isinstance(living, dict):
        return body
    schedule = living.get("schedule")
    if not isinstance(schedule, dict) or not isinstance(schedule.get("slots"), list):
        return body
    if not any(isinstance(s, dict) and "handover_id" in s for s in schedule["slots"]):
        return body
    body = copy.deepcopy(body)
    for slot in body["living_arrangements"]["schedule"]["slots"]:
        if isinstance(slot, dict) and "handover_id" in slot:
            slot["pickup_handover_id"] = slot.pop("handover_id")
    return body
