"""Documents, their parts, diffs, merges and calendars as plain text, for one reader.

The same outline as the HTML (:mod:`coparent.render._common`), printed as indented lines for
a terminal or a message. ``audience`` is a required keyword, as for :func:`to_html`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import _, document_locale, use_locale
from ._common import NOT_DISCUSSED, NOT_SHOWN, Block, Rows, Table, prepare

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
        yield f"{pad}{part.title}: {_(NOT_SHOWN)}"
        return
    if part.empty:
        yield f"{pad}{part.title}: {_(NOT_DISCUSSED)}"
        return
    yield f"{pad}{part.title}"
    for sub in part.parts:
        yield from _text_lines(sub, depth + 1)


def to_text(obj: Any, *, audience: Any, locale: str | None = None) -> str:
    """A document, a part of one, a diff, merge or calendar as indented text, for one reader.

    ``audience`` works as in :func:`coparent.to_html`. Labels come from the field metadata,
    values from :mod:`coparent.formatting`; sections nobody has filled in say "Not yet
    discussed", and sections withheld from the reader say so without showing anything.

    coparent's own words are in ``locale`` (default: the document's ``language``; English for
    a language without a catalogue, see :mod:`coparent.i18n`); user text is never translated.
    """
    with use_locale(document_locale(obj, locale)):
        prepared = prepare(obj, audience, "to_text", "text")
        if isinstance(prepared, str):
            return prepared
        return "\n".join(_text_lines(prepared, 0))
