"""A thin page writer over fpdf2: headings with bookmarks, labelled fields, paragraphs, tables.

Every string passes through :func:`coparent.render._fonts.clean` (NFC, visible placeholders for
characters no font has); the shaping engine and the fallback fonts are switched on only for
strings that need them. Long text is wrapped by :func:`coparent.render._wrap.wrap` (the lines
fpdf2's ``multi_cell`` makes, measured with cached widths) and drawn a line at a time, breaking
across pages; text that needs shaping or a fallback font goes through ``multi_cell`` itself. A
line of plain text in the main font is written with the same PDF operators fpdf2's ``cell``
writes for it (:meth:`_PDF._plain_cell`), without fpdf2's text fragments; anything else (borders,
fills, links, the page count, other fonts) goes to ``cell``. A table of plain text is laid out and
drawn by :meth:`_PDF.plain_table` with the calls fpdf2's ``table`` makes, without its objects for
every row and cell. Long text never goes in table rows.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from datetime import datetime
from typing import Any, Literal, NamedTuple

from fpdf import FPDF, FontFace, TextStyle, ViewerPreferences
from fpdf.drawing_primitives import convert_to_device_color
from fpdf.enums import (
    Align,
    CharVPos,
    MethodReturnValue,
    TextEmphasis,
    TextMode,
    WrapMode,
    XPos,
    YPos,
)
from fpdf.fonts import TTFFont
from fpdf.util import Padding

from ..errors import RenderError
from ..i18n import P_, _
from ._fonts import FALLBACKS, FAMILY, add_fonts, clean, main_characters, needs_shaping, widths
from ._wrap import Wrapped, wrap

__all__ = ["MAX_PAGES", "Writer", "writers_closed"]

#: The most pages a PDF may have. Laying out costs about 7 ms a page, so this bounds the
#: time (about 7 s) and memory a document can cost, however large; the example plan has 22.
MAX_PAGES = 1000

GREY = (90, 90, 90)
LIGHT = (235, 235, 235)
BLACK = (0, 0, 0)
#: How a table's headings stand out: bold, on a light grey.
_HEADINGS = FontFace(emphasis="BOLD", fill_color=LIGHT)
#: A table's line height and the padding inside each cell, in mm.
_ROW_LINE = 4.6
_CELL_PADDING = 1.2


class _PDF(FPDF):
    """FPDF with a running header (status mark) and footer (page X of Y, id, version)."""

    header_text: str = ""
    footer_text: str = ""
    #: "Page {page} of {pages}" in the reader's language (looked up while rendering: the
    #: footer itself is drawn as each page closes).
    page_text: str = "Page {page} of {pages}"
    #: Whether the fallback fonts and the shaping engine are on (see :meth:`scripts`).
    fallback: bool = False
    shaping: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The footer's lines by its text and the widths of the page number's digits.
        self._footer_lines: dict[tuple[str, tuple[int, ...]], tuple[int, list[str]]] = {}
        #: The lines of each text measured in a table, until the table draws it.
        self._measured: dict[tuple[str, str, float, float], Wrapped] = {}
        #: Each font's glyph codes in this document, by font key.
        self._glyph_codes: dict[str, GlyphCodes] = {}

    @contextlib.contextmanager
    def scripts(self, *texts: str) -> Iterator[None]:
        """The fallback fonts and the shaping engine on while ``texts`` are drawn, if any
        needs them (both are off otherwise: fpdf2 looks at every character when they are on).
        """
        main = main_characters()
        fallback = not self.fallback and any(
            not main.issuperset(t.replace("\n", "")) for t in texts
        )
        shaping = not self.shaping and any(needs_shaping(t) for t in texts)
        if fallback:
            add_fonts(self, fallbacks=True)
            self.set_fallback_fonts(list(FALLBACKS), exact_match=False)
            self.fallback = True
        if shaping:
            self.set_text_shaping(True)
            self.shaping = True
        try:
            yield
        finally:
            if shaping:
                self.set_text_shaping(False)
                self.shaping = False
            if fallback:
                self.set_fallback_fonts([])
                self.fallback = False

    def plain(self, text: str) -> bool:
        """Whether ``text`` can be wrapped here by :func:`coparent.render._wrap.wrap`: one font
        has every character, nothing needs shaping, no form feed or page-count alias."""
        return (
            not self.fallback
            and not self.shaping
            and self.font_family == FAMILY
            and self.char_spacing == 0
            and self.font_stretching == 100
            and main_characters().issuperset(text.replace("\n", ""))
            and not needs_shaping(text)
            and "\f" not in text
            and (not self.str_alias_nb_pages or self.str_alias_nb_pages not in text)
        )

    def cell(
        self,
        w: float | None = None,
        h: float | None = None,
        text: str = "",
        border: Literal[0, 1] | str = 0,
        ln: Literal["DEPRECATED"] = "DEPRECATED",
        align: str | Align = Align.L,
        fill: bool = False,
        link: str | int | None = "",
        center: bool = False,
        markdown: bool = False,
        new_x: str | XPos = XPos.RIGHT,
        new_y: str | YPos = YPos.TOP,
    ) -> bool:
        """fpdf2's ``cell``, with a plain line (see :meth:`plain`) in the main font drawn by
        :meth:`_plain_cell`: the same PDF operators, without fpdf2's fragments and graphics
        state copies. Borders, fills, links, markdown and anything unusual go to fpdf2.
        """
        if (
            w is None
            or border
            or fill
            or link
            or center
            or markdown
            or ln != "DEPRECATED"
            or self.page == 0
            or "\n" in text
            or not self._plain_line()
            or not self.plain(text)
        ):
            return super().cell(
                w, h, text, border, ln, align, fill, link, center, markdown, new_x, new_y
            )
        align = Align.coerce(align)
        if align not in (Align.L, Align.R, Align.C):
            return super().cell(
                w, h, text, border, ln, align, fill, link, center, markdown, new_x, new_y
            )
        return self._plain_cell(w, h, text, align, XPos.coerce(new_x), YPos.coerce(new_y))

    def _plain_line(self) -> bool:
        """Whether fpdf2 would draw a line of text here as one fragment in the current font,
        with no text effects (so :meth:`_plain_cell` writes what it writes)."""
        font = self.current_font
        return (
            isinstance(font, TTFFont)
            and self.font_family == FAMILY
            and not font.color_font
            and self.char_spacing == 0
            and self.font_stretching == 100
            and not self._fallback_font_ids
            and not self.text_shaping
            and not self.underline
            and not self.strikethrough
            and self.text_mode is TextMode.FILL
            and self.char_vpos is CharVPos.LINE
            and not self._record_text_quad_points
            and self.font_size_pt > 0
        )

    def _plain_cell(
        self, w: float, h: float | None, text: str, align: Align, new_x: XPos, new_y: YPos
    ) -> bool:
        # Step for step what fpdf2 2.8's _render_styled_text_line writes for one fragment of
        # plain text: no borders, fill, link, word spacing or text effects.
        font = self.current_font
        assert isinstance(font, TTFFont)
        size_pt = self.font_size_pt
        k = self.k
        if h is None:
            h = self.font_size
        if w == 0:
            w = self.w - self.r_margin - self.x
        page_break = self._perform_page_break_if_need_be(h)
        c_margin = self.c_margin
        s_start = self.x
        s_width: float = 0
        if text:
            if size_pt > font.biggest_size_pt:  # as fpdf2 measures the text
                font.biggest_size_pt = size_pt
            units = widths(self.font_style)
            s_width = sum(map(units.__getitem__, text)) * size_pt * 0.001 / k
            if align is Align.R:
                dx = w - c_margin - s_width
            elif align is Align.C:
                dx = (w - s_width) / 2
            else:
                dx = c_margin
            s_start += dx
            if not self.current_font_is_set_on_page:
                self._out(self._set_font_for_page(font, size_pt))
            ops = [
                f"BT {(self.x + dx) * k:.2f} "
                f"{(self.h - self.y - 0.5 * h - 0.3 * self.font_size) * k:.2f} Td"
            ]
            color = self.text_color
            recolour = color != self.fill_color
            if recolour:
                assert color is not None
                ops.append(color.serialize().lower())
            ops.append(f"({text.translate(self._codes(font))}) Tj")
            ops.append("ET")
            self._out(f"q {' '.join(ops)} Q" if recolour else " ".join(ops))
        self._lasth = h or self.font_size
        if new_x is XPos.RIGHT:
            self.x += w
        elif new_x is XPos.START:
            self.x = s_start
        elif new_x is XPos.END:
            self.x = s_start + s_width
        elif new_x is XPos.WCONT:
            self.x = s_start + s_width - c_margin if s_width else s_start
        elif new_x is XPos.CENTER:
            self.x = s_start + s_width / 2.0
        elif new_x is XPos.LMARGIN:
            self.x = self.l_margin
        elif new_x is XPos.RMARGIN:
            self.x = self.w - self.r_margin
        if new_y is YPos.NEXT:
            self.y += h
        elif new_y is YPos.TMARGIN:
            self.y = self.t_margin
        elif new_y is YPos.BMARGIN:
            self.y = self.h - self.b_margin
        return page_break

    def set_font(
        self, family: str | None = None, style: str | TextEmphasis = "", size: float = 0
    ) -> None:
        """fpdf2's ``set_font``, returning at once when the font asked for is the current one
        (the layout sets a font for every paragraph and table cell, nearly always the same)."""
        font = self.current_font
        if (
            style == self.font_style
            and style in ("", "B")
            and (not family or family == self.font_family)
            and (not size or size == self.font_size_pt)
            and not self.underline
            and not self.strikethrough
            and font is not None
            and font.fontkey == self.font_family + style
        ):
            return
        super().set_font(family, style, size)

    @contextlib.contextmanager
    def use_font_face(self, font_face: FontFace) -> Iterator[None]:
        """fpdf2's ``use_font_face`` (which its tables call for every cell, twice), with the
        style letters of each emphasis worked out once instead of from its flags every time."""
        if not font_face:
            yield
            return
        prev_font = (self.font_family, self.font_style, self.font_size_pt)
        emphasis = font_face.emphasis
        self.set_font(
            font_face.family or self.font_family,
            self.font_style if emphasis is None else _style(emphasis),
            font_face.size_pt or self.font_size_pt,
        )
        self.current_font_is_set_on_page = False
        prev_text_color = self.text_color
        if font_face.color is not None and font_face.color != self.text_color:
            self.set_text_color(font_face.color)
        prev_fill_color = self.fill_color
        if font_face.fill_color is not None:
            self.set_fill_color(font_face.fill_color)
        yield
        if font_face.fill_color is not None:
            assert prev_fill_color is not None
            self.set_fill_color(prev_fill_color)
        self.text_color = prev_text_color
        self.set_font(*prev_font)

    def _codes(self, font: TTFFont) -> GlyphCodes:
        """The glyph codes of ``font`` in this document (see :class:`GlyphCodes`)."""
        codes = self._glyph_codes.get(font.fontkey)
        if codes is None:
            codes = self._glyph_codes[font.fontkey] = GlyphCodes(font)
        return codes

    def multi_cell(
        self,
        w: float,
        h: float | None = None,
        text: str = "",
        border: Literal[0, 1] | str = 0,
        align: str | Align = Align.J,
        fill: bool = False,
        split_only: bool = False,
        link: int | str | None = None,
        ln: Literal["DEPRECATED"] = "DEPRECATED",
        max_line_height: float | None = None,
        markdown: bool = False,
        print_sh: bool = False,
        new_x: str | XPos = XPos.RIGHT,
        new_y: str | YPos = YPos.NEXT,
        wrapmode: WrapMode = WrapMode.WORD,
        dry_run: bool = False,
        output: str | MethodReturnValue = MethodReturnValue.PAGE_BREAK,
        center: bool = False,
        padding: int | Sequence[int] | Padding = 0,
    ) -> Any:
        """fpdf2's ``multi_cell``, with left-aligned plain text (see :meth:`plain`) wrapped by
        :func:`coparent.render._wrap.wrap` and drawn a line at a time with ``cell``: the same
        lines, positions and page breaks, without measuring each line again for every letter.
        Everything else (borders, fills, justified or centred text, shaping) goes to fpdf2.
        """
        if (
            self.page == 0
            or border
            or fill
            or split_only
            or dry_run
            or link
            or ln != "DEPRECATED"
            or markdown
            or print_sh
            or center
            or WrapMode.coerce(wrapmode) is not WrapMode.WORD
            or Align.coerce(align) is not Align.L
            or not self.plain(text)
        ):
            return super().multi_cell(
                w, h, text, border, align, fill, split_only, link, ln, max_line_height,
                markdown, print_sh, new_x, new_y, wrapmode, dry_run, output, center, padding,
            )  # fmt: skip
        return self._plain_multi_cell(
            w, h, text, max_line_height, XPos.coerce(new_x), YPos.coerce(new_y), output, padding
        )

    def _plain_multi_cell(
        self,
        w: float,
        h: float | None,
        text: str,
        max_line_height: float | None,
        new_x: XPos,
        new_y: YPos,
        output: str | MethodReturnValue,
        padding: int | Sequence[int] | Padding,
    ) -> Any:
        # Step for step what fpdf2 2.8's multi_cell does for left-aligned text without borders.
        pad = Padding.new(padding)
        if h is None:
            h = self.font_size
        if w == 0:
            w = self.w - self.r_margin - self.x
        prev_y = self.y
        w = room = w - pad.right - pad.left
        if not pad.left:
            room -= float(self.c_margin)
        if not pad.right:
            room -= float(self.c_margin)
        self.x += pad.left
        self.y += pad.top
        # fpdf2's table measures each cell with writing switched off (its _disable_writing
        # replaces ``_out``), then draws it: the lines measured are kept for the drawing.
        measuring = "_out" in vars(self)
        key = (text, self.font_style, self.font_size_pt, room)
        wrapped = self._measured.pop(key, None)
        if wrapped is None:
            wrapped = wrap(
                text.replace("\r", ""), widths(self.font_style), self.font_size_pt, self.k, room
            )
        if measuring:
            self._measured[key] = wrapped
        lines, trailing = wrapped
        line_height = h if max_line_height is None or len(lines) == 1 else min(h, max_line_height)
        if (
            # Measuring needs no drawing when the text cannot reach a page break. (If fpdf2
            # measures another way, this is simply not taken.)
            measuring
            and new_x is XPos.RIGHT
            and new_y is YPos.TOP
            and not self.will_page_break((len(lines) - 1) * line_height + h + pad.bottom + 0.01)
        ):
            # Drawing would give each new glyph its code in the font subset, in this order:
            # give them here, so that the codes (and the PDF's bytes) are the same.
            font = self.current_font
            assert isinstance(font, TTFFont)
            codes = self._codes(font)
            for line in lines:
                line.translate(codes)
            self.x += w
            self.x += pad.right
            self.y = prev_y
            total: float = 0
            for _line in lines:
                total += line_height  # summed as fpdf2 sums it
            return _returned(output, False, lines, max(total, h) + pad.top + pad.bottom)
        page_break = False
        total = 0
        c_margin = self.c_margin
        last = len(lines) - 1
        alias = self.str_alias_nb_pages
        for n, line in enumerate(lines):
            if self._perform_page_break_if_need_be(h + pad.bottom):
                page_break = True
                self.y += pad.top
            # fpdf2 draws the line with no inner margin on a side that has padding.
            self.c_margin = 0 if pad.left else c_margin
            line_x = new_x if n == last else XPos.LEFT
            line_y = new_y if n == last else YPos.NEXT
            try:
                # The text is plain, so is each line (its characters, a space for a no-break
                # space and a hyphen for a soft hyphen), unless a soft hyphen made an alias.
                if self._plain_line() and not (alias and alias in line):
                    self._plain_cell(w, line_height, line, Align.L, line_x, line_y)
                else:
                    self.cell(w, line_height, line, align=Align.L, new_x=line_x, new_y=line_y)
            finally:
                self.c_margin = c_margin
            total += line_height
        if total < h:
            if new_y is YPos.NEXT:
                self.y += h - total
            total = h
        if page_break and new_y is YPos.TOP:
            prev_y = self.y
        if trailing and new_y in (YPos.LAST, YPos.NEXT):
            self.ln()
        if new_y is YPos.TOP:
            self.y = prev_y
        elif new_y is YPos.NEXT:
            self.y += pad.bottom
        if new_x is XPos.RIGHT:
            self.x += pad.right
        elif new_x is XPos.LEFT:
            self.x -= pad.left
        return _returned(output, page_break, lines, total + pad.top + pad.bottom)

    def plain_table(
        self,
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        *,
        headings_style: FontFace,
        line_height: float,
        padding: float,
    ) -> bool:
        """Draw ``rows`` (the first one the headings, repeated on each new page) as fpdf2's
        ``table`` draws them with these settings and its defaults for the rest (full width,
        every border, text left-aligned and vertically centred), and return True; or draw
        nothing and return False when fpdf2 must (text that is not plain, a cell that would
        reach a page break while fpdf2 measures it, rows of other lengths).

        The same calls in the same order as fpdf2 2.8's ``Table.render``, without its row and
        cell objects, spans and style merging for every cell (about a sixth of a render):
        ``tests/test_render_table.py`` compares the bytes with fpdf2's own table.
        """
        if (
            self.page == 0
            or not rows
            or not col_widths
            or self.x != self.l_margin
            or any(len(row) != len(col_widths) for row in rows)
            or not all(self.plain(text) for row in rows for text in row)
        ):
            return False
        initial = self.font_face()
        headings = FontFace.combine(initial, headings_style)
        assert headings is not None
        pad = Padding.new(padding)
        # The table spans the page's full width; each column's share of it is worked out as
        # fpdf2 works it out, for the same floats (its gutters and outer margins are zero).
        width = float(self.epw)
        total = sum(col_widths)
        columns: list[float] = []
        for share in col_widths:
            column: float = 0
            column += share / total * width
            columns.append(column)
        # Measure every cell as fpdf2 does before drawing: at the table's top, giving glyph
        # codes in that order, keeping each text's lines for the drawing.
        y_measured = self.y + pad.top
        heights: list[float] = []
        text_heights: list[list[float]] = []
        measured: list[tuple[tuple[str, str, float, float], Wrapped]] = []
        for i, row in enumerate(rows):
            style = headings if i == 0 else initial
            font_style = self.font_style if style.emphasis is None else _style(style.emphasis)
            size = style.size_pt or self.font_size_pt
            cell_heights: list[float] = []
            for text, column in zip(row, columns, strict=True):
                if not text:
                    cell_heights.append(0)
                    continue
                room = column - pad.right - pad.left
                wrapped = wrap(text.replace("\r", ""), widths(font_style), size, self.k, room)
                lines = wrapped[0]
                reach = (len(lines) - 1) * line_height + line_height + pad.bottom + 0.01
                if (
                    y_measured + reach > self.page_break_trigger
                    and not self.in_footer
                    and self.accept_page_break
                ):
                    return False  # fpdf2 measures this by drawing with writing switched off
                measured.append(((text, font_style, size, room), wrapped))
                height: float = 0
                for _line in lines:
                    height += line_height
                cell_heights.append(max(height, line_height) + pad.top + pad.bottom)
            heights.append(max(cell_heights) or line_height)
            text_heights.append(cell_heights)
        for key, wrapped in measured:
            font = self.fonts[self.font_family + key[1]]
            assert isinstance(font, TTFFont)
            codes = self._codes(font)
            for line in wrapped[0]:
                line.translate(codes)
            self._measured[key] = wrapped
        prev_x, prev_y, prev_l_margin = self.x, self.y, self.l_margin
        self.l_margin = (self.w - width) / 2
        self.x = self.l_margin
        xs = [self.l_margin]
        for column in columns:
            xs.append(xs[-1] + column)
        grid = _Grid(xs, columns, line_height, pad)
        if len(rows) > 1:  # never the headings alone at the foot of a page
            self._perform_page_break_if_need_be(sum(heights[k] for k in range(2)))
        for i, row in enumerate(rows):
            page_break = self._perform_page_break_if_need_be(heights[i])
            if page_break and self.y + heights[i] > self.page_break_trigger:
                self.x, self.y, self.l_margin = prev_x, prev_y, prev_l_margin
                raise ValueError(
                    f"The row with index {i} is too high and cannot be rendered on a single page"
                )
            if page_break and i >= 1:
                self._plain_table_row(rows[0], headings, heights[0], text_heights[0], grid)
            self._plain_table_row(
                row, headings if i == 0 else initial, heights[i], text_heights[i], grid
            )
        self.l_margin = prev_l_margin
        self.x = self.l_margin
        return True

    def _plain_table_row(
        self,
        row: Sequence[str],
        style: FontFace,
        height: float,
        text_heights: list[float],
        grid: _Grid,
    ) -> None:
        # fpdf2 2.8's Table._render_table_row, and _render_table_cell for a cell of plain text.
        y = self.y
        for j, text in enumerate(row):
            self.set_x(grid.xs[j])
            x1, y1 = self.x, self.y
            self._out(_cell_box(self, x1, y1, x1 + grid.columns[j], y1 + height, style.fill_color))
            if text:
                dy = (height - text_heights[j]) / 2
                self.y += dy
                with self.use_font_face(style):
                    self.multi_cell(
                        w=grid.columns[j],
                        h=grid.line_height,
                        text=text,
                        max_line_height=grid.line_height,
                        align="LEFT",
                        new_x="RIGHT",
                        new_y="TOP",
                        output=_PAGE_BREAK_AND_HEIGHT,
                        padding=grid.padding,
                    )
                self.y -= dy
            self.set_y(y)
        self.ln(height)

    def header(self) -> None:
        # Called for every new page, including automatic page breaks: the one place to stop.
        if self.page_no() > MAX_PAGES:
            raise RenderError(
                P_(
                    "the PDF would have more than {pages} pages; this document is too large to "
                    "print (split it, or leave out long lists such as past holidays)"
                ).format(pages=f"{MAX_PAGES:,}")
            )
        if self.header_text:
            self.set_font(FAMILY, "B", 9)
            self.set_text_color(*GREY)
            with self.scripts(self.header_text):
                self.cell(
                    0, 5, self.header_text, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT
                )
            self.set_text_color(*BLACK)
            self.ln(2)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        page = str(self.page_no())
        head = self.page_text.format(page=page, pages="{nb}")
        text = f"{head}    {self.footer_text}"
        rest = text.replace("{nb}", "", 1)
        # The part before the page count, which holds the page number in English and Welsh.
        start = head.partition("{nb}")[0]
        if self.plain(rest) and "\n" not in rest and page in start:
            # The footer breaks into lines the same way on every page whose number has the
            # same widths: ask fpdf2 for the lines once, then draw them with ``cell``.
            units = widths(self.font_style)
            key = (self.footer_text, tuple(units[d] for d in page))
            cached = self._footer_lines.get(key)
            lines: list[str]
            if cached is None:
                found = self.multi_cell(
                    0, 3.6, text, align=Align.L, dry_run=True, output=MethodReturnValue.LINES
                )
                assert isinstance(found, list)
                lines = found
                if lines and lines[0].startswith(start):
                    self._footer_lines[key] = (len(start), lines)
            else:
                cut, lines = cached
                lines = [start + lines[0][cut:], *lines[1:]]
            w = self.w - self.r_margin - self.x
            for n, line in enumerate(lines):
                last = n == len(lines) - 1
                self.cell(w, 3.6, line, new_x=XPos.RIGHT if last else XPos.LEFT, new_y=YPos.NEXT)
        else:
            with self.scripts(text):
                self.multi_cell(0, 3.6, text, align=Align.L)
        self.set_text_color(*BLACK)


class GlyphCodes(dict[int, str]):
    """A character's glyph code in one document's subset of a font, as the escaped two bytes
    fpdf2 writes between the parentheses of a ``Tj`` (a table for ``str.translate``).

    The first time a character is drawn it asks the font's subset for its code, as fpdf2 does
    when it draws a character (so the codes are handed out in the same order, and the subset
    embeds every glyph); a code never changes once given, so it is kept.
    """

    def __init__(self, font: TTFFont) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, char: int) -> str:
        code = self.font.subset.pick(char)
        escaped = self.font.escape_text(chr(code)) if code else ""
        self[char] = escaped
        return escaped


_PAGE_BREAK_AND_HEIGHT = MethodReturnValue.PAGE_BREAK | MethodReturnValue.HEIGHT


class _Grid(NamedTuple):
    """A table's columns: where each starts, its width, the height of a line and the padding."""

    xs: list[float]
    columns: list[float]
    line_height: float
    padding: Padding


