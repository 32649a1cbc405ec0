"""PDF rendering: every document kind, any script, deterministic bytes, atomic files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
from coparent import Audience, ParentingPlan, ParentRef, Referral, RenderError, Review
from coparent.model import Child, PlanStatus
from coparent.model.introspect import spec_of
from pdftext import normalise, pdf_reader, pdf_text, squash
from strategies import documents

DOCS = [ParentingPlan, Referral, Review]
AUDIENCES = [
    Audience.facilitator(),
    Audience.court(),
    Audience.parent(ParentRef.A),
    Audience.parent(ParentRef.B),
]
SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def example_pdfs() -> dict[tuple[str, str], bytes]:
    return {
        (cls.KIND, a.name): coparent.render_pdf(cls.example(), audience=a)
        for cls in DOCS
        for a in AUDIENCES
    }


@pytest.mark.parametrize("cls", DOCS)
@pytest.mark.parametrize("audience", AUDIENCES, ids=lambda a: a.name)
def test_every_example_renders_for_every_audience(
    example_pdfs: dict[tuple[str, str], bytes], cls: type[Any], audience: Audience
) -> None:
    data = example_pdfs[(cls.KIND, audience.name)]
    assert data.startswith(b"%PDF-")
    reader = pdf_reader(data)
    n = len(reader.pages)
    assert n >= 2
    first = normalise(reader.pages[0].extract_text())
    last = normalise(reader.pages[-1].extract_text())
    assert f"Page 1 of {n}" in first
    assert f"Page {n} of {n}" in last
    doc = cls.example()
    assert str(doc.id) in first  # the id is on every page, in the footer
    assert f"For: {audience.label}" in first


def test_the_plan_has_its_sections_in_order_with_field_titles_as_labels(
    example_pdfs: dict[tuple[str, str], bytes],
) -> None:
    text = pdf_text(example_pdfs[("parenting_plan", "facilitator")])
    # Every section, list and long answer of the plan, numbered in the model's order.
    parts = [
        f.title
        for f in spec_of(ParentingPlan).fields
        if not (f.kind.is_scalar and not f.info.long_text) and not f.info.names_item
    ]
    assert len(parts) >= 12
    positions = [text.find(f"{n}. {t}") for n, t in enumerate(parts, 1)]
    assert -1 not in positions
    assert positions == sorted(positions)
    comm = spec_of(coparent.model.Communication)
    assert all(squash(f.title) in squash(text) for f in comm.fields)
    assert coparent.model.ContactMethod.APP.label in text
    assert "Signature" in text
    assert text.count("Date") >= 2


def test_pdf_metadata_language_and_bookmarks(example_pdfs: dict[tuple[str, str], bytes]) -> None:
    reader = pdf_reader(example_pdfs[("parenting_plan", "parent_a")])
    plan = ParentingPlan.example()
    assert reader.metadata is not None
    assert reader.metadata.title == plan.title
    assert reader.metadata.author == "coparent"
    assert reader.metadata.subject == "Parenting plan"
    assert reader.trailer["/Root"]["/Lang"] == plan.language
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "5. The plan and the court" in outline
    assert "6. Communication" in outline
    assert "Signatures" in outline


@pytest.mark.parametrize(
    ("status", "mark"),
    [
        (PlanStatus.DRAFT, "DRAFT: not agreed"),
        (PlanStatus.PROPOSED, "PROPOSED: not yet agreed"),
        (PlanStatus.AGREED, None),
    ],
)
def test_status_is_shown_on_every_page_until_agreed(status: PlanStatus, mark: str | None) -> None:
    plan = attrs.evolve(_every_area_agreed(ParentingPlan.example()), status=status)
    reader = pdf_reader(coparent.render_pdf(plan, audience=Audience.facilitator()))
    pages = [normalise(p.extract_text()) for p in reader.pages]
    if mark is None:
        assert "AGREED by both parents" in pages[0]
        assert not any("DRAFT" in p or "PROPOSED" in p for p in pages)
    else:
        assert all(mark in p for p in pages)


def _every_area_agreed(plan: ParentingPlan) -> ParentingPlan:
    """``plan`` with each area still open (seeking help, for a court) marked agreed: a plan
    cannot be agreed while an area is open."""
    agreed = coparent.model.AreaAgreement(status=coparent.model.AgreementStatus.AGREED)
    changes = {}
    for f in spec_of(ParentingPlan).fields:
        section = getattr(plan, f.name)
        if getattr(getattr(section, "agreement", None), "is_open", False):
            changes[f.name] = attrs.evolve(section, agreement=agreed)
    assert changes  # the example has open areas
    return attrs.evolve(plan, **changes)


def test_empty_sections_say_not_yet_discussed() -> None:
    example = ParentingPlan.example()
    plan = ParentingPlan(id=example.id, parent_a=example.parent_a, parent_b=example.parent_b)
    text = pdf_text(coparent.render_pdf(plan, audience=Audience.facilitator()))
    for title in ("Communication", "Money", "Education", "Health"):
        start = text.index(f". {title}\n")
        assert "Not yet discussed" in text[start : start + 200]
    assert text.count("Not yet discussed") >= 9


NAMES = ["Zoë", "Łukasz", "Şahin", "Siân", "Gwenllïan", "ŵŷ", "Γιώργος", "Дмитрий",
         "محمد", "عمران خان", "بڑے", "রহিম", "e\u0301cole"]  # fmt: skip


def test_names_in_any_script_come_back_out() -> None:
    example = ParentingPlan.example()
    children = tuple(
        Child(id=f"c{i}", name=name, needs=f"{name} needs") for i, name in enumerate(NAMES)
    )
    plan = attrs.evolve(example, children=children)
    text = pdf_text(coparent.render_pdf(plan, audience=Audience.facilitator()))
    for name in NAMES:
        # pypdf gives right-to-left words in visual order: look for each word.
        for word in normalise(name).split():
            assert word in text, name
    assert "[U+" not in text


def test_a_character_no_font_has_is_shown_as_its_code_point_and_listed() -> None:
    plan = attrs.evolve(ParentingPlan.example(), notes="Family name: 中村 (Nakamura) \U0001f600")
    text = pdf_text(coparent.render_pdf(plan, audience=Audience.facilitator()))
    assert "Family name: [U+4E2D][U+6751] (Nakamura) [U+1F600]" in text
    tail = text[text.index("Characters that could not be printed") :]
    assert "U+1F600, U+4E2D, U+6751" in tail


def test_long_text_long_words_and_urls_wrap_across_pages() -> None:
    url = "https://example.org/" + "a-very-long-path/" * 200
    word = "x" * 5000
    long_text = "A long paragraph that goes on. " * 600
    example = ParentingPlan.example()
    comm = attrs.evolve(example.communication, frequency=url, disagreements=word)
    plan = attrs.evolve(example, communication=comm, notes=long_text)
    data = coparent.render_pdf(plan, audience=Audience.facilitator())
    text = squash(pdf_text(data))
    # A value that breaks across a page has the running footer and header in between.
    running = r"Page\d+of\d+Plan.*?For:Facilitator|(DRAFT|PROPOSED):not(yet)?agreed(bybothparents)?"
    assert squash(url) in re.sub(running, "", text)
    # The word breaks across a page, with the running footer and header in between.
    assert sum(len(run) for run in re.findall("x{20,}", text)) == len(word)
    pages = len(pdf_reader(data).pages)
    assert text.count("Alongparagraphthatgoeson.") >= 600 - pages  # a page break may split one
    assert pages > len(
        pdf_reader(coparent.render_pdf(example, audience=Audience.facilitator())).pages
    )


@pytest.mark.parametrize("cls", DOCS)
def test_output_is_byte_identical_across_runs_and_processes(cls: type[Any]) -> None:
    doc = cls.example()
    audience = Audience.parent(ParentRef.B)
    once = coparent.render_pdf(doc, audience=audience)
    assert coparent.render_pdf(doc, audience=audience) == once
    script = (
        "import sys, coparent\n"
        f"doc = coparent.{cls.__name__}.example()\n"
        "a = coparent.Audience.parent(coparent.ParentRef.B)\n"
        "sys.stdout.buffer.write(coparent.render_pdf(doc, audience=a))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(SRC)}
    other = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, check=True
    ).stdout
    assert other == once


def test_creation_date_comes_from_the_document() -> None:
    plan = ParentingPlan.example()
    reader = pdf_reader(coparent.render_pdf(plan, audience=Audience.court()))
    assert reader.metadata is not None
    assert plan.updated_at is not None
    assert reader.metadata.creation_date == plan.updated_at
    undated = attrs.evolve(plan, updated_at=None)
    a = coparent.render_pdf(undated, audience=Audience.court())
    assert a == coparent.render_pdf(undated, audience=Audience.court())


def test_writing_to_a_path_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.pdf"
    plan = ParentingPlan.example()
    data = coparent.render_pdf(plan, target, audience=Audience.facilitator())
    assert target.read_bytes() == data

    import coparent.render._layout as layout

    def boom(self: Any) -> bytes:
        raise MemoryError("out of memory part-way")

    monkeypatch.setattr(layout.Writer, "output", boom)
    made: list[Any] = []
    real_init = layout.Writer.__init__

    def spy(self: Any, **options: Any) -> None:
        real_init(self, **options)
        made.append(self)

    monkeypatch.setattr(layout.Writer, "__init__", spy)
    with pytest.raises(RenderError, match="could not lay out the parenting_plan"):
        coparent.render_pdf(plan, target, audience=Audience.parent(ParentRef.A))
    # The failed render closed the font files fpdf2 opened (else a ResourceWarning, later).
    fonts = [font for w in made for font in w.pdf.fonts.values()]
    assert fonts
    assert all(font.ttfont.reader is None for font in fonts)  # fontTools: closed
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        coparent.render_pdf(ParentingPlan.example(), target, audience=Audience.court())
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_the_audience_must_be_given_and_be_an_audience() -> None:
    plan = ParentingPlan.example()
    with pytest.raises(TypeError):
        coparent.render_pdf(plan)  # type: ignore[call-arg]  # leaving it out is the point
    with pytest.raises(RenderError, match="audience must be"):
        coparent.render_pdf(plan, audience="parent_a")  # type: ignore[arg-type]  # as above
    with pytest.raises(RenderError, match="cannot render a dict"):
        coparent.render_pdf({}, audience=Audience.court())  # type: ignore[arg-type]  # as above


def test_the_render_command_writes_a_pdf(tmp_path: Path) -> None:
    from coparent.cli import main

    source = tmp_path / "referral.json"
    coparent.dump(Referral.example(), source)
    out = tmp_path / "referral.pdf"
    assert main(["render", str(source), "-o", str(out), "--audience", "parent_b"]) == 0
    assert out.read_bytes() == coparent.render_pdf(
        Referral.example(), audience=Audience.parent(ParentRef.B)
    )
    with pytest.raises(SystemExit):
        main(["render", str(source), "-o", str(out), "--audience", "mother"])


def test_the_plan_has_a_month_calendar_with_initials() -> None:
    plan = ParentingPlan.example()
    data = coparent.render_pdf(plan, audience=Audience.facilitator())
    text = pdf_text(data)
    grid = coparent.month_grid(plan, 2026, 12)
    (ia, ib), (na, nb) = grid.initials, grid.names
    assert f"{ia} = {na}, {ib} = {nb}" in text
    assert _months(text) == ["November 2026", "December 2026", "January 2027"]
    # Each day's initials, in order, as the calendar module works them out.
    december = text[text.index("December 2026") :]
    for week in grid.weeks:
        for day in week:
            if day.in_month and len(set(day.parents)) > 1:
                marks = " › ".join(grid.initials[0 if p is ParentRef.A else 1] for p in day.parents)
                assert marks in december


def test_the_calendar_months_can_be_chosen_and_never_depend_on_today() -> None:
    from datetime import date

    plan = ParentingPlan.example()
    text = pdf_text(
        coparent.render_pdf(
            plan, audience=Audience.facilitator(), calendar_from=date(2027, 7, 1), months=2
        )
    )
    assert _months(text) == ["July 2027", "August 2027"]
    # Weekly times only: a rota needs the day it starts.
    schedule = attrs.evolve(
        plan.living_arrangements.schedule, starts_on=None, cycle_days=None, cycle_slots=()
    )
    undated = attrs.evolve(
        plan,
        updated_at=None,
        living_arrangements=attrs.evolve(plan.living_arrangements, schedule=schedule),
    )
    text = pdf_text(coparent.render_pdf(undated, audience=Audience.facilitator()))
    assert "No calendar: the plan has no date to start from" in text


def _months(text: str) -> list[str]:
    """The titles of the month grids: a month and year on a line before the legend."""
    return re.findall(r"^(\w+ \d{4})\n.+ = .+, \? = not settled", text, re.M)


@pytest.mark.parametrize("cls", DOCS)
@settings(max_examples=10)
@given(data=st.data())
def test_any_generated_document_renders_for_the_facilitator(
    cls: type[Any], data: st.DataObject
) -> None:
    doc = data.draw(documents(cls))
    # In English whatever the document's language (the Welsh footer has its own test).
    pdf = coparent.render_pdf(doc, audience=Audience.facilitator(), locale="en")
    reader = pdf_reader(pdf)
    n = len(reader.pages)
    assert f"Page {n} of {n}" in normalise(reader.pages[-1].extract_text())
    assert coparent.render_pdf(doc, audience=Audience.facilitator(), locale="en") == pdf


def _loads_fpdf(statements: str) -> bool:
    """Whether running ``statements`` in a fresh interpreter imports fpdf2."""
    code = f"import sys\n{statements}\nprint('fpdf' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.strip() == "True"


def test_importing_render_does_not_import_fpdf_until_a_pdf_is_made() -> None:
    shown = "import coparent.render\ncoparent.ParentingPlan.example()._repr_html_()"
    assert not _loads_fpdf(
        shown.replace("import coparent.render", "import coparent, coparent.render")
    )
    made = "import coparent\nfrom coparent.render import render_pdf\nrender_pdf"
    assert _loads_fpdf(made)


# -- one value formatter: a value reads the same in the diff, HTML, text and every PDF --------


def _one_formatter_cases() -> list[tuple[str, Any, Any]]:
    """(what, changed plan, example plan): each changes one kind of value of the example."""
    from datetime import timedelta

    plan = ParentingPlan.example()
    cases: list[tuple[str, Any, Any]] = []
    for e in plan.money.expenses:
        if e.amount_pence is None:
            continue
        cheaper = tuple(
            attrs.evolve(x, amount_pence=(x.amount_pence or 0) + 1) if x is e else x
            for x in plan.money.expenses
        )
        cases.append((f"amount of {e.id}", attrs.evolve(plan, money=attrs.evolve(
            plan.money, expenses=cheaper)), plan))  # fmt: skip
    for c in plan.children:
        if c.date_of_birth is None:
            continue
        younger = attrs.evolve(c, date_of_birth=c.date_of_birth + timedelta(days=1))
        kids = tuple(younger if x is c else x for x in plan.children)
        cases.append((f"birthday of {c.id}", attrs.evolve(plan, children=kids), plan))
    return cases


def test_the_one_formatter_cases_cover_money_and_dates() -> None:
    whats = [what for what, _, _ in _one_formatter_cases()]
    assert sum(w.startswith("amount") for w in whats) >= 2
    assert sum(w.startswith("birthday") for w in whats) >= 2


@pytest.mark.parametrize("case", _one_formatter_cases(), ids=lambda c: c[0])
def test_one_value_reads_the_same_in_the_diff_html_text_and_pdf(
    case: tuple[str, Any, Any],
) -> None:
    import html as html_module

    from coparent.formatting import format_field, item_name
    from coparent.render.html import to_html
    from coparent.render.text import to_text

    changed, plan, full = case[1], case[2], Audience.facilitator()
    result = coparent.diff(changed, plan)
    (d,) = result.differences
    # The example plan's own value at the difference, as the one formatter reads it.
    leaf = spec_of(type(_owner(plan, d.keys))).by_name[d.keys[-1]]
    expected = format_field(leaf, getattr(_owner(plan, d.keys), d.keys[-1]))
    named = item_name(type(_owner(plan, d.keys)), _owner(plan, d.keys))
    assert expected not in {str(getattr(_owner(plan, d.keys), d.keys[-1]))}  # not the raw value
    outputs = {
        "diff text": to_text(result, audience=full),
        "diff HTML": html_module.unescape(to_html(result, audience=full)),
        "plan text": to_text(plan, audience=full),
        "plan HTML": html_module.unescape(to_html(plan, audience=full)),
        "plan PDF": pdf_text(coparent.render_pdf(plan, audience=full, months=0)),
        "report PDF": pdf_text(coparent.render_pdf(result, audience=full)),
    }
    for where, text in outputs.items():
        assert squash(expected) in squash(text), where
        assert squash(named) in squash(text), where


def _owner(doc: Any, keys: tuple[str, ...]) -> Any:
    """The object that holds the field at ``keys`` (field names and item ids)."""
    obj = doc
    for key in keys[:-1]:
        obj = next(x for x in obj if x.id == key) if isinstance(obj, tuple) else getattr(obj, key)
    return obj


@pytest.mark.parametrize("locale", ["en", "cy"])
def test_a_name_the_table_shortens_is_shown_whole_under_the_item(locale: str) -> None:
    """A safety condition is named "{kind}: {details}" in its table, cut to one line; the
    details must still reach the PDF whole (in Welsh the kind's label alone is 55 letters)."""
    plan = ParentingPlan.example()
    details = (
        "Handovers happen inside the centre's front room with a member of staff present, "
        "never in the car park or on the street outside"
    )
    (first, *rest) = plan.safety.conditions
    conditions = (attrs.evolve(first, details=details), *rest)
    plan = attrs.evolve(plan, safety=attrs.evolve(plan.safety, conditions=conditions))
    names = [coparent.formatting.item_name(type(c), c) for c in conditions]
    assert details not in names[0]  # the table's name is cut ...
    text = squash(
        pdf_text(coparent.render_pdf(plan, audience=Audience.facilitator(), locale=locale))
    )
    assert squash(details) in text  # ... and the details are shown whole below it
    for condition in rest:
        assert squash(condition.details) in text
