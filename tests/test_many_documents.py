"""docs/many-documents.md: its examples run, including the Dask one (``nox -s dask``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parent.parent / "docs" / "many-documents.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)


def test_process_files_example_runs() -> None:
    exec(compile(_blocks()[0], str(PAGE), "exec"), {})  # the page's own example


@pytest.mark.dask
def test_dask_example_runs_on_the_local_scheduler() -> None:
    exec(compile(_blocks()[1], str(PAGE), "exec"), {})  # the page's own example
