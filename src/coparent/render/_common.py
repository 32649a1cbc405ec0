"""Pieces every human-facing output shares: the outline of a document and who sees what.

HTML, text and the notebook view all walk a document through the spec tree
(:func:`coparent.model.introspect.spec_of`) into one outline of headings, label/value rows
and tables, and format every value with :mod:`coparent.formatting`. Nothing here names a
model field: titles, item names, units and who may see a field come from the model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..errors import CoparentError
from ..formatting import format_field, item_name
from ..i18n import N_, P_, _
from ..model._base import Visibility
from ..model.introspect import ClassSpec, FieldSpec, Kind, is_model_class, spec_of

__all__ = [
    "EVERYTHING",
    "NOT_DISCUSSED",
    "NOT_SHOWN",
    "RESTRICTED",
    "Block",
    "Rows",
    "Table",
    "check_model_object",
    "document_title",
    "is_blank",
    "is_default",
    "outline",
    "prepare",
    "require_audience",
    "resolve_audience",
    "result_output",
    "visible_view",
]

#: What a section that holds nothing yet says.
NOT_DISCUSSED = N_("Not yet discussed")
#: What a section withheld from the reader says (never what it holds).
NOT_SHOWN = N_("Withheld from this copy.")

#: Hide nothing: staff and the court, after redaction.
EVERYTHING: frozenset[Visibility] = frozenset()
#: Hide everything not meant for every reader: staff-only and confidential fields, places
#: that could find a confidential person, and the child's words (unless shareable).
RESTRICTED: frozenset[Visibility] = frozenset(
    {Visibility.STAFF, Visibility.CONFIDENTIAL, Visibility.LOCATING, Visibility.CHILD_WORDS}
)


@attrs.frozen(kw_only=True)
class Table:
    """A list of flat items: one row per item, one column per field used by any item."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen(kw_only=True)
class Rows:
    """Consecutive scalar fields: label/value pairs."""

    rows: tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class Block:
    """A heading, then its own rows, then nested blocks and tables."""

    title: str
    parts: tuple[Rows | Block | Table, ...] = ()
    empty: bool = False
    #: The block is withheld from this reader (it says so, and shows nothing).
    withheld: bool = False


def is_blank(value: Any) -> bool:
    """Whether a value is an empty answer (null, ``""`` or an empty list)."""
    return value is None or value == "" or value == ()


def is_default(obj: Any) -> bool:
    """True when ``obj`` equals its class built with no arguments (a section nobody filled in)."""
    try:
        return bool(obj == type(obj)())
    except (TypeError, ValueError):
        return False


def _name_fields(spec: ClassSpec) -> frozenset[str]:
    return frozenset(f.name for f in spec.fields if f.info.names_item)


def document_title(obj: Any) -> str:
    """ "Parenting plan: Plan for Mia" for a document; the class title for a section or item."""
    spec = spec_of(obj.__class__)
    label = _(spec.kind.replace("_", " ").capitalize() if spec.kind else spec.title)
    if spec.name_template is None:
        return label
    name = item_name(type(obj), obj, limit=200)
    return label if name.startswith(_("item {id}").format(id="")) else f"{label}: {name}"


def _holds_nested(spec: ClassSpec) -> bool:
    return any(not f.kind.is_scalar and f.kind is not Kind.VALUES for f in spec.fields)


def _shown(
    spec: ClassSpec, hide: frozenset[Visibility], obj: Any = None
) -> Iterator[tuple[FieldSpec, bool]]:
    """Each field a person sees (not the ids that only match items), and whether it is hidden.

    A ``CONFIDENTIAL`` field is hidden only when its object is marked confidential (its
    ``confidential_flag`` field is true), or when there is no object to ask (a table column).
    """
    flag = spec.confidential_flag
    marked = obj is None or flag is None or bool(getattr(obj, flag.name))
    share = spec.shareable_flag
    shareable = obj is not None and share is not None and bool(getattr(obj, share.name))
    for f in spec.fields:
        if f.kind is Kind.ID:
            continue
        hidden = f.visibility in hide
        if hidden and f.visibility is Visibility.CONFIDENTIAL:
            hidden = marked
        if hidden and f.visibility is Visibility.CHILD_WORDS:
            hidden = not shareable
        yield f, hidden


