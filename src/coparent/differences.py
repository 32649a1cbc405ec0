"""Differences between two documents of the same kind, section by section.

``diff(a, b)`` walks the JSON form of both documents together with their attrs classes
(see :mod:`coparent._tree` for how each kind of field is compared). List items with an ``id``
are matched by id: an item moved in its list is not a difference, an edited item gives one
difference per field changed, and an item in only one version is one addition or removal.

Every difference has two paths: ``path``, a JSON pointer in which list items are named by
their id (``/living_arrangements/holidays/summer-2027/allocation``), the same in both versions;
and ``pointer_a``/``pointer_b``, the RFC 6901 pointers (list items by index) into each version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from . import _tree as t
from .convert import Document, from_dict, to_dict, wrap_envelope
from .errors import DiffError, json_pointer
from .i18n import P_
from .model._base import Choice

__all__ = [
    "ChangeKind",
    "DiffResult",
    "Difference",
    "ListOrder",
    "SectionStatus",
    "SectionSummary",
    "Side",
    "apply",
    "apply_diff",
    "diff",
]

#: The title of the section that holds a document's own top-level values (title, status...).
DETAILS_TITLE = "About this document"


class ChangeKind(Choice):
    """What kind of difference: a value that differs, or an item in only one version."""

    CHANGED = "changed", "Different"
    ADDED = "added", "Only in the second version"
    REMOVED = "removed", "Only in the first version"


class SectionStatus(Choice):
    """How a section compares between the two versions."""

    AGREED = "agreed", "Agreed"
    DIFFERS = "differs", "Differs"
    ONE_SIDED = "one_sided", "Only one parent filled it in"


class Side(Choice):
    """One of the two versions compared."""

    FIRST = "first", "The first version"
    SECOND = "second", "The second version"


@attrs.frozen(kw_only=True)
class Difference:
    """One difference between two documents.

    ``a`` and ``b`` are the JSON values in each version (``None`` for an item that is not in
    that version: see ``change``); ``a_text`` and ``b_text`` are the same values as a person
    reads them (choice labels, Yes/No, a short summary of an item).
    """

    #: JSON pointer with list items named by id; the same in both versions.
    path: str
    #: The same path as a tuple of keys (field names and item ids).
    keys: tuple[str, ...]
    #: RFC 6901 pointer into the first version (``None`` if the item is not in it).
    pointer_a: str | None
    #: RFC 6901 pointer into the second version (``None`` if the item is not in it).
    pointer_b: str | None
    #: The key of the section it belongs to (a top-level field name, or "" for the details).
    section: str
    section_title: str
    #: "Living arrangements > Weekly schedule > Regular times > Friday 17:00-Sunday 17:00 > With"
    label: str
    change: ChangeKind
    a: Any
    b: Any
    a_text: str
    b_text: str


@attrs.frozen(kw_only=True)
class ListOrder:
    """A list whose order differs between the versions (including by additions and removals).

    Order is not a difference (moving a holiday in the list changes nothing it says), but it
    is needed to turn the first version into the second exactly. For a list of items with an
    id, ``before`` and ``after`` are the ids in order; for a list of plain values, the values.
    """

    path: str
    keys: tuple[str, ...]
    pointer_b: str
    by_id: bool
    before: tuple[Any, ...]
    after: tuple[Any, ...]

    @property
    def moved(self) -> bool:
        """True when items in both versions are in a different order (not just added/removed)."""
        if not self.by_id:
            return True
        common = set(self.before) & set(self.after)
        return [i for i in self.before if i in common] != [i for i in self.after if i in common]


@attrs.frozen(kw_only=True)
class SectionSummary:
    """How one section compares: agreed, differs (in how many fields), or filled in by one."""

    key: str
    title: str
    status: SectionStatus
    differences: tuple[Difference, ...]
    #: For ``ONE_SIDED``: the version that filled the section in.
    filled_in_by: Side | None = None

    @property
    def count(self) -> int:
        """How many differences the section has."""
        return len(self.differences)

    @property
    def status_text(self) -> str:
        """'Agreed', 'Differs (3 fields)' or 'Only one parent filled it in'."""
        if self.status is SectionStatus.DIFFERS and not self.differences:
            return f"{self.status.label} (withheld from this copy)"
        if self.status is SectionStatus.DIFFERS:
            return f"{self.status.label} ({self.count} field{'s' if self.count != 1 else ''})"
        return self.status.label


@attrs.frozen(kw_only=True)
class DiffResult:
    """Every difference between two documents, with a summary per section.

    ``bool(result)`` is false when the documents say the same thing. ``apply(result, a)``
    turns the first document into the second; ``to_json_patch()`` gives the same change as
    RFC 6902 operations for a front end.
    """

    document_type: type[Any]
    a_label: str
    b_label: str
    differences: tuple[Difference, ...]
    orders: tuple[ListOrder, ...]
    sections: tuple[SectionSummary, ...]
    #: The two documents compared, for :func:`coparent.redact` to scrub what either withholds
    #: from a reader out of the values shown; never compared, shown or saved (empty in a
    #: parent's copy).
    versions: tuple[Document, ...] = attrs.field(default=(), eq=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.differences)

    def __len__(self) -> int:
        return len(self.differences)

    def __iter__(self) -> Iterator[Difference]:
        return iter(self.differences)

    @property
    def is_empty(self) -> bool:
        """True when there is no difference (the order of items may still differ)."""
        return not self.differences

    def section(self, key: str) -> SectionSummary:
        """The summary of one section, by its key (a top-level field name; "" for details)."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: sections, differences (paths, labels, values) and the patch."""
        return {
            "kind": self.document_type.KIND,
            "labels": {"a": self.a_label, "b": self.b_label},
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "status": s.status.value,
                    "differences": s.count,
                    "filled_in_by": None if s.filled_in_by is None else s.filled_in_by.value,
                }
                for s in self.sections
            ],
            "differences": [
                {
                    "path": d.path,
                    "section": d.section,
                    "label": d.label,
                    "change": d.change.value,
                    "a": d.a,
                    "b": d.b,
                    "a_text": d.a_text,
                    "b_text": d.b_text,
                }
                for d in self.differences
            ],
            "patch": self.to_json_patch(),
        }

    def to_json_patch(self) -> list[dict[str, Any]]:
        """The change from the first version to the second as RFC 6902 JSON Patch operations.

        Applied in order to ``coparent.to_dict(a)`` they give ``coparent.to_dict(b)``. List
        items are addressed by their index at the time each operation applies; the value
        replacements come last and use the indices of the second version.
        """
        ops: list[dict[str, Any]] = []
        added: dict[tuple[str, ...], dict[str, Any]] = {}
        for d in self.differences:
            if d.change is ChangeKind.ADDED:
                added.setdefault(d.keys[:-1], {})[d.keys[-1]] = d.b
        for order in sorted(self.orders, key=lambda o: len(o.keys)):
            if not order.by_id:
                ops.append({"op": "replace", "path": order.pointer_b, "value": list(order.after)})
                continue
            ops.extend(_list_ops(order, added.get(order.keys, {})))
        for d in self.differences:
            if d.change is ChangeKind.CHANGED:
                ops.append({"op": "replace", "path": d.pointer_b, "value": d.b})
        return ops

    def __str__(self) -> str:
        from .render.diffs import diff_text

        return diff_text(self)

    def _repr_html_(self) -> str:
        from .render.diffs import diff_html

        return diff_html(self)


