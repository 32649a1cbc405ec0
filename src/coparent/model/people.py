"""The people in a case: parents and other adults, children, and how to reach them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

import attrs

from ._base import (
    Choice,
    Displayable,
    ParentRef,
    Visibility,
    child_words_field,
    email_field,
    id_field,
    meta,
    shareable_field,
    unique_items,
    visible_name,
)

__all__ = [
    "Address",
    "Carer",
    "CarerPermission",
    "Child",
    "ContactDetails",
    "ContactMethod",
    "Person",
    "ResponsibilityBasis",
    "Role",
    "TwoParentDocument",
]


class ContactMethod(Choice):
    """Ways of getting in touch, or of the parents talking to each other."""

    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    APP = "app", "Co-parenting app"
    VIDEO = "video", "Video call"
    LETTER = "letter", "Letter or card"
    THIRD_PARTY = "third_party", "Through a third party"
    SOLICITOR = "solicitor", "Through a solicitor"


class Role(Choice):
    """How an adult is connected to the children."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    NEW_PARTNER = "new_partner", "A parent's new partner"
    GRANDPARENT = "grandparent", "Grandparent"
    OTHER_RELATIVE = "other_relative", "Other relative"
    GUARDIAN = "guardian", "Guardian"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CHILDMINDER = "childminder", "Childminder or babysitter"
    FRIEND = "friend", "Family friend"
    OTHER = "other", "Other"


class ResponsibilityBasis(Choice):
    """Whether a person has parental responsibility, and on what basis [S4], [S10], [S18]."""

    BIRTH_MOTHER = "birth_mother", "Yes: the child's birth mother"
    BIRTH_REGISTRATION = "birth_registration", "Yes: named on the birth registration"
    MARRIAGE = "marriage", "Yes: married to the mother at the birth"
    CIVIL_PARTNERSHIP = "civil_partnership", "Yes: in a civil partnership at the birth"
    AGREEMENT = "agreement", "Yes: a parental responsibility agreement"
    ORDER = "order", "Yes: a court order (parental responsibility or lives with)"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Yes: a special guardianship order"
    GUARDIAN = "guardian", "Yes: appointed guardian"
    ADOPTION = "adoption", "Yes: an adoption order"
    NONE = "none", "No parental responsibility"

    @property
    def holds(self) -> bool:
        """True for every basis that gives parental responsibility."""
        return self is not ResponsibilityBasis.NONE


@attrs.frozen(kw_only=True, repr=False)
class Address(Displayable):
    """A postal address."""

    line1: str = attrs.field(
        metadata=meta("Address line 1", "House number and street.", examples=("12 Station Road",))
    )
    line2: str = attrs.field(
        default="", metadata=meta("Address line 2", "Flat, building or area, if any.")
    )
    town: str = attrs.field(
        default="", metadata=meta("Town or city", "The town or city.", examples=("Cardiff",))
    )
    postcode: str = attrs.field(
        default="",
        metadata=meta("Postcode", "The postcode, if there is one.", examples=("CF10 1AA",)),
    )
    country: str = attrs.field(
        default="", metadata=meta("Country", "Leave empty for the United Kingdom.")
    )


@attrs.frozen(kw_only=True, repr=False)
class ContactDetails(Displayable):
    """How to reach someone."""

    phone: str = attrs.field(
        default="",
        metadata=meta("Phone", "A phone number, with the area code.", examples=("07700 900123",)),
    )
    email: str | None = email_field("Email", "An email address.")
    address: Address | None = attrs.field(
        default=None, metadata=meta("Postal address", "Where letters reach this person.")
    )
    preferred_method: ContactMethod | None = attrs.field(
        default=None,
        metadata=meta("Best way to get in touch", "How this person would rather be contacted."),
    )


@attrs.frozen(kw_only=True, repr=False)
class Person(Displayable):
    """An adult in the case: a parent, a new partner, a grandparent or another carer."""

    id: str = id_field()
    name: str = attrs.field(
        validator=visible_name,
        metadata=meta(
            "Full name",
            "The person's full name.",
            examples=("Sam Jones",),
            names_item=True,
            format="name",
        ),
    )
    preferred_name: str = attrs.field(
        default="",
        validator=visible_name,
        metadata=meta(
            "Preferred name", "What they like to be called, if different.", format="name"
        ),
    )
    role: Role = attrs.field(
        default=Role.PARENT,
        metadata=meta(
            "Relationship to the children", "How this person is related to the children."
        ),
    )
    contact: ContactDetails = attrs.field(
        factory=ContactDetails,
        metadata=meta(
            "Contact details",
            "Phone, email and address.",
            visibility=Visibility.CONFIDENTIAL,
        ),
    )
    contact_details_confidential: bool = attrs.field(
        default=False,
        metadata=meta(
            "Keep contact details confidential",
            "Tick if this person's address, phone and email must not be shared with the other "
            "party, for example where there are safety concerns.",
            confidential_flag=True,
        ),
    )
    languages: tuple[str, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "Languages spoken",
            "Most comfortable first.",
            examples=(["English", "Welsh"],),
            ordered=True,
        ),
    )
    interpreter_needed: bool = attrs.field(
        default=False,
        metadata=meta(
            "Needs an interpreter", "Tick if this person needs an interpreter to take part."
        ),
    )
    access_needs: str = attrs.field(
        default="",
        metadata=meta(
            "Access needs",
            "Anything that would help them take part, such as step-free access or large print.",
            long_text=True,
        ),
    )
    parental_responsibility: ResponsibilityBasis | None = attrs.field(
        default=None,
        metadata=meta(
            "Parental responsibility",
            "Whether this person has parental responsibility for the children, and on what "
            "basis. Leave empty if not known.",
        ),
    )


