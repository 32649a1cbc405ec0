"""Private helpers for diff and merge: how each field of a document is compared and named.

Both work on the JSON form of a document (:func:`coparent.to_dict`) walked together with its
attrs classes, which say for every field what kind of value it holds:

==========  ==================================================================================
kind        compared as
==========  ==================================================================================
SCALAR      one value (text, number, yes/no, date, time, a choice, or null)
OBJECT      a nested section: field by field
VARIANT     an optional object (``Address | None``) or a tagged union (a referral's service):
            field by field when both sides hold the same kind of object, else as one value
ID_LIST     a list of items with an ``id``: matched by id, so moving an item changes nothing
SET_LIST    a list of plain values whose order means nothing: compared as a (multi)set
SEQ_LIST    a list of plain values whose order means something: compared as a sequence
==========  ==================================================================================

Which plain lists are ordered is decided from the model, in :data:`ORDERED_LISTS`.
"""

from __future__ import annotations

import enum
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import time
from typing import Any, TypeVar, cast

import attrs

from .convert import TAG, unstructure
from .errors import json_pointer
from .model import Weekday
from .model._base import Choice, field_default, field_info

__all__ = [
    "ORDERED_LISTS",
    "FieldKind",
    "FieldSpec",
    "PathNotFound",
    "body_of",
    "choice_of",
    "fields_of",
    "from_keyed",
    "item_name",
    "join_label",
    "keyed_value",
    "keys_of",
    "locate",
    "object_keys_at",
    "same_list",
    "section_key",
    "show",
    "to_keyed",
    "unkeyed_value",
    "variant_class",
]

#: Lists of plain values whose order carries meaning, as (class name, field name). Every
#: other list of plain values (contact methods, joint decisions, days, dates) is a set.
#: ``dispute_steps`` is "in the order we will try them"; a person's ``languages`` are
#: "most comfortable first".
ORDERED_LISTS: frozenset[tuple[str, str]] = frozenset(
    {("Communication", "dispute_steps"), ("Person", "languages")}
)

#: The section key of a document's own top-level values (its title, status, dates, notes).
DETAILS = ""


class FieldKind(enum.Enum):
    """How a field is compared (see the module docstring)."""

    SCALAR = "scalar"
    OBJECT = "object"
    VARIANT = "variant"
    ID_LIST = "id_list"
    SET_LIST = "set_list"
    SEQ_LIST = "seq_list"


@attrs.frozen(kw_only=True)
class FieldSpec:
    """What diff and merge need to know about one attrs field."""

    name: str
    title: str
    kind: FieldKind
    #: OBJECT: its class; ID_LIST: the item class.
    cls: Any = None
    #: VARIANT: the classes it may hold, by tag ("" when there is only one).
    variants: dict[str, Any] = attrs.field(factory=dict)
    #: SCALAR: the value type; SET_LIST/SEQ_LIST: the item type (both without ``None``).
    value_type: Any = None
    #: The JSON of the field's default, or ``attrs.NOTHING`` for a required field.
    default_json: Any = attrs.NOTHING


def _strip_none(tp: Any) -> tuple[list[Any], bool]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        members = [m for m in args if m is not type(None)]
        return members, len(members) < len(args)
    return [tp], False


def _spec(cls: type[Any], a: attrs.Attribute[Any]) -> FieldSpec:
    title = field_info(a).title
    default = attrs.NOTHING if a.default is attrs.NOTHING else unstructure(field_default(a))
    members, _optional = _strip_none(a.type)
    tp = members[0]
    common = {"name": a.name, "title": title, "default_json": default}
    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        if attrs.has(item) and "id" in attrs.fields_dict(item):
            return FieldSpec(kind=FieldKind.ID_LIST, cls=item, **common)
        ordered = (cls.__name__, a.name) in ORDERED_LISTS
        kind = FieldKind.SEQ_LIST if ordered else FieldKind.SET_LIST
        return FieldSpec(kind=kind, value_type=item, **common)
    if all(attrs.has(m) for m in members):
        if len(members) == 1 and a.type is tp:
            return FieldSpec(kind=FieldKind.OBJECT, cls=tp, **common)
        variants = {"": members[0]} if len(members) == 1 else {m.TAG: m for m in members}
        return FieldSpec(kind=FieldKind.VARIANT, variants=variants, **common)
    return FieldSpec(kind=FieldKind.SCALAR, value_type=tp, **common)


_FIELDS: dict[type[Any], dict[str, FieldSpec]] = {}


