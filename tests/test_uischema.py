"""The exported UI schemas: in step with the JSON Schemas, hints taken from the field metadata,
committed and up to date."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import coparent
import coparent.convert
import coparent.model
from coparent.convert import TIME_PATTERN
from coparent.model._base import ITEM_ID_PATTERN
from coparent.model.introspect import FieldSpec, Kind, spec_of

ROOT = Path(__file__).resolve().parent.parent
DOCS = list(coparent.convert.DOCUMENT_TYPES.values())

#: The widgets react-jsonschema-form's core theme has (the UI schema may name only these).
RJSF_WIDGETS = {
    *("hidden", "textarea", "date", "time", "select", "checkbox", "checkboxes", "text", "email"),
    # Registered by the page (docs/web-form): picks an item of the document by its name.
    "reference",
}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _pairs(
    schema: dict[str, Any], ui: dict[str, Any], root: dict[str, Any], path: str = ""
) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Every (path, schema node, UI node) the UI schema describes, checking they line up."""
    schema = _resolve(schema, root)
    found = [(path, schema, ui)]
    for key, sub in ui.items():
        if key.startswith("ui:"):
            continue
        if key in ("anyOf", "oneOf"):
            assert key in schema, f"{path} has {key} in the UI schema only"
            assert len(sub) == len(schema[key]), f"{path}/{key}"
            for index, (option, option_ui) in enumerate(zip(schema[key], sub, strict=True)):
                found += _pairs(option, option_ui, root, f"{path}/{key}/{index}")
            continue
        assert isinstance(sub, dict), f"{path}/{key}"
        if key == "items":
            assert schema.get("type") == "array", f"{path} is not a list"
            found += _pairs(schema["items"], sub, root, f"{path}/items")
        else:
            assert key in schema.get("properties", {}), f"{path}/{key} is not in the schema"
            found += _pairs(schema["properties"][key], sub, root, f"{path}/{key}")
    return found


@pytest.mark.parametrize("cls", DOCS)
def test_ui_schema_lines_up_with_the_json_schema(cls: type[Any]) -> None:
    schema = coparent.json_schema(cls)
    pairs = _pairs(schema, coparent.ui_schema(cls), schema)
    orders = [(path, node, ui) for path, node, ui in pairs if "ui:order" in ui]
    assert len(orders) > 5
    for path, node, ui in orders:
        # Every field, in the order the schema (and so the model) declares them.
        assert ui["ui:order"] == list(node["properties"]), path
    for path, _, ui in pairs:
        widget = ui.get("ui:widget")
        assert widget is None or widget in RJSF_WIDGETS, f"{path}: unknown widget {widget}"


def _walk_fields(cls: type[Any], ui: dict[str, Any]) -> list[tuple[FieldSpec, Any]]:
    """Every field reachable from ``cls`` with its UI node (following the UI schema)."""
    found = []
    for f in spec_of(cls).fields:
        node = ui.get(f.name, {})
        found.append((f, node))
        for part, sub in _class_nodes(f, node):
            found += _walk_fields(part, sub)
    return found


def _class_nodes(f: FieldSpec, node: dict[str, Any]) -> list[tuple[type[Any], dict[str, Any]]]:
    """The classes a field holds, each with its UI node."""
    if f.kind is Kind.ITEMS:
        return [(f.cls, node.get("items", {}))]
    if f.kind not in (Kind.SECTION, Kind.UNION):
        return []
    if f.optional:  # the first anyOf option; the second is "not given"
        node = node["anyOf"][0]
    if f.kind is Kind.SECTION:
        return [(f.cls, node)]
    return list(zip(f.variants.values(), node["oneOf"], strict=True))


