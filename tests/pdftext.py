"""Reading text back out of rendered PDFs, for the render tests."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf

__all__ = ["normalise", "pdf_body_text", "pdf_reader", "pdf_text", "squash"]


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    """A pypdf reader over PDF bytes."""
    return pypdf.PdfReader(io.BytesIO(data))


def normalise(text: str) -> str:
    """NFKC, without the ``\\x03`` pypdf inserts in shaped Bengali."""
    return unicodedata.normalize("NFKC", text).replace("\x03", "")


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, normalised (see :func:`normalise`)."""
    return normalise("\n".join(page.extract_text() for page in pdf_reader(data).pages))


#: How far (in points) from the top and bottom of a page the running header and footer are
#: drawn (coparent's layout: a 16 mm top margin with a 5 mm header line, a footer 14 mm up).
_HEADER_PT = 22 * 72 / 25.4
_FOOTER_PT = 15 * 72 / 25.4


def pdf_body_text(data: bytes) -> str:
    """The text of a PDF without each page's running header and footer, so that a value
    broken across a page boundary reads as one run (see :func:`squash`)."""
    parts: list[str] = []
    for page in pdf_reader(data).pages:
        height = float(page.mediabox.height)

        def keep(
            text: str, cm: list[float], tm: list[float], *_: object, top: float = height
        ) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if _FOOTER_PT < y < top - _HEADER_PT:
                parts.append(text)

        page.extract_text(visitor_text=keep)
    return normalise("".join(parts))


def squash(text: str) -> str:
    """``text`` without any whitespace, so line wrapping cannot hide or split a value."""
    return re.sub(r"\s+", "", normalise(text))
