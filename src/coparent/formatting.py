"""The one value formatter: how a value reads to a person, the same in every output.

A diff, the HTML, the text form, every PDF and the calendar all turn values into words here,
so an expense reads "£150.00" and a date "29 February 2016" wherever it appears. Values may
be given as model values (``date``, a :class:`~coparent.model.Choice`) or in their JSON form
(``"2016-02-29"``, ``"parent_a"``); the field's spec from :mod:`coparent.model.introspect`
says how to read them.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time
from typing import Any, Literal

from .i18n import N_, _, babel_locale
from .model._base import Choice
from .model.introspect import FieldSpec, Kind, spec_of

__all__ = [
    "EMPTY",
    "NONE_LISTED",
    "NOT_GIVEN",
    "format_date",
    "format_datetime",
    "format_field",
    "format_money",
    "format_scalar",
    "format_time",
    "item_name",
    "month_name",
    "shorten",
    "weekday_name",
]

NOT_GIVEN = N_("(not given)")
EMPTY = N_("(empty)")
NONE_LISTED = N_("(none)")


#: The Babel locale of English text. Its month names (1 is January) and weekday names (0 is
#: Monday) are here, keyed as Babel keys them and equal to Babel's (a test checks each one), so
#: an English document loads neither Babel nor its locale data (about 15 ms in a new process).
_ENGLISH = "en_GB"
_ENGLISH_MONTHS: dict[int, str] = dict(
    enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        1,
    )
)
_ENGLISH_DAYS: dict[str, dict[int, str]] = {
    width: dict(enumerate(names))
    for width, names in (
        ("wide", ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
        ("abbreviated", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")),
        ("short", ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")),
        ("narrow", ("M", "T", "W", "T", "F", "S", "S")),
    )
}


def format_date(value: date, *, weekday: bool = False, locale: str | None = None) -> str:
    """``29 February 2016`` (or ``Monday 29 February 2016``) in ``locale`` (default: the
    active locale, see :mod:`coparent.i18n`), through Babel: ``29 Chwefror 2016`` in Welsh
    (English from Babel's names, kept here). The machine's own locale plays no part."""
    name = babel_locale(locale)
    if name == _ENGLISH:
        text = f"{value.day} {_ENGLISH_MONTHS[value.month]} {value.year}"
        return f"{_ENGLISH_DAYS['wide'][value.weekday()]} {text}" if weekday else text
    from babel.dates import format_date as babel_date

    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    return str(babel_date(value, pattern, locale=name))


def weekday_name(
    index: int,
    *,
    width: Literal["abbreviated", "narrow", "short", "wide"] = "wide",
    locale: str | None = None,
) -> str:
    """The name of weekday ``index`` (0 is Monday) in ``locale``: ``Monday``, ``Dydd Llun``;
    ``width="abbreviated"`` gives ``Mon``, ``Llun``."""
    name = babel_locale(locale)
    if name == _ENGLISH:
        return _ENGLISH_DAYS[width][index]
    from babel.dates import get_day_names

    return str(get_day_names(width, locale=name)[index])


def month_name(month: int, *, locale: str | None = None) -> str:
    """The name of ``month`` (1 is January) in ``locale``, standing alone: ``Chwefror``."""
    name = babel_locale(locale)
    if name == _ENGLISH:
        return _ENGLISH_MONTHS[month]
    from babel.dates import get_month_names

    return str(get_month_names("wide", context="stand-alone", locale=name)[month])


def format_time(value: time) -> str:
    """A clock time on the 24-hour clock: ``17:00`` (seconds only when there are some)."""
    return f"{value:%H:%M}" if not value.second else f"{value:%H:%M:%S}"


def format_datetime(value: datetime) -> str:
    """``29 February 2016, 17:00 UTC`` or ``..., 17:00 UTC+01:00``."""
    offset = value.utcoffset()
    if offset is None:
        zone = _("local time")
    elif not offset:
        zone = "UTC"
    else:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{format_date(value.date())}, {format_time(value.timetz())} {zone}"


def format_money(pence: int) -> str:
    """An amount in pence as pounds: ``15000`` -> ``£150.00``."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}£{pence // 100:,}.{pence % 100:02d}"


def shorten(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, with an ellipsis where it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _as_value(kind: Kind, value_type: Any, value: Any) -> Any:
    """A JSON value back as its model value (dates parsed, choices looked up)."""
    if not isinstance(value, str):
        return value
    try:
        if kind is Kind.DATE:
            return date.fromisoformat(value)
        if kind is Kind.TIME:
            return time.fromisoformat(value)
        if kind is Kind.DATETIME:
            return datetime.fromisoformat(value)
    except ValueError:
        return value
    if kind is Kind.CHOICE and isinstance(value_type, type) and issubclass(value_type, Choice):
        return value_type._value2member_map_.get(value, value)
    return value


def format_scalar(
    value: Any, *, kind: Kind | None = None, value_type: Any = None, unit: str | None = None
) -> str:
    """One plain value as a person reads it; ``(not given)`` for null, ``(empty)`` for ``""``."""
    if kind is not None:
        value = _as_value(kind, value_type, value)
    if value is None:
        return _(NOT_GIVEN)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Choice):
        return _(value.label)
    if isinstance(value, int):
        if unit == "pence":
            return format_money(value)
        if unit == "percent":
            return f"{value}%"
        if unit == "minutes":
            return _("{count} minutes").format(count=value) if value != 1 else _("1 minute")
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if value == "":
        return _(EMPTY)
    return str(value)


def format_field(spec: FieldSpec, value: Any) -> str:
    """A field's value (model or JSON form) as text: labels, Yes/No, money, item names."""
    if spec.kind.is_scalar:
        return format_scalar(value, kind=spec.kind, value_type=spec.value_type, unit=spec.unit)
    if spec.kind is Kind.VALUES:
        if not value:
            return _(NONE_LISTED)
        return ", ".join(
            format_scalar(v, kind=spec.value_kind, value_type=spec.value_type, unit=spec.unit)
            for v in value
        )
    if spec.kind is Kind.ITEMS:
        if not value:
            return _(NONE_LISTED)
        return "; ".join(item_name(spec.cls, v) for v in value)
    cls = spec.variant_of(value) if isinstance(value, dict) else type(value)
    if value is None or cls is None:
        return _(NOT_GIVEN)
    return summary(cls, value)


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def summary(cls: type[Any], value: Any, limit: int = 200) -> str:
    """A one-line summary of an object: ``Title: value`` for each field that is filled in."""
    parts = []
    for f in spec_of(cls).fields:
        v = _get(value, f.name)
        if f.kind is Kind.ID or v in ("", None, [], (), {}):
            continue
        default = f.default_value()
        if default is not None and v == default:
            continue
        parts.append(f"{_(f.title)}: {format_field(f, v)}")
    return shorten("; ".join(parts), limit) if parts else _(EMPTY)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DANGLING = re.compile(r"^[\s:–,-]+|[\s:–,-]+$")


def item_name(cls: type[Any], item: Any, limit: int = 60) -> str:
    """A short readable name for a list item, from its class's name template.

    The template comes from the model (fields marked ``names_item``, or a class's
    ``ITEM_NAME``); an item whose name fields are empty is called ``item <id>``.
    """
    spec = spec_of(cls)
    text = ""
    if spec.name_template is not None:

        def one(match: re.Match[str]) -> str:
            f = spec.by_name.get(match.group(1))
            if f is None:
                return ""
            v = _get(item, f.name)
            if v in (None, ""):
                return ""
            return format_field(f, v)

        text = _DANGLING.sub("", _PLACEHOLDER.sub(one, spec.name_template)).strip()
    if text:
        return shorten(text, limit)
    return _("item {id}").format(id=_get(item, "id") or "?")
