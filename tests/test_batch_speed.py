"""The batch's choice of processes: a pool only where it pays, warm workers, same results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import coparent
import coparent.batch
from coparent.batch import process_files, validate_file


class _NoPool:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("a pool was started")


def _plans(tmp_path: Path, n: int) -> list[Path]:
    plan = coparent.ParentingPlan.example()
    return [coparent.dump(plan, tmp_path / f"{i:04}.json") for i in range(n)]


def test_a_few_hundred_files_are_validated_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _plans(tmp_path, 20)
    monkeypatch.setattr(coparent.batch, "ProcessPoolExecutor", _NoPool)
    results = list(process_files(validate_file, paths))
    assert [r.path for r in results] == paths
    assert all(r.ok for r in results)


def test_a_pool_gives_the_same_results_in_order(tmp_path: Path) -> None:
    paths = _plans(tmp_path, 12)
    paths.insert(5, tmp_path / "missing.json")
    seen: list[int] = []
    one = list(process_files(validate_file, paths, workers=1))
    two = list(
        process_files(validate_file, paths, workers=2, on_result=lambda r, d, t: seen.append(d))
    )
    assert one == two
    assert seen == list(range(1, len(paths) + 1))
    assert not two[5].ok
    assert all(r.ok for i, r in enumerate(two) if i != 5)
