"""The one converter: documents to and from Python dicts and JSON, with every error by path.

All JSON in or out of coparent goes through here. Structuring is strict: no coercion
(``"7"`` is not ``7``, ``1`` is not ``True``), no unknown fields, real dates only, and a value
that loads dumps back to the same JSON. The JSON Schema in :mod:`coparent.schema` follows the
same rules; the property tests prove the two agree.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import types
import typing
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import cattrs

from .errors import ErrorDetail, ValidationError, json_pointer
from .model import ParentingPlan, Referral, Review
from .model._base import Choice, FieldRuleError, field_default
from .versions import migrate

__all__ = [
    "DOCUMENT_TYPES",
    "MAX_BYTES",
    "Document",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "to_dict",
    "to_json",
    "unstructure",
    "wrap_envelope",
]

#: A top-level document: something with its own kind and schema version.
Document = ParentingPlan | Referral | Review

#: The top-level document classes by the ``kind`` they are saved with.
DOCUMENT_TYPES: dict[str, type[Document]] = {
    cls.KIND: cls for cls in (ParentingPlan, Referral, Review)
}

T = TypeVar("T")

#: The largest JSON input ``from_json`` and ``load`` accept by default: 32 MiB. A plan with
#: 10,000 schedule items is about 4 MB. Pass ``max_bytes`` to change it.
MAX_BYTES = 32 * 1024 * 1024

# Canonical text forms. The schema module uses the same patterns, so the JSON Schema and the
# converter accept exactly the same strings.
DATE_PATTERN = r"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
DATETIME_PATTERN = (
    r"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.(?!0{6})[0-9]{6})?"
    r"[+-]((?!00:00)([01][0-9]|2[0-3]):[0-5][0-9]|00:00$)$"
)
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
#: The property that tells the kinds of a tagged union (such as a referral's service) apart.
TAG = "type"

_DATE_RE = re.compile(DATE_PATTERN)
_TIME_RE = re.compile(TIME_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)
_UUID_RE = re.compile(UUID_PATTERN)

_Path = tuple[str | int, ...]


class _Problems(Exception):
    """Raised inside structuring; each enclosing object or list adds its key to the paths."""

    def __init__(self, problems: list[tuple[_Path, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _fail(message: str) -> typing.NoReturn:
    raise _Problems([((), message)])


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# --- leaf hooks -----------------------------------------------------------------------------


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        _fail(f"expected text, got {_describe(value)}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            _fail("contains an unpaired surrogate, which is not valid Unicode text")
    return value


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        _fail(f"expected a whole number, got {_describe(value)}")
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        _fail(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: Any, _: Any) -> date:
    if type(value) is not str or not _DATE_RE.match(value):
        _fail(f"expected a date written YYYY-MM-DD, got {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{value} is not a real date")


def _structure_time(value: Any, _: Any) -> time:
    if type(value) is not str or not _TIME_RE.match(value):
        _fail(f"expected a time written HH:MM:SS (24-hour clock), got {_show(value)}")
    try:
        return time.fromisoformat(value)
    except ValueError:
        _fail(f"{value} is not a real time")


def _structure_datetime(value: Any, _: Any) -> datetime:
    if type(value) is not str or not _DATETIME_RE.match(value):
        _fail(
            "expected a date and time with its offset, written YYYY-MM-DDTHH:MM:SS+00:00, "
            f"got {_show(value)}"
        )
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        _fail(f"{value} is not a real date and time")


def _structure_uuid(value: Any, _: Any) -> uuid.UUID:
    if type(value) is not str or not _UUID_RE.match(value):
        _fail(
            "expected a UUID in lower case, such as 6f1c2a4e-7b3d-4c5e-9f10-2a3b4c5d6e7f, "
            f"got {_show(value)}"
        )
    try:
        return uuid.UUID(value)
    except ValueError:
        _fail(f"{value} is not a valid UUID")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    return _describe(value)


def _structure_choice(value: Any, cls: type[Choice]) -> Choice:
    if type(value) is str:
        member = cls._value2member_map_.get(value)
        if member is not None:
            return cast(Choice, member)
    allowed = ", ".join(repr(v) for v in cls._value2member_map_)
    _fail(f"expected one of {allowed}; got {_show(value)}")


def _unstructure_choice(value: Choice) -> str:
    return value._value_


def _unstructure_datetime(value: datetime) -> str:
    return value.isoformat()


def _unstructure_time(value: time) -> str:
    return value.isoformat(timespec="seconds")


# --- the converter ---------------------------------------------------------------------------


def _is_tuple_of(tp: Any) -> bool:
    return (
        typing.get_origin(tp) is tuple
        and len(typing.get_args(tp)) == 2
        and (typing.get_args(tp)[1] is Ellipsis)
    )


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


class _Converter:
    """Holds the cattrs converter and the hooks built for coparent's classes."""

    def __init__(self) -> None:
        c = cattrs.Converter()
        # cattrs looks up class hooks (most specific class first) before any predicate: a
        # Choice is a str, a bool an int and a datetime a date, and each gets its own hook.
        for tp, hook in (
            (str, _structure_str),
            (int, _structure_int),
            (bool, _structure_bool),
            (date, _structure_date),
            (time, _structure_time),
            (datetime, _structure_datetime),
            (uuid.UUID, _structure_uuid),
            (Choice, _structure_choice),
        ):
            c.register_structure_hook(tp, hook)
        c.register_structure_hook_factory(_is_tuple_of, self._tuple_structure)
        c.register_structure_hook_factory(_is_union, self._union_structure)
        c.register_structure_hook_factory(attrs.has, self._class_structure)

        c.register_unstructure_hook(date, date.isoformat)
        c.register_unstructure_hook(datetime, _unstructure_datetime)
        c.register_unstructure_hook(time, _unstructure_time)
        c.register_unstructure_hook(uuid.UUID, str)
        c.register_unstructure_hook(Choice, _unstructure_choice)
        c.register_unstructure_hook_factory(_is_tuple_of, self._tuple_unstructure)
        c.register_unstructure_hook_factory(_is_union, self._union_unstructure)
        self.cattrs = c

    # structure hook factories

    def _tuple_structure(self, tp: Any) -> Callable[[Any, Any], Any]:
        item_type = typing.get_args(tp)[0]
        item_hook = self.cattrs.get_structure_hook(item_type)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                _fail(f"expected a list, got {_describe(value)}")
            out = []
            problems: list[tuple[_Path, str]] = []
            for index, item in enumerate(value):
                try:
                    out.append(item_hook(item, item_type))
                except _Problems as p:
                    problems.extend(((index, *path), msg) for path, msg in p.problems)
            if problems:
                raise _Problems(problems)
            return tuple(out)

        return structure

    def _union_structure(self, tp: Any) -> Callable[[Any, Any], Any]:
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        optional = len(members) < len(typing.get_args(tp))
        if len(members) == 1:
            inner = self.cattrs.get_structure_hook(members[0])
            if not optional:
                return inner

            def structure_optional(value: Any, _: Any) -> Any:
                return None if value is None else inner(value, members[0])

            return structure_optional
        return self._tagged_structure(members, optional)

    def _tagged_structure(self, members: list[Any], optional: bool) -> Callable[[Any, Any], Any]:
        by_tag = {m.TAG: (m, self.cattrs.get_structure_hook(m)) for m in members}
        allowed = ", ".join(repr(t) for t in by_tag)

        def structure(value: Any, _: Any) -> Any:
            if value is None and optional:
                return None
            if type(value) is not dict:
                _fail(f"expected an object, got {_describe(value)}")
            tag = value.get(TAG)
            if tag is None:
                raise _Problems([((TAG,), f"required field is missing; one of {allowed}")])
            if type(tag) is not str or tag not in by_tag:
                raise _Problems([((TAG,), f"expected one of {allowed}; got {_show(tag)}")])
            cls, hook = by_tag[tag]
            return hook({k: v for k, v in value.items() if k != TAG}, cls)

        return structure

    def _class_structure(self, cls: type[Any]) -> Callable[[Any, Any], Any]:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        spec = [
            (a.name, self.cattrs.get_structure_hook(a.type), a.type, a.default is attrs.NOTHING)
            for a in fields
        ]
        names = frozenset(a.name for a in fields)

        def structure(value: Any, _: Any) -> Any:
            if type(value) is not dict:
                _fail(f"expected an object, got {_describe(value)}")
            kwargs: dict[str, Any] = {}
            problems: list[tuple[_Path, str]] = []
            for name, hook, tp, required in spec:
                if name in value:
                    try:
                        kwargs[name] = hook(value[name], tp)
                    except _Problems as p:
                        problems.extend(((name, *path), msg) for path, msg in p.problems)
                elif required:
                    problems.append(((name,), "required field is missing"))
            if problems or len(kwargs) != len(value):
                problems.extend(
                    ((key,), "unknown field; this object has no field of that name")
                    for key in value
                    if key not in names
                )
            if problems:
                problems.extend(_rule_problems(cls, kwargs, only_given=True))
                raise _Problems(problems)
            try:
                return cls(**kwargs)
            except (FieldRuleError, ValueError, TypeError):
                raise _Problems(_rule_problems(cls, kwargs)) from None

        return structure

    # unstructure hook factories

    def _tuple_unstructure(self, tp: Any) -> Callable[[Any], Any]:
        item_type = typing.get_args(tp)[0]
        item_hook = self.cattrs.get_unstructure_hook(item_type)
        return lambda value: [item_hook(item) for item in value]

    def _union_unstructure(self, tp: Any) -> Callable[[Any], Any]:
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        if len(members) == 1:
            inner = self.cattrs.get_unstructure_hook(members[0])
            return lambda value: None if value is None else inner(value)
        hooks = {m: self.cattrs.get_unstructure_hook(m) for m in members}

        def unstructure(value: Any) -> Any:
            if value is None:
                return None
            return {TAG: type(value).TAG, **hooks[type(value)](value)}

        return unstructure


