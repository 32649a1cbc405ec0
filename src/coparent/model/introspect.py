"""The model describes itself: one tree of field specs that every other module reads.

:func:`spec_of` turns a document class (or any section or item class) into a
:class:`ClassSpec`, whose :class:`FieldSpec` entries say everything a consumer needs about a
field: its :class:`Kind` (text, choice, date, a section, a list of items, a tagged union...), its
title and description, its unit, whether a list is ordered, whether it names its item, and who
may see it. The converter, the JSON Schemas and UI schemas, the value formatter, HTML, text and
PDF, diff, merge, redaction, the model reference and the Hypothesis strategies all read this
tree; none of them reads ``attrs.fields`` or names a model field as a string. Adding a field to
the model is one line: every output follows.

The tree is built once per class and cached; it holds the attrs classes themselves, so a
consumer builds objects with ``spec.cls(**values)``.
"""

from __future__ import annotations

import enum
import functools
import inspect
import types
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time
from typing import Any, TypeVar, cast

import attrs

from ._base import METADATA_KEY, Choice, FieldInfo, Visibility

__all__ = [
    "ClassSpec",
    "FieldSpec",
    "Kind",
    "all_classes",
    "choice_classes",
    "docstring_summary",
    "is_model_class",
    "path_of",
    "spec_of",
]


class Kind(enum.Enum):
    """What kind of value a field holds. Scalars first, then the structured kinds."""

    TEXT = "text"
    BOOL = "bool"
    NUMBER = "number"
    CHOICE = "choice"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    UUID = "uuid"
    #: The stable id of a list item (``ITEM_ID_PATTERN``).
    ID = "id"
    #: The id of another item in the same document (``refers_to`` says which list).
    REFERENCE = "reference"
    #: Any JSON value, kept as it is (a saved merge's base, ours and theirs).
    JSON = "json"
    #: A nested object (``optional`` when it may be null).
    SECTION = "section"
    #: One of several object classes, told apart by their ``TAG``.
    UNION = "union"
    #: A list of objects with ids, matched by id in diffs and merges.
    ITEMS = "items"
    #: A list of plain values (``value_kind`` says of what; ``ordered`` whether order counts).
    VALUES = "values"

    @property
    def is_scalar(self) -> bool:
        """True for kinds that hold one plain JSON value (text, number, yes/no, a date...)."""
        return self not in _STRUCTURED


_STRUCTURED = frozenset({Kind.SECTION, Kind.UNION, Kind.ITEMS, Kind.VALUES})

_SCALAR_KINDS: dict[Any, Kind] = {
    str: Kind.TEXT,
    bool: Kind.BOOL,
    int: Kind.NUMBER,
    date: Kind.DATE,
    time: Kind.TIME,
    datetime: Kind.DATETIME,
    uuid.UUID: Kind.UUID,
    Any: Kind.JSON,
}


@attrs.frozen(kw_only=True)
class FieldSpec:
    """Everything a consumer needs to know about one field of a model class."""

    name: str
    kind: Kind
    info: FieldInfo
    #: May the value be null (``None``)?
    optional: bool = False
    #: Must the input give it (no default)?
    required: bool = True
    #: Scalars and VALUES: the Python type of one value (``str``, ``date``, a :class:`Choice`).
    value_type: Any = None
    #: VALUES: the kind of each value.
    value_kind: Kind | None = None
    #: SECTION and ITEMS: the class of the object or item.
    cls: Any = None
    #: UNION: the classes by their tag; SECTION: ``{"": cls}``.
    variants: Mapping[str, Any] = attrs.field(factory=dict)
    #: The default value, or ``attrs.NOTHING`` when the field is required.
    default: Any = attrs.NOTHING
    #: A function that makes the default (a fresh value each time), or None.
    factory: Callable[[], Any] | None = None
    #: The attrs validator, if any (the converter runs it to report rule problems by path).
    validator: Callable[[Any, Any, Any], None] | None = None
    #: The attrs attribute behind the spec, passed to validators (not for reading metadata).
    attribute: Any = None

    @property
    def title(self) -> str:
        """The label people see."""
        return self.info.title

    @property
    def description(self) -> str:
        """A plain-English sentence about the field."""
        return self.info.description

    @property
    def unit(self) -> str | None:
        """What a number counts: ``"pence"`` (money), ``"percent"``, ``"minutes"``."""
        return self.info.unit

    @property
    def ordered(self) -> bool:
        """For lists of plain values: whether their order carries meaning."""
        return self.info.ordered

    @property
    def visibility(self) -> Visibility:
        """Who may see the field (see :class:`Visibility`)."""
        return self.info.visibility

    @property
    def is_choice(self) -> bool:
        """Whether the value (or each value of a list) is a :class:`Choice`."""
        return isinstance(self.value_type, type) and issubclass(self.value_type, Choice)

    def default_value(self) -> Any:
        """A fresh default value (calls the factory), or ``attrs.NOTHING`` if required."""
        return self.factory() if self.factory is not None else self.default

    def classes(self) -> tuple[type[Any], ...]:
        """The model classes this field can hold (its section, its items, its variants)."""
        if self.kind is Kind.ITEMS:
            return (self.cls,)
        return tuple(self.variants.values())

    def variant_of(self, value: Any) -> Any:
        """The class a SECTION or UNION field's JSON value holds (``None`` for null/unknown)."""
        if value is None:
            return None
        if self.kind is Kind.SECTION:
            return self.cls
        if not isinstance(value, dict):
            return None
        tag = value.get(TAG)
        return self.variants.get(tag) if isinstance(tag, str) else None


