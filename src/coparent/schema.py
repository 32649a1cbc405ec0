"""JSON Schema (Draft 2020-12) for coparent's documents, generated from the attrs classes.

The schema follows the converter's rules exactly: the same canonical date, time and UUID
forms, no unknown fields, the same bounds. Titles, descriptions and examples come from the
field metadata, so a form built from the schema speaks the same plain English as the model.
Rules that compare two fields (an end after a start, ids unique within a list) cannot be
written in JSON Schema; they are listed in :data:`CROSS_FIELD_RULES` and checked on load. One
more difference is JSON Schema's own: it counts ``1.0`` as an integer, which coparent refuses
(it would dump back as ``1``).
"""

from __future__ import annotations

import copy
import inspect
import types
import typing
import uuid
from datetime import date, datetime, time
from typing import Any

import attrs

from .convert import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DOCUMENT_TYPES,
    TAG,
    TIME_PATTERN,
    UUID_PATTERN,
    unstructure,
)
from .errors import ErrorDetail, ValidationError, json_pointer
from .model._base import EMAIL_PATTERN, ITEM_ID_PATTERN, Choice, field_default, field_info

__all__ = [
    "CROSS_FIELD_RULES",
    "SCHEMA_DIALECT",
    "json_schema",
    "schema_id",
    "schema_validator",
    "validate",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Rules the converter checks that JSON Schema cannot express: (class name, field, rule).
CROSS_FIELD_RULES: tuple[tuple[str, str, str], ...] = (
    ("*", "id", "ids are unique within each list"),
    ("WeeklySlot", "week_offset", "week_offset is less than every_n_weeks"),
    ("Holiday", "end", "end is not before start"),
    ("SpecialDay", "day", "month and day are given together and make a real date"),
    ("OneOffArrangement", "end_date", "the end is after the start"),
    ("*", "date-times", "with its offset, the moment is within years 1 to 9999 in UTC"),
)


def schema_id(kind: str, version: int) -> str:
    """The stable ``$id`` of a document kind's schema at a schema version."""
    return f"urn:coparent:schema:{kind}:v{version}"


def _docstring_summary(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ").strip()


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [m for m in typing.get_args(tp) if m is not type(None)]
            nullable = len(members) < len(typing.get_args(tp))
            if len(members) == 1:
                inner = self.type_schema(members[0])
            else:
                inner = {"oneOf": [self.type_schema(m) for m in members]}
            if not nullable:
                return inner
            if "type" in inner and "$ref" not in inner and "oneOf" not in inner:
                return {**inner, "type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            item = typing.get_args(tp)[0]
            array: dict[str, Any] = {"type": "array", "items": self.type_schema(item)}
            if not attrs.has(item):
                # Lists of plain values name each value once (the model's unique_items rule).
                array["uniqueItems"] = True
            return array
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is datetime:
            return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
        if tp is date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if tp is time:
            # Not "format": "time": RFC 3339 times need an offset, and these are wall-clock
            # times in the family's own time zone.
            return {"type": "string", "pattern": TIME_PATTERN}
        if tp is uuid.UUID:
            return {"type": "string", "format": "uuid", "pattern": UUID_PATTERN}
        if isinstance(tp, type) and issubclass(tp, Choice):
            return self.choice(tp)
        if attrs.has(tp):
            return self.klass(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def choice(self, cls: type[Choice]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {
                "title": _docstring_summary(cls).rstrip("."),
                "type": "string",
                "oneOf": [{"const": m.value, "title": m.label} for m in cls],
            }
        return self.ref(name)

    def klass(self, cls: type[Any], *, document: bool = False) -> dict[str, Any]:
        name = cls.__name__
        if name in self.defs:
            return self.ref(name)
        self.defs[name] = {}  # reserve the name: classes may refer to each other
        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = getattr(cls, "TAG", None)
        if tag is not None:
            properties[TAG] = {"const": tag, "title": "Kind", "default": tag}
            required.append(TAG)
        for a in attrs.fields(cls):
            info = field_info(a)
            prop = self.type_schema(a.type)
            extra: dict[str, Any] = {"title": info.title}
            if info.description:
                extra["description"] = info.description
            if info.format == "email":
                # The pattern alone, no "format": "email": ajv-formats' email format allows
                # only ASCII, so a form would refuse addresses such as zoë@example.org that
                # coparent (and jsonschema's email check) accept.
                prop = {**prop, "pattern": EMAIL_PATTERN}
            elif info.format == "item-id":
                prop = {**prop, "pattern": ITEM_ID_PATTERN}
            if info.minimum is not None:
                prop["minimum"] = info.minimum
            if info.maximum is not None:
                prop["maximum"] = info.maximum
            if a.default is attrs.NOTHING:
                required.append(a.name)
            else:
                extra["default"] = unstructure(field_default(a))
            if info.examples:
                extra["examples"] = [unstructure(e) for e in info.examples]
            properties[a.name] = {**prop, **extra}
        schema: dict[str, Any] = {
            "title": _docstring_summary(cls).rstrip("."),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        if document:
            return schema
        self.defs[name] = schema
        return self.ref(name)


_SCHEMAS: dict[type[Any], dict[str, Any]] = {}
_VALIDATORS: dict[type[Any], Any] = {}


def _cached_schema(cls: type[Any]) -> dict[str, Any]:
    if cls not in _SCHEMAS:
        _SCHEMAS[cls] = _build_schema(cls)
    return _SCHEMAS[cls]


def _build_schema(cls: type[Any]) -> dict[str, Any]:
    kind = cls.KIND
    version = cls.SCHEMA_VERSION
    builder = _Builder()
    body = builder.klass(cls, document=True)
    body["properties"] = {
        "kind": {"const": kind, "title": "Kind of document", "default": kind},
        "schema_version": {
            "const": version,
            "title": "Schema version",
            "default": version,
        },
        **body["properties"],
    }
    body["required"] = ["kind", "schema_version", *body["required"]]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(kind, version),
        **body,
        "description": _docstring_summary(cls),
        "$defs": dict(sorted(builder.defs.items())),
    }


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The Draft 2020-12 JSON Schema of a top-level document class (a fresh copy each call)."""
    if getattr(cls, "KIND", None) not in DOCUMENT_TYPES:
        kinds = ", ".join(c.__name__ for c in DOCUMENT_TYPES.values())
        raise TypeError(f"json_schema takes a document class ({kinds}); got {cls!r}")
    return copy.deepcopy(_cached_schema(cls))


def schema_validator(cls: type[Any]) -> Any:
    """A ``jsonschema`` validator for ``cls``, built once per process (building costs ~36 ms)."""
    if cls not in _VALIDATORS:
        import jsonschema

        validator_cls = jsonschema.Draft202012Validator
        # jsonschema checks "date-time" only when the optional rfc3339-validator is installed;
        # check it here, so a date-time such as 2025-02-30T10:00:00+00:00 is refused (as ajv
        # refuses it) on every installation.
        checker = jsonschema.FormatChecker(formats=())
        checker.checkers = {
            **validator_cls.FORMAT_CHECKER.checkers,
            "date-time": (_is_date_time, (ValueError,)),
        }
        _VALIDATORS[cls] = validator_cls(_cached_schema(cls), format_checker=checker)
    return _VALIDATORS[cls]


def _is_date_time(instance: object) -> bool:
    # The schema's pattern fixes the shape; this checks that the date and time are real.
    if isinstance(instance, str):
        datetime.fromisoformat(instance)
    return True


def validate(data: Any, cls: type[Any] | None = None) -> None:
    """Check JSON data against the exported schema; raise :class:`ValidationError` on problems.

    ``cls`` defaults to the class named by ``data["kind"]``. Loading with
    :func:`coparent.from_dict` already checks everything this does (and the rules between
    fields); use this where the JSON Schema itself must be the judge, as a front end's is.
    """
    if cls is None:
        kind = data.get("kind") if isinstance(data, dict) else None
        found = DOCUMENT_TYPES.get(kind) if isinstance(kind, str) else None
        if found is None:
            raise ValidationError([ErrorDetail(path="/kind", message="unknown kind of document")])
        cls = found
    errors = sorted(schema_validator(cls).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise ValidationError(
            (ErrorDetail(path=json_pointer(*e.absolute_path), message=e.message) for e in errors),
            what=f"a {cls.KIND}",
        )
