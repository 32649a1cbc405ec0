"""The converter: lossless JSON, strict structuring, every error by path, atomic files."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import ParentingPlan, Referral, Review, ValidationError
from coparent.convert import _detailed, open_envelope
from strategies import any_document, documents

DOCS = [ParentingPlan, Referral, Review]


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


def _careful(cls: type[Any], data: Any) -> Any:
    body = open_envelope(cls, data)
    return _detailed(cls, body)


@given(any_document())
def test_fast_path_agrees_with_the_careful_path(doc: Any) -> None:
    data = coparent.to_dict(doc)
    assert coparent.from_dict(data, type(doc)) == _careful(type(doc), data) == doc


@given(documents(coparent.WeeklySlot))
def test_parts_of_documents_round_trip(slot: coparent.WeeklySlot) -> None:
    assert coparent.from_dict(coparent.to_dict(slot), coparent.WeeklySlot) == slot


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
        (("updated_at",), "2026-11-02T18:30:00Z", "offset"),
        (("parent_a", "contact", "email"), "not-an-email", "email address"),
        (("parent_a", "id"), "has space", "letters, digits"),
        (("children",), {"0": {}}, "expected a list"),
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


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=3000)
@given(any_document(), st.lists(_mutations(), min_size=1, max_size=4))
def test_malformed_input_raises_only_validation_error(doc: Any, mutations: list[Any]) -> None:
    data = copy.deepcopy(coparent.to_dict(doc))
    for index, action, junk in mutations:
        paths = _paths(data)
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
        # (fields left out come back with their defaults).
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
