"""Documents and their sections as accessible HTML (for Jupyter and the web) and as plain text.

One walk over the attrs classes turns any document, section or list item into an outline of
headings, label/value rows and tables; :func:`to_html` and :func:`to_text` print that outline.
Every label comes from the field metadata (:func:`coparent.model._base.field_info`) or an enum's
``label``, so nothing a person reads is typed twice. All user text is escaped.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

import attrs

from .errors import CoparentError
from .model._base import Choice, Displayable, field_info

__all__ = ["NOT_DISCUSSED", "html_page", "to_html", "to_text"]

#: What a section that holds nothing yet says.
NOT_DISCUSSED = "Not yet discussed"

_MONTHS = (
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
)

#: Fields that name a list item, in order of preference, for its heading.
_NAME_FIELDS = ("name", "title", "item", "description")

_TOP_LEVEL = 2
_DEEPEST = 6


@attrs.frozen(kw_only=True)
class _Table:
    """A list of flat items: one row per item, one column per field used by any item."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen(kw_only=True)
class _Rows:
    """Consecutive scalar fields: label/value pairs."""

    rows: tuple[tuple[str, str], ...]


@attrs.frozen(kw_only=True)
class _Block:
    """A heading, then its own rows, then nested blocks and tables."""

    title: str
    parts: tuple[_Rows | _Block | _Table, ...] = ()
    empty: bool = False


