"""diff: differences matched by id, mirror images, the patch, summaries, text and HTML."""

from __future__ import annotations

import copy
from datetime import time
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import ParentingPlan, apply_diff, diff
from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version
from coparent.differences import ChangeKind, SectionStatus, Side
from strategies import any_document, documents, edited

SAFE_TAGS = {"div", "p", "strong", "br", "table", "caption", "thead", "tbody", "tr", "th", "td"}


def html_tags(page: str) -> set[str]:
    """Every tag in an HTML page: user text that slipped through unescaped would add its own."""
    from html.parser import HTMLParser

    found: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            found.add(tag)

    Collect().feed(page)
    return found


def apply_json_patch(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """A small RFC 6902 applier (add, remove, replace, move) for the tests."""
    doc = copy.deepcopy(doc)

    def parent_of(path: str) -> tuple[Any, str | int]:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:]]
        cur = doc
        for t in tokens[:-1]:
            cur = cur[int(t)] if isinstance(cur, list) else cur[t]
        last = tokens[-1]
        return cur, (int(last) if isinstance(cur, list) else last)

    for op in ops:
        if op["op"] == "move":
            parent, key = parent_of(op["from"])
            value = parent.pop(key)
            target, where = parent_of(op["path"])
            target.insert(where, value)
            continue
        parent, key = parent_of(op["path"])
        if op["op"] == "replace":
            assert isinstance(parent, dict) or key < len(parent)
            parent[key] = copy.deepcopy(op["value"])
        elif op["op"] == "remove":
            del parent[key]
        elif op["op"] == "add":
            if isinstance(parent, list):
                assert key <= len(parent)
                parent.insert(key, copy.deepcopy(op["value"]))
            else:
                parent[key] = copy.deepcopy(op["value"])
        else:
            raise AssertionError(op)
    return doc


@st.composite
def pairs(draw: Any) -> tuple[Any, Any]:
    """Two documents of the same kind: unrelated, or the second an edit of the first."""
    a = draw(any_document())
    b = draw(st.one_of(documents(type(a)), edited(a)))
    return a, b


def plan_with(plan: ParentingPlan, **living: Any) -> ParentingPlan:
    return attrs.evolve(plan, living_arrangements=attrs.evolve(plan.living_arrangements, **living))


# --- laws ------------------------------------------------------------------------------------


@given(any_document())
def test_diff_of_a_document_with_itself_is_empty(doc: Any) -> None:
    result = diff(doc, doc)
    assert not result
    assert result.differences == ()
    assert result.orders == ()
    assert all(s.status is SectionStatus.AGREED for s in result.sections)


@given(pairs())
def test_applying_the_diff_turns_a_into_b(pair: tuple[Any, Any]) -> None:
    a, b = pair
    result = diff(a, b)
    assert apply_diff(result, a) == b
    assert bool(result) == (diff(a, b).differences != ())


@given(pairs())
def test_json_patch_turns_the_json_of_a_into_the_json_of_b(pair: tuple[Any, Any]) -> None:
    a, b = pair
    patched = apply_json_patch(coparent.to_dict(a), diff(a, b).to_json_patch())
    assert patched == coparent.to_dict(b)


@given(pairs())
def test_diff_b_a_is_the_mirror_image_of_diff_a_b(pair: tuple[Any, Any]) -> None:
    a, b = pair
    forward = {d.path: d for d in diff(a, b).differences}
    backward = {d.path: d for d in diff(b, a).differences}
    assert forward.keys() == backward.keys()
    mirror = {
        ChangeKind.CHANGED: ChangeKind.CHANGED,
        ChangeKind.ADDED: ChangeKind.REMOVED,
        ChangeKind.REMOVED: ChangeKind.ADDED,
    }
    for path, d in forward.items():
        m = backward[path]
        assert (m.a, m.b, m.a_text, m.b_text) == (d.b, d.a, d.b_text, d.a_text)
        assert (m.pointer_a, m.pointer_b) == (d.pointer_b, d.pointer_a)
        assert m.change is mirror[d.change]
        assert m.section == d.section