#: The property that tells the classes of a tagged union apart in JSON.
TAG = "type"


@attrs.frozen(kw_only=True)
class ClassSpec:
    """A model class and its fields, in declaration order."""

    cls: Any
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    #: For a member of a tagged union: its tag.
    tag: str | None = None
    #: For a top-level document: its kind and schema version.
    kind: str | None = None
    schema_version: int | None = None
    #: A template naming an item from its fields (``{field}`` placeholders), or None.
    name_template: str | None = None
    #: Rules between fields that JSON Schema cannot express, as (field, rule in words) pairs:
    #: the class's ``RULES``, written next to the check that enforces them.
    rules: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        """The class's Python name (the ``$defs`` key in the schema)."""
        return str(self.cls.__name__)

    @functools.cached_property
    def by_name(self) -> Mapping[str, FieldSpec]:
        """The fields by name."""
        return {f.name: f for f in self.fields}

    @property
    def has_id(self) -> bool:
        """Whether objects of this class have a stable ``id`` (list items do)."""
        return any(f.kind is Kind.ID for f in self.fields)

    @property
    def id_field(self) -> FieldSpec | None:
        """The field that holds the item's stable id, if any."""
        return next((f for f in self.fields if f.kind is Kind.ID), None)

    @property
    def confidential_flag(self) -> FieldSpec | None:
        """The yes/no field that makes this object's ``CONFIDENTIAL`` fields confidential."""
        return next((f for f in self.fields if f.info.confidential_flag), None)

    @property
    def shareable_flag(self) -> FieldSpec | None:
        """The yes/no field that lets both parents see this object's ``CHILD_WORDS`` fields."""
        return next((f for f in self.fields if f.info.shareable_flag), None)

    def build(self, values: Mapping[str, Any]) -> Any:
        """An object of this class from field values (runs every validator)."""
        return self.cls(**values)


def is_model_class(tp: Any) -> bool:
    """Whether ``tp`` is one of the model's attrs classes."""
    return isinstance(tp, type) and attrs.has(tp)


