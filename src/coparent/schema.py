"""JSON Schema (Draft 2020-12) for coparent's documents, generated from the model's spec tree.

The schema follows the converter's rules exactly: the same canonical date, time and UUID
forms, no unknown fields, the same bounds. Titles, descriptions and examples come from the
field specs (:mod:`coparent.model.introspect`), so a form built from the schema speaks the
same plain English as the model. Rules that compare two fields (an end after a start, ids
unique within a list) cannot be written in JSON Schema; the model states each one next to its
check, :data:`CROSS_FIELD_RULES` collects them, and the converter checks them on load. One
more difference is JSON Schema's own: it counts ``1.0`` as an integer, which coparent refuses
(it would dump back as ``1``).
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from typing import Any

from .convert import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DOCUMENT_TYPES,
    TIME_PATTERN,
    UUID_PATTERN,
    unstructure,
)
from .errors import ErrorDetail, ValidationError, json_pointer
from .i18n import N_
from .model._base import (
    EMAIL_PATTERN,
    ITEM_ID_PATTERN,
    NAME_FORBIDDEN_PATTERN,
    UNIQUE_IDS_RULE,
    Choice,
)
from .model.introspect import (
    TAG,
    ClassSpec,
    FieldSpec,
    Kind,
    all_classes,
    docstring_summary,
    is_model_class,
    spec_of,
)
from .model.plan import LANGUAGE_TAG_PATTERN

__all__ = [
    "CROSS_FIELD_RULES",
    "NOT_GIVEN_TITLE",
    "REAL_DATETIME_PATTERN",
    "REAL_DATE_PATTERN",
    "SCHEMA_DIALECT",
    "json_schema",
    "noun_title",
    "schema_id",
    "schema_validator",
    "validate",
]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


#: Stands for every date-time field in :data:`CROSS_FIELD_RULES`.
DATETIMES = "date-times"

#: Stands for every time zone field (``format="timezone"``) in :data:`CROSS_FIELD_RULES`.
TIMEZONES = "time-zones"


def _cross_field_rules() -> tuple[tuple[str, str, str], ...]:
    specs = list(all_classes(*DOCUMENT_TYPES.values()))
    id_name = next(s.id_field.name for s in specs if s.id_field is not None)
    return (
        ("*", id_name, UNIQUE_IDS_RULE),
        *((s.name, name, rule) for s in specs for name, rule in s.rules),
        ("*", DATETIMES, N_("with its offset, the moment is within years 1 to 9999 in UTC")),
        ("*", TIMEZONES, N_("the name is in the IANA time zone database, such as Europe/London")),
    )


#: Rules the converter checks that JSON Schema cannot express: (class name, field, rule).
#: Each class's rules are written in the model, next to the check (its ``RULES``).
CROSS_FIELD_RULES: tuple[tuple[str, str, str], ...] = _cross_field_rules()

#: A real calendar date, YYYY-MM-DD: months 01 to 12, days within their month (30 days hath
#: September...), 29 February only in leap years (every 4th year, but not a century unless it
#: is a 400th). With it a validator that skips ``"format": "date"`` (python-jsonschema's and
#: hyperjump's default) still refuses 2024-02-30.
_REAL_DATE = (
    r"(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
_END = r"(?![\s\S])"
_DATE_SHAPE = DATE_PATTERN.removesuffix(_END)

#: The schema's pattern for a date: the converter's strings exactly (its pattern, then a real
#: date), in one regular expression.
REAL_DATE_PATTERN = f"^{_REAL_DATE}{_END}"
#: The schema's pattern for a date and time: a real date, then the converter's time and offset
#: (UTC may be written ``Z``; coparent writes ``+00:00``).
REAL_DATETIME_PATTERN = "^" + _REAL_DATE + DATETIME_PATTERN.removeprefix(_DATE_SHAPE)

#: The title of the "nothing" option of an optional value, as forms and generators show it.
NOT_GIVEN_TITLE = "Not given"

#: The JSON Schema of each scalar kind of value (choices are ``$defs`` of their own).
_SCALARS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: {"type": "string"},
    Kind.ID: {"type": "string"},
    Kind.REFERENCE: {"type": "string"},
    Kind.BOOL: {"type": "boolean"},
    Kind.NUMBER: {"type": "integer"},
    Kind.DATETIME: {"type": "string", "format": "date-time", "pattern": REAL_DATETIME_PATTERN},
    Kind.DATE: {"type": "string", "format": "date", "pattern": REAL_DATE_PATTERN},
    # Not "format": "time": RFC 3339 times need an offset, and these are wall-clock times in
    # the family's own time zone.
    Kind.TIME: {"type": "string", "pattern": TIME_PATTERN},
    Kind.UUID: {"type": "string", "format": "uuid", "pattern": UUID_PATTERN},
}

#: Patterns that a text field's ``format`` adds. Email has the pattern alone, no
#: "format": "email": ajv-formats' email format allows only ASCII, so a form would refuse
#: addresses such as zoë@example.org that coparent (and jsonschema's email check) accept.
_FORMAT_PATTERNS = {
    "email": EMAIL_PATTERN,
    "item-id": ITEM_ID_PATTERN,
    "language-tag": LANGUAGE_TAG_PATTERN,
}

#: What a ``"name"`` format adds: none of the invisible or direction-changing characters the
#: model's ``visible_name`` check refuses (unanchored, so it reads the same in JavaScript).
_NAME_RULE = {"not": {"pattern": NAME_FORBIDDEN_PATTERN}}


def noun_title(class_name: str) -> str:
    """A class's short title, its name in words: ``ParentingPlan`` -> ``"Parenting plan"``.

    Generators name types after ``$defs`` titles (json-schema-to-typescript) and form libraries
    head sections with them (JSON Forms), so a title is a noun; the sentence that explains the
    class is its ``description``.
    """
    words = re.findall(r"[A-Z][a-z0-9]*", class_name)
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def schema_id(kind: str, version: int) -> str:
    """The stable ``$id`` of a document kind's schema at a schema version."""
    return f"urn:coparent:schema:{kind}:v{version}"


