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
start) the whole item (or section) becomes one conflict, holding its last agreed version; when
they break a rule on the whole document (a plan marked agreed while an area is still open) the
field the rule names becomes one conflict. With no base, an item or section whose fields are
tied by a rule is one conflict, so that resolving it cannot mix the two versions.

The saved form of a merge (``MergeResult.to_json``, written by ``coparent merge``) is a JSON
object; see ``docs/review-meeting.md`` for its format.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import _tree as t
from .convert import (
    DOCUMENT_TYPES,
    MAX_BYTES,
    Document,
    from_dict,
    parse_json,
    to_dict,
    unstructure,
    wrap_envelope,
)
from .differences import section_titles
from .errors import (
    DiffError,
    ErrorDetail,
    NoSuchConflictError,
    UnresolvedConflictsError,
    ValidationError,
    json_pointer,
)
from .i18n import N_, P_
from .model._base import Choice, aware_datetime, meta
from .model.introspect import TAG, Kind

if TYPE_CHECKING:
    from .redaction import Audience

__all__ = [
    "MERGE_FILE_KIND",
    "MERGE_MAX_BYTES",
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
#: The most a saved merge may hold: the merged document and the (up to three) versions merged,
#: each up to a document's limit, and the conflicts.
MERGE_MAX_BYTES: Final = 5 * MAX_BYTES


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
    LOWERS_PROTECTION = (
        "lowers_protection",
        "A change lowers who is protected: only the centre's staff or the court can agree it",
    )


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

    path: str = attrs.field(
        metadata=meta(
            "Where",
            "JSON pointer with list items named by id "
            "(``/living_arrangements/holidays/summer/end``).",
        )
    )
    section: str = attrs.field(metadata=meta("Section", "The top-level field it belongs to."))
    section_title: str = attrs.field(metadata=meta("Section title"))
    label: str = attrs.field(metadata=meta("Field", "The titles along the path."))
    kind: ConflictKind = attrs.field(metadata=meta("Why", "Why it could not be merged."))
    is_item: bool = attrs.field(metadata=meta("A whole list item"))
    base: Any = attrs.field(
        metadata=meta("Last agreed value", "None when there is no base or no such item.")
    )
    ours: Any = attrs.field(metadata=meta("Our value"))
    theirs: Any = attrs.field(metadata=meta("Their value"))
    base_text: str = attrs.field(metadata=meta("Last agreed value, as people read it"))
    ours_text: str = attrs.field(metadata=meta("Our value, as people read it"))
    theirs_text: str = attrs.field(metadata=meta("Their value, as people read it"))
    #: For ``BREAKS_RULE``: which rule, in the converter's words.
    message: str = attrs.field(default="", metadata=meta("The rule it breaks"))

    @property
    def keys(self) -> tuple[str, ...]:
        """The path as a tuple of keys (field names and item ids)."""
        return t.keys_of(self.path)

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

    path: str = attrs.field(metadata=meta("Where", "The path of the conflict it resolved."))
    label: str = attrs.field(metadata=meta("Field"))
    choice: ResolutionChoice = attrs.field(metadata=meta("Resolved by taking"))
    by: str = attrs.field(metadata=meta("Agreed by"))
    at: datetime = attrs.field(validator=aware_datetime, metadata=meta("Agreed at"))
    #: The JSON value that was taken (``None`` for a list item: the item was left out).
    value: Any = attrs.field(
        metadata=meta("The value taken", "None for a list item that was left out.")
    )


@attrs.frozen(kw_only=True)
class MergeLabels:
    """The names of the three versions in a saved merge."""

    base: str = attrs.field(metadata=meta("The last agreed version's name"))
    ours: str = attrs.field(metadata=meta("Our version's name"))
    theirs: str = attrs.field(metadata=meta("Their version's name"))


@attrs.frozen(kw_only=True)
class SavedMerge:
    """The saved form of a merge (``coparent merge`` writes it): see docs/review-meeting.md."""

    kind: str = attrs.field(metadata=meta("Kind", f"Always {MERGE_FILE_KIND!r}."))
    format_version: int = attrs.field(metadata=meta("Format version"))
    has_base: bool = attrs.field(metadata=meta("Merged against a last agreed version"))
    labels: MergeLabels = attrs.field(metadata=meta("Names of the versions"))
    document: Any = attrs.field(
        metadata=meta("The merged document", "Its JSON, with its kind and schema version.")
    )
    conflicts: tuple[Conflict, ...] = attrs.field(metadata=meta("Conflicts still open"))
    resolutions: tuple[Resolution, ...] = attrs.field(metadata=meta("Conflicts resolved"))
    versions: tuple[Any, ...] = attrs.field(
        default=(),
        metadata=meta(
            "The versions merged",
            "The last agreed version (if any), ours and theirs, each with its kind and schema "
            "version: what any of them withholds from a parent is scrubbed from that parent's "
            "copy. Left out by merges saved before it was added.",
        ),
    )


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


@attrs.frozen(kw_only=True)
class MergeResult:
    """A merged document and the conflicts still open, resolved one by one.

    ``document`` is always a valid document: where a conflict is open it holds the last agreed
    value (or ours, with no base; for a rule on the whole document, the first version's value
    that keeps the document valid). ``resolve`` returns a new result; ``final_document()``
    gives the merged document once no conflict is left.
    """

    document: Document
    conflicts: tuple[Conflict, ...]
    resolutions: tuple[Resolution, ...] = ()
    has_base: bool
    base_label: str = t.LAST_AGREED
    ours_label: str = t.OURS
    theirs_label: str = t.THEIRS
    #: The versions merged (the base, if any, ours and theirs), for :func:`coparent.redact` to
    #: scrub what any of them withholds from a reader out of the values shown; never compared
    #: or shown, but saved with the merge (empty in a parent's copy).
    versions: tuple[Document, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def is_complete(self) -> bool:
        """True when no conflict is left."""
        return not self.conflicts

    def final_document(self) -> Document:
        """The merged document; raises :class:`coparent.UnresolvedConflictsError` if any remain."""
        if self.conflicts:
            raise UnresolvedConflictsError(c.path for c in self.conflicts)
        return self.document

    def conflict(self, path: str) -> Conflict:
        """The open conflict at ``path``; raises :class:`coparent.NoSuchConflictError`."""
        for c in self.conflicts:
            if c.path == path:
                return c
        raise NoSuchConflictError(P_("no open conflict at {path}").format(path=path or "/"))

    def resolve(
        self,
        path: str,
        choice: ResolutionChoice | str,
        *,
        by: str,
        at: datetime | None = None,
        value: Any = _MISSING,
        audience: Audience | None = None,
    ) -> MergeResult:
        """Resolve the conflict at ``path``: take ours, theirs, the base, or a given value.

        A :attr:`ConflictKind.LOWERS_PROTECTION` conflict (a confidentiality mark removed, the
        child's words made shareable) keeps the protective value while it is open; taking a
        value that lowers the protection needs ``audience=Audience.facilitator()`` (or the
        court): a parent cannot agree it, and without ``audience`` it raises
        :class:`coparent.DiffError`.

        ``value`` (for ``ResolutionChoice.VALUE``) is a Python value of the field's type (a
        ``date``, an enum member, a list item object, or ``None`` to leave an item out).
        ``by`` names who agreed it and ``at`` when (an aware datetime; now by default). A
        choice that breaks a rule raises :class:`coparent.ValidationError` naming the path, and
        the conflict stays open: a value that breaks one, or a side's value that breaks one
        with the document as it stands (a plan marked agreed while another open conflict still
        holds an area seeking help: resolve that one first).
        """
        choice = t.choice_of(ResolutionChoice, choice)
        if not by.strip():
            raise DiffError(N_("say who agreed the resolution (by=...)"))
        c = self.conflict(path)
        if choice is ResolutionChoice.VALUE:
            if value is _MISSING:
                raise DiffError(N_("ResolutionChoice.VALUE needs a value=..."))
            chosen = unstructure(value)
        elif choice is ResolutionChoice.BASE:
            if not self.has_base:
                raise DiffError(N_("this merge has no last agreed version to keep"))
            chosen = c.base
        else:
            chosen = c.ours if choice is ResolutionChoice.OURS else c.theirs
        cls = type(self.document)
        tree = t.to_keyed(cls, t.body_of(to_dict(self.document)))
        if (
            c.kind is ConflictKind.LOWERS_PROTECTION
            and chosen != _value_at(cls, tree, c.keys)
            and (audience is None or audience.is_parent)
        ):
            raise DiffError(
                P_(
                    "the change at {path} lowers who is protected: only the centre's staff or "
                    "the court can agree it (resolve(..., audience=Audience.facilitator()))"
                ).format(path=c.path)
            )
        _put(cls, tree, c.keys, chosen)
        document = from_dict(wrap_envelope(cls, t.from_keyed(cls, tree)), cls)
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
        saved = SavedMerge(
            kind=MERGE_FILE_KIND,
            format_version=MERGE_FORMAT_VERSION,
            has_base=self.has_base,
            labels=MergeLabels(
                base=self.base_label, ours=self.ours_label, theirs=self.theirs_label
            ),
            document=to_dict(self.document),
            conflicts=self.conflicts,
            resolutions=self.resolutions,
            versions=tuple(to_dict(v) for v in self.versions),
        )
        data = to_dict(saved)
        if not self.versions:
            del data["versions"]  # a merge saved without them (or redacted) is written as read
        return data

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
        return _load_merge(parse_json(text, what="a saved merge", max_bytes=MERGE_MAX_BYTES))

    # --- showing ------------------------------------------------------------------------------

    def __str__(self) -> str:
        from .render.diffs import merge_text

        return merge_text(self)

    def _repr_html_(self) -> str:
        from .render.diffs import merge_html

        return merge_html(self)


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
        for spec in t.fields(cls):
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
        if t.is_object(spec):
            co, ct = t.object_class(spec, o), t.object_class(spec, th)
            cb = co if b is _MISSING else t.object_class(spec, b)
            if co is not None and co is ct and cb is co:
                first = len(self.conflicts)
                merged = self.obj(co, b, o, th, keys, labels)
                if b is _MISSING and not _mixes_fit(co, o, self.conflicts[first:], len(keys)):
                    # With no base, an object whose fields are tied by a rule is one conflict
                    # (as a list item is) when resolving its fields one by one could mix the
                    # two versions into one that breaks the rule.
                    del self.conflicts[first:]
                    return self.leaf(spec, b, o, th, keys, labels)
                return {TAG: o[TAG], **merged} if TAG in o else merged
            return self.leaf(spec, b, o, th, keys, labels)
        if t.is_item_list(spec):
            return self.id_list(spec, b, o, th, keys, labels)
        if t.is_set_list(spec) and b is not _MISSING:
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
        bi: dict[str, Any] = {} if b is _MISSING else {t.id_of(cls, x): x for x in b}
        oi = {t.id_of(cls, x): x for x in o}
        ti = {t.id_of(cls, x): x for x in th}
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


#: With no base, an object with a rule whose fields are in more conflicts than this is one
#: conflict, without trying every way of resolving them.
_MAX_MIXED: Final = 8


def _mixes_fit(cls: type[Any], ours: dict[str, Any], conflicts: list[Conflict], depth: int) -> bool:
    """Whether every way of taking ours or theirs for each of the ``conflicts`` (with no base)
    inside an object of ``cls`` keeps the object's own rules (each version keeps them)."""
    if len(conflicts) < 2 or not _has_rules(cls):
        return True
    if len(conflicts) > _MAX_MIXED:
        return False
    tree = t.to_keyed(cls, {k: v for k, v in ours.items() if k != TAG})
    for n in range(1, len(conflicts)):
        for theirs in itertools.combinations(conflicts, n):
            mixed = copy.deepcopy(tree)
            for c in theirs:
                _put(cls, mixed, c.keys[depth:], c.theirs)
            try:
                from_dict(t.from_keyed(cls, mixed), cls)
            except ValidationError:
                return False
    return True


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
    ours_label: str = t.OURS,
    theirs_label: str = t.THEIRS,
    base_label: str = t.LAST_AGREED,
) -> MergeResult:
    """Merge two versions of a document made from ``base`` (the last agreed version).

    With ``base=None`` (two first drafts) what both wrote the same is kept and every other
    difference is a conflict. Raises :class:`coparent.DiffError` for documents of different
    kinds. The labels name the sides in text and HTML (for example each parent's name).
    """
    cls = type(ours)
    if getattr(cls, "KIND", None) is None or type(theirs) is not cls:
        raise DiffError(
            P_("merge needs documents of the same kind; got a {a} and a {b}").format(
                a=cls.__name__, b=type(theirs).__name__
            )
        )
    if base is not None and type(base) is not cls:
        raise DiffError(
            P_("the base is a {base}, not a {kind}").format(
                base=type(base).__name__, kind=cls.__name__
            )
        )
    has_base = base is not None
    db: Any = _MISSING if base is None else t.body_of(to_dict(base))
    do, dt = t.body_of(to_dict(ours)), t.body_of(to_dict(theirs))
    walk = _Merge(cls, has_base)
    body: dict[str, Any] = {}
    for spec in t.fields(cls):
        name = spec.name
        walk.section = t.section_key(cls, name)
        walk.section_title = walk.titles[walk.section]
        vb = _MISSING if db is _MISSING else db[name]
        body[name] = walk.value(spec, vb, do[name], dt[name], (name,), (spec.title,))
    document, conflicts = _settle(cls, body, (db, do, dt), walk)
    document, conflicts = _protect(cls, document, (db, do, dt), walk, conflicts)
    return MergeResult(
        document=document,
        conflicts=tuple(conflicts),
        has_base=has_base,
        base_label=base_label,
        ours_label=ours_label,
        theirs_label=theirs_label,
        versions=(ours, theirs) if base is None else (base, ours, theirs),
    )


def _settle(
    cls: type[Any], body: dict[str, Any], sides: tuple[Any, Any, Any], walk: _Merge
) -> tuple[Any, list[Conflict]]:
    """Load the merged body; where the merged fields break a rule, make one conflict there.

    A rule between the fields of an item or a section makes that item or section one
    conflict, held at its last agreed version (or ours, with no base). A rule on the whole
    document (a plan cannot be agreed while an area is still open) makes the field it names
    one conflict, held at the first of the last agreed, our and their value that keeps the
    document valid (the sides' values in a fixed order).
    """
    conflicts = walk.conflicts
    trees: list[Any] = []
    tried: dict[tuple[str, ...], int] = defaultdict(int)
    while True:
        try:
            return from_dict(wrap_envelope(cls, body), cls), conflicts
        except ValidationError as e:
            broken: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for err in e.errors:
                keys = t.object_keys_at(cls, body, t.keys_of(err.path))
                # A rule on the whole document names one of its fields.
                broken[keys or t.keys_of(err.path)[:1]].append(err.message)
            if () in broken or not broken:
                raise  # a problem with no field: not reachable from two valid documents
            if not trees:
                trees = [None if s is _MISSING else t.to_keyed(cls, s) for s in sides]
            tree = t.to_keyed(cls, body)
            for keys, messages in broken.items():
                values = [None if tr is None else _value_at(cls, tr, keys) for tr in trees]
                # The last agreed value, then the sides' values in a fixed order (so that
                # swapping the sides changes nothing); with no base, ours, then theirs.
                if walk.has_base:
                    candidates = [values[0], *sorted(values[1:], key=_canonical)]
                else:
                    candidates = values[1:]
                if tried[keys] == len(candidates):
                    raise  # no version's value keeps the document valid: not reachable
                conflicts = [c for c in conflicts if c.keys[: len(keys)] != keys]
                _container, _key, spec, is_item = t.locate(cls, tree, keys)
                walk.section = t.section_key(cls, keys[0])
                walk.section_title = walk.titles[walk.section]
                label = _label_for(cls, tree, keys)
                message = "; ".join(messages)
                if is_item:
                    conflicts.append(
                        walk.make_item_conflict(
                            ConflictKind.BREAKS_RULE,
                            spec.cls,
                            values[0] if walk.has_base else _MISSING,
                            values[1],
                            values[2],
                            keys,
                            (label,),
                            message=message,
                        )
                    )
                else:  # a section, or a field a rule on the whole document names
                    base_text = t.show(spec, values[0]) if walk.has_base else ""
                    conflicts.append(
                        walk.conflict(
                            ConflictKind.BREAKS_RULE,
                            False,
                            (values[0] if walk.has_base else None, values[1], values[2]),
                            (base_text, t.show(spec, values[1]), t.show(spec, values[2])),
                            keys,
                            (label,),
                            message,
                        )
                    )
                _put(cls, tree, keys, candidates[tried[keys]])
                tried[keys] += 1
            body = t.from_keyed(cls, tree)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


_LOWERS: Final = "only the centre's staff or the court can lower who is protected"


#: How a mark protects: a flag that protects when true or when false, or a list of withheld
#: paths (``withholds``) that protects with every path any version lists.
_Protects = bool | None


def _flag_paths(
    obj: Any, keys: tuple[str, ...], out: list[tuple[tuple[str, ...], _Protects]]
) -> None:
    """Each protection mark in ``obj`` (through the spec tree): its keys and how it protects.

    A ``confidential_flag`` protects when true; a ``shareable_flag`` when false; a
    ``withholds`` list (None here) with every path any version lists.
    """
    for f in t.fields(type(obj)):
        value = getattr(obj, f.name)
        here = (*keys, f.name)
        if f.info.confidential_flag or f.info.shareable_flag:
            out.append((here, f.info.confidential_flag))
        elif f.info.withholds:
            out.append((here, None))
        elif f.kind in (Kind.SECTION, Kind.UNION) and value is not None:
            _flag_paths(value, here, out)
        elif f.kind is Kind.ITEMS:
            for item in value:
                _flag_paths(item, (*here, item.id), out)


def _protect(
    cls: type[Any],
    document: Any,
    sides: tuple[Any, Any, Any],
    walk: _Merge,
    conflicts: list[Conflict],
) -> tuple[Any, list[Conflict]]:
    """Never lower protection silently: where the merged document holds a mark less protective
    than base, ours or theirs, keep the protective value and open a ``LOWERS_PROTECTION``
    conflict (replacing any other conflict at that mark)."""
    marks: list[tuple[tuple[str, ...], _Protects]] = []
    _flag_paths(document, (), marks)
    trees = [None if s is _MISSING else t.to_keyed(cls, s) for s in sides]
    tree = t.to_keyed(cls, t.body_of(to_dict(document)))
    changed = False
    for keys, how in marks:
        merged = _value_at(cls, tree, keys)
        values = [None if tr is None else _value_at(cls, tr, keys) for tr in trees]
        protective: Any = how
        if how is None:  # a list of withheld paths: every path any version lists
            listed = [p for v in (merged, *values) if v for p in v]
            protective = list(dict.fromkeys(listed))
            if merged == protective or set(protective) <= set(merged or ()):
                protective = merged
            if all(v is None or set(v) == set(protective) for v in values):
                continue
        elif protective not in values:
            continue
        if merged == protective:
            # an open conflict on the mark (no base) must not be settled by a parent either
            conflicts = [
                attrs.evolve(c, kind=ConflictKind.LOWERS_PROTECTION, message=_LOWERS)
                if c.keys == keys
                else c
                for c in conflicts
            ]
            continue
        conflicts = [c for c in conflicts if c.keys != keys]
        walk.section = t.section_key(cls, keys[0])
        walk.section_title = walk.titles[walk.section]
        spec = t.locate(cls, tree, keys)[2]
        conflicts.append(
            walk.conflict(
                ConflictKind.LOWERS_PROTECTION,
                False,
                (values[0], values[1], values[2]),
                # A tuple of exactly three texts (base, ours, theirs): mypy sees tuple[str, ...].
                tuple(  # type: ignore[arg-type]
                    t.show(spec, v) if v is not None else "" for v in values
                ),
                keys,
                (_label_for(cls, tree, keys),),
                message=_LOWERS,
            )
        )
        _put(cls, tree, keys, protective)
        changed = True
    if changed:
        document = from_dict(wrap_envelope(cls, t.from_keyed(cls, tree)), cls)
    return document, conflicts


def _label_for(cls: type[Any], tree: dict[str, Any], keys: tuple[str, ...]) -> str:
    """The human label of a path: field titles, and item names for list items."""
    labels: list[str] = []
    cur_cls: Any = cls
    cur: Any = tree
    i = 0
    while i < len(keys) and cur_cls is not None:
        spec = t.field(cur_cls, keys[i])
        labels.append(spec.title)
        value = cur.get(spec.name) if isinstance(cur, dict) else None
        if t.is_item_list(spec) and i + 1 < len(keys):
            item = value.get(keys[i + 1]) if isinstance(value, dict) else None
            labels.append(t.item_name(spec.cls, item) if item else keys[i + 1])
            cur, cur_cls, i = item, spec.cls, i + 2
        else:
            cur_cls = t.object_class(spec, value) if t.is_object(spec) and value else None
            cur, i = value, i + 1
    return t.join_label(labels)


# --- loading a saved merge --------------------------------------------------------------------


def _load_merge(data: Any) -> MergeResult:
    what = "a saved merge"
    if type(data) is dict and data.get("kind") != MERGE_FILE_KIND:
        # Another file (a document, say): its own fields would only be noise.
        message = f"expected {MERGE_FILE_KIND!r}: this is not a saved coparent merge"
        raise ValidationError([ErrorDetail(path="/kind", message=message)], what=what)
    problems: list[ErrorDetail] = []
    saved: SavedMerge | None = None
    try:
        saved = from_dict(data, SavedMerge)
    except ValidationError as e:
        problems.extend(e.errors)
    raw = data.get("document") if type(data) is dict else None
    kind = raw.get("kind") if type(raw) is dict else None
    doc_cls = DOCUMENT_TYPES.get(kind) if type(kind) is str else None
    document = None
    if doc_cls is None:
        if type(data) is dict:
            problems.append(
                ErrorDetail(path="/document/kind", message="expected a coparent document")
            )
    else:
        try:
            document = from_dict(raw, doc_cls)
        except ValidationError as e:
            problems.extend(
                ErrorDetail(path="/document" + d.path, message=d.message) for d in e.errors
            )
    if saved is not None and saved.format_version != MERGE_FORMAT_VERSION:
        problems.append(
            ErrorDetail(path="/format_version", message=f"expected {MERGE_FORMAT_VERSION}")
        )
    if saved is not None and document is not None:
        problems.extend(_path_problems(document, saved.conflicts, saved.resolutions))
    versions: list[Document] = []
    if saved is not None and doc_cls is not None:
        for n, raw_version in enumerate(saved.versions):
            try:
                versions.append(from_dict(raw_version, doc_cls))
            except ValidationError as e:
                problems.extend(
                    ErrorDetail(path=f"/versions/{n}" + d.path, message=d.message) for d in e.errors
                )
    if problems or saved is None or document is None:
        raise ValidationError(problems, what=what)
    return MergeResult(
        document=document,
        conflicts=saved.conflicts,
        resolutions=saved.resolutions,
        has_base=saved.has_base,
        base_label=saved.labels.base,
        ours_label=saved.labels.ours,
        theirs_label=saved.labels.theirs,
        versions=tuple(versions),
    )


def _path_problems(
    document: Document, conflicts: tuple[Conflict, ...], resolutions: tuple[Resolution, ...]
) -> Iterable[ErrorDetail]:
    """Each conflict and resolution whose path does not fit the document, or is repeated.

    A path must lead to a field (or a list item) of the document's class through objects the
    document has; a conflict is open at most once, and a conflict that is still open has not
    been resolved.
    """
    cls = type(document)
    tree = t.to_keyed(cls, t.body_of(to_dict(document)))
    open_paths: set[str] = set()
    for where, path in itertools.chain(
        ((f"/conflicts/{n}/path", c.path) for n, c in enumerate(conflicts)),
        ((f"/resolutions/{n}/path", r.path) for n, r in enumerate(resolutions)),
    ):
        try:
            t.locate(cls, tree, t.keys_of(path))
        except t.PathNotFound:
            yield ErrorDetail(
                path=where, message=f"{path or '/'} is not a field or item of the document"
            )
            continue
        if where.startswith("/conflicts/"):
            if path in open_paths:
                yield ErrorDetail(path=where, message=f"two open conflicts at {path}")
            open_paths.add(path)
        elif path in open_paths:
            yield ErrorDetail(
                path=where, message=f"{path} is resolved but is still an open conflict"
            )