def _cell_box(pdf: FPDF, x1: float, y1: float, x2: float, y2: float, fill: Any) -> str:
    """What fpdf2 2.8's ``TableCellStyle.draw_cell_border`` writes for a cell with all four
    borders in the line style of the page, filled with ``fill`` (a colour, or None)."""
    y1 = pdf.h - y1
    y2 = pdf.h - y2
    scale = pdf.k
    x1 *= scale
    y1 *= scale
    x2 *= scale
    y2 *= scale
    if fill is None:
        return f"{x1:.2f} {y2:.2f} {x2 - x1:.2f} {y1 - y2:.2f} re S"
    box = f"{x1:.2f} {y2:.2f} {x2 - x1:.2f} {y1 - y2:.2f} re B"
    if fill == pdf.fill_color:
        return box
    return f"q {convert_to_device_color(fill).serialize().lower()} {box} Q"


def _returned(
    output: str | MethodReturnValue, page_break: bool, lines: list[str], height: float
) -> Any:
    """What ``multi_cell`` returns for ``output``: one value, or a tuple of several."""
    wanted = _wanted(output)
    result: tuple[Any, ...] = ()
    if wanted[0]:
        result += (page_break,)
    if wanted[1]:
        result += (lines,)
    if wanted[2]:
        result += (height,)
    return result[0] if len(result) == 1 else result


