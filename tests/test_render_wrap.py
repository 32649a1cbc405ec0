"""Lines laid out with cached widths: the same lines, widths and PDFs as fpdf2's own ``multi_cell``.

The oracle is fpdf2 itself: its ``get_string_width`` for widths, ``multi_cell(dry_run=True)``
for where lines break, and whole documents rendered with ``multi_cell`` for every text (and the
fallback fonts always on, as before) for the bytes. The words that come back out of a PDF are
compared with the words that went in.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import coparent
import coparent.render._layout as layout
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review
from coparent.render._fonts import FAMILY, main_characters, needs_shaping, widths
from coparent.render._layout import Writer
from coparent.render._wrap import BREAKING_SPACES, wrap
from pdftext import normalise, pdf_reader, pdf_text
from strategies import documents

SHY, NBSP = "\u00ad", "\u00a0"
#: Letters from the scripts the main font draws: Welsh, Polish, Turkish, Greek, Cyrillic.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789ŵŷâêîôûÂŴŶïëáéŁłŚśŞşğİıΓιώργοςДмитрий"
PUNCTUATION = ".,;:!?'\"()[]/&%£€@#*+=<>«»–—…"
#: Other scripts: CJK and emoji (no bundled font: shown as [U+...]), Arabic and Bengali (a
#: fallback font and the shaping engine).
OTHER = ["中村", "\U0001f600", "محمد", "عمران خان", "রহিম"]


def _word(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(LETTERS + PUNCTUATION + "-"), min_size=1, max_size=max_size)


def _gap() -> st.SearchStrategy[str]:
    return st.sampled_from(
        [" ", " ", " ", "  ", "\n", "\n\n", NBSP, SHY, "\u200b", "\u2009", " - "]
    )


@st.composite
def texts(draw: st.DrawFn, *, other: bool = False) -> str:
    """Words (some longer than a line) joined by spaces, breaks, no-break and soft hyphens."""
    words = draw(
        st.lists(
            st.one_of(_word(), _word(400), *([st.sampled_from(OTHER)] if other else [])),
            max_size=20,
        )
    )
    gaps = draw(st.lists(_gap(), min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True))


def _pdf(style: str, size: float) -> Any:
    from fpdf import FPDF

    pdf = layout._PDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(18, 16, 18)
    layout.add_fonts(pdf)
    pdf.set_font(FAMILY, style, size)
    return pdf if isinstance(pdf, FPDF) else None


@settings(max_examples=300)
@given(
    text=st.text(st.sampled_from(sorted(main_characters())), max_size=60),
    style=st.sampled_from(["", "B"]),
    size=st.sampled_from([7.5, 8.5, 10, 13, 22]),
)
def test_cached_widths_are_fpdf2s_widths(text: str, style: str, size: float) -> None:
    pdf = _pdf(style, size)
    ours = sum(map(widths(style).__getitem__, text)) * size * 0.001 / pdf.k
    assert ours == pytest.approx(pdf.get_string_width(text), abs=1e-9)


@settings(max_examples=300)
@given(
    text=texts(),
    style=st.sampled_from(["", "B"]),
    size=st.sampled_from([8.5, 10, 22]),
    width=st.sampled_from([0, 20, 57.3, 120]),
)
def test_lines_break_where_fpdf2_breaks_them(
    text: str, style: str, size: float, width: float
) -> None:
    pdf = _pdf(style, size)
    pdf.add_page()
    w = width or pdf.w - pdf.r_margin - pdf.x
    room = w - pdf.c_margin - pdf.c_margin
    ours = wrap(text, widths(style), size, pdf.k, room)
    theirs = pdf.multi_cell(w, 5, text, align="L", dry_run=True, output="LINES")
    assert ours.lines == theirs
    assert ours.trailing_newline == text.endswith("\n")
    for line in ours.lines:  # never past the right margin
        assert pdf.get_string_width(line) <= room + 1e-9
    # No character is lost: only the breaking spaces, soft hyphens and newlines change.
    squash = re.compile(f"[{BREAKING_SPACES}\n{NBSP}{SHY}-]")
    assert squash.sub("", "".join(ours.lines)) == squash.sub("", text)


def test_a_breaking_space_at_the_edge_is_dropped_and_a_soft_hyphen_is_drawn() -> None:
    pdf = _pdf("", 10)
    unit = widths("")
    room = (unit["a"] * 10 + unit[" "]) * 10 * 0.001 / pdf.k  # ten letters and a space
    assert wrap("aaaaa aaaaa aaaaa", unit, 10, pdf.k, room).lines == ["aaaaa aaaaa", "aaaaa"]
    assert wrap(f"aaaaaaa{SHY}bbbbbb", unit, 10, pdf.k, room).lines == ["aaaaaaa-", "bbbbbb"]
    assert wrap("a" * 25, unit, 10, pdf.k, room).lines == ["a" * 10, "a" * 10, "a" * 5]
    assert wrap(f"a{NBSP}b\n", unit, 10, pdf.k, room) == (["a b"], True)


#: What a line break may add or take away: spaces of every kind, soft hyphens, hyphens.
_BREAKS = re.compile(f"[\\s{BREAKING_SPACES}{NBSP}{SHY}-]")


@settings(max_examples=25)
@given(text=texts(other=True), bold=st.booleans(), size=st.sampled_from([8.5, 10]))
def test_every_word_comes_back_out_of_the_pdf(text: str, bold: bool, size: float) -> None:
    w = Writer(
        title="t",
        subject="s",
        author="a",
        language="en-GB",
        created=datetime(2000, 1, 1, tzinfo=UTC),
    )
    w.add_page()
    w.paragraph(text, bold=bold, size=size)
    out = _BREAKS.sub("", pdf_text(w.output()))
    shown = _BREAKS.sub("", normalise(w.clean(text)))  # CJK and emoji become [U+...]
    if not needs_shaping(text):  # left to right: the same letters in the same order
        assert out.startswith(shown)  # then the list of characters no font has, and the footer
    else:
        # pypdf puts right-to-left words in visual order, and loses digits in a shaped
        # paragraph (fpdf2's output, before and after this change): the shaped letters.
        assert not Counter(c for c in shown if needs_shaping(c)) - Counter(out)


def _reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render with fpdf2's own ``multi_cell`` for every text."""
    monkeypatch.setattr(layout._PDF, "plain", lambda self, text: False)


