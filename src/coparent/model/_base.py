"""Building blocks shared by every document class: field metadata, labelled enums, ids.

Every fact about a field (title, description, examples, unit, whether a list is ordered,
whether it names its item, who may see it) is written once, on the attrs field, with
:func:`meta`. Nothing outside :mod:`coparent.model` reads it directly: the converter, schemas,
forms, HTML, PDF, diff, merge and redaction all go through :mod:`coparent.model.introspect`.
"""

from __future__ import annotations

import enum
import importlib
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, time
from enum import StrEnum
from typing import Any, Self

import attrs

from ..errors import FieldRuleError
from ..i18n import N_, P_

__all__ = [
    "EMAIL_PATTERN",
    "ITEM_ID_PATTERN",
    "NAME_FORBIDDEN_PATTERN",
    "UNIQUE_IDS_RULE",
    "Choice",
    "Displayable",
    "FieldInfo",
    "FieldRuleError",
    "ParentRef",
    "Visibility",
    "Weekday",
    "aware_datetime",
    "bounded",
    "child_words_field",
    "default_factory",
    "email_field",
    "field_default",
    "field_info",
    "id_field",
    "int_field",
    "meta",
    "new_id",
    "new_uuid",
    "shareable_field",
    "unique_ids",
    "unique_items",
    "valid_item_id",
    "visible_name",
    "wall_time",
    "withheld_paths_field",
]

#: The key under which coparent keeps its metadata in ``attrs.Attribute.metadata``.
METADATA_KEY = "coparent"

#: Ids of list items that people edit: short, readable, safe in URLs and JSON pointers.
#: The patterns end with ``(?![\s\S])`` (nothing follows) rather than ``$``, which in Python
#: (and so in python-jsonschema) also matches before a final newline: ``"mia\n"`` is refused
#: by Python and JavaScript alike.
ITEM_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?![\s\S])"
_ITEM_ID_RE = re.compile(ITEM_ID_PATTERN)

#: A deliberately simple email shape (something@something.something, no spaces or control
#: characters, spelled out because ``\s`` differs between Python and JavaScript); the same
#: pattern is in the JSON Schema, so a form and the converter accept the same addresses.
EMAIL_PATTERN = r"^[^@\x00-\x20\x7f]+@[^@\x00-\x20\x7f]+\.[^@\x00-\x20\x7f.]+(?![\s\S])"
_EMAIL_RE = re.compile(EMAIL_PATTERN)

#: Names are shown as typed: no control characters, and none of the invisible or
#: direction-changing characters (zero-width space, bidi overrides and isolates, marks, BOM) that
#: make two different names look the same on paper. ZWJ and ZWNJ stay: Persian and Indic
#: scripts need them. The JSON Schema refuses the same characters (``not`` this pattern), which
#: reads the same in Python and JavaScript because it has no anchors.
NAME_FORBIDDEN_PATTERN = (
    "[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b\\u200e\\u200f"
    "\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb]"
)
_NAME_FORBIDDEN_RE = re.compile(NAME_FORBIDDEN_PATTERN)


class Visibility(enum.Enum):
    """Who may see a field. Defaults follow practice; docs/privacy.md gives the sources.

    * ``EVERYONE``: both parents, the centre's staff and the court.
    * ``STAFF``: the centre's staff and the court only, never a parent (risk information, a
      plan's safety concerns).
    * ``CONFIDENTIAL``: withheld from every parent but the person it belongs to, when that
      person's details are marked confidential (a field marked ``confidential_flag`` on the
      same object says so; in a diff or merge, where versions may disagree, always).
    * ``LOCATING``: something that could lead a person to a confidential person's home (the
      children's school, GP, dentist or nursery, a handover place): withheld from every parent
      except the protected person's own party while *any* person's details in the document are
      confidential (in a diff or merge, always).
    * ``CHILD_WORDS``: the child's own words: withheld from both parents unless the field
      marked ``shareable_flag`` on the same object is true (in a diff or merge, always).
    """

    EVERYONE = "everyone"
    STAFF = "staff"
    CONFIDENTIAL = "confidential"
    LOCATING = "locating"
    CHILD_WORDS = "child_words"


