"""The suite's Hypothesis strategies: coparent's public ones, from :mod:`coparent.testing`.

Kept so that tests (and the fuzz tests) import ``strategies`` as before; new tests may import
``coparent.testing`` directly.
"""

from __future__ import annotations

from coparent.testing import any_document, concurrent_edits, documents, edited

__all__ = ["any_document", "concurrent_edits", "documents", "edited"]
