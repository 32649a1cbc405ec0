"""UI schemas for react-jsonschema-form, generated from the same field metadata as the JSON Schema.

A JSON Schema says what data is valid; a UI schema says how a form shows it. Both come from the
model's spec tree (:mod:`coparent.model.introspect`), so a form follows the model: fields
appear in the order they are declared (which follows the plan's sections), free text marked
``long_text`` gets a text area, dates and clock times get date and time pickers, descriptions
become help text and the first example becomes the placeholder. Ids (of the document and of
list items) and the ``kind`` and ``schema_version`` envelope are hidden: software fills them
in, people never type them (see ``docs/front-end-guide.md`` for how a page fills missing ids).
"""

from __future__ import annotations

from typing import Any

from .convert import unstructure
from .i18n import N_
from .model.introspect import TAG, FieldSpec, Kind, spec_of
from .schema import document_spec

__all__ = ["HIDDEN", "NOT_GIVEN", "ui_schema"]

#: The UI schema of a field that a form keeps but never shows.
HIDDEN: dict[str, Any] = {"ui:widget": "hidden"}

#: The UI schema of the "null" option of an optional object or choice (RJSF names the option).
NOT_GIVEN: dict[str, Any] = {"ui:title": N_("Not given")}

_WIDGETS: dict[Kind, dict[str, Any]] = {
    Kind.DATE: {"ui:widget": "date"},
    Kind.TIME: {"ui:widget": "time"},
    # Set by software when a document is saved; RJSF's date-time widget writes UTC with
    # milliseconds and a "Z", which is not the canonical form coparent stores.
    Kind.DATETIME: HIDDEN,
    Kind.UUID: HIDDEN,
    # Item ids are filled in by software too (see docs/front-end-guide.md).
    Kind.ID: HIDDEN,
}

#: Kinds the JSON Schema writes as a ``$ref`` (or a ``oneOf``), so that an optional one is an
#: ``anyOf`` of it and null; an optional scalar is ``"type": [..., "null"]`` instead.
_REFERENCED = frozenset({Kind.SECTION, Kind.UNION, Kind.CHOICE})


def ui_schema(cls: type[Any], *, locale: str | None = None) -> dict[str, Any]:
    """The react-jsonschema-form UI schema of a top-level document class (a fresh dict each call).

    It mirrors :func:`coparent.json_schema` for the same class: nested objects, list ``items``
    and the ``anyOf``/``oneOf`` options of optional and tagged values line up with the schema's.
    With ``locale``, its help texts and titles are in that language, as for
    :func:`coparent.json_schema`.
    """
    body = _class_ui(document_spec(cls, "ui_schema").cls)
    ui = {
        "ui:order": ["kind", "schema_version", *body.pop("ui:order")],
        "kind": dict(HIDDEN),
        "schema_version": dict(HIDDEN),
        **body,
    }
    if locale is None:
        return ui
    from .i18n import translate_schema

    return dict(translate_schema(ui, locale))


def _class_ui(cls: type[Any]) -> dict[str, Any]:
    spec = spec_of(cls)
    ui: dict[str, Any] = {}
    order: list[str] = []
    if spec.tag is not None:
        order.append(TAG)
        ui[TAG] = dict(HIDDEN)
    for f in spec.fields:
        order.append(f.name)
        node = _field_ui(f)
        if node:
            ui[f.name] = node
    return {"ui:order": order, **ui}


def _field_ui(f: FieldSpec) -> dict[str, Any]:
    ui = _value_ui(f)
    if ui.get("ui:widget") == "hidden":
        return ui
    info = f.info
    if info.long_text:
        ui["ui:widget"] = "textarea"
    if info.description:
        ui["ui:help"] = info.description
    if info.examples:
        example = unstructure(info.examples[0])
        if isinstance(example, str):
            ui["ui:placeholder"] = example
        elif isinstance(example, list) and example and isinstance(example[0], str):
            ui.setdefault("items", {})["ui:placeholder"] = example[0]
    return ui


def _value_ui(f: FieldSpec) -> dict[str, Any]:
    inner: dict[str, Any]
    if f.kind is Kind.ITEMS:
        inner = {"items": _class_ui(f.cls)}
    elif f.kind is Kind.VALUES:
        item = dict(_WIDGETS.get(f.value_kind or Kind.TEXT, {}))
        inner = {"items": item} if item else {}
    elif f.kind is Kind.SECTION:
        inner = _class_ui(f.cls)
    elif f.kind is Kind.UNION:
        inner = {"oneOf": [_class_ui(c) for c in f.variants.values()]}
    else:
        inner = dict(_WIDGETS.get(f.kind, {}))
    # The schema writes an optional scalar as "type": [..., "null"] and anything that is a
    # $ref or a oneOf as "anyOf": [that, null]; the UI schema follows the same shape.
    if f.optional and f.kind in _REFERENCED:
        return {"anyOf": [inner, dict(NOT_GIVEN)]}
    return inner
