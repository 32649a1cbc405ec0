"""The suite's Hypothesis strategies: coparent's public ones, from :mod:`coparent.testing`.

Kept so that tests (and the fuzz tests) import ``strategies`` as before (with one helper of
their own, :func:`json_paths`); new tests may import ``coparent.testing`` directly.
"""

from __future__ import annotations

from typing import Any

from coparent.testing import any_document, concurrent_edits, documents, edited

__all__ = ["any_document", "concurrent_edits", "documents", "edited", "json_paths"]


def json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into JSON-shaped ``value`` (keys and list indexes), the empty one first."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += json_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += json_paths(v, (*prefix, i))
    return out
