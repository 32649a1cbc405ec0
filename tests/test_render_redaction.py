"""No withheld value's text can be read out of the PDF rendered for an audience it is withheld from.

Generated documents get a distinctive marker (``WH000123X``) at the front of every value that
can be withheld (contact details, a referral's risk information, a plan's safety concerns), so
the check cannot be fooled by the same text legitimately appearing elsewhere. Markers that are
*not* withheld must come out of the same PDF: that proves the extraction sees them.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.redaction
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review
from coparent.model import Address, Person, SafetyConcern
from coparent.model.introspect import choice_classes, spec_of
from pdftext import pdf_text, squash
from strategies import documents
from test_privacy_oracle import hidden_texts

MARKER_RE = re.compile(r"WH\d{6}X")


class _Marks:
    def __init__(self) -> None:
        self.counter = itertools.count()
        self.all: set[str] = set()

    def new(self) -> str:
        mark = f"WH{next(self.counter):06d}X"
        self.all.add(mark)
        return mark

    def text(self, value: str) -> str:
        return f"{self.new()} {value}"

    def person(self, p: Person) -> Person:
        c = p.contact
        address = c.address or Address(line1="")
        contact = attrs.evolve(
            c,
            phone=self.text(c.phone),
            email=f"{self.new()}@example.org",
            address=attrs.evolve(
                address, line1=self.text(address.line1), postcode=self.text(address.postcode)
            ),
        )
        return attrs.evolve(p, contact=contact)


def _mark(doc: Any, marks: _Marks) -> Any:
    changes: dict[str, Any] = {
        "parent_a": marks.person(doc.parent_a),
        "parent_b": marks.person(doc.parent_b),
    }
    if isinstance(doc, Referral):
        changes["other_attendees"] = tuple(marks.person(p) for p in doc.other_attendees)
        changes["risk"] = attrs.evolve(
            doc.risk,
            social_worker=marks.text(doc.risk.social_worker),
            mental_health=marks.text(doc.risk.mental_health),
            other_concerns=marks.text(doc.risk.other_concerns),
            protective_orders=tuple(
                attrs.evolve(o, details=marks.text(o.details)) for o in doc.risk.protective_orders
            ),
        )
    for f in spec_of(type(doc)).fields:
        if f.info.withholds:  # a user's own marks are data, not metadata: test_protection.py
            changes[f.name] = ()
    if isinstance(doc, ParentingPlan):
        concerns = tuple(
            attrs.evolve(c, description=marks.text(c.description)) for c in doc.safety.concerns
        ) or (SafetyConcern(id="marked-concern", description=marks.text("")),)
        changes["safety"] = attrs.evolve(doc.safety, concerns=concerns)
    return attrs.evolve(doc, **changes)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
@settings(max_examples=10)
@given(data=st.data(), ref=st.sampled_from(list(ParentRef)))
def test_no_withheld_text_reaches_a_parents_pdf(
    cls: type[Any], data: st.DataObject, ref: ParentRef
) -> None:
    doc = data.draw(documents(cls))
    marks = _Marks()
    doc = _mark(doc, marks)
    audience = Audience.parent(ref)
    # The oracle is the fields' metadata: a marker counts as withheld only where its whole
    # field is (a visible text that contains a withheld word is scrubbed of the word alone).
    withheld_marks = {
        m for t in hidden_texts(doc, ref.value, change=False) for m in MARKER_RE.findall(t)
    }
    text = squash(pdf_text(coparent.render_pdf(doc, audience=audience)))

    leaked = {m for m in withheld_marks if m in text}
    assert not leaked, f"withheld values reached {audience.label}: {sorted(leaked)}"
    visible = marks.all - withheld_marks
    assert visible  # the reader's own contact details are always there
    missing = {m for m in visible if m not in text}
    assert not missing, f"visible values missing from the PDF: {sorted(missing)}"

    # Whole withheld values too, where their text is distinctive (not shown elsewhere).
    for path, value in _distinctive(doc, audience):
        assert value not in text, path


#: The JSON values of every choice. They are coparent's own words, which a PDF prints for other
#: reasons too ('letter' in "Where letters reach this person."), so finding one says nothing
#: about a leak; what a withheld choice shows is its label, and redaction drops the field.
_CHOICE_VALUES = {
    squash(str(member.value))
    for choice in choice_classes(ParentingPlan, Referral, Review)
    for member in choice
}


def _own_words() -> str:
    """Every message of coparent's catalogue, squashed and joined: the words a PDF prints for
    its own reasons ('Provider', a heading, is also a text Hypothesis may write)."""
    from babel.messages.pofile import read_po

    pot = Path(coparent.__file__).parent / "locale" / "coparent.pot"
    with pot.open("rb") as f:
        catalogue = read_po(f)
    ids = (m.id for m in catalogue if m.id)
    return "\x00".join(squash(i if isinstance(i, str) else "\x00".join(i)) for i in ids)


_OWN_WORDS = _own_words()


def _distinctive(doc: Any, audience: Audience) -> list[tuple[str, str]]:
    """Withheld values (squashed) of 6+ characters that no visible value contains and that are
    neither a choice's value nor part of one of coparent's own messages."""
    visible = coparent.to_dict(coparent.redact(doc, audience))
    shown = squash("".join(t for _, t in _strings(visible)))
    found = []
    for path, value in coparent.redaction.withheld_values(doc, audience):
        flat = squash(value)
        if (
            len(flat) >= 6
            and flat not in shown
            and flat not in _CHOICE_VALUES
            and flat not in _OWN_WORDS
        ):
            found.append((path, flat))
    return found


def _strings(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _strings(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _strings(v, f"{path}/{i}")]
    return [(path, value)] if isinstance(value, str) else []


def test_the_example_referral_for_the_other_parent_has_no_address_and_no_risk() -> None:
    ref = Referral.example()
    protected = next(r for r in ParentRef if ref.parent(r).contact_details_confidential)
    text = pdf_text(coparent.render_pdf(ref, audience=Audience.parent(protected.other)))
    address = ref.parent(protected).contact.address
    assert address is not None
    assert address.line1 not in text
    assert address.postcode not in text
    assert "Kept confidential: not shown to this reader." in text
    assert "for the centre's staff only and is not shown to either parent" in text
    distinctive = _distinctive(ref, Audience.parent(protected.other))
    assert len(distinctive) > 5
    for path, value in distinctive:
        assert value not in squash(text), path
    staff = pdf_text(coparent.render_pdf(ref, audience=Audience.facilitator()))
    assert address.line1 in staff
