"""Redaction: what each audience may see, for JSON export as for PDF."""

from __future__ import annotations

import html
import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.model
import typed_in
from coparent import Audience, CoparentError, ParentingPlan, ParentRef, Referral, Review
from coparent.model import RiskInformation
from pdftext import pdf_text, squash
from strategies import any_document

AUDIENCES = [
    Audience.facilitator(),
    Audience.court(),
    Audience.parent(ParentRef.A),
    Audience.parent(ParentRef.B),
]
audiences = st.sampled_from(AUDIENCES)


@given(any_document(), audiences)
def test_redacted_documents_are_valid_documents(doc: Any, audience: Audience) -> None:
    out = coparent.redact(doc, audience)
    assert type(out) is type(doc)
    data = coparent.to_dict(out)
    coparent.validate(data)
    assert coparent.from_dict(data, type(doc)) == out


@given(any_document(), audiences)
def test_redaction_is_idempotent_and_lists_what_it_removed(doc: Any, audience: Audience) -> None:
    out = coparent.redact(doc, audience)
    assert coparent.redact(out, audience) == out
    assert coparent.redaction.withheld_values(out, audience) == []
    if out == doc:
        assert coparent.redaction.withheld_values(doc, audience) == []


@given(any_document(), st.sampled_from([Audience.facilitator(), Audience.court()]))
def test_staff_and_court_see_everything(doc: Any, audience: Audience) -> None:
    assert coparent.redact(doc, audience) == doc
    assert coparent.redaction.withheld_values(doc, audience) == []


def _kept(after: Any, before: Any) -> bool:
    """Unchanged, or changed only where a withheld value typed into free text was scrubbed."""
    return after == before or coparent.redaction.WITHHELD_MARK in str(coparent.to_dict(after))


@given(any_document(), st.sampled_from(list(ParentRef)))
def test_a_parent_never_sees_the_other_parents_confidential_contact(
    doc: Any, ref: ParentRef
) -> None:
    out = coparent.redact(doc, Audience.parent(ref))
    other = doc.parent(ref.other)
    if other.contact_details_confidential:
        assert out.parent(ref.other).contact == coparent.model.ContactDetails()
    else:
        assert _kept(out.parent(ref.other).contact, other.contact)
    assert _kept(out.parent(ref), doc.parent(ref))  # their own details stay
    if isinstance(doc, Referral):
        assert out.risk == RiskInformation()
        for before, after in zip(doc.other_attendees, out.other_attendees, strict=True):
            if before.contact_details_confidential:
                assert after.contact == coparent.model.ContactDetails()
            else:
                assert _kept(after, before)
    if isinstance(doc, ParentingPlan):
        assert out.safety.concerns == ()
        assert out.safety.domestic_abuse_concerns is None
        assert all(
            _kept(a, b) for a, b in zip(out.safety.conditions, doc.safety.conditions, strict=True)
        )
        assert all(
            _kept(a, b)
            for a, b in zip(out.safety.professionals, doc.safety.professionals, strict=True)
        )


def test_the_example_referral_withholds_the_address_and_risk_from_the_other_parent() -> None:
    ref = Referral.example()
    mother = next(r for r in ParentRef if ref.parent(r).contact_details_confidential)
    withheld = dict(coparent.redaction.withheld_values(ref, Audience.parent(mother.other)))
    address = ref.parent(mother).contact.address
    assert address is not None
    assert withheld[f"/{mother.value}/contact/address/line1"] == address.line1
    assert any(path.startswith("/risk/") for path in withheld)
    own = dict(coparent.redaction.withheld_values(ref, Audience.parent(mother)))
    assert not any(path.startswith(f"/{mother.value}/") for path in own)
    assert any(path.startswith("/risk/") for path in own)


def test_withheld_values_point_at_the_values_they_name() -> None:
    plan = ParentingPlan.example()
    data = coparent.to_dict(plan)
    for audience in AUDIENCES[2:]:
        pairs = coparent.redaction.withheld_values(plan, audience)
        assert pairs
        for path, text in pairs:
            value: Any = data
            for token in path.strip("/").split("/"):
                value = value[int(token)] if isinstance(value, list) else value[token]
            assert str(value) == text


