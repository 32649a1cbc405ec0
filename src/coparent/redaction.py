"""Audiences and what each may see: one redaction used by every output (JSON, PDF, HTML).

The rules (docs/pdf.md explains them):

* the **facilitator** and the **court** see everything;
* a **parent** does not see the contact details (address, phone, email) of anyone else whose
  details are marked ``contact_details_confidential`` (their own details stay visible to them);
* a parent never sees a referral's risk and safety information (``Referral.risk``);
* a parent does not see a plan's safety *concerns* (nor the domestic-abuse flag): these are for
  the professionals. The *agreed conditions* and the professionals involved stay visible, because
  both parents have to keep to them.

:func:`redact` returns a document of the same class with withheld values emptied, so it still
dumps, loads and validates; :func:`withheld_values` lists what was taken out, by JSON pointer.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from .convert import unstructure
from .errors import CoparentError
from .model._base import Choice, ParentRef, meta
from .model.people import ContactDetails, Person
from .model.plan import ParentingPlan, Safety
from .model.referral import Referral, RiskInformation
from .model.review import Review

__all__ = ["Audience", "AudienceKind", "redact", "withheld_values"]

T = TypeVar("T")


class AudienceKind(Choice):
    """Who a rendering or export is for."""

    FACILITATOR = "facilitator", "Facilitator"
    COURT = "court", "Court"
    PARENT = "parent", "Parent"


@attrs.frozen(kw_only=True)
class Audience:
    """The reader of a PDF or an export: the facilitator, the court, or one named parent.

    Build one with :meth:`facilitator`, :meth:`court` or :meth:`parent`.
    """

    kind: AudienceKind = attrs.field(metadata=meta("Audience"))
    parent_ref: ParentRef | None = attrs.field(default=None, metadata=meta("Which parent"))

    def __attrs_post_init__(self) -> None:
        if (self.kind is AudienceKind.PARENT) != (self.parent_ref is not None):
            raise CoparentError(
                "an Audience names a parent exactly when it is for a parent: "
                "use Audience.parent(ParentRef.A), Audience.facilitator() or Audience.court()"
            )

    @classmethod
    def facilitator(cls) -> Audience:
        """The contact-centre facilitator or mediator: sees everything."""
        return cls(kind=AudienceKind.FACILITATOR)

    @classmethod
    def court(cls) -> Audience:
        """The court or a family-court adviser: sees everything."""
        return cls(kind=AudienceKind.COURT)

    @classmethod
    def parent(cls, ref: ParentRef) -> Audience:
        """One of the two parents: sees what is not withheld from them."""
        return cls(kind=AudienceKind.PARENT, parent_ref=ref)

    @classmethod
    def parse(cls, text: str) -> Audience:
        """An audience from its short name: facilitator, court, parent_a or parent_b."""
        names = {
            "facilitator": cls.facilitator(),
            "court": cls.court(),
            ParentRef.A.value: cls.parent(ParentRef.A),
            ParentRef.B.value: cls.parent(ParentRef.B),
        }
        try:
            return names[text]
        except KeyError:
            raise CoparentError(
                f"unknown audience {text!r}: use one of {', '.join(sorted(names))}"
            ) from None

    @property
    def is_parent(self) -> bool:
        """True for a parent (who may have things withheld), False for staff and the court."""
        return self.kind is AudienceKind.PARENT

    @property
    def name(self) -> str:
        """The short name :meth:`parse` reads back."""
        return self.parent_ref.value if self.parent_ref is not None else self.kind.value

    @property
    def label(self) -> str:
        """A readable label, e.g. ``Second parent``."""
        return self.parent_ref.label if self.parent_ref is not None else self.kind.label

    def may_see_contact_of(self, person: Person, ref: ParentRef | None) -> bool:
        """Whether this audience may see ``person``'s contact details.

        ``ref`` says which parent ``person`` is (None for anyone else, e.g. a grandparent).
        """
        if not person.contact_details_confidential or not self.is_parent:
            return True
        return ref is not None and ref is self.parent_ref


def _person(person: Person, ref: ParentRef | None, audience: Audience) -> Person:
    if audience.may_see_contact_of(person, ref):
        return person
    return attrs.evolve(person, contact=ContactDetails())


def redact(doc: T, audience: Audience) -> T:
    """``doc`` as ``audience`` may see it: the same class, with withheld values emptied.

    ``doc`` is a plan, referral or review, or a diff or merge result (whose withheld
    differences, conflicts and resolutions are left out: see :func:`withheld_path`).

    The result is a valid document (it dumps, loads and validates), so the same call serves
    JSON export, PDF and HTML. Documents of other classes are returned unchanged only when they
    hold nothing to withhold; an unknown class raises :class:`coparent.CoparentError`.
    """
    if not isinstance(audience, Audience):
        raise CoparentError(
            "audience must be a coparent.Audience, e.g. Audience.parent(ParentRef.A)"
        )
    if isinstance(doc, ParentingPlan | Referral | Review):
        changes: dict[str, Any] = {
            "parent_a": _person(doc.parent_a, ParentRef.A, audience),
            "parent_b": _person(doc.parent_b, ParentRef.B, audience),
        }
        if isinstance(doc, Referral):
            changes["other_attendees"] = tuple(
                _person(p, None, audience) for p in doc.other_attendees
            )
            if audience.is_parent:
                changes["risk"] = RiskInformation()
        if isinstance(doc, ParentingPlan) and audience.is_parent:
            changes["safety"] = attrs.evolve(
                doc.safety, concerns=(), domestic_abuse_concerns=Safety().domestic_abuse_concerns
            )
        result: T = attrs.evolve(doc, **changes)
        return result
    from ._diff import DiffResult
    from ._merge import MergeResult

    if isinstance(doc, DiffResult):
        keep = [d for d in doc.differences if not withheld_path(d.keys, audience)]
        sections = tuple(
            attrs.evolve(
                s,
                differences=tuple(d for d in s.differences if not withheld_path(d.keys, audience)),
            )
            for s in doc.sections
        )
        orders = tuple(o for o in doc.orders if not withheld_path(o.keys, audience))
        diff_result: T = attrs.evolve(
            doc, differences=tuple(keep), sections=sections, orders=orders
        )
        return diff_result
    if isinstance(doc, MergeResult):
        merge_result: T = attrs.evolve(
            doc,
            document=redact(doc.document, audience),
            conflicts=tuple(c for c in doc.conflicts if not withheld_path(c.keys, audience)),
            resolutions=tuple(
                r
                for r in doc.resolutions
                if not withheld_path(tuple(r.path.strip("/").split("/")), audience)
            ),
        )
        return merge_result
    raise CoparentError(
        f"cannot redact a {type(doc).__name__}: expected a ParentingPlan, Referral, Review, "
        "DiffResult or MergeResult"
    )


def withheld_path(keys: tuple[str, ...], audience: Audience) -> bool:
    """Whether a change at ``keys`` (field names and item ids) in a diff or merge is withheld.

    A diff or merge cannot know which version's confidentiality marking applies, so for a
    parent it withholds every change to the other party's contact details (and to any other
    person in a referral), as well as to the risk section and the plan's safety concerns.
    """
    if not audience.is_parent or not keys:
        return False
    other = audience.parent_ref.other.value if audience.parent_ref is not None else ""
    head = keys[0]
    if head == "risk":
        return True
    if head == "safety" and len(keys) > 1 and keys[1] in ("concerns", "domestic_abuse_concerns"):
        return True
    if head == other and (len(keys) == 1 or keys[1] == "contact"):
        return True
    return head == "other_attendees" and (len(keys) <= 2 or keys[2] == "contact")


def _leaves(value: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(item, f"{path}/{key}", out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _leaves(item, f"{path}/{i}", out)
    elif isinstance(value, str) and value:
        out.append((path, value))
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append((path, str(value)))


def _compare(before: Any, after: Any, path: str, out: list[tuple[str, str]]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key, item in before.items():
            _compare(item, after.get(key), f"{path}/{key}", out)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            _compare(b, a, f"{path}/{i}", out)
    elif before != after:
        _leaves(before, path, out)


def withheld_values(doc: Any, audience: Audience) -> list[tuple[str, str]]:
    """What :func:`redact` takes out for ``audience``: ``(JSON pointer, text)`` for each value.

    For a diff or merge result: the texts of each withheld difference, conflict and resolution.

    Texts, dates, enum values and numbers are listed as their JSON text; yes/no answers and
    empty values are not (they carry no text of their own). Tests use this to prove that no
    withheld text reaches an audience's PDF.
    """
    from ._diff import DiffResult
    from ._merge import MergeResult

    out: list[tuple[str, str]] = []
    if isinstance(doc, DiffResult):
        for d in doc.differences:
            if withheld_path(d.keys, audience):
                out += [(d.path, t) for t in (d.a_text, d.b_text) if t]
        return out
    if isinstance(doc, MergeResult):
        out += withheld_values(doc.document, audience)
        for c in doc.conflicts:
            if withheld_path(c.keys, audience):
                out += [(c.path, t) for t in (c.base_text, c.ours_text, c.theirs_text) if t]
        for r in doc.resolutions:
            if withheld_path(tuple(r.path.strip("/").split("/")), audience):
                _leaves(r.value, r.path, out)
        return out
    _compare(unstructure(doc), unstructure(redact(doc, audience)), "", out)
    return out
