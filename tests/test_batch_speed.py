"""The batch's choice of processes: a pool only where it pays, warm workers, same results."""

from __future__ import annotations

import concurrent.futures
import subprocess
import sys
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
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _NoPool)
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


def test_one_file_never_loads_the_process_pool(tmp_path: Path) -> None:
    """``coparent validate plan.json`` stays in this process, so it does not pay for importing
    ``multiprocessing`` (about 30 ms of a 0.6 s command); a pool imports it when it starts."""
    (path,) = _plans(tmp_path, 1)
    code = (
        "import sys\n"
        "from coparent.cli import main\n"
        f"code = main(['validate', {str(path)!r}])\n"
        "print('loaded:', code, 'concurrent.futures.process' in sys.modules)\n"
        "from coparent.batch import process_files, validate_file\n"
        f"list(process_files(validate_file, [{str(path)!r}] * 3, workers=2))\n"
        "print('loaded:', 'concurrent.futures.process' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = [line.split()[1:] for line in out.stdout.splitlines() if line.startswith("loaded:")]
    assert loaded == [["0", "False"], ["True"]]
