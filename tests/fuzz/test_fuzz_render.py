"""Fuzzing render_pdf (run by ``nox -s fuzz``): extreme documents for every audience.

Any Unicode (scripts no bundled font has, control characters, very long words), edge dates and
full lists go in; a PDF or one of coparent's errors comes out, never a dependency's traceback.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coparent
from coparent import Audience, ParentRef
from strategies import any_document

pytestmark = pytest.mark.fuzz

AUDIENCES = st.sampled_from(
    [
        Audience.facilitator(),
        Audience.court(),
        Audience.parent(ParentRef.A),
        Audience.parent(ParentRef.B),
    ]
)
LONG_TEXT = st.one_of(
    st.text(min_size=2000, max_size=6000),
    st.integers(500, 20_000).map(lambda n: "W" * n),
    st.integers(1, 300).map(lambda n: "https://example.org/" + "a/" * n),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(any_document(), AUDIENCES, st.one_of(st.none(), LONG_TEXT))
def test_render_pdf_on_extreme_documents(doc: Any, audience: Audience, notes: str | None) -> None:
    if notes is not None and "notes" in attrs.fields_dict(type(doc)):
        doc = attrs.evolve(doc, notes=notes)
    try:
        data = coparent.render_pdf(doc, audience=audience)
    except coparent.CoparentError:
        return
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
