"""The converter's generated code: one generator, read from the spec tree, for every path.

For each model class the generator writes plain Python functions from the class's
:class:`~coparent.model.introspect.ClassSpec`:

- a **fast** function: straight-line checks of each field and the object built, for input that
  is valid (the common case). On the first problem it raises :class:`Invalid` and nothing else;
- a **struct** function: the fast function's checks for a msgspec mirror of the class (see
  :mod:`._mirrors`), which gives every field and no other, each of its JSON type already;
- a **detailed** function: the same checks (each kind's check is written once, in
  :data:`_SCALARS`, and used by both), but every problem is collected with its path;
- a **dump** function: the object's JSON-ready dict (tuples as lists, choices as their values,
  times as ``HH:MM:SS``, tagged unions with ``type``): the reference for writing;
- a **shallow** dump for ``orjson.dumps(..., default=)``: the same JSON, with what orjson writes
  the same way (choices, dates, most times, nested sections) left to orjson.

The fast functions run twice over, from one compiled source: :data:`FAST` for any Python value,
and :data:`FAST_PARSED` for what orjson parsed, which skips the Unicode check of text (orjson
refuses lone surrogates).

The source is registered in :mod:`linecache`, so a traceback through generated code shows it.
Only :class:`Invalid` means "the input is wrong"; any other exception is a bug and propagates.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import itertools
import linecache
import math
import re
import threading
import types
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any, NoReturn

from . import _code_cache
from .errors import MAX_PROBLEMS
from .i18n import N_, P_
from .model._base import (
    _ITEM_ID_RE,
    ITEM_ID_PATTERN,
    Choice,
    FieldRuleError,
    bounded,
    unique_ids,
    unique_items,
    valid_item_id,
    wall_time,
)
from .model.introspect import TAG, ClassSpec, FieldSpec, Kind, all_classes, spec_of

# Canonical text forms. The schema module uses the same patterns, so the JSON Schema and the
# converter accept exactly the same strings. Each ends with ``(?![\s\S])`` (nothing follows),
# not ``$``: Python's ``$`` also matches before a final newline, JavaScript's does not.
DATE_PATTERN = r"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}(?![\s\S])"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?![\s\S])"
DATETIME_PATTERN = (
    r"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.(?!0{6})[0-9]{6})?"
    # UTC may be written Z (as JavaScript, pydantic and RJSF write it); dumps write +00:00.
    r"(Z|[+-]((?!00:00)([01][0-9]|2[0-3]):[0-5][0-9]|00:00$))(?![\s\S])"
)
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\s\S])"

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

#: Exceptions a class's validators and ``__attrs_post_init__`` raise for a broken rule.
RULE_ERRORS = (FieldRuleError, ValueError, TypeError)

_UNKNOWN = N_("unknown field; this object has no field of that name")
_MISSING_FIELD = N_("required field is missing")
#: The problem templates (marked for translation; the English is formatted from them).
_GOT = P_("{expected}, got {value}")
_EXPECTED_TEXT = P_("expected text, got {value}")
_EXPECTED_LIST = P_("expected a list, got {value}")
_ONE_OF = P_("expected one of {allowed}; got {value}")
_MISSING_ONE_OF = P_("required field is missing; one of {allowed}")
_PYTHON_VALUE = P_("a Python {type}, which is not JSON")
_NOT_REAL = {
    "date": P_("{value} is not a real date"),
    "time": P_("{value} is not a real time"),
    "datetime": P_("{value} is not a real date and time"),
    "uuid": P_("{value} is not a valid UUID"),
}
#: What a JSON value is, in words (``null``, ``true`` and ``false`` are JSON's own words).
_DESCRIBED = {
    int: N_("a number"),
    float: N_("a number"),
    str: N_("text"),
    list: N_("a list"),
    dict: N_("an object"),
}


class Invalid(Exception):
    """The input is wrong. The only exception generated code raises on purpose.

    The fast path raises it bare (it stops at the first problem); the detailed path fills
    ``problems`` with every problem and its path relative to the value being structured.
    """

    def __init__(self, problems: list[Problem] | None = None, more: int = 0) -> None:
        super().__init__()
        self.problems: list[Problem] = problems if problems is not None else []
        #: Problems found but not kept: a list stops keeping them (and building their paths)
        #: after :data:`~coparent.errors.MAX_PROBLEMS`, so a huge list of bad items stays cheap.
        self.more = more


class _Missing:
    """The type of :data:`MISSING`: a field the input leaves out."""


MISSING = _Missing()


def describe(value: object) -> str:
    """What a value is, in words; anything that is not JSON is named as a Python value."""
    if value is None:
        return "null"
    tp = type(value)
    if tp is bool:
        return "true" if value else "false"
    described = _DESCRIBED.get(tp)
    if described is not None:
        return described
    return _PYTHON_VALUE.format(type=tp.__name__)


def show(value: object) -> str:
    """A short quote of a text value, or :func:`describe` of anything else."""
    if type(value) is str:
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    return describe(value)


def _problem(message: str) -> NoReturn:
    raise Invalid([((), message)])


def _text_ok(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_json(value: object, depth: int = 0) -> bool:
    """Whether ``value`` is what JSON parses to: no tuples, sets, dates or enum members."""
    if value is None or type(value) in (bool, int):
        return True
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is str:
        return value.isascii() or _text_ok(value)
    if depth > 100:
        return False
    if type(value) is list:
        return all(_is_json(item, depth + 1) for item in value)
    if type(value) is dict:
        return all(type(k) is str and _is_json(v, depth + 1) for k, v in value.items())
    return False


def _to_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        _problem(_NOT_REAL["date"].format(value=value))


def _to_time(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        _problem(_NOT_REAL["time"].format(value=value))


def _to_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        _problem(_NOT_REAL["datetime"].format(value=value))


def _to_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        _problem(_NOT_REAL["uuid"].format(value=value))


# The fast path's dates and times: the same pattern and the same parse, remembered by their text
# (a plan repeats the same few dates and times many times). A text that is not canonical, or not
# a real date or time, raises a bare Invalid: the detailed path says why.
_MEMO_SIZE = 4096
_DATE_MEMO: dict[str, date] = {}
_TIME_MEMO: dict[str, time] = {}
_date_fullmatch = re.compile(DATE_PATTERN).fullmatch
_time_fullmatch = re.compile(TIME_PATTERN).fullmatch


def _memoised(
    fullmatch: Callable[[str], object], parse: Callable[[str], Any], memo: dict[str, Any]
) -> Callable[[str], Any]:
    """The fast path's parse of canonical text (``fullmatch``), remembered in ``memo``."""

    def fast(value: str) -> Any:
        if fullmatch(value) is None:
            raise Invalid
        try:
            found = parse(value)
        except ValueError:
            raise Invalid from None
        if len(memo) < _MEMO_SIZE:
            memo[value] = found
        return found

    return fast