def document_spec(cls: Any, what: str) -> ClassSpec:
    """The spec of a top-level document class; a :class:`TypeError` naming ``what`` otherwise."""
    if not is_model_class(cls) or spec_of(cls).kind not in DOCUMENT_TYPES:
        kinds = ", ".join(c.__name__ for c in DOCUMENT_TYPES.values())
        raise TypeError(f"{what} takes a document class ({kinds}); got {cls!r}")
    return spec_of(cls)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def scalar(self, kind: Kind, value_type: Any) -> dict[str, Any]:
        if kind is Kind.CHOICE:
            return self.choice(value_type)
        return dict(_SCALARS[kind])

    def value(self, f: FieldSpec) -> dict[str, Any]:
        """The schema of a field's value, before its title and bounds."""
        inner: dict[str, Any]
        if f.kind is Kind.ITEMS:
            inner = {"type": "array", "items": self.klass(f.cls)}
        elif f.kind is Kind.VALUES:
            # Lists of plain values name each value once (the model's unique_items rule).
            items = self.scalar(f.value_kind or Kind.TEXT, f.value_type)
            inner = {"type": "array", "items": items, "uniqueItems": True}
        elif f.kind is Kind.SECTION:
            inner = self.klass(f.cls)
        elif f.kind is Kind.UNION:
            inner = {"oneOf": [self.klass(c) for c in f.variants.values()]}
        else:
            inner = self.scalar(f.kind, f.value_type)
        if not f.optional:
            return inner
        if "type" in inner and "$ref" not in inner and "oneOf" not in inner:
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null", "title": NOT_GIVEN_TITLE}]}

    def field(self, f: FieldSpec) -> dict[str, Any]:
        info = f.info
        prop = self.value(f)
        if info.format in _FORMAT_PATTERNS:
            prop = {**prop, "pattern": _FORMAT_PATTERNS[info.format]}
        elif info.format == "name":
            prop = {**prop, **_NAME_RULE}
        if info.minimum is not None:
            prop["minimum"] = info.minimum
        if info.maximum is not None:
            prop["maximum"] = info.maximum
        prop["title"] = info.title
        if info.description:
            prop["description"] = info.description
        if not f.required:
            prop["default"] = unstructure(f.default_value())
        if info.examples:
            prop["examples"] = [unstructure(e) for e in info.examples]
        return prop

    def choice(self, cls: type[Choice]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {
                "title": noun_title(name),
                "description": docstring_summary(cls),
                "type": "string",
                "oneOf": [{"const": m.value, "title": m.label} for m in cls],
            }
        return self.ref(name)

    def klass(self, cls: type[Any], *, document: bool = False) -> dict[str, Any]:
        spec = spec_of(cls)
        if spec.name in self.defs:
            return self.ref(spec.name)
        if not document:
            self.defs[spec.name] = {}  # reserve the name: classes may refer to each other
        properties: dict[str, Any] = {}
        if spec.tag is not None:
            properties[TAG] = {"const": spec.tag, "title": N_("Kind"), "default": spec.tag}
        properties.update((f.name, self.field(f)) for f in spec.fields)
        required = [TAG] if spec.tag is not None else []
        required += [f.name for f in spec.fields if f.required]
        schema: dict[str, Any] = {
            "title": noun_title(spec.name),
            "description": docstring_summary(cls),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        if document:
            return schema
        self.defs[spec.name] = schema
        return self.ref(spec.name)


_SCHEMAS: dict[type[Any], dict[str, Any]] = {}
_VALIDATORS: dict[type[Any], Any] = {}


def _cached_schema(cls: type[Any]) -> dict[str, Any]:
    if cls not in _SCHEMAS:
        _SCHEMAS[cls] = _build_schema(cls)
    return _SCHEMAS[cls]


def _build_schema(cls: type[Any]) -> dict[str, Any]:
    spec = spec_of(cls)
    kind, version = spec.kind, spec.schema_version
    if kind is None or version is None:
        raise TypeError(f"{cls!r} is not a top-level document class")
    builder = _Builder()
    body = builder.klass(cls, document=True)
    body["properties"] = {
        "kind": {"const": kind, "title": N_("Kind of document"), "default": kind},
        "schema_version": {
            "const": version,
            "title": N_("Schema version"),
            "default": version,
        },
        **body["properties"],
    }
    body["required"] = ["kind", "schema_version", *body["required"]]
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": schema_id(kind, version),
        **body,
        "$defs": dict(sorted(builder.defs.items())),
    }


def json_schema(cls: type[Any], *, locale: str | None = None) -> dict[str, Any]:
    """The Draft 2020-12 JSON Schema of a top-level document class (a fresh copy each call).

    With ``locale`` (``"cy"``, ``"cy-GB"``), every title and description is in that language
    (English where coparent has no catalogue for it), so a front end can offer the form in it.
    """
    schema = _cached_schema(document_spec(cls, "json_schema").cls)
    if locale is None:
        return copy.deepcopy(schema)
    from .i18n import translate_schema

    return dict(translate_schema(schema, locale))


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
            what=f"a {spec_of(cls).kind}",
        )
