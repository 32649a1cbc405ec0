"""Fuzzing the entry points that read untrusted input (run by ``nox -s fuzz``).

Junk text and bytes, JSON of every shape, deep nesting, huge strings and lists, invalid Unicode,
NaN and extreme dates go in; only :class:`coparent.ValidationError` may come out, and memory stays
in proportion to the input.
"""

from __future__ import annotations

import contextlib
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coparent
import coparent.convert
import coparent.model
from coparent._converter_code import FAST, Invalid
from coparent.convert import open_envelope
from strategies import any_document

pytestmark = pytest.mark.fuzz

DOCS = list(coparent.convert.DOCUMENT_TYPES.values())

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
    st.sampled_from(
        ["0000-01-01", "9999-12-31", "2024-02-30", "24:00:00", "-0001-01-01", "", "\u0000"]
    ),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=40,
)
NASTY_TEXT = st.one_of(
    st.text(),
    st.binary().map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.integers(1, 50_000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 50_000).map(lambda n: '{"a":' * n + "1" + "}" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", '{"a": NaN}', "1e99999", "9" * 5000]),
)

FUZZ = settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


def _only_validation_errors(cls: type[Any], text: str | bytes) -> None:
    try:
        coparent.from_json(text, cls)
    except coparent.ValidationError as e:
        assert e.errors


@FUZZ
@given(st.sampled_from(DOCS), st.one_of(NASTY_TEXT, st.binary()))
def test_from_json_on_junk(cls: type[Any], text: str | bytes) -> None:
    _only_validation_errors(cls, text)


@FUZZ
@given(st.sampled_from(DOCS), JSON_VALUES)
def test_from_json_on_any_json(cls: type[Any], value: Any) -> None:
    _only_validation_errors(cls, json.dumps(value))
    envelope = {"kind": cls.KIND, "schema_version": 1, "x": value}
    _only_validation_errors(cls, json.dumps(envelope))


@FUZZ
@given(any_document(), st.data())
def test_from_json_on_documents_with_junk_inside(doc: Any, data: st.DataObject) -> None:
    as_dict = coparent.to_dict(doc)
    key = data.draw(st.sampled_from(sorted(as_dict)))
    as_dict[key] = data.draw(JSON_VALUES)
    _only_validation_errors(type(doc), json.dumps(as_dict))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.binary(max_size=2000))
def test_load_on_junk_files(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / "junk.json"
    path.write_bytes(raw)
    try:
        coparent.load(path)
    except coparent.ValidationError as e:
        assert e.errors


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_memory_stays_in_proportion(size: int) -> None:
    texts = [
        json.dumps({"kind": "parenting_plan", "schema_version": 1, "notes": "x" * size}),
        json.dumps([[1] * 10] * (size // 30)),
        "[" * 5000 + "]" * 5000,
    ]
    for text in texts:
        tracemalloc.start()
        with contextlib.suppress(coparent.ValidationError):
            coparent.from_json(text, coparent.ParentingPlan)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 40 * len(text) + 2_000_000, (len(text), peak)


PYTHON_VALUES = st.one_of(
    st.sampled_from(list(coparent.model.PlanStatus)),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.uuids(),
    st.tuples(JSON_SCALARS),
    st.frozensets(st.integers(), max_size=2),
    st.binary(max_size=4),
    st.decimals(allow_nan=False),
)


@FUZZ
@given(any_document(), PYTHON_VALUES, st.data())
def test_python_values_are_refused_on_both_paths(doc: Any, value: Any, data: st.DataObject) -> None:
    """from_dict takes what JSON parses to: a Python value anywhere is one problem, not a crash."""
    as_dict = coparent.to_dict(doc)
    key = data.draw(
        st.sampled_from(sorted(k for k in as_dict if k not in ("kind", "schema_version")))
    )
    as_dict[key] = value
    with pytest.raises(coparent.ValidationError) as info:
        coparent.from_dict(as_dict, type(doc))
    assert any(e.path == f"/{key}" for e in info.value.errors), info.value.errors
    body = open_envelope(type(doc), as_dict)
    with pytest.raises(Invalid):
        FAST[type(doc)](body)
