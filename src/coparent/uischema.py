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

import re
from typing import Any

from .convert import DOCUMENT_TYPES, unstructure
from .model.introspect import TAG, FieldSpec, Kind, all_classes, spec_of
from .schema import NOT_GIVEN_TITLE, document_spec, noun_title

__all__ = [
    "HIDDEN",
    "NOT_GIVEN",
    "OPTIONAL_CHOICE_FIELD",
    "REFERENCE_WIDGET",
    "jsonforms_ui_schema",
    "ui_schema",
]

#: The widget that picks an item of the same document by its name (registered by the page).
REFERENCE_WIDGET = "reference"

#: The field that shows an optional choice as one dropdown (registered by the page).
OPTIONAL_CHOICE_FIELD = "optionalChoice"

#: The UI schema of a field that a form keeps but never shows.
HIDDEN: dict[str, Any] = {"ui:widget": "hidden"}

#: The UI schema of the "null" option of an optional object or choice (RJSF names the option).
NOT_GIVEN: dict[str, Any] = {"ui:title": NOT_GIVEN_TITLE}

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
    elif f.kind is Kind.VALUES and f.value_kind is Kind.CHOICE:
        # A list of choices, each at most once: a box to tick per choice, not a multi-select.
        inner = {"ui:widget": "checkboxes"}
    elif f.kind is Kind.VALUES:
        item = dict(_WIDGETS.get(f.value_kind or Kind.TEXT, {}))
        inner = {"items": item} if item else {}
    elif f.kind is Kind.SECTION:
        inner = _class_ui(f.cls)
    elif f.kind is Kind.UNION:
        inner = {"oneOf": [_class_ui(c) for c in f.variants.values()]}
    elif f.kind is Kind.REFERENCE and f.info.refers_to is not None:
        inner = _reference_ui(f.info.refers_to)
    else:
        inner = dict(_WIDGETS.get(f.kind, {}))
    # The schema writes an optional scalar as "type": [..., "null"] and anything that is a
    # $ref or a oneOf as "anyOf": [that, null]; the UI schema follows the same shape.
    if f.optional and f.kind is Kind.CHOICE:
        # One dropdown with "Not given" first, not RJSF's two (option picker, then the choice).
        return {
            "ui:field": OPTIONAL_CHOICE_FIELD,
            "ui:fieldReplacesAnyOrOneOf": True,
            "anyOf": [inner, dict(NOT_GIVEN)],
        }
    if f.optional and f.kind in _REFERENCED:
        return {"anyOf": [inner, dict(NOT_GIVEN)]}
    return inner


def _reference_ui(target: str) -> dict[str, Any]:
    """A picker of the document's items of class ``target`` (a handover, a child), not an id box.

    ``reference`` is a widget the page registers (docs/web-form); it lists every item whose
    schema is ``#/$defs/<refersTo>``, labelled by ``label`` (the class's item name template).
    """
    # A reference may point at items of several classes ("Person,Child"): the picker lists
    # the first class's items, named by its template, and accepts any id.
    first = target.split(",")[0]
    spec = next(s for s in all_classes(*DOCUMENT_TYPES.values()) if s.name == first)
    options: dict[str, Any] = {"refersTo": first}
    if spec.name_template is not None:
        options["label"] = spec.name_template
    return {"ui:widget": REFERENCE_WIDGET, "ui:options": options}


# --- JSON Forms -------------------------------------------------------------------------------

#: Kinds a JSON Forms layout leaves out: software fills them in (see the RJSF ``HIDDEN`` kinds).
_JSONFORMS_HIDDEN = frozenset({Kind.ID, Kind.UUID, Kind.DATETIME})


