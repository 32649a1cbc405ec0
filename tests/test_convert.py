"""The converter: lossless JSON, strict structuring, every error by path, atomic files."""

from __future__ import annotations

import concurrent.futures
import copy
import json
import linecache
import pickle
import traceback
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import attrs
import msgspec
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import ParentingPlan, Referral, Review, ValidationError, _converter_code
from coparent._mirrors import mirror_of
from coparent.convert import _detailed, open_envelope
from coparent.model._base import Choice, meta
from coparent.model.plan import PlanStatus
from strategies import any_document, documents, json_paths

DOCS = [ParentingPlan, Referral, Review]


class _Int(int):
    """An int subclass: not what JSON parses to."""


@pytest.mark.parametrize("cls", DOCS)
def test_example_round_trips(cls: type[Any]) -> None:
    doc = cls.example()
    text = coparent.to_json(doc)
    assert coparent.from_json(text, cls) == doc
    assert json.loads(text)["kind"] == cls.KIND
    assert json.loads(text)["schema_version"] == cls.SCHEMA_VERSION


@given(any_document())
def test_json_round_trip_is_lossless_and_stable(doc: Any) -> None:
    cls = type(doc)
    text = coparent.to_json(doc)
    again = coparent.from_json(text, cls)
    assert again == doc
    assert coparent.to_json(again) == text
    assert coparent.to_json(again, indent=2) == coparent.to_json(doc, indent=2)
    data = coparent.to_json_bytes(doc)
    assert data.decode("utf-8") == text
    assert coparent.from_json(data, cls) == doc


def _careful(cls: type[Any], data: Any) -> Any:
    body = open_envelope(cls, data)
    return _detailed(cls, body)


_REFUSED = "refused"


def _verdict(path: Any, data: Any, *, fresh: bool = True) -> Any:
    try:
        return path(copy.deepcopy(data) if fresh else data)
    except _converter_code.Invalid as e:
        return (_REFUSED, e.problems)


def check_agreement(cls: type[Any], body: Any) -> Any:
    """Fail unless the fast and the detailed path give ``body`` the same verdict and value.

    Every family of fast functions is checked: FAST on ``body`` itself, FAST_PARSED (for what
    orjson parsed) on ``body`` as orjson reads it back from its own text, when orjson can
    write it, and STRUCT on the mirror msgspec decodes from that text, when the mirror takes
    it (it refuses a missing or unknown key and a value of the wrong JSON type; the route
    then goes on to FAST_PARSED). Returns the detailed path's verdict on ``body``: the object,
    or ``("refused", problems)``.
    """
    _converter_code.ensure(cls)
    detailed = _agree(_converter_code.FAST[cls], _converter_code.DETAILED[cls], body)
    try:
        text = orjson.dumps(body)
    except orjson.JSONEncodeError:  # not JSON orjson writes (a set, a number beyond 64 bits)
        return detailed
    parsed = orjson.loads(text)
    _agree(_converter_code.FAST_PARSED[cls], _converter_code.DETAILED[cls], parsed)
    try:
        mirror = msgspec.json.decode(text, type=mirror_of(cls))
    except msgspec.DecodeError:
        return detailed
    _agree(_converter_code.STRUCT[cls], _converter_code.DETAILED[cls], parsed, mirror)
    return detailed


def _agree(fast_path: Any, detailed_path: Any, body: Any, fast_body: Any = None) -> Any:
    """The two paths' verdicts on ``body`` agree (the fast path reads ``fast_body`` if given:
    the mirror of ``body``, which nothing changes, so it is not copied)."""
    if fast_body is None:
        fast = _verdict(fast_path, body)
    else:
        fast = _verdict(fast_path, fast_body, fresh=False)
    detailed = _verdict(detailed_path, body)
    if isinstance(detailed, tuple):
        assert isinstance(fast, tuple), (
            f"the fast path accepted what the detailed path refused: {detailed[1]}"
        )
        assert fast[1] == [], "the fast path explains nothing: it only stops"
        assert detailed[1], "the detailed path refused without saying why"
    else:
        assert not isinstance(fast, tuple), "the fast path refused what the detailed path accepted"
        assert type(fast) is type(detailed)
        assert fast == detailed
    return detailed


