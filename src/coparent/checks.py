"""Safety and consistency findings: what a facilitator should look at before a plan is used.

:func:`check` is not validation. A document with findings is still a valid document: the
findings are for a person to weigh, and each says why it matters and which protocol or piece of
practice stands behind it (``source``; the keys are those of docs/privacy.md's source list).
Rules that look at two documents (a plan beside its referral) run when both are given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from .i18n import DEFAULT_LOCALE, N_, P_, _, active_locale, translate, use_locale
from .model import (
    Arrangement,
    Child,
    ContactMethod,
    ContactType,
    CourtOrder,
    DisputeStep,
    Expense,
    ExpenseShare,
    OrderKind,
    OrderStage,
    ParentingPlan,
    PlanBasis,
    ProtectiveOrderKind,
    Referral,
    Review,
    ReviewOutcome,
    StepStatus,
)
from .model._base import Choice
from .model.introspect import Kind, path_of, spec_of

__all__ = ["Finding", "Severity", "check"]

T = TypeVar("T")

#: Sources behind the rules (docs/privacy.md lists them in full).
S_PROTOCOL = N_(
    "Family-law protocol on child contact centres and the revised judicial protocol for "
    "referrals (PRACTICE.md [S12], [S13]): where there is domestic abuse, supervised contact will "
    "generally be necessary; supported centres are not for cases with risk."
)
S_MEDIATION = N_(
    "Family Procedure Rules PD 3A (MIAM exemptions for domestic abuse) and the Cafcass Parenting "
    "Plan booklet on safety ([S1], [S19]): mediation and talking it through between the parents "
    "are not suitable where there is domestic abuse."
)
S_PLAN_SAFETY = N_(
    "Cafcass Parenting Plan booklet, 'thinking about safety' ([S1]): a plan made by parents "
    "alone is not suitable where there are safety concerns such as domestic abuse."
)
S_ORDER = N_(
    "Family Law Act 1996 s42 (non-molestation orders) and the contact-centre referral "
    "protocol ([S13]): direct contact that an order forbids must not be planned."
)
S_COURT_ORDER = N_(
    "Child arrangements orders and their enforcement, Children Act 1989 ss 11A-11P ([S16], "
    "[S17]); structured plans record whether a plan is agreed, temporary or final ([S19]): an "
    "agreement between the parents does not change a court order, which binds them until the "
    "court varies it, so a plan should name the order it rests on as the court made it."
)
S_MODEL = N_("coparent's model: the document refers to or says something that cannot all be true.")
S_WITHHELD = N_(
    "coparent's privacy rules (docs/privacy.md, 'Marking more'): a parent's copy leaves out each "
    "path staff mark as withheld, with what holds it when it cannot be left out on its own."
)


class Severity(Choice):
    """How urgently a finding needs a person's attention."""

    NOTE = "note", "Note"
    WARNING = "warning", "Warning"
    SERIOUS = "serious", "Serious: check before the plan or referral is used"


class _Words(str):
    """A value of a finding that is itself one of the catalogue's messages."""

    __slots__ = ()


class _Lower(str):
    """A title inside a finding's sentence: translated, then in lower case."""

    __slots__ = ()


_SUPPORTED_WITH_ABUSE = N_(
    "Supported contact is asked for or arranged, but domestic abuse has been disclosed: "
    "supervised contact is generally necessary."
)
_SUPPORTED_WITH_ABUSE_AND_ORDER = N_(
    "Supported contact is asked for or arranged, but domestic abuse has been disclosed and a "
    "non-molestation order is in force: supervised contact is generally necessary."
)
#: A problem :meth:`coparent.Referral.problems` reports, in the case record's words.
_RECORD_INCONSISTENT = N_("The case record's {field} {problem}.")


