"""Issue 12's case for diffs and merges: a new version of the example plan types the
confidential mother's details and the children's school into other free text.

Which values are withheld, and from whom, is read from the model's metadata (the oracle),
never from :func:`coparent.redact`.
"""

from __future__ import annotations

import attrs

from coparent import ParentingPlan, ParentRef
from coparent.model._base import Visibility
from coparent.model.introspect import spec_of

__all__ = ["OTHER_PARENT", "secrets", "typing_them", "typing_them_elsewhere"]

#: The parent from whom the mother's details and the school are withheld in the example.
OTHER_PARENT = ParentRef.B


def secrets(plan: ParentingPlan) -> list[str]:
    """The mother's address line, postcode, phone and email and the school's name, after
    checking in the metadata that the other parent may not see them in ``plan``."""
    mother = plan.parent_a
    plan_spec = spec_of(ParentingPlan)
    assert plan_spec.by_name["parent_a"].info.party == ParentRef.A.value != OTHER_PARENT.value
    assert spec_of(type(mother)).by_name["contact"].visibility is Visibility.CONFIDENTIAL
    assert spec_of(type(mother)).confidential_flag is not None
    assert getattr(mother, spec_of(type(mother)).confidential_flag.name)  # she is confidential
    school = plan.education.children[0]
    assert spec_of(type(school)).by_name["school"].visibility is Visibility.LOCATING
    return _values(plan)


def _values(plan: ParentingPlan) -> list[str]:
    contact = plan.parent_a.contact
    return [
        contact.address.line1,
        contact.address.postcode,
        contact.phone,
        contact.email,
        plan.education.children[0].school,
    ]


def _typed(plan: ParentingPlan, words: str, *, new_holiday: bool) -> ParentingPlan:
    living = plan.living_arrangements
    handovers = tuple(
        attrs.evolve(h, conditions=f"{words}.") if h.id == "library" else h
        for h in living.handovers
    )
    summer, *rest = living.holidays
    summer = attrs.evolve(summer, name=f"Summer near {words}", notes=f"{words}.")
    holidays = (summer, *rest)
    if new_holiday:  # a whole new item named with them
        holidays += (attrs.evolve(summer, id="new-half-term", name=f"Half term at {words}"),)
    return attrs.evolve(
        plan,
        living_arrangements=attrs.evolve(living, handovers=handovers, holidays=holidays),
    )


def typing_them(plan: ParentingPlan) -> ParentingPlan:
    """``plan`` with :func:`secrets` typed into a handover's conditions, a holiday's name and
    notes, and the name of a new holiday."""
    return _typed(plan, "Meet at " + ", ".join(_values(plan)), new_holiday=True)


def typing_them_elsewhere(plan: ParentingPlan) -> ParentingPlan:
    """``plan`` with :func:`secrets` typed into the same handover's conditions differently
    (so that a merge with :func:`typing_them` has a conflict there)."""
    return _typed(plan, "Not at " + "; ".join(reversed(_values(plan))), new_holiday=False)


def cut_short(text: str, secrets: list[str], least: int = 4) -> list[str]:
    """Each secret whose beginning (``least`` letters or more) ends a text cut short with an
    ellipsis (a summary, an item's name in a label), ignoring spaces and letter case."""
    found = []
    for before in text.split("\u2026")[:-1]:
        letters = "".join(before.split()).lower()
        for secret in secrets:
            whole = "".join(secret.split()).lower()
            if any(letters.endswith(whole[:k]) for k in range(least, len(whole) + 1)):
                found.append(secret)
    return found
