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
from strategies import documents, json_paths

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
    staff = coparent.Audience.facilitator()  # only staff may lower protection
    while result.conflicts:
        before = len(result.conflicts)
        for conflict in result.conflicts:
            first = data.draw(st.sampled_from(["ours", "theirs"]))
            # Taking one side can break a rule with a change elsewhere (documented): the other
            # side, or the base, is then the way out, or a later round once others are settled.
            for choice in (first, "theirs" if first == "ours" else "ours", "base"):
                try:
                    result = result.resolve(conflict.path, choice, by="fuzz", audience=staff)
                    break
                except coparent.ValidationError:
                    continue
            else:
                continue
            break
        assert len(result.conflicts) < before, [c.path for c in result.conflicts]
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


def _saved_merge() -> dict[str, Any]:
    """A saved merge with open conflicts and a resolution: the review meeting's."""
    from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version

    result = coparent.merge(last_agreed_version(), parent_a_version(), parent_b_version())
    first = result.conflicts[0]
    result = result.resolve(
        first.path, coparent.ResolutionChoice.OURS, by="Gwen", audience=coparent.Audience.court()
    )
    return result.to_dict()


SAVED = _saved_merge()

#: Junk for a saved merge: any JSON value, and values a careless editor writes.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["/", "/no/such/path", "/living_arrangements/holidays/x", "", "1e400"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


PATHS = [p for p in json_paths(SAVED) if p]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(PATHS), JUNK), min_size=1, max_size=3))
def test_saved_merge_files_with_junk_inside(edits: list[tuple[tuple[Any, ...], Any]]) -> None:
    import copy
    import json

    data = copy.deepcopy(SAVED)
    for path, value in edits:
        node: Any = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        result = coparent.MergeResult.from_json(json.dumps(data))
    except coparent.ValidationError as e:
        assert e.errors
    else:
        # What loads writes back as it was read, and loads again.
        again = coparent.MergeResult.from_json(result.to_json())
        assert again.to_dict() == result.to_dict()
