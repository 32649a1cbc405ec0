"""Safety and consistency findings: each rule fires on a case that breaks it, and only then."""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

import coparent
from coparent.checks import Finding, Severity, check
from coparent.model import (
    ContactCentreService,
    ContactMethod,
    ContactType,
    CourtOrder,
    DisputeStep,
    Expense,
    ExpenseShare,
    ParentingPlan,
    ProtectiveOrder,
    ProtectiveOrderKind,
    Referral,
    Review,
    ReviewOutcome,
    RiskInformation,
    StepStatus,
    TransitionStep,
)


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def risky_referral(**service: object) -> Referral:
    """A referral recording domestic abuse and a non-molestation order."""
    referral = Referral.example()
    risk = RiskInformation(
        domestic_abuse_disclosed=True,
        protective_orders=(ProtectiveOrder(id="nmo", kind=ProtectiveOrderKind.NON_MOLESTATION),),
    )
    kind = service.get("contact_type", ContactType.SUPERVISED)
    assert isinstance(kind, ContactType)
    return attrs.evolve(
        referral,
        risk=risk,
        service=ContactCentreService(contact_type=kind),
        arrangements=tuple(attrs.evolve(a, service=kind) for a in referral.arrangements),
    )


def quiet_referral() -> Referral:
    return attrs.evolve(
        Referral.example(),
        risk=RiskInformation(domestic_abuse_disclosed=False),
        service=ContactCentreService(contact_type=ContactType.SUPPORTED),
    )


def safe_plan() -> ParentingPlan:
    """The example plan with the safety answers a plan beside a risky referral needs."""
    plan = ParentingPlan.example()
    communication = attrs.evolve(
        plan.communication,
        methods=(ContactMethod.THIRD_PARTY,),
        dispute_steps=(DisputeStep.CONTACT_CENTRE, DisputeStep.COURT),
    )
    safety = attrs.evolve(plan.safety, domestic_abuse_concerns=True)
    return attrs.evolve(plan, communication=communication, safety=safety)


def test_a_safe_plan_beside_a_risky_referral_has_no_findings() -> None:
    assert check(safe_plan(), referral=risky_referral()) == []


def test_supported_contact_with_abuse_and_an_order_is_serious() -> None:
    findings = check(risky_referral(contact_type=ContactType.SUPPORTED))
    (finding,) = [f for f in findings if f.code == "supported-contact-with-abuse"]
    assert finding.severity is Severity.SERIOUS
    assert "/service" in finding.paths
    assert "/risk/protective_orders/0" in finding.paths
    assert "supervised contact is generally necessary" in finding.message
    assert "[S12]" in finding.source
    assert "supported-contact-with-abuse" not in codes(check(risky_referral()))
    assert "supported-contact-with-abuse" not in codes(check(quiet_referral()))


def test_a_plan_denying_abuse_the_referral_records() -> None:
    plan = attrs.evolve(
        safe_plan(), safety=attrs.evolve(safe_plan().safety, domestic_abuse_concerns=False)
    )
    found = check(plan, referral=risky_referral())
    assert "plan-contradicts-referral-risk" in codes(found)
    assert "plan-contradicts-referral-risk" not in codes(check(plan, referral=quiet_referral()))
    paths = next(f.paths for f in found if f.code == "plan-contradicts-referral-risk")
    assert paths == ("/safety/domestic_abuse_concerns", "referral:/risk/domestic_abuse_disclosed")


@pytest.mark.parametrize("step", [DisputeStep.TALK, DisputeStep.MEDIATION])
def test_dispute_steps_unsuitable_with_abuse(step: DisputeStep) -> None:
    plan = safe_plan()
    steps = (DisputeStep.COURT, step)
    plan = attrs.evolve(plan, communication=attrs.evolve(plan.communication, dispute_steps=steps))
    (finding,) = [f for f in check(plan) if f.code == "dispute-steps-with-abuse"]
    assert finding.paths == ("/communication/dispute_steps/1",)
    assert step.label.lower() in finding.message
    no_abuse = attrs.evolve(plan, safety=attrs.evolve(plan.safety, domestic_abuse_concerns=False))
    assert "dispute-steps-with-abuse" not in codes(check(no_abuse))
    assert "dispute-steps-with-abuse" in codes(check(no_abuse, referral=risky_referral()))