def _streams(data: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in pdf_reader(data).pages]


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
def test_fallback_fonts_only_where_needed_draw_the_same_pages(
    cls: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The script fonts are added and turned on only for a text the main font cannot draw;
    before, they were always on: every page draws the same, and the PDF no longer embeds them."""
    doc = cls.example()
    ours = coparent.render_pdf(doc, audience=Audience.facilitator())
    monkeypatch.setattr(layout, "main_characters", frozenset)  # every text "needs" them
    always = coparent.render_pdf(doc, audience=Audience.facilitator())
    assert _streams(ours) == _streams(always)
    assert pdf_text(ours) == pdf_text(always)
    assert b"NotoSansArabic" in always
    assert b"NotoSansArabic" not in ours
    assert len(ours) < len(always)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
@pytest.mark.parametrize("audience", [Audience.facilitator(), Audience.parent(ParentRef.B)])
def test_documents_are_byte_identical_to_multi_cell(
    cls: Any, audience: Audience, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = cls.example()
    ours = coparent.render_pdf(doc, audience=audience)
    _reference(monkeypatch)
    assert coparent.render_pdf(doc, audience=audience) == ours


def test_long_words_soft_hyphens_and_newlines_are_byte_identical_to_multi_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plan = ParentingPlan.example()
    comm = attrs.evolve(plan.communication, frequency="https://example.org/" + "path/" * 300)
    notes = f"A long{NBSP}paragraph that{SHY}goes on. " * 200 + "x" * 3000 + "\n\nend\n"
    plan = attrs.evolve(plan, communication=comm, notes=notes)
    ours = coparent.render_pdf(plan, audience=Audience.facilitator())
    _reference(monkeypatch)
    assert coparent.render_pdf(plan, audience=Audience.facilitator()) == ours


@settings(max_examples=5)
@given(data=st.data())
def test_generated_documents_are_byte_identical_to_multi_cell(data: st.DataObject) -> None:
    doc = data.draw(documents(ParentingPlan))
    ours = coparent.render_pdf(doc, audience=Audience.facilitator())
    with pytest.MonkeyPatch.context() as m:
        _reference(m)
        assert coparent.render_pdf(doc, audience=Audience.facilitator()) == ours


@example(  # a table over two pages whose later rows bring letters the footer does not have
    paragraphs=[],
    rows=[("row", "abc def")] * 45 + [("ŴЖρ", "ŷДγ xyz")] * 20,
)
@settings(max_examples=60)
@given(
    paragraphs=st.lists(texts(), max_size=6),
    rows=st.lists(st.tuples(texts().map(lambda s: s[:120]), texts().map(lambda s: s[:120]))),
)
def test_paragraphs_and_tables_are_byte_identical_to_multi_cell(
    paragraphs: list[str], rows: list[tuple[str, str]]
) -> None:
    """Glyph codes too: a table measured without drawing gives glyphs their codes in the
    order drawing would."""

    def render() -> bytes:
        w = Writer(
            title="t", subject="s", author="a", language="en-GB",
            created=datetime(2000, 1, 1, tzinfo=UTC),
        )  # fmt: skip
        w.set_running_text("DRAFT", "footer " * 20)
        w.add_page()
        for p in paragraphs:
            w.field("Label", p, placeholder="none")
        if rows:
            w.table(
                ["#", "Name", "Value"], [[str(i), *r] for i, r in enumerate(rows)], [8, 60, 106]
            )
        return w.output()

    ours = render()
    with pytest.MonkeyPatch.context() as m:
        _reference(m)
        assert render() == ours