_fast_date = _memoised(_date_fullmatch, date.fromisoformat, _DATE_MEMO)
_fast_time = _memoised(_time_fullmatch, time.fromisoformat, _TIME_MEMO)


#: The fast path's own check and conversion of the kinds it memoises (the rest share _SCALARS).
_FAST_SCALARS: dict[Kind, tuple[str, str]] = {
    Kind.DATE: ("type({v}) is str", "(_date_memo({v}) or _fast_date({v}))"),
    Kind.TIME: ("type({v}) is str", "(_time_memo({v}) or _fast_time({v}))"),
}


#: What remains of the check of each kind for a value msgspec decoded as its JSON type, where
#: that is less than the check ("" for nothing; a date's or time's conversion checks it).
_MIRROR_CHECKS: dict[Kind, str] = {
    Kind.TEXT: "",
    Kind.ID: "",
    Kind.REFERENCE: "",
    Kind.BOOL: "",
    Kind.NUMBER: "",
    Kind.DATE: "",
    Kind.TIME: "",
    Kind.DATETIME: "_datetime_re({v}) is not None",
    Kind.UUID: "_uuid_re({v}) is not None",
}


def _text_message(value: object) -> str:
    if type(value) is not str:
        return _EXPECTED_TEXT.format(value=describe(value))
    return N_("contains an unpaired surrogate, which is not valid Unicode text")


def _fixed(message: str) -> Callable[[object], str]:
    return lambda value: _GOT.format(expected=message, value=show(value))


# Each scalar kind, once: the check (a Python expression of ``{v}``), the conversion of a value
# that passed the check (it may raise Invalid, e.g. for 2024-02-30), the message when the
# check fails, and the dump expression. Both paths are generated from these strings.
_SCALARS: dict[Kind, tuple[str, str, Callable[[object], str], str]] = {
    Kind.TEXT: (
        # _parsed_text: in the namespace of FAST_PARSED, whose input orjson parsed (it refuses
        # lone surrogates, so every text is valid Unicode); False everywhere else.
        "type({v}) is str and (_parsed_text or {v}.isascii() or _text_ok({v}))",
        "{v}",
        _text_message,
        "{v}",
    ),
    Kind.BOOL: ("type({v}) is bool", "{v}", _fixed(N_("expected true or false")), "{v}"),
    Kind.NUMBER: ("type({v}) is int", "{v}", _fixed(N_("expected a whole number")), "{v}"),
    Kind.DATE: (
        "type({v}) is str and _date_re({v}) is not None",
        "_to_date({v})",
        _fixed(N_("expected a date written YYYY-MM-DD")),
        "{v}.isoformat()",
    ),
    Kind.TIME: (
        "type({v}) is str and _time_re({v}) is not None",
        "_to_time({v})",
        _fixed(N_("expected a time written HH:MM:SS (24-hour clock)")),
        "{v}.isoformat(timespec='seconds')",
    ),
    Kind.DATETIME: (
        "type({v}) is str and _datetime_re({v}) is not None",
        "_to_datetime({v})",
        _fixed(N_("expected a date and time with its offset, written YYYY-MM-DDTHH:MM:SS+00:00")),
        "{v}.isoformat()",
    ),
    Kind.UUID: (
        "type({v}) is str and _uuid_re({v}) is not None",
        "_to_uuid({v})",
        _fixed(N_("expected a UUID in lower case, such as 6f1c2a4e-7b3d-4c5e-9f10-2a3b4c5d6e7f")),
        "str({v})",
    ),
}
_SCALARS[Kind.ID] = _SCALARS[Kind.REFERENCE] = _SCALARS[Kind.TEXT]
# A JSON value kept as it is (a saved merge's values): checked to be JSON-shaped, then copied.
_SCALARS[Kind.JSON] = ("_is_json({v})", "{v}", _fixed(N_("expected a JSON value")), "{v}")


def _choice_scalar(
    members: str, choice: type[Choice]
) -> tuple[str, str, Callable[[object], str], str]:
    allowed = ", ".join(repr(v) for v in choice._value2member_map_)

    def message(value: object) -> str:
        return _ONE_OF.format(allowed=allowed, value=show(value))

    return f"type({{v}}) is str and {{v}} in {members}", f"{members}[{{v}}]", message, "{v}._value_"


def detailed_list(value: Any, check: Callable[[Any], Any]) -> tuple[Any, ...]:
    """A JSON list checked item by item; every problem carries its item's index."""
    if type(value) is not list:
        _problem(_EXPECTED_LIST.format(value=describe(value)))
    out = []
    problems: list[Problem] = []
    more = 0
    for index, item in enumerate(value):
        try:
            out.append(check(item))
        except Invalid as e:
            more += e.more
            if len(problems) < MAX_PROBLEMS:
                problems.extend(((index, *path), msg) for path, msg in e.problems)
            else:
                more += len(e.problems)
    if problems or more:
        raise Invalid(problems, more)
    return tuple(out)


