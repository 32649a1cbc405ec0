"""coparent's own words in gettext catalogues: complete, Welsh, placeholder-safe, all routed.

The oracle for "every message" is the spec tree itself (every class and field title and
description, every choice label), not the extractor; the pseudo-locale test proves that the
outputs look every one of their words up in the catalogue.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coparent
from coparent.convert import DOCUMENT_TYPES
from coparent.formatting import format_date
from coparent.i18n import (
    PSEUDO_LOCALE,
    document_locale,
    resolve_locale,
    translate,
    translate_plural,
)
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


def _english(m: Any) -> list[str]:
    """Every English text of a message: its msgid, or both forms of a plural one."""
    return [str(i) for i in m.id] if isinstance(m.id, tuple) else [str(m.id)]


def _forms(m: Any) -> list[str]:
    """Every translated form of a message (six for a Welsh plural)."""
    return list(m.string) if isinstance(m.id, tuple) else [m.string]


#: Every English text coparent may print, plural forms included.
POT_TEXTS = {t for m in POT if m.id for t in _english(m)}


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
    welsh = {m.id: _forms(m) for m in WELSH if m.id and not m.fuzzy}
    untranslated = sorted((str(i) for i in ids if not welsh.get(i) or not all(welsh[i])), key=str)
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:10]}"


def test_welsh_plurals_have_every_cldr_form() -> None:
    """Welsh counts have six forms (0, 1, 2, 3, 6, other); the oracle is Babel's CLDR data."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    assert get_plural("cy").num_plurals == 6 == len(Locale.parse("cy").plural_form.rules) + 1
    assert WELSH.num_plurals == 6
    plurals = [m for m in WELSH if isinstance(m.id, tuple)]
    assert len(plurals) >= 6
    for m in plurals:
        assert len(m.string) == 6, m.id
        assert all(m.string), m.id


@pytest.mark.parametrize("locale", ["cy", PSEUDO_LOCALE])
def test_no_translation_drops_or_adds_a_placeholder(locale: str) -> None:
    catalog = WELSH if locale == "cy" else _read(LOCALE / locale / "LC_MESSAGES" / "coparent.po")
    for m in catalog:
        if not m.id:
            continue
        want = sorted(PLACEHOLDER.findall(_english(m)[-1]))
        assert all(sorted(PLACEHOLDER.findall(e)) == want for e in _english(m)), m.id
        for form in _forms(m):
            if form:
                assert sorted(PLACEHOLDER.findall(form)) == want, m.id


def test_compiled_catalogues_match_their_sources() -> None:
    from babel import Locale

    rule = Locale.parse("cy").plural_form
    for m in WELSH:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            singular, plural = m.id
            for n in (0, 1, 2, 3, 6, 7, 11, 100):
                index = ["zero", "one", "two", "few", "many", "other"].index(rule(n))
                assert translate_plural(singular, plural, n, "cy") == m.string[index], (m.id, n)
        elif m.string:
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
    ids = POT_TEXTS
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
    from pdftext import pdf_body_text, squash

    audience = Audience.facilitator()
    english = squash(pdf_body_text(coparent.render_pdf(plan, audience=audience, locale="en")))
    welsh = squash(pdf_body_text(coparent.render_pdf(plan, audience=audience, locale="cy")))
    shown = coparent.to_dict(coparent.redact(plan, audience))
    values = _choice_values()
    for text in set(_strings(shown)) - values:
        s = squash(text)
        if len(s) < 4 or s in _OWN_WORDS:
            continue  # too short to tell apart, or one of coparent's own words
        assert (s in english) == (s in welsh), text


# --- diffs, merges, month grids, PDF footers and errors in the pseudo-locale ----------------

#: Words the pseudo-locale leaves English by design: Babel's British English dates and the
#: time zone the date-times are written in.
_BABEL_WORDS = (
    {date(2000, m, 1).strftime("%B") for m in range(1, 13)}
    | {date(2000, 1, d).strftime(f) for d in range(3, 10) for f in ("%A", "%a")}
    | {"UTC"}
)


def _bare_words(out: str, data: set[str], *, html_form: bool = False) -> set[str]:
    """The words of ``out`` outside the pseudo-locale's brackets, once every data value
    (``data``: what people typed, labels they chose) and every date word is taken out."""
    if html_form:
        import html

        out = re.sub(r"<style>.*?</style>", " ", out, flags=re.S)  # CSS is not text
        out = re.sub(r"<[^>]*>", " ", out)
        out = html.unescape(out)
    bracketed = re.compile(r"\[[^\[\]]*\]")
    while bracketed.search(out):
        out = bracketed.sub(" ", out)
    for u in sorted(data, key=len, reverse=True):
        if len(u) > 1:
            out = out.replace(u, " ")
    out = re.sub(r"[^:\n]*…", " ", out)  # a long value cut short: the person's own text
    return set(re.findall(r"[A-Za-z]{2,}", out)) - _BABEL_WORDS