#: Whether a field of an object was left out of a redacted document (``redaction.left_out``).
LeftOut = Callable[[Any, FieldSpec], bool]


def outline(
    obj: Any,
    title: str,
    hide: frozenset[Visibility] = EVERYTHING,
    *,
    is_document: bool = False,
    left: LeftOut | None = None,
) -> Block:
    """``obj`` as an outline for a reader from whom the fields in ``hide`` are withheld.

    ``left`` tells which fields redaction left out, so they say "withheld from this copy"
    rather than looking unanswered.

    Scalar fields come first, then nested sections: a table placed after a sub-heading would
    be read by a screen reader as part of that sub-section.
    """
    spec = spec_of(obj.__class__)
    rows: list[tuple[str, str]] = []
    parts: list[Rows | Block | Table] = []
    names = _name_fields(spec) if is_document else frozenset()
    for f, hidden in _shown(spec, hide, obj):
        value = getattr(obj, f.name)
        hidden = hidden or (left is not None and left(obj, f))
        if f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            if hidden:
                parts.append(Block(title=_(f.title), withheld=True))
            else:
                parts.append(outline(value, _(f.title), hide, left=left))
        elif f.kind is Kind.ITEMS and value:
            shown = _items(f, value, hide, left)
            parts.append(Block(title=_(f.title), withheld=True) if hidden else shown)
        elif hidden and left is not None:
            rows.append((_(f.title), _(NOT_SHOWN)))
        elif hidden or is_blank(value):
            continue
        elif (text := format_field(f, value)) != value or f.name not in names or text not in title:
            # A name already in the heading is not repeated (unless the heading shortened it).
            rows.append((_(f.title), text))
    if rows:
        parts.insert(0, Rows(rows=tuple(rows)))
    return Block(title=title, parts=tuple(parts), empty=is_default(obj))


def _items(
    f: FieldSpec, items: tuple[Any, ...], hide: frozenset[Visibility], left: LeftOut | None = None
) -> Block | Table:
    spec = spec_of(f.cls)

    def gone(item: Any, c: FieldSpec) -> bool:
        return left is not None and left(item, c)

    def cell(item: Any, c: FieldSpec) -> str:
        if gone(item, c):
            return NOT_SHOWN
        return "" if is_blank(v := getattr(item, c.name)) else format_field(c, v)

    if all(type(i) is f.cls for i in items) and not _holds_nested(spec):
        cols = [
            c
            for c, hidden in _shown(spec, hide)
            if not hidden and any(not is_blank(getattr(i, c.name)) or gone(i, c) for i in items)
        ]
        return Table(
            title=_(f.title),
            columns=tuple(_(c.title) for c in cols),
            rows=tuple(tuple(cell(i, c) for c in cols) for i in items),
        )
    blocks = tuple(outline(item, item_name(type(item), item), hide, left=left) for item in items)
    return Block(title=_(f.title), parts=blocks)


def check_model_object(obj: Any, what: str) -> None:
    """Raise unless ``obj`` is a coparent document or a part of one."""
    if not is_model_class(type(obj)):
        raise CoparentError(
            P_(
                "cannot show a {type} as {what}: pass a coparent document or a part of one (a "
                "section, a list item)"
            ).format(type=type(obj).__name__, what=what)
        )


def visible_view(obj: Any, audience: Any, what: str) -> tuple[Any, frozenset[Visibility], bool]:
    """``obj`` as ``audience`` may see it, the visibilities to hide, and whether it is a whole
    document. ``audience=None`` is the most restricted view (what every reader may see).

    A document is redacted for its audience (:func:`coparent.redact`) and shown to a parent
    without the staff-only fields; a part of a document (a section, a list item), which cannot
    be redacted on its own, is shown to a parent without staff-only or confidential fields.
    """
    from ..redaction import redact

    check_model_object(obj, what)
    is_document = spec_of(obj.__class__).kind is not None
    if audience is None:
        if is_document:
            from ..model._base import ParentRef
            from ..redaction import Audience

            # what both parents may see: redacted (and scrubbed) for one, then the other
            for ref in ParentRef:
                obj = redact(obj, Audience.parent(ref))
        return obj, RESTRICTED, is_document
    reader = resolve_audience(audience)
    if is_document:
        hide = frozenset({Visibility.STAFF}) if reader.is_parent else EVERYTHING
        return redact(obj, reader), hide, True
    return obj, RESTRICTED if reader.is_parent else EVERYTHING, False