def jsonforms_ui_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Forms UI schema of a top-level document class (a fresh dict each call).

    A ``Categorization``: one category per section, list or choice of the document (a form
    shows them as steps or tabs) after one for the document's own fields. Every control is
    labelled with its property's title, not the referenced definition's; lists of items get
    a detail layout; ids, UUIDs, time stamps and the envelope are left out (software fills them
    in). Scopes are JSON pointers into :func:`coparent.json_schema` of the same class.
    """
    spec = document_spec(cls, "jsonforms_ui_schema")
    own: list[dict[str, Any]] = []
    categories: list[dict[str, Any]] = []
    for f in spec.fields:
        if f.kind in _JSONFORMS_HIDDEN:
            continue
        element = _jsonforms_element(f, "#")
        if f.kind in (Kind.SECTION, Kind.ITEMS, Kind.UNION):
            categories.append({"type": "Category", "label": f.title, "elements": [element]})
        else:
            own.append(element)
    if own:
        categories.insert(0, {"type": "Category", "label": noun_title(spec.name), "elements": own})
    return {"type": "Categorization", "elements": categories}


def _jsonforms_layout(cls: type[Any], scope: str) -> dict[str, Any]:
    elements = [
        _jsonforms_element(f, scope) for f in spec_of(cls).fields if f.kind not in _JSONFORMS_HIDDEN
    ]
    return {"type": "VerticalLayout", "elements": elements}


def _jsonforms_element(f: FieldSpec, scope: str) -> dict[str, Any]:
    here = f"{scope}/properties/{f.name}"
    if f.kind is Kind.SECTION:
        # A Group, optional or not: JSON Forms resolves a scope through an optional section's
        # anyOf, and its own anyOf renderer would show an unlabelled control for the section and
        # ids among the generated fields.
        group = _jsonforms_layout(f.cls, here)
        return {"type": "Group", "label": f.title, "elements": group["elements"]}
    if f.kind is Kind.CHOICE and f.optional:
        # The choice itself (a dropdown that can be cleared), not anyOf tabs of "the choice" and
        # "Not given" under the definition's title. The slash after "anyOf/0" is how JSON Forms
        # leaves the option out of the data path (its toDataPath strips "anyOf/<n>/").
        here += "/anyOf/0/"
    control: dict[str, Any] = {"type": "Control", "scope": here, "label": f.title}
    options: dict[str, Any] = {}
    if f.info.long_text:
        options["multi"] = True
    if f.kind is Kind.ITEMS:
        # A detail layout's scopes are relative to one item.
        options["detail"] = _jsonforms_layout(f.cls, "#")
        options["elementLabelProp"] = _label_field(f.cls)
        if f.info.ordered:
            options["showSortButtons"] = True
    elif f.kind is Kind.TIME:
        options.update(_JSONFORMS_TIME)
    elif f.kind is Kind.DATE:
        options.update(_JSONFORMS_DATE)
    if options:
        control["options"] = options
    if f.kind is Kind.UNION:
        # JSON Forms' oneOf renderer shows tabs named by the options' titles and no label of its
        # own: a Group names the choice.
        return {"type": "Group", "label": f.title, "elements": [control]}
    return control


#: Clock times as people in the UK write them, stored as coparent's HH:MM:SS.
_JSONFORMS_TIME = {
    "format": "time",
    "ampm": False,
    "timeFormat": "HH:mm",
    "timeSaveFormat": "HH:mm:ss",
}
#: Dates as people in the UK write them (day first), stored as ISO 8601.
_JSONFORMS_DATE = {"dateFormat": "DD/MM/YYYY", "dateSaveFormat": "YYYY-MM-DD"}


def _label_field(cls: type[Any]) -> str:
    """The field that names an item in a list (JSON Forms' ``elementLabelProp``): the first text
    or choice in the class's name template, else its first text, choice, date or number; an id
    only when the item has nothing else (JSON Forms would name items by their ids)."""
    spec = spec_of(cls)
    by_name = {f.name: f for f in spec.fields}
    named = [by_name[n] for n in re.findall(r"\{(\w+)\}", spec.name_template or "") if n in by_name]
    for kinds in ((Kind.TEXT,), (Kind.CHOICE, Kind.DATE)):
        for f in named:
            if f.kind in kinds:
                return f.name
    for kinds in ((Kind.TEXT, Kind.CHOICE), (Kind.DATE, Kind.NUMBER)):
        for f in spec.fields:
            if f.kind in kinds:
                return f.name
    return next(f.name for f in spec.fields if f.kind not in _JSONFORMS_HIDDEN)
