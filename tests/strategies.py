"""Hypothesis strategies for every coparent document, built from the attrs classes themselves.

Each strategy follows the field's type and metadata (bounds, id and email formats), so a new
field is covered as soon as it is added. Text is any Unicode (no lone surrogates, which JSON in
UTF-8 cannot carry), including empty and long strings; dates and times reach their edges.
"""

from __future__ import annotations

import copy
import types
import typing
import uuid
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import attrs
from hypothesis import strategies as st

import coparent
from coparent.model._base import EMAIL_PATTERN, ITEM_ID_PATTERN, Choice, field_info

__all__ = ["any_document", "concurrent_edits", "documents", "edited", "for_type"]

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


# --- the case record: make generated values keep the model's cross-field rules -------------


def _swap(kw: dict[str, Any], first: str, then: str) -> None:
    a, b = kw.get(first), kw.get(then)
    if a is not None and b is not None and b < a:
        kw[first], kw[then] = b, a


def _fix_window(kw: dict[str, Any]) -> dict[str, Any]:
    _swap(kw, "from_date", "until")
    return kw


def _fix_times(kw: dict[str, Any]) -> dict[str, Any]:
    _swap(kw, "from_time", "until_time")
    return kw


def _fix_session(kw: dict[str, Any]) -> dict[str, Any]:
    if kw["attended"]:
        kw["missed_by"] = kw["cancelled_by"] = kw["notice_hours"] = None
    else:
        kw["actual_start"] = kw["actual_end"] = None
        kw["late"] = ()
        if kw.get("cancelled_by") is None:
            kw["notice_hours"] = None
    _swap(kw, "planned_start", "planned_end")
    _swap(kw, "actual_start", "actual_end")
    return kw


def _fix_review_entry(kw: dict[str, Any]) -> dict[str, Any]:
    _swap(kw, "held_on", "next_review")
    return kw


def _fix_breach(kw: dict[str, Any]) -> dict[str, Any]:
    kw["dates"] = tuple(sorted(kw.get("dates", ())))
    if kw["dates"] and kw.get("found_on") is not None and kw["found_on"] < kw["dates"][-1]:
        kw["found_on"] = kw["dates"][-1]
    return kw


def _fix_programme(kw: dict[str, Any]) -> dict[str, Any]:
    by_party = {a.party: a for a in kw.get("attendance", ())}
    kw["attendance"] = tuple(by_party.values())
    return kw


def _fix_order(kw: dict[str, Any]) -> dict[str, Any]:
    order, nxt, final, stop = (kw.get(k) for k in ("order_date", "next_hearing",
                                                    "final_hearing", "stop_date"))  # fmt: skip
    if order is not None and stop is not None and stop <= order:
        kw["stop_date"] = None
    if order is not None and nxt is not None and nxt < order:
        kw["next_hearing"] = None
    elif nxt is not None and final is not None and final < nxt:
        kw["final_hearing"] = None
    return kw


def _fix_review(kw: dict[str, Any]) -> dict[str, Any]:
    held, new = kw["held_on"], kw.get("new_arrangement")
    if kw.get("outcome") is coparent.ReviewOutcome.SUSPEND:
        kw["new_arrangement"] = None
    elif new is not None and new.effective_from < held:
        kw["new_arrangement"] = attrs.evolve(new, effective_from=held)
    if kw.get("next_review") is not None and kw["next_review"] <= held:
        kw["next_review"] = None
    return kw


def _sorted_unique(items: Any, key: Any) -> tuple[Any, ...]:
    seen: dict[Any, Any] = {}
    for item in sorted(items, key=key):
        seen.setdefault(key(item), item)
    return tuple(seen.values())


def _fix_referral(kw: dict[str, Any]) -> dict[str, Any]:
    people = (kw["parent_a"], kw["parent_b"], *kw.get("other_attendees", ()))
    known = {p.id for p in people} | {c.id for c in kw.get("children", ())}

    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if i in known)

    kw["status_history"] = tuple(sorted(kw.get("status_history", ()), key=lambda c: c.on))
    kw["reviews"] = tuple(sorted(kw.get("reviews", ()), key=lambda r: r.held_on))
    arrangements = _sorted_unique(kw.get("arrangements", ()), key=lambda a: a.effective_from)
    kw["arrangements"] = tuple(
        attrs.evolve(a, conditions=tuple(attrs.evolve(c, people=keep(c.people))
                                         for c in a.conditions))
        for a in arrangements
    )  # fmt: skip
    kw["availability"] = tuple(a for a in kw.get("availability", ()) if a.person in known)
    kw["sessions"] = tuple(
        attrs.evolve(x, attendees=keep(x.attendees),
                     late=tuple(n for n in x.late if n.person in known))
        for x in sorted(kw.get("sessions", ()), key=lambda x: x.on)
    )  # fmt: skip
    if isinstance(kw["service"], coparent.ParentingProgramme):
        kw["arrangements"] = kw["sessions"] = ()
    order = kw.get("court_order")
    if order is not None:
        conditions = tuple(attrs.evolve(c, binds=keep(c.binds)) for c in order.conditions)
        kw["court_order"] = attrs.evolve(order, conditions=conditions)
    return kw


