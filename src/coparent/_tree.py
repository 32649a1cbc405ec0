"""Private helpers for diff and merge: documents as trees, walked with the model's field specs.

Both work on the JSON form of a document (:func:`coparent.to_dict`) walked together with its
spec tree (:func:`coparent.model.introspect.spec_of`), which says for every field what kind of
value it holds and so how it is compared:

=================  ===========================================================================
kind               compared as
=================  ===========================================================================
a scalar kind      one value (text, number, yes/no, date, time, a choice, or null)
SECTION, UNION     field by field when both sides hold the same class of object (a tagged
                   union's variant, or an optional section that is present), else as one value
ITEMS              a list of items with an id: matched by id, so moving an item changes nothing
VALUES             a list of plain values: a (multi)set, or a sequence when the field is
                   marked ``ordered``
=================  ===========================================================================

Display texts come from the one value formatter, :mod:`coparent.formatting`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeVar, cast

import attrs

from .errors import json_pointer
from .formatting import EMPTY, NONE_LISTED, NOT_GIVEN, format_field, item_name, summary
from .i18n import N_, _
from .model._base import Choice
from .model.introspect import ClassSpec, FieldSpec, Kind, spec_of

__all__ = [
    "ABSENT",
    "DETAILS",
    "EMPTY",
    "NONE_LISTED",
    "NOT_GIVEN",
    "FieldSpec",
    "Kind",
    "PathNotFound",
    "body_of",
    "choice_of",
    "class_spec",
    "default_json",
    "field",
    "fields",
    "from_keyed",
    "id_of",
    "is_item_list",
    "is_object",
    "is_set_list",
    "item_name",
    "join_label",
    "keyed_value",
    "keys_of",
    "locate",
    "object_class",
    "object_keys_at",
    "same_list",
    "section_key",
    "show",
    "show_object",
    "to_keyed",
    "unkeyed_value",
]

#: The section key of a document's own top-level values (its title, status, dates, notes).
DETAILS = ""
#: The text for an item that is not in one version.
ABSENT = "(not in this version)"

#: The names a diff or merge gives its versions when the caller names none. They are
#: coparent's words, so the outputs translate them; a name the caller gave stays as it is.
FIRST_VERSION = N_("First version")
SECOND_VERSION = N_("Second version")
OURS = N_("Ours")
THEIRS = N_("Theirs")
LAST_AGREED = N_("Last agreed version")
DEFAULT_LABELS = frozenset({FIRST_VERSION, SECOND_VERSION, OURS, THEIRS, LAST_AGREED})


def version_label(label: str) -> str:
    """A version's name in the active locale when it is one of :data:`DEFAULT_LABELS`
    (``"Ours"`` -> ``"Ein fersiwn ni"``); a name the caller gave, unchanged."""
    return _(label) if label in DEFAULT_LABELS else label


#: The envelope every top-level document's JSON carries (see :func:`coparent.to_dict`).
_ENVELOPE = ("kind", "schema_version")


def class_spec(cls: Any) -> ClassSpec:
    """:func:`~coparent.model.introspect.spec_of`, typed for any class (mypy sees the cache's
    argument as ``Hashable``, which ``type[Any]`` is not)."""
    return spec_of(cls)


def fields(cls: type[Any]) -> tuple[FieldSpec, ...]:
    """The field specs of a model class, in declaration order."""
    return class_spec(cls).fields


def field(cls: type[Any], name: str) -> FieldSpec:
    """One field's spec by name; ``KeyError`` if the class has no such field."""
    return class_spec(cls).by_name[name]


def is_object(spec: FieldSpec) -> bool:
    """Whether the field holds one object (a section, an optional section or a union)."""
    return spec.kind in (Kind.SECTION, Kind.UNION)


def is_item_list(spec: FieldSpec) -> bool:
    """Whether the field is a list of items matched by their id."""
    return spec.kind is Kind.ITEMS