def _mutated(data: Any, mutations: list[Any]) -> Any:
    data = copy.deepcopy(data)
    for index, action, junk in mutations:
        paths = json_paths(data)
        path = paths[index % len(paths)]
        if not path:
            data = junk if action == "replace" else data
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if action == "replace":
            parent[path[-1]] = junk
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent[path[-1]], dict):
            parent[path[-1]]["unexpected"] = junk
    return data


@given(any_document())
def test_fast_path_agrees_with_the_careful_path(doc: Any) -> None:
    data = coparent.to_dict(doc)
    assert coparent.from_dict(data, type(doc)) == _careful(type(doc), data) == doc
    assert check_agreement(type(doc), open_envelope(type(doc), data)) == doc


def _body(doc: Any) -> dict[str, Any]:
    return open_envelope(type(doc), coparent.to_dict(doc))


# A fast path that is wrong must make the agreement check fail (else it proves nothing).


def _broken_paths(family: dict[type[Any], Any]) -> dict[str, Any]:
    _converter_code.ensure(ParentingPlan)
    good = family[ParentingPlan]
    every_key = set(_body(ParentingPlan.example()))

    # ``extra``: keys beside the fields that the caller checked (a union's tag, an envelope);
    # a STRUCT function takes the mirror alone.
    def wrong_object(d: Any, *extra: int) -> Any:
        return attrs.evolve(good(d, *extra), title="not what was given")

    def accepts_everything(d: Any, *extra: int) -> Any:
        return ParentingPlan.example()

    def always_refuses(d: Any, *extra: int) -> Any:
        raise _converter_code.Invalid

    # Wrong in one branch only: objects that give every field, or objects that leave some out.
    def all_given(d: Any) -> bool:
        return every_key <= (set(d) if isinstance(d, dict) else set(d.__struct_fields__))

    def wrong_when_all_given(d: Any, *extra: int) -> Any:
        found = good(d, *extra)
        return wrong_object(d, *extra) if all_given(d) else found

    def wrong_when_some_left_out(d: Any, *extra: int) -> Any:
        found = good(d, *extra)
        return found if all_given(d) else wrong_object(d, *extra)

    return {
        "wrong object": wrong_object,
        "accepts everything": accepts_everything,
        "always refuses": always_refuses,
        "wrong when all given": wrong_when_all_given,
        "wrong when some left out": wrong_when_some_left_out,
    }


_FAMILIES = {
    "FAST": _converter_code.FAST,
    "FAST_PARSED": _converter_code.FAST_PARSED,
    "STRUCT": _converter_code.STRUCT,
}
_HOWS = [
    "wrong object",
    "accepts everything",
    "always refuses",
    "wrong when all given",
    "wrong when some left out",
]


def _agreement_failures(bodies: list[Any]) -> list[AssertionError]:
    failures = []
    for body in bodies:
        try:
            check_agreement(ParentingPlan, body)
        except AssertionError as e:
            failures.append(e)
    return failures


def _check_bodies() -> list[Any]:
    """A body giving every field, one leaving a field with a default out, two refused: one
    of the wrong value (msgspec's mirror refuses it already), one of the right JSON type
    that a check refuses (a mirror takes it; the STRUCT function must refuse it)."""
    good_body = _body(ParentingPlan.example())
    partial = {k: v for k, v in good_body.items() if k != "notes"}
    bad_body = {**good_body, "status": "finished"}
    bad_text = {**good_body, "id": good_body["id"].upper()}  # a UUID in capitals
    assert type(_converter_code.FAST[ParentingPlan](partial)) is ParentingPlan  # accepted
    return [good_body, partial, bad_body, bad_text]