def _rule_problems(
    cls: type[Any], kwargs: dict[str, Any], *, only_given: bool = False
) -> list[tuple[_Path, str]]:
    """Every rule of ``cls`` that ``kwargs`` breaks, found by running each check on its own.

    With ``only_given`` (some fields failed to load) only the checks of single loaded fields
    run: rules that compare fields need them all.
    """
    fields = attrs.fields(cls)
    values = {a.name: kwargs[a.name] if a.name in kwargs else field_default(a) for a in fields}
    stand_in = types.SimpleNamespace(**values)
    problems: list[tuple[_Path, str]] = []
    for a in fields:
        if a.validator is None or (only_given and a.name not in kwargs):
            continue
        try:
            a.validator(stand_in, a, values[a.name])
        except FieldRuleError as e:
            problems.append(((e.field,), e.message))
        except (ValueError, TypeError) as e:
            problems.append(((a.name,), str(e)))
    if only_given:
        return problems
    post_init = getattr(cls, "__attrs_post_init__", None)
    if not problems and post_init is not None:
        try:
            post_init(stand_in)
        except FieldRuleError as e:
            problems.append(((e.field,), e.message))
    if not problems:
        try:
            cls(**kwargs)
        except (ValueError, TypeError) as e:
            problems.append(((), str(e)))
    return problems


