"""Hypothesis strategies for coparent's documents, for your own property tests.

Every strategy is built from the model's spec tree (:mod:`coparent.model.introspect`): each
field's kind, bounds and format decide what is drawn, so a field added to the model is covered
the moment it exists. Text is any Unicode (no lone surrogates, which JSON in UTF-8 cannot
carry), including empty, long and right-to-left strings; dates and times reach their edges.
Every document drawn is valid: it passes its own rules, loads back from its JSON, and
validates against its JSON Schema.

Hypothesis is an optional dependency; install it with ``pip install 'coparent[test]'``::

    from hypothesis import given
    from coparent.testing import plans

    @given(plans())
    def test_my_export_keeps_every_child(plan):
        assert len(my_export(plan)["children"]) == len(plan.children)
"""

from __future__ import annotations

import copy
import functools
import re
import typing
from collections.abc import Mapping
from datetime import timedelta, timezone
from typing import Any, NamedTuple, TypeVar

try:
    import hypothesis
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "coparent.testing needs Hypothesis, an optional dependency: pip install 'coparent[test]'"
    ) from error

from .convert import DOCUMENT_TYPES, Document, from_dict, to_dict, unstructure
from .errors import FieldRuleError, ValidationError
from .model import ParentingPlan, Referral, Review
from .model._base import EMAIL_PATTERN, ITEM_ID_PATTERN, NAME_FORBIDDEN_PATTERN
from .model.introspect import ClassSpec, FieldSpec, Kind, spec_of
from .model.plan import LANGUAGE_TAG_PATTERN

__all__ = [
    "any_document",
    "concurrent_edits",
    "documents",
    "edited",
    "field_values",
    "plans",
    "referrals",
    "reviews",
]

T = TypeVar("T")

_TEXT = st.one_of(
    st.text(max_size=20),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["", "Zoë", "Łukasz", "Şahin", "Siân", "محمد", "রহিম", "a\nb", " "]),
)
_OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda m: timezone(timedelta(minutes=m))
)

#: What a value of each scalar kind is drawn from (choices and bounded numbers aside).
_SCALARS: dict[Kind, st.SearchStrategy[Any]] = {
    Kind.TEXT: _TEXT,
    # A reference to another item need not resolve: the model accepts any text there.
    Kind.REFERENCE: _TEXT,
    Kind.ID: st.from_regex(ITEM_ID_PATTERN, fullmatch=True),
    Kind.BOOL: st.booleans(),
    Kind.DATE: st.dates(),
    # Wall-clock times in the family's own time zone, to the second.
    Kind.TIME: st.times().map(lambda t: t.replace(microsecond=0)),
    # Aware datetimes with any whole-minute offset.
    Kind.DATETIME: st.builds(lambda dt, tz: dt.replace(tzinfo=tz), st.datetimes(), _OFFSETS),
    Kind.UUID: st.uuids(),
}

#: What a text field with a ``format`` is drawn from.
_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "email": st.from_regex(EMAIL_PATTERN, fullmatch=True).filter(lambda s: "\n" not in s),
    # Names as any text without the invisible and direction-changing characters names refuse.
    "name": _TEXT.map(functools.partial(re.compile(NAME_FORBIDDEN_PATTERN).sub, "")),
    # Common tags, and any the RFC 5646 pattern allows (short, to keep examples readable).
    "language-tag": st.one_of(
        st.sampled_from(["en-GB", "cy-GB", "cy", "pl", "pa-Guru-IN", "zh-Hant-HK", "x-private"]),
        st.from_regex(LANGUAGE_TAG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 40),
    ),
}

#: How often a rule between fields may be broken by a draw before the example is given up.
_RULE_TRIES = 10


def _scalar(kind: Kind, value_type: Any, field: FieldSpec | None) -> st.SearchStrategy[Any]:
    info = field.info if field is not None else None
    if kind is Kind.CHOICE:
        return st.sampled_from(list(value_type))
    if kind is Kind.NUMBER:
        lo = info.minimum if info is not None else None
        hi = info.maximum if info is not None else None
        return st.integers(min_value=lo, max_value=hi)
    if kind is Kind.TEXT and info is not None and info.format in _FORMATS:
        return _FORMATS[info.format]
    return _SCALARS[kind]


def _unique_by_id(id_name: str) -> typing.Callable[[list[Any]], tuple[Any, ...]]:
    def unique(items: list[Any]) -> tuple[Any, ...]:
        seen: dict[Any, Any] = {}
        for item in items:
            seen.setdefault(getattr(item, id_name), item)
        return tuple(seen.values())

    return unique