@attrs.frozen(kw_only=True)
class FieldInfo:
    """Everything coparent knows about a field besides its type.

    ``long_text`` marks free text that a form shows as a text area and a PDF lays out as a
    paragraph. ``unit`` names what a number counts (``"pence"`` is money, ``"percent"``).
    ``ordered`` says a list's order carries meaning; ``names_item`` that the field's value is
    the readable name of the item that holds it. ``party`` says which parent a person field
    is; ``confidential_flag`` marks the yes/no field that makes its object's ``CONFIDENTIAL``
    fields confidential; ``shareable_flag`` the yes/no field that lets both parents see its
    object's ``CHILD_WORDS`` fields; ``withholds`` the list of paths a user marked as withheld
    from both parents besides. ``refers_to`` names the class (or classes, comma-separated) whose
    ``id`` a reference holds.
    """

    title: str
    description: str = ""
    examples: tuple[Any, ...] = ()
    long_text: bool = False
    format: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    unit: str | None = None
    ordered: bool = False
    names_item: bool = False
    visibility: Visibility = Visibility.EVERYONE
    party: str | None = None
    confidential_flag: bool = False
    shareable_flag: bool = False
    withholds: bool = False
    refers_to: str | None = None


def meta(
    title: str,
    description: str = "",
    *,
    examples: tuple[Any, ...] = (),
    long_text: bool = False,
    format: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    unit: str | None = None,
    ordered: bool = False,
    names_item: bool = False,
    visibility: Visibility = Visibility.EVERYONE,
    party: str | None = None,
    confidential_flag: bool = False,
    shareable_flag: bool = False,
    withholds: bool = False,
    refers_to: str | None = None,
) -> dict[str, FieldInfo]:
    """Metadata for ``attrs.field(metadata=...)``: every fact about the field, in one place."""
    return {
        METADATA_KEY: FieldInfo(
            title=title,
            description=description,
            examples=examples,
            long_text=long_text,
            format=format,
            minimum=minimum,
            maximum=maximum,
            unit=unit,
            ordered=ordered,
            names_item=names_item,
            visibility=visibility,
            party=party,
            confidential_flag=confidential_flag,
            shareable_flag=shareable_flag,
            withholds=withholds,
            refers_to=refers_to,
        )
    }


class Displayable:
    """Base of every document class: shows itself in Jupyter, and safely in a log.

    ``_repr_html_`` calls the renderer that :mod:`coparent.render` registers with
    :func:`set_renderer`, so the model imports no output code. ``str()`` and ``repr()`` carry
    no personal data: ``log.info("%s", plan)`` must never log a child's name or an address.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        rendered: str = _RENDERERS["html"](self)
        return rendered

    def __str__(self) -> str:
        return _safe_summary(self)

    def __repr__(self) -> str:
        return _safe_summary(self)


def _safe_summary(obj: object) -> str:
    parts = [type(obj).__name__]
    doc_id = getattr(obj, "id", None)
    if isinstance(doc_id, uuid.UUID):
        parts.append(f"id={doc_id}")
    children = getattr(obj, "children", None)
    if isinstance(children, tuple):
        parts.append(f"{len(children)} child{'ren' if len(children) != 1 else ''}")
    return f"<{' '.join(parts)}: contents not shown; use coparent.to_text(doc, audience=...)>"


def _load_renderers(obj: object) -> str:
    # coparent.render registers its functions with set_renderer when it is imported.
    importlib.import_module("coparent.render")
    rendered: str = _RENDERERS["html"](obj)
    return rendered


_RENDERERS: dict[str, Callable[[object], str]] = {"html": _load_renderers}


def set_renderer(kind: str, function: Callable[[object], str]) -> None:
    """Register the function that turns a document into ``kind`` (``"html"``) for notebooks."""
    _RENDERERS[kind] = function


def field_default(attribute: attrs.Attribute[Any]) -> Any:
    """The default value of an attrs attribute (calling its factory, if it has one)."""
    factory = default_factory(attribute)
    return attribute.default if factory is None else factory()


def default_factory(attribute: attrs.Attribute[Any]) -> Any:
    """The factory that makes an attribute's default (a fresh value per object), or None."""
    # attrs' type stubs describe Factory as a function, so look for its attribute instead.
    return getattr(attribute.default, "factory", None)


