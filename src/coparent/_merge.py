"""Three-way merge of two versions of a document against the last agreed one, and conflicts.

``merge(base, ours, theirs)`` walks the three JSON forms together with the attrs classes (see
:mod:`coparent._tree`). A change made by one side only is taken; the same change on both sides
is taken once; different changes to the same field, an edit on one side of an item the other
side removed, or an item both sides added differently, is a :class:`Conflict`. Lists of items
with an id are matched by id; lists of plain values without order (contact methods, joint
decisions) merge element by element and never conflict.

Until a conflict is resolved the merged document holds the last agreed value there (or, with
no ``base``, the value in ``ours``), so it is always a valid document. When the changes of the
two sides together break a rule between fields (say a holiday whose new end is before its new
start) the whole item becomes one conflict, holding its last agreed version.

The saved form of a merge (``MergeResult.to_json``, written by ``coparent merge``) is a JSON
object; see ``docs/review-meeting.md`` for its format.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Final

import attrs

from . import _tree as t
from ._diff import section_titles
from .convert import DOCUMENT_TYPES, TAG, Document, from_dict, parse_json, to_dict, unstructure
from .errors import (
    DiffError,
    ErrorDetail,
    NoSuchConflict,
    UnresolvedConflicts,
    ValidationError,
    json_pointer,
)
from .model._base import Choice, aware_datetime

__all__ = [
    "MERGE_FILE_KIND",
    "Conflict",
    "ConflictKind",
    "MergeResult",
    "Resolution",
    "ResolutionChoice",
    "merge",
]

#: The ``kind`` of a saved merge file.
MERGE_FILE_KIND: Final = "coparent_merge"
#: The version of the saved merge format.
MERGE_FORMAT_VERSION: Final = 1


class _Missing:
    """No value: the field or item is not there (no base, or removed)."""


_MISSING: Final = _Missing()


class ConflictKind(Choice):
    """Why a field or item could not be merged on its own."""

    BOTH_CHANGED = "both_changed", "Both changed it, differently"
    CHANGED_AND_REMOVED = "changed_and_removed", "One changed it, the other removed it"
    BOTH_ADDED = "both_added", "Both added it, differently"
    NO_BASE = "no_base", "Written differently, with no agreed version to start from"
    BREAKS_RULE = "breaks_rule", "The changes together break a rule"


class ResolutionChoice(Choice):
    """How a conflict was resolved."""

    OURS = "ours", "Take ours"
    THEIRS = "theirs", "Take theirs"
    BASE = "base", "Keep the last agreed version"
    VALUE = "value", "A value agreed at the meeting"


@attrs.frozen(kw_only=True)
class Conflict:
    """A field (or a whole list item) the two sides changed differently.

    ``base``, ``ours`` and ``theirs`` are JSON values; for a whole list item (``is_item``)
    ``None`` means the item is not in that version. ``base`` is ``None`` when the merge has
    no base. The ``*_text`` fields are the same values as a person reads them.
    """

    #: JSON pointer with list items named by id (``/living_arrangements/holidays/summer/end``).
    path: str
    keys: tuple[str, ...]
    section: str
    section_title: str
    label: str
    kind: ConflictKind
    is_item: bool
    base: Any
    ours: Any
    theirs: Any
    base_text: str
    ours_text: str
    theirs_text: str
    #: For ``BREAKS_RULE``: which rule, in the converter's words.
    message: str = ""

    def swapped(self) -> Conflict:
        """The same conflict seen from the other side (ours and theirs exchanged)."""
        return attrs.evolve(
            self,
            ours=self.theirs,
            theirs=self.ours,
            ours_text=self.theirs_text,
            theirs_text=self.ours_text,
        )


@attrs.frozen(kw_only=True)
class Resolution:
    """How one conflict was resolved, by whom and when: the agreement's audit trail."""

    path: str
    label: str
    choice: ResolutionChoice
    by: str
    at: datetime = attrs.field(validator=aware_datetime)
    #: The JSON value that was taken (``None`` for a list item: the item was left out).
    value: Any