@pytest.mark.parametrize(
    ("family", "how"),
    # A mirror always gives every field: msgspec refuses one with a field left out.
    [(f, h) for f in sorted(_FAMILIES) for h in _HOWS if (f, h) != ("STRUCT", _HOWS[-1])],
)
def test_agreement_check_catches_a_broken_fast_path(
    how: str, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bodies = _check_bodies()
    assert _agreement_failures(bodies) == []  # the real fast paths pass them all
    functions = _FAMILIES[family]
    monkeypatch.setitem(functions, ParentingPlan, _broken_paths(functions)[how])
    assert _agreement_failures(bodies), f"the agreement check did not notice {family} that {how}"


@pytest.mark.parametrize(
    ("memo", "pattern"), [("_DATE_MEMO", r"\d{4}-\d\d-\d\d"), ("_TIME_MEMO", r"\d\d:\d\d:\d\d")]
)
def test_agreement_check_catches_a_wrong_memo(
    memo: str, pattern: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    bodies = _check_bodies()
    text = json.dumps(bodies[0])
    first = re.search(f'"({pattern})"', text)
    assert first is not None
    wrong = date(1999, 12, 31) if memo == "_DATE_MEMO" else time(3, 4, 5)
    monkeypatch.setitem(getattr(_converter_code, memo), first.group(1), wrong)
    assert _agreement_failures(bodies), f"the agreement check did not notice a wrong {memo}"


def test_fast_path_bugs_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(d: Any, extra: int = 0) -> Any:
        raise KeyError("a bug, not bad input")

    monkeypatch.setitem(_converter_code.FAST, ParentingPlan, buggy)
    with pytest.raises(KeyError, match="a bug"):
        coparent.from_dict(_plan_dict(), ParentingPlan)


def test_generated_source_shows_in_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _converter_code.FAST[ParentingPlan]
    filename = fast.__code__.co_filename
    assert filename.startswith("<coparent converter")
    source = "".join(linecache.getlines(filename))
    assert "def fast_ParentingPlan_" in source
    assert "def detailed_ParentingPlan_" in source

    class Boom(Exception):
        """Not Invalid: a bug inside the generated code."""

    def explode(_: Any) -> None:
        raise Boom

    monkeypatch.setitem(fast.__globals__, "_fast_date", explode)
    monkeypatch.setitem(fast.__globals__, "_date_memo", lambda _: None)  # nothing remembered
    with pytest.raises(Boom) as info:
        coparent.from_dict(_plan_dict(), ParentingPlan)
    shown = "".join(traceback.format_tb(info.value.__traceback__))
    assert "or _fast_date(s_date_of_birth))" in shown, shown


@given(documents(coparent.model.WeeklySlot))
def test_parts_of_documents_round_trip(slot: coparent.model.WeeklySlot) -> None:
    assert coparent.from_dict(coparent.to_dict(slot), coparent.model.WeeklySlot) == slot


def _plan_dict() -> dict[str, Any]:
    return coparent.to_dict(ParentingPlan.example())


def _errors(data: Any, cls: type[Any] = ParentingPlan) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        coparent.from_dict(data, cls)
    return {e.path: e.message for e in info.value.errors}


def test_every_problem_is_reported_by_path() -> None:
    data = _plan_dict()
    data["children"][0]["date_of_birth"] = "2024-02-30"
    data["colour"] = "blue"
    data["status"] = "finished"
    del data["parent_b"]["name"]
    data["living_arrangements"]["schedule"]["slots"][1]["every_n_weeks"] = "2"
    errors = _errors(data)
    assert set(errors) == {
        "/children/0/date_of_birth",
        "/colour",
        "/status",
        "/parent_b/name",
        "/living_arrangements/schedule/slots/1/every_n_weeks",
    }
    assert "not a real date" in errors["/children/0/date_of_birth"]
    assert "unknown field" in errors["/colour"]
    assert "'draft'" in errors["/status"]
    assert errors["/parent_b/name"] == "required field is missing"


def test_error_message_is_readable() -> None:
    data = _plan_dict()
    data["children"][0]["date_of_birth"] = "2024-02-30"
    with pytest.raises(ValidationError) as info:
        coparent.from_dict(data, ParentingPlan)
    text = str(info.value)
    assert text.splitlines()[0] == "1 problem in a parenting_plan:"
    assert "/children/0/date_of_birth: 2024-02-30 is not a real date" in text
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        (("title",), 123, "expected text"),
        (("children", 0, "date_of_birth"), "20160229", "YYYY-MM-DD"),
        (("children", 0, "date_of_birth"), "2016-W01-1", "YYYY-MM-DD"),
        (("living_arrangements", "schedule", "slots", 0, "every_n_weeks"), True, "whole number"),
        (("living_arrangements", "schedule", "slots", 0, "every_n_weeks"), 2.0, "whole number"),
        (("living_arrangements", "schedule", "slots", 0, "every_n_weeks"), 9, "at most 8"),
        (("living_arrangements", "schedule", "slots", 0, "start_time"), "17:00", "HH:MM:SS"),
        (("education", "both_on_school_records"), 1, "true or false"),
        (("id",), "6F1C2A4E-7B3D-4C5E-9F10-2A3B4C5D6E7F", "lower case"),
        (("updated_at",), "2026-11-02T18:30:00", "offset"),
        (("updated_at",), "2026-11-02T18:30:00z", "offset"),
        (("parent_a", "contact", "email"), "not-an-email", "email address"),
        (("parent_a", "id"), "has space", "letters, digits"),
        (("children",), {"0": {}}, "expected a list"),
        # Python values are not JSON: refused alike on the fast and the detailed path.
        (("status",), PlanStatus.AGREED, "got a Python PlanStatus, which is not JSON"),
        (("title",), PlanStatus.AGREED, "got a Python PlanStatus, which is not JSON"),
        (("children", 0, "date_of_birth"), date(2016, 2, 29), "got a Python date"),
        (("children",), (), "a Python tuple, which is not JSON"),
        (("living_arrangements", "schedule", "slots", 0, "every_n_weeks"), _Int(2), "_Int"),
    ],
)
def test_no_coercion(path: tuple[Any, ...], value: Any, fragment: str) -> None:
    data = _plan_dict()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = _errors(data)
    pointer = coparent.errors.json_pointer(*path)
    assert pointer in errors, errors
    assert fragment in errors[pointer]
    verdict = check_agreement(ParentingPlan, open_envelope(ParentingPlan, data))
    assert isinstance(verdict, tuple)


