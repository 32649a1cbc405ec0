"""msgspec mirrors of the model classes: the quickest proven route from JSON text to a document.

A mirror is a msgspec ``Struct`` with the fields of one model class, every one of them required
and no other key allowed, each typed as its JSON value is (text for dates, times and UUIDs; a
choice's own enum, which msgspec reads by value; a nested mirror for a section, a tagged union of
mirrors for a union). msgspec decodes text straight into mirrors, in C, with no dict built; the
generated ``struct`` functions (see :mod:`._converter_code`) then make the fast path's checks
that remain and build the document.

What msgspec does not refuse on its own, and how the route makes up for it (any doubt sends
the text to the orjson route, then to the reference, which alone reports problems):

- a repeated key keeps its last value: the mirror is written back, and the text must be that
  writing, or have as many quotes (a key dropped takes its quotes with it; see
  :func:`coparent.convert._quick_parse` for the same proof with orjson);
- a missing field or an unknown key is refused by the mirror, so only a document that gives
  every field takes this route (coparent writes every field);
- values are checked by the generated code exactly as the fast path checks parsed JSON.
"""

from __future__ import annotations

import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import msgspec

from . import _converter_code as _code
from .model.introspect import TAG, FieldSpec, Kind, all_classes, spec_of

#: Scalar kinds by the JSON type msgspec decodes them as (the generated code checks the rest).
_JSON_TYPES: dict[Kind, type[Any]] = {
    Kind.TEXT: str,
    Kind.ID: str,
    Kind.REFERENCE: str,
    Kind.DATE: str,
    Kind.TIME: str,
    Kind.DATETIME: str,
    Kind.UUID: str,
    Kind.BOOL: bool,
    Kind.NUMBER: int,
}


class _Unmirrored(Exception):
    """A class holds something a mirror cannot stand for (any JSON value, a cycle)."""


class Route(typing.NamedTuple):
    """How a document class is read through its mirror."""

    decode: Callable[[str | bytes], Any]
    #: What ``decode`` raises for text it refuses (the caller tries the next route): msgspec's
    #: errors, and a str with a lone surrogate, which it cannot encode to read.
    refused: tuple[type[Exception], ...]
    encode: Callable[[Any], bytes]
    #: ``encode``'s compact text indented by two spaces, as :func:`coparent.dump` writes files.
    indent: Callable[[bytes], bytes]
    build: Callable[[Any], Any]


class _Mirrors:
    """Builds each class's mirror once, and registers union members with the generated code."""

    def __init__(self) -> None:
        self.made: dict[tuple[type[Any], str | None], Any] = {}
        self.making: set[type[Any]] = set()

    def mirror(self, cls: type[Any], tag: str | None = None) -> Any:
        """The mirror of ``cls``; with ``tag``, the tagged mirror a union holds."""
        key = (cls, tag)
        found = self.made.get(key)
        if found is not None:
            return found
        if cls in self.making:
            raise _Unmirrored(f"{cls.__name__} holds itself")
        self.making.add(cls)
        try:
            fields = [(f.name, self.field_type(f)) for f in spec_of(cls).fields]
        finally:
            self.making.discard(cls)
        options: dict[str, Any] = {"tag": tag, "tag_field": TAG} if tag is not None else {}
        made = self.made[key] = msgspec.defstruct(
            f"{cls.__name__}Mirror",
            fields,
            forbid_unknown_fields=True,
            gc=False,  # mirrors hold no cycles: no tracking, quicker to make
            module=__name__,
            **options,
        )
        return made

    def field_type(self, f: FieldSpec) -> Any:
        kind = f.value_kind if f.kind is Kind.VALUES else f.kind
        if f.kind is Kind.SECTION:
            inner = self.mirror(f.cls)
        elif f.kind is Kind.UNION:
            members = [self.mirror(c, tag) for tag, c in f.variants.items()]
            # A Union of types known only at run time: the ``X | Y`` form would need them listed.
            inner = typing.Union[tuple(members)]  # noqa: UP007
        elif f.kind is Kind.ITEMS:
            inner = types.GenericAlias(list, self.mirror(f.cls))
        elif kind is Kind.CHOICE:
            # msgspec decodes a member from its value, as the generated code's look-up does.
            choice = f.value_type
            if len(choice._value2member_map_) != len(choice.__members__):
                raise _Unmirrored(f"{f.name}: a choice with aliases")
            inner = choice
            if f.kind is Kind.VALUES:
                inner = types.GenericAlias(list, inner)
        elif kind in _JSON_TYPES:
            inner = _JSON_TYPES[kind]
            if f.kind is Kind.VALUES:
                inner = types.GenericAlias(list, inner)
        else:
            raise _Unmirrored(f"{f.name}: a field of kind {kind}")
        return inner | None if f.optional else inner

    def register_unions(self, root: type[Any]) -> None:
        """Fill each union's table from a member's tagged mirror to its struct function."""
        ns = _code.generator_namespace()
        for spec in all_classes(root):
            for f in spec.fields:
                if f.kind is not Kind.UNION:
                    continue
                table = ns[f"_struct_tags_{_code.union_number(f)}"]
                for tag, c in f.variants.items():
                    table[self.mirror(c, tag)] = _code.STRUCT[c]


_MIRRORS = _Mirrors()
_LOCK = threading.Lock()


def route(cls: type[Any]) -> Route | None:
    """The mirror route of the document class ``cls``, or None when it has none. Made anew
    each call (the mirrors themselves once): :mod:`coparent.convert` keeps the route."""
    _code.ensure(cls)
    with _LOCK:
        return _make_route(cls)


def mirror_of(cls: type[Any]) -> Any:
    """The mirror of any model class (a document's without its envelope), its unions' members
    known to the generated code; raises TypeError when the class has none."""
    _code.ensure(cls)
    with _LOCK:
        try:
            found = _MIRRORS.mirror(cls)
            _MIRRORS.register_unions(cls)
        except _Unmirrored as e:
            raise TypeError(f"{cls.__name__} has no mirror: {e}") from None
    return found


def _indented(text: bytes) -> bytes:
    return msgspec.json.format(text, indent=2)


def _make_route(cls: type[Any]) -> Route | None:
    names = spec_of(cls).by_name
    if "kind" in names or "schema_version" in names:
        return None
    try:
        fields = [(f.name, _MIRRORS.field_type(f)) for f in spec_of(cls).fields]
        _MIRRORS.register_unions(cls)
    except _Unmirrored:
        return None
    # The document's mirror: its envelope first, as coparent writes it.
    document = msgspec.defstruct(
        f"{cls.__name__}DocumentMirror",
        [("kind", str), ("schema_version", int), *fields],
        forbid_unknown_fields=True,
        gc=False,
        module=__name__,
    )
    return Route(
        decode=msgspec.json.Decoder(document).decode,
        refused=(msgspec.DecodeError, UnicodeEncodeError),
        encode=msgspec.json.Encoder().encode,
        indent=_indented,
        build=_code.STRUCT[cls],
    )
