"""Audiences and what each may see: one redaction used by every output (JSON, PDF, HTML).

What each audience may see is written on the model's fields, as their :class:`Visibility`
(docs/pdf.md explains the rules), and nothing here names a field:

* the **facilitator** and the **court** see everything;
* a **parent** never sees a ``STAFF`` field (a referral's risk and safety information, a
  plan's safety *concerns* and the domestic-abuse flag). The agreed conditions and the
  professionals involved stay visible, because both parents have to keep to them;
* a **parent** does not see a ``CONFIDENTIAL`` field (contact details) of anyone but
  themselves (the ``party`` a person field is) when the field marked ``confidential_flag``
  on the same object is true. In a diff or merge, where versions may disagree on that flag,
  such changes are always withheld;
* a **parent** does not see a ``LOCATING`` field (the children's school, GP, nursery, a
  handover place, a move) while anyone else in the document is confidential, nor a
  ``CHILD_WORDS`` field (the child's own words) unless it is marked shareable, nor anything a
  document lists in its ``withholds`` field (``withheld_from_parents``);
* in a parent's copy, withheld contact and locating texts typed into other free text read
  :data:`WITHHELD_MARK`; in a diff or merge, those any of its versions withholds, with the
  strictest marks of them all (docs/privacy.md lists the sources behind each rule).

:func:`redact` returns a document of the same class with each withheld value replaced by the
field's default, so it still dumps, loads and validates; :func:`withheld_values` lists what
was taken out, by JSON pointer.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
import uuid
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from . import _tree as t
from ._documents import DOCUMENT_TYPES
from .errors import CoparentError, ErrorDetail, FieldRuleError, ValidationError
from .i18n import N_, P_
from .model._base import Choice, ParentRef, Visibility, meta
from .model.introspect import FieldSpec, Kind, is_model_class

if TYPE_CHECKING:
    from .differences import Difference, DiffResult
    from .merging import MergeResult
    from .model.people import Person

__all__ = [
    "WITHHELD_MARK",
    "Audience",
    "AudienceKind",
    "extra_withheld",
    "left_out",
    "locating_withheld",
    "redact",
    "withheld_path",
    "withheld_values",
    "withholding_outcomes",
]

T = TypeVar("T")


class AudienceKind(Choice):
    """Who a rendering or export is for."""

    FACILITATOR = "facilitator", "Facilitator"
    COURT = "court", "Court"
    PARENT = "parent", "Parent"


@attrs.frozen(kw_only=True)
class Audience:
    """The reader of a PDF or an export: the facilitator, the court, or one named parent.

    Build one with :meth:`facilitator`, :meth:`court` or :meth:`parent`.
    """

    kind: AudienceKind = attrs.field(metadata=meta("Audience"))
    parent_ref: ParentRef | None = attrs.field(default=None, metadata=meta("Which parent"))

    def __attrs_post_init__(self) -> None:
        if (self.kind is AudienceKind.PARENT) != (self.parent_ref is not None):
            raise CoparentError(
                N_(
                    "an Audience names a parent exactly when it is for a parent: use "
                    "Audience.parent(ParentRef.A), Audience.facilitator() or Audience.court()"
                )
            )

    @classmethod
    def facilitator(cls) -> Audience:
        """The contact-centre facilitator or mediator: sees everything."""
        return cls(kind=AudienceKind.FACILITATOR)

    @classmethod
    def court(cls) -> Audience:
        """The court or a family-court adviser: sees everything."""
        return cls(kind=AudienceKind.COURT)

    @classmethod
    def parent(cls, ref: ParentRef) -> Audience:
        """One of the two parents: sees what is not withheld from them."""
        return cls(kind=AudienceKind.PARENT, parent_ref=ref)

    @classmethod
    def parse(cls, text: str) -> Audience:
        """An audience from its short name: facilitator, court, parent_a or parent_b."""
        names = {
            "facilitator": cls.facilitator(),
            "court": cls.court(),
            ParentRef.A.value: cls.parent(ParentRef.A),
            ParentRef.B.value: cls.parent(ParentRef.B),
        }
        try:
            return names[text]
        except KeyError:
            raise CoparentError(
                P_("unknown audience {text}: use one of {names}").format(
                    text=repr(text), names=", ".join(sorted(names))
                )
            ) from None

    @property
    def is_parent(self) -> bool:
        """True for a parent (who may have things withheld), False for staff and the court."""
        return self.kind is AudienceKind.PARENT

    @property
    def name(self) -> str:
        """The short name :meth:`parse` reads back."""
        return self.parent_ref.value if self.parent_ref is not None else self.kind.value

    @property
    def label(self) -> str:
        """A readable label, e.g. ``Second parent``."""
        return self.parent_ref.label if self.parent_ref is not None else self.kind.label

    def may_see_contact_of(self, person: Person, ref: ParentRef | None) -> bool:
        """Whether this audience may see ``person``'s contact details.

        ``ref`` says which parent ``person`` is (None for anyone else, e.g. a grandparent).
        """
        return not _withheld(
            Visibility.CONFIDENTIAL,
            _Marks(confidential=_is_confidential(person)),
            ref and ref.value,
            self,
        )


def _is_confidential(obj: Any) -> bool:
    """Whether an object's field marked ``confidential_flag`` says its details are confidential."""
    flag = t.class_spec(type(obj)).confidential_flag
    return flag is not None and bool(getattr(obj, flag.name))