def _words(value: object) -> str:
    """A value of a finding's message in the active locale: a choice's label in lower case,
    a list of them joined with commas, anything else as it is."""
    if isinstance(value, Choice):
        return _(value.label).lower()
    if isinstance(value, _Lower):
        return _(value).lower()
    if isinstance(value, _Words):
        return _(value)
    if isinstance(value, tuple):
        return ", ".join(_words(v) for v in value)
    return str(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a facilitator should look at: where (JSON pointers), why, and on what basis.

    ``message`` and ``source`` are English; :meth:`text` and :meth:`source_text` give them in
    a reader's language (the staff copies' "Things to check" use them).
    """

    code: str
    severity: Severity
    paths: tuple[str, ...]
    message: str
    source: str
    #: The catalogue's template ``message`` was made from, and its values (choices are
    #: translated when the message is): how :meth:`text` writes it in another language.
    template: str = attrs.field(default="", eq=False, repr=False)
    values: Mapping[str, object] = attrs.field(factory=dict, eq=False, repr=False)

    def __str__(self) -> str:
        return f"{self.severity.label}: {self.message} ({', '.join(self.paths)})"

    def text(self, locale: str | None = None) -> str:
        """``message`` in ``locale`` (default: the active locale, see :mod:`coparent.i18n`)."""
        if locale is not None:
            with use_locale(locale):
                return self.text()
        if not self.template or active_locale() == DEFAULT_LOCALE:
            return _(self.message)
        return _(self.template).format(**{k: _words(v) for k, v in self.values.items()})

    def source_text(self, locale: str | None = None) -> str:
        """``source`` in ``locale`` (default: the active locale)."""
        return translate(self.source, locale)


def _finding(
    code: str,
    severity: Severity,
    paths: tuple[str, ...],
    source: str,
    template: str,
    **values: object,
) -> Finding:
    """A :class:`Finding` whose English message is ``template`` filled with ``values``."""
    with use_locale(None):
        message = template.format(**{k: _words(v) for k, v in values.items()})
    return Finding(
        code=code,
        severity=severity,
        paths=paths,
        message=message,
        source=source,
        template=template,
        values=values,
    )


def _at(cls: type[T], accessor: Callable[[T], object], prefix: str = "") -> str:
    return prefix + path_of(cls, accessor)


_DIRECT_METHODS = frozenset(
    {
        ContactMethod.FACE_TO_FACE,
        ContactMethod.PHONE,
        ContactMethod.TEXT,
        ContactMethod.EMAIL,
        ContactMethod.VIDEO,
        ContactMethod.APP,
    }
)
_UNSAFE_WITH_ABUSE = frozenset({DisputeStep.TALK, DisputeStep.MEDIATION})


def _abuse_in_referral(referral: Referral) -> bool:
    risk = referral.risk
    return bool(risk.domestic_abuse_disclosed) or any(
        o.kind is ProtectiveOrderKind.NON_MOLESTATION for o in risk.protective_orders
    )


def _non_molestation(referral: Referral) -> list[int]:
    return [
        i
        for i, o in enumerate(referral.risk.protective_orders)
        if o.kind is ProtectiveOrderKind.NON_MOLESTATION
    ]


#: Review outcomes by which staff decided to move a family to supported contact.
_TO_SUPPORTED = frozenset({ReviewOutcome.SUPERVISED_TO_SUPPORTED, ReviewOutcome.STEP_DOWN})


def _supported_at(referral: Referral, prefix: str) -> list[str]:
    """Where the referral asks for, or arranges, supported contact: the service asked for
    and the current arrangement (v2: ``arrangements``, the latest in force), unless a review
    held on or before it started decided the move (the facilitator's decision, on record)."""
    paths = []
    if getattr(referral.service, "contact_type", None) is ContactType.SUPPORTED:
        paths.append(_at(Referral, lambda r: r.service, prefix))
    current = referral.current_arrangement
    decided = current is not None and any(
        r.outcome in _TO_SUPPORTED and r.held_on <= current.effective_from for r in referral.reviews
    )
    if current is not None and current.service is ContactType.SUPPORTED and not decided:
        i = referral.arrangements.index(current)
        at = f"{_at(Referral, lambda r: r.arrangements, prefix)}/{i}"
        paths.append(_at(Arrangement, lambda a: a.service, at))
    return paths


def _referral_findings(referral: Referral, prefix: str = "") -> Iterator[Finding]:
    orders = _non_molestation(referral)
    supported = _supported_at(referral, prefix)
    if supported and _abuse_in_referral(referral):
        paths = [
            *supported,
            _at(Referral, lambda r: r.risk.domestic_abuse_disclosed, prefix),
            *(f"{_at(Referral, lambda r: r.risk.protective_orders, prefix)}/{i}" for i in orders),
        ]
        yield _finding(
            "supported-contact-with-abuse",
            Severity.SERIOUS,
            tuple(paths),
            S_PROTOCOL,
            _SUPPORTED_WITH_ABUSE_AND_ORDER if orders else _SUPPORTED_WITH_ABUSE,
        )
    fields = {f.name: f for f in spec_of(Referral).fields}
    for field, message in referral.problems():
        english = f"The case record's {field.replace('_', ' ')} {message}."
        yield Finding(
            code="record-inconsistent",
            severity=Severity.WARNING,
            paths=(f"{prefix}/{field}",),
            message=english,
            source=S_MODEL,
            template=_RECORD_INCONSISTENT,
            values={"field": _Lower(fields[field].title), "problem": _Words(message)},
        )


def _plan_findings(plan: ParentingPlan) -> Iterator[Finding]:
    yield from _dangling_references(plan)
    yield from _order_not_given(plan)
    at_expenses = _at(ParentingPlan, lambda p: p.money.expenses)
    at_children = _at(ParentingPlan, lambda p: p.children)
    for i, expense in enumerate(plan.money.expenses):
        share = expense.share_parent_a_percent
        whole = {ExpenseShare.PARENT_A: 100, ExpenseShare.PARENT_B: 0}.get(expense.paid_by)
        if (expense.paid_by is ExpenseShare.SHARED and share in (0, 100)) or (
            whole is not None and share is not None and share != whole
        ):
            yield _finding(
                "expense-share-contradicts",
                Severity.WARNING,
                (
                    _at(Expense, lambda e: e.paid_by, f"{at_expenses}/{i}"),
                    _at(Expense, lambda e: e.share_parent_a_percent, f"{at_expenses}/{i}"),
                ),
                S_MODEL,
                N_("Who pays ({who}) does not match the first parent's share ({share}%)."),
                who=expense.paid_by,
                share=share,
            )
    written = plan.updated_at.date() if plan.updated_at is not None else None
    for i, child in enumerate(plan.children):
        if (
            written is not None
            and child.date_of_birth is not None
            and child.date_of_birth > written
        ):
            yield _finding(
                "child-born-after-plan",
                Severity.WARNING,
                (_at(Child, lambda c: c.date_of_birth, f"{at_children}/{i}"),),
                S_MODEL,
                N_("A child's date of birth is after the date the plan was last changed."),
            )
    if plan.safety.domestic_abuse_concerns:
        yield from _abuse_and_plan(plan, N_("the plan records domestic-abuse concerns"))


def _abuse_and_plan(plan: ParentingPlan, why: str) -> Iterator[Finding]:
    steps = plan.communication.dispute_steps
    unsafe = [i for i, s in enumerate(steps) if s in _UNSAFE_WITH_ABUSE]
    if unsafe:
        yield _finding(
            "dispute-steps-with-abuse",
            Severity.SERIOUS,
            tuple(
                f"{_at(ParentingPlan, lambda p: p.communication.dispute_steps)}/{i}" for i in unsafe
            ),
            S_MEDIATION,
            N_(
                "The steps when the parents disagree include {names}, but {why}: these are "
                "not suitable where there is domestic abuse; use a professional instead."
            ),
            names=tuple(steps[i] for i in unsafe),
            why=_Words(why),
        )


#: Orders about where the children live and the time they spend with each parent: the matter
#: every parenting plan covers.
_CHILD_ARRANGEMENTS = frozenset(
    {OrderKind.LIVES_WITH, OrderKind.SPENDS_TIME_WITH, OrderKind.OTHERWISE_HAS_CONTACT}
)
_BY_ORDER = frozenset({PlanBasis.CONSENT_ORDER, PlanBasis.ORDERED})


def _order_not_given(plan: ParentingPlan) -> Iterator[Finding]:
    legal = plan.legal_status
    if legal.basis in _BY_ORDER and legal.order is None:
        yield _finding(
            "plan-order-not-given",
            Severity.NOTE,
            (_at(ParentingPlan, lambda p: p.legal_status.basis),),
            S_COURT_ORDER,
            N_("The plan says it rests on a court order but does not say which order."),
        )


def _order_differences(mine: CourtOrder, theirs: CourtOrder) -> list[tuple[str, str]]:
    """Where the plan's copy of an order and the referral's order disagree on a fact both
    give: (the path within an order, what differs in words)."""

    def case(text: str) -> str:
        return "".join(text.split()).upper()

    found = []
    if (
        mine.case_number
        and theirs.case_number
        and case(mine.case_number) != case(theirs.case_number)
    ):
        found.append((path_of(CourtOrder, lambda o: o.case_number), N_("case number")))
    if mine.order_date and theirs.order_date and mine.order_date != theirs.order_date:
        found.append((path_of(CourtOrder, lambda o: o.order_date), N_("date")))
    if mine.stage and theirs.stage and mine.stage is not theirs.stage:
        found.append((path_of(CourtOrder, lambda o: o.stage), N_("interim or final")))
    if mine.kinds and theirs.kinds and set(mine.kinds) != set(theirs.kinds):
        found.append((path_of(CourtOrder, lambda o: o.kinds), N_("kind of order")))
    return found


def _plan_and_order(plan: ParentingPlan, referral: Referral) -> Iterator[Finding]:
    """The plan's word on the court order beside the order the referral records."""
    legal, order = plan.legal_status, referral.court_order
    at_plan = _at(ParentingPlan, lambda p: p.legal_status.order)
    at_referral = _at(Referral, lambda r: r.court_order, "referral:")
    if order is None:
        if legal.basis in _BY_ORDER:
            yield _finding(
                "plan-order-differs",
                Severity.WARNING,
                (_at(ParentingPlan, lambda p: p.legal_status.basis), at_referral),
                S_COURT_ORDER,
                N_("The plan says it rests on a court order, but the referral records none."),
            )
        return
    differences = _order_differences(legal.order, order) if legal.order is not None else []
    if differences:
        yield _finding(
            "plan-order-differs",
            Severity.WARNING,
            tuple(p for d, _ in differences for p in (at_plan + d, at_referral + d)),
            S_COURT_ORDER,
            N_(
                "The court order in the plan differs from the referral's order ({differences}): "
                "the plan may follow an earlier or another order; check which order is in force "
                "and update the plan."
            ),
            differences=tuple(_Words(words) for _, words in differences),
        )
    if (
        legal.basis is PlanBasis.AGREED
        and order.stage is OrderStage.FINAL
        and _CHILD_ARRANGEMENTS.intersection(order.kinds)
    ):
        yield _finding(
            "plan-agreed-beside-final-order",
            Severity.WARNING,
            (
                _at(ParentingPlan, lambda p: p.legal_status.basis),
                _at(CourtOrder, lambda o: o.stage, at_referral),
                _at(CourtOrder, lambda o: o.kinds, at_referral),
            ),
            S_COURT_ORDER,
            N_(
                "The plan is agreed between the parents only, but the referral records a final "
                "child arrangements order: the order binds the parents until the court varies "
                "it. Check that the plan keeps to it, or ask the court to make the plan a "
                "consent order or to vary the order."
            ),
        )


def _plan_with_referral(plan: ParentingPlan, referral: Referral) -> Iterator[Finding]:
    yield from _plan_and_order(plan, referral)
    if not _abuse_in_referral(referral):
        return
    if plan.safety.domestic_abuse_concerns is False:
        yield _finding(
            "plan-contradicts-referral-risk",
            Severity.SERIOUS,
            (
                _at(ParentingPlan, lambda p: p.safety.domestic_abuse_concerns),
                _at(Referral, lambda r: r.risk.domestic_abuse_disclosed, "referral:"),
            ),
            S_PLAN_SAFETY,
            N_(
                "The plan says there are no domestic-abuse concerns, but the referral records "
                "domestic abuse."
            ),
        )
    if not plan.safety.domestic_abuse_concerns:
        yield from _abuse_and_plan(plan, N_("the referral records domestic abuse"))
    orders = _non_molestation(referral)
    direct = [i for i, m in enumerate(plan.communication.methods) if m in _DIRECT_METHODS]
    if orders and direct:
        yield _finding(
            "direct-contact-against-order",
            Severity.SERIOUS,
            (
                *(f"{_at(ParentingPlan, lambda p: p.communication.methods)}/{i}" for i in direct),
                *(
                    f"{_at(Referral, lambda r: r.risk.protective_orders, 'referral:')}/{i}"
                    for i in orders
                ),
            ),
            S_ORDER,
            N_(
                "The parents plan to communicate directly ({names}), but a non-molestation "
                "order is in force: communication should go through a third party or as the "
                "order allows."
            ),
            names=tuple(plan.communication.methods[i] for i in direct),
        )


def _review_findings(review: Review, plan: ParentingPlan | None) -> Iterator[Finding]:
    # A session both attended and missed, and a stop date before the order, are refused by
    # the model itself (SessionRecord and CourtOrder check them when built), so no finding.
    if plan is not None and review.outcome is ReviewOutcome.INDEPENDENT:
        steps = plan.transition.steps
        if steps and all(s.status is StepStatus.NOT_STARTED for s in steps):
            yield _finding(
                "independent-before-steps",
                Severity.WARNING,
                (
                    _at(Review, lambda r: r.outcome),
                    _at(ParentingPlan, lambda p: p.transition.steps, "plan:"),
                ),
                S_PLAN_SAFETY,
                N_(
                    "The review moves the family to independent contact, but none of the "
                    "plan's steps towards it has started."
                ),
            )


def _ids_and_references(
    cls: type[Any], obj: Any, path: str, ids: dict[str, set[str]], refs: list[tuple[str, str, str]]
) -> None:
    """Walk an object through the spec tree, collecting ids by class and the references."""
    spec = spec_of(cls)
    if spec.id_field is not None:
        ids.setdefault(spec.name, set()).add(getattr(obj, spec.id_field.name))
    for f in spec.fields:
        value = getattr(obj, f.name)
        here = f"{path}/{f.name}"
        if f.kind is Kind.REFERENCE and value and f.info.refers_to:
            refs.append((here, f.info.refers_to, value))
        elif f.kind is Kind.VALUES and f.value_kind is Kind.REFERENCE and f.info.refers_to:
            refs += [(f"{here}/{i}", f.info.refers_to, v) for i, v in enumerate(value) if v]
        elif f.kind is Kind.SECTION and value is not None:
            _ids_and_references(f.cls, value, here, ids, refs)
        elif f.kind is Kind.UNION and value is not None:
            _ids_and_references(type(value), value, here, ids, refs)
        elif f.kind is Kind.ITEMS:
            for i, item in enumerate(value):
                _ids_and_references(f.cls, item, f"{here}/{i}", ids, refs)


def _dangling_references(doc: Any, *others: Any) -> Iterator[Finding]:
    ids: dict[str, set[str]] = {}
    refs: list[tuple[str, str, str]] = []
    _ids_and_references(type(doc), doc, "", ids, refs)
    for other in others:
        _ids_and_references(type(other), other, "", ids, [])
    for path, targets, value in refs:
        if not any(value in ids.get(target, set()) for target in targets.split(",")):
            yield _finding(
                "reference-not-found",
                Severity.WARNING,
                (path,),
                S_MODEL,
                N_("This refers to an item that is not in the document (id {id})."),
                id=repr(value[:40]),
            )


def _withholding_findings(doc: Any) -> Iterator[Finding]:
    """Paths in the document's own marks that a parent's copy cannot withhold as written."""
    from .redaction import withholding_outcomes

    for index, path, what in withholding_outcomes(doc):
        at = (f"/withheld_from_parents/{index}",)
        if what is None:
            yield _finding(
                "withheld-path-fits-nothing",
                Severity.WARNING,
                at,
                S_WITHHELD,
                N_(
                    "{path} is marked as withheld from the parents but fits nothing in the "
                    "document, so it withholds nothing: check it for a typing mistake (list items "
                    "are named by their id), or take it out if what it named was removed."
                ),
                path=path,
            )
        elif not what:
            yield _finding(
                "withheld-path-impossible",
                Severity.SERIOUS,
                at,
                S_WITHHELD,
                N_(
                    "{path} is marked as withheld from the parents, but it is required, and so is "
                    "every part of the document that holds it: the parents' copies cannot be made "
                    "until it is taken out of the marks."
                ),
                path=path,
            )
        elif what != path:
            yield _finding(
                "withheld-path-takes-more",
                Severity.NOTE,
                at,
                S_WITHHELD,
                N_(
                    "{path} cannot be left out of the parents' copies on its own (it is required, "
                    "or another field needs it), so {what} is left out with it."
                ),
                path=path,
                what=what,
            )


def check(
    doc: ParentingPlan | Referral | Review,
    *,
    referral: Referral | None = None,
    plan: ParentingPlan | None = None,
) -> list[Finding]:
    """Safety and consistency findings for ``doc``, most serious first.

    Give the family's ``referral`` (and, for a review, its ``plan``) to run the rules that
    compare documents. Paths of the other document carry a prefix (``referral:``, ``plan:``).
    Findings are advice for a facilitator, never a reason to refuse a document.
    """
    found: list[Finding] = []
    if isinstance(doc, ParentingPlan):
        found += _plan_findings(doc)
        if referral is not None:
            found += _plan_with_referral(doc, referral)
    elif isinstance(doc, Referral):
        found += _referral_findings(doc)
        found += _dangling_references(doc)
        if plan is not None:
            found += _plan_with_referral(plan, doc)
    elif isinstance(doc, Review):
        found += _review_findings(doc, plan)
        if referral is not None:
            # A review names people of the referral (a grandparent attending, say).
            found += _dangling_references(doc, referral)
    else:
        from .errors import CoparentError

        raise CoparentError(
            P_("check takes a ParentingPlan, Referral or Review, not a {type}").format(
                type=type(doc).__name__
            )
        )
    found += _withholding_findings(doc)
    if referral is not None and not isinstance(doc, Referral):
        found += [
            attrs.evolve(f, paths=tuple(f"referral:{p}" for p in f.paths))
            for f in _referral_findings(referral)
        ]
    order = list(Severity)
    unique = {(f.code, f.paths): f for f in found}
    return sorted(unique.values(), key=lambda f: -order.index(f.severity))
