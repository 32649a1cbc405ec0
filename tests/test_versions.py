"""Schema versions: released documents keep loading, breaking schema changes need a version
bump and a migration, and the migration machinery upgrades old documents step by step.

No real migration exists yet (every kind is at version 1, the first release). The migration
tests register test-only steps on a pretend version 3, and say so.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.convert
import coparent.versions
from coparent import versions
from coparent.versions import breaking_changes, unmigrated_changes
from strategies import documents

ROOT = Path(__file__).resolve().parent.parent
RELEASED_SCHEMAS = ROOT / "schemas" / "released"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "released"
MANIFEST = FIXTURES / "MANIFEST.json"
DOCS = list(coparent.convert.DOCUMENT_TYPES.values())


def _released_versions(kind: str) -> dict[int, Path]:
    found = {}
    for path in RELEASED_SCHEMAS.glob(f"{kind}.v*.schema.json"):
        match = re.fullmatch(rf"{kind}\.v([0-9]+)\.schema\.json", path.name)
        assert match, f"unexpected file {path.name}"
        found[int(match.group(1))] = path
    return found


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/v*/*.json"))


# --- released documents keep loading ----------------------------------------------------------


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_released_document_still_loads(path: Path) -> None:
    kind, version = path.parent.parent.name, int(path.parent.name[1:])
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["kind"], data["schema_version"]) == (kind, version), "file is in the wrong folder"
    doc = coparent.load(path)
    assert kind == type(doc).KIND
    # Loaded documents are current: they dump at the current version and load back equal.
    dumped = coparent.to_dict(doc)
    assert dumped["schema_version"] == type(doc).SCHEMA_VERSION
    assert coparent.from_dict(dumped, type(doc)) == doc


def test_released_documents_only_grow() -> None:
    """A released fixture is never changed or removed; new ones are added to the manifest."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    present = {str(p.relative_to(FIXTURES)): p for p in _fixture_files()}
    for name, digest in manifest.items():
        assert name in present, f"released fixture {name} was removed: put it back"
        actual = hashlib.sha256(present[name].read_bytes()).hexdigest()
        assert actual == digest, f"released fixture {name} was changed: restore it"
    for name, path in present.items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert name in manifest, f'add "{name}": "{digest}" to {MANIFEST.name}'


@pytest.mark.parametrize("cls", DOCS)
def test_every_released_version_has_documents(cls: type[Any]) -> None:
    released = _released_versions(cls.KIND)
    assert released, f"no released schema for {cls.KIND} in {RELEASED_SCHEMAS}"
    for version, path in released.items():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$id"] == f"urn:coparent:schema:{cls.KIND}:v{version}"
        folder = FIXTURES / cls.KIND / f"v{version}"
        assert len(list(folder.glob("*.json"))) >= 2, f"keep example documents in {folder}"
        # Each document is valid against the schema of its own release.
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        for fixture in folder.glob("*.json"):
            errors = list(validator.iter_errors(json.loads(fixture.read_text("utf-8"))))
            assert not errors, f"{fixture.name}: {errors[0].message}"


# --- breaking changes need a bump and a migration ---------------------------------------------


@pytest.mark.parametrize("cls", DOCS)
def test_no_breaking_change_without_a_migration(cls: type[Any]) -> None:
    released = _released_versions(cls.KIND)
    last = max(released)
    old = json.loads(released[last].read_text(encoding="utf-8"))
    problems = unmigrated_changes(
        cls.KIND, last, old, cls.SCHEMA_VERSION, coparent.json_schema(cls)
    )
    assert not problems, "\n".join(str(p) for p in problems)


def _plan_schema() -> dict[str, Any]:
    return coparent.json_schema(coparent.ParentingPlan)


def _edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    schema = _plan_schema()
    change(schema)
    return schema


def _defs(schema: dict[str, Any]) -> dict[str, Any]:
    defs: dict[str, Any] = schema["$defs"]
    return defs


BREAKING: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "removed field": (
        lambda s: _defs(s)["WeeklySlot"]["properties"].pop("notes"),
        "/living_arrangements/schedule/slots/*/notes",
        "field removed",
    ),
    "new required field": (
        lambda s: (
            _defs(s)["Child"]["properties"].update(school={"type": "string", "title": "School"}),
            _defs(s)["Child"]["required"].append("school"),
        ),
        "/children/*/school",
        "new required field",
    ),
    "now required": (
        lambda s: _defs(s)["Child"]["required"].append("needs"),
        "/children/*/needs",
        "now required",
    ),
    "narrowed type": (
        lambda s: s["properties"]["updated_at"].update(type="string"),
        "/updated_at",
        "no longer accepts null",
    ),
    "narrowed enum": (
        lambda s: _defs(s)["Weekday"]["oneOf"].pop(),
        "/living_arrangements/schedule/slots/*/start_day",
        "choice 'sunday' removed",
    ),
    "optional object made required": (
        lambda s: _defs(s)["ContactDetails"]["properties"].update(
            address={"$ref": "#/$defs/Address", "title": "Postal address"}
        ),
        "/parent_a/contact/address",
        "null is no longer allowed",
    ),
    "lowered maximum": (
        lambda s: _defs(s)["WeeklySlot"]["properties"]["every_n_weeks"].update(maximum=4),
        "/living_arrangements/schedule/slots/*/every_n_weeks",
        "maximum lowered to 4",
    ),
    "changed pattern": (
        lambda s: _defs(s)["Person"]["properties"]["id"].update(pattern="^[a-z]+$"),
        "/parent_a/id",
        "pattern changed",
    ),
}


