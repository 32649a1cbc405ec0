"""merge: the laws on generated plans and edits, conflicts, resolutions, saving, text/HTML."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import MergeResult, ParentingPlan, ResolutionChoice, diff, merge
from coparent import _tree as t
from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version
from coparent.merging import ConflictKind, _value_at
from coparent.redaction import Audience
from strategies import concurrent_edits, documents, edited
from test_diff import SAFE_TAGS, html_tags

KINDS = [ParentingPlan, coparent.Referral, coparent.Review]


def value_at(doc: Any, keys: tuple[str, ...]) -> Any:
    cls = type(doc)
    return _value_at(cls, t.to_keyed(cls, t.body_of(coparent.to_dict(doc))), keys)


def is_prefix(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
    return q[: len(p)] == p


def is_set_list(doc: Any, keys: tuple[str, ...]) -> bool:
    """Whether ``keys`` names a list of plain values compared as a set (merged element-wise).

    The path is looked up in ``doc`` itself, so it can pass through a tagged union (a
    referral's service) whose member only the document names.
    """
    cls = type(doc)
    tree = t.to_keyed(cls, coparent.to_dict(doc))
    try:
        _c, _k, spec, is_item = t.locate(cls, tree, keys)
    except t.PathNotFound:
        return False
    return not is_item and t.is_set_list(spec)


@st.composite
def three_versions(draw: Any) -> tuple[Any, Any, Any]:
    """A base (the example or a generated document) and two concurrent edits of it."""
    cls = draw(st.sampled_from(KINDS))
    base = draw(st.one_of(st.just(cls.example()), documents(cls)))
    ours, theirs = draw(concurrent_edits(base))
    return base, ours, theirs


def assert_loads_losslessly(result: MergeResult) -> None:
    doc = result.document
    data = coparent.to_dict(doc)
    assert coparent.from_json(coparent.to_json(doc), type(doc)) == doc
    coparent.validate(data)
    assert MergeResult.from_json(result.to_json()) == result


# --- the laws --------------------------------------------------------------------------------


@given(three_versions())
def test_merging_a_version_with_itself_gives_it(versions: tuple[Any, Any, Any]) -> None:
    base, x, _ = versions
    cases = (
        (merge(base, x, x), ResolutionChoice.OURS),
        (merge(base, base, x), ResolutionChoice.THEIRS),
        (merge(base, x, base), ResolutionChoice.OURS),
    )
    for result, side_of_x in cases:
        # A change that lowers who is protected is held until staff agree to it; nothing else
        # is open, and agreeing gives x.
        assert all(c.kind is ConflictKind.LOWERS_PROTECTION for c in result.conflicts)
        for c in result.conflicts:
            result = result.resolve(c.path, side_of_x, by="Gwen", audience=STAFF)
        assert result.is_complete
        assert result.document == x
        assert result.final_document() == x


@given(three_versions())
def test_merge_is_symmetric(versions: tuple[Any, Any, Any]) -> None:
    base, ours, theirs = versions
    one, other = merge(base, ours, theirs), merge(base, theirs, ours)
    assert one.document == other.document
    assert [c.swapped() for c in one.conflicts] == list(other.conflicts)


@given(three_versions())
def test_no_change_made_by_one_side_only_is_lost(versions: tuple[Any, Any, Any]) -> None:
    base, ours, theirs = versions
    result = merge(base, ours, theirs)
    for mine, other, side in ((ours, theirs, "ours"), (theirs, ours, "theirs")):
        touched_by_other = [d.keys for d in diff(base, other).differences]
        for d in diff(base, mine).differences:
            if any(is_prefix(d.keys, k) or is_prefix(k, d.keys) for k in touched_by_other):
                continue
            held = [c for c in result.conflicts if is_prefix(c.keys, d.keys)]
            # Held for a person's decision: both changed the item and together broke a rule, or
            # the change lowers who is protected (only staff may agree that).
            if held:
                kinds = (ConflictKind.BREAKS_RULE, ConflictKind.LOWERS_PROTECTION)
                assert all(c.kind in kinds for c in held)
                assert all(side_value(c, side, d.keys) == d.b for c in held)
                continue
            assert value_at(result.document, d.keys) == d.b, d.path


def side_value(conflict: coparent.Conflict, side: str, keys: tuple[str, ...]) -> Any:
    """The value at ``keys`` inside one side of an item conflict."""
    value = getattr(conflict, side)
    for k in keys[len(conflict.keys) :]:
        value = value[k]
    return value


@given(three_versions())
def test_conflicts_are_exactly_where_both_sides_changed_the_same_thing_differently(
    versions: tuple[Any, Any, Any],
) -> None:
    base, ours, theirs = versions
    result = merge(base, ours, theirs)
    changed_o = [d.keys for d in diff(base, ours).differences]
    changed_t = [d.keys for d in diff(base, theirs).differences]
    rules_on_document = getattr(type(base), "RULES", {})
    for c in result.conflicts:
        if c.kind is ConflictKind.LOWERS_PROTECTION:
            # One side lowering who is protected is enough: staff must agree to it.
            assert any(is_prefix(c.keys, k) or is_prefix(k, c.keys) for k in changed_o + changed_t)
            continue
        if (
            c.kind is ConflictKind.BREAKS_RULE
            and len(c.keys) == 1
            and c.keys[0] in rules_on_document
        ):
            # A rule on the whole document ties fields of different sections: the conflict is
            # at the field it names, which at least one side changed. (A rule of a top-level
            # section, such as a programme's one attendance record per parent, makes that
            # section the conflict: both sides changed inside it, as below.)
            assert any(is_prefix(c.keys, k) for k in changed_o + changed_t), c.path
        else:
            assert any(is_prefix(c.keys, k) for k in changed_o), c.path
            assert any(is_prefix(c.keys, k) for k in changed_t), c.path
        assert c.ours != c.theirs
        if c.kind is not ConflictKind.BREAKS_RULE:
            assert c.ours != c.base
            assert c.theirs != c.base
            assert value_at(ours, c.keys) == c.ours
            assert value_at(theirs, c.keys) == c.theirs
            assert value_at(base, c.keys) == c.base
    for ko in changed_o:
        for kt in changed_t:
            if not (is_prefix(ko, kt) or is_prefix(kt, ko)):
                continue
            shorter = ko if len(ko) <= len(kt) else kt
            if is_set_list(base, shorter) or is_set_list(ours, shorter):
                continue  # lists of plain values without order merge element by element
            if value_at(ours, shorter) == value_at(theirs, shorter):
                continue  # the same change on both sides is taken once
            assert any(is_prefix(c.keys, shorter) for c in result.conflicts), shorter


@given(three_versions(), st.data())
def test_merged_documents_always_load_and_resolve_to_a_valid_document(
    versions: tuple[Any, Any, Any], data: st.DataObject
) -> None:
    base, ours, theirs = versions
    result = merge(base, ours, theirs)
    assert_loads_losslessly(result)
    assert html_tags(result._repr_html_()) <= SAFE_TAGS
    while result.conflicts:
        c = result.conflicts[0]
        choice = data.draw(st.sampled_from(list(ResolutionChoice)[:3]))
        try:
            result = result.resolve(c.path, choice, by="Gwen", audience=STAFF)
        except coparent.ValidationError:
            # Taking one side's field can clash with a field the other side changed; keeping
            # the value the merged document holds always fits.
            result = result.resolve(c.path, held_choice(result, c), by="Gwen", audience=STAFF)
        assert_loads_losslessly(result)
    assert result.is_complete
    doc = result.final_document()
    coparent.validate(coparent.to_dict(doc))
    assert len(result.resolutions) == len(merge(base, ours, theirs).conflicts)


def held_choice(result: MergeResult, c: coparent.Conflict) -> ResolutionChoice:
    """The choice that keeps what the merged document holds for an open conflict: the last
    agreed value, or, for a rule on the whole document, the version's value that fits."""
    held = value_at(result.document, c.keys)
    choices = [ResolutionChoice.BASE] if result.has_base else []
    choices += [ResolutionChoice.OURS, ResolutionChoice.THEIRS]
    values = {ResolutionChoice.BASE: c.base, ResolutionChoice.OURS: c.ours}
    return next(x for x in choices if values.get(x, c.theirs) == held)


def resolve_all(result: MergeResult, choice: ResolutionChoice) -> MergeResult:
    """Resolve every conflict with ``choice``, each as soon as it fits.

    A rule on the whole document (a plan cannot be agreed while an area is seeking help) can
    refuse one side's value until a conflict in another section takes the same side.
    """
    while result.conflicts:
        before = len(result.conflicts)
        for c in result.conflicts:
            try:
                result = result.resolve(c.path, choice, by="Gwen", audience=STAFF)
            except coparent.ValidationError:
                continue
        assert len(result.conflicts) < before, [c.path for c in result.conflicts]
    return result


@given(st.data())
def test_without_a_base_only_what_both_wrote_the_same_is_kept(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(KINDS))
    ours = data.draw(documents(cls))
    theirs = data.draw(st.one_of(documents(cls), edited(ours)))
    assert merge(None, ours, ours).document == ours
    result = merge(None, ours, theirs)
    assert not result.has_base
    for d in diff(ours, theirs).differences:
        assert any(is_prefix(c.keys, d.keys) for c in result.conflicts), d.path
    for c in result.conflicts:
        # a mark that protects on one side only is for staff to settle, even with no base
        assert c.kind in (ConflictKind.NO_BASE, ConflictKind.LOWERS_PROTECTION)
        assert value_at(ours, c.keys) == c.ours
        assert value_at(theirs, c.keys) == c.theirs
    assert_loads_losslessly(result)
    resolved = resolve_all(result, ResolutionChoice.THEIRS)
    assert len(resolved.resolutions) == len(result.conflicts)
    assert not diff(resolved.final_document(), theirs)


STAFF = Audience.facilitator()


# --- the review meeting ------------------------------------------------------------------------


def review_merge() -> MergeResult:
    return merge(
        last_agreed_version(),
        parent_a_version(),
        parent_b_version(),
        ours_label="Siân",
        theirs_label="Tom",
    )


def test_the_review_meeting_merge() -> None:
    result = review_merge()
    assert [(c.path, c.kind) for c in result.conflicts] == [
        ("/updated_at", ConflictKind.BOTH_CHANGED),
        ("/living_arrangements/schedule/slots/wednesday-tea/end_time", ConflictKind.BOTH_CHANGED),
        ("/living_arrangements/holidays/oct-half-term-2026", ConflictKind.CHANGED_AND_REMOVED),
        ("/living_arrangements/holidays/christmas-2026/allocation", ConflictKind.BOTH_CHANGED),
    ]
    doc = result.document
    la = doc.living_arrangements
    # Held at the last agreed value until resolved:
    assert la.schedule.slots[1].end_time == time(18, 30)
    # Taken from one side only, or from both once:
    assert doc.money.maintenance_details.startswith("Tom pays £340")
    assert [d.id for d in la.special_days].count("wigilia") == 1
    assert coparent.model.ContactMethod.EMAIL in doc.communication.methods
    assert doc.status is coparent.model.PlanStatus.PROPOSED
    christmas = next(h for h in la.holidays if h.id == "christmas-2026")
    assert christmas.even_years_parent is coparent.ParentRef.B
    slot = result.conflicts[1]
    assert slot.label == (
        "Living arrangements > Weekly schedule > Regular times > Wednesday 15:30 – Wednesday 18:30 "
        "> Until (time)"
    )
    assert (slot.base_text, slot.ours_text, slot.theirs_text) == ("18:30", "19:00", "18:00")


def test_resolving_conflicts_records_who_when_and_what() -> None:
    result = review_merge()
    with pytest.raises(coparent.UnresolvedConflictsError, match="4 conflicts still open"):
        result.final_document()
    at = datetime(2026, 11, 14, 11, 5, tzinfo=UTC)
    slot = "/living_arrangements/schedule/slots/wednesday-tea/end_time"
    result = result.resolve(slot, ResolutionChoice.VALUE, value=time(18, 15), by="Gwen", at=at)
    result = result.resolve("/updated_at", "theirs", by="Gwen", at=at)
    result = result.resolve("/living_arrangements/holidays/oct-half-term-2026", "ours", by="Gwen")
    assert not result.is_complete
    result = result.resolve(
        "/living_arrangements/holidays/christmas-2026/allocation", "base", by="Siân and Tom"
    )
    assert result.is_complete
    doc = result.final_document()
    assert doc.living_arrangements.schedule.slots[1].end_time == time(18, 15)
    assert "oct-half-term-2026" not in {h.id for h in doc.living_arrangements.holidays}
    assert [(r.choice, r.by) for r in result.resolutions] == [
        (ResolutionChoice.VALUE, "Gwen"),
        (ResolutionChoice.THEIRS, "Gwen"),
        (ResolutionChoice.OURS, "Gwen"),
        (ResolutionChoice.BASE, "Siân and Tom"),
    ]
    assert result.resolutions[0].at == at
    assert result.resolutions[0].value == "18:15:00"
    assert result.resolutions[2].value is None
    assert result.resolutions[3].at.tzinfo is not None
    coparent.validate(coparent.to_dict(doc))
    assert "Resolved" in str(result)
    assert "Siân and Tom" in result._repr_html_()


def test_resolution_mistakes_are_clear_errors() -> None:
    result = review_merge()
    with pytest.raises(coparent.NoSuchConflictError, match="no open conflict at /title"):
        result.resolve("/title", "ours", by="Gwen")
    with pytest.raises(coparent.DiffError, match="who agreed"):
        result.resolve("/updated_at", "ours", by=" ")
    with pytest.raises(coparent.DiffError, match="needs a value"):
        result.resolve("/updated_at", ResolutionChoice.VALUE, by="Gwen")
    with pytest.raises(coparent.ValidationError, match="end_time"):
        result.resolve(
            "/living_arrangements/schedule/slots/wednesday-tea/end_time",
            ResolutionChoice.VALUE,
            value="half six",
            by="Gwen",
        )
    with pytest.raises(ValueError, match="time zone"):
        result.resolve("/updated_at", "ours", by="Gwen", at=datetime(2026, 11, 14, 11, 5))
    with pytest.raises(coparent.DiffError, match="no last agreed"):
        merge(None, parent_a_version(), parent_b_version()).resolve(
            "/updated_at", "base", by="Gwen"
        )


def test_changes_that_together_break_a_rule_become_one_conflict() -> None:
    base = ParentingPlan.example()
    la = base.living_arrangements
    summer = la.holidays[0]

    def with_summer(**changes: Any) -> ParentingPlan:
        holidays = (attrs.evolve(summer, **changes), *la.holidays[1:])
        return attrs.evolve(base, living_arrangements=attrs.evolve(la, holidays=holidays))

    ours = with_summer(start=date(2027, 8, 10))
    theirs = with_summer(end=date(2027, 8, 1))
    result = merge(base, ours, theirs)
    (c,) = result.conflicts
    assert c.kind is ConflictKind.BREAKS_RULE
    assert c.path == "/living_arrangements/holidays/summer-2027"
    assert "must not be before" in c.message
    assert result.document == base
    assert c.ours["start"] == "2027-08-10"
    assert c.theirs["end"] == "2027-08-01"
    assert result.resolve(c.path, "theirs", by="Gwen").final_document() == theirs


def test_both_adding_the_same_id_differently_is_a_conflict_not_a_crash() -> None:
    base = ParentingPlan.example()
    la = base.living_arrangements
    easter = coparent.model.Holiday(
        id="easter-2027",
        name="Easter holidays 2027",
        kind=coparent.model.HolidayKind.EASTER,
        start=date(2027, 3, 29),
        end=date(2027, 4, 9),
        allocation=coparent.model.Allocation.SPLIT,
    )

    def plus(holiday: coparent.model.Holiday) -> ParentingPlan:
        return attrs.evolve(
            base, living_arrangements=attrs.evolve(la, holidays=(*la.holidays, holiday))
        )

    ours, theirs = (
        plus(easter),
        plus(attrs.evolve(easter, allocation=coparent.model.Allocation.PARENT_A)),
    )
    result = merge(base, ours, theirs)
    (c,) = result.conflicts
    assert (c.kind, c.path, c.base) == (
        ConflictKind.BOTH_ADDED,
        "/living_arrangements/holidays/easter-2027",
        None,
    )
    assert "easter-2027" not in {h.id for h in result.document.living_arrangements.holidays}
    assert result.resolve(c.path, "ours", by="Gwen").final_document() == ours


def test_different_kinds_cannot_be_merged() -> None:
    with pytest.raises(coparent.DiffError, match="same kind"):
        merge(None, ParentingPlan.example(), coparent.Review.example())  # type: ignore[arg-type]  # the mistake under test


def test_saved_merge_round_trips_and_bad_files_name_the_problem() -> None:
    result = review_merge().resolve("/updated_at", "ours", by="Gwen")
    assert MergeResult.from_json(result.to_json()) == result
    data = result.to_dict()
    assert data["kind"] == "coparent_merge"
    assert data["document"]["kind"] == "parenting_plan"
    data["conflicts"][0]["kind"] = "shrug"
    data["document"]["title"] = 7
    del data["has_base"]
    with pytest.raises(coparent.ValidationError) as e:
        MergeResult.from_dict(data)
    paths = {d.path for d in e.value.errors}
    assert paths == {"/has_base", "/document/title", "/conflicts/0/kind"}


def test_text_and_html_show_every_conflict_with_escaped_text() -> None:
    base = ParentingPlan.example()
    ours = attrs.evolve(base, title="<i>Ours</i>")
    theirs = attrs.evolve(base, title="Theirs & co")
    result = merge(base, ours, theirs, ours_label="Siân", theirs_label="<Tom>")
    page = result._repr_html_()
    assert "<i>Ours" not in page
    assert "&lt;i&gt;Ours&lt;/i&gt;" in page
    assert "&lt;Tom&gt;" in page
    assert "Theirs &amp; co" in page
    assert "Both changed it, differently" in page
    text = str(result)
    assert "1 conflict to resolve." in text
    assert "  - Title [/title]" in text
    assert "Siân: <i>Ours</i>" in text


def with_health_agreement(plan: ParentingPlan, **changes: Any) -> ParentingPlan:
    health = plan.health
    agreement = attrs.evolve(health.agreement, **changes)
    return attrs.evolve(plan, health=attrs.evolve(health, agreement=agreement))


def all_areas_agreed(plan: ParentingPlan) -> ParentingPlan:
    """The plan with every area agreed (so that it may be marked agreed)."""
    changes = {}
    for f in attrs.fields(ParentingPlan):
        section = getattr(plan, f.name)
        if isinstance(getattr(section, "agreement", None), coparent.model.AreaAgreement):
            agreed = attrs.evolve(
                section.agreement,
                status=coparent.model.AgreementStatus.AGREED,
                help_sought=(),
                court_to_decide="",
            )
            changes[f.name] = attrs.evolve(section, agreement=agreed)
    return attrs.evolve(plan, **changes)


def test_changes_that_together_break_a_rule_of_a_section_become_one_conflict() -> None:
    status = coparent.model.AgreementStatus
    base = with_health_agreement(
        ParentingPlan.example(), status=status.COURT_TO_DECIDE, court_to_decide=""
    )
    ours = with_health_agreement(base, status=status.AGREED)
    theirs = with_health_agreement(base, court_to_decide="Which school Osian goes to")
    for result in (merge(base, ours, theirs), merge(base, theirs, ours)):
        (c,) = result.conflicts
        assert (c.path, c.kind, c.is_item) == (
            "/health/agreement",
            ConflictKind.BREAKS_RULE,
            False,
        )
        assert "nothing for the court to decide" in c.message
        assert result.document == base
        assert_loads_losslessly(result)
    result = merge(base, ours, theirs)
    assert result.resolve(c.path, "theirs", by="Gwen").final_document() == theirs
    assert result.resolve(c.path, "ours", by="Gwen").final_document() == ours


def test_changes_that_together_break_a_rule_of_the_document_become_one_conflict() -> None:
    agreed = all_areas_agreed(ParentingPlan.example())
    plan_status, status = coparent.model.PlanStatus, coparent.model.AgreementStatus
    base = attrs.evolve(agreed, status=plan_status.DRAFT)
    ours = attrs.evolve(agreed, status=plan_status.AGREED)  # marks the plan agreed
    theirs = with_health_agreement(base, status=status.SEEKING_HELP)  # asks for help
    for result in (merge(base, ours, theirs), merge(base, theirs, ours)):
        (c,) = result.conflicts
        assert (c.path, c.kind) == ("/status", ConflictKind.BREAKS_RULE)
        assert "cannot be agreed" in c.message
        assert result.document.status is plan_status.DRAFT
        assert result.document.health.agreement.status is status.SEEKING_HELP
        assert_loads_losslessly(result)
    # The last agreed status cannot be kept when both sides changed it and one opened an area:
    # the merge holds a side's value that keeps the plan valid, whichever side is ours.
    base = ours
    ours = attrs.evolve(theirs, status=plan_status.PROPOSED)
    theirs = attrs.evolve(base, status=plan_status.DRAFT)
    one, other = merge(base, ours, theirs), merge(base, theirs, ours)
    assert one.document == other.document
    assert [c.swapped() for c in one.conflicts] == list(other.conflicts)
    (c,) = one.conflicts
    assert (c.path, c.kind) == ("/status", ConflictKind.BREAKS_RULE)
    assert one.document.status in (plan_status.PROPOSED, plan_status.DRAFT)
    with pytest.raises(coparent.ValidationError, match="/status"):
        one.resolve(c.path, "base", by="Gwen")
    assert one.resolve(c.path, "ours", by="Gwen").final_document() == ours


def test_without_a_base_fields_a_rule_ties_are_one_conflict_and_others_are_not() -> None:
    status = coparent.model.AgreementStatus
    plan = ParentingPlan.example()
    ours = with_health_agreement(plan, status=status.AGREED, notes="Sorted")
    theirs = with_health_agreement(
        plan, status=status.COURT_TO_DECIDE, court_to_decide="Which GP", notes="Not sorted"
    )
    result = merge(None, ours, theirs)
    assert [(c.path, c.kind) for c in result.conflicts] == [
        ("/health/agreement", ConflictKind.NO_BASE)
    ]
    for choice, side in ((ResolutionChoice.THEIRS, theirs), (ResolutionChoice.OURS, ours)):
        assert resolve_all(result, choice).final_document() == side
    # Fields no rule ties together stay apart: any mix of them fits.
    theirs = with_health_agreement(ours, help_details="A mediator", notes="Not sorted")
    result = merge(None, ours, theirs)
    assert [c.path for c in result.conflicts] == [
        "/health/agreement/help_details",
        "/health/agreement/notes",
    ]


def test_without_a_base_a_rule_on_the_document_waits_for_the_other_conflict() -> None:
    plan_status, status = coparent.model.PlanStatus, coparent.model.AgreementStatus
    ours = with_health_agreement(
        attrs.evolve(ParentingPlan.example(), status=plan_status.DRAFT),
        status=status.SEEKING_HELP,
    )
    theirs = attrs.evolve(all_areas_agreed(ours), status=plan_status.AGREED)
    result = merge(None, ours, theirs)
    status_conflict = result.conflict("/status")
    # Marking the plan agreed while the health area still holds our "seeking help" is refused.
    with pytest.raises(coparent.ValidationError, match="/status: cannot be agreed"):
        result.resolve(status_conflict.path, "theirs", by="Gwen")
    assert resolve_all(result, ResolutionChoice.THEIRS).final_document() == theirs


@st.composite
def dated_holidays(draw: Any) -> coparent.model.Holiday:
    """Holidays with their own dates: one from term dates (neither start nor end) is given some."""
    holiday = draw(documents(coparent.model.Holiday))
    if holiday.start is None:
        recurs = coparent.model.HolidayRecurrence
        first = draw(st.dates())
        holiday = attrs.evolve(
            holiday,
            recurs=draw(st.sampled_from([recurs.ONCE, recurs.EVERY_YEAR])),
            start=first,
            end=draw(st.dates(min_value=first)),
        )
    return holiday


@given(dated_holidays(), st.data())
def test_edits_that_only_together_break_a_rule_never_crash(
    holiday: coparent.model.Holiday, data: st.DataObject
) -> None:
    base = ParentingPlan.example()
    la = base.living_arrangements

    def with_holiday(h: coparent.model.Holiday) -> ParentingPlan:
        return attrs.evolve(base, living_arrangements=attrs.evolve(la, holidays=(h,)))

    assert holiday.start is not None
    assert holiday.end is not None
    # Each side's edit keeps the holiday valid on its own: a new start, or a new end.
    start = data.draw(st.dates(max_value=holiday.end), label="start")
    end = data.draw(st.dates(min_value=holiday.start), label="end")
    event("together they break the rule" if start > end else "together they fit")
    ours = with_holiday(attrs.evolve(holiday, start=start))
    theirs = with_holiday(attrs.evolve(holiday, end=end))
    result = merge(with_holiday(holiday), ours, theirs)
    assert_loads_losslessly(result)
    (merged,) = result.document.living_arrangements.holidays
    if start <= end:
        assert result.is_complete
        assert (merged.start, merged.end) == (start, end)
    else:
        (c,) = result.conflicts
        assert c.kind is ConflictKind.BREAKS_RULE
        assert c.keys == ("living_arrangements", "holidays", holiday.id)
        assert merged == holiday
        assert result.resolve(c.path, "ours", by="Gwen").final_document() == ours


def test_the_review_meeting_guide_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import re
    from pathlib import Path

    guide = Path(__file__).resolve().parents[1] / "docs" / "review-meeting.md"
    blocks = re.findall(r"```python\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    namespace: dict[str, Any] = {}
    for block in blocks:
        if "final_document()       # raises" in block:
            block = block.replace("merged.final_document()       # raises", "# ")
        exec(compile(block, str(guide), "exec"), namespace)
    shown = capsys.readouterr().out
    assert "18 differences in 5 of 20 sections." in shown
    assert "4 conflicts to resolve." in shown
    assert namespace["merged"].is_complete
    assert namespace["plan"].living_arrangements.schedule.slots[1].end_time == time(18, 15)
    # 18 differences (10 of them the areas Siân reopened since June); the two in the Christmas
    # holiday are one conflict, and so are the 10 in the three areas (a rule ties the fields of
    # each: taking one field from each draft could give an agreed area that still seeks help).
    drafts = namespace["drafts"]
    assert len(drafts.conflicts) == 10
    areas = [c for c in drafts.conflicts if c.path.endswith("/agreement")]
    assert [(c.path, c.is_item) for c in areas] == [
        ("/living_arrangements/agreement", False),
        ("/money/agreement", False),
        ("/everyday_life/agreement", False),
    ]


SAVED_BY_5AC58B3 = Path(__file__).parent / "fixtures" / "merge" / "saved-by-5ac58b3.json"


def test_a_merge_saved_before_the_converter_read_it_still_loads_and_saves_the_same() -> None:
    text = SAVED_BY_5AC58B3.read_text(encoding="utf-8")
    result = MergeResult.from_json(text)
    assert [c.path for c in result.conflicts] == [
        "/living_arrangements/schedule/slots/wednesday-tea/end_time",
        "/living_arrangements/holidays/oct-half-term-2026",
        "/living_arrangements/holidays/christmas-2026/allocation",
    ]
    assert result.conflicts[1].is_item
    (r,) = result.resolutions
    assert r.path == "/updated_at"
    assert r.choice is ResolutionChoice.THEIRS
    assert r.at.microsecond == 123456
    assert r.at.utcoffset() is not None
    saved = json.loads(text)
    # The plan inside was saved at schema version 1: it is upgraded on load, and written back
    # at today's version; everything else is written back as it was read.
    assert result.document == coparent.from_dict(saved["document"], type(result.document))
    assert result.to_dict() == {**saved, "document": coparent.to_dict(result.document)}


def _saved() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(SAVED_BY_5AC58B3.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("where", "path", "why"),
    [
        ("conflicts", "/living_arrangements/no_such_field", "not a field or item"),
        ("conflicts", "/living_arrangements/holidays/no-such-holiday/start", "not a field or item"),
        ("resolutions", "/title/deeper", "not a field or item"),
        ("resolutions", "/living_arrangements/holidays/oct-half-term-2026", "still an open"),
    ],
)
def test_a_saved_merge_whose_paths_do_not_fit_the_document_is_refused(
    where: str, path: str, why: str
) -> None:
    data = _saved()
    data[where][-1]["path"] = path
    with pytest.raises(coparent.ValidationError) as e:
        MergeResult.from_dict(data)
    (problem,) = e.value.errors
    assert problem.path == f"/{where}/{len(data[where]) - 1}/path"
    assert path in problem.message
    assert why in problem.message


@pytest.mark.parametrize("broken", ["another kind", "a bad value"])
def test_a_saved_merge_with_a_broken_version_is_refused_by_path(broken: str) -> None:
    plan = ParentingPlan.example()
    data = merge(plan, plan, attrs.evolve(plan, title="A new title")).to_dict()
    assert [v["title"] for v in data["versions"]] == [plan.title, plan.title, "A new title"]
    if broken == "another kind":
        data["versions"][1] = coparent.to_dict(coparent.Referral.example())
    else:
        data["versions"][1]["status"] = "no such status"
    with pytest.raises(coparent.ValidationError) as e:
        MergeResult.from_dict(data)
    assert e.value.errors
    assert all(d.path.startswith("/versions/1") for d in e.value.errors)


def test_a_saved_merge_with_a_conflict_twice_is_refused() -> None:
    data = _saved()
    data["conflicts"].append(data["conflicts"][0])
    with pytest.raises(coparent.ValidationError, match="two open conflicts"):
        MergeResult.from_dict(data)


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity"])
def test_a_saved_merge_with_a_number_json_cannot_hold_is_refused(number: str) -> None:
    text = SAVED_BY_5AC58B3.read_text(encoding="utf-8")
    text = text.replace('"value": ', f'"value": {number}, "was": ', 1)
    with pytest.raises(coparent.ValidationError, match="not a number JSON allows"):
        MergeResult.from_json(text)


@settings(max_examples=max(1, settings().max_examples // 2))
@given(three_versions(), st.data())
def test_a_part_resolved_merge_saves_and_loads_with_every_path_checked(
    versions: tuple[Any, Any, Any], data: st.DataObject
) -> None:
    result = merge(*versions)
    for c in result.conflicts:
        if data.draw(st.booleans()):
            choice = data.draw(st.sampled_from([ResolutionChoice.OURS, ResolutionChoice.THEIRS]))
            try:
                result = result.resolve(c.path, choice, by="Gwen", audience=STAFF)
            except coparent.ValidationError:
                continue  # the chosen side breaks a rule with what is already resolved
    assert MergeResult.from_json(result.to_json()) == result


def test_two_additions_that_together_break_a_sections_rule_make_the_section_one_conflict() -> None:
    """Found by Hypothesis: each side records parent A's attendance on a programme under
    another id; together they break "one attendance record per parent"."""
    from coparent.model import ParentingProgramme, Programme, ProgrammeAttendance, ProgrammeReason

    base = attrs.evolve(
        coparent.Referral.example(),
        service=ParentingProgramme(
            programme=Programme.PLANNING_TOGETHER, reason=ProgrammeReason.BREACHED_ORDER
        ),
    )

    def attended(item_id: str) -> Any:
        record = ProgrammeAttendance(id=item_id, party=coparent.ParentRef.A)
        return attrs.evolve(base, service=attrs.evolve(base.service, attendance=(record,)))

    ours, theirs = attended("first"), attended("second")
    result = merge(base, ours, theirs)
    [conflict] = [c for c in result.conflicts if c.kind is ConflictKind.BREAKS_RULE]
    assert conflict.keys == ("service",)
    assert conflict.message == "one attendance record per parent"
    assert value_at(base, conflict.keys) == conflict.base
    assert conflict.ours != conflict.theirs