def _is_shareable(obj: Any) -> bool:
    """Whether an object's field marked ``shareable_flag`` lets parents see the child's words."""
    flag = t.class_spec(type(obj)).shareable_flag
    return flag is not None and bool(getattr(obj, flag.name))


@attrs.frozen
class _Marks:
    """What decides a field's fate besides its visibility: the object's flags and the document's.

    In a diff or merge (``_Marks.STRICTEST``) every mark is taken as set: confidential, not
    shareable, someone in the document confidential.
    """

    confidential: bool = True
    shareable: bool = False
    locating: bool = True


_STRICTEST = _Marks()


def _withheld(visibility: Visibility, marks: _Marks, party: str | None, audience: Audience) -> bool:
    """Whether a field of this visibility, on an object of ``party``, is withheld."""
    if not audience.is_parent or visibility is Visibility.EVERYONE:
        return False
    if visibility is Visibility.STAFF:
        return True
    if visibility is Visibility.LOCATING:
        return marks.locating
    if visibility is Visibility.CHILD_WORDS:
        return not marks.shareable
    own = audience.parent_ref.value if audience.parent_ref is not None else None
    return marks.confidential and (party is None or party != own)


def _protected_parties(obj: Any, party: str | None, out: list[str | None]) -> None:
    """Collect the party (None for someone who is no parent) of each confidential person."""
    if _is_confidential(obj):
        out.append(party)
    for f in t.class_spec(type(obj)).fields:
        value = getattr(obj, f.name)
        inner = f.info.party or party
        if f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            _protected_parties(value, inner, out)
        elif f.kind is Kind.ITEMS:
            for item in value:
                _protected_parties(item, inner, out)


def left_out(obj: Any, f: FieldSpec, audience: Audience, *, locating: bool) -> bool:
    """Whether field ``f`` of ``obj``, in a document redacted for ``audience``, was left out:
    for outputs to say "withheld from this copy" rather than "not yet discussed".

    Confidentiality and shareable marks are never withheld themselves, so the redacted
    document still tells. ``locating`` is :func:`locating_withheld` of the whole document. A
    ``CONFIDENTIAL`` field is reported only when it is empty (a reader's own details stay).
    """
    if not audience.is_parent or f.visibility is Visibility.EVERYONE:
        return False
    marks = _Marks(
        confidential=_is_confidential(obj), shareable=_is_shareable(obj), locating=locating
    )
    if f.visibility is Visibility.CONFIDENTIAL:
        return marks.confidential and getattr(obj, f.name) == f.default_value()
    return _withheld(f.visibility, marks, None, audience)


def locating_withheld(doc: Any, audience: Audience) -> bool:
    """Whether ``LOCATING`` fields are withheld from ``audience`` in ``doc``: someone whose
    details are confidential is not the reader's own party."""
    if not audience.is_parent:
        return False
    own = audience.parent_ref.value if audience.parent_ref is not None else None
    parties: list[str | None] = []
    _protected_parties(doc, None, parties)
    return any(p is None or p != own for p in parties)