def rule_problems(
    spec: ClassSpec, kwargs: Mapping[str, Any], *, only_given: bool = False
) -> list[Problem]:
    """Every rule of ``spec``'s class that ``kwargs`` breaks, found by running each check alone.

    With ``only_given`` (some fields failed to load) only the checks of single loaded fields
    run: rules that compare fields need them all.
    """
    values = {
        f.name: kwargs[f.name] if f.name in kwargs else f.default_value() for f in spec.fields
    }
    stand_in = types.SimpleNamespace(**values)
    problems: list[Problem] = []
    for f in spec.fields:
        if f.validator is None or (only_given and f.name not in kwargs):
            continue
        try:
            f.validator(stand_in, f.attribute, values[f.name])
        except FieldRuleError as e:
            problems.append(((e.field,), e.message))
        except (ValueError, TypeError) as e:
            problems.append(((f.name,), str(e)))
    if only_given:
        return problems
    post_init = getattr(spec.cls, "__attrs_post_init__", None)
    if not problems and post_init is not None:
        try:
            post_init(stand_in)
        except FieldRuleError as e:
            problems.append(((e.field,), e.message))
    if not problems:
        try:
            spec.build(kwargs)
        except RULE_ERRORS as e:
            problems.append(((), str(e)))
    return problems


#: The generated functions by class (tests may replace one to prove the agreement test fails).
#: A fast function takes the object and ``extra``, the keys beside its fields that the caller
#: checked already (a union member's tag, a document's envelope).
FAST: dict[type[Any], Callable[..., Any]] = {}
#: The fast functions for values orjson parsed: the same source, run in a namespace where
#: text is not checked for lone surrogates, which orjson refuses to parse.
FAST_PARSED: dict[type[Any], Callable[..., Any]] = {}
DETAILED: dict[type[Any], Callable[[Any], Any]] = {}
#: The fast functions for what msgspec decoded into the classes' mirrors (see :mod:`._mirrors`):
#: the same checks, reading each field as an attribute of the mirror instead of a dict's key.
STRUCT: dict[type[Any], Callable[[Any], Any]] = {}
DUMP: dict[type[Any], Callable[[Any], Any]] = {}
#: Shallow dumps for ``orjson.dumps(..., default=)``: the object's dict with nested objects,
#: choices, dates, UUIDs and tuples left for orjson to write (it writes them as DUMP would).
SHALLOW: dict[type[Any], Callable[[Any], Any]] = {}


class NotModel(TypeError):
    """:func:`orjson_default` met a value that is not a model object."""


def orjson_default(value: Any) -> Any:
    """orjson's ``default``: a model object's shallow dict (its class generated already)."""
    shallow = SHALLOW.get(type(value))
    if shallow is None:
        raise NotModel(type(value).__name__)
    return shallow(value)