def require_audience(audience: Any, function: str) -> None:
    """Raise unless an audience was given (``None`` must not mean "show everything")."""
    if audience is None:
        raise CoparentError(
            P_(
                "{function} needs an audience, e.g. audience=coparent.Audience.facilitator() or "
                'audience="parent_b": a document must not be shown in full by default'
            ).format(function=function)
        )


def result_output(obj: Any, audience: Any, form: str) -> str | None:
    """A diff or merge (redacted for ``audience``) or a calendar as ``form`` ("html" or
    "text"); ``None`` when ``obj`` is none of these."""
    from .._documents import DOCUMENT_TYPES

    if type(obj) in DOCUMENT_TYPES.values():
        return None  # a document: diff, merge and the calendar need not be loaded to say so
    from ..differences import DiffResult
    from ..merging import MergeResult
    from ..redaction import redact
    from ..scheduling import ContactCalendar, MonthGrid
    from . import calendars, diffs

    if isinstance(obj, DiffResult | MergeResult):
        obj = redact(obj, resolve_audience(audience))
    makers: dict[type[Any], tuple[Any, Any]] = {
        DiffResult: (diffs.diff_html, diffs.diff_text),
        MergeResult: (diffs.merge_html, diffs.merge_text),
        ContactCalendar: (calendars.calendar_html, calendars.calendar_text),
        MonthGrid: (calendars.month_html, calendars.month_text),
    }
    maker = makers.get(type(obj))
    if maker is None:
        return None
    return str(maker[0 if form == "html" else 1](obj))


def prepare(obj: Any, audience: Any, function: str, form: str) -> str | Block:
    """The common first step of :func:`coparent.to_html` and :func:`coparent.to_text`: a diff,
    merge or calendar already in ``form``, or the outline of what ``audience`` may see."""
    require_audience(audience, function)
    result = result_output(obj, audience, form)
    if result is not None:
        return result
    shown, hide, is_document = visible_view(obj, audience, form.upper() if form == "html" else form)
    left: LeftOut | None = None
    reader = resolve_audience(audience)
    if is_document and reader.is_parent:
        from ..redaction import left_out, locating_withheld

        locating = locating_withheld(shown, reader)

        def left(o: Any, f: FieldSpec) -> bool:
            return left_out(o, f, reader, locating=locating)

    tree = outline(shown, document_title(shown), hide, is_document=is_document, left=left)
    if is_document and not reader.is_parent:
        tree = attrs.evolve(tree, parts=(*tree.parts, *findings_block(obj)))
    return tree


#: The heading of the findings a facilitator's or court's copy ends with.
THINGS_TO_CHECK = N_("Things to check")


def finding_lines(doc: Any) -> list[tuple[str, str]]:
    """:func:`coparent.check`'s findings on ``doc`` as (severity, what, where and why) pairs,
    for the staff's and the court's copies only (a finding may name withheld risk)."""
    from ..checks import check

    return [
        (
            _(f.severity.label),
            _("{message} At: {paths}. Source: {source}").format(
                message=f.text(), paths=", ".join(f.paths), source=f.source_text()
            ),
        )
        for f in check(doc)
    ]


def findings_block(doc: Any) -> tuple[Block, ...]:
    """A "Things to check" block for a plan, referral or review (none when nothing is found)."""
    lines = finding_lines(doc)
    if not lines:
        return ()
    return (Block(title=_(THINGS_TO_CHECK), parts=(Rows(rows=tuple(lines)),)),)


def resolve_audience(audience: Any) -> Any:
    """An :class:`coparent.Audience` from itself or its short name (``"parent_b"``)."""
    from ..redaction import Audience

    if isinstance(audience, str):
        return Audience.parse(audience)
    if not isinstance(audience, Audience):
        raise CoparentError(
            P_(
                "audience must be a coparent.Audience or its short name (facilitator, court, "
                "parent_a, parent_b), not {type}"
            ).format(type=type(audience).__name__)
        )
    return audience
