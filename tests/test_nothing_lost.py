"""Nothing lost: every field of every document kind survives JSON, redaction for the
facilitator (who may see everything), a merge with itself, and, for text fields, the PDF."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
import coparent.convert
from coparent.model._base import field_info
from pdftext import pdf_text, squash
from strategies import any_document, documents

FACILITATOR = coparent.Audience.facilitator()


@given(any_document())
def test_every_field_survives_json_redaction_and_self_merge(doc: Any) -> None:
    cls = type(doc)
    assert coparent.from_json(coparent.to_json(doc), cls) == doc
    assert coparent.redact(doc, FACILITATOR) == doc
    assert coparent.merge(doc, doc, doc).final_document() == doc
    assert coparent.merge(None, doc, doc).final_document() == doc


def _text_fields(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(path, text) of every free-text field: the values a person wrote."""
    found: list[tuple[str, str]] = []
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            child = getattr(value, a.name)
            if type(child) is str:
                if field_info(a).format is None and a.name not in ("language", "handover_id"):
                    found.append((f"{path}/{a.name}", child))
            else:
                found += _text_fields(child, f"{path}/{a.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            found += _text_fields(item, f"{path}/{i}")
    return found


_counter = itertools.count()


def _tagged(doc: Any) -> Any:
    """``doc`` with every free-text field replaced by a distinct, findable word."""

    def walk(value: Any) -> Any:
        if attrs.has(type(value)):
            changes = {}
            blank = set()
            for a in attrs.fields(type(value)):
                child = getattr(value, a.name)
                if type(child) is str:
                    if field_info(a).format is None and a.name not in ("language", "handover_id"):
                        changes[a.name] = f"zq{next(_counter)}x"
                        if not child.strip():
                            blank.add(a.name)
                elif attrs.has(type(child)) or isinstance(child, tuple):
                    changes[a.name] = walk(child)
            try:
                return attrs.evolve(value, **changes)
            except coparent.CoparentError:
                # Filling in an empty answer can break a rule between fields (an agreed area
                # has nothing for the court to decide): tag only the answers that were given.
                kept = {k: v for k, v in changes.items() if k not in blank}
                return attrs.evolve(value, **kept)
        if isinstance(value, tuple):
            return tuple(walk(item) for item in value)
        return value

    return walk(doc)


@settings(max_examples=10)
@given(st.sampled_from(list(coparent.convert.DOCUMENT_TYPES.values())).flatmap(documents))
def test_every_text_field_reaches_the_facilitators_pdf(doc: Any) -> None:
    tagged = _tagged(doc)
    text = squash(pdf_text(coparent.render_pdf(tagged, audience=FACILITATOR)))
    missing = [path for path, value in _text_fields(tagged) if squash(value) not in text]
    assert missing == []
