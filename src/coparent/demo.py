"""The README's main job: the example documents and what coparent makes from them."""

from __future__ import annotations

from pathlib import Path

from .convert import dump
from .model import ParentingPlan, Referral, Review

__all__ = ["run_demo"]


def _html_pages(folder: Path) -> list[Path]:
    """Each example document as an accessible HTML page, and a plan made by quick_plan."""
    from datetime import date

    from .builders import quick_plan
    from .convert import write_atomic
    from .html import html_page

    quick = quick_plan(
        parents=("Sam Jones", "Alex Jones"),
        children=[("Mia", date(2016, 2, 29)), ("Leo", date(2019, 9, 3))],
        pattern="two_two_five_five",
        starts_on=date(2027, 1, 4),
    )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in [(cls.KIND, cls.example()) for cls in (ParentingPlan, Referral, Review)] + [
        ("quick_plan", quick)
    ]:
        path = folder / f"{name}.html"
        write_atomic(path, html_page(doc).encode("utf-8"))
        written.append(path)
    return written


def run_demo(out: Path) -> list[Path]:
    """Write the example documents and their schemas into ``out``; return the files written."""
    from .cli import export_schemas

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for cls in (ParentingPlan, Referral, Review):
        written.append(dump(cls.example(), out / f"{cls.KIND}.json"))
    written += export_schemas(out / "schemas")
    written += _html_pages(out / "html")
    return written