def _list_ops(order: ListOrder, added: dict[str, Any]) -> list[dict[str, Any]]:
    """Remove, then move and add item by item so that position ``j`` holds ``after[j]``.

    After step ``j`` the first ``j`` items are in place and the rest are the items not yet
    placed, in their first order; so an item's index is ``j`` plus the number of unplaced items
    before it, counted with a Fenwick tree. O(n log n) (a list index and insert per item made
    32,000 reordered items take ten seconds).
    """
    ptr = order.pointer_b
    keep = set(order.after)
    ops: list[dict[str, Any]] = []
    for index in range(len(order.before) - 1, -1, -1):
        if order.before[index] not in keep:
            ops.append({"op": "remove", "path": f"{ptr}/{index}"})
    kept = [i for i in order.before if i in keep]
    position = {item_id: n for n, item_id in enumerate(kept)}
    unplaced = _Counts(len(kept))
    placed = [False] * len(kept)
    head = 0  # the first unplaced item: the one now at index j
    for j, item_id in enumerate(order.after):
        while head < len(kept) and placed[head]:
            head += 1
        p = position.get(item_id)
        if p is None:
            ops.append({"op": "add", "path": f"{ptr}/{j}", "value": added[item_id]})
            continue
        if p != head:
            k = j + unplaced.before(p)
            ops.append({"op": "move", "from": f"{ptr}/{k}", "path": f"{ptr}/{j}"})
        placed[p] = True
        unplaced.remove(p)
    return ops


class _Counts:
    """A Fenwick tree over ``n`` places, each counting 1 until removed."""

    def __init__(self, n: int) -> None:
        self.tree = [0] * (n + 1)
        for i in range(1, n + 1):
            self.tree[i] = i & -i  # the size of the range each node covers, all places counted

    def remove(self, place: int) -> None:
        i = place + 1
        while i < len(self.tree):
            self.tree[i] -= 1
            i += i & -i

    def before(self, place: int) -> int:
        """How many places before ``place`` still count."""
        total, i = 0, place
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total


