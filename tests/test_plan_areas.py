"""The plan's areas: agreement per area, the new sections and their rules, language tags, and
the migration of version 1 plans with nothing lost."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent.errors import FieldRuleError
from coparent.migrations import plan_areas
from coparent.model import (
    AgreementStatus,
    AreaAgreement,
    Carer,
    CarerPermission,
    Decision,
    DecisionArea,
    DecisionMaking,
    DecisionRule,
    HelpKind,
    ParentingPlan,
    ParentRef,
    PlanStatus,
    Role,
    is_language_tag,
)
from coparent.model.introspect import Kind, spec_of
from coparent.model.plan import LANGUAGE_TAG_PATTERN
from coparent.progress import area_keys
from strategies import documents

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "released" / "parenting_plan" / "v1"


def _plan(**changes: Any) -> ParentingPlan:
    return attrs.evolve(ParentingPlan.example(), **changes)


def _with_area(plan: ParentingPlan, key: str, agreement: AreaAgreement) -> ParentingPlan:
    section = getattr(plan, key)
    return attrs.evolve(plan, **{key: attrs.evolve(section, agreement=agreement)})


# --- agreement per area -------------------------------------------------------------------------


def test_every_section_of_the_plan_but_its_legal_status_is_an_area() -> None:
    sections = [
        f.name
        for f in spec_of(ParentingPlan).fields
        if f.kind is Kind.SECTION and f.cls is not coparent.model.Person
    ]
    # What the plan rests on (agreed only, a consent order, ordered) is a fact about the plan,
    # not an area the parents agree, seek help on or take to court (issue 13).
    assert [s for s in sections if s not in area_keys()] == ["legal_status"]
    sections.remove("legal_status")
    assert list(area_keys()) == sections
    assert {"emotional_wellbeing", "childcare", "everyday_life", "guardian"} <= set(sections)
    assert len(ParentingPlan.example().area_agreements()) == len(sections)


def test_an_agreed_area_asks_for_no_help_and_no_court_decision() -> None:
    with pytest.raises(FieldRuleError) as caught:
        AreaAgreement(status=AgreementStatus.AGREED, help_sought=(HelpKind.MEDIATION,))
    assert caught.value.field == "help_sought"
    with pytest.raises(FieldRuleError) as caught:
        AreaAgreement(status=AgreementStatus.AGREED, court_to_decide="Where they live")
    assert caught.value.field == "court_to_decide"
    # Seeking help may still name a question a court could decide later.
    AreaAgreement(
        status=AgreementStatus.SEEKING_HELP,
        help_sought=(HelpKind.MEDIATION,),
        court_to_decide="If mediation fails: the summer holidays",
    )


def test_an_agreed_area_with_help_is_reported_by_path() -> None:
    data = coparent.to_dict(ParentingPlan.example())
    data["health"]["agreement"]["help_sought"] = ["mediation"]
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(data, ParentingPlan)
    assert [e.path for e in caught.value.errors] == ["/health/agreement/help_sought"]


STATUSES = st.sampled_from([None, *AgreementStatus])


@given(st.lists(STATUSES, min_size=len(area_keys()), max_size=len(area_keys())))
@settings(max_examples=60)
def test_a_plan_is_agreed_only_when_no_area_is_open(statuses: list[Any]) -> None:
    plan = _plan(status=PlanStatus.DRAFT)
    for key, status in zip(area_keys(), statuses, strict=True):
        plan = _with_area(plan, key, AreaAgreement(status=status))
    open_areas = [
        s for s in statuses if s in (AgreementStatus.SEEKING_HELP, AgreementStatus.COURT_TO_DECIDE)
    ]
    if open_areas:
        with pytest.raises(FieldRuleError) as caught:
            attrs.evolve(plan, status=PlanStatus.AGREED)
        assert caught.value.field == "status"
    else:
        assert attrs.evolve(plan, status=PlanStatus.AGREED).status is PlanStatus.AGREED
    # Drafts and proposals may be half agreed.
    assert attrs.evolve(plan, status=PlanStatus.PROPOSED).status is PlanStatus.PROPOSED


def test_an_agreed_plan_with_an_area_for_the_court_is_an_error_at_status() -> None:
    data = coparent.to_dict(ParentingPlan.example())
    data["status"] = "agreed"
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(data, ParentingPlan)
    assert [e.path for e in caught.value.errors] == ["/status"]


def test_diff_sees_a_change_of_agreement() -> None:
    before = ParentingPlan.example()
    after = _with_area(before, "money", AreaAgreement(status=AgreementStatus.AGREED))
    result = coparent.diff(before, after)
    paths = [d.path for d in result.differences]
    assert any(p.startswith("/money/agreement") for p in paths), paths


# --- decisions, carers ----------------------------------------------------------------------------


def test_who_decides_rules() -> None:
    with pytest.raises(FieldRuleError, match="which parent"):
        Decision(id="p", area=DecisionArea.PASSPORT, rule=DecisionRule.ONE_PARENT)
    with pytest.raises(FieldRuleError) as caught:
        Decision(id="s", area=DecisionArea.EDUCATION, rule=DecisionRule.JOINT, parent=ParentRef.A)
    assert caught.value.field == "parent"
    consult = Decision(
        id="t", area=DecisionArea.SCHOOL_TRIPS_ABROAD, rule=DecisionRule.AFTER_CONSULTING
    )
    assert consult.parent is None  # whoever the children are with
    with pytest.raises(FieldRuleError, match="twice"):
        DecisionMaking(
            decisions=(
                Decision(id="a", area=DecisionArea.HEALTH, rule=DecisionRule.JOINT),
                Decision(id="b", area=DecisionArea.HEALTH, rule=DecisionRule.EITHER_PARENT),
            )
        )


def test_the_areas_practice_names_can_each_be_decided() -> None:
    names = {a.value for a in DecisionArea}
    assert {
        "education",
        "health",
        "emergency_treatment",
        "mental_health",
        "passport",
        "school_trips_abroad",
        "change_of_name",
        "religion",
    } <= names


def test_named_carers_with_roles_and_what_they_may_do() -> None:
    plan = ParentingPlan.example()
    partner = next(c for c in plan.other_carers if c.role is Role.NEW_PARTNER)
    assert partner.from_date is not None
    assert CarerPermission.BE_PRESENT_AT_HANDOVERS in partner.may
    assert Role.SPECIAL_GUARDIAN.label == "Special guardian"
    with pytest.raises(FieldRuleError):
        Carer(
            id="x",
            name="Pat",
            role=Role.FRIEND,
            may=(CarerPermission.DRIVE, CarerPermission.DRIVE),
        )


def test_per_child_items_name_children_of_the_plan() -> None:
    plan = ParentingPlan.example()
    ids = {c.id for c in plan.children}
    assert {s.child_id for s in plan.education.children} == ids
    assert {h.child_id for h in plan.health.children} == ids


# --- language -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "en-GB",
        "cy-GB",
        "cy",
        "pl",
        "zh-Hant-HK",
        "es-419",
        "de-CH-1901",
        "x-whatever",
        "i-klingon",
        "EN-gb",
        "en-a-bbb-x-a",
    ],
)
def test_well_formed_language_tags(tag: str) -> None:
    assert is_language_tag(tag)
    assert _plan(language=tag).language == tag


@pytest.mark.parametrize(
    "tag", ["", "Welsh", "en_GB", "en-", "-en", "en--GB", "a", "abcdefghi", "cy-GB\n", "en-x", "12"]
)
def test_malformed_language_tags_are_refused(tag: str) -> None:
    assert not is_language_tag(tag) or tag == "Welsh"  # a 5-letter "language" is well-formed
    if not is_language_tag(tag):
        with pytest.raises(FieldRuleError):
            _plan(language=tag)
        data = coparent.to_dict(ParentingPlan.example())
        data["language"] = tag
        with pytest.raises(coparent.ValidationError) as caught:
            coparent.from_dict(data, ParentingPlan)
        assert caught.value.errors[0].path == "/language"


@given(st.from_regex(LANGUAGE_TAG_PATTERN, fullmatch=True))
def test_everything_the_pattern_generates_is_a_tag(tag: str) -> None:
    # The check is the schema's pattern, with no length limit of its own (RFC 5646 sets none),
    # so what JSON Schema accepts (it searches with the pattern) the model accepts too.
    assert re.search(LANGUAGE_TAG_PATTERN, tag)
    assert is_language_tag(tag)


@given(st.text(max_size=12))
def test_tags_hold_only_letters_digits_and_hyphens(text: str) -> None:
    if is_language_tag(text):
        assert re.fullmatch(r"[A-Za-z0-9-]+", text)
        assert not text.startswith("-")
        assert not text.endswith("-")
        assert "--" not in text


# --- migration of version 1 plans -----------------------------------------------------------------


def _v1_example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "example.json").read_text("utf-8"))
    return data


def test_the_released_v1_example_keeps_every_word() -> None:
    old = _v1_example()
    plan = coparent.load(FIXTURES / "example.json")
    la = old["living_arrangements"]
    assert plan.living_arrangements.travel_abroad.details == la["travel_abroad"]
    assert plan.living_arrangements.relocation.details == la["relocation"]
    assert plan.living_arrangements.cancellations.details == la["cancellations"]
    assert plan.decision_making.details == old["communication"]["decisions"]
    joint = [d.area.value for d in plan.decision_making.decisions if d.rule is DecisionRule.JOINT]
    assert joint == old["communication"]["joint_decisions"]
    assert plan.language == old["language"]
    assert all(a.status is None for a in plan.area_agreements())


def test_migration_steps_do_not_change_their_input() -> None:
    old = _v1_example()
    old["language"] = "Welsh (Cymraeg)"
    before = copy.deepcopy(old)
    for step in (
        plan_areas.structure_decisions,
        plan_areas.structure_living_arrangements,
        plan_areas.structure_language,
    ):
        step(old)
    assert old == before


@pytest.mark.parametrize(
    ("old", "tag", "kept"),
    [
        ("Welsh", "cy-GB", False),
        ("polski", "pl", False),
        (" cy ", "cy", False),
        ("Welsh (Cymraeg)", "en-GB", True),
    ],
)
def test_v1_language_becomes_a_tag_or_is_kept_in_the_notes(old: str, tag: str, kept: bool) -> None:
    data = _v1_example()
    data["language"] = old
    plan = coparent.from_dict(data, ParentingPlan)
    assert plan.language == tag
    assert (old in plan.notes) is kept
    assert plan.notes.startswith(data["notes"])


V1_TEXT = st.text(max_size=80)


@given(
    V1_TEXT,
    V1_TEXT,
    V1_TEXT,
    V1_TEXT,
    st.lists(
        st.sampled_from(
            [
                "education",
                "health",
                "religion",
                "travel_abroad",
                "moving_house",
                "change_of_name",
                "activities",
                "new_partners",
            ]
        ),
        unique=True,
    ),
)
@settings(max_examples=40)
def test_v1_free_text_is_never_lost(
    travel: str, moving: str, cancelling: str, decisions: str, joint: list[str]
) -> None:
    data = json.loads((FIXTURES / "required-fields-only.json").read_text("utf-8"))
    data["living_arrangements"] = {
        "travel_abroad": travel,
        "relocation": moving,
        "cancellations": cancelling,
    }
    data["communication"] = {"decisions": decisions, "joint_decisions": joint}
    plan = coparent.from_dict(data, ParentingPlan)
    la = plan.living_arrangements
    assert (la.travel_abroad.details, la.relocation.details, la.cancellations.details) == (
        travel,
        moving,
        cancelling,
    )
    assert plan.decision_making.details == decisions
    assert [d.area.value for d in plan.decision_making.decisions] == joint


def test_a_v1_plan_with_a_bad_joint_decisions_value_is_reported_at_its_new_place() -> None:
    data = json.loads((FIXTURES / "required-fields-only.json").read_text("utf-8"))
    data["communication"] = {"joint_decisions": "education"}
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(data, ParentingPlan)
    assert caught.value.errors[0].path.startswith("/decision_making/decisions")


@given(documents(ParentingPlan))
@settings(max_examples=25)
def test_any_plan_round_trips_with_its_areas(plan: ParentingPlan) -> None:
    again = coparent.from_json(coparent.to_json(plan), ParentingPlan)
    assert again == plan
    assert again.area_agreements() == plan.area_agreements()


# --- quick_plan ---------------------------------------------------------------------------------


def test_quick_plan_says_who_decides_what_and_names_carers() -> None:
    granny = Carer(
        id="granny", name="Ann Jones", role=Role.GRANDPARENT, may=(CarerPermission.LOOK_AFTER,)
    )
    plan = coparent.quick_plan(
        parents=("Sam", "Alex"),
        children=["Mia"],
        decisions={"education": "joint", DecisionArea.EMERGENCY_TREATMENT: "either_parent"},
        other_carers=[granny],
    )
    rules = {d.area: d.rule for d in plan.decision_making.decisions}
    assert rules == {
        DecisionArea.EDUCATION: DecisionRule.JOINT,
        DecisionArea.EMERGENCY_TREATMENT: DecisionRule.EITHER_PARENT,
    }
    assert plan.other_carers == (granny,)
    assert all(a.status is None for a in plan.area_agreements())


@pytest.mark.parametrize(
    ("decisions", "path"),
    [
        ({"homework": "joint"}, "decisions"),
        ({"education": "sometimes"}, "decisions/education"),
        ({"passport": "one_parent"}, "decisions/passport"),
    ],
)
def test_quick_plan_names_a_bad_decision(decisions: dict[str, str], path: str) -> None:
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.quick_plan(parents=("Sam", "Alex"), children=["Mia"], decisions=decisions)
    assert caught.value.errors[0].path == path
