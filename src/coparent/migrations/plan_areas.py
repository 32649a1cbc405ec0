"""The plan's areas, version 1 to 2: free text that version 2 structures, kept, never lost.

* ``communication.joint_decisions`` (a list of areas) becomes ``decision_making.decisions``, one
  "both parents together" decision per area; ``communication.decisions`` (text) becomes
  ``decision_making.details``.
* ``living_arrangements.cancellations``, ``travel_abroad`` and ``relocation`` were one text box
  each; they become sections whose numbers start empty and whose ``details`` keep the old text
  word for word (a number read out of a sentence could misstate what the parents wrote).
* ``language`` must now be a BCP 47 tag: a few language names are mapped to their tag; anything
  else becomes ``en-GB`` and the old value is added to the plan's notes.

Sections new in version 2 (emotional well-being, childcare, ...) and every area's agreement
start empty, which is what a version 1 plan says about them. Each step takes the JSON body of a
version 1 plan and returns a new one; it never changes its input.
"""

from __future__ import annotations

import copy
from typing import Any

from ..model.plan import is_language_tag

__all__ = ["structure_decisions", "structure_language", "structure_living_arrangements"]

#: Language names version 1 plans may hold, with the tag version 2 gives them.
_LANGUAGE_NAMES = {
    "english": "en-GB",
    "welsh": "cy-GB",
    "cymraeg": "cy-GB",
    "polish": "pl",
    "polski": "pl",
}


def _section(body: dict[str, Any], key: str) -> dict[str, Any] | None:
    section = body.get(key)
    return section if isinstance(section, dict) else None


def structure_decisions(body: dict[str, Any]) -> dict[str, Any]:
    """Move the decisions of ``communication`` into the new ``decision_making`` section."""
    communication = _section(body, "communication")
    if communication is None or not (
        "joint_decisions" in communication or "decisions" in communication
    ):
        return body
    body = copy.deepcopy(body)
    communication = body["communication"]
    decision_making: dict[str, Any] = {}
    joint = communication.pop("joint_decisions", [])
    if isinstance(joint, list) and joint:
        decision_making["decisions"] = [
            {"id": area, "area": area, "rule": "joint"} if isinstance(area, str) else area
            for area in joint
        ]
    elif joint != []:
        # Not a list: hand it on, so the converter reports it at its new place.
        decision_making["decisions"] = joint
    if "decisions" in communication:
        decision_making["details"] = communication.pop("decisions")
    body["decision_making"] = decision_making
    return body


def structure_living_arrangements(body: dict[str, Any]) -> dict[str, Any]:
    """Turn the text of cancellations, travel abroad and moving house into sections."""
    living = _section(body, "living_arrangements")
    keys = ("cancellations", "travel_abroad", "relocation")
    if living is None or not any(isinstance(living.get(k), str) for k in keys):
        return body
    body = copy.deepcopy(body)
    living = body["living_arrangements"]
    for key in keys:
        text = living.get(key)
        if isinstance(text, str):
            living[key] = {"details": text} if text else {}
    return body


def structure_language(body: dict[str, Any]) -> dict[str, Any]:
    """Make ``language`` a language tag, keeping an old value that is not one in the notes."""
    language = body.get("language")
    if not isinstance(language, str):
        return body
    # Names first: "Welsh" has the shape of a (reserved, 5-letter) language subtag.
    tag = _LANGUAGE_NAMES.get(language.strip().lower())
    if tag is None and is_language_tag(language):
        return body
    body = copy.deepcopy(body)
    if tag is None and is_language_tag(language.strip()):
        tag = language.strip()
    if tag is None:
        tag = "en-GB"
        notes = body.get("notes", "")
        if isinstance(notes, str):
            kept = f"Language of the plan, as written before: {language}"
            body["notes"] = f"{notes}\n\n{kept}" if notes else kept
    body["language"] = tag
    return body