class _Generator:
    """Writes the source of the three functions of each class into one shared namespace."""

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_Invalid": Invalid,
            "_MISSING": MISSING,
            "_TAG": TAG,
            "_RULE_ERRORS": RULE_ERRORS,
            "_UNKNOWN": _UNKNOWN,
            "_describe": describe,
            "_show": show,
            "_text_ok": _text_ok,
            "_is_json": _is_json,
            "_to_date": _to_date,
            "_to_time": _to_time,
            "_to_datetime": _to_datetime,
            "_to_uuid": _to_uuid,
            "_detailed_list": detailed_list,
            "_rules": rule_problems,
            "_date_re": re.compile(DATE_PATTERN).fullmatch,
            "_time_re": re.compile(TIME_PATTERN).fullmatch,
            "_datetime_re": re.compile(DATETIME_PATTERN).fullmatch,
            "_uuid_re": re.compile(UUID_PATTERN).fullmatch,
            "_date_memo": _DATE_MEMO.get,
            "_time_memo": _TIME_MEMO.get,
            "_fast_date": _fast_date,
            "_fast_time": _fast_time,
            "_item_id_re": _ITEM_ID_RE.fullmatch,
            "_parsed_text": False,
        }
        # The same functions again, for FAST_PARSED: each source is compiled once and run in
        # both namespaces, so each family of functions calls its own.
        self.parsed_ns: dict[str, Any] = {**self.ns, "_parsed_text": True}
        self.counter = itertools.count(1)
        self.names: dict[type[Any], int] = {}
        self.unions: dict[tuple[type[Any], ...], int] = {}
        self.checks: dict[Any, str] = {}
        self.sources: list[str] = []
        self.tables: list[str] = []
        self.choices: dict[type[Choice], str] = {}

    def bind(self, prefix: str, value: Any) -> str:
        name = f"_{prefix}{next(self.counter)}"
        self.ns[name] = self.parsed_ns[name] = value
        return name

    # the scalar kinds

    def fast_scalar(self, f: FieldSpec, mirror: bool = False) -> tuple[str, str]:
        """The fast path's check and conversion of a scalar field (or list item).

        ``mirror``: the value is of the JSON type the field takes (msgspec decoded it into a
        mirror, and refused lone surrogates), so the check is only what remains ("" for none).
        """
        kind = f.value_kind if f.kind is Kind.VALUES else f.kind
        if mirror and kind is Kind.CHOICE:
            return "", "{v}"  # msgspec decoded the member (see _mirrors)
        check, convert = _FAST_SCALARS[kind] if kind in _FAST_SCALARS else self.scalar(f)[:2]
        if mirror:
            assert kind is not None
            check = _MIRROR_CHECKS.get(kind, check)
        return check, convert

    def scalar(self, f: FieldSpec) -> tuple[str, str, str]:
        """The check, the conversion and the dump expression of a scalar field (or list item)."""
        kind = f.value_kind if f.kind is Kind.VALUES else f.kind
        assert kind is not None
        if kind is Kind.CHOICE:
            check, convert, _, dump = _choice_scalar(self.members(f), f.value_type)
            return check, convert, dump
        check, convert, _, dump = _SCALARS[kind]
        return check, convert, dump

    def members(self, f: FieldSpec) -> str:
        """The name of the dict from each value of the choice ``f`` holds to its member."""
        members = self.choices.get(f.value_type)
        if members is None:
            members = self.bind("M", dict(f.value_type._value2member_map_))
            self.choices[f.value_type] = members
        return members

    def scalar_checker(self, f: FieldSpec) -> str:
        """The name of the detailed check of a scalar kind: the same check, with its message."""
        kind = f.value_kind if f.kind is Kind.VALUES else f.kind
        key = f.value_type if kind is Kind.CHOICE else kind
        if key in self.checks:
            return self.checks[key]
        check, convert, _ = self.scalar(f)
        if kind is Kind.CHOICE:
            message = _choice_scalar("", f.value_type)[2]
        else:
            assert kind is not None
            message = _SCALARS[kind][2]
        name = f"_check_{kind.name.lower()}_{next(self.counter)}"
        msg = self.bind("msg", message)
        self.sources.append(
            f"def {name}(v):\n"
            f"    if {check.format(v='v')}:\n"
            f"        return {convert.format(v='v')}\n"
            f"    raise _Invalid([((), {msg}(v))])"
        )
        self.checks[key] = name
        return name

    # names of the class and union functions

    def fn(self, prefix: str, cls: type[Any]) -> str:
        return f"{prefix}_{cls.__name__}_{self.names[cls]}"

    def union(self, f: FieldSpec) -> int:
        key = tuple(f.variants.values())
        if key not in self.unions:
            self.unions[key] = number = next(self.counter)
            self.write_union(f, number)
        return self.unions[key]

    def write_union(self, f: FieldSpec, number: int) -> None:
        allowed = ", ".join(repr(t) for t in f.variants)
        missing = _MISSING_ONE_OF.format(allowed=allowed)
        wrong = f"expected one of {allowed}; got "
        fast = ", ".join(f"{tag!r}: {self.fn('fast', c)}" for tag, c in f.variants.items())
        detailed = ", ".join(f"{tag!r}: {self.fn('detailed', c)}" for tag, c in f.variants.items())
        dumps = "\n".join(
            f"    if c is {self.bind('C', c)}: return {{_TAG: {tag!r}, **{self.fn('dump', c)}(o)}}"
            for tag, c in f.variants.items()
        )
        self.sources.append(
            f"def fast_union_{number}(d):\n"
            "    if type(d) is not dict: raise _Invalid\n"
            "    tag = d.get(_TAG)\n"
            f"    f = _fast_tags_{number}.get(tag) if type(tag) is str else None\n"
            "    if f is None: raise _Invalid\n"
            # The member reads ``d`` as it is, counting the tag as one key more than its fields.
            "    return f(d, 1)\n\n\n"
            f"def struct_union_{number}(d):\n"
            # The mirrors of the members, filled in by _mirrors when it makes them.
            f"    return _struct_tags_{number}[type(d)](d)\n\n\n"
            f"def detailed_union_{number}(d):\n"
            "    if type(d) is not dict:\n"
            "        raise _Invalid([((), 'expected an object, got ' + _describe(d))])\n"
            "    tag = d.get(_TAG)\n"
            "    if tag is None:\n"
            f"        raise _Invalid([((_TAG,), {missing!r})])\n"
            f"    f = _detailed_tags_{number}.get(tag) if type(tag) is str else None\n"
            "    if f is None:\n"
            f"        raise _Invalid([((_TAG,), {wrong!r} + _show(tag))])\n"
            "    rest = dict(d)\n"
            "    del rest[_TAG]\n"
            "    return f(rest)\n\n\n"
            f"def dump_union_{number}(o):\n"
            "    c = type(o)\n"
            f"{dumps}\n"
            "    raise TypeError(f'{c.__name__} is not one of the classes this field holds')"
        )
        # The tables name functions defined further down, so they come after every function.
        self.tables.append(f"_fast_tags_{number} = {{{fast}}}")
        self.tables.append(f"_detailed_tags_{number} = {{{detailed}}}")
        # Annotated for mypy (and so mypyc; see module_source): an empty dict of no known type.
        self.tables.append(f"_struct_tags_{number}: dict[type, object] = {{}}")

    # one class

    def write_class(self, spec: ClassSpec) -> None:
        cls = spec.cls
        c = self.bind("C", cls)
        s = self.bind("S", spec)
        names = self.bind("N", frozenset(f.name for f in spec.fields))
        direct = _builds_directly(cls)
        if spec.tag is not None and TAG in spec.by_name:
            raise TypeError(f"{cls.__name__} is tagged, so it cannot have a field {TAG!r}")
        fast = [
            # ``extra``: keys that are not fields, checked already by the caller (a union's tag).
            f"def {self.fn('fast', cls)}(d, extra=0):",
            "    if type(d) is not dict: raise _Invalid",
            # Objects written by coparent give every field: read them without d.get.
            f"    if len(d) == {len(spec.fields)} + extra:",
            "        try:",
            *[f"            s_{f.name} = d[{f.name!r}]" for f in spec.fields],
            "        except KeyError:",
            "            raise _Invalid from None",  # as many keys, so an unknown one
        ]
        given = []
        for f in spec.fields:
            given += self.fast_value(f, f"s_{f.name}", f"v_{f.name}", "        ", direct)
        fast += given
        fast += ["    else:", "        n = 0"]
        detailed = [
            f"def {self.fn('detailed', cls)}(d):",
            "    if type(d) is not dict:",
            "        raise _Invalid([((), 'expected an object, got ' + _describe(d))])",
            "    kw = {}",
            "    P = []",
            "    M = 0",
        ]
        dump: list[str] = []
        args = []
        for f in spec.fields:
            src, dst = f"s_{f.name}", f"v_{f.name}"
            fast.append(f"        {src} = d.get({f.name!r}, _MISSING)")
            fast.append(f"        if {src} is _MISSING:")
            if f.required:
                fast.append("            raise _Invalid")
            elif f.factory is not None:
                fast.append(f"            {dst} = {self.bind('F', f.factory)}()")
            else:
                fast.append(f"            {dst} = {self.bind('D', f.default)}")
            fast.append("        else:")
            fast.append("            n += 1")
            fast += self.fast_value(f, src, dst, "            ", direct)
            args.append(f"{f.name}={dst}")
            detailed.append(f"    v = d.get({f.name!r}, _MISSING)")
            detailed.append("    if v is _MISSING:")
            detailed.append(
                f"        P.append((({f.name!r},), {_MISSING_FIELD!r}))"
                if f.required
                else "        pass"
            )
            detailed.append("    else:")
            detailed.append(f"        try: kw[{f.name!r}] = {self.detailed_value(f, 'v')}")
            detailed.append(
                "        except _Invalid as e:"
                f" P.extend([(({f.name!r}, *p), m) for p, m in e.problems]); M += e.more"
            )
            dump.append(f"        {f.name!r}: {self.dump_value(f, f'o.{f.name}')},")
        fast.append("        if len(d) != n + extra: raise _Invalid")
        if direct is None:
            build = [
                "    try:",
                f"        return {c}({', '.join(args)})",
                "    except _RULE_ERRORS:",
                "        raise _Invalid from None",
            ]
            fast += build
            # The struct function: msgspec made the mirror from every field (no unknown or
            # missing key), so the fast branch for objects that give every field, reading
            # attributes.
            struct = [f"def {self.fn('struct', cls)}(d):"]
            for f in spec.fields:
                struct.append(f"    s_{f.name} = d.{f.name}")
                struct += self.fast_value(f, f"s_{f.name}", f"v_{f.name}", "    ", direct, "struct")
            struct += build
        else:
            # What attrs' __init__ does, without its call: set each slot, then run the
            # validators the checks above did not make, then __attrs_post_init__. The slots are
            # set on an object of the class's unfrozen twin (plain assignments, which the
            # interpreter specialises) that then becomes an object of the class itself.
            twin = f"    o = {self.bind('U', unfrozen(cls))}()"
            fast.append(twin)
            fast += [f"    o.{f.name} = v_{f.name}" for f in spec.fields]
            fast += self.finish(spec, direct, c, "v_{name}")
            # The struct function: the same, reading a mirror that msgspec made from every
            # field (no unknown or missing key). Each value is set as soon as it is checked; a
            # value that needs no check or conversion is copied from the mirror at once.
            struct = [f"def {self.fn('struct', cls)}(d):", twin]
            for f in spec.fields:
                src, dst = f"s_{f.name}", f"v_{f.name}"
                lines = self.fast_value(f, src, dst, "    ", direct, "struct")
                if lines == [f"    {dst} = {src}"]:
                    struct.append(f"    o.{f.name} = d.{f.name}")
                elif lines[0] == f"    {dst} = {src}":  # copied, then checked
                    struct += [f"    {dst} = d.{f.name}", *lines[1:], f"    o.{f.name} = {dst}"]
                else:
                    struct += [f"    {src} = d.{f.name}", *lines, f"    o.{f.name} = {dst}"]
            struct += self.finish(spec, direct, c, "o.{name}")
        detailed += [
            "    if P or len(kw) != len(d):",
            f"        P.extend([((k,), _UNKNOWN) for k in d if k not in {names}])",
            "    if P or M:",
            f"        P.extend(_rules({s}, kw, only_given=True))",
            "        raise _Invalid(P, M)",
            "    try:",
            f"        return {c}(**kw)",
            "    except _RULE_ERRORS:",
            f"        raise _Invalid(_rules({s}, kw)) from None",
        ]
        dump_fn = [f"def {self.fn('dump', cls)}(o):", "    return {", *dump, "    }"]
        shallow_fn = [f"def {self.fn('shallow', cls)}(o):", f"    return {self.shallow(spec, 'o')}"]
        self.sources += [
            "\n".join(fast),
            "\n".join(struct),
            "\n".join(detailed),
            "\n".join(dump_fn),
            "\n".join(shallow_fn),
        ]

    def finish(self, spec: ClassSpec, direct: Mapping[str, str], c: str, value: str) -> list[str]:
        """The lines that make the twin ``o``, its slots set, an object of the class ``c``:
        the validators not made inline (``value`` formats each field's value from its
        ``name``), then ``__attrs_post_init__``."""
        lines = [f"    o.__class__ = {c}"]
        rest = [
            f"        {self.bind('V', f.validator)}(o, {self.bind('A', f.attribute)}, "
            f"{value.format(name=f.name)})"
            for f in spec.fields
            if f.validator is not None and f.name not in direct
        ]
        if getattr(spec.cls, "__attrs_post_init__", None) is not None:
            rest.append("        o.__attrs_post_init__()")
        if rest:
            lines += [
                "    try:",
                *rest,
                "    except _RULE_ERRORS:",
                "        raise _Invalid from None",
            ]
        return [*lines, "    return o"]

    def tagged(self, cls: type[Any]) -> bool:
        """Whether ``cls``'s shallow dump writes its tag: it is a member of a union."""
        return spec_of(cls).tag is not None

    def shallow(self, spec: ClassSpec, obj: str, depth: int = 0, *, tag: bool = True) -> str:
        """The shallow dump of the object ``obj``: a dict display, with the tag of a union's
        member first unless ``tag`` is false (the class is held outside a union)."""
        parts = [f"{TAG!r}: {spec.tag!r}"] if tag and self.tagged(spec.cls) else []
        parts += [
            f"{f.name!r}: {self.shallow_value(f, f'{obj}.{f.name}', depth)}" for f in spec.fields
        ]
        if depth == 0:
            return "{\n        " + ",\n        ".join(parts) + ",\n    }"
        return "{" + ", ".join(parts) + "}"

    def shallow_value(self, f: FieldSpec, src: str, depth: int) -> str:
        """The shallow dump of a field: what orjson writes as DUMP would, left as it is.

        Sections and lists of items are written out here, three levels deep (a dict display, a
        comprehension, instead of a call of ``default`` for each object: about 350 ns each);
        unions, and what is deeper, are left to ``default``.
        """
        kind = f.value_kind if f.kind is Kind.VALUES else f.kind
        if f.kind is Kind.UNION:
            return src  # each member's shallow dump writes its tag
        # A tagged class held outside a union is written without its tag.
        if f.kind is Kind.ITEMS and depth < 3:
            item = f"_i{depth}"
            each = self.shallow(spec_of(f.cls), item, depth + 1, tag=False)
            return f"[{each} for {item} in {src}]"
        if f.kind is Kind.SECTION and depth < 3:
            # The section is read once, into a name of the function (also from within a
            # comprehension), and may be None only when optional.
            section = f"_s{next(self.counter)}"
            each = self.shallow(spec_of(f.cls), section, depth + 1, tag=False)
            return f"(None if ({section} := {src}) is None else {each})"
        if f.kind in (Kind.SECTION, Kind.ITEMS) and self.tagged(f.cls):
            return self.dump_value(f, src)  # without its tag, as the full dump writes it
        if kind is Kind.TIME and f.kind is Kind.TIME:
            # orjson writes a naive time of whole seconds as HH:MM:SS, as the dump does. It
            # would write a fraction of a second, and refuses a time zone (then the caller
            # writes the reference dump): wall_time refuses both when the object is made.
            if f.validator is wall_time:
                return src
            t = f"_t{next(self.counter)}"
            keep = f"({t} := {src}) is None or not {t}" if f.optional else f"not ({t} := {src})"
            return f"({t} if {keep}.microsecond else {t}.isoformat(timespec='seconds'))"
        if kind in (Kind.TIME, Kind.DATETIME):
            return self.dump_value(f, src)  # orjson would write a fraction of a second
        return src

    def fast_value(
        self,
        f: FieldSpec,
        src: str,
        dst: str,
        ind: str,
        direct: Mapping[str, str] | None,
        path: str = "fast",
    ) -> list[str]:
        """The fast lines that check ``src`` and set ``dst``, with any validator made inline.

        ``path``: ``fast`` reads parsed JSON, ``struct`` a mirror (nested objects are mirrors).
        """
        lines = self._fast_value(f, src, dst, ind, path)
        inline = direct.get(f.name) if direct is not None else None
        if inline:
            check = inline.format(v=dst)
            if f.optional:
                check = f"{dst} is not None and ({check})"
            lines.append(f"{ind}if {check}: raise _Invalid")
        return lines

    def _fast_value(self, f: FieldSpec, src: str, dst: str, ind: str, path: str) -> list[str]:
        mirror = path == "struct"  # msgspec decoded each value as its JSON type
        if mirror and f.kind.is_scalar:
            check, convert = self.fast_scalar(f, mirror)
            if not check and convert == "{v}":  # msgspec made it (or None): copied as it is
                return [f"{ind}{dst} = {src}"]
        lines: list[str] = []
        if f.optional:
            lines = [f"{ind}if {src} is None:", f"{ind}    {dst} = None", f"{ind}else:"]
            ind += "    "
        call = self.object_call(path, f, src)
        if call is not None:
            return [*lines, f"{ind}{dst} = {call}"]
        if f.kind in (Kind.ITEMS, Kind.VALUES):
            # Most lists are empty: () at once, where a comprehension (a function call in 3.11)
            # or map would cost a few hundred nanoseconds each.
            if not mirror:
                lines.append(f"{ind}if type({src}) is not list: raise _Invalid")
            if f.kind is Kind.ITEMS:
                return [
                    *lines,
                    f"{ind}{dst} = tuple(map({self.fn(path, f.cls)}, {src})) if {src} else ()",
                ]
            check, convert = self.fast_scalar(f, mirror)
            lines += [f"{ind}if not {src}:", f"{ind}    {dst} = ()", f"{ind}else:"]
            if check:
                lines += [
                    f"{ind}    for _i in {src}:",
                    f"{ind}        if not ({check.format(v='_i')}): raise _Invalid",
                ]
            if convert == "{v}":
                return [*lines, f"{ind}    {dst} = tuple({src})"]
            return [*lines, f"{ind}    {dst} = tuple([{convert.format(v='_i')} for _i in {src}])"]
        if f.kind is Kind.CHOICE:  # (a mirror's choice was copied above)
            # One look-up where the check and the conversion would make two (no member is None).
            members = self.members(f)
            return [
                *lines,
                f"{ind}{dst} = {members}.get({src}) if type({src}) is str else None",
                f"{ind}if {dst} is None: raise _Invalid",
            ]
        check, convert = self.fast_scalar(f, mirror)
        if check:
            lines.append(f"{ind}if not ({check.format(v=src)}): raise _Invalid")
        return [*lines, f"{ind}{dst} = {convert.format(v=src)}"]

    def object_call(self, path: str, f: FieldSpec, value: str) -> str | None:
        """How ``path`` (fast, struct, detailed, dump) handles a section, a union or a list of
        items."""
        if f.kind is Kind.SECTION:
            return f"{self.fn(path, f.cls)}({value})"
        if f.kind is Kind.UNION:
            return f"{path}_union_{self.union(f)}({value})"
        if f.kind is Kind.ITEMS and path == "detailed":
            return f"_detailed_list({value}, {self.fn(path, f.cls)})"
        if f.kind is Kind.ITEMS and path == "dump":
            return f"[{self.fn(path, f.cls)}(_i) for _i in {value}]"
        return None

    def detailed_value(self, f: FieldSpec, src: str) -> str:
        expr = self.object_call("detailed", f, src)
        if expr is None:
            check = self.scalar_checker(f)
            expr = f"_detailed_list({src}, {check})" if f.kind is Kind.VALUES else f"{check}({src})"
        return f"None if {src} is None else {expr}" if f.optional else expr

    def dump_value(self, f: FieldSpec, src: str) -> str:
        value = f"_t{next(self.counter)}" if f.optional else src
        expr = self.object_call("dump", f, value)
        if expr is None:
            one = self.scalar(f)[2]
            if f.kind is not Kind.VALUES:
                expr = one.format(v=value)
            elif one == "{v}":
                expr = f"list({value})"
            else:
                expr = f"[{one.format(v='_i')} for _i in {value}]"
        if not f.optional:
            return expr
        return f"(None if ({value} := {src}) is None else {expr})"

    def generate(self, root: type[Any]) -> str:
        """Write, compile and register the functions of ``root`` and every class it holds.

        Returns the source written (empty when every class was generated already).
        """
        new = [spec for spec in all_classes(root) if spec.cls not in self.names]
        for spec in new:
            self.names[spec.cls] = next(self.counter)
        self.sources = []
        self.tables = []
        for spec in new:
            self.write_class(spec)
        source = "\n\n\n".join(self.sources) + "\n\n\n" + "\n".join(self.tables) + "\n"
        filename = f"<coparent converter {next(self.counter)}: {root.__qualname__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        # The source is written above from the model's own classes, never from input; its
        # compiled code is kept on disk, as a module's bytecode is (see _code_cache).
        code = _code_cache.compiled(source, filename)
        exec(code, self.ns)
        exec(code, self.parsed_ns)
        for spec in new:
            FAST[spec.cls] = self.ns[self.fn("fast", spec.cls)]
            FAST_PARSED[spec.cls] = self.parsed_ns[self.fn("fast", spec.cls)]
            STRUCT[spec.cls] = self.parsed_ns[self.fn("struct", spec.cls)]
            DETAILED[spec.cls] = self.ns[self.fn("detailed", spec.cls)]
            SHALLOW[spec.cls] = self.ns[self.fn("shallow", spec.cls)]
            # Last: ensure() takes a class in DUMP as generated, every function of it set.
            DUMP[spec.cls] = self.ns[self.fn("dump", spec.cls)]
        return source if new else ""


