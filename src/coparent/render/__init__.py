"""Every human-facing output of coparent: HTML, text, PDF, month grids, diffs and merges.

Values are formatted only by :mod:`coparent.formatting` and documents are walked only through
the spec tree (:mod:`coparent.model.introspect`), so a value reads the same everywhere.
Importing this package registers the notebook view of documents
(:func:`coparent.render.html.notebook_html`); fpdf2 is imported only when a PDF is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model._base import set_renderer
from .html import html_page, notebook_html, to_html
from .text import to_text

if TYPE_CHECKING:
    from .pdf import render_pdf

__all__ = ["html_page", "render_pdf", "to_html", "to_text"]

set_renderer("html", notebook_html)


def __getattr__(name: str) -> Any:
    # render_pdf loads fpdf2 (about 0.5 s): only when it is asked for.
    if name == "render_pdf":
        from .pdf import render_pdf

        return render_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