def _versions() -> tuple[Any, Any, Any]:
    from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version

    return last_agreed_version(), parent_a_version(), parent_b_version()


_LABELS = {"Siân", "Tom", "Gwen", "Last agreed version"}


def _data_of(*docs: Any) -> set[str]:
    return {s for d in docs for s in _strings(coparent.to_dict(d))} | _LABELS


def _a_merge() -> Any:
    from datetime import UTC, datetime

    base, ours, theirs = _versions()
    result = coparent.merge(base, ours, theirs, ours_label="Siân", theirs_label="Tom")
    at = datetime(2026, 11, 14, 11, 5, tzinfo=UTC)
    return result.resolve(result.conflicts[0].path, "theirs", by="Gwen", at=at)


@pytest.mark.parametrize("form", ["text", "html"])
def test_pseudo_locale_routes_every_word_of_a_diff_and_a_merge(form: str) -> None:
    _, ours, theirs = _versions()
    render = coparent.to_text if form == "text" else coparent.to_html
    diff = coparent.diff(ours, theirs, a_label="Siân", b_label="Tom")
    merged = _a_merge()
    data = _data_of(*_versions())
    for result in (diff, merged):
        out = render(result, audience="facilitator", locale=PSEUDO_LOCALE)
        assert out != render(result, audience="facilitator")
        assert not _bare_words(out, data, html_form=form == "html")
    # A diff with nothing in it, and a merge with nothing left to resolve.
    same = render(coparent.diff(ours, ours), audience="facilitator", locale=PSEUDO_LOCALE)
    assert "[No differences: every section is agreed.]" in same


def test_pseudo_locale_routes_every_word_of_a_month_grid_and_a_calendar() -> None:
    from coparent.i18n import use_locale
    from coparent.render.calendars import calendar_text, month_html, month_text
    from coparent.render.ics import to_ics
    from coparent.scheduling import month_grid

    plan = example_plan()
    # The event titles are text the calendar holds: written in the locale it is made in.
    with use_locale(PSEUDO_LOCALE):
        cal = coparent.calendar(plan, date(2026, 12, 1), date(2027, 1, 1))
        grid = month_grid(plan, 2026, 12)
        text = calendar_text(cal)
    assert any(d.events for w in grid.weeks for d in w)
    data = _data_of(plan) | set(grid.initials) | set(grid.names)
    for out, html_form in (
        (text, False),
        (month_text(grid, locale=PSEUDO_LOCALE), False),
        (month_html(grid, locale=PSEUDO_LOCALE), True),
        (coparent.to_html(cal, audience="facilitator", locale=PSEUDO_LOCALE), True),
        (coparent.to_text(cal, audience="facilitator", locale=PSEUDO_LOCALE), False),
    ):
        assert not _bare_words(out, data, html_form=html_form), out[:300]
    # iCalendar: the words people read (summaries, descriptions, categories, the name).
    ics = to_ics(cal, include_default=True, locale=PSEUDO_LOCALE).decode()
    ics = re.sub(r"\r\n[ \t]", "", ics).replace("\\,", ",").replace("\\;", ";")
    read = [
        line.split(":", 1)[1].replace("\\n", "\n")
        for line in ics.splitlines()
        if line.split(":", 1)[0].split(";")[0]
        in {"SUMMARY", "DESCRIPTION", "CATEGORIES", "X-WR-CALNAME"}
    ]
    assert read
    assert not _bare_words("\n".join(read), data | {"coparent"}), read[:5]


def test_a_welsh_plan_calendar_writes_its_calls_in_welsh() -> None:
    import attrs

    from coparent.scheduling import month_grid

    plan = attrs.evolve(example_plan(), language="cy-GB")
    grid = month_grid(plan, 2026, 12)
    calls = [e for w in grid.weeks for d in w for e in d.events if ":" in e[:6]]
    assert calls
    assert all(" gyda " in e or " gydag " in e for e in calls), calls[:3]
    assert not any(" with " in e for e in calls)


# --- Welsh diffs, merges and grids: the oracle is the .po file ------------------------------


def _po(msgid: str | tuple[str, str]) -> Any:
    """The Welsh of ``msgid`` as the translators wrote it in the .po file."""
    message = WELSH.get(msgid)
    assert message is not None, msgid
    return message.string


def _welsh_form(singular: str, plural: str, n: int) -> str:
    from babel import Locale

    forms = ["zero", "one", "two", "few", "many", "other"]
    return str(_po((singular, plural))[forms.index(Locale.parse("cy").plural_form(n))])


