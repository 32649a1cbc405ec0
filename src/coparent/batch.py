"""Processing many files at once on every core, with each file's errors kept to itself.

A contact-centre network or a court service validates or renders thousands of documents in one
go. :func:`process_files` runs a function over many paths in a process pool, yields one
:class:`FileResult` per path in input order, and never lets one bad file stop the batch.
coparent's functions are pure and its documents pickle, so the same work also runs unchanged
on a distributed engine such as Dask (see docs/many-documents.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from .errors import CoparentError, ErrorDetail, ValidationError

__all__ = ["FileResult", "RenderToFolder", "process_files", "run_file", "validate_file"]


@attrs.frozen(kw_only=True)
class FileResult:
    """What happened to one file: ``ok``, or the problems that stopped it."""

    path: Path
    ok: bool
    summary: str = ""
    errors: tuple[ErrorDetail, ...] = ()


def run_file(func: Callable[[Path], str], path: str | os.PathLike[str]) -> FileResult:
    """Run ``func`` on one file and catch what can go wrong with it into a :class:`FileResult`.

    This is the unit of work of :func:`process_files`; a distributed engine (a Dask bag, a job
    queue) maps it over paths the same way.
    """
    path = Path(path)
    try:
        summary = func(path)
    except ValidationError as e:
        summary = "invalid"
        if e.more:
            summary += f": {len(e.errors) + e.more:,} problems, the first {len(e.errors)} listed"
        return FileResult(path=path, ok=False, summary=summary, errors=e.errors)
    except CoparentError as e:
        return FileResult(path=path, ok=False, summary=str(e))
    except OSError as e:
        return FileResult(path=path, ok=False, summary=f"cannot read or write: {e.strerror}")
    return FileResult(path=path, ok=True, summary=summary)


class _Bound:
    """A picklable ``path -> FileResult`` for the pool."""

    def __init__(self, func: Callable[[Path], str]) -> None:
        self.func = func

    def __call__(self, path: Path) -> FileResult:
        return run_file(self.func, path)


def process_files(
    func: Callable[[Path], str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    on_result: Callable[[FileResult, int, int], Any] | None = None,
) -> Iterator[FileResult]:
    """Run ``func(path) -> summary`` over ``paths``; yield a :class:`FileResult` per path, in order.

    ``func`` must be a module-level function (it is sent to worker processes). ``workers``
    defaults to every core; with one worker, or a single file, everything runs in this process.
    ``on_result(result, done, total)`` is called after each file (a progress bar hooks in here).
    coparent errors and unreadable files become failed results; anything else is a bug and is
    raised.
    """
    items = [Path(p) for p in paths]
    total = len(items)
    count = workers if workers is not None else (os.cpu_count() or 1)
    bound = _Bound(func)
    if count <= 1 or total <= 1:
        results: Iterable[FileResult] = map(bound, items)
        yield from _report(results, total, on_result)
        return
    chunk = max(1, min(64, total // (count * 8) or 1))
    with ProcessPoolExecutor(max_workers=min(count, total)) as pool:
        yield from _report(pool.map(bound, items, chunksize=chunk), total, on_result)


def _report(
    results: Iterable[FileResult],
    total: int,
    on_result: Callable[[FileResult, int, int], Any] | None,
) -> Iterator[FileResult]:
    for done, result in enumerate(results, start=1):
        if on_result is not None:
            on_result(result, done, total)
        yield result


def validate_file(path: Path) -> str:
    """Load one saved document (checking everything); the summary is its kind."""
    from .convert import load

    return f"valid {type(load(path)).KIND}"


@attrs.frozen(kw_only=True)
class RenderToFolder:
    """``path -> summary`` that renders a saved document as a PDF into ``folder``.

    It pickles, so a process pool or a Dask bag can send it to workers. ``audience`` is a short
    name (facilitator, court, parent_a, parent_b); the PDF is named after the input file and the
    audience, and written atomically.
    """

    folder: Path
    audience: str

    def __call__(self, path: Path) -> str:
        from .convert import load
        from .redaction import Audience
        from .render.pdf import render_pdf

        doc = load(path)
        target = self.target(path)
        render_pdf(doc, target, audience=Audience.parse(self.audience))
        return f"wrote {target.name}"

    def target(self, path: str | os.PathLike[str]) -> Path:
        """Where the PDF of ``path`` goes: ``<folder>/<name>-<audience>.pdf``."""
        return Path(self.folder) / f"{Path(path).stem}-{self.audience}.pdf"

    def clashes(self, paths: Iterable[str | os.PathLike[str]]) -> dict[str, list[str]]:
        """PDF names that more than one of ``paths`` would write, with those paths.

        Names are compared ignoring case, as on Windows and macOS's usual file systems.
        """
        by_name: dict[str, list[str]] = {}
        for path in paths:
            by_name.setdefault(self.target(path).name.casefold(), []).append(str(path))
        return {name: found for name, found in by_name.items() if len(found) > 1}
