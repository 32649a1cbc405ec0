"""The agreement report: diff and merge results as PDFs, redacted for their audience."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
import coparent.redaction
from coparent import Audience, ParentingPlan, ParentRef, Referral
from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version
from coparent.render.diffs import conflict_texts, difference_texts
from pdftext import normalise, pdf_reader, pdf_text, squash
from strategies import documents
from test_privacy_oracle import hidden_texts
from test_render_redaction import MARKER_RE, _mark, _Marks

AUDIENCES = [
    Audience.facilitator(),
    Audience.court(),
    Audience.parent(ParentRef.A),
    Audience.parent(ParentRef.B),
]


def _merge() -> coparent.MergeResult:
    return coparent.merge(
        last_agreed_version(),
        parent_a_version(),
        parent_b_version(),
        ours_label="Siân",
        theirs_label="Tom",
    )


def _diff() -> coparent.DiffResult:
    return coparent.diff(parent_a_version(), parent_b_version(), a_label="Siân", b_label="Tom")


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.name)
def test_the_merge_report_shows_agreed_sections_and_each_open_point(audience: Audience) -> None:
    result = _merge()
    data = coparent.render_pdf(result, audience=audience)
    text = pdf_text(data)
    n = len(result.conflicts)
    assert f"{n} points still open" in text
    assert "2. What both parents agree" in text
    assert "3. Points still open" in text
    flat = squash(text)
    for c in result.conflicts:
        assert squash(c.label) in flat
        for side in conflict_texts(result, c):
            if len(side) < 60:
                assert squash(side) in flat
    assert text.count("Decision") >= n
    assert "Signature" in text
    reader = pdf_reader(data)
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in normalise(reader.pages[-1].extract_text())
    assert coparent.render_pdf(result, audience=audience) == data


def test_the_diff_report_puts_both_versions_side_by_side() -> None:
    result = _diff()
    text = pdf_text(coparent.render_pdf(result, audience=Audience.facilitator()))
    assert f"{len(result.differences)} points to discuss" in text
    assert "Comparing Siân and Tom" in text
    flat = squash(text)
    for s in result.sections:
        assert s.title in text
    for d in result.differences:
        assert squash(d.label) in flat
        a, b = difference_texts(result, d)
        if len(a) < 60 and len(b) < 60:
            assert squash(a) in flat
            assert squash(b) in flat


def test_decisions_made_at_the_meeting_are_listed() -> None:
    result = _merge()
    first = result.conflicts[0]
    done = result.resolve(
        first.path, "theirs", by="Gwen Price", at=datetime(2026, 11, 14, 11, tzinfo=UTC)
    )
    text = pdf_text(coparent.render_pdf(done, audience=Audience.facilitator()))
    assert "4. Decided at the meeting" in text
    assert "Take theirs, by Gwen Price, 14 November 2026, 11:00 UTC" in text
    assert f"{len(done.conflicts)} points still open" in text


def test_a_parent_never_sees_the_other_parents_confidential_changes() -> None:
    agreed = last_agreed_version()
    protected = next(r for r in ParentRef if agreed.parent(r).contact_details_confidential)
    person = agreed.parent(protected)
    address = attrs.evolve(person.contact.address, line1="7 Secret Lane")
    moved = attrs.evolve(person, contact=attrs.evolve(person.contact, address=address))
    concern = coparent.model.SafetyConcern(
        id="new-worry", description="A worry only staff may read"
    )
    safety = attrs.evolve(agreed.safety, concerns=(*agreed.safety.concerns, concern))
    ours = attrs.evolve(agreed, **{protected.value: moved}, safety=safety)
    theirs = parent_b_version()
    for result in (coparent.diff(agreed, ours), coparent.merge(agreed, ours, theirs)):
        other = Audience.parent(protected.other)
        parent_text = pdf_text(coparent.render_pdf(result, audience=other))
        staff_text = pdf_text(coparent.render_pdf(result, audience=Audience.court()))
        for secret in ("7 Secret Lane", "A worry only staff may read"):
            assert secret not in parent_text
            assert secret in staff_text
        if isinstance(result, coparent.DiffResult):  # the merge takes the change without a conflict
            assert "not shown in this copy" in parent_text  # how many, never what
        assert "not shown in this copy" not in staff_text
        withheld = [t for _, t in coparent.redaction.withheld_values(result, other)]
        assert any("7 Secret Lane" in t for t in withheld)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral])
@settings(max_examples=8)
@given(data=st.data(), ref=st.sampled_from(list(ParentRef)))
def test_no_withheld_text_reaches_a_parents_agreement_report(
    cls: type[Any], data: st.DataObject, ref: ParentRef
) -> None:
    marks = _Marks()
    a = _mark(data.draw(documents(cls)), marks)
    b = _mark(data.draw(documents(cls)), marks)
    audience = Audience.parent(ref)
    # The oracle is the fields' metadata, in a change, in either version (not redact's output).
    withheld = {
        m
        for version in (a, b)
        for t in hidden_texts(version, ref.value, change=True)
        for m in MARKER_RE.findall(t)
    }
    assert withheld  # the other parent's contact details are always withheld in a change
    for result in (coparent.diff(a, b), coparent.merge(None, a, b)):
        text = squash(pdf_text(coparent.render_pdf(result, audience=audience)))
        leaked = sorted(m for m in withheld if m in text)
        assert not leaked, f"withheld values reached {audience.label}: {leaked}"
        assert not (set(re.findall(r"WH\d{6}X", text)) & withheld)


def test_a_parents_own_text_keeps_all_but_the_withheld_word_it_contains() -> None:
    """Found by Hypothesis: a parent's own address line holding a word withheld from them (the
    other parent's confidential postcode) is shown with only that word taken out."""
    agreed = last_agreed_version()
    protected = next(r for r in ParentRef if agreed.parent(r).contact_details_confidential)
    reader = protected.other
    hidden = agreed.parent(protected).contact.address
    assert hidden is not None
    assert hidden.postcode

    def with_line1(text: str) -> Any:
        person = agreed.parent(reader)
        assert person.contact.address is not None
        address = attrs.evolve(person.contact.address, line1=text)
        moved = attrs.evolve(person, contact=attrs.evolve(person.contact, address=address))
        return attrs.evolve(agreed, **{reader.value: moved})

    ours = with_line1(f"Flat 2 Gwelfor, post to {hidden.postcode}")
    theirs = with_line1(f"Flat 3 Gwelfor, post to {hidden.postcode}")
    audience = Audience.parent(reader)
    for result in (coparent.diff(ours, theirs), coparent.merge(agreed, ours, theirs)):
        text = squash(pdf_text(coparent.render_pdf(result, audience=audience)))
        assert "Flat2Gwelfor" in text
        assert "Flat3Gwelfor" in text
        assert squash(hidden.postcode) not in text  # not the other parent's postcode
