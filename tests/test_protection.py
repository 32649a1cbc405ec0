"""Protection as contact centres practise it (issue 12): what finds a family is withheld, the
child's words stay with staff, free text is scrubbed, and a merge never lowers protection."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coparent
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review
from coparent.merging import ConflictKind, merge
from coparent.redaction import WITHHELD_MARK, redact

PARENT_A = Audience.parent(ParentRef.A)
PARENT_B = Audience.parent(ParentRef.B)
STAFF = Audience.facilitator()


def _confidential(plan: ParentingPlan, a: bool, b: bool = False) -> ParentingPlan:
    return attrs.evolve(
        plan,
        parent_a=attrs.evolve(plan.parent_a, contact_details_confidential=a),
        parent_b=attrs.evolve(plan.parent_b, contact_details_confidential=b),
    )


def _locating_texts(plan: ParentingPlan) -> list[str]:
    """The example's school, GP, dentist, nursery and handover places (the answer key)."""
    return [
        plan.education.school,
        *(c.school for c in plan.education.children),
        plan.health.gp,
        plan.health.dentist,
        plan.childcare.regular_childcare,
        *(h.place_details for h in plan.living_arrangements.handovers),
    ]


def test_the_example_names_what_finds_a_family() -> None:
    plan = ParentingPlan.example()
    assert plan.parent_a.contact_details_confidential
    assert all(_locating_texts(plan))


def test_school_gp_nursery_and_handover_places_are_withheld_from_the_other_parent() -> None:
    plan = ParentingPlan.example()
    texts = _locating_texts(plan)
    tom = coparent.to_text(plan, audience=PARENT_B)
    for text in texts:
        assert text not in tom
    # the protected parent and staff still see them
    for audience in (PARENT_A, STAFF, Audience.court()):
        seen = coparent.to_text(plan, audience=audience)
        for text in texts:
            assert text in seen, audience.name


def test_nothing_locating_is_withheld_when_nobody_is_confidential() -> None:
    plan = _confidential(ParentingPlan.example(), False)
    for audience in (PARENT_A, PARENT_B):
        out = redact(plan, audience)
        assert out.education == plan.education
        assert out.health == plan.health
        assert out.living_arrangements.handovers == plan.living_arrangements.handovers


def test_when_both_are_confidential_neither_parent_sees_the_school() -> None:
    plan = _confidential(ParentingPlan.example(), True, True)
    for audience in (PARENT_A, PARENT_B):
        assert redact(plan, audience).education.school == ""
    assert redact(plan, STAFF).education.school == plan.education.school


def test_the_childs_words_reach_no_parent_unless_marked_shareable() -> None:
    plan = ParentingPlan.example()
    words = [c.wishes_and_feelings for c in plan.children if c.wishes_and_feelings]
    assert words
    for audience in (PARENT_A, PARENT_B):
        text = coparent.to_text(plan, audience=audience)
        assert not any(w in text for w in words)
    shared = attrs.evolve(
        plan, children=tuple(attrs.evolve(c, wishes_shareable=True) for c in plan.children)
    )
    for audience in (PARENT_A, PARENT_B):
        out = redact(shared, audience)
        assert [c.wishes_and_feelings for c in out.children] == [
            c.wishes_and_feelings for c in plan.children
        ]


def test_referral_notes_are_for_staff_and_the_court() -> None:
    referral = attrs.evolve(Referral.example(), notes="The school must not be disclosed.")
    for audience in (PARENT_A, PARENT_B):
        assert redact(referral, audience).notes == ""
    for audience in (STAFF, Audience.court()):
        assert redact(referral, audience).notes == referral.notes


def test_the_review_childrens_view_is_withheld_unless_shareable() -> None:
    review = attrs.evolve(Review.example(), children_view="I like the park with Dad.")
    assert redact(review, PARENT_A).children_view == ""
    shared = attrs.evolve(review, children_view_shareable=True)
    assert redact(shared, PARENT_A).children_view == review.children_view


# --- free text --------------------------------------------------------------------------------


def _with_notes(plan: ParentingPlan, note: str) -> ParentingPlan:
    handovers = plan.living_arrangements.handovers
    first = attrs.evolve(handovers[0], conditions=note)
    return attrs.evolve(
        plan,
        living_arrangements=attrs.evolve(
            plan.living_arrangements, handovers=(first, *handovers[1:])
        ),
    )