def fields_of(cls: type[Any]) -> dict[str, FieldSpec]:
    """The fields of an attrs class, in order, with how each is compared (cached per class)."""
    found = _FIELDS.get(cls)
    if found is None:
        attrs.resolve_types(cls)
        found = _FIELDS[cls] = {a.name: _spec(cls, a) for a in attrs.fields(cls)}
    return found


C = TypeVar("C", bound=Choice)


def choice_of(cls: type[C], value: Any) -> C:
    """The member of a choice enum with this JSON value; ``ValueError`` if there is none."""
    member = cls._value2member_map_.get(value)
    if member is None:
        raise ValueError(f"{value!r} is not one of {', '.join(cls._value2member_map_)}")
    return cast(C, member)


def variant_class(spec: FieldSpec, value: Any) -> Any:
    """The class a VARIANT field's JSON value holds (``None`` for null)."""
    if value is None:
        return None
    if "" in spec.variants:
        return spec.variants[""]
    return spec.variants.get(value.get(TAG))


def body_of(data: dict[str, Any]) -> dict[str, Any]:
    """A top-level document's JSON without its ``kind`` and ``schema_version`` envelope."""
    return {k: v for k, v in data.items() if k not in ("kind", "schema_version")}


def section_key(doc_cls: type[Any], field: str) -> str:
    """The section a top-level field belongs to: itself if structured, else the details."""
    kind = fields_of(doc_cls)[field].kind
    if kind in (FieldKind.OBJECT, FieldKind.VARIANT, FieldKind.ID_LIST):
        return field
    return DETAILS


def same_list(spec: FieldSpec, a: list[Any], b: list[Any]) -> bool:
    """Whether two plain lists say the same thing (as sets or as sequences, per the field)."""
    if spec.kind is FieldKind.SET_LIST:
        return Counter(_hashable(x) for x in a) == Counter(_hashable(x) for x in b)
    return a == b


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int, bool, type(None))) else repr(value)


# --- display text ----------------------------------------------------------------------------

NOT_GIVEN = "(not given)"
EMPTY = "(empty)"
NONE_LISTED = "(none)"
ABSENT = "(not in this version)"


def _hm(value: str) -> str:
    t = time.fromisoformat(value)
    return t.strftime("%H:%M") if t.second == 0 else t.strftime("%H:%M:%S")


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def show_scalar(tp: Any, value: Any) -> str:
    """Display text for one plain value of type ``tp`` given in its JSON form."""
    if value is None:
        return NOT_GIVEN
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(tp, type) and issubclass(tp, Choice):
        member = tp._value2member_map_.get(value)
        return member.label if isinstance(member, Choice) else str(value)
    if tp is time and isinstance(value, str):
        return _hm(value)
    if value == "":
        return EMPTY
    return str(value)


def show(spec: FieldSpec, value: Any) -> str:
    """Display text for a field's JSON value: labels for choices, Yes/No, short summaries."""
    if spec.kind is FieldKind.SCALAR:
        return show_scalar(spec.value_type, value)
    if spec.kind in (FieldKind.SET_LIST, FieldKind.SEQ_LIST):
        if not value:
            return NONE_LISTED
        return ", ".join(show_scalar(spec.value_type, v) for v in value)
    if spec.kind is FieldKind.ID_LIST:
        if not value:
            return NONE_LISTED
        return "; ".join(item_name(spec.cls, v) for v in value)
    if spec.kind is FieldKind.VARIANT:
        cls = variant_class(spec, value)
        return NOT_GIVEN if cls is None else show_object(cls, value)
    return show_object(spec.cls, value)


def show_object(cls: type[Any], value: Any, limit: int = 200) -> str:
    """A one-line summary of an object: 'Title: value' for each field that is filled in."""
    if value is None:
        return ABSENT
    parts = []
    for spec in fields_of(cls).values():
        v = value.get(spec.name)
        if spec.name == "id" or v == spec.default_json or v in ("", None, [], {}):
            continue
        parts.append(f"{spec.title}: {show(spec, v)}")
    return _shorten("; ".join(parts), limit) if parts else EMPTY


def _slot_name(item: dict[str, Any]) -> str:
    start = choice_of(Weekday, item["start_day"]).label
    end = choice_of(Weekday, item["end_day"]).label
    until = _hm(item["end_time"]) if start == end else f"{end} {_hm(item['end_time'])}"
    return f"{start} {_hm(item['start_time'])}-{until}"


def _one_off_name(item: dict[str, Any]) -> str:
    return (
        f"{item['start_date']} {_hm(item['start_time'])}-{item['end_date']} {_hm(item['end_time'])}"
    )