def _texts(value: Any, spec: FieldSpec | None, out: list[str]) -> None:
    """Every free text in ``value`` (a field's value), through the spec tree."""
    if spec is not None and spec.kind is Kind.TEXT:
        if isinstance(value, str) and value:
            out.append(value)
        return
    if is_model_class(type(value)):
        for f in t.class_spec(type(value)).fields:
            _texts(getattr(value, f.name), f, out)
    elif isinstance(value, tuple) and spec is not None and spec.kind is Kind.ITEMS:
        for item in value:
            _texts(item, None, out)


def _item_key(item: Any) -> str:
    """A list item's id (its key in a path), or "" for an item with no id field."""
    id_field = t.class_spec(type(item)).id_field
    return "" if id_field is None else str(getattr(item, id_field.name))


def _confidential_keys(obj: Any, keys: tuple[str, ...], out: set[tuple[str, ...]]) -> None:
    """Add the keys (field names and item ids) of each object in ``obj`` marked confidential."""
    if _is_confidential(obj):
        out.add(keys)
    for f in t.class_spec(type(obj)).fields:
        value = getattr(obj, f.name)
        if f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            _confidential_keys(value, (*keys, f.name), out)
        elif f.kind is Kind.ITEMS:
            for item in value:
                _confidential_keys(item, (*keys, f.name, _item_key(item)), out)


@attrs.frozen
class _Strictest:
    """The strictest marks of several versions of one document (a diff's or a merge's).

    ``confidential`` holds the keys of every object marked confidential in any version;
    ``locating`` says whether any version withholds ``LOCATING`` fields from the reader;
    ``withholds`` is every path any version lists in its ``withholds`` field.
    """

    confidential: frozenset[tuple[str, ...]]
    locating: bool
    withholds: tuple[str, ...]

    @classmethod
    def of(cls, docs: tuple[Any, ...], audience: Audience) -> _Strictest:
        """The strictest marks of ``docs`` for ``audience``."""
        confidential: set[tuple[str, ...]] = set()
        for doc in docs:
            _confidential_keys(doc, (), confidential)
        return cls(
            confidential=frozenset(confidential),
            locating=any(locating_withheld(doc, audience) for doc in docs),
            withholds=tuple(dict.fromkeys(p for doc in docs for p in extra_withheld(doc))),
        )


def _redact_object(
    obj: T,
    party: str | None,
    audience: Audience,
    locating: bool,
    found: list[str],
    keys: tuple[str, ...] = (),
    confidential: frozenset[tuple[str, ...]] = frozenset(),
) -> T:
    """``obj`` with every field withheld from ``audience`` set to its default, recursively.

    The texts taken out of ``CONFIDENTIAL`` and ``LOCATING`` fields are added to ``found`` (for
    :func:`_scrub`). ``keys`` is where ``obj`` is in its document; an object whose keys are in
    ``confidential`` is taken as marked confidential (another version of it is).
    """
    spec = t.class_spec(type(obj))
    marks = _Marks(
        confidential=_is_confidential(obj) or keys in confidential,
        shareable=_is_shareable(obj),
        locating=locating,
    )
    changes: dict[str, Any] = {}
    for f in spec.fields:
        value = getattr(obj, f.name)
        inner_party = f.info.party or party
        if _withheld(f.visibility, marks, party, audience):
            new = f.default_value()
            if new is attrs.NOTHING:
                raise TypeError(
                    f"{spec.name}.{f.name} is withheld from some readers: give it a default"
                )
            if f.visibility in (Visibility.CONFIDENTIAL, Visibility.LOCATING):
                _texts(value, f, found)
        elif f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            here = (*keys, f.name)
            new = _redact_object(value, inner_party, audience, locating, found, here, confidential)
        elif f.kind is Kind.ITEMS:
            new = tuple(
                _redact_object(
                    item,
                    inner_party,
                    audience,
                    locating,
                    found,
                    (*keys, f.name, _item_key(item)),
                    confidential,
                )
                for item in value
            )
        else:
            continue
        if new != value:
            changes[f.name] = new
    # mypy cannot check attrs.evolve on a type variable; the changes are the object's own fields.
    return attrs.evolve(obj, **changes) if changes else obj  # type: ignore[misc]


#: What replaces a withheld value found typed into another field's free text.
WITHHELD_MARK = "[withheld]"

#: Parts of a withheld text shorter than this are not looked for in other text (too common).
_MIN_TERM = 4
_PARTS = re.compile(r"[\n\r,;]+")


