"""The bundled fonts, what they can draw, and how text is made safe to draw.

Noto Sans (Latin incl. Welsh, Polish and Turkish letters, Greek, Cyrillic), Noto Sans Arabic
(Arabic and Urdu) and Noto Sans Bengali, under the SIL Open Font License (``fonts/OFL.txt``).

A TTF font in fpdf2 draws a blank for a character it lacks, silently. So every string is checked
against the fonts' character maps first, and a character no bundled font has is replaced by a
visible placeholder, ``[U+4E2D]``; the PDF lists every such character at the end.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = [
    "FALLBACKS",
    "FAMILY",
    "FONT_DIR",
    "add_fonts",
    "clean",
    "coverage",
    "main_characters",
    "needs_shaping",
    "widths",
]

FONT_DIR = Path(__file__).parent / "fonts"

#: The main family; ``B`` is its bold face.
FAMILY = "noto"

#: (family, style, file); the first family is the main one, the others are fallbacks.
_FONTS: tuple[tuple[str, str, str], ...] = (
    (FAMILY, "", "NotoSans-Regular.ttf"),
    (FAMILY, "B", "NotoSans-Bold.ttf"),
    ("noto-arabic", "", "NotoSansArabic-Regular.ttf"),
    ("noto-bengali", "", "NotoSansBengali-Regular.ttf"),
)
#: The fonts fpdf2 takes a character from when the main font lacks it (set only when needed).
FALLBACKS = ("noto-arabic", "noto-bengali")

# Scripts that need a shaping engine (joined letters, reordered vowel signs, right to left).
_SHAPING_RE = re.compile(
    "[\u0590-\u08ff\u0980-\u09ff\ufb1d-\ufdff\ufe70-\ufeff\u200c\u200d\u200e\u200f]"
)


@functools.cache
def coverage() -> frozenset[int]:
    """Every code point some bundled font can draw (read once per process with fontTools)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for _family, _style, name in _FONTS:
        font = TTFont(FONT_DIR / name, lazy=True)
        try:
            points.update(font.getBestCmap() or {})
        finally:
            font.close()
    return frozenset(points)


def clean(text: str, missing: set[str]) -> str:
    """``text`` ready to draw: NFC, tabs and carriage returns tidied, undrawable characters shown.

    A character no bundled font can draw becomes ``[U+XXXX]`` and is added to ``missing``, so it
    is visible where it was and listed at the end of the PDF, never silently dropped.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", "    ")
    if main_characters().issuperset(text.replace("\n", "")):
        return text  # the common case, without reading the script fonts' character maps
    drawable = coverage()
    if all(ord(ch) in drawable or ch == "\n" for ch in text):
        return text
    parts = []
    for ch in text:
        if ord(ch) in drawable or ch == "\n":
            parts.append(ch)
        else:
            code = f"U+{ord(ch):04X}"
            missing.add(code)
            parts.append(f"[{code}]")
    return "".join(parts)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has letters that need the shaping engine (Arabic, Urdu, Bengali)."""
    return _SHAPING_RE.search(text) is not None


def add_fonts(pdf: FPDF, *, fallbacks: bool = False) -> None:
    """Register the main font's two faces on ``pdf``, or with ``fallbacks`` the script fonts
    (once; the writer adds them when a text first needs them, see :func:`main_characters`, so a
    PDF without Arabic or Bengali text neither embeds nor subsets them).

    Each font is parsed once per process (glyph widths, character map, descriptor: about a
    tenth of a render) and copied for each document with fpdf2's own font copy, which shares
    what fpdf2 never changes and copies the per-document state (widths used, the subset).
    The copy gets its own fontTools font, opened lazily from bytes read once, because fpdf2
    subsets that object in place when it writes the PDF.
    """
    import copy

    for family, style, name in _FONTS:
        fontkey = f"{family.lower()}{style}"
        if (family in FALLBACKS) != fallbacks or fontkey in pdf.fonts:
            continue
        pristine, data = _parsed(family, style, name)
        # The glyph widths and glyph ids are shared: fpdf2 writes them only when it parses
        # the font.
        shared = {id(pristine.cw): pristine.cw, id(pristine.glyph_ids): pristine.glyph_ids}
        font = copy.deepcopy(pristine, shared)
        font.i = len(pdf.fonts) + 1
        font.ttfont = _open(data)
        font.desc = copy.deepcopy(pristine.desc)
        pdf.fonts[fontkey] = font


#: Tables fpdf2's subsetting drops from every embedded font (its ``drop_tables``): fontTools
#: still parses the layout tables before dropping them, about a third of the subsetting time.
_DROPPED_LAYOUT = ("GDEF", "GSUB", "GPOS")


def _open(data: bytes) -> Any:
    """A fontTools font for one document to subset, without the tables subsetting drops.

    fpdf2 shapes text with HarfBuzz from the font file, never from this object, so the
    tables left out here change nothing but the time (the tests compare the bytes with fonts
    added by fpdf2 itself). The font's bounds are kept as the file gives them, as fontTools'
    own subsetter keeps them by default (``pyftsubset --no-recalc-bounds``): working them out
    again from every glyph kept was about a tenth of a render, and the PDF's font descriptor
    gives the whole font's bounds anyway.
    """
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    for tag in _DROPPED_LAYOUT:
        if tag in font:
            del font[tag]
    return font


@functools.cache
def _parsed(family: str, style: str, name: str) -> tuple[Any, bytes]:
    """A font as fpdf2 parses it (never used in a document), and its file's bytes."""
    from fpdf import FPDF

    path = FONT_DIR / name
    scratch = FPDF()
    scratch.add_font(family, style, str(path))
    return scratch.fonts[f"{family.lower()}{style}"], path.read_bytes()


@functools.cache
def widths(style: str) -> dict[str, int]:
    """Every character the main font in ``style`` (``""`` or ``"B"``) has, and its advance in
    thousandths of an em, exactly as fpdf2 measures it (its ``cw`` table), read once per process.
    """
    pristine, _data = _parsed(
        FAMILY, style, next(n for f, s, n in _FONTS if (f, s) == (FAMILY, style))
    )
    cw = pristine.cw
    default = cw.default_factory()
    return {chr(cp): cw.get(cp, default) for cp in pristine.cmap}


@functools.cache
def main_characters() -> frozenset[str]:
    """The characters both faces of the main font have: text made only of these needs no
    fallback font."""
    return frozenset(widths("")) & frozenset(widths("B"))