@pytest.mark.parametrize("cls", DOCS)
def test_hints_come_from_the_field_metadata(cls: type[Any]) -> None:
    fields = _walk_fields(cls, coparent.ui_schema(cls))
    assert len(fields) > 30
    seen = set()
    for f, node in fields:
        info = f.info
        hidden = node.get("ui:widget") == "hidden"
        if f.kind in (Kind.ID, Kind.UUID, Kind.DATETIME):
            assert hidden, f"{f.name} is typed by software, not people"
            seen.add("hidden")
            continue
        assert not hidden, f.name
        assert node.get("ui:help") == (info.description or None), f.name
        if info.long_text:
            assert node["ui:widget"] == "textarea", f.name
            seen.add("textarea")
        else:
            assert node.get("ui:widget") != "textarea", f.name
        if info.examples and isinstance(info.examples[0], str):
            assert node["ui:placeholder"] == info.examples[0], f.name
            seen.add("placeholder")
        elif not info.examples:
            assert "ui:placeholder" not in node, f.name
    assert seen >= {"hidden", "placeholder"}


def test_plan_has_every_kind_of_hint() -> None:
    schema = coparent.json_schema(coparent.ParentingPlan)
    pairs = _pairs(schema, coparent.ui_schema(coparent.ParentingPlan), schema)
    widgets: dict[str, set[str]] = {}
    for path, node, ui in pairs:
        if "ui:widget" in ui:
            widgets.setdefault(ui["ui:widget"], set()).add(path)
            if ui["ui:widget"] == "date":
                assert node.get("format") == "date", path
            if ui["ui:widget"] == "time":
                assert node.get("pattern") == TIME_PATTERN, path
    assert {"hidden", "textarea", "date", "time"} <= set(widgets)
    assert "/living_arrangements/schedule/slots/items/start_time" in widgets["time"]
    assert "/living_arrangements/holidays/items/start" in widgets["date"]
    assert "/children/items/id" in widgets["hidden"]
    # Every date and time in the schema has its widget.
    for path, node, _ in pairs:
        if node.get("format") == "date":
            assert path in widgets["date"], path


@pytest.mark.parametrize("cls", DOCS)
def test_envelope_is_hidden_and_first(cls: type[Any]) -> None:
    ui = coparent.ui_schema(cls)
    assert ui["ui:order"][:3] == ["kind", "schema_version", "id"]
    for name in ("kind", "schema_version", "id"):
        assert ui[name] == {"ui:widget": "hidden"}


def test_ui_schema_is_a_fresh_copy_and_only_for_documents() -> None:
    first = coparent.ui_schema(coparent.Referral)
    first["ui:order"].clear()
    assert coparent.ui_schema(coparent.Referral)["ui:order"]
    with pytest.raises(TypeError, match="document class"):
        coparent.ui_schema(coparent.model.Child)


@pytest.mark.parametrize("cls", DOCS)
def test_committed_ui_schema_is_up_to_date(cls: type[Any]) -> None:
    committed = ROOT / "schemas" / f"{cls.KIND}.uischema.json"
    assert committed.exists(), "run `nox -s schemas` and commit schemas/"
    assert json.loads(committed.read_text(encoding="utf-8")) == coparent.ui_schema(cls), (
        f"{committed.name} is out of date: run `nox -s schemas` and commit the result"
    )


