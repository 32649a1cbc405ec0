"""The three top-level documents, by the ``kind`` they are saved with.

Kept apart from :mod:`coparent.convert` so that redaction, and through it every output, can
tell a document from a section without loading the converter. :mod:`coparent.convert`
re-exports both names, where they are documented.
"""

from __future__ import annotations

from .model import ParentingPlan, Referral, Review

#: A top-level document: something with its own kind and schema version.
Document = ParentingPlan | Referral | Review

#: The top-level document classes by the ``kind`` they are saved with.
DOCUMENT_TYPES: dict[str, type[Document]] = {
    cls.KIND: cls for cls in (ParentingPlan, Referral, Review)
}