def is_set_list(spec: FieldSpec) -> bool:
    """Whether the field is a list of plain values whose order means nothing."""
    return spec.kind is Kind.VALUES and not spec.ordered


def object_class(spec: FieldSpec, value: Any) -> Any:
    """The class a SECTION or UNION field's JSON value holds (``None`` for null)."""
    return spec.variant_of(value)


def _id_name(cls: type[Any]) -> str:
    id_field = class_spec(cls).id_field
    if id_field is None:
        raise TypeError(f"{cls.__name__} has no id field, so its items cannot be matched")
    return id_field.name


def id_of(cls: type[Any], item: dict[str, Any]) -> str:
    """The stable id of a list item given in its JSON form."""
    return cast(str, item[_id_name(cls)])


def default_json(spec: FieldSpec) -> Any:
    """The JSON of the field's default, or ``attrs.NOTHING`` for a required field."""
    from .convert import unstructure  # not at import: redaction, so every output, imports this

    default = spec.default_value()
    return default if default is attrs.NOTHING else unstructure(default)


C = TypeVar("C", bound=Choice)


def choice_of(cls: type[C], value: Any) -> C:
    """The member of a choice enum with this JSON value; ``ValueError`` if there is none."""
    member = cls._value2member_map_.get(value)
    if member is None:
        raise ValueError(f"{value!r} is not one of {', '.join(cls._value2member_map_)}")
    return cast(C, member)


def body_of(data: dict[str, Any]) -> dict[str, Any]:
    """A top-level document's JSON without its ``kind`` and ``schema_version`` envelope."""
    return {k: v for k, v in data.items() if k not in _ENVELOPE}


def section_key(doc_cls: type[Any], name: str) -> str:
    """The section a top-level field belongs to: itself if structured, else the details."""
    spec = field(doc_cls, name)
    return name if is_object(spec) or is_item_list(spec) else DETAILS


def same_list(spec: FieldSpec, a: list[Any], b: list[Any]) -> bool:
    """Whether two plain lists say the same thing (as sets or as sequences, per the field)."""
    if is_set_list(spec):
        return Counter(_hashable(x) for x in a) == Counter(_hashable(x) for x in b)
    return a == b


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int, bool, type(None))) else repr(value)


# --- display text (from the one formatter) ----------------------------------------------------


def show(spec: FieldSpec, value: Any) -> str:
    """Display text for a field's JSON value, as the formatter writes it everywhere."""
    return format_field(spec, value)


def show_object(cls: type[Any], value: Any, limit: int = 200) -> str:
    """A one-line summary of an object's JSON, or :data:`ABSENT` for an item not there."""
    return ABSENT if value is None else summary(cls, value, limit)


def join_label(parts: Iterable[str]) -> str:
    """'Living arrangements > Weekly schedule > ...' from the titles along a path."""
    return " > ".join(parts)


def pointer(tokens: Iterable[str | int]) -> str:
    """The JSON pointer of a path of tokens."""
    return json_pointer(*tokens)


# --- documents as trees keyed by item id ----------------------------------------------------


