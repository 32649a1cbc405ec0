"""Issue 13: the court order behind a plan, the staff at a session, life story work.

A plan says whether it is agreed between the parents only, made into a consent order or
decided by the court, and copies the order's facts; the checks compare that copy with the
order the referral records. The expected findings here come from which fact each test
changes, never from the checks themselves.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import Audience, ParentRef
from coparent.checks import Finding, Severity, check
from coparent.model import (
    ContactType,
    CourtOrder,
    LegalStatus,
    OrderKind,
    OrderStage,
    ParentingPlan,
    PlanBasis,
    Referral,
    SessionRecord,
)

ORDER_CODES = {"plan-order-differs", "plan-agreed-beside-final-order", "plan-order-not-given"}


def order_findings(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code in ORDER_CODES]


def with_order(referral: Referral, **facts: Any) -> Referral:
    """The example referral with its order's facts changed (hearings cleared so any date fits)."""
    assert referral.court_order is not None
    order = attrs.evolve(
        referral.court_order, next_hearing=None, final_hearing=None, stop_date=None, **facts
    )
    return attrs.evolve(referral, court_order=order)


def plan_with(basis: PlanBasis | None, order: CourtOrder | None) -> ParentingPlan:
    plan = ParentingPlan.example()
    return attrs.evolve(plan, legal_status=LegalStatus(basis=basis, order=order))


FINAL = date(2027, 3, 10)


def test_the_example_plan_names_the_order_the_referral_holds() -> None:
    plan, referral = ParentingPlan.example(), Referral.example()
    assert plan.legal_status.basis is PlanBasis.AGREED
    assert plan.legal_status.order == referral.court_order
    assert order_findings(check(plan, referral=referral)) == []
    assert order_findings(check(referral, plan=plan)) == []


def test_a_plan_following_the_interim_order_after_the_final_order_is_found() -> None:
    """The court made a final order; the plan still copies the interim one and is agreed only."""
    plan = ParentingPlan.example()
    referral = with_order(Referral.example(), order_date=FINAL, stage=OrderStage.FINAL)
    found = {f.code: f for f in order_findings(check(plan, referral=referral))}
    assert set(found) == {"plan-order-differs", "plan-agreed-beside-final-order"}
    differs = found["plan-order-differs"]
    assert differs.severity is Severity.WARNING
    assert set(differs.paths) == {
        "/legal_status/order/order_date",
        "referral:/court_order/order_date",
        "/legal_status/order/stage",
        "referral:/court_order/stage",
    }
    assert "(date, interim or final)" in differs.message
    assert found["plan-agreed-beside-final-order"].paths[0] == "/legal_status/basis"


def test_a_consent_order_plan_matching_the_final_order_has_no_finding() -> None:
    referral = with_order(Referral.example(), order_date=FINAL, stage=OrderStage.FINAL)
    assert referral.court_order is not None
    # The same case number as the court wrote it, spaced and in lower case.
    copy = attrs.evolve(referral.court_order, case_number="cf26 p00412", conditions=())
    plan = plan_with(PlanBasis.CONSENT_ORDER, copy)
    assert order_findings(check(plan, referral=referral)) == []


def test_an_agreed_plan_beside_a_final_order_on_another_matter_is_not_found() -> None:
    """A final prohibited steps order does not decide where the children live or when."""
    referral = with_order(
        Referral.example(),
        order_date=FINAL,
        stage=OrderStage.FINAL,
        kinds=(OrderKind.PROHIBITED_STEPS,),
    )
    plan = plan_with(PlanBasis.AGREED, None)
    assert order_findings(check(plan, referral=referral)) == []
    child_arrangements = with_order(referral, kinds=(OrderKind.OTHERWISE_HAS_CONTACT,))
    assert {f.code for f in order_findings(check(plan, referral=child_arrangements))} == {
        "plan-agreed-beside-final-order"
    }