#: The fast path's id check: an ASCII letter-and-digit id of up to 64 characters matches
#: ITEM_ID_PATTERN, and ``str.isalnum`` says so in a tenth of the regular expression's time; so
#: does one with hyphens that does not start with one (``late-return-2026``), checked with its
#: hyphens replaced in under half the pattern's time; any other text is left to the pattern.
#: Written for that pattern: another one uses it alone.
_ID_CHECK = (
    "not (({v}.isalnum() or ({v}.replace('-', '0').isalnum() and {v}[0] != '-'))"
    " and {v}.isascii() and len({v}) <= 64) and _item_id_re({v}) is None"
    if ITEM_ID_PATTERN == r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\s\S])"
    else "_item_id_re({v}) is None"
)


def _inline_check(f: FieldSpec) -> str | None:
    """A fast expression of ``{v}`` (the converted value) that is true when ``f``'s validator
    would refuse it, when the validator is one whose check can be written inline; "" when the
    fast path's own checks already make it; None when the validator must be called.
    """
    v = f.validator
    kind = f.value_kind if f.kind is Kind.VALUES else f.kind
    if v is None:
        return ""
    if v is valid_item_id and f.kind is Kind.ID:
        return _ID_CHECK
    if v is wall_time and f.kind is Kind.TIME:
        return ""  # the fast path's times are HH:MM:SS: naive, no fraction of a second
    if v is unique_ids and f.kind is Kind.ITEMS:
        return "len({v}) > 1 and len({{_i.id for _i in {v}}}) != len({v})"
    if v is unique_items and f.kind is Kind.VALUES:
        return "len({v}) > 1 and len(set({v})) != len({v})"
    if v is bounded and kind is Kind.NUMBER and f.kind is not Kind.VALUES:
        low, high = f.info.minimum, f.info.maximum
        parts = [
            f"{{v}} < {low!r}" if low is not None else "",
            f"{{v}} > {high!r}" if high is not None else "",
        ]
        return " or ".join(p for p in parts if p)
    return None