_CONVERTER = _Converter()

_LEAF_HOOKS: dict[type[Any], Callable[[Any, Any], Any]] = {
    str: _structure_str,
    int: _structure_int,
    bool: _structure_bool,
    date: _structure_date,
    time: _structure_time,
    datetime: _structure_datetime,
    uuid.UUID: _structure_uuid,
}
_FAST: dict[type[Any], Callable[[Any], Any]] | None = None


def _fast_structure(cls: type[Any]) -> Callable[[Any], Any] | None:
    global _FAST
    if _FAST is None:
        from . import _fast

        _FAST = _fast.build(list(DOCUMENT_TYPES.values()), _LEAF_HOOKS, TAG)
    return _FAST.get(cls)


def _what(cls: type[Any]) -> str:
    kind = getattr(cls, "KIND", None)
    return f"a {kind}" if kind else f"a {cls.__name__}"


def unstructure(value: Any) -> Any:
    """The JSON-ready form of any model value: a class, an enum, a date, a list of them."""
    return _CONVERTER.cattrs.unstructure(value)


def wrap_envelope(cls: type[Any], body: dict[str, Any]) -> dict[str, Any]:
    """A top-level document's JSON body with its ``kind`` and ``schema_version`` first."""
    return {"kind": cls.KIND, "schema_version": cls.SCHEMA_VERSION, **body}