def test_an_ordered_plan_without_an_order_anywhere() -> None:
    plan = plan_with(PlanBasis.ORDERED, None)
    (note,) = order_findings(check(plan))
    assert (note.code, note.severity, note.paths) == (
        "plan-order-not-given",
        Severity.NOTE,
        ("/legal_status/basis",),
    )
    no_order = attrs.evolve(Referral.example(), court_order=None)
    found = {f.code: f.paths for f in order_findings(check(plan, referral=no_order))}
    assert found["plan-order-differs"] == ("/legal_status/basis", "referral:/court_order")
    # A plan that says nothing about the court raises nothing.
    assert order_findings(check(plan_with(None, None), referral=no_order)) == []
    assert order_findings(check(plan_with(PlanBasis.AGREED, None), referral=no_order)) == []


FACTS: dict[str, tuple[Any, Any]] = {
    "case_number": ("CF26P00412", "CF26P09999"),
    "order_date": (date(2026, 9, 1), date(2026, 9, 2)),
    "stage": (OrderStage.INTERIM, OrderStage.FINAL),
    "kinds": ((OrderKind.SPENDS_TIME_WITH,), (OrderKind.SPECIFIC_ISSUE,)),
}


@settings(max_examples=40, deadline=None)
@given(
    changed=st.sets(st.sampled_from(sorted(FACTS))),
    basis=st.sampled_from([PlanBasis.CONSENT_ORDER, PlanBasis.ORDERED]),
    shift=st.integers(0, 400),
)
def test_each_fact_that_differs_is_named_and_no_other(
    changed: set[str], basis: PlanBasis, shift: int
) -> None:
    """Whatever facts the plan's copy gets wrong, the finding names exactly those, on both
    sides; a faithful copy raises nothing (dates moved together keep the copy faithful)."""
    same: dict[str, Any] = {name: values[0] for name, values in FACTS.items()}
    same["order_date"] = date(2026, 9, 1) + timedelta(days=shift)
    theirs = {**same}
    mine = {name: (FACTS[name][1] if name in changed else value) for name, value in same.items()}
    if "order_date" in changed:
        mine["order_date"] = same["order_date"] + timedelta(days=1)
    referral = with_order(Referral.example(), **theirs)
    assert referral.court_order is not None
    plan = plan_with(basis, attrs.evolve(referral.court_order, **mine))
    found = order_findings(check(plan, referral=referral))
    if not changed:
        assert found == []
        return
    (finding,) = found
    expected = {f"/legal_status/order/{n}" for n in changed}
    expected |= {f"referral:/court_order/{n}" for n in changed}
    assert (finding.code, set(finding.paths)) == ("plan-order-differs", expected)


def test_the_order_link_survives_json_diff_and_a_parents_copy() -> None:
    plan = plan_with(PlanBasis.CONSENT_ORDER, Referral.example().court_order)
    assert coparent.from_json(coparent.to_json(plan), ParentingPlan) == plan
    changed = attrs.evolve(plan, legal_status=attrs.evolve(plan.legal_status, basis=None))
    paths = {d.path for d in coparent.diff(plan, changed).differences}
    assert "/legal_status/basis" in paths
    text = coparent.to_text(plan, audience=Audience.parent(ParentRef.B))
    assert "Agreed, and made into a court order by consent" in text
    assert "CF26P00412" in text


def test_session_staff_are_on_every_copy_as_on_the_observation_report() -> None:
    """Observation reports, which name the worker who wrote them, go to both parents [S14]."""
    referral = Referral.example()
    staffed = [s for s in referral.sessions if s.staff]
    assert staffed
    assert all(s.attended for s in staffed)
    for audience in (Audience.parent(ParentRef.A), Audience.parent(ParentRef.B)):
        redacted = coparent.redact(referral, audience)
        assert [s.staff for s in redacted.sessions] == [s.staff for s in referral.sessions]
    assert "Carys Jones" in coparent.to_text(referral, audience="parent_b")


def test_life_story_work_is_a_service_a_session_can_record() -> None:
    session = SessionRecord(
        id="ls1",
        on=date(2026, 11, 21),
        attended=True,
        service=ContactType.LIFE_STORY,
        attendees=("mia",),
        staff=("Carys Jones",),
        notes="Mia added photographs of her first visits to her memory book.",
    )
    referral = attrs.evolve(Referral.example(), sessions=(*Referral.example().sessions, session))
    again = coparent.from_json(coparent.to_json(referral), Referral)
    assert again.sessions[-1].service is ContactType.LIFE_STORY
    welsh = coparent.to_text(again, audience="facilitator", locale="cy")
    assert "Gwaith stori bywyd" in welsh