@pytest.mark.parametrize("name", list(BREAKING))
def test_breaking_changes_are_found(name: str) -> None:
    change, path, message = BREAKING[name]
    changes = breaking_changes(_plan_schema(), _edit(change))
    assert [c.path for c in changes] == [path]
    assert changes[0].message.startswith(message)
    # Undoing a new required field removes a field; any changed pattern counts as breaking.
    if name not in ("new required field", "changed pattern"):
        # The same change the other way round widens the schema: nothing breaks.
        assert breaking_changes(_edit(change), _plan_schema()) == ()


def test_widening_is_not_breaking() -> None:
    def widen(s: dict[str, Any]) -> None:
        _defs(s)["Child"]["properties"]["school"] = {"type": "string", "default": ""}
        _defs(s)["Weekday"]["oneOf"].append({"const": "someday", "title": "Some day"})
        _defs(s)["Holiday"]["required"].remove("allocation")
        _defs(s)["WeeklySlot"]["properties"]["every_n_weeks"]["maximum"] = 52
        s["properties"]["title"]["description"] = "A new description"

    assert breaking_changes(_plan_schema(), _edit(widen)) == ()


def _all_properties() -> list[tuple[str, str]]:
    schema = _plan_schema()
    return [
        (name, prop)
        for name, definition in sorted(_defs(schema).items())
        for prop in definition.get("properties", {})
        if name != "ParentingPlan"
    ]


@given(st.sampled_from(_all_properties()))
def test_removing_any_field_is_breaking_adding_an_optional_one_is_not(
    target: tuple[str, str],
) -> None:
    name, prop = target
    old = _plan_schema()
    removed = copy.deepcopy(old)
    del _defs(removed)[name]["properties"][prop]
    if prop in _defs(removed)[name]["required"]:
        _defs(removed)[name]["required"].remove(prop)
    changes = breaking_changes(old, removed)
    assert changes
    assert all(c.message == "field removed" and c.path.endswith(f"/{prop}") for c in changes)
    # Putting an optional field back is widening, and so is any new optional field.
    if prop not in _defs(old)[name]["required"]:
        assert breaking_changes(removed, old) == ()
    added = copy.deepcopy(old)
    _defs(added)[name]["properties"][f"{prop}_extra"] = {"type": "string", "default": ""}
    assert breaking_changes(old, added) == ()
    # The same field made required breaks documents that left it out.
    required = copy.deepcopy(old)
    if prop not in _defs(required)[name]["required"]:
        _defs(required)[name]["required"].append(prop)
        assert [c.message for c in breaking_changes(old, required)] == ["now required"]


def test_breaking_change_needs_a_version_bump_and_a_migration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(versions, "_MIGRATIONS", {})
    old = _plan_schema()
    new = _edit(BREAKING["removed field"][0])
    same_version = unmigrated_changes("parenting_plan", 1, old, 1, new)
    assert len(same_version) == 1
    assert "bump parenting_plan's SCHEMA_VERSION" in same_version[0].message
    bumped = unmigrated_changes("parenting_plan", 1, old, 2, new)
    assert "no migration registered for parenting_plan step 1 -> 2" in bumped[0].message
    monkeypatch.setitem(versions._MIGRATIONS, ("parenting_plan", 1), lambda body: body)
    assert unmigrated_changes("parenting_plan", 1, old, 2, new) == ()
    assert unmigrated_changes("parenting_plan", 1, old, 1, old) == ()
    assert unmigrated_changes("parenting_plan", 2, old, 1, old)[0].path == "/schema_version"


# --- migrations (test-only steps on a pretend version 3) --------------------------------------


def _v1_to_v2(body: dict[str, Any]) -> dict[str, Any]:
    """Pretend version 1 called the plan's notes ``other_notes``."""
    body = dict(body)
    if "other_notes" in body:
        body["notes"] = body.pop("other_notes")
    return body


