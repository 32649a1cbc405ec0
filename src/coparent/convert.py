"""The one converter: documents to and from Python dicts and JSON, with every error by path.

All JSON in or out of coparent goes through here. Structuring is strict: no coercion
(``"7"`` is not ``7``, ``1`` is not ``True``), no unknown fields, real dates only, and a value
that loads dumps back to the same JSON. The JSON Schema in :mod:`coparent.schema` follows the
same rules; the property tests prove the two agree.
"""

from __future__ import annotations

import json
import math
import os
import re
import typing
import uuid
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar, cast

from . import _converter_code as _code
from ._converter_code import DATE_PATTERN as DATE_PATTERN
from ._converter_code import DATETIME_PATTERN as DATETIME_PATTERN
from ._converter_code import TIME_PATTERN as TIME_PATTERN
from ._converter_code import UUID_PATTERN as UUID_PATTERN
from ._converter_code import Invalid
from ._converter_code import show as _show
from ._documents import DOCUMENT_TYPES as DOCUMENT_TYPES
from ._documents import Document as Document
from ._files import read_bounded, write_atomic
from .errors import MAX_PROBLEMS, ErrorDetail, ValidationError, json_pointer
from .i18n import N_, P_
from .model._base import Choice
from .model.introspect import TAG as TAG
from .model.introspect import Kind, all_classes, is_model_class
from .versions import migrate

__all__ = [
    "DOCUMENT_TYPES",
    "MAX_BYTES",
    "Document",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "open_envelope",
    "to_dict",
    "to_json",
    "to_json_bytes",
    "unstructure",
    "wrap_envelope",
    "write_atomic",
]

T = TypeVar("T")

#: The largest JSON input ``from_json`` and ``load`` accept by default: 32 MiB. A plan with
#: 10,000 schedule items is about 4 MB. Pass ``max_bytes`` to change it.
MAX_BYTES = 32 * 1024 * 1024


def _what(cls: type[Any]) -> str:
    kind = getattr(cls, "KIND", None)
    return f"a {kind}" if kind else f"a {cls.__name__}"


def unstructure(value: Any) -> Any:
    """The JSON-ready form of any model value: an object, a choice, a date, a list of them.

    Objects become dicts (without an envelope or a ``type`` tag: see :func:`to_dict`), tuples
    and lists become lists, choices their values, dates, times, datetimes and UUIDs their
    canonical text; anything else is returned as it is.
    """
    tp = type(value)
    if is_model_class(tp):
        _code.ensure(tp)
        return _code.DUMP[tp](value)
    if isinstance(value, Choice):
        return value._value_
    if isinstance(value, (tuple, list)):
        return [unstructure(v) for v in value]
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    return value


def to_dict(doc: Any) -> dict[str, Any]:
    """The JSON-ready dict of a document, or of any model object (a section, a saved merge...).

    Top-level documents carry ``kind`` and ``schema_version`` first (see :func:`wrap_envelope`),
    so a reader knows what it is.
    """
    cls = type(doc)
    dump = _code.DUMP.get(cls)
    if dump is None:
        _code.ensure(cls)
        dump = _code.DUMP[cls]
    body = cast(dict[str, Any], dump(doc))
    if getattr(cls, "KIND", None) is None:
        return body
    return wrap_envelope(cls, body)


def wrap_envelope(cls: type[Any], body: dict[str, Any]) -> dict[str, Any]:
    """A document's JSON: ``kind`` and ``schema_version`` first, then the ``body``'s fields.

    The one place an envelope is built; :func:`open_envelope` is the one place it is opened.
    """
    kind, version = _envelope_of(cls)
    return {"kind": kind, "schema_version": version, **body}


def _envelope_of(cls: type[Any]) -> tuple[str, int]:
    """A document class's kind and current schema version (read live: tests pretend versions)."""
    kind = getattr(cls, "KIND", None)
    if kind is None:
        raise TypeError(f"{cls.__name__} is not a top-level document: it has no KIND")
    return kind, cls.SCHEMA_VERSION


