"""The exported JSON Schemas: valid Draft 2020-12, committed and up to date, and in exact
agreement with the converter in both directions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import coparent
import coparent.convert
from coparent.model._base import EMAIL_PATTERN
from coparent.model.introspect import ClassSpec, FieldSpec, Kind, all_classes, spec_of
from coparent.schema import CROSS_FIELD_RULES, DATETIMES, TIMEZONES, schema_validator
from strategies import any_document

ROOT = Path(__file__).resolve().parent.parent
DOCS = list(coparent.convert.DOCUMENT_TYPES.values())


@pytest.mark.parametrize("cls", DOCS)
def test_schema_passes_the_meta_schema(cls: type[Any]) -> None:
    schema = coparent.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:coparent:schema:{cls.KIND}:v{cls.SCHEMA_VERSION}"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("cls", DOCS)
def test_committed_schema_is_up_to_date(cls: type[Any]) -> None:
    committed = ROOT / "schemas" / f"{cls.KIND}.schema.json"
    assert committed.exists(), "run `nox -s schemas` and commit schemas/"
    assert json.loads(committed.read_text(encoding="utf-8")) == coparent.json_schema(cls), (
        f"{committed.name} is out of date: run `nox -s schemas` and commit the result"
    )


def _walk(schema: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(schema, dict):
        found.append(schema)
        for value in schema.values():
            found += _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            found += _walk(value)
    return found


@pytest.mark.parametrize("cls", DOCS)
def test_every_field_has_a_title_and_objects_are_closed(cls: type[Any]) -> None:
    schema = coparent.json_schema(cls)
    for node in _walk(schema):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            for name, prop in node["properties"].items():
                assert prop.get("title"), f"{name} has no title"
    enums = [d for d in schema["$defs"].values() if "oneOf" in d and d.get("type") == "string"]
    assert enums
    for enum in enums:
        assert all(option["title"] for option in enum["oneOf"])


def test_formats_are_declared() -> None:
    text = json.dumps(coparent.json_schema(coparent.ParentingPlan))
    for fmt in ("date", "date-time", "uuid"):
        assert f'"format": "{fmt}"' in text
    # Email is checked by coparent's own pattern only: ajv's "email" format is ASCII-only.
    assert json.dumps(EMAIL_PATTERN) in text


def test_validate_refuses_impossible_date_times() -> None:
    """Checked by coparent itself: jsonschema skips date-time without rfc3339-validator."""
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["updated_at"] = "2025-02-30T10:00:00+00:00"
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.validate(data)
    assert [e.path for e in caught.value.errors] == ["/updated_at"]
    data["updated_at"] = "2024-02-29T10:00:00+00:00"
    coparent.validate(data)


@given(any_document())
def test_every_dumped_document_validates_against_its_schema(doc: Any) -> None:
    data = coparent.to_dict(doc)
    errors = list(schema_validator(type(doc)).iter_errors(data))
    assert errors == []


def _fill_defaults(schema: dict[str, Any], instance: Any, root: dict[str, Any]) -> Any:
    """The instance as the converter sees it: every left-out field with its schema default."""
    if "$ref" in schema:
        target = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
        return _fill_defaults(target, instance, root)
    if isinstance(instance, dict) and "properties" in schema:
        out = {}
        for name, prop in schema["properties"].items():
            if name in instance:
                out[name] = _fill_defaults(prop, instance[name], root)
            elif "default" in prop:
                out[name] = prop["default"]
        return out
    for key in ("anyOf", "oneOf"):
        if key in schema and isinstance(instance, (dict, list)):
            for option in schema[key]:
                if jsonschema.Draft202012Validator({**option, "$defs": root["$defs"]}).is_valid(
                    instance
                ):
                    return _fill_defaults(option, instance, root)
    if isinstance(instance, list) and "items" in schema:
        return [_fill_defaults(schema["items"], item, root) for item in instance]
    return instance


def _field_at(cls: type[Any], data: Any, pointer: str) -> tuple[ClassSpec, FieldSpec]:
    """The class and field a JSON pointer into ``data`` ends on, read from the spec tree."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    spec, value, index = spec_of(cls), data, 0
    while True:
        field = spec.by_name[tokens[index]]
        index += 1
        if index == len(tokens):
            # The field the problem is on may be missing: "say which parent decides alone".
            return spec, field
        value = value[field.name]
        if field.kind is Kind.ITEMS:
            value = value[int(tokens[index])]
            index += 1
            spec = spec_of(field.cls)
        else:
            spec = spec_of(field.variant_of(value))


