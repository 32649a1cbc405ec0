"""Fuzzing diff and merge with unrelated, extreme documents (run by ``nox -s fuzz``).

Three documents of one kind that share nothing (huge text, edge dates, empty and full lists) are
merged with and without a base: only coparent's documented errors may come out, and taking one
side of every conflict always gives a document that loads, dumps and validates.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coparent
import coparent.convert
from strategies import documents

pytestmark = pytest.mark.fuzz

KINDS = st.sampled_from(list(coparent.convert.DOCUMENT_TYPES.values()))
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


@FUZZ
@given(KINDS.flatmap(lambda cls: st.tuples(*(documents(cls),) * 3)), st.booleans(), st.data())
def test_merging_unrelated_documents(
    docs: tuple[Any, Any, Any], with_base: bool, data: st.DataObject
) -> None:
    base, ours, theirs = docs
    result = coparent.merge(base if with_base else None, ours, theirs)
    assert coparent.from_json(coparent.to_json(result.document), type(ours)) == result.document
    while result.conflicts:
        conflict = result.conflicts[0]
        choice = data.draw(st.sampled_from(["ours", "theirs"]))
        try:
            result = result.resolve(conflict.path, choice, by="fuzz")
        except coparent.ValidationError:
            # Taking one side can break a rule with the other side's change in the same item
            # (documented); the base, or the other side, is then the way out.
            result = result.resolve(
                conflict.path, "theirs" if choice == "ours" else "ours", by="fuzz"
            )
    final = result.final_document()
    coparent.validate(coparent.to_dict(final))


@FUZZ
@given(KINDS.flatmap(lambda cls: st.tuples(documents(cls), documents(cls))))
def test_diff_of_unrelated_documents_applies(pair: tuple[Any, Any]) -> None:
    a, b = pair
    changes = coparent.diff(a, b)
    assert coparent.apply_diff(changes, a) == b
    assert str(changes)
    assert changes._repr_html_().startswith("<")
