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
from ..i18n import N_, _, fit_words, ngettext, translate_path

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


def version_label(label: str) -> str:
    """A version's name as the reader sees it (:func:`coparent._tree.version_label`, imported
    when first used, as the rest of this module imports the operations)."""
    from .._tree import version_label as in_locale

    return in_locale(label)


def _kind_name(cls: type[Any]) -> str:
    return str(cls.KIND).replace("_", " ")


#: The first line of a diff, per document kind (a whole phrase each, so that a language can
#: decline the noun); a kind not listed here reads in English.
_COMPARING = {
    "parenting_plan": N_("Comparing two parenting plans: {a} and {b}"),
    "referral": N_("Comparing two referrals: {a} and {b}"),
    "review": N_("Comparing two reviews: {a} and {b}"),
}
#: The first line of a merge, per document kind.
_MERGE_OF = {
    "parenting_plan": N_(
        "Merge of two versions of a parenting plan: {ours} and {theirs} ({against})"
    ),
    "referral": N_("Merge of two versions of a referral: {ours} and {theirs} ({against})"),
    "review": N_("Merge of two versions of a review: {ours} and {theirs} ({against})"),
}


def _comparing(result: DiffResult) -> str:
    cls = result.document_type
    pattern = _COMPARING.get(str(cls.KIND))
    a, b = version_label(result.a_label), version_label(result.b_label)
    if pattern is None:
        return f"Comparing two {_kind_name(cls)}s: {a} and {b}"
    return fit_words(_(pattern), a=a, b=b)


def _merge_of(result: MergeResult) -> str:
    cls = type(result.document)
    against = (
        _("base: {label}").format(label=version_label(result.base_label))
        if result.has_base
        else _("no base")
    )
    pattern = _MERGE_OF.get(str(cls.KIND))
    if pattern is None:
        pattern = (
            f"Merge of two versions of a {_kind_name(cls)}: {{ours}} and {{theirs}} ({{against}})"
        )
    else:
        pattern = _(pattern)
    return fit_words(
        pattern,
        ours=version_label(result.ours_label),
        theirs=version_label(result.theirs_label),
        against=against,
    )


def _status_text(s: Any) -> str:
    """A section's status ('Agreed', 'Differs (3 fields)') in the active locale."""
    from ..differences import SectionStatus

    label = _(s.status.label)
    if s.status is SectionStatus.DIFFERS and not s.differences:
        return _("{status} (withheld from this copy)").format(status=label)
    if s.status is SectionStatus.DIFFERS:
        return ngettext("{status} ({count} field)", "{status} ({count} fields)", s.count).format(
            status=label, count=s.count
        )
    return label


def diff_headline(result: DiffResult) -> str:
    """One line: how many differences, in how many sections."""
    from ..differences import SectionStatus

    n = len(result.differences)
    differing = sum(1 for s in result.sections if s.status is not SectionStatus.AGREED)
    total = len(result.sections)
    if not n and differing:
        return _("Differences in {differing} of {total} sections, withheld from this copy.").format(
            differing=differing, total=total
        )
    if not n:
        return _("No differences: every section is agreed.")
    return ngettext(
        "{count} difference in {differing} of {total} sections.",
        "{count} differences in {differing} of {total} sections.",
        n,
    ).format(count=n, differing=differing, total=total)


def _order_note(result: DiffResult) -> str:
    n = sum(1 for o in result.orders if o.moved)
    if not n:
        return ""
    return ngettext(
        "{count} list is in a different order; the order of items is not a difference.",
        "{count} lists are in a different order; the order of items is not a difference.",
        n,
    ).format(count=n)


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
    absent = _(_tree.ABSENT)
    a = absent if d.change is ChangeKind.ADDED else value_text(cls, d.keys, d.a, d.a_text)
    b = absent if d.change is ChangeKind.REMOVED else value_text(cls, d.keys, d.b, d.b_text)
    return a, b


def _value_text(d: Difference, side: str, result: DiffResult) -> str:
    return difference_texts(result, d)[0 if side == "a" else 1]


def diff_text(result: DiffResult) -> str:
    """A diff as plain text: a headline, each section's status, each difference side by side."""
    from ..differences import Side

    lines = [
        _comparing(result),
        diff_headline(result),
        "",
    ]
    for s in result.sections:
        lines.append(f"{_(s.title)}: {_status_text(s)}")
        if s.filled_in_by is not None:
            who = (
                version_label(result.a_label)
                if s.filled_in_by is Side.FIRST
                else version_label(result.b_label)
            )
            lines.append("  " + _("(filled in only in {who})").format(who=who))
        for d in s.differences:
            lines.append(f"  - {translate_path(d.label)}")
            lines.append(f"      {version_label(result.a_label)}: {_value_text(d, 'a', result)}")
            lines.append(f"      {version_label(result.b_label)}: {_value_text(d, 'b', result)}")
    note = _order_note(result)
    if note:
        lines += ["", note]
    return "\n".join(lines)