FIXUPS.update(
    {
        coparent.model.ArrangementCondition: _fix_window,
        coparent.model.OrderCondition: _fix_window,
        coparent.model.Availability: _fix_times,
        coparent.SessionRecord: _fix_session,
        coparent.model.ReviewEntry: _fix_review_entry,
        coparent.model.Breach: _fix_breach,
        coparent.ParentingProgramme: _fix_programme,
        coparent.CourtOrder: _fix_order,
        coparent.Review: _fix_review,
        coparent.Referral: _fix_referral,
    }
)


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
        if not attrs.has(item):
            return st.lists(for_type(item), max_size=4, unique=True).map(tuple)
        items = st.lists(for_type(item), max_size=4)
        if "id" in attrs.fields_dict(item):
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


# --- generated edits (for diff and merge laws) ------------------------------------------------


def _edit_targets(cls: type[Any], data: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Every place in a document's JSON an edit can go: (what, path, class, attribute)."""
    targets: list[tuple[Any, ...]] = []
    attrs.resolve_types(cls)
    for a in attrs.fields(cls):
        if a.name == "id":
            continue
        here = (*path, a.name)
        value = data[a.name]
        tp = a.type
        origin = typing.get_origin(tp)
        members = [m for m in typing.get_args(tp) if m is not type(None)]
        if origin is tuple and attrs.has(members[0]) and "id" in attrs.fields_dict(members[0]):
            item_cls = members[0]
            targets.append(("list", here, item_cls, a))
            for index, item in enumerate(value):
                targets.append(("item", (*here, index), item_cls, a))
                targets.extend(_edit_targets(item_cls, item, (*here, index)))
        elif attrs.has(tp):
            targets.extend(_edit_targets(tp, value, here))
        else:
            targets.append(("value", here, cls, a))
            classes = [m for m in members if attrs.has(m)]
            if value is not None and classes:
                tag = value.get("type")
                inner = next((m for m in classes if getattr(m, "TAG", tag) == tag), None)
                if inner is not None:
                    targets.extend(_edit_targets(inner, value, here))
    return targets


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        data = data[token]
    return data


def _edit_once(draw: Any, cls: type[Any], body: dict[str, Any], target: Any = None) -> Any:
    """Apply one random edit to a document body (JSON, changed in place); returns the target."""
    if target is None:
        target = draw(st.sampled_from(_edit_targets(cls, body, ())))
    what, path, owner, attribute = target
    if what == "item":  # one field of this item, chosen anew on each side
        item = _get(body, path)
        inner = [t for t in _edit_targets(owner, item, ()) if t[0] == "value"]
        if inner:
            _edit_once(draw, owner, item, draw(st.sampled_from(inner)))
        return target
    parent = _get(body, path[:-1])
    key = path[-1]
    if what == "value":
        parent[key] = coparent.convert.unstructure(draw(for_type(attribute.type, attribute)))
        return target
    items = parent[key]
    op = draw(st.sampled_from(["add", "remove", "edit", "reorder"]))
    if op == "add":
        item = coparent.to_dict(draw(for_type(owner)))
        if item["id"] not in {x["id"] for x in items}:
            items.insert(draw(st.integers(0, len(items))), item)
    elif op == "remove" and items:
        del items[draw(st.integers(0, len(items) - 1))]
    elif op == "edit" and items:
        index = draw(st.integers(0, len(items) - 1))
        _edit_once(draw, owner, body, ("item", (*path, index), owner, attribute))
    elif op == "reorder":
        parent[key] = draw(st.permutations(items))
    return target


def _apply_edits(draw: Any, doc: Any, n: int, targets: list[Any] | None = None) -> Any:
    cls = type(doc)
    current = coparent.to_dict(doc)
    for i in range(n):
        trial = copy.deepcopy(current)
        body = {k: v for k, v in trial.items() if k not in ("kind", "schema_version")}
        chosen = targets[i] if targets is not None and i < len(targets) else None
        try:
            _edit_once(draw, cls, body, chosen)
        except (KeyError, IndexError, TypeError):
            continue  # a shared target that an earlier edit removed: nothing to edit there
        trial.update(body)
        try:
            coparent.from_dict(trial, cls)
        except coparent.ValidationError:
            continue  # the edit broke a rule between fields: skip it, as a form would refuse it
        current = trial
    return coparent.from_dict(current, cls)


@st.composite
def edited(draw: Any, doc: Any, max_edits: int = 4) -> Any:
    """``doc`` after a few random edits: a field changed, an item added, removed, edited or
    the items of a list reordered. The result is always a valid document."""
    return _apply_edits(draw, doc, draw(st.integers(0, max_edits)))


@st.composite
def concurrent_edits(draw: Any, base: Any, max_edits: int = 4) -> tuple[Any, Any]:
    """Two edited versions of ``base`` that often touch the same fields and lists."""
    body = {k: v for k, v in coparent.to_dict(base).items() if k not in ("kind", "schema_version")}
    all_targets = _edit_targets(type(base), body, ())
    in_lists = [t for t in all_targets if t[0] in ("list", "item")]
    pick = st.sampled_from(all_targets)
    if in_lists:
        pick = st.one_of(pick, st.sampled_from(in_lists))
    shared = draw(st.lists(pick, max_size=3))
    ours = _apply_edits(draw, base, draw(st.integers(0, max_edits)) + len(shared), shared)
    theirs = _apply_edits(draw, base, draw(st.integers(0, max_edits)) + len(shared), shared)
    return ours, theirs