def test_direct_contact_beside_a_non_molestation_order() -> None:
    plan = safe_plan()
    texting = attrs.evolve(plan.communication, methods=(ContactMethod.TEXT,))
    plan = attrs.evolve(plan, communication=texting)
    found = [f for f in check(plan, referral=risky_referral()) if f.code.startswith("direct")]
    assert [f.paths for f in found] == [
        ("/communication/methods/0", "referral:/risk/protective_orders/0")
    ]
    assert "direct-contact-against-order" not in codes(check(plan, referral=quiet_referral()))


def test_a_reference_to_a_missing_handover() -> None:
    plan = ParentingPlan.example()
    schedule = plan.living_arrangements.schedule
    slot = attrs.evolve(schedule.slots[0], pickup_handover_id="no-such-handover")
    broken = attrs.evolve(
        plan,
        living_arrangements=attrs.evolve(
            plan.living_arrangements,
            schedule=attrs.evolve(schedule, slots=(slot, *schedule.slots[1:])),
        ),
    )
    (finding,) = [f for f in check(broken) if f.code == "reference-not-found"]
    assert finding.paths == ("/living_arrangements/schedule/slots/0/pickup_handover_id",)
    assert "reference-not-found" not in codes(check(plan))


@pytest.mark.parametrize(
    ("paid_by", "share", "fires"),
    [
        (ExpenseShare.SHARED, 100, True),
        (ExpenseShare.SHARED, 0, True),
        (ExpenseShare.SHARED, 50, False),
        (ExpenseShare.PARENT_A, 40, True),
        (ExpenseShare.PARENT_A, 100, False),
        (ExpenseShare.PARENT_B, 0, False),
        (ExpenseShare.PARENT_B, None, False),
    ],
)
def test_contradictory_expense_shares(
    paid_by: ExpenseShare, share: int | None, fires: bool
) -> None:
    plan = ParentingPlan.example()
    expense = Expense(id="x", item="Trips", paid_by=paid_by, share_parent_a_percent=share)
    plan = attrs.evolve(plan, money=attrs.evolve(plan.money, expenses=(expense,)))
    assert ("expense-share-contradicts" in codes(check(plan))) is fires


def test_a_stop_date_before_the_order_is_refused_by_the_model() -> None:
    # Version 2 makes this impossible (a rule of CourtOrder), so no finding is needed for it.
    order = CourtOrder(court="Family Court at Cardiff", order_date=date(2026, 10, 1))
    with pytest.raises(coparent.FieldRuleError, match="stop_date"):
        attrs.evolve(order, stop_date=date(2026, 9, 1))
    assert attrs.evolve(order, stop_date=date(2027, 1, 1)).stop_date == date(2027, 1, 1)


def test_a_child_born_after_the_plan() -> None:
    plan = ParentingPlan.example()
    written = datetime(2026, 1, 1, tzinfo=UTC)
    child = attrs.evolve(plan.children[0], date_of_birth=date(2026, 6, 1))
    assert "child-born-after-plan" in codes(
        check(attrs.evolve(plan, updated_at=written, children=(child, *plan.children[1:])))
    )
    assert "child-born-after-plan" not in codes(check(attrs.evolve(plan, updated_at=written)))


def test_a_session_both_attended_and_missed_is_refused_by_the_model() -> None:
    # Version 2 makes this impossible (a rule of SessionRecord), so no finding is needed for it.
    session = Review.example().sessions[0]
    with pytest.raises(coparent.FieldRuleError, match="missed"):
        attrs.evolve(session, attended=True, missed_by=coparent.ParentRef.A)


def test_supported_contact_arranged_now_with_abuse_is_serious() -> None:
    referral = attrs.evolve(risky_referral(), reviews=())  # asks for supervised contact
    assert "supported-contact-with-abuse" not in codes(check(referral))
    last = referral.arrangements[-1]
    moved = attrs.evolve(
        referral,
        arrangements=(
            *referral.arrangements[:-1],
            attrs.evolve(last, service=ContactType.SUPPORTED),
        ),
    )
    (finding,) = [f for f in check(moved) if f.code == "supported-contact-with-abuse"]
    i = len(referral.arrangements) - 1
    assert f"/arrangements/{i}/service" in finding.paths
    assert "/service" not in finding.paths


