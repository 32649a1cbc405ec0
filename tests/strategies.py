"""Hypothesis strategies for every coparent document, built from the attrs classes themselves.

Each strategy follows the field's type and metadata (bounds, id and email formats), so a new
field is covered as soon as it is added. Text is any Unicode (no lone surrogates, which JSON in
UTF-8 cannot carry), including empty and long strings; dates and times reach their edges.
"""

from __future__ import annotations

import types
import typing
import uuid
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

import coparent
from coparent.model._base import EMAIL_PATTERN, ITEM_ID_PATTERN, Choice, field_info

__all__ = ["any_document", "documents", "for_type"]

TEXT = st.one_of(
    st.text(max_size=20),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["", "Zoë", "Łukasz", "Şahin", "Siân", "محمد", "রহিম", "a\nb", " "]),
)
ITEM_IDS = st.from_regex(ITEM_ID_PATTERN, fullmatch=True)
EMAILS = st.from_regex(EMAIL_PATTERN, fullmatch=True).filter(lambda s: "\n" not in s)
OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)
AWARE_DATETIMES = st.builds(lambda dt, tz: dt.replace(tzinfo=tz), st.datetimes(), OFFSETS)
WALL_TIMES = st.times().map(lambda t: t.replace(microsecond=0))


def _fix_slot(kw: dict[str, Any]) -> dict[str, Any]:
    kw["week_offset"] = kw.get("week_offset", 0) % kw.get("every_n_weeks", 1)
    return kw


def _fix_holiday(kw: dict[str, Any]) -> dict[str, Any]:
    if kw["end"] < kw["start"]:
        kw["start"], kw["end"] = kw["end"], kw["start"]
    return kw


def _fix_special_day(kw: dict[str, Any]) -> dict[str, Any]:
    month, day = kw.get("month"), kw.get("day")
    if month is None or day is None:
        kw["month"] = kw["day"] = None
    else:
        try:
            date(2000, month, day)
        except ValueError:
            kw["day"] = 1
    return kw


def _fix_one_off(kw: dict[str, Any]) -> dict[str, Any]:
    start = (kw["start_date"], kw["start_time"])
    end = (kw["end_date"], kw["end_time"])
    if end < start:
        (kw["start_date"], kw["start_time"]), (kw["end_date"], kw["end_time"]) = end, start
    elif end == start:
        kw["start_time"] = time(0, 0)
        kw["end_time"] = time(23, 59)
    return kw


FIXUPS = {
    coparent.WeeklySlot: _fix_slot,
    coparent.Holiday: _fix_holiday,
    coparent.SpecialDay: _fix_special_day,
    coparent.OneOffArrangement: _fix_one_off,
}


def _unique_by_id(items: list[Any]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def for_type(tp: Any, attribute: attrs.Attribute[Any] | None = None) -> st.SearchStrategy[Any]:
    """A strategy for values of ``tp`` (the type of ``attribute``, whose metadata refines it)."""
    info = field_info(attribute) if attribute is not None else None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        members = [m for m in args if m is not type(None)]
        inner = st.one_of(*(for_type(m, attribute) for m in members))
        return st.one_of(st.none(), inner) if len(members) < len(args) else inner
    if origin is tuple:
        item = typing.get_args(tp)[0]
        items = st.lists(for_type(item), max_size=4)
        if attrs.has(item) and "id" in attrs.fields_dict(item):
            return items.map(_unique_by_id)
        return items.map(tuple)
    if tp is str:
        if info is not None and info.format == "item-id":
            return ITEM_IDS
        if info is not None and info.format == "email":
            return EMAILS
        return TEXT
    if tp is bool:
        return st.booleans()
    if tp is int:
        lo = info.minimum if info is not None else None
        hi = info.maximum if info is not None else None
        return st.integers(min_value=lo, max_value=hi)
    if tp is datetime:
        return AWARE_DATETIMES
    if tp is date:
        return st.dates()
    if tp is time:
        return WALL_TIMES
    if tp is uuid.UUID:
        return st.uuids()
    if isinstance(tp, type) and issubclass(tp, Choice):
        return st.sampled_from(list(tp))
    if attrs.has(tp):
        return st.deferred(lambda: _for_class(tp))
    raise TypeError(f"no strategy for {tp!r}")


_CLASS_CACHE: dict[type[Any], st.SearchStrategy[Any]] = {}


def _for_class(cls: type[Any]) -> st.SearchStrategy[Any]:
    if cls not in _CLASS_CACHE:
        attrs.resolve_types(cls)
        required: dict[str, st.SearchStrategy[Any]] = {}
        optional: dict[str, st.SearchStrategy[Any]] = {}
        for a in attrs.fields(cls):
            strategy = for_type(a.type, a)
            (required if a.default is attrs.NOTHING else optional)[a.name] = strategy
        kwargs = st.fixed_dictionaries(required, optional=optional)
        fixup = FIXUPS.get(cls)
        if fixup is not None:
            kwargs = kwargs.map(fixup)
        _CLASS_CACHE[cls] = kwargs.map(lambda kw: cls(**kw))
    return _CLASS_CACHE[cls]


def documents(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Valid documents (or parts of documents) of class ``cls``."""
    return for_type(cls)


def any_document() -> st.SearchStrategy[Any]:
    """A valid document of any top-level kind."""
    return st.one_of(*(documents(cls) for cls in coparent.DOCUMENT_TYPES.values()))
