"""The Progress Summary: each area's status as data, and its PDF laid out like the Cafcass form."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import coparent
from coparent import Audience, ParentingPlan, ParentRef
from coparent.i18n import translate
from coparent.model import AgreementStatus, AreaAgreement, HelpKind
from coparent.model.introspect import spec_of
from coparent.progress import ProgressSummary, area_keys, progress_summary
from coparent.render.progress_summary import TITLE
from pdftext import pdf_reader, pdf_text, squash
from strategies import documents

AUDIENCES = [
    Audience.facilitator(),
    Audience.court(),
    Audience.parent(ParentRef.A),
    Audience.parent(ParentRef.B),
]


def test_the_summary_lists_every_area_in_the_plans_order_with_its_title() -> None:
    plan = ParentingPlan.example()
    summary = progress_summary(plan)
    assert [a.key for a in summary.areas] == list(area_keys())
    titles = {f.name: f.title for f in spec_of(ParentingPlan).fields}
    assert [a.title for a in summary.areas] == [titles[k] for k in area_keys()]
    assert [a.status for a in summary.areas] == [g.status for g in plan.area_agreements()]


def test_the_example_is_half_agreed() -> None:
    summary = progress_summary(ParentingPlan.example())
    assert [a.key for a in summary.seeking_help] == ["living_arrangements", "everyday_life"]
    assert [a.key for a in summary.for_the_court] == ["money"]
    assert len(summary.agreed) == len(summary.areas) - 3
    assert not summary.all_agreed
    money = summary.for_the_court[0]
    assert "nursery fees" in money.court_to_decide
    assert HelpKind.LEGAL_ADVICE in summary.seeking_help[0].help_sought


def test_an_empty_plan_has_nothing_discussed() -> None:
    plan = ParentingPlan(
        id=ParentingPlan.example().id,
        parent_a=ParentingPlan.example().parent_a,
        parent_b=ParentingPlan.example().parent_b,
    )
    summary = progress_summary(plan)
    assert summary.with_status(None) == summary.areas
    assert all(a.status_label == "Not discussed yet" for a in summary.areas)
    assert not summary.all_agreed


def test_all_agreed() -> None:
    plan = ParentingPlan.example()
    for key in area_keys():
        section = getattr(plan, key)
        plan = attrs.evolve(
            plan,
            **{key: attrs.evolve(section, agreement=AreaAgreement(status=AgreementStatus.AGREED))},
        )
    assert progress_summary(plan).all_agreed


def test_progress_summary_takes_a_plan() -> None:
    with pytest.raises(TypeError):
        progress_summary(Path("plan.json"))  # type: ignore[arg-type]


@given(documents(ParentingPlan))
@settings(max_examples=30)
def test_any_plans_summary_matches_its_areas(plan: ParentingPlan) -> None:
    summary = progress_summary(plan)
    assert isinstance(summary, ProgressSummary)
    assert len(summary.areas) == len(area_keys())
    for area, agreement in zip(summary.areas, plan.area_agreements(), strict=True):
        assert (area.status, area.help_sought, area.court_to_decide, area.notes) == (
            agreement.status,
            agreement.help_sought,
            agreement.court_to_decide,
            agreement.notes,
        )
    counted = len(summary.agreed) + len(summary.seeking_help) + len(summary.for_the_court)
    assert counted + len(summary.with_status(None)) == len(summary.areas)


# --- the PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: str(a.parent_ref or a.kind))
def test_the_pdf_reads_like_the_cafcass_form(audience: Audience) -> None:
    summary = progress_summary(ParentingPlan.example())
    data = coparent.render_pdf(summary, audience=audience)
    text = pdf_text(data)
    flat = squash(text)
    assert TITLE in text
    assert "Siân Evans and Tomasz Łukasz Nowak" in text
    assert "Mia Nowak-Evans, born 29 February 2016" in text
    assert "11 of 14 areas agreed; 2 seeking further help; 1 for a court to decide" in text
    for number, area in enumerate(summary.areas, start=1):
        assert squash(f"{number}. {area.title}") in flat
    # Each area offers the three Cafcass choices, one ticked.
    for status in AgreementStatus:
        assert text.count(status.label) >= len(summary.areas)
    assert text.count("[X]") == len(summary.areas)
    assert squash("[X] We need a court to help us decide") in flat
    assert squash("The court is asked to decide: Who pays for Osian's nursery fees") in flat
    assert squash("Help: A child contact centre; Legal advice;") in flat
    assert squash("Help: A parenting programme, such as Planning Together for Children") in flat
    assert text.count("Signature") == 2
    assert "Copy for:" in text
    reader = pdf_reader(data)
    assert reader.metadata is not None
    assert reader.metadata.title == TITLE
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert "Where we are, area by area" in outline


def test_the_pdf_says_when_an_area_was_not_discussed() -> None:
    plan = ParentingPlan.example()
    plan = attrs.evolve(plan, guardian=attrs.evolve(plan.guardian, agreement=AreaAgreement()))
    text = pdf_text(coparent.render_pdf(progress_summary(plan), audience=Audience.court()))
    assert "Not discussed yet." in text
    assert text.count("[X]") == len(area_keys()) - 1


def test_the_same_summary_gives_the_same_bytes_and_writes_the_file(tmp_path: Path) -> None:
    summary = progress_summary(ParentingPlan.example())
    first = coparent.render_pdf(summary, tmp_path / "summary.pdf", audience=Audience.court())
    assert first == coparent.render_pdf(summary, audience=Audience.court())
    assert (tmp_path / "summary.pdf").read_bytes() == first
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_pdf_needs_an_audience() -> None:
    summary = progress_summary(ParentingPlan.example())
    with pytest.raises(coparent.RenderError, match="audience"):
        coparent.render_pdf(summary, audience=None)  # type: ignore[arg-type]  # the point


@given(documents(ParentingPlan))
@settings(max_examples=8, deadline=None)
def test_any_plans_summary_renders_with_every_area(plan: ParentingPlan) -> None:
    summary = progress_summary(plan)
    flat = squash(pdf_text(coparent.render_pdf(summary, audience=Audience.facilitator())))
    for area in summary.areas:
        # In the plan's own language: a plan tagged cy-GB gives a Welsh summary.
        assert squash(translate(area.title, plan.language)) in flat
