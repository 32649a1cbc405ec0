"""Diffs and merges as text and HTML for people (the data is in :mod:`coparent.differences` and
:mod:`coparent.merging`; the values were formatted there by :mod:`coparent.formatting`).

Redaction happens before these functions: :func:`coparent.to_text` and
:func:`coparent.to_html` redact a result for their audience and then call them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..formatting import format_datetime, format_field, summary

if TYPE_CHECKING:
    from ..differences import Difference, DiffResult
    from ..merging import Conflict, MergeResult

__all__ = [
    "conflict_texts",
    "diff_headline",
    "diff_html",
    "diff_text",
    "difference_texts",
    "merge_headline",
    "merge_html",
    "merge_text",
    "value_text",
]


def _kind_name(cls: type[Any]) -> str:
    return str(cls.KIND).replace("_", " ")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def diff_headline(result: DiffResult) -> str:
    """One line: how many differences, in how many sections."""
    from ..differences import SectionStatus

    n = len(result.differences)
    differing = sum(1 for s in result.sections if s.status is not SectionStatus.AGREED)
    if not n and differing:
        of = f"{differing} of {len(result.sections)} sections"
        return f"Differences in {of}, withheld from this copy."
    if not n:
        return "No differences: every section is agreed."
    return f"{_plural(n, 'difference')} in {differing} of {len(result.sections)} sections."


def _order_note(result: DiffResult) -> str:
    n = sum(1 for o in result.orders if o.moved)
    if not n:
        return ""
    return (
        f"{n} list{'s are' if n != 1 else ' is'} in a different order; the order of items is "
        "not a difference."
    )


def value_text(cls: type[Any], keys: tuple[str, ...], value: Any, fallback: str) -> str:
    """The JSON ``value`` at ``keys`` (field names and item ids) in a ``cls`` document, as the
    value formatter reads it; ``fallback`` where the spec tree cannot say what it is."""
    from .. import _tree

    at = _tree.field_at(cls, keys)
    if at is None:
        return fallback
    field, whole_item = at
    if whole_item:
        return summary(field.cls, value) if isinstance(value, dict) else fallback
    return format_field(field, value)


def difference_texts(result: DiffResult, d: Difference) -> tuple[str, str]:
    """Both versions' values of a difference as the value formatter reads them."""
    from .. import _tree
    from ..differences import ChangeKind

    cls = result.document_type
    a = _tree.ABSENT if d.change is ChangeKind.ADDED else value_text(cls, d.keys, d.a, d.a_text)
    b = _tree.ABSENT if d.change is ChangeKind.REMOVED else value_text(cls, d.keys, d.b, d.b_text)
    return a, b


def _value_text(d: Difference, side: str, result: DiffResult) -> str:
    return difference_texts(result, d)[0 if side == "a" else 1]


def diff_text(result: DiffResult) -> str:
    """A diff as plain text: a headline, each section's status, each difference side by side."""
    from ..differences import Side

    lines = [
        f"Comparing two {_kind_name(result.document_type)}s: {result.a_label} and {result.b_label}",
        diff_headline(result),
        "",
    ]
    for s in result.sections:
        lines.append(f"{s.title}: {s.status_text}")
        if s.filled_in_by is not None:
            who = result.a_label if s.filled_in_by is Side.FIRST else result.b_label
            lines.append(f"  (filled in only in {who})")
        for d in s.differences:
            lines.append(f"  - {d.label}")
            lines.append(f"      {result.a_label}: {_value_text(d, 'a', result)}")
            lines.append(f"      {result.b_label}: {_value_text(d, 'b', result)}")
    note = _order_note(result)
    if note:
        lines += ["", note]
    return "\n".join(lines)


def diff_html(result: DiffResult) -> str:
    """A diff as an HTML fragment: a table of sections, then one table per differing section."""
    e = html.escape
    parts = [
        '<div class="coparent-diff">',
        f"<p><strong>Comparing two {e(_kind_name(result.document_type))}s: "
        f"{e(result.a_label)} and {e(result.b_label)}</strong><br>{e(diff_headline(result))}</p>",
        "<table><caption>Sections</caption>",
        '<thead><tr><th scope="col">Section</th><th scope="col">Status</th></tr></thead><tbody>',
    ]
    for s in result.sections:
        parts.append(f"<tr><td>{e(s.title)}</td><td>{e(s.status_text)}</td></tr>")
    parts.append("</tbody></table>")
    for s in result.sections:
        if not s.differences:
            continue
        parts.append(f"<table><caption>{e(s.title)}: {e(s.status_text)}</caption>")
        parts.append(
            f'<thead><tr><th scope="col">Field</th><th scope="col">{e(result.a_label)}</th>'
            f'<th scope="col">{e(result.b_label)}</th></tr></thead><tbody>'
        )
        for d in s.differences:
            parts.append(
                f"<tr><td>{e(d.label)}</td><td>{e(_value_text(d, 'a', result))}</td>"
                f"<td>{e(_value_text(d, 'b', result))}</td></tr>"
            )
        parts.append("</tbody></table>")
    note = _order_note(result)
    if note:
        parts.append(f"<p>{e(note)}</p>")
    parts.append("</div>")
    return "\n".join(parts)


