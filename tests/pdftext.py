"""Reading text back out of rendered PDFs, for the render tests."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf

__all__ = ["normalise", "pdf_reader", "pdf_text", "squash"]


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    """A pypdf reader over PDF bytes."""
    return pypdf.PdfReader(io.BytesIO(data))


def normalise(text: str) -> str:
    """NFKC, without the ``\\x03`` pypdf inserts in shaped Bengali."""
    return unicodedata.normalize("NFKC", text).replace("\x03", "")


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, normalised (see :func:`normalise`)."""
    return normalise("\n".join(page.extract_text() for page in pdf_reader(data).pages))


def squash(text: str) -> str:
    """``text`` without any whitespace, so line wrapping cannot hide or split a value."""
    return re.sub(r"\s+", "", normalise(text))
