"""Diffs and merges as text and HTML for people (the data is in :mod:`coparent._diff` and
:mod:`coparent._merge`; the values were formatted there by :mod:`coparent.formatting`).

Redaction happens before these functions: :func:`coparent.to_text` and
:func:`coparent.to_html` redact a result for their audience and then call them.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..formatting import format_datetime

if TYPE_CHECKING:
    from .._diff import Difference, DiffResult
    from .._merge import Conflict, MergeResult

__all__ = ["diff_headline", "diff_html", "diff_text", "merge_headline", "merge_html", "merge_text"]


def _kind_name(cls: type[Any]) -> str:
    return str(cls.KIND).replace("_", " ")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def diff_headline(result: DiffResult) -> str:
    """One line: how many differences, in how many sections."""
    from .._diff import SectionStatus

    n = len(result.differences)
    differing = sum(1 for s in result.sections if s.status is not SectionStatus.AGREED)
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


def _value_text(d: Difference, side: str) -> str:
    from .. import _tree
    from .._diff import ChangeKind

    if side == "a":
        return _tree.ABSENT if d.change is ChangeKind.ADDED else d.a_text
    return _tree.ABSENT if d.change is ChangeKind.REMOVED else d.b_text


def diff_text(result: DiffResult) -> str:
    """A diff as plain text: a headline, each section's status, each difference side by side."""
    from .._diff import Side

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
            lines.append(f"      {result.a_label}: {_value_text(d, 'a')}")
            lines.append(f"      {result.b_label}: {_value_text(d, 'b')}")
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
                f"<tr><td>{e(d.label)}</td><td>{e(_value_text(d, 'a'))}</td>"
                f"<td>{e(_value_text(d, 'b'))}</td></tr>"
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


def merge_text(result: MergeResult) -> str:
    """A merge as plain text: the headline, each open conflict with every version, the
    resolutions so far."""
    from .._diff import DETAILS_TITLE

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
        if result.has_base:
            lines.append(f"      {result.base_label}: {c.base_text}")
        lines.append(f"      {result.ours_label}: {c.ours_text}")
        lines.append(f"      {result.theirs_label}: {c.theirs_text}")
    if result.resolutions:
        lines += ["", "Resolved"]
        for r in result.resolutions:
            lines.append(f"  - {r.label}: {r.choice.label}, by {r.by}, {format_datetime(r.at)}")
    return "\n".join(lines)


def merge_html(result: MergeResult) -> str:
    """A merge as an HTML fragment: a table of conflicts per section, then the resolutions."""
    from .._diff import DETAILS_TITLE

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
            if result.has_base:
                cells.append(c.base_text)
            cells += [c.ours_text, c.theirs_text]
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
