"""Reading and writing files safely: bounded reads, atomic writes to regular files only.

Every file coparent reads or writes goes through here (``convert.load``, ``convert.dump``,
``render_pdf(path=...)``, the commands' ``-o`` and ``--ics``).

Reading takes at most the limit plus one byte, whatever the file is (a pipe or ``/dev/zero``
reports a size of 0), so an endless or oversized input is refused without filling memory.

Writing goes to a temporary file beside the target, is flushed to disk, renamed over the target
and then the folder is flushed too, so a crash leaves either the old file or the new one. Only a
regular file or a path that does not exist yet is written: a device, a FIFO, a socket, a
folder or a **symbolic link** is refused with :class:`~coparent.errors.FileRefusedError` and
left as it was.
A symbolic link is refused rather than followed because the rename would replace the link
itself, not the file it points to; give the real path instead. Temporary files that an
interrupted write left behind (``.<name>.<pid>.<random>.tmp``, whose writing process is gone or
which are more than :data:`STALE_AFTER` seconds old) are removed by the next write to the same
target, as they may hold children's details.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

from .errors import ErrorDetail, FileRefusedError, ValidationError
from .i18n import N_, P_

__all__ = ["STALE_AFTER", "read_bounded", "write_atomic"]

#: A temporary file of a write older than this (seconds) is taken to be left over from a crash.
STALE_AFTER = 60.0

_KINDS = (
    (stat.S_ISLNK, N_("a symbolic link")),
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISSOCK, N_("a socket")),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return N_("not a regular file")


def check_writable(target: Path) -> os.stat_result | None:
    """The target's ``lstat``, or None if it does not exist; refuse anything but a regular file."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefusedError(
            P_(
                "{target} is {kind}; coparent writes only to a regular file or a new path (a "
                "symbolic link is not followed: give the path of the file it points to)"
            ).format(target=target, kind=_kind(st.st_mode))
        )
    return st


def read_bounded(path: str | os.PathLike[str], max_bytes: int, *, what: str = "") -> bytes:
    """The bytes of ``path``, or :class:`ValidationError` if there are more than ``max_bytes``.

    A regular file whose size is over the limit is refused unread; anything else (a pipe, a
    device) is read up to ``max_bytes + 1`` bytes and refused if that last byte arrives.
    A regular file is asked for its own size plus one byte, and read on to the limit only if
    that byte arrives (it grew, or it is one of the files that report no size, as in
    ``/proc``): a read asks for memory as large as its request, so asking for the limit
    itself made each file cost 32 MiB of address space and about ten page faults.
    """
    what = what or str(path)
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if st.st_size > max_bytes:
            raise _too_big(
                f"the file is {st.st_size:,} bytes, more than the limit of {max_bytes:,}", what
            )
        want = st.st_size + 1 if stat.S_ISREG(st.st_mode) else max_bytes + 1
        data = f.read(want)
        if len(data) == want <= max_bytes:
            data += f.read(max_bytes + 1 - want)
    if len(data) > max_bytes:
        raise _too_big(f"the input is more than the limit of {max_bytes:,} bytes", what)
    return data


def _too_big(message: str, what: str) -> ValidationError:
    return ValidationError([ErrorDetail(path="", message=message)], what=what)


def _temp_pattern(name: str) -> re.Pattern[str]:
    # mkstemp's random part is 8 characters of [a-z0-9_]; older versions wrote no pid.
    return re.compile(rf"\.{re.escape(name)}\.(?:([0-9]+)\.)?[a-z0-9_]{{8}}\.tmp")


def _process_gone(pid: int) -> bool:
    # On Windows os.kill(pid, 0) would end the process: there, only a temp file's age counts.
    if pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False
    return False


def remove_stale_temps(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files an interrupted write to ``target`` left behind; return them.

    A temp file is stale when the process whose id it carries is gone, or when it is more than
    :data:`STALE_AFTER` seconds old. Only regular files owned by this user are removed.
    """
    pattern = _temp_pattern(target.name)
    now = time.time() if now is None else now
    removed = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for name in names:
        m = pattern.fullmatch(name)
        if m is None:
            continue
        leftover = target.parent / name
        try:
            st = os.lstat(leftover)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        old = now - st.st_mtime > STALE_AFTER
        if old or (m.group(1) is not None and _process_gone(int(m.group(1)))):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    return removed


def _fsync_folder(folder: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:  # e.g. Windows, where folders cannot be opened
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and a rename.

    A failure part-way leaves any existing file as it was and no partial file behind. A new
    file is readable by its owner only (it may hold children's details); a replaced file keeps
    its permissions. ``target`` must be a regular file or a new path: a device, a FIFO, a
    socket, a folder or a symbolic link is refused with :class:`~coparent.errors.FileRefusedError`
    (a link is not followed; give the real path). After the rename the folder is flushed to
    disk, and temporary files left by an earlier interrupted write to the same target are
    removed.
    """
    import tempfile  # here: reading files, as most commands only do, never needs it (9 ms)

    target = Path(target)
    existing = check_writable(target)
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if existing is not None:
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
        check_writable(target)  # again, just before the rename: it may have changed meanwhile
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