def test_a_review_withholds_contact_incidents_and_the_childrens_words_only() -> None:
    review = Review.example()
    assert review.children_view
    assert not review.children_view_shareable
    for audience in AUDIENCES:
        out = coparent.redact(review, audience)
        put_back = attrs.evolve(
            out,
            parent_a=review.parent_a,
            parent_b=review.parent_b,
            children=review.children,
            sessions=review.sessions,
            children_view=review.children_view,
            family_reference=review.family_reference,  # withheld by the example's own mark
        )
        assert put_back == review
        if audience.is_parent:
            assert out.family_reference == ""
            assert out.children_view == ""
            assert all(not s.incidents for s in out.sessions)
            assert all(c.wishes_and_feelings == "" for c in out.children)
        else:
            assert out == review
    shared = attrs.evolve(review, children_view_shareable=True)
    out = coparent.redact(shared, Audience.parent(ParentRef.A))
    assert out.children_view == review.children_view


def test_audiences_parse_and_name_themselves() -> None:
    for audience in AUDIENCES:
        assert Audience.parse(audience.name) == audience
    assert Audience.parent(ParentRef.B).label == ParentRef.B.label
    with pytest.raises(CoparentError, match="unknown audience"):
        Audience.parse("mother")
    with pytest.raises(CoparentError, match="names a parent"):
        Audience(kind=coparent.redaction.AudienceKind.PARENT)


def test_redact_refuses_what_it_does_not_know() -> None:
    with pytest.raises(CoparentError, match="cannot redact"):
        coparent.redact({"kind": "parenting_plan"}, Audience.court())
    with pytest.raises(CoparentError, match="audience must be"):
        coparent.redact(ParentingPlan.example(), "parent_a")  # type: ignore[arg-type]  # the wrong type is the point


def test_coparent_redact_stays_the_function_once_everything_is_imported() -> None:
    import coparent.redaction
    import coparent.render.pdf  # imports the redaction module itself

    assert coparent.render.pdf.redact is coparent.redact
    assert callable(coparent.redact)
    assert coparent.redact is coparent.redaction.redact


@pytest.mark.parametrize(
    ("keys", "hidden_from"),
    [
        (("risk",), {"parent_a", "parent_b"}),
        (("risk", "protective_orders", "po-1", "details"), {"parent_a", "parent_b"}),
        (("safety", "concerns", "c-1", "description"), {"parent_a", "parent_b"}),
        (("safety", "domestic_abuse_concerns"), {"parent_a", "parent_b"}),
        (("safety", "conditions", "c-1"), set()),
        (("parent_b", "contact", "phone"), {"parent_a"}),
        (("parent_a", "contact", "address", "postcode"), {"parent_b"}),
        (("parent_a",), {"parent_b"}),  # a whole person holds their contact details
        (("parent_a", "name"), set()),
        (("other_attendees", "gran"), {"parent_a", "parent_b"}),
        (("other_attendees", "gran", "contact"), {"parent_a", "parent_b"}),
        (("other_attendees", "gran", "name"), set()),
        (("children", "mia", "name"), set()),
        (("no_such_field",), set()),
        ((), set()),
    ],
)
def test_withheld_path_follows_the_fields_visibility(
    keys: tuple[str, ...], hidden_from: set[str]
) -> None:
    from coparent.redaction import withheld_path

    for name, audience in {
        "facilitator": Audience.facilitator(),
        "court": Audience.court(),
        "parent_a": Audience.parent(ParentRef.A),
        "parent_b": Audience.parent(ParentRef.B),
    }.items():
        assert withheld_path(keys, audience) is (name in hidden_from), name


# --- withheld values typed into a diff's or a merge's free text (issue 12) -------------------


def _shown(result: Any, audience: Audience) -> dict[str, str]:
    """Every form ``audience`` gets a diff or merge in: text, HTML, JSON (with the patch for a
    diff, the merged document for a merge) and the agreement report's PDF (without spaces)."""
    return {
        "text": coparent.to_text(result, audience=audience),
        "html": html.unescape(coparent.to_html(result, audience=audience)),
        "json": json.dumps(coparent.redact(result, audience).to_dict(), ensure_ascii=False),
        "pdf": squash(pdf_text(coparent.render_pdf(result, audience=audience))),
    }