def test_rules_between_fields_are_reported_on_the_field() -> None:
    data = _plan_dict()
    holiday = data["living_arrangements"]["holidays"][0]
    holiday["end"] = "2000-01-01"
    data["children"][1]["id"] = data["children"][0]["id"]
    errors = _errors(data)
    assert "must not be before" in errors["/living_arrangements/holidays/0/end"]
    assert "same id" in errors["/children"]


def test_envelope_is_checked() -> None:
    data = _plan_dict()
    assert "not a 'parenting_plan'" in _errors({**data, "kind": "referral"})["/kind"]
    assert "missing" in _errors({k: v for k, v in data.items() if k != "kind"})["/kind"]
    newer = _errors({**data, "schema_version": 99})["/schema_version"]
    assert "newer coparent" in newer
    assert "upgrade coparent" in newer
    assert _errors([1, 2]) == {"": "expected an object, got a list"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "not valid JSON"),
        ('{"a": NaN}', "NaN"),
        ('{"kind": "parenting_plan", "kind": "review"}', "appears twice"),
        (b"\xff\xfe", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("1" * 5000, "JSON"),
    ],
)
def test_bad_json_text(text: str | bytes, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        coparent.from_json(text, ParentingPlan)
    assert fragment in str(info.value)


def test_lone_surrogate_is_rejected() -> None:
    text = coparent.to_json(ParentingPlan.example()).replace("Our", "\\ud800", 1)
    data = json.loads(coparent.to_json(ParentingPlan.example()))
    data["title"] = "\ud800"
    assert "surrogate" in _errors(data)["/title"]
    assert text  # the escaped form is valid JSON text that Python parses to a lone surrogate


def test_documents_pickle() -> None:
    for cls in DOCS:
        doc = cls.example()
        assert pickle.loads(pickle.dumps(doc)) == doc
    error = ValidationError([coparent.ErrorDetail(path="/a", message="bad")])
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


def test_documents_are_immutable() -> None:
    plan = ParentingPlan.example()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.title = "x"  # type: ignore[misc]
    changed = attrs.evolve(plan, title="New")
    assert changed.title == "New"
    assert plan.title != "New"


def test_load_and_dump(tmp_path: Path) -> None:
    for cls in DOCS:
        path = coparent.dump(cls.example(), tmp_path / f"{cls.KIND}.json")
        assert coparent.load(path) == cls.example()
        assert coparent.load(path, cls) == cls.example()
        assert path.read_text(encoding="utf-8").endswith("}\n")
    with pytest.raises(ValidationError) as info:
        coparent.load(tmp_path / "review.json", ParentingPlan)
    assert "/kind" in str(info.value)
    (tmp_path / "junk.json").write_text('{"kind": "letter"}')
    with pytest.raises(ValidationError, match="expected one of"):
        coparent.load(tmp_path / "junk.json")


def test_failed_dump_leaves_the_old_file(tmp_path: Path) -> None:
    path = coparent.dump(Review.example(), tmp_path / "review.json")
    before = path.read_bytes()
    broken = attrs.evolve(Review.example(), facilitator="\ud800")
    with pytest.raises(ValidationError, match="surrogate"):
        coparent.dump(broken, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["review.json"]


def _mutations() -> st.SearchStrategy[Any]:
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=10),
        st.sampled_from(["2024-02-30", "25:00:00", "", "x" * 1000, "parent_c"]),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    )
    return st.tuples(st.integers(min_value=0), st.sampled_from(["replace", "delete", "add"]), junk)