def field_values(field: FieldSpec) -> st.SearchStrategy[Any]:
    """Values that one field accepts on its own (``None`` too, if the field is optional).

    ``field`` is a :class:`~coparent.model.introspect.FieldSpec`, e.g.
    ``spec_of(coparent.Holiday).by_name["start"]``. Lists of items have distinct ids, lists of
    plain values distinct values; rules between fields are the enclosing object's to keep.
    """
    inner: st.SearchStrategy[Any]
    if field.kind is Kind.ITEMS:
        items = st.lists(documents(field.cls), max_size=4)
        id_field = spec_of(field.cls).id_field
        inner = items.map(_unique_by_id(id_field.name) if id_field is not None else tuple)
    elif field.kind is Kind.VALUES:
        value = _scalar(field.value_kind or Kind.TEXT, field.value_type, None)
        inner = st.lists(value, max_size=4, unique=True).map(tuple)
    elif field.kind in (Kind.SECTION, Kind.UNION):
        inner = st.one_of(*(documents(c) for c in field.variants.values()))
    else:
        inner = _scalar(field.kind, field.value_type, field)
    return st.one_of(st.none(), inner) if field.optional else inner


_KWARGS: dict[type[Any], st.SearchStrategy[dict[str, Any]]] = {}


def _kwargs(spec: ClassSpec) -> st.SearchStrategy[dict[str, Any]]:
    """Field values for ``spec``'s class, each field on its own (left out if it has a default).

    A field whose default is ``None`` is always drawn, as ``None`` or a value: leaving it out
    would give ``None`` again, and its values would be drawn half as often.
    """
    if spec.cls not in _KWARGS:
        drawn = [f for f in spec.fields if f.required or f.default is None]
        required = {f.name: field_values(f) for f in drawn}
        optional = {f.name: field_values(f) for f in spec.fields if f not in drawn}
        _KWARGS[spec.cls] = st.fixed_dictionaries(required, optional=optional)
    return _KWARGS[spec.cls]


@st.composite
def _build(draw: st.DrawFn, cls: type[T]) -> T:
    """An object of ``cls`` whose fields keep its rules between fields.

    A rule that a draw breaks names its field (:class:`FieldRuleError`). That field is drawn
    again (or left to its default), or else one of the other fields its rule in ``RULES``
    names is drawn again (every other field, when it names none), so that a value the rule
    allows only next to certain others (notice of a cancelled session, an agreed plan) is not
    always given up. No strategy needs to know the model's
    rules beyond what the model states.
    """
    spec = spec_of(cls)
    kwargs = draw(_kwargs(spec))
    for _ in range(_RULE_TRIES):
        try:
            built: T = spec.build(kwargs)
            return built
        except FieldRuleError as broken:
            field = spec.by_name.get(broken.field)
            if field is None:
                raise
            others = _named_in_rule(spec.cls, field.name)
            repair = draw(st.sampled_from(("drop", "redraw", "other")))
            if repair == "other" and not others:
                # The rule names no other field: it spans the whole object (a plan is not
                # agreed while any area seeks help). Keep this value; draw the rest again.
                kept = {field.name: kwargs[field.name]} if field.name in kwargs else {}
                kwargs = {**draw(_kwargs(spec)), **kept}
                continue
            if repair == "other":
                field = spec.by_name[draw(st.sampled_from(others))]
            # A field that is empty (None) is drawn again with a value: it may be needed.
            empty = kwargs.get(field.name) is None
            if repair == "drop" and not field.required and not empty:
                kwargs.pop(field.name, None)
            elif empty:
                kwargs[field.name] = draw(field_values(field).filter(_is_not_none))
            else:
                kwargs[field.name] = draw(field_values(field))
    hypothesis.reject()


def _is_not_none(value: Any) -> bool:
    return value is not None


@functools.cache
def _named_in_rule(cls: type[Any], name: str) -> tuple[str, ...]:
    """The other fields of ``cls`` that its rule for the field ``name`` names."""
    spec = spec_of(cls)
    rule = dict(spec.rules).get(name, "")
    return tuple(
        word
        for word in dict.fromkeys(re.findall(r"\w+", rule))
        if word != name and word in spec.by_name
    )


def documents(cls: type[T]) -> st.SearchStrategy[T]:
    """Valid objects of a model class: a whole document, or a part such as a ``Holiday``."""
    spec_of(cls)  # a TypeError now, rather than when the strategy is drawn from
    return st.deferred(lambda: _build(cls))


def plans() -> st.SearchStrategy[ParentingPlan]:
    """Valid parenting plans."""
    return documents(ParentingPlan)


def referrals() -> st.SearchStrategy[Referral]:
    """Valid referrals to a child contact centre or a parenting programme."""
    return documents(Referral)


def reviews() -> st.SearchStrategy[Review]:
    """Valid contact reviews."""
    return documents(Review)


def any_document() -> st.SearchStrategy[Document]:
    """A valid document of any top-level kind (plan, referral, review)."""
    return st.one_of(*(documents(cls) for cls in DOCUMENT_TYPES.values()))


# --- generated edits (for diff and merge laws) ------------------------------------------------


class _Target(NamedTuple):
    """A place in a document's JSON where an edit can go."""

    #: "value" (one field), "list" (a list of items with ids) or "item" (one of its items).
    what: str
    path: tuple[Any, ...]
    #: The class that holds the value, or the class of the list's items.
    owner: type[Any]
    field: FieldSpec