def test_a_welsh_diff_uses_the_catalogues_words() -> None:
    _, ours, theirs = _versions()
    result = coparent.diff(ours, theirs, a_label="Siân", b_label="Owen")
    text = coparent.to_text(result, audience="facilitator", locale="cy")
    lines = text.splitlines()
    # "a" before a consonant, "ac" before a vowel: Siân ac Owen.
    assert lines[0] == _po("Comparing two parenting plans: {a} and {b}").format(
        a="Siân", b="Owen"
    ).replace(" a Owen", " ac Owen")
    assert lines[0].endswith("Siân ac Owen")
    n, sections = len(result.differences), len(result.sections)
    differing = sum(1 for s in result.sections if s.differences)
    headline = _welsh_form(
        "{count} difference in {differing} of {total} sections.",
        "{count} differences in {differing} of {total} sections.",
        n,
    )
    assert lines[1] == headline.format(count=n, differing=differing, total=sections)
    assert f"{_po('Communication')}: {_po('Differs')} (1 maes)" in lines
    html = coparent.to_html(result, audience="facilitator", locale="cy")
    for msgid in ("Sections", "Section", "Status", "Field"):
        assert f">{_po(msgid)}<" in html
    for english in ("Comparing", "differences in", "Sections<", "Differs"):
        assert english not in text + html
    same = coparent.to_text(coparent.diff(ours, ours), audience="facilitator", locale="cy")
    assert _po("No differences: every section is agreed.") in same


def test_a_welsh_merge_uses_the_catalogues_words() -> None:
    result = _a_merge()
    text = coparent.to_text(result, audience="facilitator", locale="cy")
    open_, done = len(result.conflicts), len(result.resolutions)
    headline = _welsh_form(
        "{count} conflict to resolve, {done} resolved.",
        "{count} conflicts to resolve, {done} resolved.",
        open_,
    )
    assert text.splitlines()[1] == headline.format(count=open_, done=done)
    assert _po("Both changed it, differently") in text
    assert _po("Take theirs") in text
    assert "Both changed" not in text


@pytest.mark.parametrize(("n", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (6, 4), (4, 5), (7, 5)])
def test_welsh_counts_take_their_cldr_form(n: int, form: int) -> None:
    from coparent.i18n import translate_plural

    singular, plural = "{status} ({count} field)", "{status} ({count} fields)"
    assert translate_plural(singular, plural, n, "cy") == _po((singular, plural))[form]
    assert translate_plural(singular, plural, n, "en") == (singular if n == 1 else plural)


def test_a_welsh_month_grid_uses_the_catalogues_and_babels_words() -> None:
    from babel.dates import get_day_names

    from coparent.render.calendars import month_html, month_text
    from coparent.scheduling import month_grid

    grid = month_grid(example_plan(), 2026, 12)
    text = month_text(grid, locale="cy")
    legend = _po(
        "{a} = {name_a}, {b} = {name_b}, → = handover, ? = not settled by the plan, ! = clash"
    )
    (ia, ib), (na, nb) = grid.initials, grid.names
    assert text.splitlines()[1] == legend.format(a=ia, name_a=na, b=ib, name_b=nb)
    days = get_day_names("abbreviated", locale="cy")
    assert text.splitlines()[2].split(" | ")[0].strip() == days[0]
    html = month_html(grid, locale="cy")
    assert all(f">{days[i]}<" in html for i in range(7))
    assert "Rhagfyr 2026" in html


# --- Welsh small words before a vowel -------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "values", "expected"),
    [
        ("{a} a {b}", {"a": "Siân", "b": "Tom"}, "Siân a Tom"),
        ("{a} a {b}", {"a": "Siân", "b": "Owen"}, "Siân ac Owen"),
        ("{a} a {b}", {"a": "Siân", "b": "Ifan"}, "Siân ac Ifan"),
        ("{a} a {b}", {"a": "Tom", "b": "Elin"}, "Tom ac Elin"),
        ("{a} a {b}", {"a": "Tom", "b": "Ŵyn"}, "Tom ac Ŵyn"),
        ("{a} a {b}", {"a": "Tom", "b": "Hywel"}, "Tom a Hywel"),
        ("{a} a {b}", {"a": "Tom", "b": "'Owen'"}, "Tom ac 'Owen'"),
        ("A {b} hefyd", {"b": "Anna"}, "Ac Anna hefyd"),
        ("gyda {name}", {"name": "Aled"}, "gydag Aled"),
        ("Gyda {name}: {rule}", {"name": "Elin", "rule": "x"}, "Gydag Elin: x"),
        ("gyda {name}", {"name": "Mari"}, "gyda Mari"),
        ("te â {what}", {"what": "o"}, "te ag o"),
        ("yn well na {who}", {"who": "Iwan"}, "yn well nag Iwan"),
        # Only a whole word right before the placeholder: "pa {x}" is not "a".
        ("pa {x}", {"x": "un"}, "pa un"),
        ("{a} a'r {b}", {"a": "Tom", "b": "Owen"}, "Tom a'r Owen"),
    ],
)
def test_welsh_a_becomes_ac_before_a_vowel(
    pattern: str, values: dict[str, str], expected: str
) -> None:
    from coparent.i18n import fit_words

    assert fit_words(pattern, "cy", **values) == expected


