"""coparent: a typed, validated model of parenting plans, referrals and contact reviews.

The top level holds the three documents, the verbs that work on them, ``Audience`` and the
errors. Sections, items and choices are in :mod:`coparent.model`; schema versions and
migrations in :mod:`coparent.versions`; Hypothesis strategies in :mod:`coparent.testing`.
Every name loads its module on first use, so ``import coparent`` costs almost nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0.dev0"

# Public names, each with the module that defines it (loaded on first use).
_LAZY: dict[str, str] = {
    # the documents
    "Document": "coparent.convert",
    "ParentRef": "coparent.model",
    "ParentingPlan": "coparent.model",
    "Referral": "coparent.model",
    "Review": "coparent.model",
    # JSON in and out, and the schemas
    "dump": "coparent.convert",
    "from_dict": "coparent.convert",
    "from_json": "coparent.convert",
    "load": "coparent.convert",
    "to_dict": "coparent.convert",
    "to_json": "coparent.convert",
    "to_json_bytes": "coparent.convert",
    "json_schema": "coparent.schema",
    "validate": "coparent.schema",
    "ui_schema": "coparent.uischema",
    # operations: each returns data
    "DiffResult": "coparent.differences",
    "apply_diff": "coparent.differences",
    "diff": "coparent.differences",
    "Conflict": "coparent.merging",
    "MergeResult": "coparent.merging",
    "Resolution": "coparent.merging",
    "ResolutionChoice": "coparent.merging",
    "merge": "coparent.merging",
    "ContactCalendar": "coparent.scheduling",
    "MonthGrid": "coparent.scheduling",
    "calendar": "coparent.scheduling",
    "month_grid": "coparent.scheduling",
    "Finding": "coparent.checks",
    "Severity": "coparent.checks",
    "check": "coparent.checks",
    "Audience": "coparent.redaction",
    "redact": "coparent.redaction",
    "ProgressSummary": "coparent.progress",
    "progress_summary": "coparent.progress",
    "quick_plan": "coparent.builders",
    "ReviewDue": "coparent.workflow",
    "apply_review": "coparent.workflow",
    "record_review": "coparent.workflow",
    "review_due": "coparent.workflow",
    "update_plan_from_review": "coparent.workflow",
    # outputs for people
    "render_pdf": "coparent.render.pdf",
    "to_html": "coparent.render.html",
    "to_text": "coparent.render.text",
    "to_ics": "coparent.render.ics",
    # errors
    "CoparentError": "coparent.errors",
    "DiffError": "coparent.errors",
    "ErrorDetail": "coparent.errors",
    "FieldRuleError": "coparent.errors",
    "FileRefusedError": "coparent.errors",
    "NoSuchConflictError": "coparent.errors",
    "RenderError": "coparent.errors",
    "UnresolvedConflictsError": "coparent.errors",
    "ValidationError": "coparent.errors",
    "WorkflowError": "coparent.errors",
}

#: The public submodules, importable as attributes (``coparent.model.Child``).
_SUBMODULES = frozenset(
    {
        "batch",
        "builders",
        "checks",
        "convert",
        "differences",
        "errors",
        "formatting",
        "merging",
        "migrations",
        "model",
        "progress",
        "redaction",
        "render",
        "scheduling",
        "schema",
        "testing",
        "uischema",
        "versions",
        "workflow",
    }
)

#: Names that left the top level in 0.2, and where they live now (CHANGELOG.md lists them).
_MOVED: dict[str, str] = {
    **dict.fromkeys(("CROSS_FIELD_RULES", "schema_validator"), "coparent.schema"),
    "DOCUMENT_TYPES": "coparent.convert",
    **dict.fromkeys(
        (
            "SchemaChange",
            "breaking_changes",
            "register_migration",
            "registered_migrations",
            "unmigrated_changes",
        ),
        "coparent.versions",
    ),
    **dict.fromkeys(
        (
            "CalendarEvent",
            "Clash",
            "ContactPeriod",
            "EventKind",
            "GridDay",
            "HandoverAt",
            "PeriodSource",
            "TimeShare",
            "Undecided",
            "next_weeks_text",
        ),
        "coparent.scheduling",
    ),
    **dict.fromkeys(
        ("ChangeKind", "Difference", "ListOrder", "SectionStatus", "SectionSummary", "Side"),
        "coparent.differences",
    ),
    "ConflictKind": "coparent.merging",
    **dict.fromkeys(
        ("FileResult", "RenderToFolder", "process_files", "run_file"), "coparent.batch"
    ),
    **dict.fromkeys(("AudienceKind", "withheld_values"), "coparent.redaction"),
    "HolidaySplit": "coparent.builders",
    "NoSuchConflict": "coparent.errors (as NoSuchConflictError)",
    "UnresolvedConflicts": "coparent.errors (as UnresolvedConflictsError)",
}

if TYPE_CHECKING:
    from .builders import quick_plan
    from .checks import Finding, Severity, check
    from .convert import (
        Document,
        dump,
        from_dict,
        from_json,
        load,
        to_dict,
        to_json,
        to_json_bytes,
    )
    from .differences import DiffResult, apply_diff, diff
    from .errors import (
        CoparentError,
        DiffError,
        ErrorDetail,
        FieldRuleError,
        FileRefusedError,
        NoSuchConflictError,
        RenderError,
        UnresolvedConflictsError,
        ValidationError,
        WorkflowError,
    )
    from .merging import Conflict, MergeResult, Resolution, ResolutionChoice, merge
    from .model import ParentingPlan, ParentRef, Referral, Review
    from .progress import ProgressSummary, progress_summary
    from .redaction import Audience, redact
    from .render.html import to_html
    from .render.ics import to_ics
    from .render.pdf import render_pdf
    from .render.text import to_text
    from .scheduling import ContactCalendar, MonthGrid, calendar, month_grid
    from .schema import json_schema, validate
    from .uischema import ui_schema
    from .workflow import (
        ReviewDue,
        apply_review,
        record_review,
        review_due,
        update_plan_from_review,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"coparent.{name}")
    elif name in _MOVED or name in _model_names():
        where = _MOVED.get(name, "coparent.model")
        raise AttributeError(f"coparent.{name} moved to {where} in coparent 0.2")
    else:
        raise AttributeError(f"module 'coparent' has no attribute {name!r}")
    globals()[name] = value
    return value


def _model_names() -> frozenset[str]:
    from . import model

    return frozenset(model.__all__)


def __dir__() -> list[str]:
    return sorted({*__all__, *_SUBMODULES})


__all__ = [
    "Audience",
    "Conflict",
    "ContactCalendar",
    "CoparentError",
    "DiffError",
    "DiffResult",
    "Document",
    "ErrorDetail",
    "FieldRuleError",
    "FileRefusedError",
    "Finding",
    "MergeResult",
    "MonthGrid",
    "NoSuchConflictError",
    "ParentRef",
    "ParentingPlan",
    "ProgressSummary",
    "Referral",
    "RenderError",
    "Resolution",
    "ResolutionChoice",
    "Review",
    "ReviewDue",
    "Severity",
    "UnresolvedConflictsError",
    "ValidationError",
    "WorkflowError",
    "__version__",
    "apply_diff",
    "apply_review",
    "calendar",
    "check",
    "diff",
    "dump",
    "from_dict",
    "from_json",
    "json_schema",
    "load",
    "merge",
    "month_grid",
    "progress_summary",
    "quick_plan",
    "record_review",
    "redact",
    "render_pdf",
    "review_due",
    "to_dict",
    "to_html",
    "to_ics",
    "to_json",
    "to_json_bytes",
    "to_text",
    "ui_schema",
    "update_plan_from_review",
    "validate",
]
