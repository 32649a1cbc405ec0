"""Documents, their parts, diffs, merges and calendars as accessible HTML, for one reader.

A document is walked through the spec tree into an outline (:mod:`coparent.render._common`)
of headings, label/value tables and item tables; every value is formatted by
:mod:`coparent.formatting`, so it reads as it does in the text form and every PDF. All user
text is escaped.

``audience`` is a required keyword: forgetting it must not print everything. In a notebook a
document shows the most restricted view (what every reader may see) with a note on how to see
more.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from ..errors import CoparentError
from ..i18n import N_, P_, _, document_locale, use_locale
from ._common import (
    NOT_DISCUSSED,
    NOT_SHOWN,
    Block,
    Rows,
    Table,
    document_title,
    outline,
    prepare,
    visible_view,
)

__all__ = ["NOT_DISCUSSED", "html_page", "notebook_html", "to_html"]

_TOP_LEVEL = 2
_DEEPEST = 6

#: The note under a document shown in a notebook without an audience.
RESTRICTED_NOTE = N_(
    "Staff-only and confidential details are not shown. To see what one reader may see, use "
    "coparent.to_html(doc, audience=coparent.Audience.facilitator()) (or court, parent_a, "
    "parent_b)."
)


def _e(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>")


def _html_parts(part: Rows | Block | Table, level: int) -> Iterator[str]:
    if isinstance(part, Rows):
        yield "<table><tbody>"
        for label, value in part.rows:
            yield f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>'
        yield "</tbody></table>"
        return
    h = min(level, _DEEPEST)
    yield f"<h{h}>{_e(part.title)}</h{h}>"
    if isinstance(part, Table):
        yield "<table>"
        yield "<thead><tr>" + "".join(f'<th scope="col">{_e(c)}</th>' for c in part.columns)
        yield "</tr></thead><tbody>"
        for row in part.rows:
            yield "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        yield "</tbody></table>"
        return
    if part.withheld:
        yield f'<p class="coparent-empty">{_e(_(NOT_SHOWN))}</p>'
        return
    if part.empty:
        yield f'<p class="coparent-empty">{_e(_(NOT_DISCUSSED))}</p>'
        return
    for sub in part.parts:
        yield from _html_parts(sub, level + 1)


def _section(tree: Block, heading_level: int, note: str = "") -> str:
    body = "\n".join(_html_parts(tree, heading_level))
    return f'<section class="coparent">\n{body}\n{note}</section>'


def to_html(
    obj: Any, *, audience: Any, heading_level: int = _TOP_LEVEL, locale: str | None = None
) -> str:
    """A document, section, list item, diff, merge or calendar as an accessible HTML fragment.

    ``audience`` (a :class:`coparent.Audience` or its short name: facilitator, court,
    parent_a, parent_b) is required: a document is first redacted for it by
    :func:`coparent.redact`, and a parent never sees a staff-only field. A part of a document
    (a section, a list item) cannot be redacted on its own, so a parent is shown it without
    any staff-only or confidential field. Diffs and merges are redacted the same way.

    Headings go down one level per nesting (``h2`` for the object itself, or
    ``heading_level``, to fit the page around it), label/value tables use
    ``<th scope="row">``, lists of items are tables with ``<th scope="col">``, and every piece
    of user text is escaped.

    coparent's own words are in ``locale`` (default: the document's ``language``; English for
    a language without a catalogue, see :mod:`coparent.i18n`); user text is never translated.
    """
    if heading_level not in range(1, _DEEPEST + 1):
        raise CoparentError(
            P_("heading_level must be 1 to {deepest}, not {level}").format(
                deepest=_DEEPEST, level=repr(heading_level)
            )
        )
    with use_locale(document_locale(obj, locale)):
        prepared = prepare(obj, audience, "to_html", "html")
        if isinstance(prepared, str):
            return prepared
        return _section(prepared, heading_level)


def notebook_html(obj: Any) -> str:
    """What a notebook shows for a document or a part of one: the most restricted view.

    Only what every reader may see (no staff-only field, no confidential details), with a
    one-line note saying how to see more with :func:`to_html`.
    """
    with use_locale(document_locale(obj)):
        shown, hide, is_document = visible_view(obj, None, "HTML")
        tree = outline(shown, document_title(shown), hide, is_document=is_document)
        note = f'<p class="coparent-note"><small>{_e(_(RESTRICTED_NOTE))}</small></p>\n'
        return _section(tree, _TOP_LEVEL, note)


_PAGE_STYLE = (
    # color-scheme: the browser's own light or dark canvas and text, as the system prefers.
    ":root{color-scheme:light dark}"
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse;margin:0.5rem 0 1rem}"
    "th,td{border:1px solid #888;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}"
    ".coparent-empty{font-style:italic}"
)


def html_page(
    obj: Any, *, audience: Any, lang: str | None = None, locale: str | None = None
) -> str:
    """A complete, standalone HTML page for a document (what :func:`to_html` gives, wrapped).

    The page's language is ``lang``, else the document's own language, else ``en-GB``.
    """
    body = to_html(obj, audience=audience, heading_level=1, locale=locale)
    language = lang or getattr(obj, "language", None) or "en-GB"
    with use_locale(document_locale(obj, locale)):
        title = document_title(obj)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(str(language))}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n<style>{_PAGE_STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