def _value_at(cls: type[Any], tree: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The JSON value at ``keys`` in a keyed tree, or ``None`` if the item is not there."""
    try:
        container, key, spec, is_item = t.locate(cls, tree, keys)
    except t.PathNotFound:
        return None
    if key not in container:
        return None
    if is_item:
        return t.from_keyed(spec.cls, container[key])
    return t.unkeyed_value(spec, container[key])


def _put(cls: type[Any], tree: dict[str, Any], keys: tuple[str, ...], value: Any) -> None:
    container, key, spec, is_item = t.locate(cls, tree, keys)
    if is_item:
        if value is None:
            container.pop(key, None)
        else:
            container[key] = t.to_keyed(spec.cls, value)
    else:
        container[key] = t.keyed_value(spec, value)


def _envelope(cls: type[Any], body: dict[str, Any]) -> dict[str, Any]:
    return {"kind": cls.KIND, "schema_version": cls.SCHEMA_VERSION, **body}


@attrs.frozen(kw_only=True)
class MergeResult:
    """A merged document and the conflicts still open, resolved one by one.

    ``document`` is always a valid document: where a conflict is open it holds the last agreed
    value (or ours, with no base). ``resolve`` returns a new result; ``final_document()``
    gives the merged document once no conflict is left.
    """

    document: Document
    conflicts: tuple[Conflict, ...]
    resolutions: tuple[Resolution, ...] = ()
    has_base: bool
    base_label: str = "Last agreed version"
    ours_label: str = "Ours"
    theirs_label: str = "Theirs"

    @property
    def is_complete(self) -> bool:
        """True when no conflict is left."""
        return not self.conflicts

    def final_document(self) -> Document:
        """The merged document; raises :class:`coparent.UnresolvedConflicts` if any remain."""
        if self.conflicts:
            raise UnresolvedConflicts(c.path for c in self.conflicts)
        return self.document

    def conflict(self, path: str) -> Conflict:
        """The open conflict at ``path``; raises :class:`coparent.NoSuchConflict`."""
        for c in self.conflicts:
            if c.path == path:
                return c
        raise NoSuchConflict(f"no open conflict at {path or '/'}")

    def resolve(
        self,
        path: str,
        choice: ResolutionChoice | str,
        *,
        by: str,
        at: datetime | None = None,
        value: Any = _MISSING,
    ) -> MergeResult:
        """Resolve the conflict at ``path``: take ours, theirs, the base, or a given value.

        ``value`` (for ``ResolutionChoice.VALUE``) is a Python value of the field's type (a
        ``date``, an enum member, a list item object, or ``None`` to leave an item out).
        ``by`` names who agreed it and ``at`` when (an aware datetime; now by default). A
        value that breaks a rule raises :class:`coparent.ValidationError` naming the path.
        """
        choice = t.choice_of(ResolutionChoice, choice)
        if not by.strip():
            raise DiffError("say who agreed the resolution (by=...)")
        c = self.conflict(path)
        if choice is ResolutionChoice.VALUE:
            if value is _MISSING:
                raise DiffError("ResolutionChoice.VALUE needs a value=...")
            chosen = unstructure(value)
        elif choice is ResolutionChoice.BASE:
            if not self.has_base:
                raise DiffError("this merge has no last agreed version to keep")
            chosen = c.base
        else:
            chosen = c.ours if choice is ResolutionChoice.OURS else c.theirs
        cls = type(self.document)
        tree = t.to_keyed(cls, t.body_of(to_dict(self.document)))
        _put(cls, tree, c.keys, chosen)
        document = from_dict(_envelope(cls, t.from_keyed(cls, tree)), cls)
        resolution = Resolution(
            path=c.path,
            label=c.label,
            choice=choice,
            by=by,
            at=at if at is not None else datetime.now(UTC),
            value=chosen,
        )
        return attrs.evolve(
            self,
            document=document,
            conflicts=tuple(x for x in self.conflicts if x.path != path),
            resolutions=(*self.resolutions, resolution),
        )

    # --- saving -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The saved form of the merge: the document, open conflicts and resolutions."""
        return {
            "kind": MERGE_FILE_KIND,
            "format_version": MERGE_FORMAT_VERSION,
            "has_base": self.has_base,
            "labels": {
                "base": self.base_label,
                "ours": self.ours_label,
                "theirs": self.theirs_label,
            },
            "document": to_dict(self.document),
            "conflicts": [_conflict_dict(c) for c in self.conflicts],
            "resolutions": [
                {
                    "path": r.path,
                    "label": r.label,
                    "choice": r.choice.value,
                    "by": r.by,
                    "at": r.at.isoformat(),
                    "value": r.value,
                }
                for r in self.resolutions
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The saved form as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> MergeResult:
        """Load a saved merge; bad input raises :class:`coparent.ValidationError` by path."""
        return _load_merge(data)

    @classmethod
    def from_json(cls, text: str | bytes) -> MergeResult:
        """Load a saved merge from JSON text."""
        return _load_merge(parse_json(text, what="a saved merge"))

    # --- showing ------------------------------------------------------------------------------

    def __str__(self) -> str:
        from .render.diffs import merge_text

        return merge_text(self)

    def _repr_html_(self) -> str:
        from .render.diffs import merge_html

        return merge_html(self)


_CONFLICT_FIELDS = (
    "path",
    "section",
    "section_title",
    "label",
    "kind",
    "is_item",
    "base",
    "ours",
    "theirs",
    "base_text",
    "ours_text",
    "theirs_text",
    "message",
)


def _conflict_dict(c: Conflict) -> dict[str, Any]:
    out = {name: getattr(c, name) for name in _CONFLICT_FIELDS}
    out["kind"] = c.kind.value
    return out


class _Merge:
    """Walks base, ours and theirs together, collecting conflicts."""

    def __init__(self, cls: type[Any], has_base: bool) -> None:
        self.has_base = has_base
        self.conflicts: list[Conflict] = []
        self.section = ""
        self.section_title = ""
        self.titles = section_titles(cls)

    def obj(
        self,
        cls: type[Any],
        b: Any,
        o: dict[str, Any],
        th: dict[str, Any],
        keys: tuple[str, ...],
        labels: tuple[str, ...],
    ) -> dict[str, Any]:
        out = {}
        for spec in t.fields_of(cls).values():
            name = spec.name
            vb = _MISSING if b is _MISSING else b[name]
            out[name] = self.value(
                spec, vb, o[name], th[name], (*keys, name), (*labels, spec.title)
            )
        return out

    def value(
        self,
        spec: t.FieldSpec,
        b: Any,
        o: Any,
        th: Any,
        keys: tuple[str, ...],
        labels: tuple[str, ...],
    ) -> Any:
        if o == th:
            return o
        if b is not _MISSING:
            if o == b:
                return th
            if th == b:
                return o
        kind = spec.kind
        if kind is t.FieldKind.OBJECT:
            return self.obj(spec.cls, b, o, th, keys, labels)
        if kind is t.FieldKind.VARIANT:
            co, ct = t.variant_class(spec, o), t.variant_class(spec, th)
            cb = co if b is _MISSING else t.variant_class(spec, b)
            if co is not None and co is ct and cb is co:
                merged = self.obj(co, b, o, th, keys, labels)
                return {TAG: o[TAG], **merged} if TAG in o else merged
            return self.leaf(spec, b, o, th, keys, labels)
        if kind is t.FieldKind.ID_LIST:
            return self.id_list(spec, b, o, th, keys, labels)
        if kind is t.FieldKind.SET_LIST and b is not _MISSING:
            return _merge_set(spec, b, o, th)
        return self.leaf(spec, b, o, th, keys, labels)

    def leaf(
        self,
        spec: t.FieldSpec,
        b: Any,
        o: Any,
        th: Any,
        keys: tuple[str, ...],
        labels: tuple[str, ...],
    ) -> Any:
        has_base = b is not _MISSING
        kind = ConflictKind.BOTH_CHANGED if has_base else ConflictKind.NO_BASE
        values = (b if has_base else None, o, th)
        texts = (t.show(spec, b) if has_base else "", t.show(spec, o), t.show(spec, th))
        self.conflicts.append(self.conflict(kind, False, values, texts, keys, labels))
        return b if has_base else o

    def item_conflict(
        self,
        kind: ConflictKind,
        cls: type[Any],
        b: Any,
        o: Any,
        th: Any,
        keys: tuple[str, ...],
        labels: tuple[str, ...],
    ) -> None:
        self.conflicts.append(self.make_item_conflict(kind, cls, b, o, th, keys, labels))

    def make_item_conflict(
        self,
        kind: ConflictKind,
        cls: type[Any],
        b: Any,
        o: Any,
        th: Any,
        keys: tuple[str, ...],
        labels: tuple[str, ...],
        message: str = "",
    ) -> Conflict:
        vb, vo, vt = (None if v is _MISSING else v for v in (b, o, th))
        base_text = t.show_object(cls, vb) if self.has_base else ""
        texts = (base_text, t.show_object(cls, vo), t.show_object(cls, vt))
        return self.conflict(kind, True, (vb, vo, vt), texts, keys, labels, message)

    def conflict(
        self,
        kind: ConflictKind,
        is_item: bool,
        values: tuple[Any, Any, Any],
        texts: tuple[str, str, str],
        keys: tuple[str, ...],
        labels: tuple[str, ...],
        message: str = "",
    ) -> Conflict:
        return Conflict(
            path=json_pointer(*keys),
            keys=keys,
            section=self.section,
            section_title=self.section_title,
            label=t.join_label(labels),
            kind=kind,
            is_item=is_item,
            base=values[0],
            ours=values[1],
            theirs=values[2],
            base_text=texts[0],
            ours_text=texts[1],
            theirs_text=texts[2],
            message=message,
        )

    def id_list(
        self,
        spec: t.FieldSpec,
        b: Any,
        o: list[dict[str, Any]],
        th: list[dict[str, Any]],
        keys: tuple[str, ...],
        labels: tuple[str, ...],
    ) -> list[dict[str, Any]]:
        cls = spec.cls
        bi: dict[str, Any] = {} if b is _MISSING else {x["id"]: x for x in b}
        oi = {x["id"]: x for x in o}
        ti = {x["id"]: x for x in th}
        new_ids = sorted((oi.keys() | ti.keys()) - bi.keys())
        merged: dict[str, Any] = {}
        for item_id in [*bi, *new_ids]:
            ib: Any = bi.get(item_id, _MISSING)
            io: Any = oi.get(item_id, _MISSING)
            it: Any = ti.get(item_id, _MISSING)
            k = (*keys, item_id)
            lab = (*labels, _item_label(cls, ib, io, it))
            if io is not _MISSING and it is not _MISSING:
                if io == it:
                    merged[item_id] = io
                elif ib is not _MISSING or not (self.has_base or _has_rules(cls)):
                    merged[item_id] = self.obj(cls, ib, io, it, k, lab)
                else:
                    # Both added it differently. With no base, an item whose fields are tied
                    # by a rule (a start before an end) is one conflict, so that resolving
                    # it cannot mix the two versions into an item that breaks the rule.
                    kind = ConflictKind.BOTH_ADDED if self.has_base else ConflictKind.NO_BASE
                    self.item_conflict(kind, cls, ib, io, it, k, lab)
                    if not self.has_base:
                        merged[item_id] = io
            elif io is not _MISSING or it is not _MISSING:
                present = io if io is not _MISSING else it
                if ib is not _MISSING:
                    if present != ib:
                        self.item_conflict(
                            ConflictKind.CHANGED_AND_REMOVED, cls, ib, io, it, k, lab
                        )
                        merged[item_id] = ib
                elif self.has_base:
                    merged[item_id] = present
                else:
                    self.item_conflict(ConflictKind.NO_BASE, cls, ib, io, it, k, lab)
                    if io is not _MISSING:
                        merged[item_id] = io
        order = _merge_order(list(bi), list(oi), list(ti), set(merged), self.has_base)
        return [merged[i] for i in order]


def _item_label(cls: type[Any], b: Any, o: Any, th: Any) -> str:
    """An item's name for labels: its last agreed name, or the sides' names (in a fixed order,
    so that swapping the sides changes nothing)."""
    if b is not _MISSING:
        return t.item_name(cls, b)
    names = sorted({t.item_name(cls, v) for v in (o, th) if v is not _MISSING})
    return " / ".join(names)


def _has_rules(cls: type[Any]) -> bool:
    """Whether a class has a rule between its fields (checked in ``__attrs_post_init__``)."""
    return hasattr(cls, "__attrs_post_init__")


def _natural_key(spec: t.FieldSpec) -> Any:
    tp = spec.value_type
    if isinstance(tp, type) and issubclass(tp, Choice):
        rank = {m.value: n for n, m in enumerate(tp)}
        return lambda v: (rank.get(v, len(rank)), str(v))
    return lambda v: (0, str(v))


def _merge_set(spec: t.FieldSpec, b: list[Any], o: list[Any], th: list[Any]) -> list[Any]:
    """Element by element: what either side added, less what either side removed."""
    sb, so, st = set(b), set(o), set(th)
    result = (sb & so & st) | (so - sb) | (st - sb)
    return sorted(result, key=_natural_key(spec))


def _anchor(seq: list[str], index: int, keep: set[str]) -> str | None:
    k = index - 1
    while k >= 0 and seq[k] not in keep:
        k -= 1
    return seq[k] if k >= 0 else None


def _merge_order(
    base: list[str], ours: list[str], theirs: list[str], keep: set[str], has_base: bool
) -> list[str]:
    """The order of a merged list of items: symmetric in ours and theirs.

    A side that only added, removed or moved items while the other left the list alone gives
    the order. When both changed the list, a reordering made by one side only is kept, and
    items added are placed after the item they follow in their version.
    """
    if not has_base:
        template = ours
    elif ours == base:
        template = theirs
    elif theirs in (base, ours):
        template = ours
    else:
        common = keep & set(base)
        base_rel = [i for i in base if i in common]

        def moved(seq: list[str]) -> bool:
            rel = [i for i in seq if i in common]
            present = set(rel)
            return rel != [i for i in base_rel if i in present]

        mo, mt = moved(ours), moved(theirs)
        template = ours if mo and not mt else theirs if mt and not mo else base
    placed = [i for i in template if i in keep]
    missing = keep - set(placed)
    if not missing:
        return placed
    positions = [
        (seq, {item_id: n for n, item_id in enumerate(seq)}) for seq in (base, ours, theirs)
    ]
    after: dict[str | None, list[str]] = defaultdict(list)
    for item_id in sorted(missing):
        base_pos = positions[0][1].get(item_id)
        if base_pos is not None:
            candidates = [_anchor(base, base_pos, keep)]
        else:
            candidates = [
                _anchor(seq, pos[item_id], keep) for seq, pos in positions[1:] if item_id in pos
            ]
        after[min(candidates, key=lambda a: (a is not None, a or ""))].append(item_id)
    out: list[str] = []
    seen: set[str] = set()

    def emit(first: str) -> None:
        stack = [first]
        while stack:
            cur = stack.pop()
            if cur in seen:
                continue
            seen.add(cur)
            out.append(cur)
            stack.extend(reversed(after.get(cur, [])))

    for item_id in [*after.get(None, []), *placed]:
        emit(item_id)
    out.extend(sorted(keep - seen))
    return out


def merge(
    base: Document | None,
    ours: Document,
    theirs: Document,
    *,
    ours_label: str = "Ours",
    theirs_label: str = "Theirs",
    base_label: str = "Last agreed version",
) -> MergeResult:
    """Merge two versions of a document made from ``base`` (the last agreed version).

    With ``base=None`` (two first drafts) what both wrote the same is kept and every other
    difference is a conflict. Raises :class:`coparent.DiffError` for documents of different
    kinds. The labels name the sides in text and HTML (for example each parent's name).
    """
    cls = type(ours)
    if getattr(cls, "KIND", None) is None or type(theirs) is not cls:
        raise DiffError(
            f"merge needs documents of the same kind; got a {cls.__name__} and a "
            f"{type(theirs).__name__}"
        )
    if base is not None and type(base) is not cls:
        raise DiffError(f"the base is a {type(base).__name__}, not a {cls.__name__}")
    has_base = base is not None
    db: Any = _MISSING if base is None else t.body_of(to_dict(base))
    do, dt = t.body_of(to_dict(ours)), t.body_of(to_dict(theirs))
    walk = _Merge(cls, has_base)
    body: dict[str, Any] = {}
    for name, spec in t.fields_of(cls).items():
        walk.section = t.section_key(cls, name)
        walk.section_title = walk.titles[walk.section]
        vb = _MISSING if db is _MISSING else db[name]
        body[name] = walk.value(spec, vb, do[name], dt[name], (name,), (spec.title,))
    document, conflicts = _settle(cls, body, (db, do, dt), walk)
    return MergeResult(
        document=document,
        conflicts=tuple(conflicts),
        has_base=has_base,
        base_label=base_label,
        ours_label=ours_label,
        theirs_label=theirs_label,
    )


def _settle(
    cls: type[Any], body: dict[str, Any], sides: tuple[Any, Any, Any], walk: _Merge
) -> tuple[Any, list[Conflict]]:
    """Load the merged body; turn each item whose merged fields break a rule into a conflict."""
    conflicts = walk.conflicts
    trees: list[Any] = []
    while True:
        try:
            return from_dict(_envelope(cls, body), cls), conflicts
        except ValidationError as e:
            broken: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for err in e.errors:
                keys = t.object_keys_at(cls, body, t.keys_of(err.path))
                broken[keys].append(err.message)
            if () in broken or not broken:
                raise  # the model has no rule on a whole document; not reachable from a merge
            if not trees:
                trees = [None if s is _MISSING else t.to_keyed(cls, s) for s in sides]
            tree = t.to_keyed(cls, body)
            for keys, messages in broken.items():
                conflicts = [c for c in conflicts if c.keys[: len(keys)] != keys]
                values = [None if tr is None else _value_at(cls, tr, keys) for tr in trees]
                _container, _key, spec, is_item = t.locate(cls, tree, keys)
                item_cls = spec.cls if is_item else None
                walk.section = t.section_key(cls, keys[0])
                walk.section_title = walk.titles[walk.section]
                label = _label_for(cls, tree, keys)
                if item_cls is not None:
                    conflicts.append(
                        walk.make_item_conflict(
                            ConflictKind.BREAKS_RULE,
                            item_cls,
                            values[0] if walk.has_base else _MISSING,
                            values[1],
                            values[2],
                            keys,
                            (label,),
                            message="; ".join(messages),
                        )
                    )
                hold = values[0] if walk.has_base else values[1]
                _put(cls, tree, keys, hold)
            body = t.from_keyed(cls, tree)


def _label_for(cls: type[Any], tree: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The human label of a path: field titles, and item names for list items."""
    labels: list[str] = []
    cur_cls: Any = cls
    cur: Any = tree
    i = 0
    while i < len(keys) and cur_cls is not None:
        spec = t.fields_of(cur_cls)[keys[i]]
        labels.append(spec.title)
        value = cur.get(spec.name) if isinstance(cur, dict) else None
        if spec.kind is t.FieldKind.ID_LIST and i + 1 < len(keys):
            item = value.get(keys[i + 1]) if isinstance(value, dict) else None
            labels.append(t.item_name(spec.cls, item) if item else keys[i + 1])
            cur, cur_cls, i = item, spec.cls, i + 2
        elif spec.kind is t.FieldKind.OBJECT:
            cur, cur_cls, i = value, spec.cls, i + 1
        else:
            cur_cls, i = (t.variant_class(spec, value) if value else None), i + 1
            cur = value
    return t.join_label(labels)


# --- loading a saved merge --------------------------------------------------------------------


def _load_merge(data: Any) -> MergeResult:
    what = "a saved merge"
    problems: list[ErrorDetail] = []

    def bad(path: str, message: str) -> None:
        problems.append(ErrorDetail(path=path, message=message))

    if type(data) is not dict:
        raise ValidationError([ErrorDetail(path="", message="expected an object")], what=what)
    if data.get("kind") != MERGE_FILE_KIND:
        bad("/kind", f"expected {MERGE_FILE_KIND!r}: this is not a saved coparent merge")
    if data.get("format_version") != MERGE_FORMAT_VERSION:
        bad("/format_version", f"expected {MERGE_FORMAT_VERSION}")
    has_base = data.get("has_base")
    if type(has_base) is not bool:
        bad("/has_base", "expected true or false")
    labels = data.get("labels")
    if type(labels) is not dict or any(
        type(labels.get(k)) is not str for k in ("base", "ours", "theirs")
    ):
        bad("/labels", "expected an object with text 'base', 'ours' and 'theirs'")
        labels = {}
    document = None
    raw_doc = data.get("document")
    kind = raw_doc.get("kind") if type(raw_doc) is dict else None
    doc_cls = DOCUMENT_TYPES.get(kind) if type(kind) is str else None
    if doc_cls is None:
        bad("/document/kind", "expected a coparent document")
    else:
        try:
            document = from_dict(raw_doc, doc_cls)
        except ValidationError as e:
            problems.extend(
                ErrorDetail(path="/document" + d.path, message=d.message) for d in e.errors
            )
    conflicts = list(_load_items(data.get("conflicts"), "/conflicts", _load_conflict, bad))
    resolutions = list(_load_items(data.get("resolutions"), "/resolutions", _load_resolution, bad))
    if problems or document is None:
        raise ValidationError(problems, what=what)
    return MergeResult(
        document=document,
        conflicts=tuple(conflicts),
        resolutions=tuple(resolutions),
        has_base=bool(has_base),
        base_label=labels["base"],
        ours_label=labels["ours"],
        theirs_label=labels["theirs"],
    )


def _load_items(raw: Any, where: str, load: Any, bad: Any) -> Iterable[Any]:
    if type(raw) is not list:
        bad(where, "expected a list")
        return
    for index, item in enumerate(raw):
        path = f"{where}/{index}"
        if type(item) is not dict:
            bad(path, "expected an object")
            continue
        try:
            yield load(item)
        except (KeyError, ValueError, TypeError) as e:
            bad(path, f"not a valid entry ({e})")


def _text_field(item: dict[str, Any], name: str) -> str:
    value = item[name]
    if type(value) is not str:
        raise TypeError(f"{name} must be text")
    return value


def _load_conflict(item: dict[str, Any]) -> Conflict:
    if set(item) != set(_CONFLICT_FIELDS):
        raise KeyError("expected the fields " + ", ".join(_CONFLICT_FIELDS))
    if type(item["is_item"]) is not bool:
        raise TypeError("is_item must be true or false")
    path = _text_field(item, "path")
    texts = {name: _text_field(item, name) for name in _CONFLICT_FIELDS if name.endswith("text")}
    return Conflict(
        path=path,
        keys=t.keys_of(path),
        section=_text_field(item, "section"),
        section_title=_text_field(item, "section_title"),
        label=_text_field(item, "label"),
        kind=t.choice_of(ConflictKind, item["kind"]),
        is_item=item["is_item"],
        base=item["base"],
        ours=item["ours"],
        theirs=item["theirs"],
        message=_text_field(item, "message"),
        **texts,
    )


def _load_resolution(item: dict[str, Any]) -> Resolution:
    at = datetime.fromisoformat(_text_field(item, "at"))
    return Resolution(
        path=_text_field(item, "path"),
        label=_text_field(item, "label"),
        choice=t.choice_of(ResolutionChoice, item["choice"]),
        by=_text_field(item, "by"),
        at=at,
        value=item["value"],
    )