def to_dict(doc: Any) -> dict[str, Any]:
    """The JSON-ready dict of a document (or of any part of one, such as a section).

    Top-level documents carry ``kind`` and ``schema_version`` first, so a reader knows what it is.
    """
    body = cast(dict[str, Any], _CONVERTER.cattrs.unstructure(doc))
    kind = getattr(type(doc), "KIND", None)
    if kind is None:
        return body
    return {"kind": kind, "schema_version": type(doc).SCHEMA_VERSION, **body}


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON-shaped data, or raise :class:`ValidationError` listing problems.

    For a top-level document ``data`` must carry its ``kind`` and ``schema_version``; an older
    version is upgraded first, a newer one is refused.
    """
    kind = getattr(cls, "KIND", None)
    if kind is not None:
        data = _open_envelope(cls, kind, data)
        fast = _fast_structure(cls)
        if fast is not None:
            # On any problem the fast path gives up; the careful path below reports it.
            with contextlib.suppress(Exception):
                return cast(T, fast(data))
    return _careful_structure(cls, data)


def _careful_structure(cls: type[T], data: Any) -> T:
    """Structure ``data`` checking everything and collecting every problem (the specification)."""
    try:
        return _CONVERTER.cattrs.structure(data, cls)
    except _Problems as p:
        raise ValidationError(
            (ErrorDetail(path=json_pointer(*path), message=msg) for path, msg in p.problems),
            what=_what(cls),
        ) from None


def _open_envelope(cls: type[Any], kind: str, data: Any) -> dict[str, Any]:
    what = _what(cls)
    if type(data) is not dict:
        raise ValidationError(
            [ErrorDetail(path="", message=f"expected an object, got {_describe(data)}")], what=what
        )
    problems = []
    found = data.get("kind")
    if found is None:
        problems.append(ErrorDetail(path="/kind", message=f"required field is missing ({kind!r})"))
    elif found != kind:
        problems.append(
            ErrorDetail(path="/kind", message=f"this is {_show(found)}, not a {kind!r} document")
        )
    version = data.get("schema_version")
    current = cls.SCHEMA_VERSION
    if version is None:
        problems.append(ErrorDetail(path="/schema_version", message="required field is missing"))
    elif type(version) is not int or version < 1:
        problems.append(
            ErrorDetail(path="/schema_version", message="expected a whole number from 1 up")
        )
    elif version > current:
        problems.append(
            ErrorDetail(
                path="/schema_version",
                message=(
                    f"written by a newer coparent (schema version {version}); this one reads "
                    f"up to version {current}: upgrade coparent to read it"
                ),
            )
        )
    if problems:
        raise ValidationError(problems, what=what)
    body = {k: v for k, v in data.items() if k not in ("kind", "schema_version")}
    assert isinstance(version, int)
    if version < current:
        try:
            body = migrate(kind, version, current, body)
        except KeyError:
            raise ValidationError(
                [
                    ErrorDetail(
                        path="/schema_version",
                        message=f"no migration from schema version {version} is known",
                    )
                ],
                what=what,
            ) from None
    return body


def to_json(doc: Any, *, indent: int | None = None) -> str:
    """The JSON text of a document: UTF-8 (no ``\\u`` escapes), stable field order.

    Compact by default (the fast path for APIs); ``indent=2`` for text people read.
    """
    return _encode(to_dict(doc), indent=indent).decode("utf-8")


def _encode(data: Any, *, indent: int | None = None) -> bytes:
    """JSON bytes (orjson: about ten times faster than the standard library's encoder)."""
    import orjson

    if indent not in (None, 2):
        raise ValueError("indent must be None (compact) or 2")
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent == 2 else 0)
    except orjson.JSONEncodeError as e:
        raise ValidationError(
            [ErrorDetail(path="", message=f"cannot be written as JSON: {e}")]
        ) from None


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _DuplicateKey(Exception):
    """A JSON object names the same key twice."""