@attrs.frozen(kw_only=True, repr=False)
class Child(Displayable):
    """A child the plan, referral or review is about."""

    id: str = id_field()
    name: str = attrs.field(
        validator=visible_name,
        metadata=meta(
            "Full name",
            "The child's full name, as on their birth certificate or school records.",
            examples=("Mia Jones",),
            names_item=True,
            format="name",
        ),
    )
    preferred_name: str = attrs.field(
        default="",
        validator=visible_name,
        metadata=meta(
            "Preferred name", "What the child likes to be called, if different.", format="name"
        ),
    )
    date_of_birth: date | None = attrs.field(
        default=None, metadata=meta("Date of birth", "The child's date of birth.")
    )
    needs: str = attrs.field(
        default="",
        metadata=meta(
            "Needs",
            "Health, learning, emotional or other needs that the adults around the child should "
            "know about.",
            long_text=True,
        ),
    )
    wishes_and_feelings: str = child_words_field(
        "The child's wishes and feelings",
        "What the child has said about the arrangements, in their own words where possible.",
    )
    wishes_shareable: bool = shareable_field("the child")


class TwoParentDocument(Displayable):
    """What the three documents share: a kind, a schema version and two parents."""

    __slots__ = ()

    KIND: ClassVar[str]
    SCHEMA_VERSION: ClassVar[int]
    if TYPE_CHECKING:
        parent_a: Person
        parent_b: Person

    @property
    def schema_version(self) -> int:
        """The schema version this document is written in (documents are upgraded on load)."""
        return self.SCHEMA_VERSION

    def parent(self, ref: ParentRef) -> Person:
        """The parent a :class:`ParentRef` points at."""
        return self.parent_a if ref is ParentRef.A else self.parent_b


# --- other carers: named adults with a role in the plan [S1], [S17] ----------------------------


class CarerPermission(Choice):
    """What another adult may do in the children's care, as plans and orders spell it out."""

    LOOK_AFTER = "look_after", "Look after the children on their own"
    COLLECT_AND_RETURN = "collect_and_return", "Collect or return the children at handovers"
    BE_PRESENT_AT_HANDOVERS = "present_at_handovers", "Be present at handovers"
    BE_PRESENT_DURING_TIME = "present_during_time", "Be there during time with a parent"
    SCHOOL_PICK_UP = "school_pick_up", "Collect the children from school or nursery"
    DRIVE = "drive", "Drive the children"
    OVERNIGHT = "overnight", "Stay in the home overnight while the children are there"


@attrs.frozen(kw_only=True, repr=False)
class Carer(Displayable):
    """Another adult in the children's lives (a grandparent, a new partner, a childminder...),
    named, with their role and what the parents agree they may do."""

    id: str = id_field()
    name: str = attrs.field(
        validator=visible_name,
        metadata=meta(
            "Full name",
            "The person's name.",
            examples=("Non Evans",),
            names_item=True,
            format="name",
        ),
    )
    role: Role = attrs.field(
        metadata=meta("Relationship to the children", "How this person is connected to them.")
    )
    connected_to: ParentRef | None = attrs.field(
        default=None,
        metadata=meta(
            "Family or partner of",
            "Which parent's family this person belongs to, or whose partner they are.",
        ),
    )
    may: tuple[CarerPermission, ...] = attrs.field(
        default=(),
        validator=unique_items,
        metadata=meta(
            "What they may do",
            "What both parents agree this person may do. Anything not ticked, they may not.",
        ),
    )
    from_date: date | None = attrs.field(
        default=None,
        metadata=meta(
            "From",
            "The date from which they may do it, if not straight away (for example a new "
            "partner not at handovers until a date the court set).",
        ),
    )
    conditions: str = attrs.field(
        default="",
        metadata=meta(
            "Conditions",
            "Anything more the parents agree about this person's part.",
            long_text=True,
        ),
    )