def test_other_languages_format_as_usual() -> None:
    from coparent.i18n import fit_words

    assert fit_words("{a} a {b}", "en", a="Siân", b="Owen") == "Siân a Owen"
    assert fit_words("{a} a {b}", PSEUDO_LOCALE, a="Siân", b="Owen") == "Siân a Owen"


@settings(max_examples=200, deadline=None)
@given(first=st.text(max_size=12), second=st.text(max_size=12))
def test_fitting_words_never_changes_what_people_typed(first: str, second: str) -> None:
    from coparent.i18n import fit_words, starts_with_vowel

    out = fit_words("{a} a {b}; gyda {b}", "cy", a=first, b=second)
    vowel = starts_with_vowel(second)
    assert out == (
        f"{first} ac {second}; gydag {second}" if vowel else f"{first} a {second}; gyda {second}"
    )


# --- PDF footer ------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["facilitator", "parent_a"])
def test_pseudo_locale_routes_every_word_of_a_review_pdf_footer_included(reader: str) -> None:
    from coparent import Audience
    from pdftext import pdf_text

    doc = coparent.Review.example()
    out = pdf_text(coparent.render_pdf(doc, audience=Audience.parse(reader), locale=PSEUDO_LOCALE))
    assert "[Page 1 of " in out
    data = _data_of(doc)
    data |= {part for s in data for part in s.split("/")}  # a reference cut by redaction
    assert not _bare_words(out, data)


def test_a_welsh_pdf_footer_counts_pages_in_welsh() -> None:
    from coparent import Audience
    from pdftext import pdf_text

    out = pdf_text(
        coparent.render_pdf(example_plan(), audience=Audience.facilitator(), locale="cy")
    )
    pages = _po("Page {page} of {pages}")
    assert pages.format(page=1, pages="") in out
    assert "Page 1 of" not in out


# --- error messages ---------------------------------------------------------------------------


def _broken_plan() -> dict[str, Any]:
    """The example plan's JSON with the common problems: unknown field, missing field, wrong
    type, not a date, out of range, not one of the choices, not a list."""
    d = coparent.to_dict(example_plan())
    d["colour"] = "red"  # unknown field
    d["status"] = "nearly"  # not one of the choices
    d["children"][0]["date_of_birth"] = "2024-02-30"  # not a real date
    d["children"][1]["date_of_birth"] = "30/02/2024"  # not a date at all
    d["children"][0]["name"] = 5  # wrong type
    del d["children"][1]["name"]  # missing field
    d["living_arrangements"]["cancellations"]["notice_hours"] = -3  # out of range
    d["living_arrangements"]["holidays"] = {}  # not a list
    d["living_arrangements"]["schedule"]["starts_on"] = True  # wrong type for a date
    return d


def _problems() -> coparent.ValidationError:
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(_broken_plan(), type(example_plan()))
    return caught.value


def test_english_error_messages_are_unchanged_by_translation() -> None:
    e = _problems()
    assert e.describe("en") == str(e) == e.describe("pl")
    assert str(e).startswith(f"{len(e.errors)} problems in a parenting_plan:\n")
    from coparent.i18n import use_locale

    with use_locale("cy"):  # str() stays English for logs, whatever the reader's language
        assert str(e).startswith(f"{len(e.errors)} problems in a parenting_plan:\n")


def test_common_validation_problems_in_welsh() -> None:
    e = _problems()
    assert len(e.errors) >= 9
    welsh = e.describe("cy")
    lines = welsh.splitlines()
    assert lines[0] == _welsh_form(
        "{count} problem in {what}:", "{count} problems in {what}:", len(e.errors)
    ).format(count=len(e.errors), what=_po("Parenting plan"))
    english = {str(m.id) for m in POT if isinstance(m.id, str)}
    for detail, line in zip(e.errors, lines[1:], strict=True):
        assert line.startswith(f"  {detail.path}: ")
        message = line.removeprefix(f"  {detail.path}: ")
        assert message != detail.message, detail
        assert detail.text("cy") == line.strip()
        # No English phrase of the catalogue left in it (quoted values aside).
        unquoted = re.sub(r"'[^']*'", "", message)
        assert not [t for t in english if len(t) > 8 and t in unquoted], message
    for msgid in (
        "unknown field; this object has no field of that name",
        "required field is missing",
        "{value} is not a real date",
        "{expected}, got {value}",
        "expected one of {allowed}; got {value}",
        "must be at least {minimum}",
        "expected a list, got {value}",
    ):
        head = _po(msgid).split("{")[0] or _po(msgid).split("}")[-1]
        assert head in welsh, msgid


