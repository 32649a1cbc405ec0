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
    written += _diff_and_merge(out)
    return written


def _diff_and_merge(out: Path) -> list[Path]:
    """The review meeting: the diff of the two parents' versions and their merge."""
    from ._demo_data import last_agreed_version, parent_a_version, parent_b_version
    from .convert import write_atomic
    from .diff import diff
    from .merge import merge

    siân, tom = parent_a_version(), parent_b_version()
    result = diff(siân, tom, a_label="Siân's version", b_label="Tom's version")
    merged = merge(
        last_agreed_version(), siân, tom, ours_label="Siân's version", theirs_label="Tom's version"
    )
    files = {
        "diff.txt": str(result) + "\n",
        "diff.html": result._repr_html_() + "\n",
        "merge.json": merged.to_json() + "\n",
    }
    written = []
    for name, text in files.items():
        write_atomic(out / name, text.encode("utf-8"))
        written.append(out / name)
    return written
