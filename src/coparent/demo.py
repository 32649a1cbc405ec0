"""The README's main job: the example documents and what coparent makes from them."""

from __future__ import annotations

from pathlib import Path

from .convert import dump
from .model import ParentingPlan, Referral, Review

__all__ = ["run_demo"]


def run_demo(out: Path) -> list[Path]:
    """Write the example documents and their schemas into ``out``; return the files written."""
    from .cli import export_schemas

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for cls in (ParentingPlan, Referral, Review):
        written.append(dump(cls.example(), out / f"{cls.KIND}.json"))
    written += export_schemas(out / "schemas")
    return written