def test_pseudo_locale_routes_every_word_of_the_error_messages() -> None:
    e = _problems()
    out = e.describe(PSEUDO_LOCALE)
    quoted = set(re.findall(r"'[^']*'", str(e)))
    for line in out.splitlines()[1:]:
        message = line.strip().partition(": ")[2]
        assert message.startswith("["), line
        assert message.endswith("]"), line
        for q in quoted:
            message = message.replace(q, " ")
        assert not _bare_words(message, set()), line
    assert out.splitlines()[0].startswith("[")


@pytest.mark.parametrize("locale", ["cy", PSEUDO_LOCALE])
def test_model_rule_messages_translate(locale: str) -> None:
    from coparent.errors import FieldRuleError
    from coparent.i18n import translate_problem
    from coparent.model.people import ContactDetails

    with pytest.raises(FieldRuleError) as caught:
        ContactDetails(email="not an address")
    english = caught.value.message
    assert english == "must be an email address like name@example.org"
    assert translate_problem(english, locale) == translate(english, locale) != english
    assert caught.value.describe(locale).endswith(translate(english, locale))


def test_an_error_raised_in_welsh_reads_in_welsh_end_to_end() -> None:
    """The envelope's own problems (wrong kind, version too new) go through the catalogue."""
    d = _broken_plan()
    d["kind"] = "referral"
    d["schema_version"] = 99
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.from_dict(d, type(example_plan()))
    welsh = caught.value.describe("cy")
    assert "dogfen 'parenting_plan'" in welsh
    assert "fersiwn sgema 99" in welsh
    assert "written by" not in welsh


# --- findings ---------------------------------------------------------------------------------

#: Every rule of coparent.check, by code (written out here, not read from checks.py).
FINDING_CODES = {
    "supported-contact-with-abuse",
    "record-inconsistent",
    "expense-share-contradicts",
    "child-born-after-plan",
    "dispute-steps-with-abuse",
    "plan-contradicts-referral-risk",
    "direct-contact-against-order",
    "independent-before-steps",
    "reference-not-found",
    "plan-order-not-given",
    "plan-order-differs",
    "plan-agreed-beside-final-order",
    "withheld-path-fits-nothing",
    "withheld-path-takes-more",
    "withheld-path-impossible",
}


def _risky_plan() -> Any:
    """The example plan with a finding of every rule that looks at a plan alone."""
    import attrs

    from coparent.model import ContactMethod, DisputeStep, Expense, ExpenseShare

    plan = example_plan()
    schedule = plan.living_arrangements.schedule
    slot = attrs.evolve(schedule.slots[0], pickup_handover_id="no-such-handover")
    child = attrs.evolve(plan.children[0], date_of_birth=date(2026, 11, 20))
    return attrs.evolve(
        plan,
        children=(child, *plan.children[1:]),
        safety=attrs.evolve(plan.safety, domestic_abuse_concerns=True),
        communication=attrs.evolve(
            plan.communication,
            methods=(ContactMethod.TEXT, ContactMethod.THIRD_PARTY),
            dispute_steps=(DisputeStep.TALK, DisputeStep.MEDIATION, DisputeStep.COURT),
        ),
        money=attrs.evolve(
            plan.money,
            expenses=(
                Expense(
                    id="trips",
                    item="Trips",
                    paid_by=ExpenseShare.SHARED,
                    share_parent_a_percent=100,
                ),
            ),
        ),
        living_arrangements=attrs.evolve(
            plan.living_arrangements,
            schedule=attrs.evolve(schedule, slots=(slot, *schedule.slots[1:])),
        ),
    )


def _risky_referral() -> Any:
    """The example referral asking for supported contact beside domestic abuse and a
    non-molestation order, with its arrangements out of date order."""
    import attrs

    from coparent.model import (
        ContactCentreService,
        ContactType,
        ProtectiveOrder,
        ProtectiveOrderKind,
        RiskInformation,
    )

    referral = coparent.Referral.example()
    return attrs.evolve(
        referral,
        risk=RiskInformation(
            domestic_abuse_disclosed=True,
            protective_orders=(
                ProtectiveOrder(id="nmo", kind=ProtectiveOrderKind.NON_MOLESTATION),
            ),
        ),
        service=ContactCentreService(contact_type=ContactType.SUPPORTED),
        arrangements=tuple(reversed(referral.arrangements)),
    )


def _every_finding() -> list[Any]:
    """A finding of every rule: a plan and a referral alone, the plan denying the referral's
    risk beside it, and a review moving to independent contact before any step."""
    import attrs

    from coparent.checks import check
    from coparent.model import ReviewOutcome, StepStatus

    plan, referral = _risky_plan(), _risky_referral()
    denying = attrs.evolve(plan, safety=attrs.evolve(plan.safety, domestic_abuse_concerns=False))
    idle = tuple(attrs.evolve(s, status=StepStatus.NOT_STARTED) for s in plan.transition.steps)
    waiting = attrs.evolve(plan, transition=attrs.evolve(plan.transition, steps=idle))
    review = attrs.evolve(coparent.Review.example(), outcome=ReviewOutcome.INDEPENDENT)
    found = [*check(plan), *check(referral), *check(denying, referral=referral)]
    found += check(review, plan=waiting)
    found += _order_findings()
    found += _withholding_findings()
    assert {f.code for f in found} == FINDING_CODES
    return found