@functools.cache
def unfrozen(cls: type[Any]) -> type[Any]:
    """A subclass of the slotted, frozen ``cls`` that adds no slots and sets them as any class
    does: the fast path fills an object of it, then assigns ``cls`` as its ``__class__``.

    Both ``__setattr__`` and ``__delattr__`` are ``object``'s (one slot of the type serves both),
    so a plain ``o.name = value`` writes the slot without a call; through the member descriptor
    it costs a call per field. Its ``__init__`` is ``object``'s too, so calling the twin makes an
    empty object, in about two thirds of the time of ``object.__new__(twin)``;
    :func:`_builds_directly` keeps to classes whose ``__new__`` is ``object``'s. It is never
    seen outside the fast path.
    """
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__init__": object.__init__,
        "__module__": __name__,
        "__qualname__": f"unfrozen({cls.__qualname__})",
        "__doc__": f"The fast path's unfrozen twin of {cls.__qualname__}.",
    }
    return type(cls.__name__, (cls,), namespace)


def _builds_directly(cls: type[Any]) -> dict[str, str] | None:
    """How the fast path builds ``cls`` without its ``__init__``, or None when it cannot.

    It can when ``__init__`` only sets each field from the argument of the same name (a slotted
    attrs class with no converters, aliases, ``init=False`` fields, hash cache or pre-init) and
    runs the validators and ``__attrs_post_init__``. The result maps each field whose validator
    is made inline to that check (see :func:`_inline_check`); the other validators are called.
    A default that its validator would refuse keeps the validator called.
    """
    if "__slots__" not in cls.__dict__ or hasattr(cls, "__attrs_pre_init__"):
        return None
    if any("__new__" in vars(klass) for klass in cls.__mro__[:-1]):
        return None  # the twin is made by calling it, so with object.__new__
    slots = {name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())}
    if "__attrs_cached_hash" in slots or "_attrs_cached_hash" in slots:
        return None
    direct: dict[str, str] = {}
    for f in spec_of(cls).fields:
        a = f.attribute
        if a.converter is not None or not a.init or a.alias != a.name or a.on_setattr:
            return None
        if not isinstance(getattr(cls, f.name, None), types.MemberDescriptorType):
            return None
        inline = _inline_check(f)
        if inline is None:
            continue
        if not f.required and f.validator is not None:
            try:
                f.validator(None, a, f.default_value())
            except RULE_ERRORS:
                continue  # the default breaks it: keep calling it
        direct[f.name] = inline
    return direct


