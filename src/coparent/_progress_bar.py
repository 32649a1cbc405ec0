"""A small progress bar, and the options, for commands that work through many files.

It writes to stderr, only when stderr is a terminal or when asked (``--progress``), and never
names a file or shows a document's contents: just how many items of how many are done.
Messages printed while the bar is up go through :meth:`Progress.echo`, which clears the bar,
prints the message on its own line and draws the bar again.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

__all__ = ["Progress", "add_jobs_option", "add_progress_option"]

_WIDTH = 30


def _jobs(text: str) -> int | None:
    """``--jobs N``: a number of processes; 0 means one per core (``None`` to the batch)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number (0 for every core), not {text!r}")
    return value or None


def add_jobs_option(parser: argparse.ArgumentParser, *, verb: str) -> None:
    """Add ``--jobs N`` (default 0: one process per core) to a command over many files."""
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help=f"{verb} N files at a time, in separate processes (default 0: one per core)",
    )


def add_progress_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--progress/--no-progress`` to a command (default: only when stderr is a terminal)."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: only when stderr is a terminal)",
    )


class Progress:
    """``label [#####-----] done/total`` on stderr, for ``total`` items.

    Drawn only when ``enabled`` is true, or, when it is ``None``, when the stream is a terminal;
    and only for at least ``minimum`` items (one file needs no bar).
    """

    def __init__(
        self,
        total: int,
        *,
        label: str,
        enabled: bool | None = None,
        stream: TextIO | None = None,
        minimum: int = 2,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.active = enabled and total >= minimum
        self.total = total
        self.label = label
        self.done = 0
        self._shown = 0

    def __enter__(self) -> Progress:
        self._draw()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.active:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        if not self.active:
            return
        filled = _WIDTH * self.done // self.total
        line = f"{self.label} [{'#' * filled}{'-' * (_WIDTH - filled)}] {self.done}/{self.total}"
        self._shown = len(line)
        self.stream.write("\r" + line)
        self.stream.flush()

    def advance(self) -> None:
        """One more item is done."""
        self.done += 1
        self._draw()

    def echo(self, message: str, file: TextIO) -> None:
        """Print ``message`` to ``file`` without garbling the bar."""
        if self.active:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
        print(message, file=file, flush=True)
        self._draw()
