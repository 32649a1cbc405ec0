"""Moved to :mod:`coparent.render.html` and :mod:`coparent.render.text`; kept for old imports."""

from __future__ import annotations

from .render.html import NOT_DISCUSSED, html_page, to_html
from .render.text import to_text

__all__ = ["NOT_DISCUSSED", "html_page", "to_html", "to_text"]