@pytest.mark.parametrize(
    "pick",
    [
        lambda p: p.parent_a.contact.address.line1,
        lambda p: p.parent_a.contact.address.postcode,
        lambda p: p.parent_a.contact.address.postcode.replace(" ", "").lower(),
        lambda p: p.parent_a.contact.phone,
        lambda p: p.parent_a.contact.email,
        lambda p: p.education.children[0].school,
    ],
)
def test_withheld_values_typed_into_free_text_are_scrubbed(pick: Any) -> None:
    plan = ParentingPlan.example()
    value = pick(plan)
    assert value
    plan = _with_notes(plan, f"Meet by {value} at six.")
    out = redact(plan, PARENT_B)
    note = out.living_arrangements.handovers[0].conditions
    assert note == f"Meet by {WITHHELD_MARK} at six."
    assert value not in coparent.to_text(plan, audience=PARENT_B)
    # the protected parent and staff keep the text as written
    assert redact(plan, PARENT_A).living_arrangements.handovers[0].conditions.endswith("at six.")
    assert value in redact(plan, STAFF).living_arrangements.handovers[0].conditions


def test_free_text_is_left_alone_when_nothing_is_withheld() -> None:
    plan = _confidential(ParentingPlan.example(), False)
    school = plan.education.children[0].school
    plan = _with_notes(plan, f"At {school}.")
    assert redact(plan, PARENT_B).living_arrangements.handovers[0].conditions == f"At {school}."


# --- merge ------------------------------------------------------------------------------------


def _move_and_untick() -> tuple[ParentingPlan, ParentingPlan, ParentingPlan]:
    """The issue's case: she changes her address; the other version unticks her mark."""
    base = ParentingPlan.example()
    person = base.parent_a
    address = attrs.evolve(person.contact.address, line1="99 Hidden Lane")
    ours = attrs.evolve(
        base, parent_a=attrs.evolve(person, contact=attrs.evolve(person.contact, address=address))
    )
    theirs = attrs.evolve(base, parent_a=attrs.evolve(person, contact_details_confidential=False))
    return base, ours, theirs


def test_unticking_confidential_is_a_conflict_only_staff_resolve() -> None:
    base, ours, theirs = _move_and_untick()
    for a, b in ((ours, theirs), (theirs, ours)):
        result = merge(base, a, b)
        assert not result.is_complete
        (c,) = result.conflicts
        assert c.kind is ConflictKind.LOWERS_PROTECTION
        assert c.path == "/parent_a/contact_details_confidential"
        assert result.document.parent_a.contact_details_confidential
        assert "99 Hidden Lane" not in coparent.to_text(result.document, audience=PARENT_B)
        assert "99 Hidden Lane" not in coparent.to_text(
            redact(result, PARENT_B).document, audience=PARENT_B
        )
        lowering = "theirs" if b is theirs else "ours"
        with pytest.raises(coparent.DiffError, match="only the centre's staff"):
            result.resolve(c.path, lowering, by="Tom")
        with pytest.raises(coparent.DiffError, match="only the centre's staff"):
            result.resolve(c.path, lowering, by="Tom", audience=PARENT_B)
        kept = result.resolve(c.path, "base", by="Tom")
        assert kept.final_document().parent_a.contact_details_confidential
        lowered = result.resolve(c.path, lowering, by="Gwen", audience=STAFF)
        assert not lowered.final_document().parent_a.contact_details_confidential
        assert lowered.resolutions[0].by == "Gwen"


def test_a_lowering_conflict_survives_saving() -> None:
    result = merge(*_move_and_untick())
    again = coparent.MergeResult.from_json(result.to_json())
    assert again == result
    assert again.conflicts[0].kind is ConflictKind.LOWERS_PROTECTION


def test_a_mark_removed_on_a_list_item_is_a_conflict() -> None:
    base = ParentingPlan.example()
    child = base.children[0]
    theirs = attrs.evolve(
        base, children=(attrs.evolve(child, wishes_shareable=True), *base.children[1:])
    )
    result = merge(base, base, theirs)
    (c,) = result.conflicts
    assert c.kind is ConflictKind.LOWERS_PROTECTION
    assert c.path == f"/children/{child.id}/wishes_shareable"
    assert not result.document.children[0].wishes_shareable


def test_raising_protection_merges_cleanly() -> None:
    base = _confidential(ParentingPlan.example(), False)
    theirs = attrs.evolve(
        base, parent_b=attrs.evolve(base.parent_b, contact_details_confidential=True)
    )
    result = merge(base, base, theirs)
    assert result.is_complete
    assert result.document.parent_b.contact_details_confidential


def test_no_base_disagreement_on_a_mark_keeps_the_protective_value() -> None:
    plan = ParentingPlan.example()
    other = attrs.evolve(
        plan, parent_a=attrs.evolve(plan.parent_a, contact_details_confidential=False)
    )
    for a, b in ((plan, other), (other, plan)):
        result = merge(None, a, b)
        kinds = {c.path: c.kind for c in result.conflicts}
        assert kinds["/parent_a/contact_details_confidential"] is ConflictKind.LOWERS_PROTECTION
        assert result.document.parent_a.contact_details_confidential


