"""The case record: the rules of referrals, sessions, reviews, orders and programmes, and the
migration of version 1 records."""

from __future__ import annotations

import copy
import json
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
from coparent import ParentRef, Referral, Review
from coparent.errors import FieldRuleError
from coparent.model import (
    Arrangement,
    Breach,
    ContactType,
    CourtOrder,
    ParentingProgramme,
    ProgrammeAttendance,
    ReferralStatus,
    ResponsibilityBasis,
    SessionRecord,
    StatusChange,
)
from coparent.model._examples import example_programme_referral
from test_examples import _empty_fields

ROOT = Path(__file__).resolve().parent.parent
RELEASED = ROOT / "tests" / "fixtures" / "released"
REFERRAL = Referral.example()


def _leaves(value: Any, path: str = "") -> list[tuple[str, bool]]:
    """Every field's path (list indexes dropped) and whether it holds a value there."""
    found: list[tuple[str, bool]] = []
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            found += _leaves(getattr(value, a.name), f"{path}/{a.name}")
    elif isinstance(value, tuple) and value:
        found.append((path, True))
        for item in value:
            found += _leaves(item, path)
    else:
        found.append((path, value not in ("", ()) and value is not None))
    return found


def _never_filled(value: Any) -> set[str]:
    leaves = _leaves(value)
    return {p for p, _ in leaves} - {p for p, filled in leaves if filled}


# --- the examples -------------------------------------------------------------------------


def test_the_example_referral_fills_the_case_record() -> None:
    # Every field of the case record holds a value somewhere in the example (a
    # grandmother's contact details and some risk details are left empty on purpose).
    allowed = ("/other_attendees/", "/risk/", "/referrer/contact/", "/parent_", "/children/")
    assert sorted(p for p in _never_filled(REFERRAL) if not p.startswith(allowed)) == []
    review = [p for p in _never_filled(Review.example()) if not p.startswith(allowed)]
    assert review == []


def test_the_programme_example_fills_the_programme_record() -> None:
    programme = example_programme_referral()
    assert isinstance(programme.service, ParentingProgramme)
    assert _empty_fields(programme.service) == [
        "/programme_name",
        "/attendance/1/completed_on",
        "/attendance/1/certificate_reference",
        "/attendance/1/notes",
    ]
    assert programme.court_order is not None
    assert programme.court_order.breaches[0].dates == (date(2026, 8, 14), date(2026, 8, 28))


def test_the_example_is_the_record_after_its_first_review() -> None:
    review = Review.example()
    assert REFERRAL.status is ReferralStatus.ACTIVE
    assert REFERRAL.current_arrangement == review.new_arrangement
    assert REFERRAL.arrangement_on(date(2026, 11, 14)).service is ContactType.SUPERVISED  # type: ignore[union-attr]
    assert REFERRAL.arrangement_on(date(2026, 11, 28)).service is ContactType.SUPPORTED  # type: ignore[union-attr]
    assert REFERRAL.arrangement_on(date(2026, 9, 1)) is None
    assert REFERRAL.reviews[-1].review_id == review.id
    assert REFERRAL.last_review == review.held_on
    assert [p.name for p in REFERRAL.responsibility_holders] == [
        "Siân Evans",
        "Tomasz Łukasz Nowak",
    ]


def test_case_record_round_trips_through_json() -> None:
    for doc in (REFERRAL, example_programme_referral(), Review.example()):
        assert coparent.from_json(coparent.to_json(doc), type(doc)) == doc


# --- rules that make a wrong record impossible -------------------------------------------


def test_court_dates_must_follow_each_other() -> None:
    order = REFERRAL.court_order
    assert order is not None
    with pytest.raises(FieldRuleError) as e:
        attrs.evolve(order, stop_date=date(2026, 9, 1))
    assert e.value.field == "stop_date"
    with pytest.raises(FieldRuleError) as e:
        attrs.evolve(order, final_hearing=date(2027, 1, 19))
    assert e.value.field == "final_hearing"
    with pytest.raises(FieldRuleError) as e:
        attrs.evolve(order, next_hearing=date(2026, 8, 31))
    assert e.value.field == "next_hearing"
    assert attrs.evolve(order, final_hearing=date(2027, 1, 20)).hearings == (date(2027, 1, 20),)