def _is_a_cross_field_rule(spec: ClassSpec, field: FieldSpec) -> bool:
    """Whether a problem reported on ``field`` of ``spec`` is one of CROSS_FIELD_RULES."""
    for cls_name, field_name, _ in CROSS_FIELD_RULES:
        if (cls_name, field_name) == ("*", DATETIMES) and field.kind is Kind.DATETIME:
            return True
        if (cls_name, field_name) == ("*", TIMEZONES) and field.info.format == "timezone":
            return True
        if cls_name == "*" and field.kind is Kind.ITEMS:
            # Ids unique within a list: reported on the list, about its items' ids.
            id_field = spec_of(field.cls).id_field
            if id_field is not None and id_field.name == field_name:
                return True
        elif (cls_name, field_name) == (spec.name, field.name):
            return True
    return False


def _schema_instances(cls: type[Any]) -> st.SearchStrategy[Any]:
    schema = coparent.json_schema(cls)
    # hypothesis-jsonschema resolves "#/$defs/..." against $id and cannot open a urn:.
    del schema["$id"]
    return from_schema(schema)


@pytest.mark.parametrize("cls", DOCS)
def test_every_schema_instance_loads_and_dumps_back(cls: type[Any]) -> None:
    schema = coparent.json_schema(cls)

    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
    @given(_schema_instances(cls))
    def check(instance: Any) -> None:
        try:
            doc = coparent.from_dict(instance, cls)
        except coparent.ValidationError as e:
            # Only the documented rules between fields, which JSON Schema cannot express,
            # may reject an instance the schema accepts.
            for error in e.errors:
                spec, field = _field_at(cls, instance, error.path)
                assert _is_a_cross_field_rule(spec, field), str(e)
            return
        assert coparent.to_dict(doc) == _fill_defaults(schema, instance, schema)

    check()


def test_cross_field_rules_name_real_fields() -> None:
    specs = {spec.name: spec for spec in all_classes(*DOCS)}
    assert len(CROSS_FIELD_RULES) > 1
    for cls_name, field_name, rule in CROSS_FIELD_RULES:
        if (cls_name, field_name) == ("*", DATETIMES):
            assert any(f.kind is Kind.DATETIME for s in specs.values() for f in s.fields)
        elif (cls_name, field_name) == ("*", TIMEZONES):
            assert any(f.info.format == "timezone" for s in specs.values() for f in s.fields)
        elif cls_name == "*":
            assert any(s.id_field and s.id_field.name == field_name for s in specs.values())
        else:
            assert field_name in specs[cls_name].by_name, (cls_name, field_name)
        assert rule


def test_a_broken_rule_is_reported_on_the_field_its_rule_names() -> None:
    """The check that _is_a_cross_field_rule relies on: the converter reports the rule's field."""
    data = coparent.to_dict(coparent.ParentingPlan.example())
    holiday = data["living_arrangements"]["holidays"][0]
    holiday["start"], holiday["end"] = "2027-08-31", "2027-07-20"
    data["children"].append(dict(data["children"][0]))
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(data, coparent.ParentingPlan)
    found = {
        (spec.name, field.name, _is_a_cross_field_rule(spec, field))
        for spec, field in (
            _field_at(coparent.ParentingPlan, data, e.path) for e in caught.value.errors
        )
    }
    assert found == {("Holiday", "end", True), ("ParentingPlan", "children", True)}
    assert not _is_a_cross_field_rule(
        *_field_at(coparent.ParentingPlan, data, "/living_arrangements/holidays/0/name")
    )


def test_the_one_known_difference_a_whole_number_with_a_fraction() -> None:
    # JSON Schema counts 1.0 as an integer; coparent refuses it, since it would dump back as 1.
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["living_arrangements"]["schedule"]["slots"][1]["every_n_weeks"] = 1.0
    coparent.validate(data)
    with pytest.raises(coparent.ValidationError, match="whole number"):
        coparent.from_dict(data, coparent.ParentingPlan)