def _results() -> dict[str, Any]:
    """The diff and the merges of issue 12's case, as made and as saved and loaded again."""
    plan = ParentingPlan.example()
    merged = coparent.merge(plan, typed_in.typing_them(plan), typed_in.typing_them_elsewhere(plan))
    assert merged.conflicts, "both versions typed into the same handover's conditions"
    c = merged.conflicts[0]
    resolved = merged.resolve(c.path, "ours", by="Gwen", audience=Audience.facilitator())
    return {
        "diff": coparent.diff(plan, typed_in.typing_them(plan)),
        "diff back": coparent.diff(typed_in.typing_them(plan), plan),
        "merge": merged,
        "resolved merge": resolved,
        "saved merge": coparent.MergeResult.from_json(resolved.to_json()),
    }


@pytest.mark.parametrize("what", list(_results()))
def test_withheld_values_typed_into_a_diff_or_merge_are_scrubbed_from_a_parents_copy(
    what: str,
) -> None:
    result = _results()[what]
    secrets = typed_in.secrets(ParentingPlan.example())
    for form, shown in _shown(result, Audience.parent(typed_in.OTHER_PARENT)).items():
        squashed = squash(shown)
        assert not [s for s in secrets if squash(s) in squashed], (what, form)
        assert not typed_in.cut_short(shown, secrets), (what, form)
        assert squash(coparent.redaction.WITHHELD_MARK) in squashed, (what, form)
    for audience in (Audience.facilitator(), Audience.court()):
        shown = _shown(result, audience)
        staff = coparent.redact(result, audience).to_dict()
        staff.pop("versions", None)
        assert all(s in json.dumps(staff, ensure_ascii=False) for s in secrets), what
        if what != "merge":  # an open conflict's values are shown; the agreement report too
            continue
        for form in ("text", "html"):
            assert all(squash(s) in squash(shown[form]) for s in secrets), (what, form)
        assert all(squash(s) in shown["pdf"] for s in secrets), what


@pytest.mark.parametrize("confidential_in", ["first", "second"])
def test_a_value_withheld_in_either_version_is_scrubbed(confidential_in: str) -> None:
    """One version marks the mother confidential; the other does not, gives her new address
    and types it, her phone, email and the school into other free text."""
    plan = ParentingPlan.example()
    mother = plan.parent_a
    moved = attrs.evolve(mother.contact.address, line1="7 Stryd Newydd", postcode="CF5 2XY")
    open_plan = attrs.evolve(
        plan,
        parent_a=attrs.evolve(
            mother,
            contact_details_confidential=False,
            contact=attrs.evolve(mother.contact, address=moved),
        ),
    )
    typed = typed_in.typing_them(open_plan)
    secrets = [*typed_in.secrets(plan)[2:], moved.line1, moved.postcode]
    a, b = (plan, typed) if confidential_in == "first" else (typed, plan)
    for result in (coparent.diff(a, b), coparent.merge(None, a, b), coparent.merge(a, a, b)):
        shown = _shown(result, Audience.parent(typed_in.OTHER_PARENT))
        for form, text in shown.items():
            assert not [s for s in secrets if squash(s) in squash(text)], form
    for result in (coparent.diff(a, b), coparent.merge(None, a, b)):  # both sides are shown
        staff = coparent.redact(result, Audience.facilitator()).to_dict()
        staff.pop("versions", None)
        assert all(s in json.dumps(staff, ensure_ascii=False) for s in secrets)


def test_the_versions_are_kept_out_of_equality_repr_and_a_redacted_copy() -> None:
    plan = ParentingPlan.example()
    typed = typed_in.typing_them(plan)
    d = coparent.diff(plan, typed)
    assert d.versions == (plan, typed)
    assert attrs.evolve(d, versions=()) == d
    retitled = attrs.evolve(plan, title="A new title")
    assert plan.parent_a.contact.address.line1 not in repr(coparent.diff(plan, retitled))
    for result in (d, coparent.merge(plan, plan, typed)):
        redacted = coparent.redact(result, Audience.parent(ParentRef.B))
        assert redacted.versions == ()
        assert coparent.redact(redacted, Audience.parent(ParentRef.B)) == redacted
        assert "versions" not in redacted.to_dict()
        assert coparent.redact(result, Audience.court()).versions == result.versions
    merged = coparent.merge(plan, plan, typed)
    assert merged.versions == (plan, plan, typed)
    loaded = coparent.MergeResult.from_json(merged.to_json())
    assert loaded.versions == merged.versions
    assert loaded == merged