@given(pairs())
def test_section_summaries_account_for_every_difference(pair: tuple[Any, Any]) -> None:
    a, b = pair
    result = diff(a, b)
    assert sum(s.count for s in result.sections) == len(result.differences)
    for s in result.sections:
        assert (s.status is SectionStatus.AGREED) == (s.count == 0)
        assert all(d.section == s.key for d in s.differences)
        assert (s.filled_in_by is not None) == (s.status is SectionStatus.ONE_SIDED)
    text = str(result)
    for d in result.differences:
        assert d.label
        assert d.label in text
        assert d.path.startswith("/")
    assert html_tags(result._repr_html_()) <= SAFE_TAGS


@given(pairs())
def test_pointers_address_the_values_in_each_version(pair: tuple[Any, Any]) -> None:
    a, b = pair
    da, db = coparent.to_dict(a), coparent.to_dict(b)

    def at(doc: Any, pointer: str) -> Any:
        for t in pointer.split("/")[1:]:
            t = t.replace("~1", "/").replace("~0", "~")
            doc = doc[int(t)] if isinstance(doc, list) else doc[t]
        return doc

    for d in diff(a, b).differences:
        if d.pointer_a is not None:
            assert at(da, d.pointer_a) == d.a
        if d.pointer_b is not None:
            assert at(db, d.pointer_b) == d.b


# --- matching by id, sets and sequences --------------------------------------------------------


def test_moving_an_item_is_not_a_difference_but_the_patch_keeps_the_order() -> None:
    plan = ParentingPlan.example()
    moved = plan_with(plan, holidays=tuple(reversed(plan.living_arrangements.holidays)))
    result = diff(plan, moved)
    assert not result
    assert [o.path for o in result.orders] == ["/living_arrangements/holidays"]
    assert apply_diff(result, plan) == moved
    assert apply_json_patch(coparent.to_dict(plan), result.to_json_patch()) == coparent.to_dict(
        moved
    )
    assert "different order" in str(result)


def test_an_edited_item_is_one_change_labelled_by_its_readable_name() -> None:
    plan = ParentingPlan.example()
    slots = plan.living_arrangements.schedule.slots
    later = attrs.evolve(slots[0], end_time=time(18, 0))
    schedule = attrs.evolve(plan.living_arrangements.schedule, slots=(later, *slots[1:]))
    result = diff(plan, plan_with(plan, schedule=schedule))
    (d,) = result.differences
    assert d.path == "/living_arrangements/schedule/slots/weekend/end_time"
    assert d.pointer_a == d.pointer_b == "/living_arrangements/schedule/slots/0/end_time"
    assert d.label == (
        "Living arrangements > Weekly schedule > Regular times > Friday 17:00 – Sunday 17:00 "
        "> Until (time)"
    )
    assert (d.a, d.b, d.a_text, d.b_text) == ("17:00:00", "18:00:00", "17:00", "18:00")
    assert d.section == "living_arrangements"
    assert result.section("living_arrangements").status_text == "Differs (1 field)"


def test_items_only_on_one_side_are_additions_and_removals() -> None:
    agreed, tom = last_agreed_version(), parent_b_version()
    siân = parent_a_version()
    result = diff(siân, tom)
    (added,) = [d for d in result.differences if d.change is ChangeKind.ADDED]
    assert added.path == "/living_arrangements/holidays/oct-half-term-2026"
    assert added.label == "Living arrangements > School holidays > October half term 2026"
    assert added.a is None
    assert added.b["id"] == "oct-half-term-2026"
    back = diff(tom, siân)
    assert [d.change for d in back.differences if d.path == added.path] == [ChangeKind.REMOVED]
    assert diff(agreed, agreed).is_empty


def test_set_lists_ignore_order_and_ordered_lists_do_not() -> None:
    example = ParentingPlan.example()
    model = coparent.model
    comm = attrs.evolve(
        example.communication,
        methods=(model.ContactMethod.APP, model.ContactMethod.TEXT),
        dispute_steps=(
            model.DisputeStep.TALK,
            model.DisputeStep.MEDIATION,
            model.DisputeStep.COURT,
        ),
    )
    plan = attrs.evolve(example, communication=comm)
    swapped = attrs.evolve(
        plan,
        communication=attrs.evolve(
            comm,
            methods=tuple(reversed(comm.methods)),
            dispute_steps=tuple(reversed(comm.dispute_steps)),
        ),
    )
    result = diff(plan, swapped)
    assert [d.path for d in result.differences] == ["/communication/dispute_steps"]
    assert result.differences[0].a_text == (
        "Talk it through, Family mediation, Court, as a last resort"
    )
    assert apply_diff(result, plan) == swapped


