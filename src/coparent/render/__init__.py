"""Rendering of coparent documents for people to read, print and sign (PDF via fpdf2)."""

from __future__ import annotations

from .pdf import render_pdf

__all__ = ["render_pdf"]
