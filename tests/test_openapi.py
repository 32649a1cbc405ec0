"""The OpenAPI 3.1 components file: valid by openapi-spec-validator, every shared definition once
under ``components/schemas``, every reference pointing there, and the examples valid against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate as validate_openapi

import coparent
import coparent.convert
from coparent.cli import main
from coparent.openapi import openapi_components

ROOT = Path(__file__).resolve().parent.parent
DOCS = list(coparent.convert.DOCUMENT_TYPES.values())


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_the_components_file_is_valid_openapi_3_1() -> None:
    document = openapi_components()
    assert document["openapi"].startswith("3.1.")
    validate_openapi(document)


def test_every_ref_points_into_the_components() -> None:
    document = openapi_components()
    names = set(document["components"]["schemas"])
    refs = _refs(document)
    assert refs
    for ref in refs:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in names, ref
    assert "$defs" not in json.dumps(document)


def test_shared_definitions_appear_once_and_match_each_schema() -> None:
    components = openapi_components()["components"]["schemas"]
    for cls in DOCS:
        schema = coparent.json_schema(cls)
        # Every definition of every document, and the document itself, is a component...
        assert set(schema["$defs"]) | {cls.__name__} <= set(components)
        # ...with the same content, once the references are moved.
        for name, definition in schema["$defs"].items():
            moved = json.loads(
                json.dumps(definition).replace('"#/$defs/', '"#/components/schemas/')
            )
            assert components[name] == moved, name
    # Person is defined in all three schemas: shared, so moved once.
    assert all("Person" in coparent.json_schema(cls)["$defs"] for cls in DOCS)


@pytest.mark.parametrize("cls", DOCS)
def test_the_examples_validate_against_the_components(cls: type[Any]) -> None:
    document = openapi_components()
    # A root that holds the components, so "#/components/schemas/..." resolves in it.
    root = {"$ref": f"#/components/schemas/{cls.__name__}", **document}
    validator = jsonschema.Draft202012Validator(root)
    example = json.loads((ROOT / "docs" / "examples" / f"{cls.KIND}.json").read_text("utf-8"))
    assert list(validator.iter_errors(example)) == []
    broken = {**example, "unknown_field": 1}
    assert not validator.is_valid(broken)


def test_export_writes_the_committed_openapi_file(tmp_path: Path) -> None:
    assert main(["schema", "export", "--openapi", str(tmp_path)]) == 0
    written = (tmp_path / "openapi.json").read_text("utf-8")
    assert written == (ROOT / "schemas" / "openapi.json").read_text("utf-8")
    assert json.loads(written) == openapi_components()
