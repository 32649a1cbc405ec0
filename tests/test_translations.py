"""coparent's own words in gettext catalogues: complete, Welsh, placeholder-safe, all routed.

The oracle for "every message" is the spec tree itself (every class and field title and
description, every choice label), not the extractor; the pseudo-locale test proves that the
outputs look every one of their words up in the catalogue.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings

import coparent
from coparent.convert import DOCUMENT_TYPES
from coparent.formatting import format_date
from coparent.i18n import PSEUDO_LOCALE, document_locale, resolve_locale, translate
from coparent.model._examples import example_plan
from coparent.model.introspect import all_classes, choice_classes
from coparent.testing import plans

LOCALE = Path(coparent.__file__).parent / "locale"
PLACEHOLDER = re.compile(r"\{\w*\}|%(?:\(\w+\))?[sd]")


def _read(path: Path, locale: str | None = None) -> Any:
    with path.open("rb") as f:
        return read_po(f, locale=locale)


POT = _read(LOCALE / "coparent.pot")
WELSH = _read(LOCALE / "cy" / "LC_MESSAGES" / "coparent.po", "cy")


def _model_texts() -> set[str]:
    roots = list(DOCUMENT_TYPES.values())
    texts: set[str] = set()
    for spec in all_classes(*roots):
        texts |= {spec.title, spec.description}
        for f in spec.fields:
            texts |= {f.title, f.description}
    for choice in choice_classes(*roots):
        texts |= set(choice.labels().values())
    return {t for t in texts if t}


def test_every_model_title_description_and_label_is_in_the_template() -> None:
    ids = {m.id for m in POT if m.id}
    missing = sorted(_model_texts() - ids)
    assert not missing, missing[:20]


def test_fixed_phrases_are_in_the_template() -> None:
    ids = {m.id for m in POT if m.id}
    for phrase in ("Not yet discussed", "Withheld from this copy.", "Yes", "No", "(not given)"):
        assert phrase in ids


def test_every_message_has_a_welsh_translation() -> None:
    ids = {m.id for m in POT if m.id}
    welsh = {m.id: m.string for m in WELSH if m.id and not m.fuzzy}
    untranslated = sorted(i for i in ids if not welsh.get(i))
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:10]}"


@pytest.mark.parametrize("locale", ["cy", PSEUDO_LOCALE])
def test_no_translation_drops_or_adds_a_placeholder(locale: str) -> None:
    catalog = WELSH if locale == "cy" else _read(LOCALE / locale / "LC_MESSAGES" / "coparent.po")
    for m in catalog:
        if m.id and m.string:
            assert sorted(PLACEHOLDER.findall(m.id)) == sorted(PLACEHOLDER.findall(m.string)), m.id


def test_compiled_catalogues_match_their_sources() -> None:
    for m in WELSH:
        if m.id and m.string and not m.fuzzy:
            assert translate(m.id, "cy") == m.string


def test_locale_resolution() -> None:
    assert resolve_locale("cy-GB") == "cy"
    assert resolve_locale("CY") == "cy"
    assert resolve_locale("pl") == "en"
    assert resolve_locale(None) == "en"
    assert document_locale(example_plan()) == "en"
    assert document_locale(example_plan(), "cy-GB") == "cy"


def test_dates_through_babel() -> None:
    assert format_date(date(2016, 2, 29), locale="cy") == "29 Chwefror 2016"
    assert format_date(date(2016, 2, 29), locale="en") == "29 February 2016"
    assert format_date(date(2016, 2, 29), weekday=True, locale="cy") == "Dydd Llun 29 Chwefror 2016"


def _unbracketed(output: str, ids: set[str]) -> list[str]:
    """Catalogue messages that appear in ``output`` outside the pseudo-locale's brackets."""
    bracketed = re.compile(r"\[[^\[\]]*\]")
    while bracketed.search(output):
        output = bracketed.sub(" ", output)
    return sorted(
        text
        for text in ids
        if len(text) >= 4
        and "{" not in text
        and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", output)
    )


def _user_texts(doc: Any) -> str:
    """Every string the user entered, joined: a message equal to one of them may show bare."""
    return "\n".join(_strings(coparent.to_dict(doc)))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("form", ["text", "html"])
def test_pseudo_locale_leaves_no_english_of_coparents_own(form: str) -> None:
    plan = example_plan()
    render = coparent.to_text if form == "text" else coparent.to_html
    out = render(plan, audience="facilitator", locale=PSEUDO_LOCALE)
    english = render(plan, audience="facilitator")
    assert out != english
    ids = {str(m.id) for m in POT if m.id}
    users = set(_strings(coparent.to_dict(plan)))
    escaped = {t for t in ids if t not in users}
    if form == "html":
        import html

        out = html.unescape(out)
    left = [t for t in _unbracketed(out, escaped) if not any(t in u for u in users)]
    assert not left, left[:10]
    # Whatever is neither bracketed nor the user's own text is only numbers and dates.
    bracketed = re.compile(r"\[[^\[\]]*\]")
    while bracketed.search(out):
        out = bracketed.sub(" ", out)
    if form == "html":
        out = re.sub(r"<[^>]*>", " ", out)
    for u in sorted(users, key=len, reverse=True):
        if len(u) > 1:
            out = out.replace(u, " ")
    months = {date(2000, m, 1).strftime("%B") for m in range(1, 13)}
    assert set(re.findall(r"[A-Za-z]{2,}", out)) <= months | {"UTC"}