def _terms(found: list[str]) -> set[tuple[str, ...]]:
    """The words of each withheld text and of each of its lines or comma-separated parts."""
    terms: set[tuple[str, ...]] = set()
    for text in found:
        for part in (text, *_PARTS.split(text)):
            words = tuple(part.split())
            if len("".join(words)) >= _MIN_TERM:
                terms.add(words)
    return terms


def _terms_pattern(found: list[str]) -> re.Pattern[str] | None:
    """One pattern matching each withheld text and each of its lines or comma-separated parts,
    whatever the spacing and letter case (``CF10 1AA`` also matches ``cf101aa``)."""
    terms = {r"\s*".join(re.escape(w) for w in words) for words in _terms(found)}
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)  # the longest first: a line before its words
    return re.compile("|".join(ordered), re.IGNORECASE)


#: How :func:`coparent.formatting.shorten` ends a text it cut short.
_CUT = "\u2026"


def _letters(text: str) -> str:
    return "".join(text.split()).lower()


@attrs.frozen
class _Scrubber:
    """Scrubs withheld texts out of free text, and out of the short texts a diff or merge
    shows (a summary, an item's name in a label), which may end a withheld text part-way."""

    pattern: re.Pattern[str]
    #: Each withheld text's letters, without spaces, in lower case, sorted.
    heads: tuple[str, ...]

    @classmethod
    def of(cls, found: list[str]) -> _Scrubber | None:
        """The scrubber of the texts in ``found`` (None if none is long enough to look for)."""
        pattern = _terms_pattern(found)
        if pattern is None:
            return None
        return cls(pattern, tuple(sorted({"".join(w).lower() for w in _terms(found)})))

    def text(self, value: str) -> str:
        """``value`` with each withheld text, and each beginning of one cut short, replaced."""
        value = self.pattern.sub(WITHHELD_MARK, value)
        if _CUT not in value:
            return value
        *cut, rest = value.split(_CUT)
        return _CUT.join([*(self._cut_off(piece) for piece in cut), rest])

    def _cut_off(self, piece: str) -> str:
        """``piece`` (the text before an ellipsis) with a withheld text's beginning at its end
        replaced: the longest such ending, of at least :data:`_MIN_TERM` letters."""
        for start in range(len(piece)):
            head = _letters(piece[start:])
            if len(head) < _MIN_TERM:
                break
            if not piece[start].isspace() and self._begins_one(head):
                return piece[:start] + WITHHELD_MARK
        return piece

    def _begins_one(self, letters: str) -> bool:
        """Whether a withheld text begins with ``letters`` (``heads`` is sorted)."""
        at = bisect.bisect_left(self.heads, letters)
        return at < len(self.heads) and self.heads[at].startswith(letters)


def _scrub(obj: T, pattern: re.Pattern[str]) -> T:
    """``obj`` with each withheld text typed into a free-text field replaced by ``[withheld]``.

    Only plain free text is scrubbed (no names, ids, emails, language tags or other formats).
    """
    spec = t.class_spec(type(obj))
    changes: dict[str, Any] = {}
    for f in spec.fields:
        value = getattr(obj, f.name)
        if f.kind is Kind.TEXT and f.info.format is None and isinstance(value, str) and value:
            new: Any = pattern.sub(WITHHELD_MARK, value)
        elif f.kind in (Kind.SECTION, Kind.UNION) and is_model_class(type(value)):
            new = _scrub(value, pattern)
        elif f.kind is Kind.ITEMS:
            new = tuple(_scrub(item, pattern) for item in value)
        else:
            continue
        if new != value:
            changes[f.name] = new
    # mypy cannot check attrs.evolve on a type variable; the changes are the object's own fields.
    return attrs.evolve(obj, **changes) if changes else obj  # type: ignore[misc]


def extra_withheld(doc: Any) -> tuple[str, ...]:
    """The paths a document's own marks (its ``withholds`` field) withhold from both parents."""
    return tuple(
        p for f in t.class_spec(type(doc)).fields if f.info.withholds for p in getattr(doc, f.name)
    )