def diff_html(result: DiffResult) -> str:
    """A diff as an HTML fragment: a table of sections, then one table per differing section."""
    e = html.escape
    parts = [
        '<div class="coparent-diff">',
        f"<p><strong>{e(_comparing(result))}</strong><br>{e(diff_headline(result))}</p>",
        "<table><caption>" + e(_("Sections")) + "</caption>",
        '<thead><tr><th scope="col">' + e(_("Section")) + "</th>"
        '<th scope="col">' + e(_("Status")) + "</th></tr></thead><tbody>",
    ]
    for s in result.sections:
        parts.append(f"<tr><td>{e(_(s.title))}</td><td>{e(_status_text(s))}</td></tr>")
    parts.append("</tbody></table>")
    for s in result.sections:
        if not s.differences:
            continue
        parts.append(f"<table><caption>{e(_(s.title))}: {e(_status_text(s))}</caption>")
        parts.append(
            '<thead><tr><th scope="col">' + e(_("Field")) + "</th>"
            f'<th scope="col">{e(version_label(result.a_label))}</th>'
            f'<th scope="col">{e(version_label(result.b_label))}</th></tr></thead><tbody>'
        )
        for d in s.differences:
            parts.append(
                f"<tr><td>{e(translate_path(d.label))}</td>"
                f"<td>{e(_value_text(d, 'a', result))}</td>"
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
    if not n and done:
        return ngettext(
            "Merged: no conflicts left ({count} conflict resolved).",
            "Merged: no conflicts left ({count} conflicts resolved).",
            done,
        ).format(count=done)
    if not n:
        return _("Merged: no conflicts left.")
    if done:
        return ngettext(
            "{count} conflict to resolve, {done} resolved.",
            "{count} conflicts to resolve, {done} resolved.",
            n,
        ).format(count=n, done=done)
    return ngettext("{count} conflict to resolve.", "{count} conflicts to resolve.", n).format(
        count=n
    )


def _why(c: Conflict) -> str:
    if not c.message:
        return _(c.kind.label)
    return _("{why}: {message}").format(why=_(c.kind.label), message=_(c.message))


def conflict_texts(result: MergeResult, c: Conflict) -> tuple[str, str, str]:
    """The base, ours and theirs values of a conflict as the value formatter reads them."""
    from .. import _tree

    cls = type(result.document)

    def one(value: Any, fallback: str) -> str:
        if c.is_item and value is None:
            return _(_tree.ABSENT)
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

    lines = [
        _merge_of(result),
        merge_headline(result),
    ]
    section = None
    for c in result.conflicts:
        if c.section != section:
            section = c.section
            lines += ["", _(c.section_title or DETAILS_TITLE)]
        lines.append(f"  - {translate_path(c.label)} [{c.path}]")
        lines.append(f"      {_why(c)}")
        base, ours, theirs = conflict_texts(result, c)
        if result.has_base:
            lines.append(f"      {version_label(result.base_label)}: {base}")
        lines.append(f"      {version_label(result.ours_label)}: {ours}")
        lines.append(f"      {version_label(result.theirs_label)}: {theirs}")
    if result.resolutions:
        lines += ["", _("Resolved")]
        for r in result.resolutions:
            done = _("{label}: {choice}, by {who}, {when}").format(
                label=translate_path(r.label),
                choice=_(r.choice.label),
                who=r.by,
                when=format_datetime(r.at),
            )
            lines.append(f"  - {done}")
    return "\n".join(lines)


def merge_html(result: MergeResult) -> str:
    """A merge as an HTML fragment: a table of conflicts per section, then the resolutions."""
    from ..differences import DETAILS_TITLE

    e = html.escape
    parts = ['<div class="coparent-merge">', f"<p><strong>{e(merge_headline(result))}</strong></p>"]
    by_section: dict[str, list[Conflict]] = defaultdict(list)
    for c in result.conflicts:
        by_section[_(c.section_title or DETAILS_TITLE)].append(c)
    for title, conflicts in by_section.items():
        caption = _("Conflicts: {title}").format(title=title)
        parts.append(f"<table><caption>{e(caption)}</caption><thead><tr>")
        heads = [_("Field"), _("Why")]
        if result.has_base:
            heads.append(version_label(result.base_label))
        heads += [version_label(result.ours_label), version_label(result.theirs_label)]
        parts.append("".join(f'<th scope="col">{e(h)}</th>' for h in heads) + "</tr></thead>")
        parts.append("<tbody>")
        for c in conflicts:
            cells = [translate_path(c.label), _why(c)]
            base, ours, theirs = conflict_texts(result, c)
            if result.has_base:
                cells.append(base)
            cells += [ours, theirs]
            parts.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        parts.append("</tbody></table>")
    if result.resolutions:
        parts.append("<table><caption>" + e(_("Resolved")) + "</caption><thead><tr>")
        columns = (_("Field"), _("Choice"), _("By"), _("When"))
        parts.append(
            "".join(f'<th scope="col">{e(h)}</th>' for h in columns) + "</tr></thead><tbody>"
        )
        for r in result.resolutions:
            cells = [translate_path(r.label), _(r.choice.label), r.by, format_datetime(r.at)]
            parts.append("<tr>" + "".join(f"<td>{e(x)}</td>" for x in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</div>")
    return "\n".join(parts)
