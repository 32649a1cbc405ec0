"""Plain lines drawn by coparent's own text operators: the same bytes as fpdf2's ``cell``.

The oracle is fpdf2: each PDF is rendered again with ``_PDF._plain_cell`` (which draws a plain
line itself) replaced by fpdf2's own ``FPDF.cell``, and ``_PDF``'s quicker ``set_font`` and
``use_font_face`` by fpdf2's. The comparison is shown to fail when a fast path is deliberately
wrong, and the fast path is shown to be taken.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from fpdf import FPDF
from hypothesis import example, given, settings
from hypothesis import strategies as st

import coparent
import coparent.render._layout as layout
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review
from coparent.render._fonts import widths
from coparent.render._layout import Writer
from pdftext import pdf_text
from test_render_wrap import LETTERS, texts

AUDIENCES = [
    Audience.facilitator(),
    Audience.court(),
    Audience.parent(ParentRef.A),
    Audience.parent(ParentRef.B),
]


def _fpdf2_cell(
    self: FPDF, w: float, h: float | None, text: str, align: Any, new_x: Any, new_y: Any
) -> bool:
    return FPDF.cell(self, w, h, text, align=align, new_x=new_x, new_y=new_y)


def _with_fpdf2_cell(render: Callable[[], bytes]) -> bytes:
    """``render()`` with every plain line drawn by fpdf2's own ``cell``, fonts set by fpdf2's
    own ``set_font`` and ``use_font_face``, and tables drawn by fpdf2's ``table``."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(layout._PDF, "_plain_cell", _fpdf2_cell)
        m.setattr(layout._PDF, "set_font", FPDF.set_font)
        m.setattr(layout._PDF, "use_font_face", FPDF.use_font_face)
        m.setattr(layout._PDF, "plain_table", lambda self, *args, **kwargs: False)
        return render()


def _same_as_fpdf2(render: Callable[[], bytes]) -> bool:
    return render() == _with_fpdf2_cell(render)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
@pytest.mark.parametrize("audience", AUDIENCES, ids=str)
@pytest.mark.parametrize("locale", ["en", "cy"])
def test_examples_are_byte_identical_to_fpdf2s_cell(
    cls: Any, audience: Audience, locale: str
) -> None:
    doc = cls.example()
    assert _same_as_fpdf2(lambda: coparent.render_pdf(doc, audience=audience, locale=locale))


def _reports() -> list[Any]:
    """The diff, merge and progress reports of the demo plans."""
    from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version
    from coparent.progress import progress_summary

    a, b = parent_a_version(), parent_b_version()
    return [
        coparent.diff(a, b, a_label="Siân", b_label="Tom"),
        coparent.merge(last_agreed_version(), a, b, ours_label="Siân", theirs_label="Tom"),
        progress_summary(ParentingPlan.example()),
    ]


@pytest.mark.parametrize("report", range(3), ids=["diff", "merge", "progress"])
@pytest.mark.parametrize("audience", AUDIENCES, ids=str)
def test_reports_are_byte_identical_to_fpdf2s_cell(report: int, audience: Audience) -> None:
    doc = _reports()[report]
    assert _same_as_fpdf2(lambda: coparent.render_pdf(doc, audience=audience, locale="cy"))


