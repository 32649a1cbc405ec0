"""The quick routes agree with the reference routes, byte for byte and problem for problem.

Loading: orjson with the quote count (``convert._load_text``) against the standard library's
strict parser and ``from_dict`` (``parse_json``). Writing: orjson with the shallow dumps
(``convert._encode_fast``) against the full dict dump (``_encode(to_dict(doc))``). Both run over
generated valid documents and over texts broken on purpose (repeated keys, escaped quotes,
numbers beyond 64 bits or beyond a float, non-canonical dates, unknown keys).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import ParentingPlan, Referral, Review, ValidationError
from coparent.convert import (
    _UNPROVEN,
    MAX_BYTES,
    _encode,
    _encode_fast,
    _load_text,
    _quick_parse,
    from_dict,
    parse_json,
    to_dict,
)
from strategies import any_document

DOCS = [ParentingPlan, Referral, Review]


def _outcome(fn: Any) -> Any:
    try:
        return ("loaded", fn())
    except ValidationError as e:
        return ("refused", [(d.path, d.message) for d in e.errors], e.more)


def _reference(text: str | bytes, cls: type[Any]) -> Any:
    return _outcome(lambda: from_dict(parse_json(text, what="x", max_bytes=MAX_BYTES), cls))


def _quick(text: str | bytes, cls: type[Any]) -> Any:
    return _outcome(lambda: _load_text(text, cls, what="x", max_bytes=MAX_BYTES))


def _breakages() -> st.SearchStrategy[Any]:
    """Ways to break JSON text that orjson reads differently from the standard library."""
    return st.sampled_from(
        [
            ("repeat_first_key", None),
            ("repeat_key_escaped", None),
            ("quote_escape", None),
            ("big_int", "18446744073709551616"),
            ("big_int", "100000000000000000000"),
            ("big_int", "-9223372036854775809"),
            ("number", "1e400"),
            ("number", "-1e400"),
            ("number", "1.5"),
            ("number", "NaN"),
            ("date", "2024-1-01"),
            ("date", "20240101"),
            ("date", "2024-02-30"),
            ("time", "24:00:00"),
            ("time", "1:00:00"),
            ("unknown", None),
            ("surrogate", None),
        ]
    )


def _break(text: str, how: tuple[str, Any], index: int) -> str:
    what, value = how
    data = json.loads(text)
    if what == "repeat_first_key":
        # The last key again, with its value: orjson keeps one of them silently.
        key, val = next(iter(reversed(data.items())))
        return text[:-1] + "," + json.dumps(key) + ":" + json.dumps(val) + "}"
    if what == "repeat_key_escaped":
        # The same key again, written with escapes: two \u0022 could hide one repeated key.
        return text[:-1] + ',"\\u0022x\\u0022":1,"kind":"' + data["kind"] + '"}'
    if what == "quote_escape":
        return text.replace('"notes":""', '"notes":"\\u0022"', 1).replace(
            '"name":"', '"name":"\\"', 1
        )
    if what == "unknown":
        return text[:-1] + ',"unexpected":' + json.dumps(index) + "}"
    if what == "surrogate":
        return text.replace('"notes":""', '"notes":"\\ud800"', 1)
    # Replace the index-th number, date or time in the text.
    import re

    pattern = {
        "big_int": r"(?<=:)-?[0-9]+(?=[,}\]])",
        "number": r"(?<=:)-?[0-9]+(?=[,}\]])",
        "date": r'"[0-9]{4}-[0-9]{2}-[0-9]{2}"',
        "time": r'"[0-9]{2}:[0-9]{2}:[0-9]{2}"',
    }[what]
    found = list(re.finditer(pattern, text))
    if not found:
        return text
    m = found[index % len(found)]
    new = value if what in ("big_int", "number") else json.dumps(value)
    return text[: m.start()] + new + text[m.end() :]


@settings(max_examples=300, deadline=None)
@given(any_document())
def test_quick_load_gives_the_reference_object(doc: Any) -> None:
    text = coparent.to_json(doc)
    assert _quick_parse(text, MAX_BYTES) is not _UNPROVEN  # the quick route is taken
    for form in (text, text.encode(), coparent.to_json(doc, indent=2)):
        quick = _quick(form, type(doc))
        assert quick == _reference(form, type(doc))
        assert quick == ("loaded", doc)


@settings(max_examples=600, deadline=None)
@given(any_document(), _breakages(), st.integers(min_value=0, max_value=500), st.booleans())
def test_quick_load_agrees_with_the_reference_on_broken_text(
    doc: Any, how: tuple[str, Any], index: int, as_bytes: bool
) -> None:
    text = _break(coparent.to_json(doc), how, index)
    form: str | bytes = text.encode("utf-8", "surrogatepass") if as_bytes else text
    assert _quick(form, type(doc)) == _reference(form, type(doc))


@pytest.mark.parametrize("cls", DOCS)
def test_a_repeated_key_is_never_proven(cls: type[Any]) -> None:
    text = coparent.to_json(cls.example())
    doubled = '{"kind":' + json.dumps(cls.KIND) + "," + text[1:]
    assert _quick_parse(doubled, MAX_BYTES) is _UNPROVEN
    with pytest.raises(ValidationError, match="appears twice"):
        coparent.from_json(doubled, cls)
    # Hidden by two escaped quotes elsewhere: the \u0022 rule refuses the proof.
    hidden = doubled[:-1] + ',"notes2":"\\u0022\\u0022"}'
    assert _quick_parse(hidden, MAX_BYTES) is _UNPROVEN


def test_nesting_orjson_reads_but_cannot_write_takes_the_reference_route() -> None:
    deep = "[" * 600 + "]" * 600  # orjson reads 1,024 levels but writes only 254
    assert _quick_parse(deep, MAX_BYTES) is _UNPROVEN
    assert _quick(deep, ParentingPlan) == _reference(deep, ParentingPlan)


def test_numbers_orjson_reads_differently_take_the_reference_route() -> None:
    # orjson reads a number beyond 64 bits as a float, the standard library as an int.
    text = coparent.to_json(ParentingPlan.example())
    assert _quick_parse("[18446744073709551616]", MAX_BYTES) == [1.8446744073709552e19]
    assert parse_json("[18446744073709551616]") == [18446744073709551616]
    assert _quick_parse("[1e400]", MAX_BYTES) is _UNPROVEN
    with pytest.raises(ValidationError, match="1e400"):
        coparent.from_json(text.replace(":2,", ":1e400,", 1), ParentingPlan)


@pytest.mark.parametrize("cls", DOCS)
def test_load_takes_the_quick_route_and_agrees(cls: type[Any], tmp_path: Any) -> None:
    path = tmp_path / "doc.json"
    coparent.dump(cls.example(), path)
    assert coparent.load(path) == cls.example() == coparent.load(path, cls)
    path.write_text('{"kind":"nothing"}')
    with pytest.raises(ValidationError, match="expected one of"):
        coparent.load(path)


# --- writing ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(any_document())
def test_quick_dump_is_byte_identical(doc: Any) -> None:
    assert _encode_fast(doc) == _encode(to_dict(doc))
    assert _encode_fast(doc, indent=2) == _encode(to_dict(doc), indent=2)


def test_quick_dump_of_parts_is_byte_identical() -> None:
    plan = ParentingPlan.example()
    for part in (plan.living_arrangements, *plan.living_arrangements.holidays, plan.children[0]):
        assert coparent.to_json(part) == _encode(to_dict(part)).decode()


def test_quick_dump_refuses_what_the_reference_refuses() -> None:
    import attrs

    plan = ParentingPlan.example()
    broken = attrs.evolve(plan, title="x")
    object.__setattr__(broken, "title", {1, 2})  # not JSON: both routes say so
    with pytest.raises(ValidationError) as quick:
        coparent.to_json(broken)
    with pytest.raises(ValidationError) as reference:
        _encode(to_dict(broken))
    assert str(quick.value) == str(reference.value)


# --- building without __init__ ------------------------------------------------------------------


def _slot_body() -> dict[str, Any]:
    slot = ParentingPlan.example().living_arrangements.schedule.slots[0]
    return to_dict(slot)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "not an id!"),  # valid_item_id, made inline
        ("every_n_weeks", 0),  # bounded, made inline
        ("every_n_weeks", 9),
        ("week_offset", -1),
    ],
)
def test_inlined_validators_refuse_on_the_fast_path(field: str, value: Any) -> None:
    from coparent import _converter_code
    from coparent.model import WeeklySlot

    _converter_code.ensure(WeeklySlot)
    body = _slot_body()
    assert _converter_code.FAST[WeeklySlot](dict(body)) == from_dict(body, WeeklySlot)
    body[field] = value
    with pytest.raises(_converter_code.Invalid):
        _converter_code.FAST[WeeklySlot](body)
    with pytest.raises(ValidationError, match=field):
        from_dict(body, WeeklySlot)


def test_called_validators_and_post_init_still_run_on_the_fast_path() -> None:
    from coparent import _converter_code

    plan = to_dict(ParentingPlan.example())
    holidays = plan["living_arrangements"]["holidays"]
    holidays.append(dict(holidays[0]))  # unique_ids: a validator that is called, not inlined
    with pytest.raises(ValidationError, match="same id"):
        from_dict(plan, ParentingPlan)
    body = coparent.convert.open_envelope(ParentingPlan, plan)
    with pytest.raises(_converter_code.Invalid):
        _converter_code.FAST[ParentingPlan](body)


def test_objects_built_directly_equal_those_built_by_init() -> None:
    import pickle

    from coparent import _converter_code

    for cls in DOCS:
        doc = cls.example()
        body = coparent.convert.open_envelope(cls, to_dict(doc))
        fast = _converter_code.FAST[cls](body)
        reference = _converter_code.DETAILED[cls](body)  # built through cls(**kw)
        assert type(fast) is type(reference) is cls
        assert fast == reference == doc
        assert hash(fast) == hash(reference)
        assert pickle.loads(pickle.dumps(fast)) == doc
        assert _converter_code._builds_directly(cls) is not None  # the direct route is taken