def _v2_to_v3(body: dict[str, Any]) -> dict[str, Any]:
    """Pretend version 2 wrote children's birthdays as DD/MM/YYYY."""
    children = []
    for child in body.get("children", []):
        child = dict(child)
        if isinstance(child.get("date_of_birth"), str) and "/" in child["date_of_birth"]:
            day, month, year = child["date_of_birth"].split("/")
            child["date_of_birth"] = f"{year}-{month}-{day}"
        children.append(child)
    return {**body, "children": children}


@pytest.fixture
def pretend_v3(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """ParentingPlan at a pretend version 3, with test-only steps from 1 and from 2."""
    calls: list[int] = []

    def step(version: int, func: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
        def run(body: dict[str, Any]) -> dict[str, Any]:
            calls.append(version)
            return func(body)

        return run

    monkeypatch.setattr(coparent.ParentingPlan, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(versions._MIGRATIONS, ("parenting_plan", 1), step(1, _v1_to_v2))
    monkeypatch.setitem(versions._MIGRATIONS, ("parenting_plan", 2), step(2, _v2_to_v3))
    return calls


PLAN_ID = "00000000-0000-4000-8000-000000000001"


def _old_plan(version: int) -> dict[str, Any]:
    return {
        "kind": "parenting_plan",
        "schema_version": version,
        "id": PLAN_ID,
        "parent_a": {"id": "a", "name": "Sam Jones"},
        "parent_b": {"id": "b", "name": "Alex Jones"},
        "children": [{"id": "c", "name": "Mia Jones", "date_of_birth": "04/05/2018"}],
        **({"other_notes": "Reviewed in spring."} if version == 1 else {"notes": "Reviewed."}),
    }


def test_old_document_is_upgraded_step_by_step(pretend_v3: list[int]) -> None:
    plan = coparent.from_dict(_old_plan(1), coparent.ParentingPlan)
    assert pretend_v3 == [1, 2]
    assert plan.notes == "Reviewed in spring."
    assert plan.children[0].date_of_birth == date(2018, 5, 4)
    assert plan.id == uuid.UUID(PLAN_ID)
    assert coparent.to_dict(plan)["schema_version"] == 3
    pretend_v3.clear()
    coparent.from_dict(_old_plan(2), coparent.ParentingPlan)
    assert pretend_v3 == [2]


def test_missing_step_is_a_clear_error(
    pretend_v3: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(versions._MIGRATIONS, ("parenting_plan", 2))
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(_old_plan(1), coparent.ParentingPlan)
    assert caught.value.errors[0].path == "/schema_version"
    assert "no migration from schema version 1" in caught.value.errors[0].message


def test_newer_document_is_refused() -> None:
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["schema_version"] = coparent.ParentingPlan.SCHEMA_VERSION + 1
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_json(json.dumps(data), coparent.ParentingPlan)
    assert caught.value.errors[0].path == "/schema_version"
    assert "newer coparent" in caught.value.errors[0].message


def test_a_step_is_registered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(versions, "_MIGRATIONS", {})
    versions.register_migration("parenting_plan", 1)(_v1_to_v2)
    with pytest.raises(ValueError, match="already exists"):
        versions.register_migration("parenting_plan", 1)(_v2_to_v3)
    assert coparent.versions.registered_migrations() == {("parenting_plan", 1): _v1_to_v2}


def _downgrade_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """The pretend version 1 shape of a current plan: the inverse of both test-only steps."""
    old = {k: v for k, v in data.items() if k != "notes"}
    old["schema_version"] = 1
    old["other_notes"] = data["notes"]
    old["children"] = [
        {**c, "date_of_birth": "/".join(reversed(c["date_of_birth"].split("-")))}
        if c.get("date_of_birth")
        else c
        for c in data["children"]
    ]
    return old


@given(documents(coparent.ParentingPlan))
def test_any_plan_survives_the_migration_path(plan: coparent.ParentingPlan) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(coparent.ParentingPlan, "SCHEMA_VERSION", 3)
        monkeypatch.setitem(versions._MIGRATIONS, ("parenting_plan", 1), _v1_to_v2)
        monkeypatch.setitem(versions._MIGRATIONS, ("parenting_plan", 2), _v2_to_v3)
        old = _downgrade_to_v1(coparent.to_dict(plan))
        assert coparent.from_dict(old, coparent.ParentingPlan) == plan


def test_new_unique_items_and_length_bounds_are_breaking() -> None:
    from coparent.versions import breaking_changes

    old = {"type": "object", "properties": {"a": {"type": "array", "items": {"type": "string"}}}}
    unique = {
        "type": "object",
        "properties": {"a": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
    }
    assert [c.message for c in breaking_changes(old, unique)] == [
        "no longer accepts a value listed twice"
    ]
    assert breaking_changes(unique, old) == ()
    short = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 10}}}
    free = {"type": "object", "properties": {"a": {"type": "string"}}}
    assert [c.message for c in breaking_changes(free, short)] == ["maxLength lowered to 10"]
