"""Processing many files at once on every core, with each file's errors kept to itself.

A contact-centre network or a court service validates or renders thousands of documents in one
go. :func:`process_files` runs a function over many paths in a process pool, yields one
:class:`FileResult` per path in input order, and never lets one bad file stop the batch.
coparent's functions are pure and its documents pickle, so the same work also runs unchanged
on a distributed engine such as Dask (see docs/many-documents.md).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
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
    """A picklable ``path text -> (ok, summary, errors)`` for the pool.

    Workers are sent text and send back plain values; this process builds each
    :class:`FileResult` with its own ``Path``, so no ``Path`` or result object is pickled either
    way (this process's CPU time for 2,000 files fell by about a quarter, on the cores the
    workers need).
    """

    def __init__(self, func: Callable[[Path], str]) -> None:
        self.func = func

    def __call__(self, path: str) -> tuple[bool, str, tuple[ErrorDetail, ...]]:
        result = run_file(self.func, path)
        return result.ok, result.summary, result.errors


def process_files(
    func: Callable[[Path], str],
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    on_result: Callable[[FileResult, int, int], Any] | None = None,
) -> Iterator[FileResult]:
    """Run ``func(path) -> summary`` over ``paths``; yield a :class:`FileResult` per path, in order.

    ``func`` must be a module-level function (it is sent to worker processes). ``workers``
    defaults to every core, but one process for a few hundred quick files (validation), where a
    pool costs more than it saves. The first file runs in this process before the pool forks,
    so workers start warm (measured faster than one process idle and under load). An explicit
    ``workers`` is used as given (up to one per file); with one worker everything runs here.
    ``on_result(result, done, total)`` is called after each file (a progress bar hooks in here).
    coparent errors and unreadable files become failed results; anything else is a bug and is
    raised.
    """
    items = [Path(p) for p in paths]
    total = len(items)
    count = min(workers if workers is not None else (os.cpu_count() or 1), total)
    if workers is None:
        count = min(count, total // _MIN_FILES_PER_WORKER.get(func, 1))
    if count <= 1:
        yield from _report((run_file(func, path) for path in items), total, on_result)
        return
    # The first file runs here: it imports what the work needs and generates the converter's
    # code once, and forked workers inherit both instead of paying for them each.
    first = run_file(func, items[0])
    # Imported only here: ``concurrent.futures.process`` brings in ``multiprocessing`` (about
    # 30 ms), which a command on one file or a small batch never needs.
    from concurrent.futures import ProcessPoolExecutor

    # Sixteen chunks per worker: few messages, and the last chunks are small enough that no
    # worker waits long for the other at the end (measured 1.87x against 1.83x with four).
    chunk = max(1, min(256, (total - 1) // (count * 16) or 1))
    with ProcessPoolExecutor(max_workers=count, mp_context=_fork_context()) as pool:
        with _frozen_for_fork():  # ``map`` submits every chunk, which forks the workers
            done = pool.map(_Bound(func), [str(path) for path in items[1:]], chunksize=chunk)
        rest = (
            FileResult(path=path, ok=ok, summary=summary, errors=errors)
            for path, (ok, summary, errors) in zip(items[1:], done, strict=True)
        )
        yield from _report(itertools.chain((first,), rest), total, on_result)


#: Below this many files per worker a pool costs more than it saves, by function. Validating a
#: file takes about 0.2 ms: starting a worker and sending it work is worth a few hundred files.
#: Rendering a PDF takes about 0.2 s: a pool pays from two files.
_MIN_FILES_PER_WORKER: dict[Callable[[Path], str], int] = {}


def _fork_context() -> Any:
    """The ``fork`` start method where there is one (workers inherit the warm interpreter)."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None  # pragma: no cover - Windows: spawn


@contextlib.contextmanager
def _frozen_for_fork() -> Iterator[None]:
    """Every object this process holds, moved out of the garbage collector's sight while the
    workers fork (``gc.freeze``, as the :mod:`gc` documentation advises before a fork without
    exec), then given back to it here.

    A worker's own collections then never walk the objects it inherited: walking them writes
    to each one, which makes the kernel copy those pages into the worker. Validating 2,000
    files on 2 processes took 1.5-2% less wall time and about 1% less of the workers' CPU (three
    interleaved comparisons of 9-15 rounds). Nothing is done when the caller has frozen
    objects already: unfreezing would hand the caller's objects back too.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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


_MIN_FILES_PER_WORKER[validate_file] = 250


@attrs.frozen(kw_only=True)
class RenderToFolder:
    """``path -> summary`` that renders a saved document as a PDF into ``folder``.

    It pickles, so a process pool or a Dask bag can send it to workers. ``audience`` is a short
    name (facilitator, court, parent_a, parent_b); the PDF is named after the input file and the
    audience, and written atomically. ``locale`` is the language of coparent's words in the
    PDFs (default: each document's own ``language``) and in the summary (default: English).
    """

    folder: Path
    audience: str
    locale: str | None = None

    def __call__(self, path: Path) -> str:
        from .convert import load
        from .i18n import _, use_locale
        from .redaction import Audience
        from .render.pdf import render_pdf

        doc = load(path)
        target = self.target(path)
        render_pdf(doc, target, audience=Audience.parse(self.audience), locale=self.locale)
        with use_locale(self.locale):  # the summary too: English unless a locale is given
            return _("wrote {name}").format(name=target.name)

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