def test_welsh_text_of_the_example_plan() -> None:
    out = coparent.to_text(example_plan(), audience="facilitator", locale="cy")
    first = out.splitlines()[0]
    assert first.startswith("Cynllun rhianta")
    assert "\n  Statws: Arfaethedig\n" in out
    assert "Status" not in out
    assert "29 Chwefror 2016" in out


def test_committed_template_is_up_to_date() -> None:
    """A new field, label or marked phrase needs ``nox -s translations`` before it lands."""
    from coparent._catalogues import extract

    assert {m.id for m in extract() if m.id} == {m.id for m in POT if m.id}


# --- schemas -------------------------------------------------------------------------------

_TEXT_KEYS = ("title", "description", "ui:title", "ui:help")


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [
            t
            for k, v in node.items()
            for t in ([v] if k in _TEXT_KEYS and isinstance(v, str) else _texts(v))
        ]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _without_texts(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: None if k in _TEXT_KEYS else _without_texts(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_texts(v) for v in node]
    return node


@pytest.mark.parametrize("cls", list(DOCUMENT_TYPES.values()), ids=lambda c: c.__name__)
def test_welsh_schemas_translate_every_title_and_nothing_else(cls: Any) -> None:
    from coparent.schema import json_schema
    from coparent.uischema import ui_schema

    ids = {m.id for m in POT if m.id}
    for make in (json_schema, ui_schema):
        english, welsh = make(cls), make(cls, locale="cy-GB")
        missing = sorted(set(_texts(english)) - ids)
        assert not missing, missing[:10]
        # The same schema, word for word, apart from the texts people read.
        assert _without_texts(english) == _without_texts(welsh)
        pairs = list(zip(_texts(english), _texts(welsh), strict=True))
        assert all(cy == translate(en, "cy") for en, cy in pairs)
        assert sum(en != cy for en, cy in pairs) > 0.9 * len(pairs)


def test_a_welsh_schema_still_validates_the_example() -> None:
    import jsonschema

    from coparent.schema import json_schema

    schema = json_schema(type(example_plan()), locale="cy")
    jsonschema.Draft202012Validator(schema).validate(coparent.to_dict(example_plan()))


# --- PDFs, calendars ------------------------------------------------------------------------


def test_welsh_pdf_of_the_example_plan() -> None:
    from coparent import Audience
    from pdftext import pdf_text

    plan = example_plan()
    cy = pdf_text(coparent.render_pdf(plan, audience=Audience.facilitator(), locale="cy"))
    for phrase in (
        "Cynllun 6f1c2a4e",
        "Llofnodion",
        "Rydym yn cytuno i'r cynllun hwn.",
        "29 Chwefror 2016",
        "Calendr y mis",
        "Trefniadau byw",
    ):
        assert phrase in cy
    for english in (
        "Signatures",
        "We agree to this plan.",
        "Month calendar",
        "Living arrangements",
    ):
        assert english not in cy


def test_a_plan_tagged_welsh_renders_in_welsh_by_default() -> None:
    import attrs

    plan = attrs.evolve(example_plan(), language="cy-GB")
    assert coparent.to_text(plan, audience="facilitator").startswith("Cynllun rhianta")
    assert "Statws" in coparent.to_html(plan, audience="facilitator")
    assert coparent.to_text(plan, audience="facilitator", locale="en").startswith("Parenting plan")


def test_month_grid_in_welsh() -> None:
    from coparent.render.calendars import month_html, month_text
    from coparent.scheduling import month_grid

    grid = month_grid(example_plan(), 2026, 11)
    text = month_text(grid, locale="cy")
    assert text.startswith("Tachwedd 2026")
    assert "Llun" in text
    assert "Mon" not in text
    assert "Tachwedd 2026" in month_html(grid, locale="cy")
    assert month_text(grid).startswith("November 2026")


def _choice_values() -> set[str]:
    return {v for c in choice_classes(*DOCUMENT_TYPES.values()) for v in c.labels()}


_OWN_WORDS = "".join(re.sub(r"\s+", "", f"{m.id}{m.string}") for m in WELSH if m.id)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(plan=plans())
def test_welsh_pdf_carries_the_same_user_text_as_the_english(plan: Any) -> None:
    from coparent import Audience
    from pdftext import pdf_text, squash

    audience = Audience.facilitator()
    english = squash(pdf_text(coparent.render_pdf(plan, audience=audience, locale="en")))
    welsh = squash(pdf_text(coparent.render_pdf(plan, audience=audience, locale="cy")))
    shown = coparent.to_dict(coparent.redact(plan, audience))
    values = _choice_values()
    for text in set(_strings(shown)) - values:
        s = squash(text)
        if len(s) < 4 or s in _OWN_WORDS:
            continue  # too short to tell apart, or one of coparent's own words
        assert (s in english) == (s in welsh), text
