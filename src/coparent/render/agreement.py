"""The agreement report: a diff or merge result as a PDF for a review meeting.

What both parents agree (section by section), and each point still open with every version side
by side and room to write the decision. The result is redacted for its audience first, by the
same :func:`coparent.redact` the documents use.
"""

from __future__ import annotations

from typing import Any

from .._tree import version_label
from ..differences import DETAILS_TITLE, DiffResult, SectionStatus, section_titles
from ..formatting import format_datetime
from ..i18n import N_, _
from ..merging import MergeResult
from ..model.introspect import spec_of
from ..redaction import Audience
from ._layout import Writer
from ._sections import Context, document_section, new_writer
from .diffs import conflict_texts, difference_texts

__all__ = ["agreement_report"]

#: Side-by-side tables hold short values only (an fpdf2 table row cannot split across pages).
SIDE_BY_SIDE_LIMIT = 400

PARENT_NOTE = N_(
    "This is a parent's copy: changes to the other party's contact details, safety concerns "
    "and risk information are for the facilitator and the court only and are not shown."
)


def hidden_by_section(
    original: DiffResult | MergeResult, visible: DiffResult | MergeResult
) -> dict[str, int]:
    """How many differences or open points redaction took out of each section (counts only)."""
    if isinstance(original, MergeResult) and isinstance(visible, MergeResult):
        before = [c.section for c in original.conflicts]
        after = [c.section for c in visible.conflicts]
    elif isinstance(original, DiffResult) and isinstance(visible, DiffResult):
        before = [d.section for d in original.differences]
        after = [d.section for d in visible.differences]
    else:
        raise TypeError("the original and the redacted result must be of the same kind")
    counts: dict[str, int] = {}
    for key in before:
        counts[key] = counts.get(key, 0) + 1
    for key in after:
        counts[key] -= 1
    return {k: n for k, n in counts.items() if n}


def _not_shown(n: int) -> str:
    return _("{count} not shown in this copy").format(count=n)


def _points(n: int, one: str, many: str) -> str:
    """``1 point ...`` or ``{n} points ...``, in the active locale."""
    return _(one) if n == 1 else _(many).format(count=n)


def agreement_report(
    result: DiffResult | MergeResult, audience: Audience, hidden: dict[str, int]
) -> Writer:
    """Lay out an already redacted diff or merge result.

    ``hidden`` counts, per section, the points redaction left out: the report says how many
    there are (never what they are), and never presents such a section as agreed.
    """
    if isinstance(result, MergeResult):
        return _merge(result, audience, hidden)
    return _diff(result, audience, hidden)


def _writer(kind: str, doc: Any, subtitle: str, audience: Audience) -> Writer:
    keywords = f"agreement report, {kind}" + (f", {doc.id}" if doc is not None else "")
    title = _("Agreement report")
    w = new_writer(doc, title, subtitle, keywords)
    ident = f"    {kind} {doc.id}" if doc is not None else f"    {kind}"
    reader = _("For: {reader}").format(reader=_(audience.label))
    w.set_running_text("", f"{title}{ident}    {reader}")
    w.add_page()
    w.big_title(title)
    w.paragraph(subtitle, bold=True, size=11)
    w.paragraph(reader, bold=True)
    if audience.is_parent:
        w.paragraph(_(PARENT_NOTE), grey=True, size=9)
    w.gap(2)
    return w


def _side_by_side(w: Writer, labels: list[str], texts: list[str]) -> None:
    """Each version's value: a table when short, else one after the other."""
    shown = [t if t.strip() else _("(empty)") for t in texts]
    if all(len(t) <= SIDE_BY_SIDE_LIMIT and t.count("\n") < 8 for t in shown):
        width = 174 // len(labels)
        w.table(labels, [shown], [width] * len(labels))
    else:
        for label, text in zip(labels, shown, strict=True):
            w.field(label, text, placeholder="")


def _decision(w: Writer, names: tuple[str, str]) -> None:
    w.paragraph(_("Decision"), bold=True, size=9)
    w.writing_space(3)
    w.paragraph(
        _("Initials:   {a} ________      {b} ________      Facilitator ________").format(
            a=names[0], b=names[1]
        ),
        size=8.5,
    )
    w.gap(3)


def _signatures(w: Writer, names: tuple[str, str]) -> None:
    w.heading(_("Signatures"), 0)
    w.paragraph(_("We agree to the decisions written in this report."))
    for name in names:
        w.signature_lines(name)
    w.signature_lines(_("Facilitator"))