@settings(max_examples=1000)
@given(any_document(), st.lists(_mutations(), min_size=1, max_size=4))
def test_malformed_input_raises_only_validation_error(doc: Any, mutations: list[Any]) -> None:
    data = _mutated(coparent.to_dict(doc), mutations)
    try:
        loaded = coparent.from_dict(data, type(doc))
    except ValidationError as e:
        assert e.errors
        assert all(err.path == "" or err.path.startswith("/") for err in e.errors)
        with pytest.raises(ValidationError):
            _careful(type(doc), data)
    else:
        assert loaded == _careful(type(doc), data)
        # Accepted input loses nothing: every value given is in the dump, at the same path
        # (fields left out come back with their defaults). An older schema_version is upgraded
        # on the way in, which may reshape the input: that is the migrations' own test.
        if data.get("schema_version") == type(doc).SCHEMA_VERSION:
            assert _contains(coparent.to_dict(loaded), data)


def _contains(dumped: Any, given: Any) -> bool:
    if isinstance(given, dict):
        return isinstance(dumped, dict) and all(
            k in dumped and _contains(dumped[k], v) for k, v in given.items()
        )
    if isinstance(given, list):
        return (
            isinstance(dumped, list)
            and len(dumped) == len(given)
            and all(_contains(d, g) for d, g in zip(dumped, given, strict=True))
        )
    return type(dumped) is type(given) and dumped == given


def test_dates_at_the_edges() -> None:
    plan = ParentingPlan.example()
    for dob in (date.min, date.max, date(2024, 2, 29)):
        child = attrs.evolve(plan.children[0], date_of_birth=dob)
        doc = attrs.evolve(plan, children=(child,))
        assert coparent.from_json(coparent.to_json(doc), ParentingPlan) == doc


def test_oversized_input_is_refused_unread(tmp_path: Path) -> None:
    text = coparent.to_json(ParentingPlan.example())
    with pytest.raises(ValidationError, match="more than the limit of 100"):
        coparent.from_json(text, ParentingPlan, max_bytes=100)
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match="more than the limit"):
        coparent.load(path, max_bytes=100)
    assert coparent.load(path) == ParentingPlan.example()
    assert coparent.convert.MAX_BYTES == 32 * 1024 * 1024


def test_huge_values_within_the_limit_load() -> None:
    plan = attrs.evolve(ParentingPlan.example(), notes="x" * 1_000_000)
    assert coparent.from_json(coparent.to_json(plan), ParentingPlan) == plan


def test_new_files_are_private_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    path = coparent.dump(Review.example(), tmp_path / "review.json")
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o640)
    coparent.dump(Review.example(), path)
    assert path.stat().st_mode & 0o777 == 0o640


@settings(max_examples=500)
@given(any_document(), st.lists(_mutations(), min_size=1, max_size=3))
def test_both_paths_agree_on_mutated_input(doc: Any, mutations: list[Any]) -> None:
    cls = type(doc)
    body = _mutated(_body(doc), mutations)
    verdict = check_agreement(cls, body)
    if type(body) is not dict:
        assert isinstance(verdict, tuple)
        return
    if isinstance(verdict, tuple):
        # from_dict reports exactly the detailed path's problems, by JSON pointer.
        with pytest.raises(ValidationError) as info:
            coparent.from_dict(coparent.convert.wrap_envelope(cls, body), cls)
        pointers = [(e.path, e.message) for e in info.value.errors]
        expected = [(coparent.errors.json_pointer(*p), m) for p, m in verdict[1]]
        assert [p for p, _ in pointers] == [p for p, _ in expected]
        for (_, shown), (_, raw) in zip(pointers, expected, strict=True):
            if "a value not shown here" in shown:  # a withheld field's value is not echoed
                assert raw.startswith(shown.split("a value not shown here")[0])
            else:
                assert shown == raw
    else:
        assert coparent.from_dict(coparent.convert.wrap_envelope(cls, body), cls) == verdict