def _edit_targets(spec: ClassSpec, data: Mapping[str, Any], path: tuple[Any, ...]) -> list[_Target]:
    """Every place in an object's JSON (``data``) an edit can go; ids are never edited."""
    targets: list[_Target] = []
    for f in spec.fields:
        if f.kind is Kind.ID:
            continue
        here = (*path, f.name)
        value = data[f.name]
        if f.kind is Kind.ITEMS and spec_of(f.cls).has_id:
            item_spec = spec_of(f.cls)
            targets.append(_Target("list", here, f.cls, f))
            for index, item in enumerate(value):
                targets.append(_Target("item", (*here, index), f.cls, f))
                targets.extend(_edit_targets(item_spec, item, (*here, index)))
        elif f.kind is Kind.SECTION and not f.optional:
            targets.extend(_edit_targets(spec_of(f.cls), value, here))
        else:
            targets.append(_Target("value", here, spec.cls, f))
            inner = f.variant_of(value) if f.kind in (Kind.SECTION, Kind.UNION) else None
            if inner is not None:
                targets.extend(_edit_targets(spec_of(inner), value, here))
    return targets


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        data = data[token]
    return data


def _edit_once(
    draw: st.DrawFn, spec: ClassSpec, body: dict[str, Any], target: _Target | None = None
) -> _Target:
    """Apply one random edit to an object's JSON (changed in place); returns where it went."""
    if target is None:
        target = draw(st.sampled_from(_edit_targets(spec, body, ())))
    owner = spec_of(target.owner)
    if target.what == "item":  # one field of this item, chosen anew on each side
        item = _get(body, target.path)
        inner = [t for t in _edit_targets(owner, item, ()) if t.what == "value"]
        if inner:
            _edit_once(draw, owner, item, draw(st.sampled_from(inner)))
        return target
    parent = _get(body, target.path[:-1])
    key = target.path[-1]
    if target.what == "value":
        parent[key] = unstructure(draw(field_values(target.field)))
        return target
    items = parent[key]
    id_name = owner.id_field.name if owner.id_field is not None else ""
    op = draw(st.sampled_from(["add", "remove", "edit", "reorder"]))
    if op == "add":
        item = unstructure(draw(documents(target.owner)))
        if item[id_name] not in {x[id_name] for x in items}:
            items.insert(draw(st.integers(0, len(items))), item)
    elif op == "remove" and items:
        del items[draw(st.integers(0, len(items) - 1))]
    elif op == "edit" and items:
        index = draw(st.integers(0, len(items) - 1))
        item_target = _Target("item", (*target.path, index), target.owner, target.field)
        _edit_once(draw, spec, body, item_target)
    elif op == "reorder":
        parent[key] = draw(st.permutations(items))
    return target


def _apply_edits(draw: st.DrawFn, doc: T, n: int, targets: list[_Target] | None = None) -> T:
    cls = type(doc)
    spec = spec_of(cls)
    current = to_dict(doc)
    for i in range(n):
        trial = copy.deepcopy(current)
        body = {k: v for k, v in trial.items() if k in spec.by_name}  # without the envelope
        chosen = targets[i] if targets is not None and i < len(targets) else None
        try:
            _edit_once(draw, spec, body, chosen)
        except (KeyError, IndexError, TypeError):
            continue  # a shared target that an earlier edit removed: nothing to edit there
        trial.update(body)
        try:
            from_dict(trial, cls)
        except ValidationError:
            continue  # the edit broke a rule between fields: skip it, as a form would refuse it
        current = trial
    return from_dict(current, cls)


@st.composite
def edited(draw: st.DrawFn, doc: T, max_edits: int = 4) -> T:
    """``doc`` after up to ``max_edits`` random edits: a field changed, an item added, removed
    or edited, or the items of a list reordered. The result is always a valid document."""
    return _apply_edits(draw, doc, draw(st.integers(0, max_edits)))


@st.composite
def concurrent_edits(draw: st.DrawFn, base: T, max_edits: int = 4) -> tuple[T, T]:
    """Two edited versions of ``base`` (ours, theirs) that often touch the same fields and
    lists, as two people editing one document at once do: food for three-way merges."""
    spec = spec_of(type(base))
    body = {k: v for k, v in to_dict(base).items() if k in spec.by_name}
    all_targets = _edit_targets(spec, body, ())
    in_lists = [t for t in all_targets if t.what in ("list", "item")]
    pick = st.sampled_from(all_targets)
    if in_lists:
        pick = st.one_of(pick, st.sampled_from(in_lists))
    shared = draw(st.lists(pick, max_size=3))
    ours = _apply_edits(draw, base, draw(st.integers(0, max_edits)) + len(shared), shared)
    theirs = _apply_edits(draw, base, draw(st.integers(0, max_edits)) + len(shared), shared)
    return ours, theirs