def _diff(result: DiffResult, audience: Audience, hidden: dict[str, int]) -> Writer:
    kind = result.document_type.KIND
    names = (version_label(result.a_label), version_label(result.b_label))
    open_points = len(result.differences)
    w = _writer(kind, None, _("Comparing {a} and {b}").format(a=names[0], b=names[1]), audience)
    w.status_box(
        _points(open_points, N_("1 point to discuss"), N_("{count} points to discuss"))
        if open_points
        else _("The two versions say the same")
    )
    w.heading(_("1. Section by section"), 0)
    rows = []
    for s in result.sections:
        if hidden.get(s.key):
            status = (
                _("Differs ({count} shown, {hidden})") if s.differences else _("Differs ({hidden})")
            ).format(count=s.count, hidden=_not_shown(hidden[s.key]))
        elif s.status is SectionStatus.ONE_SIDED and s.filled_in_by is not None:
            who = names[0] if s.filled_in_by.value == "first" else names[1]
            status = f"{_(s.status_text)} ({who})"
        else:
            status = _(s.status_text)
        rows.append([_(s.title), status])
    w.table([_("Section"), _("Status")], rows, (100, 74))
    agreed = [_(s.title) for s in result.sections if s.status is SectionStatus.AGREED]
    w.heading(_("2. What both versions agree"), 0)
    w.paragraph(
        _("Both versions say the same in: {sections}.").format(sections="; ".join(agreed))
        if agreed
        else _("No section is the same in both versions yet."),
    )
    w.heading(_("3. Points to discuss"), 0)
    if not result.differences:
        w.paragraph(_("None."), grey=True)
    for s in result.sections:
        if not s.differences:
            continue
        w.heading(_(s.title), 1)
        for n, d in enumerate(s.differences, 1):
            w.need(40)  # the point's title, why it is open and the versions together
            w.paragraph(f"{n}. {d.label}", bold=True)
            w.paragraph(_(d.change.label), grey=True, size=8.5)
            _side_by_side(w, list(names), list(difference_texts(result, d)))
            _decision(w, names)
    _signatures(w, names)
    return w


def _merge(result: MergeResult, audience: Audience, hidden: dict[str, int]) -> Writer:
    doc = result.document
    cls = type(doc)
    ours, theirs = version_label(result.ours_label), version_label(result.theirs_label)
    names = (ours, theirs)
    if result.has_base:
        subtitle = _("{a} and {b}, each compared with the {base}").format(
            a=ours, b=theirs, base=version_label(result.base_label).lower()
        )
    else:
        subtitle = _("{a} and {b}").format(a=ours, b=theirs)
    w = _writer(cls.KIND, doc, subtitle, audience)
    n_open = len(result.conflicts) + sum(hidden.values())
    w.status_box(
        _points(n_open, N_("1 point still open"), N_("{count} points still open"))
        if n_open
        else _("Everything is agreed")
    )
    titles = {key: _(title) for key, title in section_titles(cls).items()}
    open_by_section: dict[str, int] = {}
    for c in result.conflicts:
        open_by_section[c.section] = open_by_section.get(c.section, 0) + 1
    for key, count in hidden.items():
        open_by_section[key] = open_by_section.get(key, 0) + count
    w.heading(_("1. Section by section"), 0)
    rows = []
    for key, title in titles.items():
        n = open_by_section.get(key, 0)
        status = _points(n, N_("1 point open"), N_("{count} points open")) if n else _("Agreed")
        if hidden.get(key):
            status += f" ({_not_shown(hidden[key])})"
        rows.append([title, status])
    w.table([_("Section"), _("Status")], rows, (100, 74))

    w.heading(_("2. What both parents agree"), 0)
    w.paragraph(
        _("The sections below have no open point: this is the merged text both versions lead to."),
        grey=True,
        size=9,
    )
    ctx = Context(doc, audience)
    doc_cls: Any = doc.__class__
    fields = spec_of(doc_cls).by_name
    for key, title in titles.items():
        if key == DETAILS_TITLE or key not in fields or open_by_section.get(key):
            continue
        # The merged document's own section, drawn as the document's PDF draws it.
        document_section(w, fields[key], getattr(doc, key), ctx, title)

    w.heading(_("3. Points still open"), 0)
    if not result.conflicts:
        w.paragraph(_("None."), grey=True)
    labels = ([version_label(result.base_label)] if result.has_base else []) + [ours, theirs]
    for key, title in titles.items():
        conflicts = [c for c in result.conflicts if c.section == key]
        if not conflicts:
            continue
        w.heading(title, 1)
        for n, c in enumerate(conflicts, 1):
            w.need(40)
            w.paragraph(f"{n}. {c.label}", bold=True)
            w.paragraph(
                _(c.kind.label) + (f": {c.message}" if c.message else ""), grey=True, size=8.5
            )
            base, ours, theirs = conflict_texts(result, c)
            texts = ([base] if result.has_base else []) + [ours, theirs]
            _side_by_side(w, labels, texts)
            _decision(w, names)
    if result.resolutions:
        w.heading(_("4. Decided at the meeting"), 0)
        for n, r in enumerate(result.resolutions, 1):
            w.paragraph(f"{n}. {r.label}", bold=True)
            w.paragraph(
                _("{choice}, by {who}, {when}").format(
                    choice=_(r.choice.label), who=r.by, when=format_datetime(r.at)
                ),
                size=9,
            )
    _signatures(w, names)
    return w