def _members(tp: Any) -> tuple[list[Any], bool]:
    """A type's members without ``None``, and whether ``None`` was one of them."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        members = [m for m in args if m is not type(None)]
        return members, len(members) < len(args)
    return [tp], False


def _scalar_kind(tp: Any, info: FieldInfo) -> Kind:
    if isinstance(tp, type) and issubclass(tp, Choice):
        return Kind.CHOICE
    if tp is str and info.format == "item-id":
        return Kind.ID
    if tp is str and info.format == "reference":
        return Kind.REFERENCE
    kind = _SCALAR_KINDS.get(tp)
    if kind is None:
        raise TypeError(f"coparent's model has no kind for the type {tp!r}")
    return kind


def _field_spec(a: attrs.Attribute[Any]) -> FieldSpec:
    raw_info = a.metadata.get(METADATA_KEY)
    info = (
        raw_info
        if isinstance(raw_info, FieldInfo)
        else FieldInfo(title=a.name.replace("_", " ").capitalize())
    )
    members, optional = _members(a.type)
    factory = getattr(a.default, "factory", None)
    common: dict[str, Any] = {
        "name": a.name,
        "info": info,
        "optional": optional,
        "required": a.default is attrs.NOTHING,
        "default": attrs.NOTHING if factory is not None else a.default,
        "factory": factory,
        "validator": a.validator,
        "attribute": a,
    }
    tp = members[0]
    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        if is_model_class(item):
            return FieldSpec(kind=Kind.ITEMS, cls=item, **common)
        return FieldSpec(
            kind=Kind.VALUES, value_type=item, value_kind=_scalar_kind(item, info), **common
        )
    if all(is_model_class(m) for m in members):
        if len(members) == 1:
            return FieldSpec(kind=Kind.SECTION, cls=tp, variants={"": tp}, **common)
        return FieldSpec(kind=Kind.UNION, variants={m.TAG: m for m in members}, **common)
    return FieldSpec(kind=_scalar_kind(tp, info), value_type=tp, **common)


def docstring_summary(obj: Any) -> str:
    """The first paragraph of a class's docstring on one line (its name if it has none).

    Model classes and :class:`Choice` enums are titled with it in schemas and the reference.
    """
    return _summary(obj)[0]


def _summary(cls: Any) -> tuple[str, str]:
    doc = inspect.getdoc(cls) or cls.__name__
    first, _, rest = doc.partition("\n\n")
    return first.replace("\n", " ").strip(), rest.strip()


_SPECS: dict[type[Any], ClassSpec] = {}


def spec_of(cls: type[Any]) -> ClassSpec:
    """The :class:`ClassSpec` of a model class (built once, then cached)."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = _build_spec(cls)
    return found


def _build_spec(cls: type[Any]) -> ClassSpec:
    if not is_model_class(cls):
        raise TypeError(f"{cls!r} is not one of coparent's model classes")
    attrs.resolve_types(cls)
    fields = tuple(_field_spec(a) for a in attrs.fields(cls))
    summary, description = _summary(cls)
    template = getattr(cls, "ITEM_NAME", None)
    if template is None:
        named = [f.name for f in fields if f.info.names_item]
        template = ": ".join(f"{{{n}}}" for n in named) if named else None
    return ClassSpec(
        cls=cls,
        title=summary.rstrip("."),
        description=description,
        fields=fields,
        tag=getattr(cls, "TAG", None),
        kind=getattr(cls, "KIND", None),
        schema_version=getattr(cls, "SCHEMA_VERSION", None),
        name_template=template,
        rules=tuple(getattr(cls, "RULES", {}).items()),
    )


def all_classes(*roots: type[Any]) -> Iterator[ClassSpec]:
    """Every model class reachable from ``roots``, each once, parents before their parts."""
    seen: set[type[Any]] = set()
    stack = list(reversed(roots))
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        spec = spec_of(cls)
        yield spec
        for f in reversed(spec.fields):
            stack.extend(reversed(f.classes()))


def choice_classes(*roots: type[Any]) -> list[type[Choice]]:
    """Every :class:`Choice` enum used by the classes reachable from ``roots``, each once."""
    found: dict[type[Choice], None] = {}
    for spec in all_classes(*roots):
        for f in spec.fields:
            if f.is_choice:
                found[f.value_type] = None
    return list(found)


_T = TypeVar("_T")


class _PathRecorder:
    """Stands in for a document and records the attributes and indexes an accessor reads."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: tuple[str | int, ...] = ()) -> None:
        self._tokens = tokens

    def __getattr__(self, name: str) -> _PathRecorder:
        return _PathRecorder((*self._tokens, name))

    def __getitem__(self, index: int) -> _PathRecorder:
        return _PathRecorder((*self._tokens, index))


def path_of(cls: type[_T], accessor: Callable[[_T], object]) -> str:
    """The JSON pointer an accessor reads: ``path_of(Plan, lambda p: p.safety.concerns[0])``.

    Code that reports on a field (a safety finding, say) names it through a typed accessor,
    which mypy checks against ``cls``, rather than as a string.
    """
    from ..errors import json_pointer

    recorder = accessor(cast(_T, _PathRecorder()))
    if not isinstance(recorder, _PathRecorder):
        raise TypeError("path_of needs an accessor that only reads attributes and indexes")
    return json_pointer(*recorder._tokens)