def test_a_bad_court_date_in_json_is_named_by_path() -> None:
    data = coparent.to_dict(REFERRAL)
    data["court_order"]["final_hearing"] = "2027-01-01"
    with pytest.raises(coparent.ValidationError) as e:
        coparent.from_dict(data, Referral)
    assert "/court_order/final_hearing" in str(e.value)


def test_a_session_cannot_be_both_held_and_missed() -> None:
    with pytest.raises(FieldRuleError, match="not missed"):
        SessionRecord(id="x", on=date(2026, 10, 3), attended=True, missed_by=ParentRef.B)
    with pytest.raises(FieldRuleError, match="not cancelled"):
        SessionRecord(id="x", on=date(2026, 10, 3), attended=True, cancelled_by="centre")  # type: ignore[arg-type]
    with pytest.raises(FieldRuleError, match="notice"):
        SessionRecord(id="x", on=date(2026, 10, 3), attended=False, notice_hours=2)
    with pytest.raises(FieldRuleError, match="actual"):
        SessionRecord(id="x", on=date(2026, 10, 3), attended=False, actual_start=time(10))
    with pytest.raises(FieldRuleError, match="planned start"):
        SessionRecord(
            id="x",
            on=date(2026, 10, 3),
            attended=True,
            planned_start=time(12),
            planned_end=time(10),
        )


def test_people_are_named_by_id_and_must_be_on_the_referral() -> None:
    assert REFERRAL.problems() == ()
    stranger = attrs.evolve(REFERRAL.sessions[0], attendees=("tomasz", "someone-else"))
    bad = attrs.evolve(REFERRAL, sessions=(stranger, *REFERRAL.sessions[1:]))
    assert [f for f, _ in bad.problems()] == ["sessions"]
    order = REFERRAL.court_order
    assert order is not None
    binds = attrs.evolve(order.conditions[0], binds=("nobody",))
    bad = attrs.evolve(REFERRAL, court_order=attrs.evolve(order, conditions=(binds,)))
    assert "person id" in bad.problems()[0][1]


def test_histories_out_of_date_order_are_reported_and_read_by_date() -> None:
    shuffled = attrs.evolve(
        REFERRAL,
        arrangements=tuple(reversed(REFERRAL.arrangements)),
        status_history=tuple(reversed(REFERRAL.status_history)),
    )
    assert [f for f, _ in shuffled.problems()] == ["status_history", "arrangements"]
    # Reading the record does not depend on the order it is stored in.
    assert shuffled.status is REFERRAL.status
    assert shuffled.current_arrangement == REFERRAL.current_arrangement
    assert shuffled.arrangement_on(date(2026, 11, 20)) == REFERRAL.arrangement_on(
        date(2026, 11, 20)
    )
    with pytest.raises(FieldRuleError):
        Breach(
            id="b",
            provision="x",
            by=ParentRef.A,
            dates=(date(2026, 8, 2),),
            found_on=date(2026, 8, 1),
        )


def test_a_programme_has_no_sessions_and_one_record_per_parent() -> None:
    programme = example_programme_referral()
    assert programme.problems() == ()
    with_sessions = attrs.evolve(programme, sessions=REFERRAL.sessions[:1])
    assert ("service", "programme") in [
        (f, "programme") for f, m in with_sessions.problems() if "programme" in m
    ]
    service = programme.service
    assert isinstance(service, ParentingProgramme)
    twice = (
        ProgrammeAttendance(id="a", party=ParentRef.A),
        ProgrammeAttendance(id="b", party=ParentRef.A),
    )
    with pytest.raises(FieldRuleError, match="one attendance"):
        attrs.evolve(service, attendance=twice)


def test_a_review_cannot_change_the_arrangement_before_it_was_held() -> None:
    review = Review.example()
    assert review.new_arrangement is not None
    early = attrs.evolve(review.new_arrangement, effective_from=date(2026, 11, 1))
    with pytest.raises(FieldRuleError):
        attrs.evolve(review, new_arrangement=early)
    with pytest.raises(FieldRuleError):
        attrs.evolve(review, next_review=review.held_on)


