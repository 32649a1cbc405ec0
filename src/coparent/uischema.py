"""UI schemas for react-jsonschema-form, generated from the same field metadata as the JSON Schema.

A JSON Schema says what data is valid; a UI schema says how a form shows it. Both come from the
attrs classes, so a form follows the model: fields appear in the order they are declared
(which follows the plan's sections), free text marked ``long_text`` gets a text area, dates and
clock times get date and time pickers, descriptions become help text and the first example
becomes the placeholder. Ids (of the document and of list items) and the ``kind`` and
``schema_version`` envelope are hidden: software fills them in, people never type them (see
``docs/front-end-guide.md`` for how a page fills missing ids).
"""

from __future__ import annotations

import types
import typing
import uuid
from datetime import date, datetime, time
from typing import Any

import attrs

from .convert import DOCUMENT_TYPES, TAG, unstructure
from .model._base import Choice, FieldInfo, field_info

__all__ = ["HIDDEN", "NOT_GIVEN", "ui_schema"]

#: The UI schema of a field that a form keeps but never shows.
HIDDEN: dict[str, Any] = {"ui:widget": "hidden"}

#: The UI schema of the "null" option of an optional object or choice (RJSF names the option).
NOT_GIVEN: dict[str, Any] = {"ui:title": "Not given"}

_WIDGETS: dict[Any, dict[str, Any]] = {
    date: {"ui:widget": "date"},
    time: {"ui:widget": "time"},
    # Set by software when a document is saved; RJSF's date-time widget writes UTC with
    # milliseconds and a "Z", which is not the canonical form coparent stores.
    datetime: HIDDEN,
    uuid.UUID: HIDDEN,
}


def ui_schema(cls: type[Any]) -> dict[str, Any]:
    """The react-jsonschema-form UI schema of a top-level document class (a fresh dict each call).

    It mirrors :func:`coparent.json_schema` for the same class: nested objects, list ``items``
    and the ``anyOf``/``oneOf`` options of optional and tagged values line up with the schema's.
    """
    if getattr(cls, "KIND", None) not in DOCUMENT_TYPES:
        kinds = ", ".join(c.__name__ for c in DOCUMENT_TYPES.values())
        raise TypeError(f"ui_schema takes a document class ({kinds}); got {cls!r}")
    body = _class_ui(cls)
    return {
        "ui:order": ["kind", "schema_version", *body.pop("ui:order")],
        "kind": dict(HIDDEN),
        "schema_version": dict(HIDDEN),
        **body,
    }


def _class_ui(cls: type[Any]) -> dict[str, Any]:
    attrs.resolve_types(cls)
    ui: dict[str, Any] = {}
    order: list[str] = []
    if getattr(cls, "TAG", None) is not None:
        order.append(TAG)
        ui[TAG] = dict(HIDDEN)
    for a in attrs.fields(cls):
        order.append(a.name)
        node = _field_ui(a.type, field_info(a))
        if node:
            ui[a.name] = node
    return {"ui:order": order, **ui}


def _field_ui(tp: Any, info: FieldInfo) -> dict[str, Any]:
    if info.format == "item-id":
        return dict(HIDDEN)
    ui = _type_ui(tp)
    if ui.get("ui:widget") == "hidden":
        return ui
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


def _type_ui(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        members = [m for m in args if m is not type(None)]
        nullable = len(members) < len(args)
        if len(members) > 1:
            inner = {"oneOf": [_type_ui(m) for m in members]}
        else:
            inner = _type_ui(members[0])
        # The schema writes an optional scalar as "type": [..., "null"] and anything that is a
        # $ref or a oneOf as "anyOf": [that, null]; the UI schema follows the same shape.
        if nullable and (len(members) > 1 or _is_ref(members[0])):
            return {"anyOf": [inner, dict(NOT_GIVEN)]}
        return inner
    if origin is tuple:
        item = _type_ui(typing.get_args(tp)[0])
        return {"items": item} if item else {}
    if tp in _WIDGETS:
        return dict(_WIDGETS[tp])
    if attrs.has(tp):
        return _class_ui(tp)
    return {}


def _is_ref(tp: Any) -> bool:
    return attrs.has(tp) or (isinstance(tp, type) and issubclass(tp, Choice))