def from_dict(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from JSON-shaped data, or raise :class:`ValidationError` with every problem.

    ``data`` is what JSON parses to (dicts, lists, text, numbers, true/false, null): a Python
    value such as a choice, a date or a tuple is refused, as JSON text could not carry it. For a
    top-level document ``data`` must carry its ``kind`` and ``schema_version``; an older version
    is upgraded first, a newer one is refused. Any model class (not only the documents) can be
    built this way.
    """
    if getattr(cls, "KIND", None) is not None:
        data = open_envelope(cls, data)
    try:
        return _fast_only(data, cls, envelope=False)
    except Invalid:
        pass  # the input has a problem: the detailed path finds and reports every one
    return _detailed(cls, data)


def _detailed(cls: type[T], data: Any) -> T:
    """Structure ``data`` on the detailed path, collecting every problem with its path."""
    _code.ensure(cls)
    try:
        return cast(T, _code.DETAILED[cls](data))
    except Invalid as e:
        raise ValidationError(
            (
                ErrorDetail(path=json_pointer(*path), message=_unechoed(cls, path, msg))
                for path, msg in e.problems[:MAX_PROBLEMS]
            ),
            what=_what(cls),
            more=e.more + max(0, len(e.problems) - MAX_PROBLEMS),
        ) from None


#: What an error message says instead of a value some reader may not see.
_NOT_SHOWN = N_("a value not shown here (the field is withheld from some readers)")
#: The envelope's problems (marked for translation; the English is formatted from them).
_EXPECTED_OBJECT = P_("expected an object, got {value}")
_MISSING_KIND = P_("required field is missing ({kind})")
_WRONG_KIND = P_("this is {value}, not a {kind} document")
_BAD_VERSION = N_("expected a whole number from 1 up")
_NEWER = P_(
    "written by a newer coparent (schema version {version}); this one reads up to version "
    "{current}: upgrade coparent to read it"
)
_NO_MIGRATION = P_("no migration from schema version {version} is known")

#: A text value an error message quotes (``got 'x'``, ``lists 'x' more than once``).
_ECHOED = re.compile(r"""(got |lists )('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def _unechoed(cls: type[Any], path: tuple[Any, ...], message: str) -> str:
    """``message`` without the value it quotes when ``path`` is in a field that some reader
    may not see (risk, contact details, a school, the child's words): an error message is
    printed and logged, and must not carry what redaction would withhold."""
    if not _withheld_somewhere(cls, path):
        return message
    return _ECHOED.sub(lambda m: m.group(1) + _NOT_SHOWN, message)


def _withheld_somewhere(cls: type[Any], path: tuple[Any, ...]) -> bool:
    """Whether a field along ``path`` (field names and list indexes) is not for everyone."""
    from .model._base import Visibility
    from .model.introspect import Kind, spec_of

    current: Any = cls
    for token in path:
        if not isinstance(token, str) or current is None or not is_model_class(current):
            continue  # a list index, or a value inside a field already looked at
        f = spec_of(current).by_name.get(token)
        if f is None:
            return False
        if f.info.visibility is not Visibility.EVERYONE:
            return True
        classes = f.classes() if f.kind in (Kind.SECTION, Kind.UNION, Kind.ITEMS) else ()
        current = classes[0] if len(classes) == 1 else None
    return False


def open_envelope(cls: type[Any], data: Any) -> dict[str, Any]:
    """Check a document's ``kind`` and ``schema_version`` and return its body, upgraded.

    An older schema version is migrated to the current one; a newer one, a wrong kind or a
    missing field raises :class:`ValidationError`.
    """
    kind, current = _envelope_of(cls)
    what = _what(cls)
    if type(data) is not dict:
        raise ValidationError(
            [ErrorDetail(path="", message=_EXPECTED_OBJECT.format(value=_code.describe(data)))],
            what=what,
        )
    problems = []
    found = data.get("kind")
    if found is None:
        problems.append(ErrorDetail(path="/kind", message=_MISSING_KIND.format(kind=repr(kind))))
    elif found != kind:
        problems.append(
            ErrorDetail(
                path="/kind", message=_WRONG_KIND.format(value=_show(found), kind=repr(kind))
            )
        )
    version = data.get("schema_version")
    if version is None:
        problems.append(ErrorDetail(path="/schema_version", message=_code._MISSING_FIELD))
    elif type(version) is not int or version < 1:
        problems.append(ErrorDetail(path="/schema_version", message=_BAD_VERSION))
    elif version > current:
        problems.append(
            ErrorDetail(
                path="/schema_version",
                message=_NEWER.format(version=version, current=current),
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
                        message=_NO_MIGRATION.format(version=version),
                    )
                ],
                what=what,
            ) from None
    return body


def to_json(doc: Any, *, indent: int | None = None) -> str:
    """The JSON text of a document: UTF-8 (no ``\\u`` escapes), stable field order.

    Compact by default (the fast path for APIs); ``indent=2`` for text people read.
    """
    return _encode_fast(doc, indent=indent).decode("utf-8")


def to_json_bytes(doc: Any, *, indent: int | None = None) -> bytes:
    """The UTF-8 bytes of :func:`to_json`, written without making a ``str`` first.

    For a web response, a socket or a file opened in binary mode, which take bytes: a text
    with letters beyond ASCII (names, the pound sign, curly quotes) costs a UTF-8 decode to
    become a ``str``, and another encode on the way out (the decode alone is about a sixth of
    ``to_json`` for the example plan). :func:`from_json` reads bytes as well as text.
    """
    return _encode_fast(doc, indent=indent)


def _encode_fast(doc: Any, *, indent: int | None = None) -> bytes:
    """The bytes ``_encode(to_dict(doc))`` gives, written by orjson from shallow dumps.

    orjson writes choices, dates, UUIDs and tuples itself and asks
    :func:`~coparent._converter_code.orjson_default` only for the model objects, so no
    nested dict is built in Python first. ``tests/test_convert.py`` checks the bytes are equal.
    """
    import orjson

    if indent not in (None, 2):
        raise ValueError("indent must be None (compact) or 2")
    cls = type(doc)
    shallow = _code.SHALLOW.get(cls)
    if shallow is None:
        _code.ensure(cls)
        shallow = _code.SHALLOW[cls]
    if getattr(cls, "KIND", None) is not None:
        kind, version = _envelope_of(cls)
        body = {"kind": kind, "schema_version": version}
        body.update(shallow(doc))
    elif getattr(cls, "TAG", None) is not None:
        return _encode(to_dict(doc), indent=indent)  # alone, a union member has no tag
    else:
        body = shallow(doc)
    try:
        return orjson.dumps(
            body,
            default=_code.orjson_default,
            option=orjson.OPT_INDENT_2 if indent == 2 else 0,
        )
    except orjson.JSONEncodeError as e:
        if isinstance(e.__cause__, Exception) and not isinstance(e.__cause__, _code.NotModel):
            raise e.__cause__ from None  # a bug in a dump, as the reference path raises it
        return _encode(to_dict(doc), indent=indent)  # the reference path reports it


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


class _BadConstant(Exception):
    """JSON text uses NaN, Infinity or -Infinity, which JSON does not allow."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadConstant(f"{text[:40]} (too large to be a finite number)")
    return value


def _over_limit(text: str | bytes, limit: int) -> int | None:
    """The size in bytes (text as UTF-8) if it is over ``limit``; encodes only when it must."""
    if isinstance(text, bytes) or len(text) > limit:
        size = len(text)  # text: a character is at least one byte
    elif len(text) * 4 <= limit:  # a character is at most four bytes
        return None
    else:
        size = len(text.encode("utf-8", "surrogatepass"))
    return size if size > limit else None


def parse_json(text: str | bytes, *, what: str = "the document", max_bytes: int = MAX_BYTES) -> Any:
    """Parse JSON text strictly (no NaN or Infinity, no repeated keys), or raise ValidationError.

    A number too large for a float (such as ``1e400``) is refused too, rather than read as
    infinity. Input longer than ``max_bytes`` (counted in bytes, text as UTF-8) is refused
    before parsing, to protect a server from
    oversized requests; nesting deeper than the interpreter's recursion limit (about 1,000
    levels; coparent's documents nest fewer than 10) is refused as well.
    """

    def bad(message: str) -> ValidationError:
        return ValidationError([ErrorDetail(path="", message=message)], what=what)

    size = _over_limit(text, max_bytes)
    if size is not None:
        raise bad(
            f"the input is at least {size:,} bytes, more than the limit of {max_bytes:,}; "
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


_UNPROVEN: Any = object()

#: The most commas (so list items and fields) a text may have for the quick route. Writing the
#: parsed value back, orjson reserves about 170 bytes per list item whatever its size (16 MB for
#: a 300 KB list of 100,000 numbers): past this the reference route keeps memory in proportion.
_QUICK_ITEMS = 40_000


def _quick_parse(text: str | bytes, max_bytes: int) -> Any:
    """``text`` parsed by orjson when that is provably what :func:`parse_json` gives, or
    :data:`_UNPROVEN`.

    orjson refuses ``NaN``, ``Infinity`` and numbers too large for a float, as
    :func:`parse_json` does, but silently keeps the last of a repeated key. Two proofs that no
    key was dropped, both from writing the parsed value back with orjson:

    - the text is exactly what orjson writes (compact, or indented as :func:`dump` writes files,
      with or without a final newline). orjson never writes a key twice, so neither does the
      text; this is the usual case and costs one comparison;
    - otherwise, counting quotes: every ``"`` of the text opens or closes a string or is an
      escaped quote inside one, and orjson writes the parsed value back the same way, so the
      two counts are equal exactly when every string of the text, every key included,
      survived. A ``\\u0022`` (a quote written as an escape, which the text does not count)
      makes this proof fail.

    Anything orjson refuses fails too: the caller then uses :func:`parse_json`. Numbers beyond
    64 bits, which orjson reads as floats, are left to the caller (see :func:`_load_text`).
    """
    import orjson

    if _over_limit(text, max_bytes) is not None:
        return _UNPROVEN
    if isinstance(text, bytes):
        commas = text.count(b",") if len(text) > _QUICK_ITEMS else 0
    else:  # a text has fewer commas than characters: count them only when it is long
        commas = text.count(",") if len(text) > _QUICK_ITEMS else 0
    if commas > _QUICK_ITEMS:
        return _UNPROVEN
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return _UNPROVEN
    # orjson refused lone surrogates, so the text encodes.
    raw = text if isinstance(text, bytes) else text.encode()
    pretty = raw[1:2] == b"\n"  # as dump writes files: indented by two spaces
    try:
        written = orjson.dumps(data, option=orjson.OPT_INDENT_2 if pretty else 0)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes (it reads deeper)
        return _UNPROVEN
    return data if _nothing_dropped(raw, written) else _UNPROVEN


def _nothing_dropped(raw: bytes, written: bytes) -> bool:
    """Whether ``written``, a parse of ``raw`` written back, proves that no key was repeated
    (dropped by the parser): it is ``raw`` itself (with or without a final newline), or it has
    as many quotes and ``raw`` has no quote written as an escape (see :func:`_quick_parse`)."""
    extra = len(raw) - len(written)
    if (extra == 0 or (extra == 1 and raw[-1:] == b"\n")) and raw.startswith(written):
        return True  # the very text the parser's library writes
    # A text with no backslash has no escape; looking for one byte is many times quicker.
    no_escaped_quote = b"\\" not in raw or b"\\u0022" not in raw
    return no_escaped_quote and written.count(b'"') == raw.count(b'"')


_KIND_FIRST = re.compile(rb'\s*\{\s*"kind"\s*:\s*"([a-z_]{1,40})"')


def _kind_written_first(text: str | bytes) -> type[Any] | None:
    """The document class named by a ``kind`` written first, as coparent writes it: a guess
    for the mirror route, which checks the kind it decodes (a wrong guess only costs time)."""
    head = text[:80] if isinstance(text, bytes) else text[:80].encode("utf-8", "replace")
    found = _KIND_FIRST.match(head)
    return DOCUMENT_TYPES.get(found.group(1).decode()) if found else None


def _mirror_load(text: str | bytes, cls: type[Any], max_bytes: int) -> Any:
    """The document msgspec decodes from ``text`` into ``cls``'s mirror (see :mod:`._mirrors`)
    when that is provably what the reference route gives, or :data:`_UNPROVEN`.

    The mirror refuses unknown and missing keys; a repeated key, whose last value msgspec
    keeps, is found as :func:`_quick_parse` finds it: the mirror written back (indented by two
    spaces when the text is, as :func:`dump` writes files) must be the text, or have as many
    quotes. The generated ``struct`` functions check every value.
    """
    if _over_limit(text, max_bytes) is not None:
        return _UNPROVEN
    route = _MIRROR_ROUTES.get(cls, False)
    if route is False:
        from . import _mirrors

        route = _MIRROR_ROUTES[cls] = _mirrors.route(cls) if _quick_ok(cls) else None
    if route is None:
        return _UNPROVEN
    try:
        mirror = route.decode(text)
    except route.refused:
        return _UNPROVEN
    kind, current = _envelope_of(cls)
    if mirror.kind != kind or mirror.schema_version != current:
        return _UNPROVEN
    raw = text if isinstance(text, bytes) else text.encode()
    written = route.encode(mirror)
    if raw[1:2] == b"\n":  # indented, as dump writes files: compared with the same layout
        written = route.indent(written)
    if not _nothing_dropped(raw, written):
        return _UNPROVEN
    try:
        return route.build(mirror)
    except Invalid:
        return _UNPROVEN


#: Each document class's mirror route (None: it has none), made on its first load.
_MIRROR_ROUTES: dict[type[Any], Any] = {}


def _quick_ok(cls: type[Any]) -> bool:
    """Whether ``cls`` can take orjson's parse: it holds no field that keeps any JSON value.

    A number beyond 64 bits is a float to orjson and an int to the standard library; a model
    field that takes a number takes only an int, so such a float is refused and the text is
    read again by the reference path; a field that keeps any JSON value would keep the float.
    """
    found = _QUICK.get(cls)
    if found is None:
        found = _QUICK[cls] = all(
            f.kind is not Kind.JSON and f.value_kind is not Kind.JSON
            for spec in all_classes(cls)
            for f in spec.fields
        )
    return found


_QUICK: dict[type[Any], bool] = {}


def _load_text(text: str | bytes, cls: type[Any] | None, *, what: str, max_bytes: int) -> Any:
    """The document in ``text``, by the first route that proves it gives what the reference
    gives: msgspec's mirrors (:func:`_mirror_load`, for text that gives every field), orjson's
    parse (:func:`_quick_parse`), else the reference.

    Any problem on a quick route (including a number orjson read differently) sends the text
    on to the next, and finally down the reference route (:func:`parse_json`, then
    :func:`from_dict`), which alone decides what is wrong and reports it.
    """
    target = cls if cls is not None else _kind_written_first(text)
    if target is not None and getattr(target, "KIND", None) is not None:
        doc = _mirror_load(text, target, max_bytes)
        if doc is not _UNPROVEN:
            return doc
    data = _quick_parse(text, max_bytes)
    if data is not _UNPROVEN:
        found = cls if cls is not None else _kind_of(data)
        if found is not None and _quick_ok(found):
            try:
                return _fast_only(data, found, parsed=True)
            except (Invalid, ValidationError):
                pass  # the reference route below says what is wrong
        data = None  # not kept while the reference route parses the text again
    data = parse_json(text, what=what, max_bytes=max_bytes)
    if cls is None:
        cls = _kind_of(data)
        if cls is None:
            kind = data.get("kind") if type(data) is dict else None
            kinds = ", ".join(repr(k) for k in DOCUMENT_TYPES)
            raise ValidationError(
                [
                    ErrorDetail(
                        path="/kind", message=_code._ONE_OF.format(allowed=kinds, value=_show(kind))
                    )
                ],
                what=what,
            )
    return from_dict(data, cls)


def _fast_only(data: Any, cls: type[T], *, envelope: bool = True, parsed: bool = False) -> T:
    """:func:`from_dict` without the detailed path: a problem raises Invalid or ValidationError.

    ``parsed``: ``data`` is orjson's parse of a text, so its text needs no Unicode check.
    """
    extra = 0
    if envelope and getattr(cls, "KIND", None) is not None:
        if _current_envelope(cls, data):
            extra = 2  # read in place: the fast function counts the two envelope keys
        else:
            data = open_envelope(cls, data)
    functions = _code.FAST_PARSED if parsed else _code.FAST
    fast = functions.get(cls)
    if fast is None:
        _code.ensure(cls)
        fast = functions[cls]
    return cast(T, fast(data, extra))


def _current_envelope(cls: type[Any], data: Any) -> bool:
    """Whether ``data`` is a document of ``cls`` at the current schema version, whose fields
    can be read beside ``kind`` and ``schema_version`` (no field of ``cls`` has those names)."""
    if type(data) is not dict:
        return False
    kind, current = _envelope_of(cls)
    version = data.get("schema_version")
    if data.get("kind") != kind or type(version) is not int or version != current:
        return False
    apart = _ENVELOPE_APART.get(cls)
    if apart is None:
        from .model.introspect import spec_of

        names = spec_of(cls).by_name
        apart = _ENVELOPE_APART[cls] = "kind" not in names and "schema_version" not in names
    return apart


_ENVELOPE_APART: dict[type[Any], bool] = {}


def _kind_of(data: Any) -> type[Any] | None:
    kind = data.get("kind") if type(data) is dict else None
    return DOCUMENT_TYPES.get(kind) if type(kind) is str else None


def from_json(text: str | bytes, cls: type[T], *, max_bytes: int = MAX_BYTES) -> T:
    """Load a ``cls`` from JSON text; bad input raises :class:`ValidationError`.

    Text longer than ``max_bytes`` (default :data:`MAX_BYTES`, 32 MiB) is refused unread.
    """
    return cast(T, _load_text(text, cls, what=_what(cls), max_bytes=max_bytes))


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
    return _load_text(read_bounded(path, max_bytes), cls, what=str(path), max_bytes=max_bytes)


def dump(doc: Any, path: str | os.PathLike[str]) -> Path:
    """Write a document as JSON, atomically: on any failure an existing file is left as it was.

    ``path`` must be a regular file or a new path; a device, FIFO, folder or symbolic link is
    refused with :class:`~coparent.errors.FileRefusedError` (see :func:`write_atomic`).
    """
    data = _encode_fast(doc, indent=2) + b"\n"
    target = Path(path)
    write_atomic(target, data)
    return target
