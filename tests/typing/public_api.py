"""Checked by mypy --strict in CI (nox -s typing), never run: the public API's types are precise.

Each ``assert_type`` fails the typing session if a public function loses its precise type (for
example if ``from_json`` returned ``Any`` again).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, assert_type

import coparent
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review


def documents(text: str, data: dict[str, Any], path: Path) -> None:
    plan = coparent.from_json(text, ParentingPlan)
    assert_type(plan, ParentingPlan)
    assert_type(coparent.from_dict(data, Referral), Referral)
    assert_type(coparent.load(path, Review), Review)
    assert_type(coparent.load(path), coparent.Document)
    assert_type(coparent.to_json(plan), str)
    assert_type(coparent.to_json_bytes(plan), bytes)
    assert_type(coparent.to_dict(plan), dict[str, Any])
    assert_type(coparent.dump(plan, path), Path)
    assert_type(coparent.json_schema(ParentingPlan), dict[str, Any])
    coparent.validate(data, ParentingPlan)


def operations(a: ParentingPlan, b: ParentingPlan, base: ParentingPlan) -> None:
    parent = Audience.parent(ParentRef.B)
    assert_type(coparent.redact(a, parent), ParentingPlan)
    result = coparent.diff(a, b)
    assert_type(result, coparent.DiffResult)
    merged = coparent.merge(base, a, b)
    assert_type(merged, coparent.MergeResult)
    assert_type(merged.final_document(), coparent.Document)
    assert_type(coparent.check(a), list[coparent.Finding])
    cal = coparent.calendar(a, date(2026, 1, 1), date(2026, 2, 1))
    assert_type(cal, coparent.ContactCalendar)
    assert_type(coparent.to_ics(cal), bytes)


def outputs(plan: ParentingPlan, referral: Referral) -> None:
    court = Audience.court()
    assert_type(coparent.render_pdf(plan, audience=court), bytes)
    assert_type(coparent.to_html(plan, audience=court), str)
    assert_type(coparent.to_text(referral, audience=court), str)