def _reject_constant(name: str) -> Any:
    raise _BadConstant(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as infinity
        raise _BadConstant(text)
    return value


class _BadConstant(Exception):
    """JSON text uses NaN, Infinity or -Infinity, which JSON does not allow."""


def parse_json(text: str | bytes, *, what: str = "the document", max_bytes: int = MAX_BYTES) -> Any:
    """Parse JSON text strictly (no NaN or Infinity, no repeated keys), or raise ValidationError.

    Input longer than ``max_bytes`` is refused before parsing, to protect a server from
    oversized requests; nesting deeper than the interpreter's recursion limit (about 1,000
    levels; coparent's documents nest fewer than 10) is refused as well.
    """

    def bad(message: str) -> ValidationError:
        return ValidationError([ErrorDetail(path="", message=message)], what=what)

    if len(text) > max_bytes:
        raise bad(
            f"the input is {len(text):,} bytes, more than the limit of {max_bytes:,}; "
            "pass max_bytes to accept larger documents"
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except json.JSONDecodeError as e:
        raise bad(f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except UnicodeDecodeError:
        raise bad("not valid JSON: the bytes are not UTF-8 text") from None
    except _DuplicateKey as e:
        raise bad(f"not valid JSON for coparent: the key {e.args[0]!r} appears twice") from None
    except _BadConstant as e:
        raise bad(f"not valid JSON: {e.args[0]} is not a number JSON allows") from None
    except RecursionError:
        raise bad("not valid JSON for coparent: nested too deeply") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        raise bad(f"not valid JSON for coparent: {e}") from None


def from_json(text: str | bytes, cls: type[T], *, max_bytes: int = MAX_BYTES) -> T:
    """Load a ``cls`` from JSON text; bad input raises :class:`ValidationError`.

    Text longer than ``max_bytes`` (default :data:`MAX_BYTES`, 32 MiB) is refused unread.
    """
    return from_dict(parse_json(text, what=_what(cls), max_bytes=max_bytes), cls)


@typing.overload
def load(path: str | os.PathLike[str], *, max_bytes: int = ...) -> Document: ...
@typing.overload
def load(path: str | os.PathLike[str], cls: type[T], *, max_bytes: int = ...) -> T: ...
def load(
    path: str | os.PathLike[str], cls: type[Any] | None = None, *, max_bytes: int = MAX_BYTES
) -> Any:
    """Load a saved document, choosing its class from its ``kind`` (or checking it is ``cls``).

    A file larger than ``max_bytes`` (default :data:`MAX_BYTES`) is refused unread.
    """
    file = Path(path)
    size = file.stat().st_size
    if size > max_bytes:
        raise ValidationError(
            [
                ErrorDetail(
                    path="",
                    message=f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
                )
            ],
            what=str(path),
        )
    data = parse_json(file.read_bytes(), what=str(path), max_bytes=max_bytes)
    if cls is None:
        kind = data.get("kind") if type(data) is dict else None
        found = DOCUMENT_TYPES.get(kind) if type(kind) is str else None
        if found is None:
            kinds = ", ".join(repr(k) for k in DOCUMENT_TYPES)
            raise ValidationError(
                [ErrorDetail(path="/kind", message=f"expected one of {kinds}; got {_show(kind)}")],
                what=str(path),
            )
        cls = found
    return from_dict(data, cls)


def dump(doc: Any, path: str | os.PathLike[str]) -> Path:
    """Write a document as JSON, atomically: on any failure an existing file is left as it was."""
    data = _encode(to_dict(doc), indent=2) + b"\n"
    target = Path(path)
    write_atomic(target, data)
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename.

    A failure part-way leaves any existing file as it was and no partial file behind. A new
    file is readable by its owner only (it may hold children's details); a replaced file keeps
    its permissions.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
