"""The PDF text helpers the render tests read with: a helper that drops body text would let a
test pass (or fail) for the wrong reason, so its oracle here is pypdf's own page text."""

from __future__ import annotations

from typing import Any

import pytest

import coparent
from coparent.model._examples import example_plan, example_referral, example_review
from pdftext import normalise, pdf_body_text, pdf_reader, squash


def _pages(pdf: bytes) -> list[list[str]]:
    return [
        [line for line in normalise(page.extract_text()).splitlines() if line.strip()]
        for page in pdf_reader(pdf).pages
    ]


@pytest.mark.parametrize("example", [example_referral, example_review], ids=["referral", "review"])
def test_the_first_line_of_every_page_is_body_text_when_there_is_no_header(example: Any) -> None:
    # A referral or review has no running header, so the body starts where a header would be:
    # the case a plan value at the top of a Welsh page fell into (it was dropped as a header).
    pdf = coparent.render_pdf(example(), audience=coparent.Audience.facilitator())
    body = squash(pdf_body_text(pdf))
    pages = _pages(pdf)
    assert len(pages) > 1
    for lines in pages[1:]:
        assert squash(lines[0]) in body, lines[0]


def test_a_plans_status_mark_is_left_out_and_the_line_under_it_kept() -> None:
    pdf = coparent.render_pdf(example_plan(), audience=coparent.Audience.facilitator())
    body = squash(pdf_body_text(pdf))
    pages = _pages(pdf)
    mark = "PROPOSED: not yet agreed by both parents"
    assert len(pages) > 1
    for lines in pages[1:]:
        assert lines[0] == mark
        assert squash(lines[1]) in body, lines[1]
    assert squash(mark) not in body


def test_the_footer_is_left_out() -> None:
    pdf = coparent.render_pdf(example_plan(), audience=coparent.Audience.facilitator())
    assert "Page 2 of" in normalise(pdf_reader(pdf).pages[1].extract_text())
    assert "Page2of" not in squash(pdf_body_text(pdf))