def _withhold_paths(doc: T, paths: tuple[str, ...], found: list[str]) -> T:
    """``doc`` with each of ``paths`` emptied (a list item left out); the texts taken out are
    added to ``found``. A path that fits nothing in the document is skipped.

    A field that cannot be emptied on its own, because it is required or because its object
    breaks a rule between fields without it (a cancelled session's notice without who
    cancelled), is withheld with what holds it: its list item, or failing that the field that
    holds its object, up to the document. Withholding more than asked is safe; showing what was
    asked to be withheld is not. When nothing up to the document can be withheld, the copy
    cannot be made: :class:`ValidationError` names the path.

    It works on the objects, not on their JSON, so a parent's PDF never loads the converter
    (loading it and generating its code for a referral take about 80 ms in a new process).
    """
    out: Any = doc
    for path in paths:
        with contextlib.suppress(t.PathNotFound):
            out = _withhold_nearest(out, path, found)[0]
    return cast(T, out)


def _withhold_nearest(doc: Any, path: str, found: list[str]) -> tuple[Any, tuple[str, ...]]:
    """``doc`` with ``path``, or the nearest thing holding it that can be withheld, withheld;
    and the keys of what was withheld (``path``'s, or fewer)."""
    keys = t.keys_of(path)
    if not keys:
        raise t.PathNotFound(path)  # the whole document: no part of it to withhold
    for end in range(len(keys), 0, -1):
        taken: list[str] = []
        try:
            out = _withhold_at(doc, keys[:end], taken)
        except (_Required, FieldRuleError):
            continue  # t.PathNotFound (the path fits nothing) goes to the caller
        found.extend(taken)
        return out, keys[:end]
    raise ValidationError(
        [
            ErrorDetail(
                path="/withheld_from_parents",
                message=P_(
                    "{path} cannot be withheld from the parents: it is required, and so is every "
                    "part of the document that holds it; take it out of withheld_from_parents"
                ).format(path=path),
            )
        ],
        what=f"a {type(doc).KIND}",
    )


def withholding_outcomes(doc: Any) -> list[tuple[int, str, str | None]]:
    """What a parent's copy leaves out for each path of ``doc``'s own marks
    (``withheld_from_parents``), in order: ``(index, path, what)``, where ``what`` is the path
    itself, what holds it (see :func:`redact`), ``None`` when the path fits nothing, or ``""``
    when nothing up to the document can be withheld (a parent's copy is then refused).
    :func:`coparent.check` reports each path that is not withheld as written.
    """
    out: Any = doc
    outcomes: list[tuple[int, str, str | None]] = []
    for index, path in enumerate(extra_withheld(doc)):
        try:
            out, keys = _withhold_nearest(out, path, [])
        except t.PathNotFound:
            outcomes.append((index, path, None))
        except ValidationError:
            outcomes.append((index, path, ""))
        else:
            whole = len(keys) == len(t.keys_of(path))
            outcomes.append((index, path, path if whole else t.pointer(keys)))
    return outcomes


class _Required(Exception):
    """The field a path names is required: it cannot be emptied on its own."""


def _withhold_at(obj: Any, keys: tuple[str, ...], found: list[str]) -> Any:
    """``obj`` with the field or item ``keys`` (field names and item ids, as in a JSON pointer
    into the document keyed by id) emptied or left out, the texts taken out added to ``found``.
    Raises :class:`coparent._tree.PathNotFound` where the keys fit nothing and
    :class:`_Required` where they name a required field (``found`` is then unchanged), and
    :class:`FieldRuleError` where emptying breaks a rule between fields (``found`` may then
    hold the texts of the attempt: give it a list of its own)."""
    try:
        spec = t.field(type(obj), keys[0])
    except (KeyError, IndexError, TypeError, AttributeError):
        raise t.PathNotFound(t.pointer(keys)) from None
    value = getattr(obj, spec.name)
    new: Any
    if len(keys) == 1:
        new = spec.default_value()
        if new is attrs.NOTHING:
            raise _Required(t.pointer(keys))
        found.extend(_taken_texts(value, spec))
    elif t.is_item_list(spec):
        id_field = t.class_spec(spec.cls).id_field
        ids = [] if id_field is None else [_json_text(getattr(i, id_field.name)) for i in value]
        if keys[1] not in ids:
            raise t.PathNotFound(t.pointer(keys))
        at = ids.index(keys[1])
        if len(keys) == 2:
            found.extend(_taken_texts(value[at], spec))
            new = (*value[:at], *value[at + 1 :])
        else:
            new = (*value[:at], _withhold_at(value[at], keys[2:], found), *value[at + 1 :])
    elif t.is_object(spec) and value is not None:
        new = _withhold_at(value, keys[1:], found)
    else:
        raise t.PathNotFound(t.pointer(keys))
    return attrs.evolve(obj, **{spec.name: new})