def test_a_change_of_service_kind_is_one_difference() -> None:
    # A programme referral has no centre arrangements or sessions (a rule of the model).
    referral = attrs.evolve(coparent.Referral.example(), arrangements=(), sessions=())
    programme = coparent.model.ParentingProgramme(
        programme=coparent.model.Programme.PLANNING_TOGETHER,
        reason=coparent.model.ProgrammeReason.BREACHED_ORDER,
    )
    other = attrs.evolve(referral, service=programme)
    (d,) = diff(referral, other).differences
    assert d.path == "/service"
    assert "Planning Together" in d.b_text
    assert apply_diff(diff(referral, other), referral) == other


def test_a_section_filled_in_by_one_parent_only() -> None:
    plan = ParentingPlan.example()
    blank = attrs.evolve(plan, safety=coparent.model.Safety())
    result = diff(blank, plan, a_label="Tom", b_label="Siân")
    safety = result.section("safety")
    assert safety.status is SectionStatus.ONE_SIDED
    assert safety.filled_in_by is Side.SECOND
    assert "Safety: Only one parent filled it in\n  (filled in only in Siân)" in str(result)
    assert result.section("money").status is SectionStatus.AGREED


# --- errors, text and HTML -------------------------------------------------------------------


def test_documents_of_different_kinds_cannot_be_compared() -> None:
    with pytest.raises(coparent.DiffError, match="same kind"):
        diff(ParentingPlan.example(), coparent.Review.example())  # type: ignore[arg-type]  # the mistake under test


def test_a_diff_applied_to_another_document_is_refused() -> None:
    result = diff(parent_a_version(), parent_b_version())
    with pytest.raises(coparent.DiffError, match="does not fit"):
        apply_diff(result, last_agreed_version())


def test_html_escapes_user_text_and_shows_status_in_words() -> None:
    plan = ParentingPlan.example()
    nasty = attrs.evolve(plan, title="<script>alert('x')</script> & co")
    result = diff(plan, nasty, a_label="<b>Siân</b>", b_label="Tom")
    page = result._repr_html_()
    assert "<script>" not in page
    assert "<b>Siân" not in page
    assert "&lt;script&gt;" in page
    assert "&amp; co" in page
    assert "<caption>About this document: Differs (1 field)</caption>" in page
    assert "Agreed" in page
    text = str(result)
    assert "<script>alert('x')</script> & co" in text
    assert text.splitlines()[1] == "1 difference in 1 of 20 sections."


def test_to_dict_is_json_ready_and_carries_the_patch() -> None:
    import json

    result = diff(parent_a_version(), parent_b_version())
    data = json.loads(json.dumps(result.to_dict()))
    assert data["kind"] == "parenting_plan"
    assert len(data["differences"]) == len(result.differences)
    assert data["patch"] == result.to_json_patch()
    assert {s["status"] for s in data["sections"]} <= {"agreed", "differs", "one_sided"}


def test_an_amount_of_money_reads_as_pounds_in_a_diff() -> None:
    plan = ParentingPlan.example()
    expense = coparent.model.Expense(
        id="school-trip",
        item="School trip",
        paid_by=coparent.model.ExpenseShare.SHARED,
        amount_pence=15000,
    )
    dearer = attrs.evolve(expense, amount_pence=17550)
    a = attrs.evolve(plan, money=attrs.evolve(plan.money, expenses=(expense,)))
    b = attrs.evolve(plan, money=attrs.evolve(plan.money, expenses=(dearer,)))
    (d,) = diff(a, b).differences
    assert d.keys == ("money", "expenses", "school-trip", "amount_pence")
    assert (d.a_text, d.b_text) == ("£150.00", "£175.50")
    assert "School trip" in d.label