def merge_headline(result: MergeResult) -> str:
    """One line: how many conflicts are left, and how many are resolved."""
    n = len(result.conflicts)
    done = len(result.resolutions)
    if not n:
        tail = f" ({_plural(done, 'conflict')} resolved)" if done else ""
        return f"Merged: no conflicts left{tail}."
    return f"{_plural(n, 'conflict')} to resolve" + (f", {done} resolved" if done else "") + "."


def _why(c: Conflict) -> str:
    return c.kind.label + (f": {c.message}" if c.message else "")


def conflict_texts(result: MergeResult, c: Conflict) -> tuple[str, str, str]:
    """The base, ours and theirs values of a conflict as the value formatter reads them."""
    from .. import _tree

    cls = type(result.document)

    def one(value: Any, fallback: str) -> str:
        if c.is_item and value is None:
            return _tree.ABSENT
        return value_text(cls, c.keys, value, fallback)

    return (
        one(c.base, c.base_text),
        one(c.ours, c.ours_text),
        one(c.theirs, c.theirs_text),
    )


def merge_text(result: MergeResult) -> str:
    """A merge as plain text: the headline, each open conflict with every version, the
    resolutions so far."""
    from ..differences import DETAILS_TITLE

    against = f"base: {result.base_label}" if result.has_base else "no base"
    lines = [
        f"Merge of two versions of a {_kind_name(type(result.document))}: {result.ours_label} "
        f"and {result.theirs_label} ({against})",
        merge_headline(result),
    ]
    section = None
    for c in result.conflicts:
        if c.section != section:
            section = c.section
            lines += ["", c.section_title or DETAILS_TITLE]
        lines.append(f"  - {c.label} [{c.path}]")
        lines.append(f"      {_why(c)}")
        base, ours, theirs = conflict_texts(result, c)
        if result.has_base:
            lines.append(f"      {result.base_label}: {base}")
        lines.append(f"      {result.ours_label}: {ours}")
        lines.append(f"      {result.theirs_label}: {theirs}")
    if result.resolutions:
        lines += ["", "Resolved"]
        for r in result.resolutions:
            lines.append(f"  - {r.label}: {r.choice.label}, by {r.by}, {format_datetime(r.at)}")
    return "\n".join(lines)


def merge_html(result: MergeResult) -> str:
    """A merge as an HTML fragment: a table of conflicts per section, then the resolutions."""
    from ..differences import DETAILS_TITLE

    e = html.escape
    parts = ['<div class="coparent-merge">', f"<p><strong>{e(merge_headline(result))}</strong></p>"]
    by_section: dict[str, list[Conflict]] = defaultdict(list)
    for c in result.conflicts:
        by_section[c.section_title or DETAILS_TITLE].append(c)
    for title, conflicts in by_section.items():
        parts.append(f"<table><caption>Conflicts: {e(title)}</caption><thead><tr>")
        heads = ["Field", "Why"]
        if result.has_base:
            heads.append(result.base_label)
        heads += [result.ours_label, result.theirs_label]
        parts.append("".join(f'<th scope="col">{e(h)}</th>' for h in heads) + "</tr></thead>")
        parts.append("<tbody>")
        for c in conflicts:
            cells = [c.label, _why(c)]
            base, ours, theirs = conflict_texts(result, c)
            if result.has_base:
                cells.append(base)
            cells += [ours, theirs]
            parts.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        parts.append("</tbody></table>")
    if result.resolutions:
        parts.append("<table><caption>Resolved</caption><thead><tr>")
        parts.append(
            "".join(f'<th scope="col">{h}</th>' for h in ("Field", "Choice", "By", "When"))
            + "</tr></thead><tbody>"
        )
        for r in result.resolutions:
            cells = [r.label, r.choice.label, r.by, format_datetime(r.at)]
            parts.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "\n".join(parts)