def _kind_name(field: str, choice: type[Choice]) -> Callable[[dict[str, Any]], str]:
    def name(item: dict[str, Any]) -> str:
        member = choice._value2member_map_.get(item.get(field))
        label = member.label if isinstance(member, Choice) else ""
        details = item.get("place_details") or item.get("details") or ""
        return f"{label}: {details}" if label and details else label

    return name


def _named_by(*fields: str) -> Callable[[dict[str, Any]], str]:
    def name(item: dict[str, Any]) -> str:
        for f in fields:
            value = item.get(f)
            if isinstance(value, str) and value.strip():
                return value
        return ""

    return name


def _item_namers() -> dict[str, Callable[[dict[str, Any]], str]]:
    from .model import (
        HandoverPlace,
        ProtectiveOrderKind,
        SafetyConditionKind,
    )

    return {
        "WeeklySlot": _slot_name,
        "OneOffArrangement": _one_off_name,
        "Handover": _kind_name("place", HandoverPlace),
        "SafetyCondition": _kind_name("kind", SafetyConditionKind),
        "ProtectiveOrder": _kind_name("kind", ProtectiveOrderKind),
        "SessionRecord": _named_by("on"),
    }


_NAMERS = _item_namers()
_DEFAULT_NAMER = _named_by("name", "item", "description")


def item_name(cls: type[Any], item: dict[str, Any]) -> str:
    """A short readable name for a list item (a slot's days and times, a holiday's name)."""
    try:
        name = _NAMERS.get(cls.__name__, _DEFAULT_NAMER)(item)
    except (KeyError, ValueError, TypeError):
        name = ""
    return _shorten(name, 60) if name else f"item {item.get('id', '?')}"


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
    for spec in fields_of(cls).values():
        if spec.name in data:
            out[spec.name] = keyed_value(spec, data[spec.name])
    return out


def keyed_value(spec: FieldSpec, value: Any) -> Any:
    """A field's JSON value with its lists of id'd items turned into dicts by id."""
    if spec.kind is FieldKind.OBJECT:
        return to_keyed(spec.cls, value)
    if spec.kind is FieldKind.VARIANT:
        cls = variant_class(spec, value)
        return value if cls is None else to_keyed(cls, value)
    if spec.kind is FieldKind.ID_LIST:
        return {item["id"]: to_keyed(spec.cls, item) for item in value}
    return value


def from_keyed(cls: type[Any], data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`to_keyed`: dicts by id back to lists, in their order."""
    out = dict(data)
    for spec in fields_of(cls).values():
        if spec.name in data:
            out[spec.name] = unkeyed_value(spec, data[spec.name])
    return out


def unkeyed_value(spec: FieldSpec, value: Any) -> Any:
    """The inverse of :func:`keyed_value`."""
    if spec.kind is FieldKind.OBJECT:
        return from_keyed(spec.cls, value)
    if spec.kind is FieldKind.VARIANT:
        cls = variant_class(spec, value)
        return value if cls is None else from_keyed(cls, value)
    if spec.kind is FieldKind.ID_LIST:
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
            spec = fields_of(cur_cls)[name]
            if i == len(keys) - 1:
                return cur, name, spec, False
            value = cur[name]
            if spec.kind is FieldKind.ID_LIST:
                if i + 1 == len(keys) - 1:
                    return value, keys[i + 1], spec, True
                cur, cur_cls, i = value[keys[i + 1]], spec.cls, i + 2
            elif spec.kind is FieldKind.OBJECT:
                cur, cur_cls, i = value, spec.cls, i + 1
            elif spec.kind is FieldKind.VARIANT and value is not None:
                cur, cur_cls, i = value, variant_class(spec, value), i + 1
            else:
                raise PathNotFound(pointer(keys))
    except (KeyError, IndexError, TypeError):
        raise PathNotFound(pointer(keys)) from None


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
        spec = fields_of(cur_cls).get(str(tokens[i]))
        if spec is None or not isinstance(cur, dict) or spec.name not in cur:
            break
        out.append(spec.name)
        value = cur[spec.name]
        if spec.kind is FieldKind.ID_LIST and i + 1 < len(tokens):
            try:
                item = value[int(tokens[i + 1])]
            except (ValueError, IndexError, TypeError):
                break
            out.append(item["id"])
            cur, cur_cls, i = item, spec.cls, i + 2
        elif spec.kind is FieldKind.OBJECT:
            cur, cur_cls, i = value, spec.cls, i + 1
        elif spec.kind is FieldKind.VARIANT and value is not None:
            cur, cur_cls, i = value, variant_class(spec, value), i + 1
        else:
            break
        innermost = tuple(out)
    return innermost