# --- findings in the staff's copies ------------------------------------------------------------


def test_things_to_check_are_in_the_staff_copies_only() -> None:
    from coparent.render.pdf import render_pdf
    from pdftext import pdf_text

    # supported contact arranged beside disclosed abuse, with no review that decided it
    referral = attrs.evolve(Referral.example(), reviews=())
    assert coparent.check(referral)
    for audience in (STAFF, Audience.court()):
        assert "Things to check" in coparent.to_text(referral, audience=audience)
        assert "Things to check" in coparent.to_html(referral, audience=audience)
    assert "Things to check" in pdf_text(render_pdf(referral, audience=STAFF))
    for audience in (PARENT_A, PARENT_B):
        assert "Things to check" not in coparent.to_text(referral, audience=audience)
        assert "Things to check" not in coparent.to_html(referral, audience=audience)
        assert "Things to check" not in pdf_text(render_pdf(referral, audience=audience))
    quiet = attrs.evolve(referral, arrangements=(), risk=type(referral.risk)())
    assert coparent.check(quiet) == []
    assert "Things to check" not in coparent.to_text(quiet, audience=STAFF)


# --- error messages and terminals ---------------------------------------------------------------


@given(secret=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=6, max_size=30))
def test_errors_never_echo_a_withheld_fields_value(secret: str) -> None:
    assume(secret.strip() and "value" not in secret and secret.strip() not in "expected")
    data = coparent.to_dict(Referral.example())
    data["risk"]["domestic_abuse_disclosed"] = secret
    data["risk"]["child_protection"] = secret
    data["referrer"]["kind"] = secret  # for everyone: quoted, cut and escaped
    with pytest.raises(coparent.ValidationError) as info:
        coparent.from_dict(data, Referral)
    by_path = {e.path: e.message for e in info.value.errors}
    assert secret not in by_path["/risk/domestic_abuse_disclosed"]
    assert secret not in by_path["/risk/child_protection"]
    assert "not shown" in by_path["/risk/child_protection"]
    assert repr(secret[:37] + "..." if len(secret) > 40 else secret) in by_path["/referrer/kind"]


def test_echoed_values_are_cut_and_escaped() -> None:
    data = coparent.to_dict(Referral.example())
    data["referrer"]["kind"] = "\x1b[31m" + "x" * 100
    with pytest.raises(coparent.ValidationError) as info:
        coparent.from_dict(data, Referral)
    text = str(info.value)
    assert "\x1b" not in text
    assert "\\x1b" in text
    assert "x" * 50 not in text


@given(st.text())
def test_terminal_output_has_no_control_characters(text: str) -> None:
    from coparent.cli import terminal_safe

    shown = terminal_safe(text)
    assert not any(
        (unicodedata.category(c) == "Cc" and c not in "\n\t") or "\u202a" <= c <= "\u202e"
        for c in shown
    )
    if all(c.isprintable() or c in "\n\t" for c in text):
        assert shown == text