def to_keyed(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    """A copy of an object's JSON in which every list of id'd items is a dict by id (in order)."""
    out = dict(data)
    for spec in fields(cls):
        if spec.name in data:
            out[spec.name] = keyed_value(spec, data[spec.name])
    return out


def keyed_value(spec: FieldSpec, value: Any) -> Any:
    """A field's JSON value with its lists of id'd items turned into dicts by id."""
    if is_object(spec):
        cls = object_class(spec, value)
        return value if cls is None else to_keyed(cls, value)
    if is_item_list(spec):
        return {id_of(spec.cls, item): to_keyed(spec.cls, item) for item in value}
    return value


def from_keyed(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`to_keyed`: dicts by id back to lists, in their order."""
    out = dict(data)
    for spec in fields(cls):
        if spec.name in data:
            out[spec.name] = unkeyed_value(spec, data[spec.name])
    return out


def unkeyed_value(spec: FieldSpec, value: Any) -> Any:
    """The inverse of :func:`keyed_value`."""
    if is_object(spec):
        cls = object_class(spec, value)
        return value if cls is None else from_keyed(cls, value)
    if is_item_list(spec):
        return [from_keyed(spec.cls, item) for item in value.values()]
    return value


class PathNotFound(LookupError):
    """A path of keys does not lead anywhere in a document."""


def locate(
    cls: type[Any], tree: dict[str, Any], keys: tuple[str, ...]
) -> tuple[dict[str, Any], str, FieldSpec, bool]:
    """Find ``keys`` in a keyed tree: (container, key in it, the field's spec, is a list item).

    For a list item the container is the dict of items by id and the spec is the list's.
    Raises :class:`PathNotFound` when the path does not fit the document.
    """
    cur_cls, cur, i = cls, tree, 0
    try:
        while True:
            name = keys[i]
            spec = field(cur_cls, name)
            if i == len(keys) - 1:
                return cur, name, spec, False
            value = cur[name]
            if is_item_list(spec):
                if i + 1 == len(keys) - 1:
                    return value, keys[i + 1], spec, True
                cur, cur_cls, i = value[keys[i + 1]], spec.cls, i + 2
            elif is_object(spec) and value is not None:
                cur, cur_cls, i = value, object_class(spec, value), i + 1
            else:
                raise PathNotFound(pointer(keys))
    except (KeyError, IndexError, TypeError, AttributeError):
        raise PathNotFound(pointer(keys)) from None


def field_at(cls: type[Any], keys: tuple[str, ...]) -> tuple[FieldSpec, bool] | None:
    """The field ``keys`` (field names and item ids) lead to in a ``cls`` document, and whether
    they name one whole item of its list; ``None`` where the spec tree cannot tell (a name it
    does not know, or a path into a tagged union, whose variant the keys do not say)."""
    current: Any = cls
    found: tuple[FieldSpec, bool] | None = None
    index = 0
    while index < len(keys):
        if current is None:
            return None
        spec = class_spec(current).by_name.get(keys[index])
        if spec is None:
            return None
        index += 1
        whole_item = False
        if spec.kind is Kind.ITEMS and index < len(keys):
            index += 1  # the item's id
            current, whole_item = spec.cls, True
        else:
            current = spec.cls if spec.kind is Kind.SECTION else None
        found = (spec, whole_item)
    return found


def keys_of(pointer_text: str) -> tuple[str, ...]:
    """The keys of a JSON pointer (``/a/b~1c`` -> ``("a", "b/c")``)."""
    if not pointer_text:
        return ()
    return tuple(
        t.replace("~1", "/").replace("~0", "~") for t in pointer_text.removeprefix("/").split("/")
    )


def object_keys_at(
    cls: type[Any], data: dict[str, Any], tokens: tuple[str | int, ...]
) -> tuple[str, ...]:
    """The id-keyed path of the innermost object that holds an index-based path in ``data``."""
    cur_cls, cur = cls, data
    out: list[str] = []
    innermost: tuple[str, ...] = ()
    i = 0
    while i < len(tokens) and cur_cls is not None:
        spec = class_spec(cur_cls).by_name.get(str(tokens[i]))
        if spec is None or not isinstance(cur, dict) or spec.name not in cur:
            break
        out.append(spec.name)
        value = cur[spec.name]
        if is_item_list(spec) and i + 1 < len(tokens):
            try:
                item = value[int(tokens[i + 1])]
            except (ValueError, IndexError, TypeError):
                break
            out.append(id_of(spec.cls, item))
            cur, cur_cls, i = item, spec.cls, i + 2
        elif is_object(spec) and value is not None:
            cur, cur_cls, i = value, object_class(spec, value), i + 1
        else:
            break
        innermost = tuple(out)
    return innermost