def _json_text(value: Any) -> Any:
    """A value as its JSON has it, where that is text: a choice's value, a UUID's text."""
    if isinstance(value, Choice):
        return value._value_
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _taken_texts(value: Any, spec: FieldSpec) -> list[str]:
    """The texts a withheld ``value`` of ``spec``'s field takes out with it: every text in it
    with a space in it, or all of them for a text field. Ids, choice values, dates and numbers
    hold no space, and must not be scrubbed elsewhere."""
    texts: list[str] = []
    _texts_in(value, texts)
    return [text for text in texts if " " in text.strip() or spec.kind is Kind.TEXT]


def _texts_in(value: Any, out: list[str]) -> None:
    """Every non-empty text in a model value, as its JSON has it (in field order)."""
    value = _json_text(value)
    if isinstance(value, str):
        if value:
            out.append(value)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _texts_in(item, out)
    elif is_model_class(type(value)):
        for f in t.class_spec(type(value)).fields:
            _texts_in(getattr(value, f.name), out)


def _redacted(doc: T, audience: Audience, strict: _Strictest | None = None) -> tuple[T, list[str]]:
    """``doc`` redacted (not yet scrubbed) for ``audience``, and the texts taken out of it.

    With ``strict``, the marks are the strictest of several versions (:class:`_Strictest`)
    rather than ``doc``'s own.
    """
    found: list[str] = []
    if strict is None:
        strict = _Strictest(frozenset(), locating_withheld(doc, audience), extra_withheld(doc))
    out = _redact_object(doc, None, audience, strict.locating, found, (), strict.confidential)
    if strict.withholds and audience.is_parent:
        out = _withhold_paths(out, strict.withholds, found)
    return out, found


def _redact_document(doc: T, audience: Audience) -> T:
    """``doc`` redacted and scrubbed for ``audience``."""
    out, found = _redacted(doc, audience)
    pattern = _terms_pattern(found)
    return _scrub(out, pattern) if pattern is not None else out


def _versions_scrubber(docs: tuple[Any, ...], audience: Audience) -> _Scrubber | None:
    """What scrubs every text any of ``docs`` (versions of one document) withholds from
    ``audience`` under the strictest marks of them all: a value withheld in one version is
    scrubbed wherever any version typed it."""
    if not audience.is_parent or not docs:
        return None
    strict = _Strictest.of(docs, audience)
    found: list[str] = []
    for doc in docs:
        found += _redacted(doc, audience, strict)[1]
    return _Scrubber.of(found)