_GENERATOR = _Generator()
_LOCK = threading.Lock()


def ensure(cls: type[Any]) -> None:
    """Generate the functions of ``cls`` (and of the classes it holds) unless done already."""
    if cls in DUMP:
        return
    spec_of(cls)  # a clear TypeError for a class that is not a model class
    with _LOCK:  # two threads' first loads must not write into one generator at once
        if cls not in DUMP:
            _GENERATOR.generate(cls)


def generator_namespace() -> dict[str, Any]:
    """The namespace of :data:`STRUCT`'s functions (:mod:`._mirrors` fills its union tables)."""
    return _GENERATOR.parsed_ns


def union_number(f: FieldSpec) -> int:
    """The number in the names of the union functions of ``f``, once generated."""
    return _GENERATOR.unions[tuple(f.variants.values())]


def source_of(cls: type[Any]) -> str:
    """The generated source that holds ``cls``'s functions (for debugging and tests)."""
    ensure(cls)
    filename = FAST[cls].__code__.co_filename
    return "".join(linecache.getlines(filename))


# The generated code as a module file, for experiments with compiling it ahead of time (see
# docs/performance.md: mypyc builds were measured, untyped slower than the interpreter, typed
# 5-19% quicker at loading, so none is shipped). The file holds every function of the document
# classes, the names they read from the generator's namespace (set by its ``_install``, or bound
# on import in the typed variant) and a fingerprint of the source, so a build made from another
# model or generator can be told apart.