def _withholding_findings() -> list[Any]:
    """The example review marking a path that fits nothing, one that takes its session with it
    (who cancelled: the notice needs it) and one that nothing can hold (a parent's name)."""
    import attrs

    from coparent.checks import check

    review = coparent.Review.example()
    (cancelled,) = [s for s in review.sessions if s.cancelled_by and s.notice_hours is not None]
    marks = (
        *review.withheld_from_parents,
        "/sessions/no-such-session/notes",
        f"/sessions/{cancelled.id}/cancelled_by",
        "/parent_b/name",
    )
    return check(attrs.evolve(review, withheld_from_parents=marks))


def _order_findings() -> list[Any]:
    """The court-order rules: a plan that names no order, one beside a referral with none,
    and the example plan (agreed, the interim order) beside a final order."""
    import attrs

    from coparent.checks import check
    from coparent.model import LegalStatus, OrderStage, PlanBasis

    example, referral = example_plan(), coparent.Referral.example()
    assert referral.court_order is not None
    final = attrs.evolve(
        referral.court_order,
        next_hearing=None,
        final_hearing=None,
        stop_date=None,
        order_date=date(2027, 3, 10),
        stage=OrderStage.FINAL,
    )
    ordered = attrs.evolve(example, legal_status=LegalStatus(basis=PlanBasis.ORDERED))
    no_order = attrs.evolve(referral, court_order=None)
    return [
        *check(ordered),
        *check(ordered, referral=no_order),
        *check(example, referral=attrs.evolve(referral, court_order=final)),
    ]


def _path_words(findings: list[Any]) -> set[str]:
    """The JSON pointers' parts: field names for developers, not words to translate."""
    return {p for f in findings for path in f.paths for p in re.split(r"[/:]", path) if p}


@pytest.mark.parametrize("form", ["text", "html"])
@pytest.mark.parametrize("which", ["plan", "referral"])
def test_pseudo_locale_routes_every_word_of_a_findings_section(form: str, which: str) -> None:
    from coparent.checks import check

    doc = _risky_plan() if which == "plan" else _risky_referral()
    findings = check(doc)
    assert len(findings) >= (4 if which == "plan" else 2)
    render = coparent.to_text if form == "text" else coparent.to_html
    english = render(doc, audience="facilitator")
    out = render(doc, audience="facilitator", locale=PSEUDO_LOCALE)
    for f in findings:  # the section is there, and every finding in it
        assert (html.escape(f.message) if form == "html" else f.message) in english
    start = out.index("[Things to check]")
    data = _data_of(doc) | _path_words(findings) | {"'no-such-handover'"}
    section = out[start:]
    if form == "html":
        section = section[: section.index("</section>")]
    else:
        section = section.split("\n\n")[0] if "\n\n" in section else section
    assert "[Serious: check before the plan or referral is used]" in section
    # Each finding's own words bracketed inside the bracketed line (the outer brackets alone
    # would hide English nested in them).
    for f in findings:
        line = f"[{f.text(PSEUDO_LOCALE)} At: {', '.join(f.paths)}. Source: [{f.source}]]"
        assert line in (html.unescape(section) if form == "html" else section), f.code
    assert not _bare_words(section, data, html_form=form == "html"), section[:400]


def test_every_finding_reads_through_the_catalogue() -> None:
    data = _path_words(found := _every_finding()) | {"'no-such-handover'"}
    for f in found:
        assert f.text("en") == f.message
        text = f.text(PSEUDO_LOCALE)
        assert text.startswith("["), text
        assert text.endswith("]"), text
        assert not _bare_words(text, data), text
        assert f.source_text(PSEUDO_LOCALE) == f"[{f.source}]"
        assert f.source_text("cy") == _po(f.source), f.code


def test_a_finding_listing_what_differs_lists_it_in_welsh() -> None:
    (differs,) = [
        f
        for f in _order_findings()
        if f.code == "plan-order-differs" and "order_date" in " ".join(f.paths)
    ]
    assert "(date, interim or final)" in differs.message
    template = (
        "The court order in the plan differs from the referral's order ({differences}): the "
        "plan may follow an earlier or another order; check which order is in force and update "
        "the plan."
    )
    assert differs.text("cy") == _po(template).format(
        differences=f"{_po('date')}, {_po('interim or final')}"
    )