class _Walk:
    """Collects the differences and list orders while walking two documents together."""

    def __init__(self) -> None:
        self.diffs: list[Difference] = []
        self.orders: list[ListOrder] = []
        self.section = ""
        self.section_title = ""

    def obj(
        self,
        cls: type[Any],
        a: dict[str, Any],
        b: dict[str, Any],
        keys: tuple[str, ...],
        pa: str,
        pb: str,
        labels: tuple[str, ...],
    ) -> None:
        for spec in t.fields(cls):
            va, vb = a[spec.name], b[spec.name]
            if va == vb:
                continue
            token = json_pointer(spec.name)
            self.value(
                spec, va, vb, (*keys, spec.name), pa + token, pb + token, (*labels, spec.title)
            )

    def value(
        self,
        spec: t.FieldSpec,
        va: Any,
        vb: Any,
        keys: tuple[str, ...],
        pa: str,
        pb: str,
        labels: tuple[str, ...],
    ) -> None:
        if t.is_object(spec):
            ca, cb = t.object_class(spec, va), t.object_class(spec, vb)
            if ca is not None and ca is cb:
                self.obj(ca, va, vb, keys, pa, pb, labels)
            else:
                self.leaf(spec, va, vb, keys, pa, pb, labels)
        elif t.is_item_list(spec):
            self.id_list(spec, va, vb, keys, pa, pb, labels)
        elif spec.kind is t.Kind.VALUES and t.same_list(spec, va, vb):
            self.orders.append(
                ListOrder(
                    path=json_pointer(*keys),
                    keys=keys,
                    pointer_b=pb,
                    by_id=False,
                    before=tuple(va),
                    after=tuple(vb),
                )
            )
        else:
            self.leaf(spec, va, vb, keys, pa, pb, labels)

    def leaf(
        self,
        spec: t.FieldSpec,
        va: Any,
        vb: Any,
        keys: tuple[str, ...],
        pa: str,
        pb: str,
        labels: tuple[str, ...],
    ) -> None:
        texts = (t.show(spec, va), t.show(spec, vb))
        self.record(ChangeKind.CHANGED, va, vb, texts, keys, (pa, pb), labels)

    def record(
        self,
        change: ChangeKind,
        a: Any,
        b: Any,
        texts: tuple[str, str],
        keys: tuple[str, ...],
        pointers: tuple[str | None, str | None],
        labels: tuple[str, ...],
    ) -> None:
        self.diffs.append(
            Difference(
                path=json_pointer(*keys),
                keys=keys,
                pointer_a=pointers[0],
                pointer_b=pointers[1],
                section=self.section,
                section_title=self.section_title,
                label=t.join_label(labels),
                change=change,
                a=a,
                b=b,
                a_text=texts[0],
                b_text=texts[1],
            )
        )

    def id_list(
        self,
        spec: t.FieldSpec,
        va: list[dict[str, Any]],
        vb: list[dict[str, Any]],
        keys: tuple[str, ...],
        pa: str,
        pb: str,
        labels: tuple[str, ...],
    ) -> None:
        cls = spec.cls
        in_a = {t.id_of(cls, item): index for index, item in enumerate(va)}
        in_b = {t.id_of(cls, item): index for index, item in enumerate(vb)}
        for i, item in enumerate(va):
            item_id = t.id_of(cls, item)
            j = in_b.get(item_id)
            name = t.item_name(cls, item)
            if j is None:
                self.item(cls, item, None, (*keys, item_id), f"{pa}/{i}", None, (*labels, name))
            elif vb[j] != item:
                self.obj(
                    cls, item, vb[j], (*keys, item_id), f"{pa}/{i}", f"{pb}/{j}", (*labels, name)
                )
        for j, item in enumerate(vb):
            item_id = t.id_of(cls, item)
            if item_id not in in_a:
                name = t.item_name(cls, item)
                self.item(cls, None, item, (*keys, item_id), None, f"{pb}/{j}", (*labels, name))
        ids_a = tuple(in_a)
        ids_b = tuple(in_b)
        if ids_a != ids_b:
            self.orders.append(
                ListOrder(
                    path=json_pointer(*keys),
                    keys=keys,
                    pointer_b=pb,
                    by_id=True,
                    before=ids_a,
                    after=ids_b,
                )
            )

    def item(
        self,
        cls: type[Any],
        a: dict[str, Any] | None,
        b: dict[str, Any] | None,
        keys: tuple[str, ...],
        pa: str | None,
        pb: str | None,
        labels: tuple[str, ...],
    ) -> None:
        change = ChangeKind.REMOVED if b is None else ChangeKind.ADDED
        texts = (t.show_object(cls, a), t.show_object(cls, b))
        self.record(change, a, b, texts, keys, (pa, pb), labels)


