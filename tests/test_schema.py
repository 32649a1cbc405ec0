"""The exported JSON Schemas: valid Draft 2020-12, committed and up to date, and in exact
agreement with the converter in both directions."""

from __future__ import annotations

import json
import re
from datetime import UTC
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
    """Refused by the pattern, and by the format check coparent adds (jsonschema skips
    date-time without rfc3339-validator)."""
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["updated_at"] = "2025-02-30T10:00:00+00:00"
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.validate(data)
    assert {e.path for e in caught.value.errors} == {"/updated_at"}
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
    if schema.get("format") == "date-time" and isinstance(instance, str):
        # UTC is read as Z, +00:00 or -00:00 and written +00:00 (docs/front-end-guide.md).
        return re.sub(r"(Z|[+-]00:00)\Z", "+00:00", instance)
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


# --- schemas generators and form libraries read well ------------------------------------------


def _nodes(node: Any) -> Any:
    """Every dict in a JSON value, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("cls", DOCS)
def test_defs_have_short_noun_titles_and_no_placeholders(cls: type[Any]) -> None:
    schema = coparent.json_schema(cls)
    for name, definition in [(cls.__name__, schema), *schema["$defs"].items()]:
        # A placeholder ({}) accepts anything and becomes a decoy class in generators.
        assert definition.get("type") in ("object", "string"), name
        title = definition["title"]
        # The class name in words: "ParentingPlan" -> "Parenting plan".
        assert title.replace(" ", "").lower() == name.lower(), (name, title)
        assert title == title[0].upper() + title[1:].lower(), title  # sentence case
        assert not any(c in title for c in ".:,;()"), title
        # The sentence that explains the class is kept, as the description.
        assert len(definition["description"]) > len(title), name
    assert (
        schema["title"]
        == {
            "ParentingPlan": "Parenting plan",
            "Referral": "Referral",
            "Review": "Review",
        }[cls.__name__]
    )


@pytest.mark.parametrize("cls", DOCS)
def test_every_null_option_is_titled(cls: type[Any]) -> None:
    options = [
        option
        for node in _nodes(coparent.json_schema(cls))
        for option in node.get("anyOf", [])
        if option.get("type") == "null"
    ]
    assert options, "the schema has optional sections or choices"
    assert all(option["title"] == "Not given" for option in options)


DATE_SHAPES = st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)


def _is_real_date(text: str) -> bool:
    """The oracle: the Gregorian calendar's rules, written out (not the library's code)."""
    year, month, day = (int(part) for part in text.split("-"))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= days[month - 1]


@settings(max_examples=500)
@given(st.one_of(DATE_SHAPES, st.dates().map(str)))
def test_the_date_pattern_accepts_exactly_the_real_dates(text: str) -> None:
    from coparent.schema import REAL_DATE_PATTERN

    real = _is_real_date(text)
    assert bool(re.search(REAL_DATE_PATTERN, text)) is real
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["children"][0]["date_of_birth"] = text
    try:
        coparent.from_dict(data, coparent.ParentingPlan)
        loaded = True
    except coparent.ValidationError:
        loaded = False
    assert loaded is real


@pytest.mark.parametrize(
    "text", ["2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10"]
)
def test_impossible_dates_fail_without_format_checks(text: str) -> None:
    """python-jsonschema checks no formats by default, hyperjump neither: the pattern must."""
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["children"][0]["date_of_birth"] = text
    schema = coparent.json_schema(coparent.ParentingPlan)
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)
    data["children"][0]["date_of_birth"] = "2000-02-29"
    assert jsonschema.Draft202012Validator(schema).is_valid(data)


@given(st.datetimes(timezones=st.just(UTC)))
def test_utc_written_z_loads_and_is_written_plus_zero(moment: Any) -> None:
    canonical = moment.isoformat()
    assert canonical.endswith("+00:00")
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["updated_at"] = canonical.removesuffix("+00:00") + "Z"
    assert jsonschema.Draft202012Validator(coparent.json_schema(coparent.ParentingPlan)).is_valid(
        data
    )
    plan = coparent.from_dict(data, coparent.ParentingPlan)
    assert plan.updated_at == moment
    again = coparent.to_dict(plan)
    assert again["updated_at"] == canonical
    # The second round trip is exact.
    assert coparent.to_dict(coparent.from_dict(again, coparent.ParentingPlan)) == again


def test_the_schema_patterns_take_no_trailing_newline() -> None:
    from coparent.schema import REAL_DATE_PATTERN, REAL_DATETIME_PATTERN

    for pattern, good in (
        (REAL_DATE_PATTERN, "2024-02-29"),
        (REAL_DATETIME_PATTERN, "2024-02-29T10:00:00Z"),
        (REAL_DATETIME_PATTERN, "2024-02-29T10:00:00+01:00"),
    ):
        assert re.search(pattern, good)
        for end in ("\n", "\r\n", "\r"):
            assert not re.search(pattern, good + end)