def test_a_finding_in_welsh_is_the_translators_text() -> None:
    from coparent.checks import check
    from coparent.model import DisputeStep

    found = {f.code: f for f in _every_finding()}
    denial = found["plan-contradicts-referral-risk"]
    assert denial.text("cy") == _po(denial.message)
    (steps,) = [f for f in check(_risky_plan()) if f.code == "dispute-steps-with-abuse"]
    welsh = steps.text("cy")
    template = (
        "The steps when the parents disagree include {names}, but {why}: these are not "
        "suitable where there is domestic abuse; use a professional instead."
    )
    assert welsh == _po(template).format(
        names=", ".join(_po(s.label).lower() for s in (DisputeStep.TALK, DisputeStep.MEDIATION)),
        why=_po("the plan records domestic-abuse concerns"),
    )
    # The staff's Welsh copy carries it; the English stays as check() wrote it.
    out = coparent.to_text(_risky_plan(), audience="facilitator", locale="cy")
    assert _po("Things to check") in out
    assert welsh in out
    assert steps.message in coparent.to_text(_risky_plan(), audience="facilitator")


# --- rules and the errors they raise ----------------------------------------------------------


def test_every_cross_field_rule_is_in_the_template_with_welsh() -> None:
    roots = list(DOCUMENT_TYPES.values())
    rules = {rule for spec in all_classes(*roots) for _, rule in spec.rules}
    assert len(rules) >= 20
    assert not rules - POT_TEXTS
    assert all(translate(rule, "cy") == _po(rule) != rule for rule in rules)


def _raised(build: Any) -> Any:
    with pytest.raises(coparent.CoparentError) as caught:
        build()
    return caught.value


def test_a_rule_raised_by_the_model_reads_in_welsh() -> None:
    import attrs

    from coparent.model import CourtOrder

    order = CourtOrder(court="Family Court at Cardiff", order_date=date(2026, 10, 1))
    error = _raised(lambda: attrs.evolve(order, stop_date=date(2026, 9, 1)))
    assert str(error) == "stop_date: must be after the date of the order"
    assert error.describe("cy") == "stop_date: " + _po("must be after the date of the order")
    # A message with a value: the template's Welsh, the value as it was.
    error = _raised(lambda: attrs.evolve(order, next_hearing=date(2026, 9, 1)))
    assert error.describe("cy") == "next_hearing: " + _po(
        "must not be before the date of the order"
    )
    # A value that is itself one of coparent's phrases is translated in turn.
    from coparent.model.case import ArrangementCondition

    error = _raised(
        lambda: ArrangementCondition(
            id="c", description="x", from_date=date(2026, 5, 2), until=date(2026, 5, 1)
        )
    )
    assert str(error) == "until: must not be before the date it starts"
    assert error.describe("cy") == "until: " + _po("must not be before {what}").format(
        what=_po("the date it starts")
    )


def _free_form_errors(tmp_path: Path) -> list[Any]:
    """One of each free-form error: a merge with conflicts open, a PDF of something that is no
    document, a review applied to the wrong referral, a closed referral asked for its next
    review, a folder written to."""
    import uuid

    import attrs

    from coparent._files import write_atomic
    from coparent.errors import UnresolvedConflictsError
    from coparent.model import ReferralStatus
    from coparent.model.case import StatusChange
    from coparent.workflow import apply_review

    referral = coparent.Referral.example()
    closed = StatusChange(id="closed", status=ReferralStatus.CLOSED, on=date(2026, 11, 1))
    return [
        UnresolvedConflictsError(["/status", "/children/0/name"]),
        UnresolvedConflictsError(["/status"]),
        _raised(lambda: coparent.render_pdf(42, audience=coparent.Audience.facilitator())),
        _raised(
            lambda: apply_review(
                attrs.evolve(referral, id=uuid.UUID(int=5)), coparent.Review.example()
            )
        ),
        _raised(
            lambda: coparent.review_due(
                attrs.evolve(referral, status_history=(*referral.status_history, closed)),
                today=date(2026, 11, 2),
            )
        ),
        _raised(lambda: write_atomic(tmp_path, b"x")),
        _raised(lambda: coparent.merge(None, example_plan(), referral)),
        _raised(lambda: _a_merge().resolve("/no/such/path", "ours", by="Gwen")),
        _raised(lambda: coparent.merge(*_versions()).resolve("/status", "ours", by="")),
        _raised(lambda: coparent.Audience.parse("nobody")),
        _raised(lambda: coparent.to_text(example_plan(), audience=None)),
    ]


def test_pseudo_locale_routes_every_word_of_the_free_form_errors(tmp_path: Path) -> None:
    errors = _free_form_errors(tmp_path)
    assert {type(e).__name__ for e in errors} == {
        "UnresolvedConflictsError",
        "RenderError",
        "WorkflowError",
        "FileRefusedError",
        "DiffError",
        "NoSuchConflictError",
        "CoparentError",
    }
    data = {str(tmp_path), "/status", "/children/0/name", "/no/such/path"}
    # Class, argument and audience names and examples of code, for developers.
    data |= {"ParentingPlan", "Referral", "by", "'nobody'", "to_text"}
    data |= {"court, facilitator, parent_a, parent_b", 'audience="parent_b"'}
    data |= {"audience=coparent.Audience.facilitator()"}
    data |= {str(coparent.Referral.example().id), "00000000-0000-0000-0000-000000000005"}
    for e in errors:
        out = e.describe(PSEUDO_LOCALE)
        assert out != str(e)
        assert not _bare_words(out, data | {"int"}), out
        assert e.describe("en") == str(e)


