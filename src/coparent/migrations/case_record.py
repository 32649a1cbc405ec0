"""Version 1 to 2 for the case record: referrals and review records.

What changes:

* a court order's three text boxes of directions (``directions_behaviour``,
  ``directions_contact``, ``directions_handovers``) become ``conditions``, one item each with
  what it is about; the text is kept word for word;
* dates that version 2 refuses (a stop date not after the order date, a hearing before the
  order, a final hearing before the next hearing, a next review not after the review) are
  taken out of their field and written, with their date, into a notes field, so a person can
  put them right; nothing is dropped;
* a session recorded as both taken place and missed keeps "took place" and moves the "missed
  by" into its notes.

Every other version 2 field is new and optional.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["referral_case_record", "review_case_record"]

_DIRECTIONS = (
    ("directions_behaviour", "behaviour"),
    ("directions_contact", "contact"),
    ("directions_handovers", "handovers"),
)


def _append(text: str, note: str) -> str:
    return f"{text}\n{note}" if text else note


def _date_rule(order: dict[str, Any], later: str, earlier: str, *, strictly: bool) -> str | None:
    a, b = order.get(later), order.get(earlier)
    if not a or not b or a > b or (a == b and not strictly):
        return None
    order[later] = None
    return (
        f"Version 1 recorded the court order's {later.replace('_', ' ')} as {a}, which is "
        f"not after its {earlier.replace('_', ' ')} ({b}); please check it."
    )


def referral_case_record(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 referral's court order with its directions as conditions."""
    body = copy.deepcopy(body)
    order = body.get("court_order")
    if not isinstance(order, dict):
        return body
    conditions = []
    for key, about in _DIRECTIONS:
        text = order.pop(key, "")
        if text:
            conditions.append({"id": about, "about": about, "text": text})
    order["conditions"] = conditions
    notes = [
        _date_rule(order, "stop_date", "order_date", strictly=True),
        _date_rule(order, "next_hearing", "order_date", strictly=False),
        _date_rule(order, "final_hearing", "next_hearing", strictly=False),
    ]
    for note in notes:
        if note:
            body["notes"] = _append(body.get("notes", ""), note)
    return body


def review_case_record(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 review with sessions and its next review that version 2 accepts."""
    body = copy.deepcopy(body)
    for session in body.get("sessions") or []:
        if session.get("attended") and session.get("missed_by"):
            who = session.pop("missed_by")
            session["missed_by"] = None
            note = f"Version 1 also recorded this session as missed by {who}."
            session["notes"] = _append(session.get("notes", ""), note)
    held, nxt = body.get("held_on"), body.get("next_review")
    if held and nxt and nxt <= held:
        body["next_review"] = None
        note = f"Version 1 recorded the next review as {nxt}, not after this review."
        body["outcome_reason"] = _append(body.get("outcome_reason", ""), note)
    return body
