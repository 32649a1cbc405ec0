"""Tables drawn by coparent's own loop (``_PDF.plain_table``): the same bytes as fpdf2's ``table``.

The oracle is fpdf2: each PDF is rendered again with ``plain_table`` declining every table, so
that fpdf2's own ``Table`` lays out and draws each one. The comparison is shown to fail when the
fast path is wrong, and the fast path is shown to be taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fpdf.errors import FPDFException
from fpdf.table import Table
from hypothesis import example, given, settings
from hypothesis import strategies as st

import coparent
import coparent.render._layout as layout
from coparent import Audience, ParentingPlan, Referral, Review
from test_render_lines import AUDIENCES, _reports, _writer, counted_calls, example_plan_calls
from test_render_wrap import texts


def _with_fpdf2_table(render: Callable[[], bytes]) -> bytes:
    """``render()`` with every table laid out and drawn by fpdf2's own ``Table``."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(layout._PDF, "plain_table", lambda self, *args, **kwargs: False)
        return render()


def _same_as_fpdf2(render: Callable[[], bytes]) -> bool:
    return render() == _with_fpdf2_table(render)


def _outcome(render: Callable[[], bytes]) -> Callable[[], bytes]:
    """``render``, giving the error's type and message when it raises one (a column too
    narrow for a single character is refused by both tables alike)."""

    def run() -> bytes:
        try:
            return render()
        except (ValueError, FPDFException) as e:  # e.g. coparent's NoRoom, fpdf2's own
            return f"{type(e).__name__}: {e}".encode()

    return run


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
@pytest.mark.parametrize("audience", AUDIENCES, ids=str)
@pytest.mark.parametrize("locale", ["en", "cy"])
def test_examples_are_byte_identical_to_fpdf2s_table(
    cls: Any, audience: Audience, locale: str
) -> None:
    doc = cls.example()
    assert _same_as_fpdf2(lambda: coparent.render_pdf(doc, audience=audience, locale=locale))


@pytest.mark.parametrize("report", range(3), ids=["diff", "merge", "progress"])
def test_reports_are_byte_identical_to_fpdf2s_table(report: int) -> None:
    doc = _reports()[report]
    assert _same_as_fpdf2(lambda: coparent.render_pdf(doc, audience=Audience.facilitator()))


#: Cell text: mostly plain (the fast path), sometimes in scripts only fpdf2 draws here.
_CELLS = st.one_of(
    st.just(""),
    texts().map(lambda s: s[:50]),
    texts(other=True).map(lambda s: s[:30]),
    st.lists(texts().map(lambda s: s[:20]), min_size=2, max_size=4).map("\n".join),
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, list[str], list[list[str]], list[int]]:
    """Text before the table (so that it starts anywhere on a page), headings, rows, widths."""
    columns = draw(st.integers(1, 5))
    row = st.lists(_CELLS, min_size=columns, max_size=columns)
    before = draw(st.text("word ", max_size=3000))
    rows = draw(st.lists(row, max_size=45))
    return (
        before,
        draw(row),
        rows,
        draw(st.lists(st.integers(5, 120), min_size=columns, max_size=columns)),
    )


@example(  # two pages: the headings drawn again at the top of the second
    tables=[("", ["Day", "Who"], [["Monday", "Siân"], ["Tuesday", "Tom"]] * 40, [40, 100])],
    status=False,
)
@example(  # a table starting at the foot of a page (fpdf2 measures it by drawing)
    tables=[("word " * 780, ["Day", "Who"], [["Monday", "Siân"]] * 3, [40, 100])],
    status=False,
)
@settings(max_examples=30, deadline=None)
@given(tables=st.lists(_tables(), min_size=1, max_size=3), status=st.booleans())
def test_tables_are_byte_identical_to_fpdf2s_table(
    tables: list[tuple[str, list[str], list[list[str]], list[int]]], status: bool
) -> None:
    def render() -> bytes:
        w = _writer("DRAFT: not agreed", "Plan  id 123")
        if status:
            w.status_box("DRAFT")  # leaves a white fill colour set: body cells are filled
        for before, headings, rows, widths in tables:
            w.paragraph(before)
            w.table(headings, rows, widths)
        return w.output()

    assert _same_as_fpdf2(_outcome(render))


@pytest.fixture
def fpdf2_tables(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many tables fpdf2's own ``Table`` draws (one item per table)."""
    return counted_calls(monkeypatch, Table, "render")


def test_tables_of_plain_text_are_drawn_without_fpdf2s_table(fpdf2_tables: list[int]) -> None:
    """The comparisons above are not vacuous: the example plan's tables take the fast path."""
    fast, slow = example_plan_calls(fpdf2_tables, _with_fpdf2_table)
    assert slow > 20
    assert fast * 10 < slow


_real_cell_box = layout._cell_box
_real_row = layout._PDF._plain_table_row


def _boxes_filled(*args: Any) -> str:
    return _real_cell_box(*args).replace(" re S", " re f")


def _not_centred(self: Any, row: Any, style: Any, height: float, _heights: Any, grid: Any) -> None:
    _real_row(self, row, style, height, [height] * len(row), grid)


@pytest.mark.parametrize(
    ("target", "name", "wrong"),
    [
        (layout, "_cell_box", _boxes_filled),  # borders drawn as filled boxes
        (layout._PDF, "_plain_table_row", _not_centred),  # text at the top of a taller row
    ],
    ids=["borders", "vertical centring"],
)
def test_the_comparison_fails_when_the_fast_path_is_wrong(
    target: Any, name: str, wrong: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def render() -> bytes:
        w = _writer("DRAFT", "footer")
        w.table(["Name", "Value"], [["a", "one\ntwo\nthree"], ["b", "c"]], [60, 100])
        return w.output()

    assert _same_as_fpdf2(render)
    monkeypatch.setattr(target, name, wrong)
    assert not _same_as_fpdf2(render)


def test_a_row_taller_than_a_page_is_refused_as_fpdf2_refuses_it(fpdf2_tables: list[int]) -> None:
    """A row that fits where its table starts (above the top margin), not on a new page."""

    def attempt() -> bytes:
        w = _writer("", "")
        w.pdf.set_y(5)
        lines = int((w.pdf.page_break_trigger - w.pdf.t_margin) / 4.6) + 1
        with pytest.raises(ValueError, match="too high") as refused:
            w.table(["A", "B"], [["a", "b"], ["c", "\n".join(["x"] * lines)]], [50, 50])
        return str(refused.value).encode()

    fast = attempt()
    assert not fpdf2_tables  # refused by plain_table itself
    assert fast == _with_fpdf2_table(attempt)
    assert fpdf2_tables
