"""Every human-facing output of coparent: HTML, text, PDF, month grids, diffs and merges.

Values are formatted only by :mod:`coparent.formatting` and documents are walked only through
the spec tree (:mod:`coparent.model.introspect`), so a value reads the same everywhere.
Importing this package registers the notebook view of documents
(:func:`coparent.render.html.notebook_html`); each output's module, and fpdf2 with the PDF, is
imported only when that output is asked for, so a PDF loads no HTML code and HTML no fpdf2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..model._base import set_renderer

if TYPE_CHECKING:
    from .html import html_page, to_html
    from .pdf import render_pdf
    from .text import to_text

__all__ = ["html_page", "render_pdf", "to_html", "to_text"]

#: Each public name, with the module of this package that defines it (loaded on first use;
#: render_pdf's loads fpdf2, about 0.2 s).
_LAZY: dict[str, str] = {
    "html_page": "html",
    "render_pdf": "pdf",
    "to_html": "html",
    "to_text": "text",
}


def _notebook_html(obj: object) -> str:
    """The notebook view of ``obj`` (:func:`coparent.render.html.notebook_html`), loading the
    HTML output when a notebook first shows a document."""
    from .html import notebook_html

    return notebook_html(obj)


set_renderer("html", _notebook_html)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