def fingerprint(source: str) -> str:
    """The stamp of a generated source: equal exactly when the source is the same."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def documents_source() -> tuple[str, _Generator]:
    """The generated source of the document classes' functions, written by a fresh generator,
    and that generator (its ``ns`` holds the values the source reads, its ``fn`` names each
    class's functions). The tables (FAST, DUMP...) keep the functions they had."""
    from .model import ParentingPlan, Referral, Review

    generator = _Generator()
    tables = (FAST, FAST_PARSED, STRUCT, DETAILED, SHALLOW, DUMP)
    saved = [dict(table) for table in tables]
    try:
        source = "".join(generator.generate(root) for root in (ParentingPlan, Referral, Review))
    finally:
        for table, old in zip(tables, saved, strict=True):
            table.clear()
            table.update(old)
    return source, generator


def _defined(source: str) -> set[str]:
    """The names a generated source defines itself (functions and union tables)."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _typed_name(name: str, generator: _Generator) -> str:
    """How the typed module (see :func:`module_source`) binds a name its functions read."""
    if name == "_parsed_text":
        return f"{name}: Final = True"
    if name in generator.choices.values():  # a choice's members by value
        return f"{name}: Final[dict[str, Any]] = _NS[{name!r}]"  # so mypyc's own dict.get
    return f"{name}: Final = _NS[{name!r}]"


def module_source(*, typed: bool = False) -> str:
    """The module file ``--write`` writes: :func:`documents_source` with each name it reads
    declared (``_install(ns)`` sets them from a generator's namespace) and its fingerprint.

    ``typed``: the variant for mypyc to compile with native operations. Each name is a
    ``Final`` bound when the module is imported, from a fresh generator whose source must have
    the module's fingerprint; the fast functions take ``d: object`` (narrowed by their own
    ``type(d) is dict`` and ``type(v) is str`` tests) and read text as orjson parsed it
    (``_parsed_text`` is true), so they stand for :data:`FAST_PARSED` only.
    """
    source, generator = documents_source()
    defined = _defined(source)
    free = sorted(n for n in generator.ns if n not in defined and not n.startswith("__"))
    header = [
        '"""Written by ``python -m coparent._converter_code --write``: do not edit.',
        "",
        "The generated functions of coparent's document classes as one module, to compile",
        "ahead of time. It fits only the generator whose source has FINGERPRINT; the values",
        "it reads are set by _install(ns) from that generator's namespace"
        + (', or, typed, from a fresh generator when it is imported."""' if typed else '."""'),
        "",
        "from typing import Any" + (", Final" if typed else ""),
        "",
        f"FINGERPRINT = {fingerprint(source)!r}",
        f"NAMES = {tuple(free)!r}",
        "",
    ]
    if typed:
        header += [
            "from coparent._converter_code import documents_source as _documents_source",
            "from coparent._converter_code import fingerprint as _fingerprint",
            "",
            "_SOURCE, _GENERATOR = _documents_source()",
            "if _fingerprint(_SOURCE) != FINGERPRINT:",
            "    raise ImportError('a stale build: the generator has changed since; build again')",
            "_NS: Final = _GENERATOR.ns",
            "_EMPTY: Final[tuple[Any, ...]] = ()",
            *[_typed_name(name, generator) for name in free],
            "",
            "",
            "def _install(ns: Any) -> None:",
            "    pass  # the names were bound when the module was imported",
            "",
            "",
        ]
        source = re.sub(
            r"^def (fast_\w+)\(d, extra=0\):$",
            r"def \1(d: object, extra: int = 0) -> Any:",
            source,
            flags=re.MULTILINE,
        )
        # A literal () would give its variable the type of an empty tuple, which mypyc then
        # checks every later value against.
        source = re.sub(r"(?<=[=e] )\(\)$", "_EMPTY", source, flags=re.MULTILINE)
        source = re.sub(
            r"^def (fast_union_\d+)\(d\):$",
            r"def \1(d: object) -> Any:",
            source,
            flags=re.MULTILINE,
        )
    else:
        header += [
            *[f"{name}: Any = None" for name in free],
            "",
            "",
            "def _install(ns: Any) -> None:",
            "    g = globals()",
            "    for name in NAMES:",
            "        g[name] = ns[name]",
            "",
            "",
        ]
    return "\n".join(header) + source


def main(argv: list[str] | None = None) -> int:
    """``python -m coparent._converter_code --write PATH``: write :func:`module_source`."""
    import argparse
    from pathlib import Path as FilePath

    parser = argparse.ArgumentParser(prog="python -m coparent._converter_code")
    parser.add_argument("--write", metavar="PATH", required=True, help="the module file to write")
    parser.add_argument(
        "--typed",
        action="store_true",
        help="the typed variant, for FAST_PARSED (see module_source)",
    )
    args = parser.parse_args(argv)
    FilePath(args.write).write_text(module_source(typed=args.typed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
