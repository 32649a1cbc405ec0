"""Documents, their parts, diffs, merges and calendars as plain text, for one reader.

The same outline as the HTML (:mod:`coparent.render._common`), printed as indented lines for
a terminal or a message. ``audience`` is a required keyword, as for :func:`to_html`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import CoparentError
from ._common import (
    NOT_DISCUSSED,
    NOT_SHOWN,
    Block,
    Rows,
    Table,
    document_title,
    outline,
    resolve_audience,
    visible_view,
)

__all__ = ["to_text"]


def _text_lines(part: Rows | Block | Table, depth: int) -> Iterator[str]:
    pad = "  " * depth
    if isinstance(part, Rows):
        for label, value in part.rows:
            lines = value.splitlines() or [""]
            yield f"{pad}{label}: {lines[0]}"
            for more in lines[1:]:
                yield f"{pad}  {more}"
        return
    if isinstance(part, Table):
        yield f"{pad}{part.title}:"
        for row in part.rows:
            cells = [f"{c}: {v}" for c, v in zip(part.columns, row, strict=True) if v]
            yield f"{pad}  - " + "; ".join(cells)
        return
    if part.withheld:
        yield f"{pad}{part.title}: {NOT_SHOWN}"
        return
    if part.empty:
        yield f"{pad}{part.title}: {NOT_DISCUSSED}"
        return
    yield f"{pad}{part.title}"
    for sub in part.parts:
        yield from _text_lines(sub, depth + 1)


def _result_text(obj: Any, audience: Any) -> str | None:
    from .._calendar import ContactCalendar, MonthGrid
    from .._diff import DiffResult
    from .._merge import MergeResult
    from . import calendars, diffs

    if isinstance(obj, DiffResult | MergeResult):
        from ..redaction import redact

        shown = redact(obj, resolve_audience(audience))
        return diffs.diff_text(shown) if isinstance(shown, DiffResult) else diffs.merge_text(shown)
    if isinstance(obj, ContactCalendar):
        return calendars.calendar_text(obj)
    if isinstance(obj, MonthGrid):
        return calendars.month_text(obj)
    return None


def to_text(obj: Any, *, audience: Any) -> str:
    """A document, a part of one, a diff, merge or calendar as indented text, for one reader.

    ``audience`` works as in :func:`coparent.to_html`. Labels come from the field metadata,
    values from :mod:`coparent.formatting`; sections nobody has filled in say "Not yet
    discussed", and sections withheld from the reader say so without showing anything.
    """
    if audience is None:
        raise CoparentError(
            "to_text needs an audience, e.g. audience=coparent.Audience.facilitator() or "
            'audience="parent_b": a document must not be shown in full by default'
        )
    result = _result_text(obj, audience)
    if result is not None:
        return result
    shown, hide, is_document = visible_view(obj, audience, "text")
    tree = outline(shown, document_title(shown), hide, is_document=is_document)
    return "\n".join(_text_lines(tree, 0))
