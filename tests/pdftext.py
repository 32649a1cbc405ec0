"""Reading text back out of rendered PDFs, for the render tests."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

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


#: How far (in points) from the top and bottom of a page the running header and footer may be
#: drawn (coparent's layout: a 16 mm top margin with a 5 mm header line, a footer 14 mm up and
#: a 20 mm bottom margin for the body).
_HEADER_PT = 22 * 72 / 25.4
_FOOTER_PT = 15 * 72 / 25.4

#: The running header's look: 9 pt text in coparent's grey, as fill colour operands.
_HEADER_SIZE = 9.0
_GREY = (90 / 255,) * 3


class _BodyText:
    """A pypdf visitor keeping one page's body text (see :func:`pdf_body_text`)."""

    def __init__(self, height: float, parts: list[str]) -> None:
        self.top = height - _HEADER_PT
        self.parts = parts
        self.fill: tuple[float, ...] = (0.0, 0.0, 0.0)

    def operand(self, op: bytes, args: list[Any], *_: object) -> None:
        if op in (b"g", b"rg"):
            self.fill = tuple(float(a) for a in args) * (3 if op == b"g" else 1)

    def text(self, text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        header = (
            y >= self.top
            and size == _HEADER_SIZE
            and all(abs(a - b) < 0.001 for a, b in zip(self.fill, _GREY, strict=True))
        )
        if y > _FOOTER_PT and not header:
            self.parts.append(text)


def pdf_body_text(data: bytes) -> str:
    """The text of a PDF without each page's running header and footer, so that a value
    broken across a page boundary reads as one run (see :func:`squash`).

    The footer is whatever lies below the body's bottom margin. The header is told from the
    body's first line by its look as well as its place: a plan with no status mark has no
    header, and its body starts where a header would be."""
    parts: list[str] = []
    for page in pdf_reader(data).pages:
        body = _BodyText(float(page.mediabox.height), parts)
        page.extract_text(visitor_text=body.text, visitor_operand_before=body.operand)
    return normalise("".join(parts))


def squash(text: str) -> str:
    """``text`` without any whitespace, so line wrapping cannot hide or split a value."""
    return re.sub(r"\s+", "", normalise(text))
