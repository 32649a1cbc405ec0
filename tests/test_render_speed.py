"""Fonts parsed once per process give the same PDFs, byte for byte, as fonts parsed per document."""

from __future__ import annotations

from typing import Any

import pytest

import coparent
import coparent.render._layout as layout
from coparent import Audience, ParentingPlan, Referral, Review
from coparent.render._fonts import _FONTS, FALLBACKS, FONT_DIR


def _reference_add_fonts(pdf: Any, *, fallbacks: bool = False) -> None:
    """fpdf2's own ``add_font`` for the same fonts, parsing each file for this document, its
    fontTools font keeping the file's bounds as fontTools' own subsetter does by default."""
    for family, style, name in _FONTS:
        if (family in FALLBACKS) == fallbacks and f"{family}{style}" not in pdf.fonts:
            pdf.add_font(family, style, str(FONT_DIR / name))
            pdf.fonts[f"{family.lower()}{style}"].ttfont.recalcBBoxes = False


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
def test_cached_fonts_write_the_same_bytes(cls: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = cls.example()
    audience = Audience.facilitator()
    cached = [coparent.render_pdf(doc, audience=audience) for _ in range(2)]
    with monkeypatch.context() as m:
        m.setattr(layout, "add_fonts", _reference_add_fonts)
        reference = coparent.render_pdf(doc, audience=audience)
    assert cached[0] == cached[1] == reference


def test_a_document_does_not_leak_glyphs_into_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    import attrs

    plan = ParentingPlan.example()
    # Arabic and Bengali text use the fallback fonts; the next document must not carry them.
    other = attrs.evolve(plan, notes="نلتقي يوم السبت — আমরা শনিবার দেখা করব")
    audience = Audience.facilitator()
    coparent.render_pdf(other, audience=audience)
    after = coparent.render_pdf(plan, audience=audience)
    monkeypatch.setattr(layout, "add_fonts", _reference_add_fonts)
    assert after == coparent.render_pdf(plan, audience=audience)


def test_documents_share_the_glyph_widths_but_not_the_glyphs_they_use() -> None:
    import attrs

    from coparent.render._fonts import _parsed

    pristine, _data = _parsed(*_FONTS[0])
    widths_before = dict(pristine.cw)
    ids_before = dict(pristine.glyph_ids)
    subset_before = list(pristine.subset.items())
    plan = ParentingPlan.example()
    odd = attrs.evolve(plan, notes="Ŵŷ Γιώργος Дмитрий 中村 \U0001f600 \u00ad\u00a0\u200b")
    coparent.render_pdf(odd, audience=Audience.facilitator())
    assert dict(pristine.cw) == widths_before  # nothing written into the shared tables
    assert dict(pristine.glyph_ids) == ids_before
    assert list(pristine.subset.items()) == subset_before  # glyphs used stay per document


def test_leaving_out_a_table_subsetting_keeps_would_be_noticed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each document's fontTools font leaves out the layout tables fpdf2's subsetting drops
    (the bytes above prove it changes nothing); leaving out one it keeps changes the bytes."""
    from coparent.render import _fonts

    plan = ParentingPlan.example()
    audience = Audience.facilitator()
    with monkeypatch.context() as m:
        m.setattr(layout, "add_fonts", _reference_add_fonts)
        reference = coparent.render_pdf(plan, audience=audience)
    assert coparent.render_pdf(plan, audience=audience) == reference
    monkeypatch.setattr(_fonts, "_DROPPED_LAYOUT", (*_fonts._DROPPED_LAYOUT, "prep"))
    assert coparent.render_pdf(plan, audience=audience) != reference


def _embedded_fonts(data: bytes) -> list[Any]:
    """Each font file embedded in the PDF ``data``, parsed by fontTools."""
    import io

    import pypdf
    from fontTools.ttLib import TTFont

    files = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                stream = descriptor.raw_get("/FontFile2")  # an indirect reference
                files[stream.idnum] = stream.get_object().get_data()
    return [TTFont(io.BytesIO(file)) for file in files.values()]


def test_embedded_glyphs_are_the_fonts_own_and_inside_its_bounds() -> None:
    """The subsets keep the file's bounds (not worked out again): every glyph kept has the
    outline it has in the font file, and lies inside the bounds the subset declares."""
    from fontTools.ttLib import TTFont

    plan = ParentingPlan.example()
    fonts = _embedded_fonts(coparent.render_pdf(plan, audience=Audience.facilitator()))
    assert len(fonts) == 2  # the main font's two faces
    sources = [
        TTFont(FONT_DIR / name) for family, _style, name in _FONTS if family not in FALLBACKS
    ]
    checked = 0
    for font in fonts:
        name = font["name"].getDebugName(6)
        (source,) = (s for s in sources if s["name"].getDebugName(6) == name)
        head, glyf, original = font["head"], font["glyf"], source["glyf"]
        source_map = source.getBestCmap()
        # Matched by character (the subset's glyph names are made up: it keeps no names).
        for char, glyph_name in font.getBestCmap().items():
            glyph = glyf[glyph_name]
            coordinates, ends, flags = glyph.getCoordinates(glyf)
            theirs = original[source_map[char]]
            assert (coordinates, ends, flags) == theirs.getCoordinates(original), chr(char)
            if glyph.numberOfContours:
                glyph.recalcBounds(glyf)
                assert head.xMin <= glyph.xMin <= glyph.xMax <= head.xMax
                assert head.yMin <= glyph.yMin <= glyph.yMax <= head.yMax
                checked += 1
    assert checked > 100
