"""The quick routes agree with the reference routes, byte for byte and problem for problem.

Loading: msgspec's mirrors (``convert._mirror_load``), then orjson with the quote count
(``convert._quick_parse``), both as ``convert._load_text`` takes them, against the standard
library's strict parser and ``from_dict`` (``parse_json``). Writing: orjson with the shallow dumps
(``convert._encode_fast``) against the full dict dump (``_encode(to_dict(doc))``). Both run over
generated valid documents and over texts broken on purpose (repeated keys, escaped quotes,
numbers beyond 64 bits or beyond a float, non-canonical dates, unknown keys).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, time
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import ParentingPlan, Referral, Review, ValidationError, _converter_code, convert
from coparent.convert import (
    _UNPROVEN,
    MAX_BYTES,
    _encode,
    _encode_fast,
    _load_text,
    _mirror_load,
    _quick_parse,
    from_dict,
    parse_json,
    to_dict,
)
from coparent.model._base import meta
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
    """What the quick routes give: with the mirror route first, and with orjson's alone (the
    outcome must be the same)."""
    first = _outcome(lambda: _load_text(text, cls, what="x", max_bytes=MAX_BYTES))
    with _without_mirrors():
        alone = _outcome(lambda: _load_text(text, cls, what="x", max_bytes=MAX_BYTES))
    assert first == alone
    return first


@contextlib.contextmanager
def _without_mirrors() -> Iterator[None]:
    """The mirror route turned off for the documents, so text goes to the orjson route."""
    saved = dict(convert._MIRROR_ROUTES)
    convert._MIRROR_ROUTES.update(dict.fromkeys(DOCS))
    try:
        yield
    finally:
        convert._MIRROR_ROUTES.clear()
        convert._MIRROR_ROUTES.update(saved)


def _mirrored(text: str | bytes, cls: type[Any]) -> Any:
    """The mirror route alone: the document, or _UNPROVEN."""
    return _mirror_load(text, cls, MAX_BYTES)


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
            ("missing", None),
            ("reordered", None),
            ("spaced", None),
            ("id", "not an id!"),
            ("choice", "no-such-choice"),
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
    if what == "missing":  # the mirror refuses it; the orjson route reads it
        return text.replace(',"notes":""', "", 1)
    if what == "reordered":  # read alike, but not the text the mirror writes back
        return json.dumps(dict(reversed(list(data.items()))), ensure_ascii=False)
    if what == "spaced":
        return json.dumps(data, ensure_ascii=False, indent=index % 4)
    if what in ("id", "choice"):  # a value of the right JSON type that a check refuses
        key = '"id":"' if what == "id" else '"status":"'
        start = text.find(key)
        if start < 0:
            return text
        end = text.index('"', start + len(key))
        return text[: start + len(key)] + value + text[end:]
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
    reference = _reference(form, type(doc))
    assert _quick(form, type(doc)) == reference
    mirrored = _mirrored(form, type(doc))  # the mirror route, when it answers, agrees
    assert mirrored is _UNPROVEN or reference == ("loaded", mirrored)


@settings(max_examples=300, deadline=None)
@given(any_document())
def test_the_mirror_route_reads_what_coparent_writes(doc: Any) -> None:
    cls = type(doc)
    for form in (
        coparent.to_json(doc),
        coparent.to_json(doc).encode(),
        coparent.to_json(doc, indent=2),
    ):
        assert _mirrored(form, cls) == doc


@settings(max_examples=200, deadline=None)
@given(any_document())
def test_a_saved_file_is_proven_by_its_layout(doc: Any) -> None:
    # What dump writes is the mirror written back and indented, so it is proven in one
    # comparison (counting the quotes of a file costs several times as much).
    cls = type(doc)
    with tempfile.TemporaryDirectory() as folder:
        raw = coparent.dump(doc, Path(folder) / "doc.json").read_bytes()
    compared: list[bytes] = []
    proof = convert._nothing_dropped

    def recording(raw: bytes, written: bytes) -> bool:
        compared.append(written)
        return proof(raw, written)

    with mock.patch.object(convert, "_nothing_dropped", recording):
        assert _mirrored(raw, cls) == doc
    assert compared == [raw[:-1]]  # the route compared the file with the very same text
    route = convert._MIRROR_ROUTES[cls]
    written = route.indent(route.encode(route.decode(raw)))
    assert written + b"\n" == raw
    assert convert._nothing_dropped(raw, written)


@pytest.mark.parametrize("cls", DOCS)
def test_a_repeated_key_in_a_saved_file_is_not_proven(cls: type[Any], tmp_path: Path) -> None:
    indented = coparent.dump(cls.example(), tmp_path / "doc.json").read_text()
    repeated = indented.replace('\n  "kind"', '\n  "kind": "x",\n  "kind"', 1)
    assert repeated != indented
    assert _mirrored(repeated, cls) is _UNPROVEN
    # Escapes elsewhere in the text do not stop the count from refusing it either.
    escaped = repeated.replace('""', '"a\\nb"', 1)
    assert escaped.count("\\") == 1
    assert _mirrored(escaped, cls) is _UNPROVEN
    assert _quick(escaped, cls) == _reference(escaped, cls)


@pytest.mark.parametrize("cls", DOCS)
def test_the_mirror_route_refuses_what_it_cannot_prove(cls: type[Any]) -> None:
    text = coparent.to_json(cls.example())
    first_key = text[1:].split(":", 1)[0]
    v = cls.SCHEMA_VERSION
    # Each is read by another route (or refused there); the mirror route gives no answer.
    for broken in (
        '{"kind":' + json.dumps(cls.KIND) + "," + text[1:],  # a repeated key
        text[:-1] + ',"unexpected":1}',  # an unknown key
        "{" + text[len(first_key) + 3 :],  # the envelope's kind left out
        text.replace(f'"schema_version":{v}', f'"schema_version":{v + 1}', 1),  # newer
        text[:-1] + ',"x":"\\u0022\\u0022"}',  # quotes that cannot be counted
        text.replace('""', '"\ud800"', 1),  # a lone surrogate in a str
        text.replace('""', '"\\ud800"', 1),  # and written as an escape
        text + " x",  # not JSON after the document
        # A repeated key whose dropped value is a number, at the top and in a nested object.
        text.replace('"schema_version":', '"schema_version":0,"schema_version":', 1),
        text.replace('"name":', '"name":"dropped","name":', 1),
    ):
        assert _mirrored(broken, cls) is _UNPROVEN, broken[:120]
    assert _mirrored(text, cls) == cls.example()


def test_the_mirror_route_is_taken_for_a_document_without_its_class() -> None:
    text = coparent.to_json(Referral.example())
    assert convert._kind_written_first(text) is Referral
    assert convert._kind_written_first(' {\n  "kind" : "review"') is Review
    assert convert._kind_written_first('{"schema_version":1,"kind":"review"}') is None
    assert _load_text(text, None, what="x", max_bytes=MAX_BYTES) == Referral.example()
    # A wrong guess costs time only: the mirror checks the kind it decodes.
    lying = text.replace('"kind":"referral"', '"kind":"parenting_plan"', 1)
    assert convert._kind_written_first(lying) is ParentingPlan
    assert _quick(lying, ParentingPlan) == _reference(lying, ParentingPlan)


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
    assert coparent.to_json_bytes(doc) == _encode(to_dict(doc))
    assert coparent.to_json_bytes(doc, indent=2) == _encode(to_dict(doc), indent=2)


@pytest.mark.parametrize("indent", [0, 4, True])
def test_only_compact_or_two_space_indents_are_written(indent: int) -> None:
    plan = ParentingPlan.example()
    for write in (coparent.to_json, coparent.to_json_bytes):
        with pytest.raises(ValueError, match="indent must be None"):
            write(plan, indent=indent)


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


def test_a_class_with_its_own_new_is_not_built_directly() -> None:
    """The fast path makes an object by calling the unfrozen twin, which runs ``object.__new__``:
    a class (or base) with a ``__new__`` of its own must go through its ``__init__``."""
    from coparent import _converter_code
    from coparent.model.schedule import WeeklySlot

    @attrs.frozen(kw_only=True)
    class Base:
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return super().__new__(cls)

    @attrs.frozen(kw_only=True)
    class Item(Base):
        id: str

    assert _converter_code._builds_directly(WeeklySlot) is not None
    assert _converter_code._builds_directly(Base) is None
    assert _converter_code._builds_directly(Item) is None  # a base's __new__ counts too
    twin = _converter_code.unfrozen(WeeklySlot)()
    assert type(twin).__init__ is object.__init__
    assert type(twin).__new__ is object.__new__


def _objects(value: Any) -> list[Any]:
    """Every attrs object in a document, the document first."""
    if attrs.has(type(value)):
        found = [value]
        for a in attrs.fields(type(value)):
            found += _objects(getattr(value, a.name))
        return found
    if isinstance(value, tuple):
        return [o for item in value for o in _objects(item)]
    return []


@pytest.mark.parametrize("cls", DOCS)
def test_objects_filled_through_the_unfrozen_twin_leave_it_as_their_own_class(
    cls: type[Any],
) -> None:
    """The fast path fills each object as an object of its class's unfrozen twin, then makes it
    an object of the class: none stays a twin (it would compare unequal) or can be changed."""
    body = coparent.convert.open_envelope(cls, to_dict(cls.example()))
    objects = _objects(_converter_code.FAST[cls](body))
    assert len(objects) > 10
    for o in objects:
        assert type(o) in _converter_code.DUMP  # a model class, never its twin
        name = attrs.fields(type(o))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(o, name, getattr(o, name))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(o, name)
    twin = _converter_code.unfrozen(cls)
    assert issubclass(twin, cls)
    assert twin.__slots__ == ()
    assert twin.__basicsize__ == cls.__basicsize__


def test_called_validators_run_on_the_fast_path() -> None:
    from coparent import _converter_code

    plan = to_dict(ParentingPlan.example())
    plan["parent_a"]["name"] = "Si\u202ean"  # visible_name: a validator that is called
    with pytest.raises(ValidationError, match="direction-changing"):
        from_dict(plan, ParentingPlan)
    body = coparent.convert.open_envelope(ParentingPlan, plan)
    with pytest.raises(_converter_code.Invalid):
        _converter_code.FAST[ParentingPlan](body)


@pytest.mark.parametrize(
    "where",
    [
        ("living_arrangements", "remote_contact_methods"),  # unique_items, made inline
        ("parent_a", "languages"),
    ],
)
def test_repeated_values_are_refused_on_the_fast_path(where: tuple[str, str]) -> None:
    from coparent import _converter_code

    plan = to_dict(ParentingPlan.example())
    section, name = where
    values = plan[section][name]
    assert values  # the example lists something to repeat
    plan[section][name] = [*values, values[0]]
    with pytest.raises(ValidationError, match="more than once"):
        from_dict(plan, ParentingPlan)
    for family in (_converter_code.FAST, _converter_code.FAST_PARSED):
        with pytest.raises(_converter_code.Invalid):
            family[ParentingPlan](coparent.convert.open_envelope(ParentingPlan, plan))


# --- the quick parse's proof -------------------------------------------------------------------


@pytest.mark.parametrize("cls", DOCS)
def test_orjson_s_own_text_is_proven_at_once(cls: type[Any], tmp_path: Any) -> None:
    compact = coparent.to_json(cls.example())
    path = coparent.dump(cls.example(), tmp_path / "doc.json")  # indented, a final newline
    for text in (compact, compact.encode(), path.read_text(), path.read_bytes(), compact + "\n"):
        assert _quick_parse(text, MAX_BYTES) == json.loads(text)
    # Spaced otherwise than orjson writes: the quote count proves it instead.
    spaced = compact.replace(":", ": ")
    assert _quick_parse(spaced, MAX_BYTES) == json.loads(spaced)
    # orjson's own layout around a repeated key is not orjson's text, and the count refuses it.
    indented = path.read_text()
    repeated = indented.replace('\n  "id"', '\n  "id": "x",\n  "id"', 1)
    assert repeated != indented
    assert _quick_parse(repeated, MAX_BYTES) is _UNPROVEN
    assert _quick(repeated, cls) == _reference(repeated, cls)


def test_orjson_refuses_lone_surrogates() -> None:
    """FAST_PARSED leaves text unchecked because orjson refuses what the check would refuse."""
    import orjson

    for text in ('"\\ud800"', '{"a":"\\udfff"}', '"\ud800"'):
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(text)
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(b'"\xed\xa0\x80"')  # a surrogate encoded in UTF-8


def test_the_unparsed_family_still_checks_text() -> None:
    from coparent import _converter_code

    plan = to_dict(ParentingPlan.example())
    plan["notes"] = "\ud800"
    body = coparent.convert.open_envelope(ParentingPlan, plan)
    with pytest.raises(_converter_code.Invalid):
        _converter_code.FAST[ParentingPlan](body)
    with pytest.raises(ValidationError, match="surrogate"):
        from_dict(plan, ParentingPlan)


# --- ids, union tags and envelopes --------------------------------------------------------------


_ID_EDGES = [
    *("", "a", "A9", "a" * 64, "a" * 65, "-a", "a-", "a.b_c-d", "ŵ", "a\n", "١٢", "a b"),
    *("-", "--", "a--b", "a-" * 32, "a-" * 33, "ŵ-a", "a-١", "0-0", "-0"),
]


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_ID_EDGES) | st.text(max_size=70) | st.from_regex(r"[A-Za-z0-9._-]{0,66}"))
def test_the_fast_id_check_is_the_pattern(value: str) -> None:
    from coparent import _converter_code
    from coparent.model._base import _ITEM_ID_RE

    refused = eval(  # the generated expression, as the generated code runs it
        _converter_code._ID_CHECK.format(v="value"),
        {"_item_id_re": _ITEM_ID_RE.fullmatch},
        {"value": value},
    )
    assert refused == (_ITEM_ID_RE.fullmatch(value) is None)


def test_a_union_member_counts_its_tag_and_nothing_else() -> None:
    from coparent import _converter_code

    referral = Referral.example()
    body = coparent.convert.open_envelope(Referral, to_dict(referral))
    service = body["service"]
    assert "type" in service
    for family in (_converter_code.FAST, _converter_code.FAST_PARSED):
        assert family[Referral](dict(body)) == referral  # every field and the tag
        for changed in (
            {**service, "unexpected": 1},  # the tag, every field and an unknown key
            # as many keys as the fields and the tag, one of them unknown
            {**{k: v for k, v in service.items() if k != "frequency"}, "x": 1},
            {k: v for k, v in service.items() if k != "type"},  # no tag
        ):
            wrong = {**body, "service": changed}
            with pytest.raises(_converter_code.Invalid):
                family[Referral](wrong)
            with pytest.raises(ValidationError):
                from_dict(coparent.convert.wrap_envelope(Referral, wrong), Referral)


@pytest.mark.parametrize("cls", DOCS)
def test_a_current_envelope_is_read_in_place(cls: type[Any]) -> None:
    from coparent.convert import _current_envelope, _fast_only

    data = to_dict(cls.example())
    assert _current_envelope(cls, data)
    assert _fast_only(data, cls) == cls.example()
    for changed in (
        {**data, "unexpected": 1},
        {**{k: v for k, v in data.items() if k != "notes"}, "x": 1},
        {**data, "schema_version": True},  # not an int: the envelope check refuses it
    ):
        with pytest.raises((_converter_code.Invalid, ValidationError)):
            _fast_only(changed, cls)
        with pytest.raises(ValidationError):
            from_dict(changed, cls)
    older = {**data, "schema_version": 1}
    assert not _current_envelope(cls, older)  # opened and migrated instead


# --- writing times -------------------------------------------------------------------------------


def test_whole_second_times_written_by_orjson_are_the_reference_text() -> None:
    from coparent.model import WeeklySlot

    slot = ParentingPlan.example().living_arrangements.schedule.slots[0]
    # The wall_time validator keeps times naive and whole: orjson may write them itself.
    for bad in (slot.start_time.replace(microsecond=5), slot.start_time.replace(tzinfo=UTC)):
        with pytest.raises(coparent.model._base.FieldRuleError):
            attrs.evolve(slot, start_time=bad)
    assert isinstance(slot, WeeklySlot)
    assert coparent.to_json(slot) == _encode(to_dict(slot)).decode()


@attrs.frozen(kw_only=True)
class _Meeting:
    """A class whose time has no wall_time validator: any time may be in it."""

    at: time = attrs.field(metadata=meta("At"))
    until: time | None = attrs.field(default=None, metadata=meta("Until"))


@pytest.mark.parametrize(
    "at",
    [time(9, 30), time(9, 30, 1, 250), time(9, 30, tzinfo=UTC), time(9, 30, 0, 7, tzinfo=UTC)],
)
def test_any_time_is_written_as_the_reference_writes_it(at: time) -> None:
    for meeting in (_Meeting(at=at), _Meeting(at=time(8), until=at)):
        assert _encode_fast(meeting) == _encode(to_dict(meeting))
        assert _encode_fast(meeting, indent=2) == _encode(to_dict(meeting), indent=2)


@attrs.frozen(kw_only=True)
class _Agenda:
    """Meetings in a list: their times are written inside the list's comprehension."""

    meetings: tuple[_Meeting, ...] = attrs.field(metadata=meta("Meetings"))


def test_times_in_a_list_of_items_are_written_as_the_reference_writes_them() -> None:
    agenda = _Agenda(
        meetings=(
            _Meeting(at=time(9, 30)),
            _Meeting(at=time(9, 30, 1, 250), until=time(10, 0, 0, 1)),
            _Meeting(at=time(8), until=time(9)),
        )
    )
    assert _encode_fast(agenda) == _encode(to_dict(agenda))
    assert b"09:30:01" in _encode_fast(agenda)
    assert b".000250" not in _encode_fast(agenda)