def _scrub_json(value: Any, pattern: re.Pattern[str]) -> Any:
    """A JSON value with withheld texts scrubbed from every string in it (where the spec tree
    cannot say which strings are free text)."""
    if isinstance(value, str):
        return pattern.sub(WITHHELD_MARK, value)
    if isinstance(value, list):
        return [_scrub_json(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_json(v, pattern) for k, v in value.items()}
    return value


def _scrub_field_json(f: FieldSpec, value: Any, pattern: re.Pattern[str]) -> Any:
    """The JSON value of field ``f`` with withheld texts scrubbed from its plain free text (the
    same texts :func:`_scrub` rewrites in a document)."""
    if f.kind is Kind.TEXT:
        plain = f.info.format is None and isinstance(value, str)
        return pattern.sub(WITHHELD_MARK, value) if plain else value
    if f.kind in (Kind.SECTION, Kind.UNION) and isinstance(value, dict):
        return _scrub_object_json(t.object_class(f, value), value, pattern)
    if f.kind is Kind.ITEMS and isinstance(value, list):
        return [_scrub_object_json(f.cls, item, pattern) for item in value]
    return value


def _scrub_object_json(cls: Any, value: Any, pattern: re.Pattern[str]) -> Any:
    """The JSON of a ``cls`` object with withheld texts scrubbed from its free text."""
    if cls is None or not isinstance(value, dict):
        return value
    by_name = t.class_spec(cls).by_name
    return {
        k: _scrub_field_json(by_name[k], v, pattern) if k in by_name else v
        for k, v in value.items()
    }


def _scrub_at(cls: type[Any], keys: tuple[str, ...], value: Any, pattern: re.Pattern[str]) -> Any:
    """The JSON ``value`` at ``keys`` (field names and item ids) of a ``cls`` document, as a
    difference, conflict or resolution holds it, with withheld texts scrubbed from its free
    text; every string, where the spec tree cannot tell (inside a tagged union)."""
    at = t.field_at(cls, keys)
    if at is None:
        return _scrub_json(value, pattern)
    f, whole_item = at
    if whole_item:
        return _scrub_object_json(f.cls, value, pattern)
    return _scrub_field_json(f, value, pattern)


def redact(doc: T, audience: Audience) -> T:
    """``doc`` as ``audience`` may see it: the same class, with withheld values emptied.

    ``doc`` is a plan, referral or review, or a diff or merge result (whose withheld
    differences, conflicts and resolutions are left out: see :func:`withheld_path`; in what is
    left, each text any of its versions withholds reads :data:`WITHHELD_MARK`, and a parent's
    copy keeps no versions).

    The result is a valid document (it dumps, loads and validates), so the same call serves
    JSON export, PDF and HTML. Any other class raises :class:`coparent.CoparentError`. A
    parent's copy of a document whose ``withheld_from_parents`` names a path that cannot be
    withheld, even with what holds it, raises :class:`coparent.ValidationError` naming it.
    """
    if not isinstance(audience, Audience):
        raise CoparentError(
            N_("audience must be a coparent.Audience, e.g. Audience.parent(ParentRef.A)")
        )
    if type(doc) in DOCUMENT_TYPES.values():
        return _redact_document(doc, audience)
    from .differences import DiffResult
    from .merging import MergeResult

    if isinstance(doc, DiffResult):
        return cast(T, _redact_diff(doc, audience))
    if isinstance(doc, MergeResult):
        return cast(T, _redact_merge(doc, audience))
    raise CoparentError(
        f"cannot redact a {type(doc).__name__}: expected a ParentingPlan, Referral, Review, "
        "DiffResult or MergeResult"
    )


def _redact_diff(result: DiffResult, audience: Audience) -> DiffResult:
    """A diff as ``audience`` may see it: withheld differences left out, and each value either
    version withholds scrubbed from what is left (values, texts, labels)."""
    cls = result.document_type
    scrubber = _versions_scrubber(result.versions, audience)

    def shown(d: Difference) -> Difference | None:
        if withheld_path(d.keys, audience, cls):
            return None
        if scrubber is None:
            return d
        return attrs.evolve(
            d,
            label=scrubber.text(d.label),
            a=_scrub_at(cls, d.keys, d.a, scrubber.pattern),
            b=_scrub_at(cls, d.keys, d.b, scrubber.pattern),
            a_text=scrubber.text(d.a_text),
            b_text=scrubber.text(d.b_text),
        )

    def visible(differences: tuple[Difference, ...]) -> tuple[Difference, ...]:
        return tuple(s for d in differences if (s := shown(d)) is not None)

    return attrs.evolve(
        result,
        differences=visible(result.differences),
        sections=tuple(
            attrs.evolve(s, differences=visible(s.differences)) for s in result.sections
        ),
        orders=tuple(o for o in result.orders if not withheld_path(o.keys, audience, cls)),
        versions=() if audience.is_parent else result.versions,
    )


def _redact_merge(result: MergeResult, audience: Audience) -> MergeResult:
    """A merge as ``audience`` may see it: the document redacted, withheld conflicts and
    resolutions left out, and each value any version (base, ours, theirs, the merged document)
    withholds scrubbed from what is left."""
    document = result.document
    cls = type(document)
    # While a LOWERS_PROTECTION conflict is open the document holds the protective mark.
    redacted = _redacted(document, audience)[0]
    scrubber = _versions_scrubber((document, *result.versions), audience)
    if scrubber is not None:
        redacted = _scrub(redacted, scrubber.pattern)

    def scrub(keys: tuple[str, ...], value: Any) -> Any:
        return value if scrubber is None else _scrub_at(cls, keys, value, scrubber.pattern)

    def text(value: str) -> str:
        return value if scrubber is None else scrubber.text(value)

    return attrs.evolve(
        result,
        document=redacted,
        conflicts=tuple(
            attrs.evolve(
                c,
                label=text(c.label),
                base=scrub(c.keys, c.base),
                ours=scrub(c.keys, c.ours),
                theirs=scrub(c.keys, c.theirs),
                base_text=text(c.base_text),
                ours_text=text(c.ours_text),
                theirs_text=text(c.theirs_text),
                message=text(c.message),
            )
            for c in result.conflicts
            if not withheld_path(c.keys, audience, cls)
        ),
        resolutions=tuple(
            attrs.evolve(r, label=text(r.label), value=scrub(t.keys_of(r.path), r.value))
            for r in result.resolutions
            if not withheld_path(t.keys_of(r.path), audience, cls)
        ),
        versions=() if audience.is_parent else result.versions,
    )


def withheld_path(keys: tuple[str, ...], audience: Audience, cls: type[Any] | None = None) -> bool:
    """Whether a change at ``keys`` (field names and item ids) in a diff or merge is withheld.

    ``cls`` is the document class (every document class when not given: withheld if it is
    withheld in any). A diff or merge cannot know which version's confidentiality marking
    applies, so for a parent it withholds every change to a ``CONFIDENTIAL`` field of anyone
    else, as well as to every ``STAFF`` field; a change to a whole object or item is withheld
    when the object holds such a field.
    """
    if not audience.is_parent or not keys:
        return False
    classes = (cls,) if cls is not None else tuple(DOCUMENT_TYPES.values())
    return any(_path_withheld(c, keys, None, audience) for c in classes)


def _path_withheld(
    cls: type[Any], keys: tuple[str, ...], party: str | None, audience: Audience
) -> bool:
    f = t.class_spec(cls).by_name.get(keys[0])
    if f is None:
        return False
    if _withheld(f.visibility, _STRICTEST, party, audience):
        return True
    inner_party = f.info.party or party
    rest = keys[1:]
    if f.kind is Kind.ITEMS and rest:
        rest = rest[1:]  # the item's id
    if not rest:
        return _holds_withheld(f, inner_party, audience)
    return any(_path_withheld(c, rest, inner_party, audience) for c in f.classes())


def _holds_withheld(f: FieldSpec, party: str | None, audience: Audience) -> bool:
    """Whether a value of field ``f`` (an object, an item or a list) holds a withheld field."""
    own = audience.parent_ref.value if audience.parent_ref is not None else None
    return _classes_hold_withheld(f.classes(), party, own)


@functools.cache
def _classes_hold_withheld(classes: tuple[Any, ...], party: str | None, own: str | None) -> bool:
    audience = (
        Audience.parent(t.choice_of(ParentRef, own)) if own is not None else Audience.facilitator()
    )
    for cls in classes:
        for f in t.class_spec(cls).fields:
            if _withheld(f.visibility, _STRICTEST, party, audience):
                return True
            if _classes_hold_withheld(f.classes(), f.info.party or party, own):
                return True
    return False


def _leaves(value: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(item, f"{path}/{key}", out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _leaves(item, f"{path}/{i}", out)
    elif isinstance(value, str) and value:
        out.append((path, value))
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append((path, str(value)))


def _compare(before: Any, after: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key, item in before.items():
            _compare(item, after.get(key), f"{path}/{key}", out)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            _compare(b, a, f"{path}/{i}", out)
    elif before != after:
        _leaves(before, path, out)


def withheld_values(doc: Any, audience: Audience) -> list[tuple[str, str]]:
    """What :func:`redact` takes out for ``audience``: ``(JSON pointer, text)`` for each value.

    For a diff or merge result: the texts of each withheld difference, conflict and resolution.

    Texts, dates, enum values and numbers are listed as their JSON text; yes/no answers and
    empty values are not (they carry no text of their own). Tests use this to prove that no
    withheld text reaches an audience's PDF.
    """
    from .convert import unstructure
    from .differences import DiffResult
    from .merging import MergeResult

    out: list[tuple[str, str]] = []
    if isinstance(doc, DiffResult):
        for d in doc.differences:
            if withheld_path(d.keys, audience, doc.document_type):
                out += [(d.path, t) for t in (d.a_text, d.b_text) if t]
        return out
    if isinstance(doc, MergeResult):
        out += withheld_values(doc.document, audience)
        for c in doc.conflicts:
            if withheld_path(c.keys, audience, type(doc.document)):
                out += [(c.path, t) for t in (c.base_text, c.ours_text, c.theirs_text) if t]
        for r in doc.resolutions:
            if withheld_path(t.keys_of(r.path), audience, type(doc.document)):
                _leaves(r.value, r.path, out)
        return out
    _compare(unstructure(doc), unstructure(redact(doc, audience)), "", out)
    return out