def _check_same_kind(a: Any, b: Any, what: str) -> type[Any]:
    cls = type(a)
    if getattr(cls, "KIND", None) is None or type(b) is not cls:
        raise DiffError(
            P_("{what} needs two documents of the same kind; got a {a} and a {b}").format(
                what=what, a=cls.__name__, b=type(b).__name__
            )
        )
    return cls


def section_titles(cls: type[Any]) -> dict[str, str]:
    """The sections of a document class, in order: key -> title ("" is its own details)."""
    out: dict[str, str] = {}
    for spec in t.fields(cls):
        key = t.section_key(cls, spec.name)
        if key not in out:
            out[key] = DETAILS_TITLE if key == t.DETAILS else spec.title
    return out


def diff(
    a: Document,
    b: Document,
    *,
    a_label: str = t.FIRST_VERSION,
    b_label: str = t.SECOND_VERSION,
) -> DiffResult:
    """Every difference between two documents of the same kind, with a summary per section.

    ``a_label`` and ``b_label`` name the two versions in text and HTML (for example each
    parent's name). Raises :class:`coparent.DiffError` for documents of different kinds.
    """
    cls = _check_same_kind(a, b, "diff")
    da, db = t.body_of(to_dict(a)), t.body_of(to_dict(b))
    walk = _Walk()
    titles = section_titles(cls)
    if da != db:
        for spec in t.fields(cls):
            name = spec.name
            va, vb = da[name], db[name]
            if va == vb:
                continue
            walk.section = t.section_key(cls, name)
            walk.section_title = titles[walk.section]
            token = json_pointer(name)
            walk.value(spec, va, vb, (name,), token, token, (spec.title,))
    return DiffResult(
        document_type=cls,
        a_label=a_label,
        b_label=b_label,
        differences=tuple(walk.diffs),
        orders=tuple(walk.orders),
        sections=_summaries(cls, da, db, walk.diffs, titles),
        versions=(a, b),
    )


def _summaries(
    cls: type[Any],
    da: dict[str, Any],
    db: dict[str, Any],
    diffs: list[Difference],
    titles: dict[str, str],
) -> tuple[SectionSummary, ...]:
    by_section: dict[str, list[Difference]] = {key: [] for key in titles}
    for d in diffs:
        by_section[d.section].append(d)
    out = []
    for key, title in titles.items():
        found = tuple(by_section[key])
        status = SectionStatus.AGREED if not found else SectionStatus.DIFFERS
        filled: Side | None = None
        if found and key != t.DETAILS:
            default = t.default_json(t.field(cls, key))
            empty_a = default is not attrs.NOTHING and da[key] == default
            empty_b = default is not attrs.NOTHING and db[key] == default
            if empty_a != empty_b:
                status = SectionStatus.ONE_SIDED
                filled = Side.SECOND if empty_a else Side.FIRST
        out.append(
            SectionSummary(
                key=key, title=title, status=status, differences=found, filled_in_by=filled
            )
        )
    return tuple(out)


def apply(result: DiffResult, a: Document) -> Document:
    """Turn the first version of a diff into the second: ``apply(diff(a, b), a) == b``.

    Raises :class:`coparent.DiffError` if ``a`` is not the document the diff was made from
    (a value it changes is not what the diff expects, or an item is missing).
    """
    cls = result.document_type
    if type(a) is not cls:
        raise DiffError(
            P_("this diff is between {kind} documents; got a {got}").format(
                kind=cls.KIND, got=type(a).__name__
            )
        )
    data = to_dict(a)
    tree = t.to_keyed(cls, t.body_of(data))
    try:
        for d in result.differences:
            container, key, spec, _ = t.locate(cls, tree, d.keys)
            if d.change is ChangeKind.REMOVED:
                del container[key]
            elif d.change is ChangeKind.ADDED:
                if key in container:
                    raise t.PathNotFound(d.path)
                container[key] = t.to_keyed(spec.cls, d.b)
            else:
                if t.unkeyed_value(spec, container[key]) != d.a:
                    raise t.PathNotFound(d.path)
                container[key] = t.keyed_value(spec, d.b)
        for order in result.orders:
            container, key, spec, _ = t.locate(cls, tree, order.keys)
            if order.by_id:
                items = container[key]
                if set(items) != set(order.after):
                    raise t.PathNotFound(order.path)
                container[key] = {item_id: items[item_id] for item_id in order.after}
            else:
                container[key] = list(order.after)
    except (t.PathNotFound, KeyError) as e:
        raise DiffError(
            P_(
                "this diff does not fit the document: {path} is not as the diff expects (apply "
                "a diff to the document it was made from)"
            ).format(path=e.args[0] if e.args else "")
        ) from None
    body = t.from_keyed(cls, tree)
    return from_dict(wrap_envelope(cls, body), cls)


#: :func:`apply` under the name ``coparent`` exports it as.
apply_diff = apply