def field_info(attribute: attrs.Attribute[Any]) -> FieldInfo:
    """The :class:`FieldInfo` of an attrs attribute; a humanised name if it has none."""
    info = attribute.metadata.get(METADATA_KEY)
    if isinstance(info, FieldInfo):
        return info
    return FieldInfo(title=attribute.name.replace("_", " ").capitalize())


class Choice(StrEnum):
    """A closed set of choices whose members carry a label a parent understands.

    Members are declared as ``VALUE = "json_value", "Readable label"``; the JSON value is the
    first item and ``member.label`` the second.
    """

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def labels(cls) -> Mapping[str, str]:
        """Every JSON value with its label, in declaration order."""
        return {member.value: member.label for member in cls}


def new_id() -> str:
    """A fresh id for a list item (a schedule slot, a holiday, a step): 12 hex characters."""
    return uuid.uuid4().hex[:12]


def new_uuid() -> uuid.UUID:
    """A fresh id for a whole document."""
    return uuid.uuid4()


def valid_item_id(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: an item id matches :data:`ITEM_ID_PATTERN`."""
    if not isinstance(value, str) or not _ITEM_ID_RE.fullmatch(value):
        raise FieldRuleError(
            attribute.name,
            N_("must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
        )


def wall_time(_instance: object, attribute: attrs.Attribute[Any], value: time | None) -> None:
    """attrs validator: a clock time in the family's own time zone, to the second, no offset."""
    if value is None:
        return
    if value.tzinfo is not None or value.microsecond:
        raise FieldRuleError(
            attribute.name,
            N_("must be a local clock time with no time zone and no fraction of a second"),
        )


def aware_datetime(
    _instance: object, attribute: attrs.Attribute[Any], value: datetime | None
) -> None:
    """attrs validator: a datetime that knows its time zone (naive datetimes are ambiguous)."""
    if value is None:
        return
    offset = value.utcoffset()
    if offset is None:
        raise FieldRuleError(attribute.name, N_("must include a time zone offset"))
    if offset.total_seconds() % 60 or value.year < 1:
        raise FieldRuleError(attribute.name, N_("must have a time zone offset in whole minutes"))
    try:
        value.astimezone(UTC)
    except OverflowError:
        # 0001-01-01T00:00:00+01:00 is in year 0 in UTC: it cannot be compared, sorted or
        # written to a calendar or PDF. The JSON Schema cannot express this rule.
        raise FieldRuleError(
            attribute.name,
            N_("must be a moment from 0001-01-01 to 9999-12-31 in UTC (the offset takes it out)"),
        ) from None


def visible_name(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """attrs validator: a name with no invisible or direction-changing characters."""
    found = _NAME_FORBIDDEN_RE.search(value) if isinstance(value, str) else None
    if found is not None:
        bad = found.group()
        raise FieldRuleError(
            attribute.name,
            P_(
                "contains an invisible or direction-changing character ({code}); "
                "type the name as it should be shown"
            ).format(code=f"U+{ord(bad):04X}"),
        )


def valid_email(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """attrs validator: an email address of the shape ``name@example.org``."""
    if value is not None and not _EMAIL_RE.fullmatch(value):
        raise FieldRuleError(attribute.name, N_("must be an email address like name@example.org"))


#: The rule :func:`unique_ids` checks, in words (JSON Schema cannot say it).
UNIQUE_IDS_RULE = N_("ids are unique within each list")


def unique_ids(_instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """attrs validator: the items of a list have different ids, so diffs can match them."""
    seen: set[str] = set()
    for item in value:
        if item.id in seen:
            raise FieldRuleError(
                attribute.name, P_("two items have the same id {id}").format(id=repr(item.id))
            )
        seen.add(item.id)


def unique_items(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]
) -> None:
    """attrs validator: a list of plain values names each value once (a set, or an ordering)."""
    if len(set(value)) != len(value):
        seen: set[Any] = set()
        for item in value:
            if item in seen:
                shown = item.value if isinstance(item, Choice) else str(item)
                raise FieldRuleError(
                    attribute.name, P_("lists {value} more than once").format(value=repr(shown))
                )
            seen.add(item)


def child_words_field(title: str, description: str) -> Any:
    """Free text holding a child's own words: withheld from both parents unless shareable."""
    return attrs.field(
        default="",
        metadata=meta(
            title,
            f"{description} Not shown to either parent unless marked shareable.",
            long_text=True,
            visibility=Visibility.CHILD_WORDS,
        ),
    )


def shareable_field(who: str) -> Any:
    """The box that lets both parents read ``who``'s words (a ``shareable_flag``)."""
    return attrs.field(
        default=False,
        metadata=meta(
            f"{who.capitalize()}'s words may be shared with both parents",
            f"Tick only when {who} agreed, and it is safe, for both parents to read their words.",
            shareable_flag=True,
        ),
    )


def withheld_paths_field() -> Any:
    """A document's own extra marks: paths (list items by id) withheld from both parents."""
    return attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "Also withheld from both parents",
            "Anything else neither parent may see, by its path with list items named by id "
            "(e.g. /education/activities or /living_arrangements/handovers/library). For staff "
            "to change: removing a path in a merge needs staff to agree.",
            examples=(["/education/activities"],),
            withholds=True,
        ),
    )


def id_field() -> Any:
    """The ``id`` of a list item: required, checked against :data:`ITEM_ID_PATTERN`."""
    return attrs.field(
        validator=valid_item_id,
        metadata=meta(
            "Id",
            "A short id that stays the same when the document is edited, so changes can be "
            "matched.",
            format="item-id",
        ),
    )


def email_field(title: str = "Email", description: str = "") -> Any:
    """An optional email address."""
    return attrs.field(
        default=None,
        validator=valid_email,
        metadata=meta(title, description, examples=("sam@example.org",), format="email"),
    )


class ParentRef(Choice):
    """One of the two parents a document is about."""

    A = "parent_a", "First parent"
    B = "parent_b", "Second parent"

    @property
    def other(self) -> ParentRef:
        """The other parent."""
        return ParentRef.B if self is ParentRef.A else ParentRef.A


class Weekday(Choice):
    """A day of the week."""

    MONDAY = "monday", "Monday"
    TUESDAY = "tuesday", "Tuesday"
    WEDNESDAY = "wednesday", "Wednesday"
    THURSDAY = "thursday", "Thursday"
    FRIDAY = "friday", "Friday"
    SATURDAY = "saturday", "Saturday"
    SUNDAY = "sunday", "Sunday"

    @property
    def number(self) -> int:
        """0 for Monday to 6 for Sunday, as :meth:`datetime.date.weekday` counts."""
        return list(Weekday).index(self)


_AT_LEAST = P_("must be at least {minimum}")
_AT_MOST = P_("must be at most {maximum}")


def bounded(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """attrs validator: an integer within the ``minimum`` and ``maximum`` of its metadata."""
    if value is None:
        return
    info = field_info(attribute)
    if info.minimum is not None and value < info.minimum:
        raise FieldRuleError(attribute.name, _AT_LEAST.format(minimum=info.minimum))
    if info.maximum is not None and value > info.maximum:
        raise FieldRuleError(attribute.name, _AT_MOST.format(maximum=info.maximum))


def int_field(
    title: str,
    description: str = "",
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    default: Any = attrs.NOTHING,
    unit: str | None = None,
) -> Any:
    """An integer field whose bounds and unit live in its metadata (the schema reads them)."""
    return attrs.field(
        default=default,
        validator=bounded,
        metadata=meta(title, description, minimum=minimum, maximum=maximum, unit=unit),
    )
