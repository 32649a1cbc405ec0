"""PDF rendering of parenting plans, referrals and reviews, for one audience at a time.

:func:`render_pdf` redacts the document for its audience first (:func:`coparent.redact`), then
lays it out from the spec tree: the document's short answers first, then each section, list and
long answer in the model's order, numbered. Every label comes from the field metadata and every
value from :mod:`coparent.formatting`, so a value reads as it does in the HTML, the text form
and a diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CoparentError, RenderError
from ..i18n import N_, P_, _, document_locale, use_locale
from ..model._base import ParentRef
from ..model.introspect import FieldSpec, Kind, spec_of
from ..model.plan import ParentingPlan, PlanStatus
from ..model.referral import Referral
from ..model.review import Review
from ..redaction import Audience, redact
from ._layout import Writer, writers_closed
from ._sections import NOT_GIVEN, Context, document_section, new_writer, version_text

if TYPE_CHECKING:
    from ..differences import DiffResult
    from ..merging import MergeResult
    from ..progress import ProgressSummary

__all__ = ["render_pdf"]

_STATUS_MARK = {
    PlanStatus.DRAFT: N_("DRAFT: not agreed"),
    PlanStatus.PROPOSED: N_("PROPOSED: not yet agreed by both parents"),
    PlanStatus.AGREED: "",
}
_STATUS_BOX = {
    PlanStatus.DRAFT: N_("DRAFT: this plan has not been agreed"),
    PlanStatus.PROPOSED: N_("PROPOSED: waiting for both parents to agree"),
    PlanStatus.AGREED: N_("AGREED by both parents"),
}
#: Each document's name on its first page and in its footer.
_NAMES: dict[type[Any], tuple[str, str]] = {
    ParentingPlan: (N_("Parenting plan"), N_("Plan")),
    Referral: (N_("Referral"), N_("Referral")),
    Review: (N_("Review record"), N_("Review")),
}


def render_pdf(
    doc: ParentingPlan | Referral | Review | DiffResult | MergeResult | ProgressSummary,
    path: str | os.PathLike[str] | None = None,
    *,
    audience: Audience,
    calendar_from: date | None = None,
    months: int = 3,
    locale: str | None = None,
) -> bytes:
    """Render ``doc`` as a PDF for ``audience``; return the bytes, and write them to ``path``.

    ``doc`` is a plan, referral or review, or a :func:`coparent.diff` or :func:`coparent.merge`
    result, which gives the agreement report (what is agreed, and each open point side by side
    with room to write the decision), or a :func:`coparent.progress_summary`, which gives the
    Cafcass-style Progress Summary a family can attach to a court application.

    ``audience`` has no default on purpose: forgetting it must not silently produce the full,
    unredacted document. The same document and audience always give the same bytes (the
    creation date is the document's ``updated_at``). Writing to ``path`` is atomic.

    A plan's month calendar shows ``months`` months from ``calendar_from`` (default: the month
    the plan was last changed, else the month its weekly pattern starts), never from today, so
    the output does not depend on when it is rendered.
    Raises :class:`coparent.RenderError` if the document cannot be rendered, or would need
    more than :data:`coparent.render._layout.MAX_PAGES` pages (1,000: rendering costs time in
    proportion to the pages, so a huge document is refused early rather than taking minutes).
    ``path`` must be a regular file or a new path: a device, FIFO, folder or symbolic link is
    refused with :class:`coparent.errors.FileRefusedError` (see :func:`coparent.convert.dump`).

    coparent's own words (headings, labels, choices, dates) are in ``locale``: by default the
    document's ``language`` (``cy-GB`` gives Welsh), English for a language without a
    catalogue (see :mod:`coparent.i18n`). What people wrote is never translated.
    """
    if not isinstance(audience, Audience):
        raise RenderError(
            N_("audience must be a coparent.Audience, e.g. Audience.parent(ParentRef.A)")
        )
    if isinstance(doc, ParentingPlan | Referral | Review):
        visible: Any = redact(doc, audience)  # (diff, merge and progress are not imported)
    else:
        from ..differences import DiffResult
        from ..merging import MergeResult
        from ..progress import ProgressSummary

        if not isinstance(doc, DiffResult | MergeResult | ProgressSummary):
            raise RenderError(
                P_(
                    "cannot render a {type} as a PDF: expected a ParentingPlan, Referral, Review, "
                    "a diff or merge result (the agreement report), or a progress summary"
                ).format(type=type(doc).__name__)
            )
        visible = doc if isinstance(doc, ProgressSummary) else redact(doc, audience)
    with use_locale(document_locale(doc, locale)):
        data = _render(doc, visible, audience, calendar_from, months)
    if path is not None:
        from .._files import write_atomic

        write_atomic(Path(path), data)
    return data


def _render(
    doc: Any, visible: Any, audience: Audience, calendar_from: date | None, months: int
) -> bytes:
    try:
        with writers_closed():
            if isinstance(visible, ParentingPlan | Referral | Review):
                writer = _document(
                    visible,
                    Context(
                        visible,
                        audience,
                        calendar_from=calendar_from,
                        months=months if isinstance(visible, ParentingPlan) else 0,
                    ),
                )
            else:
                writer = _report(doc, visible, audience)
            data = writer.output()
    except CoparentError:
        raise
    except Exception as e:  # fpdf2 and fontTools raise many kinds; never leak their traceback
        raise RenderError(
            P_(
                "could not lay out the {what} as a PDF ({error}); please report this with the "
                "document's id"
            ).format(what=getattr(doc, "KIND", N_("agreement report")), error=type(e).__name__)
        ) from e
    return data


def _report(doc: Any, visible: Any, audience: Audience) -> Writer:
    """The agreement report of a diff or merge, or a progress summary."""
    from ..progress import ProgressSummary

    if isinstance(visible, ProgressSummary):
        from .progress_summary import progress_summary_writer

        return progress_summary_writer(visible, audience)
    from .agreement import agreement_report, hidden_by_section

    return agreement_report(visible, audience, hidden_by_section(doc, visible))


def _is_detail(f: FieldSpec) -> bool:
    """A short top-level answer, listed at the start of the document."""
    return f.kind.is_scalar and not f.info.long_text and not f.info.names_item


def _document(doc: Any, ctx: Context) -> Writer:
    """A plan, referral or review: title, status, short answers, then numbered sections."""
    spec = spec_of(doc.__class__)
    name, short = (_(n) for n in _NAMES[type(doc)])
    title = name
    if spec.name_template is not None:
        title = next((str(getattr(doc, f.name)) for f in spec.fields if f.info.names_item), name)
    w = new_writer(doc, title or name, name, f"{spec.kind}, {doc.id}")
    mark = _(_STATUS_MARK[doc.status]) if isinstance(doc, ParentingPlan) else ""
    version = _("Version: last changed {when}").format(when=version_text(doc))
    reader = _("For: {reader}").format(reader=_(ctx.audience.label))
    footer = f"{short} {doc.id}    {version}    {reader}"
    w.set_running_text(mark, footer)
    w.add_page()
    w.big_title(title or name)
    if isinstance(doc, ParentingPlan):
        w.status_box(_(_STATUS_BOX[doc.status]))
    w.paragraph(reader, bold=True)
    w.gap(3)
    for f in spec.fields:
        if _is_detail(f) and f.kind is not Kind.ID:
            w.field(_(f.title), ctx.text(f, getattr(doc, f.name)), placeholder=_(NOT_GIVEN))
    number = 0
    for f in spec.fields:
        if _is_detail(f) or f.info.names_item:
            continue
        number += 1
        document_section(w, f, getattr(doc, f.name), ctx, f"{number}. {_(f.title)}")
    if not ctx.audience.is_parent:
        from ._common import THINGS_TO_CHECK, finding_lines

        lines = finding_lines(doc)
        if lines:
            w.heading(_(THINGS_TO_CHECK), 0)
            for severity, text in lines:
                w.field(severity, text, placeholder="")
    if isinstance(doc, ParentingPlan):
        w.heading(_("Signatures"), 0)
        w.paragraph(_("We agree to this plan."))
        for ref in ParentRef:
            w.signature_lines(f"{doc.parent(ref).name} ({_(ref.label).lower()})")
    return w
