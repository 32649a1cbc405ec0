"""coparent: a typed, validated model of parenting plans, referrals and contact reviews.

Build documents with the attrs classes (``ParentingPlan``, ``Referral``, ``Review``), load and
save them with ``from_json``/``to_json`` and ``load``/``dump``, and export their JSON Schema
with ``json_schema``. Modules with heavy dependencies (PDF, schema validation) load on first use,
so ``import coparent`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .convert import (
    DOCUMENT_TYPES,
    Document,
    dump,
    from_dict,
    from_json,
    load,
    to_dict,
    to_json,
)
from .errors import CoparentError, ErrorDetail, RenderError, ValidationError
from .model import (
    Address,
    Allocation,
    Child,
    ChildProtection,
    Choice,
    Communication,
    ContactCentreService,
    ContactDetails,
    ContactMethod,
    ContactType,
    CourtOrder,
    DecisionArea,
    DisputeStep,
    Education,
    Expense,
    ExpenseShare,
    FieldInfo,
    Handover,
    HandoverPlace,
    Health,
    Holiday,
    HolidayKind,
    LivingArrangements,
    Maintenance,
    Money,
    OneOffArrangement,
    ParentingPlan,
    ParentingProgramme,
    ParentRef,
    PatternName,
    PaymentFrequency,
    Person,
    PlanProgress,
    PlanReview,
    PlanStatus,
    Preparer,
    Professional,
    Programme,
    ProgrammeReason,
    ProtectiveOrder,
    ProtectiveOrderKind,
    Referral,
    Referrer,
    ReferrerKind,
    ReligionAndCulture,
    Residence,
    Review,
    ReviewKind,
    ReviewOutcome,
    RiskInformation,
    Role,
    Safety,
    SafetyConcern,
    SafetyCondition,
    SafetyConditionKind,
    Service,
    SessionRecord,
    SpecialDay,
    SpecialDayKind,
    StepStatus,
    Transition,
    TransitionStep,
    Weekday,
    WeeklySchedule,
    WeeklySlot,
    field_info,
    new_id,
    new_uuid,
)

# Imported eagerly (it is light): a lazy ``redact`` would be shadowed by the submodule of the
# same name as soon as ``coparent.redact`` is imported.
from .redact import Audience, AudienceKind, redact, withheld_values

__version__ = "0.1.0"

# Public names that live in modules loaded on first use: name -> module.
_LAZY: dict[str, str] = {
    "json_schema": "coparent.schema",
    "schema_validator": "coparent.schema",
    "validate": "coparent.schema",
    "CROSS_FIELD_RULES": "coparent.schema",
    "render_pdf": "coparent.render.pdf",
}

if TYPE_CHECKING:
    from .render.pdf import render_pdf
    from .schema import CROSS_FIELD_RULES, json_schema, schema_validator, validate


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coparent' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CROSS_FIELD_RULES",
    "DOCUMENT_TYPES",
    "Address",
    "Allocation",
    "Audience",
    "AudienceKind",
    "Child",
    "ChildProtection",
    "Choice",
    "Communication",
    "ContactCentreService",
    "ContactDetails",
    "ContactMethod",
    "ContactType",
    "CoparentError",
    "CourtOrder",
    "DecisionArea",
    "DisputeStep",
    "Document",
    "Education",
    "ErrorDetail",
    "Expense",
    "ExpenseShare",
    "FieldInfo",
    "Handover",
    "HandoverPlace",
    "Health",
    "Holiday",
    "HolidayKind",
    "LivingArrangements",
    "Maintenance",
    "Money",
    "OneOffArrangement",
    "ParentRef",
    "ParentingPlan",
    "ParentingProgramme",
    "PatternName",
    "PaymentFrequency",
    "Person",
    "PlanProgress",
    "PlanReview",
    "PlanStatus",
    "Preparer",
    "Professional",
    "Programme",
    "ProgrammeReason",
    "ProtectiveOrder",
    "ProtectiveOrderKind",
    "Referral",
    "Referrer",
    "ReferrerKind",
    "ReligionAndCulture",
    "RenderError",
    "Residence",
    "Review",
    "ReviewKind",
    "ReviewOutcome",
    "RiskInformation",
    "Role",
    "Safety",
    "SafetyConcern",
    "SafetyCondition",
    "SafetyConditionKind",
    "Service",
    "SessionRecord",
    "SpecialDay",
    "SpecialDayKind",
    "StepStatus",
    "Transition",
    "TransitionStep",
    "ValidationError",
    "Weekday",
    "WeeklySchedule",
    "WeeklySlot",
    "__version__",
    "dump",
    "field_info",
    "from_dict",
    "from_json",
    "json_schema",
    "load",
    "new_id",
    "new_uuid",
    "redact",
    "render_pdf",
    "schema_validator",
    "to_dict",
    "to_json",
    "validate",
    "withheld_values",
]