def test_free_form_errors_in_welsh(tmp_path: Path) -> None:
    conflicts, one, render, wrong, closed, folder, kinds, nowhere, nobody, *usage = (
        _free_form_errors(tmp_path)
    )
    # English exactly as before: code and logs read it.
    assert str(conflicts) == (
        "2 conflicts still open; resolve each (take ours, take theirs or give a value) before "
        "using the merged document:\n  /status\n  /children/0/name"
    )
    assert str(one).startswith("1 conflict still open; ")
    english = (
        "{count} conflict still open; resolve each (take ours, take theirs or give a value) "
        "before using the merged document:",
        "{count} conflicts still open; resolve each (take ours, take theirs or give a value) "
        "before using the merged document:",
    )
    assert conflicts.describe("cy").splitlines() == [
        _welsh_form(*english, 2).format(count=2),
        "  /status",
        "  /children/0/name",
    ]
    assert closed.describe("cy") == _po("No review is due: the referral is {status}.").format(
        status=_po("Closed").lower()
    )
    assert str(closed) == "No review is due: the referral is closed."
    assert folder.describe("cy").endswith(
        _po(
            "{target} is {kind}; coparent writes only to a regular file or a new path (a "
            "symbolic link is not followed: give the path of the file it points to)"
        ).format(target="", kind=_po("a folder"))[len("mae ") :]
    )
    assert str(nowhere) == "no open conflict at /no/such/path"
    assert nowhere.describe("cy") == _po("no open conflict at {path}").format(path="/no/such/path")
    for e in (render, wrong, kinds, nobody, *usage):
        assert e.describe("cy") != str(e)


def test_default_version_labels_are_translated_and_given_ones_kept() -> None:
    _, ours, theirs = _versions()
    merged = coparent.merge(*_versions())
    welsh = coparent.to_text(merged, audience="facilitator", locale="cy")
    for label in ("Ours", "Theirs", "Last agreed version"):
        assert _po(label) in welsh
    assert "Theirs" not in welsh
    english = coparent.to_text(merged, audience="facilitator")
    assert "Ours" in english
    assert "Last agreed version" in english
    diff = coparent.to_text(coparent.diff(ours, theirs), audience="facilitator", locale="cy")
    assert _po("First version") in diff
    assert _po("Second version") in diff
    named = coparent.merge(*_versions(), ours_label="Ours", theirs_label="Tom")
    assert "Tom" in coparent.to_text(named, audience="facilitator", locale="cy")


def test_check_on_the_command_line_in_welsh(tmp_path: Path, capsys: Any) -> None:
    from coparent.checks import check
    from coparent.cli import main

    plan = _risky_plan()
    path = tmp_path / "plan.json"
    coparent.dump(plan, path)
    findings = check(plan)
    assert main(["check", str(path), "--locale", "cy"]) == 1
    welsh = capsys.readouterr().out
    assert main(["check", str(path)]) == 1
    english = capsys.readouterr().out
    head = _welsh_form("{file}: {count} finding", "{file}: {count} findings", len(findings))
    assert welsh.splitlines()[0] == head.format(file=path, count=len(findings))
    assert english.splitlines()[0] == f"{path}: {len(findings)} findings"
    for f in findings:
        assert f"  [{f.severity.value}] {f.code}: {f.text('cy')}" in welsh
        assert f"  [{f.severity.value}] {f.code}: {f.message}" in english
        assert "      " + _po("source: {source}").format(source=_po(f.source)) in welsh
    # A problem with the file reads in the language asked for too.
    broken = tmp_path / "broken.json"
    broken.write_text('{"kind": "parenting_plan", "schema_version": 0}', encoding="utf-8")
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.load(broken)
    assert main(["check", str(broken), "--locale", "cy"]) != 0
    assert capsys.readouterr().err == f"coparent: {caught.value.describe('cy')}\n"
    assert main(["check", str(broken)]) != 0
    assert capsys.readouterr().err == f"coparent: {caught.value}\n"
    assert caught.value.describe("cy") != str(caught.value)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_any_plans_findings_read_the_same_in_english_and_through_the_catalogue(plan: Any) -> None:
    """Whatever the plan, a finding's English text is its message, and its pseudo-locale text is
    the catalogue's (bracketed, no placeholder left unfilled)."""
    from coparent.checks import check

    for f in check(plan):
        assert f.text("en") == f.message
        pseudo = f.text(PSEUDO_LOCALE)
        assert pseudo.startswith("[")
        assert not PLACEHOLDER.search(pseudo), pseudo
        assert not PLACEHOLDER.search(f.text("cy")), f.code