@st.composite
def _blocks(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """What a document writes: headings, paragraphs, fields, tables and a month grid, in any
    script (Welsh, Greek, Cyrillic, Arabic, Bengali, characters no font has, soft hyphens)."""
    text = texts(other=True).map(lambda s: s[:300])
    short = texts(other=True).map(lambda s: s[:40])
    block = st.one_of(
        st.tuples(st.just("heading"), st.tuples(short, st.integers(0, 2))),
        st.tuples(st.just("title"), st.tuples(short)),
        st.tuples(st.just("status"), st.tuples(short)),
        st.tuples(
            st.just("paragraph"),
            st.tuples(text, st.booleans(), st.sampled_from([8.5, 10, 11]), st.booleans()),
        ),
        st.tuples(st.just("field"), st.tuples(short, text)),
        st.tuples(
            st.just("table"),
            st.tuples(st.lists(st.tuples(short, short, text), min_size=1, max_size=12)),
        ),
        st.tuples(
            st.just("month"),
            st.tuples(short, st.lists(st.tuples(st.booleans(), short), min_size=7, max_size=7)),
        ),
        st.tuples(st.just("signature"), st.tuples(short)),
    )
    return draw(st.lists(block, max_size=8))


def _writer(header: str, footer: str) -> Writer:
    """A writer with a running header and footer, on its first page."""
    w = Writer(
        title="t", subject="s", author="a", language="en-GB",
        created=datetime(2000, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    w.set_running_text(header, footer)
    w.add_page()
    return w


def _write(header: str, footer: str, blocks: list[tuple[str, Any]]) -> bytes:
    w = _writer(header, footer)
    for kind, args in blocks:
        if kind == "heading":
            w.heading(args[0], args[1])
        elif kind == "title":
            w.big_title(args[0])
        elif kind == "status":
            w.status_box(args[0])
        elif kind == "paragraph":
            text, bold, size, grey = args
            w.paragraph(text, bold=bold, size=size, grey=grey)
        elif kind == "field":
            w.field(args[0], args[1], placeholder="none")
        elif kind == "table":
            w.table(["#", "Name", "Value"], [list(r) for r in args[0]], [8, 60, 106])
        elif kind == "month":
            days = [(n + 1, marks, event) for n, (event, marks) in enumerate(args[1])]
            w.month(args[0], "legend", [days], ["a note"])
        else:
            w.signature_lines(args[0])
    return w.output()


@example(  # a table over a page break, a right-aligned header, a centred month
    header="DRAFT: not agreed",
    footer="Plan  id 123  version 2 " * 3,
    blocks=[
        ("table", ([("row", "ŵŷ Γιώργος", "Дмитрий x")] * 60,)),
        ("month", ("Ionawr", [*[(True, "A"), (False, "B")] * 3, (False, "")])),
    ],
)
@settings(max_examples=40)
@given(header=texts(other=True).map(lambda s: s[:60]), footer=texts(), blocks=_blocks())
def test_written_text_is_byte_identical_to_fpdf2s_cell(
    header: str, footer: str, blocks: list[tuple[str, Any]]
) -> None:
    assert _same_as_fpdf2(lambda: _write(header, footer, blocks))


@settings(max_examples=25)
@given(
    words=st.lists(
        st.text(st.sampled_from(LETTERS), min_size=1, max_size=12), min_size=1, max_size=40
    ),
    align=st.sampled_from(["L", "R", "C"]),
)
def test_every_word_of_a_line_comes_back_out_of_the_pdf(words: list[str], align: str) -> None:
    def render() -> bytes:
        w = _writer("HEADER", "FOOTER")
        for word in words:
            w.pdf.cell(0, 5, word, align=align, new_x="LMARGIN", new_y="NEXT")
        return w.output()

    data = render()
    # One page: its header, the words, its footer.
    assert pdf_text(data).split() == ["HEADER", *words, "Page", "1", "of", "1", "FOOTER"]
    assert data == _with_fpdf2_cell(render)


def counted_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[int]:
    """A list that gets one item for each call of the method ``owner.name`` from now on."""
    calls: list[int] = []
    method = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return method(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.fixture
def styled_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines fpdf2's own line drawing writes (one item per call)."""
    return counted_calls(monkeypatch, FPDF, "_render_styled_text_line")


def example_plan_calls(
    calls: list[int], reference: Callable[[Callable[[], bytes]], bytes]
) -> tuple[int, int]:
    """How many items ``calls`` gets while the example plan's PDF is rendered, then while it
    is rendered through ``reference``."""
    plan = ParentingPlan.example()

    def render() -> bytes:
        return coparent.render_pdf(plan, audience=Audience.facilitator())

    render()
    fast = len(calls)
    calls.clear()
    reference(render)
    return fast, len(calls)


def test_plain_lines_are_drawn_without_fpdf2s_line_drawing(styled_lines: list[int]) -> None:
    """The comparisons above are not vacuous: the example plan's lines take the fast path."""
    fast, slow = example_plan_calls(styled_lines, _with_fpdf2_cell)
    assert slow > 1000
    assert fast * 20 < slow


def _wrong_code(self: layout.GlyphCodes, char: int) -> str:
    self.font.subset.pick(char)
    code = self.font.subset.pick(ord("x"))
    escaped = self.font.escape_text(chr(code or 0))
    self[char] = escaped
    return escaped


def _wrong_widths(style: str) -> dict[str, int]:
    return {c: u + 1 for c, u in widths(style).items()}


def _size_ignored(self: FPDF, family: str | None = None, style: str = "", size: float = 0) -> None:
    FPDF.set_font(self, family, style)


@pytest.mark.parametrize(
    ("target", "name", "wrong"),
    [
        (layout.GlyphCodes, "__missing__", _wrong_code),  # another letter's glyph
        (layout, "widths", _wrong_widths),  # the right-aligned header misplaced
        (layout._PDF, "_plain_line", lambda self: True),  # the underline left out
        (layout, "_style", lambda emphasis: ""),  # the table's headings not bold
        (layout._PDF, "set_font", _size_ignored),  # the table in the paragraphs' size
    ],
    ids=["glyph codes", "widths", "text effects", "emphasis", "font size"],
)
def test_the_comparison_fails_when_the_fast_path_is_wrong(
    target: Any, name: str, wrong: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render() -> bytes:
        w = _writer("DRAFT", "footer")
        w.paragraph("Ŵyn bach, Γιώργος", grey=True)
        w.table(["Name", "Value"], [["a", "b"], ["ŵ", "Γ"]], [60, 100])
        w.pdf.set_font(style="U")
        w.pdf.cell(0, 5, "underlined")
        return w.output()

    assert _same_as_fpdf2(render)
    monkeypatch.setattr(target, name, wrong)
    assert not _same_as_fpdf2(render)
