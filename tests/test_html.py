"""The HTML and text forms of documents: escaped, complete, accessible, labelled from metadata."""

from __future__ import annotations

import html as html_module
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.model
import coparent.redaction
from coparent import ParentingPlan, Referral, Review
from coparent.model import Person
from coparent.model.introspect import Kind, spec_of
from coparent.render.html import NOT_DISCUSSED, html_page, notebook_html, to_html
from coparent.render.text import to_text
from strategies import any_document, documents

ALLOWED_TAGS = {"section", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th"}
ALLOWED_TAGS |= {"td", "p", "br", "small"}
#: The reader who sees everything.
FULL = "facilitator"


class _Collector(HTMLParser):
    """Records the tags, their attributes, the open-tag stack and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attributes)))
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(fragment: str) -> _Collector:
    parser = _Collector()
    parser.feed(fragment)
    parser.close()
    return parser


def _unfilled(obj: Any) -> bool:
    """Whether ``obj`` is its class with nothing filled in (it says "Not yet discussed")."""
    try:
        return bool(obj == type(obj)())
    except (TypeError, ValueError):
        return False


def _shown_strings(obj: Any) -> list[str]:
    """Every piece of user text in ``obj`` that a person should see (all but item ids).

    A section nobody filled in says "Not yet discussed" instead: what it holds is only its
    defaults (a plan's time zone, say), not text anyone gave.
    """
    found: list[str] = []
    for f in spec_of(type(obj)).fields:
        if f.kind is Kind.ID:
            continue
        value = getattr(obj, f.name)
        values = value if isinstance(value, tuple) else (value,)
        for v in values:
            if attrs.has(type(v)):
                if not _unfilled(v):
                    found += _shown_strings(v)
            elif isinstance(v, str) and not isinstance(v, coparent.model.Choice) and v.strip():
                found.append(v)
    return found


@given(any_document())
def test_html_escapes_all_user_text_and_loses_none(doc: Any) -> None:
    parsed = _parse(to_html(doc, audience=FULL))
    # Only the renderer's own tags: any "<" in user text stayed text.
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    assert parsed.balanced
    assert not parsed.stack
    text = "".join(parsed.text)
    for value in _shown_strings(doc):
        for piece in value.split("\n"):
            assert piece in text


@given(any_document())
def test_headings_go_down_one_level_at_a_time_and_headers_have_scope(doc: Any) -> None:
    parsed = _parse(to_html(doc, audience=FULL))
    levels = [int(tag[1]) for tag, _ in parsed.tags if re.fullmatch(r"h[2-6]", tag)]
    assert levels[0] == 2
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1
    for tag, attributes in parsed.tags:
        if tag == "th":
            assert attributes.get("scope") in ("row", "col")


@given(any_document())
def test_text_form_shows_every_piece_of_user_text(doc: Any) -> None:
    text = to_text(doc, audience=FULL)
    for value in _shown_strings(doc):
        for line in value.splitlines():
            assert line in text


@given(documents(coparent.model.Communication))
def test_a_section_shows_itself_too(section: coparent.model.Communication) -> None:
    assert section._repr_html_() == notebook_html(section)
    assert to_html(section, audience=FULL).count("<h2>") == 1


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
def test_a_notebook_shows_only_what_every_reader_may_see(cls: type[Any]) -> None:
    doc = cls.example()
    shown = doc._repr_html_()
    assert shown == notebook_html(doc)
    assert "coparent.Audience.facilitator()" in shown  # how to see more
    assert _parse(shown).balanced
    for name in ("parent_a", "parent_b"):
        audience = coparent.Audience.parse(name)
        visible = str(coparent.to_dict(coparent.redact(doc, audience)))
        for _, value in coparent.redaction.withheld_values(doc, audience):
            if value not in visible:
                assert html_module.escape(value) not in shown


def test_str_and_repr_are_not_the_text_form() -> None:
    plan = ParentingPlan.example()
    assert plan.parent_a.name not in str(plan)
    assert plan.parent_a.name not in repr(plan)
    assert plan.parent_a.name in to_text(plan, audience=FULL)


def test_the_audience_must_be_given() -> None:
    plan = ParentingPlan.example()
    with pytest.raises(TypeError):
        to_html(plan)  # type: ignore[call-arg]  # the point: there is no default
    with pytest.raises(TypeError):
        to_text(plan)  # type: ignore[call-arg]
    with pytest.raises(coparent.CoparentError, match="needs an audience"):
        to_html(plan, audience=None)
    with pytest.raises(coparent.CoparentError, match="needs an audience"):
        to_text(plan, audience=None)


def test_script_in_a_name_is_shown_as_text() -> None:
    plan = attrs.evolve(
        ParentingPlan.example(),
        parent_b=Person(id="b", name="<script>alert('x')</script> & co"),
    )
    out = to_html(plan, audience=FULL)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in out


def test_labels_come_from_field_metadata_and_enum_labels() -> None:
    plan = ParentingPlan.example()
    out = to_html(plan, audience=FULL)
    frequency = spec_of(coparent.model.Communication).by_name["frequency"]
    assert f'<th scope="row">{frequency.title}</th>' in out
    assert f"<td>{plan.status.label}</td>" in out
    holidays = spec_of(coparent.model.LivingArrangements).by_name["holidays"]
    assert f">{holidays.title}</h4>" in out
    assert '<th scope="col">First day</th>' in out
    # Dates read as a person writes them, not as ISO strings.
    assert "29 February 2016" in out


def test_empty_sections_say_not_yet_discussed() -> None:
    plan = ParentingPlan(
        id=coparent.model.new_uuid(),
        parent_a=Person(id="a", name="Sam"),
        parent_b=Person(id="b", name="Alex"),
    )
    out = to_html(plan, audience=FULL)
    sections = [
        f for f in spec_of(ParentingPlan).fields if f.kind is Kind.SECTION and f.cls is not Person
    ]
    assert len(sections) == 15
    for f in sections:
        assert f'<h3>{f.title}</h3>\n<p class="coparent-empty">{NOT_DISCUSSED}</p>' in out
    assert "Communication: Not yet discussed" in to_text(plan, audience=FULL)
    assert to_html(plan.communication, audience=FULL).endswith(f"{NOT_DISCUSSED}</p>\n</section>")


def test_a_filled_section_does_not_say_not_yet_discussed() -> None:
    section = coparent.model.Health(gp="Dr Jones, Canton Surgery")
    out = to_html(section, audience=FULL)
    assert '<h2>Health</h2>\n<p class="coparent-empty">' not in out
    assert "GP: Dr Jones, Canton Surgery" in to_text(section, audience=FULL)
    # Only its agreement, which nobody has filled in yet, says so, under its own heading.
    agreement = spec_of(coparent.model.Health).by_name["agreement"].title
    assert out.count(NOT_DISCUSSED) == 1
    assert f'<h3>{agreement}</h3>\n<p class="coparent-empty">{NOT_DISCUSSED}</p>' in out
    agreed = coparent.model.AreaAgreement(status=coparent.model.AgreementStatus.AGREED)
    assert NOT_DISCUSSED not in to_html(attrs.evolve(section, agreement=agreed), audience=FULL)


def test_only_documents_and_their_parts_can_be_shown() -> None:
    with pytest.raises(coparent.CoparentError, match="pass a coparent document"):
        to_html({"name": "Sam"}, audience=FULL)


def test_a_standalone_page_starts_at_h1_in_the_documents_language() -> None:
    plan = attrs.evolve(ParentingPlan.example(), language="cy-GB", title="Cynllun <Mia>")
    page = html_page(plan, audience=FULL)
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy-GB">')
    # A cy-GB plan's page is in Welsh: coparent's own words too, not only the user's.
    assert "<title>Cynllun rhianta: Cynllun &lt;Mia&gt;</title>" in page
    parsed = _parse(page.split("<main>", 1)[1].split("</main>", 1)[0])
    levels = [int(tag[1]) for tag, _ in parsed.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1
    assert levels.count(1) == 1


def test_heading_level_is_checked() -> None:
    assert to_html(coparent.model.Health(), audience=FULL, heading_level=4).startswith(
        '<section class="coparent">\n<h4>'
    )
    with pytest.raises(coparent.CoparentError, match="heading_level"):
        to_html(coparent.model.Health(), audience=FULL, heading_level=7)


AUDIENCES = st.sampled_from(["facilitator", "court", "parent_a", "parent_b"])


@settings(max_examples=50)
@given(any_document(), AUDIENCES)
def test_an_audience_sees_the_redacted_document(doc: Any, name: str) -> None:
    audience = coparent.Audience.parse(name)
    redacted = coparent.redact(doc, audience)
    assert to_html(doc, audience=name) == to_html(redacted, audience=name)
    assert to_html(doc, audience=audience) == to_html(redacted, audience=name)
    assert to_text(doc, audience=name) == to_text(redacted, audience=name)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
def test_nothing_withheld_reaches_a_parent(cls: type[Any]) -> None:
    doc = cls.example()
    for name in ("parent_a", "parent_b"):
        audience = coparent.Audience.parse(name)
        html, text = to_html(doc, audience=name), to_text(doc, audience=name)
        # Values that are also shown elsewhere (a name in a withheld order, say) stay visible.
        visible = str(coparent.to_dict(coparent.redact(doc, audience)))
        withheld = [
            v for _, v in coparent.redaction.withheld_values(doc, audience) if v not in visible
        ]
        assert withheld or name == "parent_a"
        for value in withheld:
            assert html_module.escape(value) not in html
            assert value not in text


def test_the_confidential_address_is_withheld_from_the_other_parent_only() -> None:
    plan = ParentingPlan.example()
    assert plan.parent_a.contact_details_confidential
    address = plan.parent_a.contact.address
    assert address is not None
    assert address.line1 in to_html(plan, audience="parent_a")
    assert address.line1 in to_html(plan, audience="facilitator")
    assert address.line1 not in to_html(plan, audience="parent_b")


def test_a_part_of_a_document_shows_a_parent_nothing_confidential() -> None:
    person = ParentingPlan.example().parent_a
    assert person.contact_details_confidential
    assert person.contact.phone is not None
    assert person.contact.phone in to_html(person, audience=FULL)
    for name in ("parent_a", "parent_b"):
        assert person.contact.phone not in to_html(person, audience=name)
        assert person.contact.phone not in to_text(person, audience=name)
    with pytest.raises(coparent.CoparentError, match="unknown audience"):
        to_html(ParentingPlan.example(), audience="neighbour")


def test_diffs_keep_their_own_html_and_are_redacted_too() -> None:
    base = ParentingPlan.example()
    other = attrs.evolve(
        base,
        parent_a=attrs.evolve(
            base.parent_a, contact=attrs.evolve(base.parent_a.contact, phone="07700 900999")
        ),
    )
    result = coparent.diff(base, other)
    assert to_html(result, audience=FULL) == result._repr_html_()
    assert to_text(result, audience=FULL) == str(result)
    assert "07700 900999" in to_html(result, audience=FULL)
    assert "07700 900999" not in to_text(result, audience="parent_b")
    assert "07700 900999" not in to_html(result, audience="parent_b")


def test_every_result_shows_itself_with_user_text_escaped() -> None:
    from datetime import date

    base = ParentingPlan.example()
    evil = "<script>alert(1)</script>"
    ours = attrs.evolve(base, parent_b=attrs.evolve(base.parent_b, preferred_name=evil))
    theirs = attrs.evolve(base, communication=attrs.evolve(base.communication, frequency=evil))
    results = [
        ours,
        ours.parent_b,
        coparent.diff(base, ours),
        coparent.merge(base, ours, theirs),
        coparent.calendar(ours, date(2026, 11, 2), date(2026, 12, 1)),
        coparent.month_grid(ours, 2026, 11),
    ]
    for result in results:
        html = result._repr_html_()
        assert "<script>" not in html, type(result).__name__
        assert str(result).strip(), type(result).__name__
    assert "&lt;script&gt;" in coparent.diff(base, ours)._repr_html_()
