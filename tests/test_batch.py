"""Many files at once: every core, per-file errors, input order, progress callbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import coparent
import coparent.convert
from coparent.batch import FileResult, process_files, validate_file


def _folder(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        cls = list(coparent.convert.DOCUMENT_TYPES.values())[i % 3]
        paths.append(coparent.dump(cls.example(), tmp_path / f"{i:03}.json"))
    bad = tmp_path / "bad.json"
    data = coparent.to_dict(coparent.Review.example())
    data["held_on"] = "2024-02-30"
    bad.write_text(json.dumps(data), encoding="utf-8")
    paths.insert(n // 2, bad)
    paths.append(tmp_path / "missing.json")
    return paths


@pytest.mark.parametrize("workers", [1, 2])
def test_results_in_order_with_errors_per_file(tmp_path: Path, workers: int) -> None:
    paths = _folder(tmp_path, 12)
    seen: list[tuple[int, int]] = []
    results = list(
        process_files(
            validate_file,
            paths,
            workers=workers,
            on_result=lambda _r, done, total: seen.append((done, total)),
        )
    )
    assert [r.path for r in results] == paths
    assert seen == [(i, len(paths)) for i in range(1, len(paths) + 1)]
    failed = {r.path.name: r for r in results if not r.ok}
    assert set(failed) == {"bad.json", "missing.json"}
    assert failed["bad.json"].errors[0].path == "/held_on"
    assert "cannot read" in failed["missing.json"].summary
    assert sum(r.ok for r in results) == 12
    assert all(r.summary.startswith("valid ") for r in results if r.ok)


def test_a_pool_gives_the_results_of_one_process(tmp_path: Path) -> None:
    """Workers send back plain values and this process builds the results: the same results,
    problems included, as running every file here."""
    paths = _folder(tmp_path, 9)
    here = list(process_files(validate_file, paths, workers=1))
    pooled = list(process_files(validate_file, paths, workers=2))
    assert pooled == here
    assert [r.path for r in pooled] == paths
    assert all(type(r.path) is type(paths[0]) for r in pooled)


def test_results_pickle_and_are_frozen() -> None:
    import pickle

    result = FileResult(path=Path("a.json"), ok=True, summary="valid review")
    assert pickle.loads(pickle.dumps(result)) == result


def _freeze_count(path: Path) -> str:
    """A batch function reporting how many objects its process's garbage collector set aside."""
    import gc

    return str(gc.get_freeze_count())


def test_workers_fork_with_the_parents_objects_out_of_the_collectors_sight(tmp_path: Path) -> None:
    import gc

    if gc.get_freeze_count():  # pragma: no cover - only if something else in the run froze
        gc.unfreeze()
    paths = _folder(tmp_path, 6)
    results = list(process_files(_freeze_count, paths, workers=2))
    # The first file runs here before the pool forks, with nothing frozen, and nothing frozen
    # is left behind after.
    assert results[0].summary == "0"
    assert gc.get_freeze_count() == 0
    # Every worker forked while this process's objects were frozen (thousands: coparent's model).
    assert all(int(r.summary) > 1_000 for r in results[1:])


def test_objects_the_caller_froze_stay_frozen(tmp_path: Path) -> None:
    import gc

    gc.freeze()
    try:
        before = gc.get_freeze_count()
        results = list(process_files(_freeze_count, _folder(tmp_path, 4), workers=2))
        # Unfreezing would make it 0; a frozen object freed meanwhile leaves it a little lower.
        assert gc.get_freeze_count() > before - 100
        assert all(int(r.summary) > 1_000 for r in results)
    finally:
        gc.unfreeze()