def test_supported_contact_decided_at_a_review_is_not_flagged() -> None:
    referral = risky_referral()
    last = referral.arrangements[-1]
    moved = attrs.evolve(
        referral,
        arrangements=(
            *referral.arrangements[:-1],
            attrs.evolve(last, service=ContactType.SUPPORTED),
        ),
    )
    assert [r.outcome for r in moved.reviews] == [ReviewOutcome.SUPERVISED_TO_SUPPORTED]
    assert moved.reviews[0].held_on <= last.effective_from
    assert "supported-contact-with-abuse" not in codes(check(moved))
    # without that review the same arrangement is flagged (as in the test above)
    assert "supported-contact-with-abuse" in codes(check(attrs.evolve(moved, reviews=())))


def test_an_inconsistent_case_record_is_a_finding() -> None:
    referral = risky_referral()
    assert "record-inconsistent" not in codes(check(referral))
    backwards = attrs.evolve(referral, arrangements=tuple(reversed(referral.arrangements)))
    (finding,) = [f for f in check(backwards) if f.code == "record-inconsistent"]
    assert finding.paths == ("/arrangements",)
    assert "date order" in finding.message


def test_independent_contact_before_any_step_has_started() -> None:
    review = attrs.evolve(Review.example(), outcome=ReviewOutcome.INDEPENDENT)
    plan = ParentingPlan.example()
    idle = tuple(attrs.evolve(s, status=StepStatus.NOT_STARTED) for s in plan.transition.steps)
    begun = (*idle[:-1], attrs.evolve(idle[-1], status=StepStatus.IN_PROGRESS))
    waiting = attrs.evolve(plan, transition=attrs.evolve(plan.transition, steps=idle))
    moving = attrs.evolve(plan, transition=attrs.evolve(plan.transition, steps=begun))
    assert isinstance(plan.transition.steps[0], TransitionStep)
    assert "independent-before-steps" in codes(check(review, plan=waiting))
    assert "independent-before-steps" not in codes(check(review, plan=moving))
    assert "independent-before-steps" not in codes(check(review))


def test_findings_come_most_serious_first_and_name_real_paths() -> None:
    plan = attrs.evolve(ParentingPlan.example(), updated_at=datetime(2000, 1, 1, tzinfo=UTC))
    found = check(plan, referral=risky_referral(contact_type=ContactType.SUPPORTED))
    order = list(Severity)
    assert [order.index(f.severity) for f in found] == sorted(
        (order.index(f.severity) for f in found), reverse=True
    )
    data = {"": coparent.to_dict(plan), "referral:": coparent.to_dict(risky_referral())}
    for f in found:
        for path in f.paths:
            prefix = "referral:" if path.startswith("referral:") else ""
            node: object = data[prefix]
            for token in path.removeprefix(prefix).strip("/").split("/"):
                assert isinstance(node, dict | list), path
                node = node[int(token)] if isinstance(node, list) else node[token]


def test_check_refuses_other_objects() -> None:
    with pytest.raises(coparent.CoparentError, match="check takes"):
        check("a plan")  # type: ignore[arg-type]


def test_the_command_line_exits_1_on_a_serious_finding(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from coparent.cli import main

    assert isinstance(tmp_path, Path)
    plan, referral = tmp_path / "plan.json", tmp_path / "referral.json"
    coparent.dump(safe_plan(), plan)
    coparent.dump(risky_referral(contact_type=ContactType.SUPPORTED), referral)
    assert main(["check", str(plan), "--referral", str(referral)]) == 1
    out = capsys.readouterr().out
    assert "[serious] supported-contact-with-abuse" in out
    assert "referral:/service" in out
    coparent.dump(risky_referral(), referral)
    assert main(["check", str(plan), "--referral", str(referral)]) == 0
    assert f"{plan}: 0 findings" in capsys.readouterr().out


def test_the_shipped_examples_are_safe_together() -> None:
    from coparent.model._examples import example_programme_referral

    plan, referral, review = ParentingPlan.example(), Referral.example(), Review.example()
    assert check(plan, referral=referral) == []
    assert check(referral, plan=plan) == []
    assert check(review, referral=referral, plan=plan) == []
    assert check(example_programme_referral()) == []