@functools.cache
def _style(emphasis: TextEmphasis) -> str:
    """The style letters of ``emphasis`` (fpdf2's ``TextEmphasis.style``, read once)."""
    return emphasis.style


@functools.cache
def _wanted(output: str | MethodReturnValue) -> tuple[bool, bool, bool]:
    """Whether ``output`` asks for the page break, the lines and the height."""
    wanted = MethodReturnValue.coerce(output)
    return (
        bool(wanted & MethodReturnValue.PAGE_BREAK),
        bool(wanted & MethodReturnValue.LINES),
        bool(wanted & MethodReturnValue.HEIGHT),
    )


#: The writers made inside :func:`writers_closed` (``None`` outside it).
_made: ContextVar[list[Writer] | None] = ContextVar("coparent_writers", default=None)


@contextlib.contextmanager
def writers_closed() -> Iterator[None]:
    """Close the font files of every :class:`Writer` made in the block, however it ends.

    fpdf2 opens each font file when the font is added and closes it only in ``output()``: a
    PDF that fails part-way would leave the files open until the garbage collector finds them.
    """
    made: list[Writer] = []
    token = _made.set(made)
    try:
        yield
    finally:
        _made.reset(token)
        for writer in made:
            writer.close()


class Writer:
    """Writes one coparent document into a fresh A4 PDF."""

    def __init__(
        self,
        *,
        title: str,
        subject: str,
        author: str,
        language: str,
        created: datetime,
        keywords: str = "",
    ) -> None:
        self.missing: set[str] = set()
        pdf = _PDF(orientation="P", unit="mm", format="A4")
        self.pdf = pdf
        made = _made.get()
        if made is not None:
            made.append(self)
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=20)
        add_fonts(pdf)
        pdf.set_font(FAMILY, "", 10)
        pdf.set_creation_date(created)
        pdf.set_title(self.clean(title))
        pdf.set_subject(self.clean(subject))
        pdf.set_author(self.clean(author))
        pdf.set_creator("coparent")
        if keywords:
            pdf.set_keywords(keywords)
        pdf.set_lang(language or "en-GB")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        pdf.set_section_title_styles(
            TextStyle(font_family=FAMILY, font_style="B", font_size_pt=15, t_margin=4, b_margin=2),
            TextStyle(font_family=FAMILY, font_style="B", font_size_pt=12, t_margin=3, b_margin=1),
            TextStyle(font_family=FAMILY, font_style="B", font_size_pt=10.5, t_margin=2),
        )

    def close(self) -> None:
        """Close the font files fpdf2 holds open (safe to call again, or after ``output``)."""
        for font in self.pdf.fonts.values():
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.close()

    # -- text ------------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        """``text`` made safe to draw (see :func:`coparent.render._fonts.clean`)."""
        return clean(text, self.missing)

    def set_running_text(self, header: str, footer: str) -> None:
        """The status mark at the top of every page and the id/version line at the bottom."""
        self.pdf.header_text = self.clean(header)
        self.pdf.footer_text = self.clean(footer)
        self.pdf.page_text = self.clean(_("Page {page} of {pages}"))

    def add_page(self) -> None:
        """Start a new page."""
        self.pdf.add_page()

    # -- blocks ----------------------------------------------------------------------------
    def heading(self, text: str, level: int = 0) -> None:
        """A heading that is also a bookmark in the outline (level 0, 1 or 2)."""
        text = self.clean(text)
        with self.pdf.scripts(text):
            self.pdf.start_section(text, level=level, strict=False)
        self.pdf.set_font(FAMILY, "", 10)

    def big_title(self, text: str, size: float = 22) -> None:
        """The document's title on its first page."""
        text = self.clean(text)
        self.pdf.set_font(FAMILY, "B", size)
        with self.pdf.scripts(text):
            self.pdf.multi_cell(0, size * 0.5, text, align=Align.L)
        self.pdf.set_font(FAMILY, "", 10)
        self.pdf.ln(3)

    def status_box(self, text: str) -> None:
        """A framed, bold line that stands out in black and white (e.g. DRAFT)."""
        text = self.clean(text)
        self.pdf.set_font(FAMILY, "B", 13)
        self.pdf.set_fill_color(*LIGHT)
        self.pdf.set_line_width(0.6)
        with self.pdf.scripts(text):
            self.pdf.multi_cell(0, 9, text, border=1, fill=True, align=Align.C, padding=1)
        self.pdf.set_line_width(0.2)
        self.pdf.set_fill_color(255, 255, 255)
        self.pdf.set_font(FAMILY, "", 10)
        self.pdf.ln(4)

    def paragraph(
        self, text: str, *, bold: bool = False, size: float = 10, grey: bool = False
    ) -> None:
        """Free text, left-aligned, wrapping and breaking across pages."""
        text = self.clean(text)
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        if grey:
            self.pdf.set_text_color(*GREY)
        with self.pdf.scripts(text):
            self.pdf.multi_cell(
                0, size * 0.5, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.pdf.set_text_color(*BLACK)
        self.pdf.set_font(FAMILY, "", 10)

    def field(self, label: str, value: str, *, placeholder: str) -> None:
        """A labelled answer: the field title in small bold, then the value (or the placeholder)."""
        self.paragraph(label, bold=True, size=8.5, grey=True)
        if value.strip():
            self.paragraph(value)
        else:
            self.paragraph(placeholder, grey=True)
        self.pdf.ln(1.5)

    def need(self, mm: float) -> None:
        """Start a new page unless ``mm`` of height is left (keeps a short block together)."""
        if self.pdf.get_y() + mm > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def gap(self, mm: float = 2) -> None:
        """Vertical space."""
        self.pdf.ln(mm)

    def table(
        self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
    ) -> None:
        """A table of short values (long free text belongs in paragraphs, not table rows)."""
        cells = [[self.clean(c) for c in row] for row in [headings, *rows]]
        self.pdf.set_font(FAMILY, "", 9)
        if not self.pdf.plain_table(
            cells, widths, headings_style=_HEADINGS, line_height=_ROW_LINE, padding=_CELL_PADDING
        ):
            with (
                self.pdf.scripts(*(c for row in cells for c in row)),
                self.pdf.table(
                    col_widths=tuple(widths),
                    text_align="LEFT",
                    headings_style=_HEADINGS,
                    line_height=_ROW_LINE,
                    padding=_CELL_PADDING,
                    repeat_headings=1,
                ) as table,
            ):
                for row in cells:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
        self.pdf.set_font(FAMILY, "", 10)
        self.pdf.ln(3)

    def month(
        self,
        title: str,
        legend: str,
        weeks: Sequence[Sequence[tuple[int | None, str, bool]]],
        notes: Sequence[str],
    ) -> None:
        """A month as a grid of days, Monday first: each day its number and who has the
        children, as initials (so it reads in black and white); ``True`` marks a day with an
        event, which gets a star and a line under the grid."""
        pdf = self.pdf
        col = (pdf.w - pdf.l_margin - pdf.r_margin) / 7
        row = 13.0
        needed = 16 + 6 + row * len(weeks) + 5 * len(notes)
        if pdf.get_y() + min(needed, 120) > pdf.page_break_trigger:
            pdf.add_page()
        self.paragraph(title, bold=True, size=11)
        self.paragraph(legend, size=8.5, grey=True)
        pdf.ln(1)
        x0 = pdf.l_margin
        pdf.set_font(FAMILY, "B", 8.5)
        for i, day in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            pdf.set_xy(x0 + i * col, pdf.get_y())
            pdf.cell(col, 5, day, border=1, align=Align.C)
        pdf.ln(5)
        for week in weeks:
            y = pdf.get_y()
            for i, (number, marks, event) in enumerate(week):
                x = x0 + i * col
                pdf.rect(x, y, col, row)
                if number is None:
                    continue
                pdf.set_font(FAMILY, "", 7.5)
                pdf.set_xy(x + 0.8, y + 0.6)
                pdf.cell(col - 1.6, 3.2, f"{number}{' *' if event else ''}")
                text = self.clean(marks)
                pdf.set_font(FAMILY, "B", 10)
                pdf.set_xy(x, y + 5)
                with pdf.scripts(text):
                    pdf.cell(col, 6, text, align=Align.C)
            pdf.set_xy(x0, y + row)
        pdf.set_font(FAMILY, "", 10)
        pdf.ln(2)
        for note in notes:
            self.paragraph(note, size=8.5)
        pdf.ln(3)

    def signature_lines(self, name: str) -> None:
        """Lines for a person to sign and date by hand."""
        self.pdf.ln(6)
        self.paragraph(name, bold=True)
        self.pdf.ln(8)
        y = self.pdf.get_y()
        x = self.pdf.l_margin
        self.pdf.line(x, y, x + 100, y)
        self.pdf.line(x + 115, y, x + 174, y)
        self.pdf.set_font(FAMILY, "", 8.5)
        self.pdf.set_xy(x, y + 0.5)
        self.pdf.cell(100, 4, "Signature")
        self.pdf.set_xy(x + 115, y + 0.5)
        self.pdf.cell(59, 4, "Date", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font(FAMILY, "", 10)

    def writing_space(self, lines: int = 4) -> None:
        """Ruled lines to write on by hand (e.g. a decision)."""
        for _line in range(lines):
            self.pdf.ln(8)
            if self.pdf.get_y() > self.pdf.h - 24:
                self.pdf.add_page()
            y = self.pdf.get_y()
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(3)

    def output(self) -> bytes:
        """The finished PDF, after listing any characters that could not be drawn."""
        if self.missing:
            self.heading(_("Characters that could not be printed"), 0)
            self.paragraph(
                _(
                    "The fonts in this document cannot draw the following characters. Each is "
                    "shown in the text as its Unicode code point in square brackets: {characters}."
                ).format(characters=", ".join(sorted(self.missing)))
            )
        data: Any = self.pdf.output()
        return bytes(data)