# Any model-like attrs class goes through the same converter (saved merges, for instance).


class Mood(Choice):
    """A choice for the test class below."""

    CALM = "calm", "Calm"
    BUSY = "busy", "Busy"


@attrs.frozen(kw_only=True)
class Note:
    """A small class that is not part of any document."""

    at: datetime = attrs.field(metadata=meta("At"))
    mood: Mood = attrs.field(metadata=meta("Mood"))
    tags: tuple[str, ...] = attrs.field(default=(), metadata=meta("Tags"))
    when: time | None = attrs.field(default=None, metadata=meta("When"))


@attrs.frozen(kw_only=True)
class Notebook:
    """Holds notes."""

    notes: tuple[Note, ...] = attrs.field(metadata=meta("Notes"))
    moods: tuple[Mood, ...] = attrs.field(factory=tuple, metadata=meta("Moods"))


_NOTES = st.builds(
    Note,
    at=st.datetimes(timezones=st.just(UTC)),
    mood=st.sampled_from(Mood),
    tags=st.lists(st.text(st.characters(codec="utf-8")), max_size=3).map(tuple),
    when=st.none() | st.times().map(lambda t: t.replace(microsecond=0)),
)


@given(
    st.builds(
        Notebook,
        notes=st.lists(_NOTES, max_size=3).map(tuple),
        moods=st.lists(st.sampled_from(Mood)).map(tuple),
    )
)
def test_any_model_class_round_trips(book: Notebook) -> None:
    data = coparent.to_dict(book)
    assert json.loads(json.dumps(data)) == data  # JSON-shaped: lists, text, numbers
    assert coparent.from_dict(data, Notebook) == book
    assert check_agreement(Notebook, data) == book
    assert coparent.from_json(coparent.to_json(book), Notebook) == book


def test_any_model_class_is_as_strict() -> None:
    good = {"at": "2026-11-02T18:30:00+00:00", "mood": "calm", "when": "09:00:00"}
    assert coparent.to_dict(coparent.from_dict(good, Note)) == {**good, "tags": []}
    with pytest.raises(ValidationError) as info:
        coparent.from_dict(
            {"at": "2026-11-02T18:30:00", "mood": Mood.CALM, "tags": ("a",), "extra": 1}, Note
        )
    errors = {e.path: e.message for e in info.value.errors}
    assert set(errors) == {"/at", "/mood", "/tags", "/extra"}
    assert "offset" in errors["/at"]
    assert "a Python Mood, which is not JSON" in errors["/mood"]
    assert "a Python tuple" in errors["/tags"]
    assert "unknown field" in errors["/extra"]
    assert str(info.value).splitlines()[0] == "4 problems in a Note:"


def test_unstructure_gives_json_values() -> None:
    assert coparent.convert.unstructure((Mood.CALM, date(2024, 2, 29), time(9, 5))) == [
        "calm",
        "2024-02-29",
        "09:05:00",
    ]
    note = Note(at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), mood=Mood.BUSY)
    assert coparent.convert.unstructure(note) == coparent.to_dict(note)
    assert coparent.convert.unstructure("text") == "text"


def test_envelope_is_built_and_opened_in_one_place() -> None:
    plan = ParentingPlan.example()
    data = coparent.to_dict(plan)
    assert list(data)[:2] == ["kind", "schema_version"]
    body = open_envelope(ParentingPlan, data)
    assert "kind" not in body
    assert "schema_version" not in body
    assert coparent.convert.wrap_envelope(ParentingPlan, body) == data
    with pytest.raises(TypeError, match="not a top-level document"):
        coparent.convert.wrap_envelope(Note, {})
    with pytest.raises(ValidationError, match="newer coparent"):
        open_envelope(ParentingPlan, {**data, "schema_version": 99})


def test_first_use_from_many_threads_generates_once() -> None:
    @attrs.frozen(kw_only=True)
    class Fresh:
        """A class no other test has converted yet."""

        at: date = attrs.field(metadata=meta("At"))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(
            pool.map(lambda _: coparent.from_dict({"at": "2024-02-29"}, Fresh), range(32))
        )
    assert results == [Fresh(at=date(2024, 2, 29))] * 32
    assert _converter_code.FAST[Fresh].__name__.startswith("fast_Fresh_")