def _humanise(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return words[:1].upper() + words[1:]


def format_value(value: Any) -> str:
    """A scalar value as a person reads it: enum labels, Yes/No, dates as '29 February 2016'."""
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        offset = value.isoformat()[19:].lstrip(".0123456789") or "local time"
        return f"{format_value(value.date())}, {value:%H:%M} ({offset})"
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == ()


def _is_default(obj: Any) -> bool:
    """True when ``obj`` equals its class built with no arguments (a section nobody filled in)."""
    try:
        return bool(obj == type(obj)())
    except (TypeError, ValueError):
        return False


def _is_item_list(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and attrs.has(type(value[0]))


def _is_flat(items: tuple[Any, ...]) -> bool:
    """True when no item holds a nested section or list of items (so a table can show them)."""
    for item in items:
        for a in attrs.fields(type(item)):
            value = getattr(item, a.name)
            if attrs.has(type(value)) or _is_item_list(value):
                return False
    return True


def _shown_fields(cls: type[Any]) -> Iterator[attrs.Attribute[Any]]:
    """The fields a person sees: every field but the ids that only match items for diffs."""
    for a in attrs.fields(cls):
        if a.name != "id":
            yield a


def _item_title(item: Any, fallback: str) -> str:
    for name in _NAME_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value:
            return value
    return fallback


def _document_title(obj: Any) -> str:
    cls = type(obj)
    kind = getattr(cls, "KIND", None)
    label = _humanise(cls.__name__) if kind is None else kind.replace("_", " ").capitalize()
    title = getattr(obj, "title", None)
    return f"{label}: {title}" if isinstance(title, str) and title else label


def _outline(obj: Any, title: str) -> _Block:
    # Scalar fields first, then nested sections: a table placed after a sub-heading would be
    # read by a screen reader as part of that sub-section.
    rows: list[tuple[str, str]] = []
    parts: list[_Rows | _Block | _Table] = []
    for a in _shown_fields(type(obj)):
        value = getattr(obj, a.name)
        label = field_info(a).title
        if attrs.has(type(value)):
            parts.append(_outline(value, label))
        elif _is_item_list(value):
            parts.append(_items(value, label))
        elif not _is_blank(value) and not (a.name == "title" and value in title):
            rows.append((label, format_value(value)))
    if rows:
        parts.insert(0, _Rows(rows=tuple(rows)))
    return _Block(title=title, parts=tuple(parts), empty=_is_default(obj))


def _items(items: tuple[Any, ...], title: str) -> _Block | _Table:
    cls = type(items[0])
    if all(type(i) is cls for i in items) and _is_flat(items):
        fields = [
            a for a in _shown_fields(cls) if any(not _is_blank(getattr(i, a.name)) for i in items)
        ]
        return _Table(
            title=title,
            columns=tuple(field_info(a).title for a in fields),
            rows=tuple(
                tuple("" if _is_blank(v := getattr(i, a.name)) else format_value(v) for a in fields)
                for i in items
            ),
        )
    blocks = tuple(
        _outline(item, _item_title(item, f"{_humanise(type(item).__name__)} {n}"))
        for n, item in enumerate(items, 1)
    )
    return _Block(title=title, parts=blocks)


def _check(obj: Any) -> None:
    if not attrs.has(type(obj)):
        raise CoparentError(
            f"cannot show a {type(obj).__name__} as HTML: pass a coparent document or a part "
            "of one (a section, a list item)"
        )


def _redacted(obj: Any, audience: Any) -> Any:
    """``obj`` as ``audience`` may see it (a :class:`coparent.Audience` or its short name, such
    as "parent_b"); what cannot be redacted raises rather than show too much."""
    if audience is None:
        return obj
    from .redaction import Audience, redact

    if isinstance(audience, str):
        audience = Audience.parse(audience)
    return redact(obj, audience)


def _own_form(obj: Any, name: str) -> Any:
    """A result's own ``_repr_html_``/``__str__`` (diffs, merges, calendars), if it has one."""
    method = getattr(type(obj), name, None)
    if method is None or method is getattr(Displayable, name) or method is object.__str__:
        return None
    return method


def _text_lines(part: _Rows | _Block | _Table, depth: int) -> Iterator[str]:
    pad = "  " * depth
    if isinstance(part, _Rows):
        for label, value in part.rows:
            lines = value.splitlines() or [""]
            yield f"{pad}{label}: {lines[0]}"
            for more in lines[1:]:
                yield f"{pad}  {more}"
        return
    if isinstance(part, _Table):
        yield f"{pad}{part.title}:"
        for row in part.rows:
            cells = [f"{c}: {v}" for c, v in zip(part.columns, row, strict=True) if v]
            yield f"{pad}  - " + "; ".join(cells)
        return
    if part.empty:
        yield f"{pad}{part.title}: {NOT_DISCUSSED}"
        return
    yield f"{pad}{part.title}"
    for sub in part.parts:
        yield from _text_lines(sub, depth + 1)


def to_text(obj: Any, *, audience: Any = None) -> str:
    """A document or a part of one as an indented outline, for a terminal.

    Labels come from the field metadata; sections nobody has filled in say "Not yet discussed".
    ``audience`` redacts first, as in :func:`to_html`.
    """
    _check(obj)
    obj = _redacted(obj, audience)
    own = _own_form(obj, "__str__")
    if own is not None:
        return str(own(obj))
    return "\n".join(_text_lines(_outline(obj, _document_title(obj)), 0))


def _e(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _html_parts(part: _Rows | _Block | _Table, level: int) -> Iterator[str]:
    if isinstance(part, _Rows):
        yield "<table><tbody>"
        for label, value in part.rows:
            yield f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>'
        yield "</tbody></table>"
        return
    h = min(level, _DEEPEST)
    yield f"<h{h}>{_e(part.title)}</h{h}>"
    if isinstance(part, _Table):
        yield "<table>"
        yield "<thead><tr>" + "".join(f'<th scope="col">{_e(c)}</th>' for c in part.columns)
        yield "</tr></thead><tbody>"
        for row in part.rows:
            yield "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        yield "</tbody></table>"
        return
    if part.empty:
        yield f'<p class="coparent-empty">{NOT_DISCUSSED}</p>'
        return
    for sub in part.parts:
        yield from _html_parts(sub, level + 1)


def to_html(obj: Any, *, audience: Any = None, heading_level: int = _TOP_LEVEL) -> str:
    """A document, section or list item as an accessible HTML fragment.

    Headings go down one level per nesting (``h2`` for the object itself, or
    ``heading_level``, to fit the page around it), label/value tables
    use ``<th scope="row">``, lists of items are tables with ``<th scope="col">``, and every
    piece of user text is escaped. With ``audience`` (a :class:`coparent.Audience` or its short
    name: facilitator, court, parent_a, parent_b), the document is first redacted for that
    audience by :func:`coparent.redact`; a part of a document cannot be redacted on its own
    and raises :class:`coparent.CoparentError`. Diffs, merge results and calendars use their
    own HTML.
    """
    _check(obj)
    obj = _redacted(obj, audience)
    own = _own_form(obj, "_repr_html_")
    if own is not None:
        return str(own(obj))
    if heading_level not in range(1, _DEEPEST + 1):
        raise CoparentError(f"heading_level must be 1 to {_DEEPEST}, not {heading_level!r}")
    body = "\n".join(_html_parts(_outline(obj, _document_title(obj)), heading_level))
    return f'<section class="coparent">\n{body}\n</section>'


_PAGE_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse;margin:0.5rem 0 1rem}"
    "th,td{border:1px solid #888;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}"
    ".coparent-empty{font-style:italic}"
)


def html_page(obj: Any, *, audience: Any = None, lang: str | None = None) -> str:
    """A complete, standalone HTML page for a document (what :func:`to_html` gives, wrapped).

    The page's language is ``lang``, else the document's own ``language``, else ``en-GB``.
    """
    body = to_html(obj, audience=audience, heading_level=1)
    language = lang or getattr(obj, "language", None) or "en-GB"
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(str(language))}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(_document_title(obj))}</title>\n<style>{_PAGE_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