def test_parental_responsibility_has_a_basis() -> None:
    assert ResponsibilityBasis.SPECIAL_GUARDIANSHIP.holds
    assert not ResponsibilityBasis.NONE.holds
    without = attrs.evolve(
        REFERRAL, parent_b=attrs.evolve(REFERRAL.parent_b, parental_responsibility=None)
    )
    assert [p.id for p in without.responsibility_holders] == ["sian"]


# --- migration from version 1 --------------------------------------------------------------


def _v1(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (RELEASED / kind / "v1" / "example.json").read_text(encoding="utf-8")
    )
    return data


def test_v1_directions_become_conditions_word_for_word() -> None:
    old = _v1("referral")
    doc = coparent.from_dict(copy.deepcopy(old), Referral)
    assert doc.court_order is not None
    texts = {c.about.value: c.text for c in doc.court_order.conditions}
    order = old["court_order"]
    assert texts == {
        "behaviour": order["directions_behaviour"],
        "contact": order["directions_contact"],
        "handovers": order["directions_handovers"],
    }
    assert doc.parental_responsibility == old["parental_responsibility"]
    assert doc.status is ReferralStatus.RECEIVED
    assert doc.arrangements == ()


def test_v1_dates_that_v2_refuses_move_into_notes() -> None:
    old = _v1("referral")
    old["court_order"]["stop_date"] = "2026-08-01"  # Before the order, 2026-09-01.
    old["court_order"]["final_hearing"] = "2027-01-01"  # Before the next hearing.
    doc = coparent.from_dict(old, Referral)
    assert doc.court_order is not None
    assert (doc.court_order.stop_date, doc.court_order.final_hearing) == (None, None)
    assert "2026-08-01" in doc.notes
    assert "2027-01-01" in doc.notes
    assert doc.notes.startswith(old["notes"])


def test_v1_sessions_held_and_missed_keep_both_facts() -> None:
    old = _v1("review")
    old["sessions"][0]["missed_by"] = "parent_a"
    old["next_review"] = old["held_on"]
    doc = coparent.from_dict(old, Review)
    first = doc.sessions[0]
    assert first.attended
    assert first.missed_by is None
    assert "missed by parent_a" in first.notes
    assert doc.next_review is None
    assert old["held_on"] in doc.outcome_reason


# --- properties ----------------------------------------------------------------------------


@given(st.lists(st.dates(date(2026, 9, 1), date(2027, 3, 1)), min_size=1, max_size=8, unique=True))
def test_arrangement_on_is_the_latest_started(days: list[date]) -> None:
    days.sort()
    arrangements = tuple(
        Arrangement(id=f"a{i}", effective_from=d, service=ContactType.SUPPORTED)
        for i, d in enumerate(days)
    )
    referral = attrs.evolve(REFERRAL, arrangements=arrangements)
    for probe in (days[0] - timedelta(days=1), *days, days[-1] + timedelta(days=30)):
        found = referral.arrangement_on(probe)
        started = [a for a in arrangements if a.effective_from <= probe]
        assert found == (started[-1] if started else None)
    assert referral.current_arrangement == arrangements[-1]


@given(
    st.lists(st.sampled_from(list(ReferralStatus)), min_size=1, max_size=6),
    st.lists(st.integers(0, 20), min_size=6, max_size=6),
)
def test_status_is_the_last_change(statuses: list[ReferralStatus], gaps: list[int]) -> None:
    day = date(2026, 9, 14)
    changes = []
    for i, status in enumerate(statuses):
        day += timedelta(days=gaps[i])
        changes.append(StatusChange(id=f"c{i}", status=status, on=day))
    referral = attrs.evolve(REFERRAL, status_history=tuple(changes))
    assert referral.status is statuses[-1]


def test_a_court_order_needs_no_dates() -> None:
    assert CourtOrder(court="Family Court at Swansea").hearings == ()


# --- who may see what ---------------------------------------------------------------------


def test_staff_only_case_notes_never_reach_a_parent() -> None:
    assert any(s.incidents for s in REFERRAL.sessions)
    assert any(c.notes for c in REFERRAL.status_history)
    copy_for_b = coparent.redact(REFERRAL, coparent.Audience.parent(ParentRef.B))
    assert all(s.incidents == () for s in copy_for_b.sessions)
    assert all(c.notes == "" for c in copy_for_b.status_history)
