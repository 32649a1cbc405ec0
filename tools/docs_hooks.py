"""MkDocs hooks for the coparent docs site (see mkdocs.yml).

- Pages listed in the nav that do not exist yet (other capabilities add them) are dropped from
  the nav, so the site builds with ``--strict`` at every stage.
- ``snapshots.md`` lists the PNG snapshots of the PDFs found under ``docs/snapshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

SNAPSHOT_MARKER = "<!-- snapshots -->"


def _existing(nav: list[Any], docs: Path) -> list[Any]:
    kept: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, target), *_ = entry.items()
            if isinstance(target, list):
                children = _existing(target, docs)
                if children:
                    kept.append({title: children})
            elif (docs / target).is_file():
                kept.append(entry)
        elif isinstance(entry, str) and (docs / entry).is_file():
            kept.append(entry)
    return kept


def on_config(config: Any) -> Any:
    """Drop nav entries whose page does not exist."""
    if config.get("nav"):
        config["nav"] = _existing(config["nav"], Path(config["docs_dir"]))
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Fill the snapshots page with every PNG under docs/snapshots/."""
    if SNAPSHOT_MARKER not in markdown:
        return markdown
    folder = Path(config["docs_dir"]) / "snapshots"
    images = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if not images:
        listing = "No snapshots have been made yet."
    else:
        listing = "\n\n".join(
            f"### {_caption(p.stem)}\n\n![{_caption(p.stem)}](snapshots/{p.name})" for p in images
        )
    return markdown.replace(SNAPSHOT_MARKER, listing)


_READERS = {
    "parent_a": "for the first parent",
    "parent_b": "for the second parent",
    "facilitator": "for the facilitator",
    "court": "for the court",
}


def _caption(stem: str) -> str:
    """``parenting_plan-parent_b-p3`` -> ``Parenting plan, for the second parent, page 3``."""
    match = re.fullmatch(r"(.+)-(parent_a|parent_b|facilitator|court)-p(\d+)", stem)
    if match is None:
        return stem.replace("_", " ").replace("-", " ").capitalize()
    what, reader, page = match.groups()
    name = what.replace("_", " ").replace("-", " ").capitalize()
    return f"{name}, {_READERS[reader]}, page {page}"