def test_export_writes_schema_and_ui_schema(tmp_path: Path) -> None:
    from coparent.cli import main

    assert main(["schema", "export", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{kind}.{suffix}.json"
        for kind in coparent.convert.DOCUMENT_TYPES
        for suffix in ("schema", "uischema", "jsonforms")
    )


# --- JSON Forms -------------------------------------------------------------------------------


def _resolve_scope(schema: dict[str, Any], scope: str, root: dict[str, Any]) -> dict[str, Any]:
    """The schema a JSON Forms scope points at, following $refs and optional (anyOf) wrappers.

    An empty last token (``.../anyOf/0/``) is skipped, as JSON Forms skips it; such a scope
    picks an option of the property itself, so the result keeps the property's title."""
    assert scope.startswith("#/"), scope
    node = schema
    title = None
    tokens = scope[2:].split("/")
    if tokens[-1] == "":
        assert tokens[-3:-1] == ["anyOf", "0"], scope
        tokens.pop()
    for token in tokens:
        while isinstance(node, dict) and (
            "$ref" in node or ("anyOf" in node and token not in node)
        ):
            if "$ref" in node:
                node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
            else:
                node = next(o for o in node["anyOf"] if o.get("type") != "null")
        if isinstance(node, list):
            node = node[int(token)]
            continue
        if token == "anyOf":
            title = node["title"]
        node = node[token]
    if title is not None:
        node = {**_deref(node, root), "title": title}
    return node


def _deref(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _check_layout(
    layout: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], seen: set[str]
) -> None:
    seen.add(layout["type"])
    if layout["type"] == "Control":
        target = _resolve_scope(schema, layout["scope"], root)
        # Labelled with the property's own title, not the referenced definition's.
        assert layout["label"] == target["title"], layout["scope"]
        assert not {"uuid", "date-time"} & {target.get("format")}, layout["scope"]
        detail = layout.get("options", {}).get("detail")
        if detail is not None:
            item = target["anyOf"][0] if "anyOf" in target else target
            items = item["items"]
            if "$ref" in items:
                items = root["$defs"][items["$ref"].rsplit("/", 1)[1]]
            _check_layout(detail, items, root, seen)
        return
    assert layout["type"] in {"Categorization", "Category", "Group", "VerticalLayout"}
    if layout["type"] in ("Category", "Group"):
        assert layout["label"]
    for element in layout["elements"]:
        _check_layout(element, schema, root, seen)


@pytest.mark.parametrize("cls", DOCS)
def test_every_jsonforms_scope_resolves_in_the_schema(cls: type[Any]) -> None:
    from coparent.uischema import jsonforms_ui_schema

    schema = coparent.json_schema(cls)
    ui = jsonforms_ui_schema(cls)
    seen: set[str] = set()
    _check_layout(ui, schema, schema, seen)
    assert {"Categorization", "Category", "Control"} <= seen
    # Every top-level property a person fills in is in some category.
    shown = {scope.split("/")[2] for scope in _top_scopes(ui)}
    for name, prop in schema["properties"].items():
        hidden = "const" in prop or prop.get("format") in ("uuid", "date-time")
        assert (name in shown) is not hidden, name


def _top_scopes(layout: dict[str, Any]) -> list[str]:
    """The scopes of a layout's controls, not those of list items' detail layouts."""
    if layout["type"] == "Control":
        return [layout["scope"]]
    return [s for element in layout["elements"] for s in _top_scopes(element)]


@pytest.mark.parametrize("cls", DOCS)
def test_committed_jsonforms_ui_schema_is_up_to_date(cls: type[Any]) -> None:
    from coparent.uischema import jsonforms_ui_schema

    committed = ROOT / "schemas" / f"{cls.KIND}.jsonforms.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == jsonforms_ui_schema(cls)


def test_lists_of_choices_are_checkboxes() -> None:
    """RJSF shows a list of choices as ctrl-click boxes unless told "checkboxes"; the oracle is
    the schema: an array of unique items whose item is a choice (a oneOf of consts)."""
    found: list[str] = []
    for cls in DOCS:
        schema = coparent.json_schema(cls)
        _tick_boxes(schema, schema, coparent.ui_schema(cls), found)
    assert len(found) >= 3


def _tick_boxes(
    schema: dict[str, Any], node: dict[str, Any], ui: dict[str, Any], found: list[str]
) -> None:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for name, prop in node.get("properties", {}).items():
        sub = ui.get(name, {})
        items = prop.get("items", {})
        if "$ref" in items:
            target = schema["$defs"][items["$ref"].rsplit("/", 1)[1]]
            if "oneOf" in target and all("const" in o for o in target["oneOf"]):
                assert prop["uniqueItems"] is True, name
                assert sub.get("ui:widget") == "checkboxes", name
                found.append(name)
            else:
                _tick_boxes(schema, target, sub.get("items", {}), found)
        elif "$ref" in prop:
            _tick_boxes(schema, prop, sub, found)
        for key in ("anyOf", "oneOf"):
            for option, option_ui in zip(prop.get(key, []), sub.get(key, []), strict=False):
                _tick_boxes(schema, option, option_ui, found)


@pytest.mark.parametrize("cls", DOCS)
def test_references_are_picked_from_the_items_they_refer_to(cls: type[Any]) -> None:
    """A handover or child reference is a picker of that class's items, never an id box."""
    schema = coparent.json_schema(cls)
    found = 0
    for f, node in _walk_fields(cls, coparent.ui_schema(cls)):
        if f.kind is not Kind.REFERENCE or f.info.refers_to is None:
            continue
        found += 1
        assert node["ui:widget"] == "reference", f.name
        target = node["ui:options"]["refersTo"]
        # A reference to several classes ("Person,Child") picks from the first.
        assert target == f.info.refers_to.split(",")[0]
        # The items it lists are in the schema, and its label names their fields.
        assert target in schema["$defs"], target
        for name in re.findall(r"\{(\w+)\}", node["ui:options"].get("label", "")):
            assert name in schema["$defs"][target]["properties"], name
    if cls is coparent.ParentingPlan:
        assert found >= 8  # pick-up and return handovers of slots, holidays, special days


@pytest.mark.parametrize("cls", DOCS)
def test_an_optional_choice_is_one_dropdown(cls: type[Any]) -> None:
    found = 0
    for f, node in _walk_fields(cls, coparent.ui_schema(cls)):
        is_optional_choice = f.kind is Kind.CHOICE and f.optional
        assert (node.get("ui:field") == "optionalChoice") is is_optional_choice, f.name
        found += is_optional_choice
    assert found > 0


def _controls(layout: dict[str, Any], schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """Every JSON Forms control with the (resolved) schema it edits, details included."""
    if layout["type"] != "Control":
        for element in layout["elements"]:
            yield from _controls(element, schema, root)
        return
    target = _deref(_resolve_scope(schema, layout["scope"], root), root)
    yield layout, target
    detail = layout.get("options", {}).get("detail")
    if detail is not None:
        yield from _controls(detail, _deref(target["items"], root), root)


@pytest.mark.parametrize("cls", DOCS)
def test_jsonforms_controls_suit_the_material_renderers(cls: type[Any]) -> None:
    """What JSON Forms' Material renderers need, with the schema as the oracle: no control on an
    optional value's anyOf (the renderer would show tabs, an unlabelled control and generated
    id boxes), list items named by a field that is not an id, dates day first and clock times
    on the 24-hour clock, each saved as coparent stores them."""
    from coparent.uischema import jsonforms_ui_schema

    schema = coparent.json_schema(cls)
    kinds: set[str] = set()
    for control, target in _controls(jsonforms_ui_schema(cls), schema, schema):
        where = control["scope"]
        assert "anyOf" not in target, where
        options = control.get("options", {})
        if "items" in target and "detail" in options:
            kinds.add("items")
            item = _deref(target["items"], schema)
            label = item["properties"][options["elementLabelProp"]]
            assert label.get("pattern") != ITEM_ID_PATTERN, where
            assert "format" not in label or label["format"] == "date", where
        if target.get("pattern") == TIME_PATTERN:
            kinds.add("time")
            assert options["format"] == "time"
            assert options["ampm"] is False
            assert (options["timeFormat"], options["timeSaveFormat"]) == ("HH:mm", "HH:mm:ss")
        if target.get("format") == "date":
            kinds.add("date")
            assert (options["dateFormat"], options["dateSaveFormat"]) == (
                "DD/MM/YYYY",
                "YYYY-MM-DD",
            )
        if control["scope"].endswith("/anyOf/0/"):
            kinds.add("optional choice")
            assert all("const" in o for o in target["oneOf"]), where
    assert {"items", "date"} <= kinds
    if cls is coparent.ParentingPlan:
        assert {"time", "optional choice"} <= kinds