def test_the_command_line_escapes_a_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coparent.cli import main

    name = str(tmp_path / "evil\x1b[2Jname.json")
    assert main(["check", name]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\\x1b[2Jname" in err


# --- a user's own marks ----------------------------------------------------------------------


def _marked(plan: ParentingPlan, *paths: str) -> ParentingPlan:
    return attrs.evolve(plan, withheld_from_parents=paths)


def test_a_user_can_withhold_more_by_path() -> None:
    plan = _confidential(ParentingPlan.example(), False)
    handover = plan.living_arrangements.handovers[1]
    marked = _marked(
        plan,
        "/education/activities",
        f"/living_arrangements/handovers/{handover.id}",
        "not a path",
        "/no/such/field",
    )
    for audience in (PARENT_A, PARENT_B):
        out = redact(marked, audience)
        assert out.education.activities == ""
        assert handover.id not in {h.id for h in out.living_arrangements.handovers}
        assert plan.education.activities not in coparent.to_text(marked, audience=audience)
    for audience in (STAFF, Audience.court()):
        assert redact(marked, audience) == marked
    # unmarked, the same plan shows them to the parents
    assert redact(plan, PARENT_B).education.activities == plan.education.activities


def test_a_field_a_rule_needs_is_withheld_with_its_item() -> None:
    # Emptying who cancelled a session alone would leave its notice without a cancellation,
    # which the model refuses: the session is left out of the parents' copies instead.
    review = Review.example()
    (session,) = [s for s in review.sessions if s.cancelled_by and s.notice_hours is not None]
    path = f"/sessions/{session.id}/cancelled_by"
    marked = attrs.evolve(review, withheld_from_parents=(*review.withheld_from_parents, path))
    for audience in (PARENT_A, PARENT_B):
        out = redact(marked, audience)
        assert session.id not in {s.id for s in out.sessions}
        assert session.notes not in coparent.to_text(marked, audience=audience)
        assert coparent.render_pdf(marked, audience=audience).startswith(b"%PDF")
    for audience in (STAFF, Audience.court()):
        assert redact(marked, audience) == marked


def test_a_required_field_is_withheld_with_its_item() -> None:
    plan = ParentingPlan.example()
    child = plan.children[0]
    marked = _marked(plan, f"/children/{child.id}/date_of_birth", f"/children/{child.id}/name")
    for audience in (PARENT_A, PARENT_B):
        out = redact(marked, audience)
        assert child.id not in {c.id for c in out.children}
        assert [c.id for c in out.children] == [c.id for c in plan.children[1:]]


def test_a_path_nothing_can_hold_is_refused_not_shown() -> None:
    marked = _marked(ParentingPlan.example(), "/parent_b/name")  # the plan needs both parents
    for audience in (PARENT_A, PARENT_B):
        with pytest.raises(coparent.ValidationError, match="/parent_b/name cannot be withheld"):
            redact(marked, audience)
        with pytest.raises(coparent.CoparentError, match="cannot be withheld"):
            coparent.render_pdf(marked, audience=audience)
    assert redact(marked, STAFF) == marked


def test_check_reports_each_mark_not_withheld_as_written() -> None:
    review = Review.example()
    (session,) = [s for s in review.sessions if s.cancelled_by and s.notice_hours is not None]
    marks = (
        *review.withheld_from_parents,  # withheld as written: no finding
        "/sessions/no-such-session/notes",
        f"/sessions/{session.id}/cancelled_by",
        "/parent_b/name",
    )
    marked = attrs.evolve(review, withheld_from_parents=marks)
    found = {f.code: f for f in coparent.check(marked) if f.code.startswith("withheld-path-")}
    assert set(found) == {
        "withheld-path-fits-nothing",
        "withheld-path-takes-more",
        "withheld-path-impossible",
    }
    n = len(review.withheld_from_parents)
    assert found["withheld-path-fits-nothing"].paths == (f"/withheld_from_parents/{n}",)
    takes_more = found["withheld-path-takes-more"]
    assert takes_more.paths == (f"/withheld_from_parents/{n + 1}",)
    assert f"so /sessions/{session.id} is left out with it" in takes_more.message
    impossible = found["withheld-path-impossible"]
    assert impossible.severity is coparent.Severity.SERIOUS
    assert impossible.paths == (f"/withheld_from_parents/{n + 2}",)
    # What the finding says is what a parent's copy does.
    with pytest.raises(coparent.ValidationError, match="/parent_b/name"):
        redact(marked, PARENT_A)
    kept = attrs.evolve(marked, withheld_from_parents=marks[:-1])
    assert session.id not in {s.id for s in redact(kept, PARENT_A).sessions}


def test_removing_a_users_mark_in_a_merge_is_for_staff() -> None:
    base = _marked(ParentingPlan.example(), "/education/activities", "/health/vaccinations")
    theirs = _marked(base, "/health/vaccinations")
    ours = _marked(base, "/education/activities", "/health/vaccinations", "/money/notes")
    result = merge(base, ours, theirs)
    (c,) = result.conflicts
    assert c.kind is ConflictKind.LOWERS_PROTECTION
    assert c.path == "/withheld_from_parents"
    assert set(result.document.withheld_from_parents) == {
        "/education/activities",
        "/health/vaccinations",
        "/money/notes",
    }
    with pytest.raises(coparent.DiffError, match="only the centre's staff"):
        result.resolve(c.path, "theirs", by="Tom")
    # adding a mark on one side merges cleanly
    assert merge(base, ours, base).is_complete


def test_a_merges_conflicts_are_scrubbed_for_a_parent() -> None:
    base = ParentingPlan.example()
    postcode = base.parent_a.contact.address.postcode
    ours = _with_notes(base, f"Drop off near {postcode} please.")
    theirs = _with_notes(base, "Drop off at the library.")
    result = merge(base, ours, theirs)
    assert [c.kind for c in result.conflicts] == [ConflictKind.BOTH_CHANGED]
    for audience in (PARENT_B,):
        shown = redact(result, audience).to_json()
        assert postcode not in shown
        assert WITHHELD_MARK in shown
    assert postcode in redact(result, STAFF).to_json()
