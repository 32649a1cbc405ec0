"""Files in and out: bounded reads, atomic writes only to regular files, no stranded temp files."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coparent
from coparent import Audience, ParentingPlan, ValidationError
from coparent._files import (
    STALE_AFTER,
    _kind,
    check_writable,
    read_bounded,
    remove_stale_temps,
    write_atomic,
)
from coparent.cli import main
from coparent.errors import FileRefusedError

SRC = str(Path(coparent.__file__).resolve().parent.parent)
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.json"
    coparent.dump(ParentingPlan.example(), path)
    return path


# --- only regular files are written ----------------------------------------------------------


@posix_only
def test_a_fifo_is_refused_and_kept(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefusedError, match="named pipe"):
        coparent.dump(ParentingPlan.example(), fifo)
    assert fifo.is_fifo()


def test_a_symlink_is_refused_not_followed_or_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(FileRefusedError, match="symbolic link"):
        write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "keep"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileRefusedError):
        write_atomic(dangling, b"new")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError, match="folder"):
        write_atomic(tmp_path, b"x")
    if hasattr(socket, "AF_UNIX"):
        # A short path: a socket's name is limited to about 100 bytes.
        old = os.getcwd()
        os.chdir(tmp_path)
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.bind("s")
                with pytest.raises(FileRefusedError, match="socket"):
                    write_atomic(Path("s"), b"x")
        finally:
            os.chdir(old)


@posix_only
def test_a_special_file_is_refused_by_every_writer(tmp_path: Path, plan_file: Path) -> None:
    # A FIFO stands for every special file: a test must never risk replacing a real device.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = os.lstat(fifo)
    with pytest.raises(FileRefusedError):
        coparent.render_pdf(ParentingPlan.example(), fifo, audience=Audience.parse("court"))
    for argv in (
        ["render", str(plan_file), "-o", str(fifo), "--audience", "court"],
        [
            "calendar",
            str(plan_file),
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-08",
            "--ics",
            str(fifo),
        ],
        ["diff", str(plan_file), str(plan_file), "-o", str(fifo)],
        ["merge", str(plan_file), str(plan_file), "-o", str(fifo)],
        ["schema", "export", str(fifo)],
    ):
        assert main(argv) == 1, argv
    after = os.lstat(fifo)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_devices_are_named_in_the_refusal(tmp_path: Path) -> None:
    assert _kind(stat.S_IFCHR | 0o666) == "a character device"
    assert _kind(stat.S_IFBLK | 0o666) == "a block device"
    if os.name == "posix" and os.path.exists("/dev/null"):
        # Refused before anything is written: the device is only looked at.
        with pytest.raises(FileRefusedError, match="character device"):
            check_writable(Path("/dev/null"))


def test_the_cli_says_why(
    tmp_path: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    assert main(["diff", str(plan_file), str(plan_file), "-o", str(link)]) == 1
    err = capsys.readouterr().err
    assert "is a symbolic link" in err
    assert "regular file" in err
    assert "Traceback" not in err


def test_a_regular_file_is_replaced_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.json"
    write_atomic(fresh, b"new")
    if os.name == "posix":
        assert fresh.stat().st_mode & 0o777 == 0o600


# --- stale temporary files ---------------------------------------------------------------------


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_crashed_write_leaves_nothing_behind_for_long(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    dead = tmp_path / f".plan.json.{_dead_pid()}.abcd1234.tmp"
    dead.write_bytes(b"children's details")
    old = tmp_path / ".plan.json.k2j4h5g6.tmp"  # written before temp names carried a pid
    old.write_bytes(b"children's details")
    past = time.time() - STALE_AFTER - 5
    os.utime(old, (past, past))
    live = tmp_path / f".plan.json.{os.getpid()}.zzzz9999.tmp"  # a write in progress
    live.write_bytes(b"")
    young = tmp_path / ".plan.json.q1w2e3r4.tmp"  # recent, no pid: may be in progress
    young.write_bytes(b"")
    other = tmp_path / f".plan.json.x.{_dead_pid()}.abcd1234.tmp"  # another target's
    other.write_bytes(b"")
    write_atomic(target, b"{}")
    assert not dead.exists()
    assert not old.exists()
    assert live.exists()
    assert young.exists()
    assert other.exists()
    assert target.read_bytes() == b"{}"


def test_a_kill_during_a_save_is_cleaned_by_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    code = (
        "import os, tempfile, sys\n"
        "fd, tmp = tempfile.mkstemp(dir=sys.argv[1], prefix=f'.plan.json.{os.getpid()}.',"
        " suffix='.tmp')\n"
        "os.write(fd, b'partial')\n"
        "os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False)
    assert len(list(tmp_path.glob(".plan.json.*.tmp"))) == 1
    coparent.dump(ParentingPlan.example(), target)
    assert list(tmp_path.glob(".plan.json.*.tmp")) == []


def test_remove_stale_temps_ignores_folders_and_links(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    folder = tmp_path / ".plan.json.abcdefgh.tmp"
    folder.mkdir()
    link = tmp_path / ".plan.json.hgfedcba.tmp"
    link.symlink_to(tmp_path)
    assert remove_stale_temps(target, now=time.time() + 10 * STALE_AFTER) == []
    assert folder.exists()
    assert link.is_symlink()


def test_the_folder_is_synced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(
            os.path.isdir(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else True
        )
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(tmp_path / "plan.json", b"{}")
    assert synced[-1] is True, "the folder was not synced last"


# --- reads are bounded ------------------------------------------------------------------------


def _limited(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python limited to 1 GiB of memory and 60 s: an unbounded read of
    /dev/zero (the bug) must fail there, not take the machine's memory."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=limit,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@posix_only
def test_dev_zero_is_refused_after_the_limit() -> None:
    done = _limited(
        "import coparent\n"
        "try:\n"
        "    coparent.load('/dev/zero', max_bytes=1000)\n"
        "except coparent.ValidationError as e:\n"
        "    print(e)\n"
    )
    assert "more than the limit of 1,000 bytes" in done.stdout, done.stderr[-500:]
    with pytest.raises(ValidationError, match="more than the limit"):
        read_bounded("/dev/zero", 10)


@posix_only
def test_validate_dev_zero_exits_1() -> None:
    done = _limited(
        "import sys; from coparent.cli import main; sys.exit(main(['validate', '/dev/zero']))"
    )
    assert done.returncode == 1
    assert "more than the limit" in done.stderr
    assert "Traceback" not in done.stderr


@posix_only
def test_a_pipe_is_read_up_to_the_limit(tmp_path: Path, plan_file: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"open({str(fifo)!r}, 'wb').write(open({str(plan_file)!r}, 'rb').read())",
        ]
    )
    try:
        assert coparent.load(fifo) == ParentingPlan.example()
    finally:
        writer.wait(timeout=30)


class _Recorder:
    """A binary file that records how many bytes each ``read`` asked for."""

    def __init__(self, f: Any, asked: list[int]) -> None:
        self.f, self.asked = f, asked

    def __enter__(self) -> _Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.f.close()

    def fileno(self) -> int:
        return int(self.f.fileno())

    def read(self, n: int = -1) -> bytes:
        self.asked.append(n)
        return bytes(self.f.read(n))


def test_a_regular_file_is_asked_for_its_size_not_the_limit(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A read asks for memory as large as its request: asking for the 32 MiB limit for every
    # file cost address space and page faults in every load.
    asked: list[int] = []

    def recording_open(path: Path, mode: str) -> _Recorder:
        return _Recorder(path.open(mode), asked)  # closed by _Recorder.__exit__

    monkeypatch.setattr(coparent._files, "open", recording_open, raising=False)
    data = read_bounded(plan_file, coparent.convert.MAX_BYTES)
    assert data == plan_file.read_bytes()
    assert asked == [len(data) + 1]


@settings(max_examples=60)
@given(
    size=st.integers(0, 300),
    reported=st.integers(0, 300),
    limit=st.integers(0, 300),
)
def test_a_file_is_read_whole_or_refused_whatever_size_it_reports(
    size: int, reported: int, limit: int
) -> None:
    # The size the file system reports can be stale (a file growing or shrinking while it is
    # read) or zero (``/proc``): the bytes read, not the size reported, decide.
    import tempfile
    from unittest import mock

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(bytes(i % 256 for i in range(size)))
        real = os.fstat

        def fstat(fd: int) -> os.stat_result:
            fields = list(real(fd))
            fields[6] = reported  # st_size
            return os.stat_result(fields)

        with mock.patch.object(os, "fstat", fstat):
            if reported > limit or size > limit:
                with pytest.raises(ValidationError, match="more than the limit"):
                    read_bounded(path, limit)
            else:
                assert read_bounded(path, limit) == path.read_bytes()


@pytest.mark.skipif(
    not Path("/proc/self/cmdline").exists(), reason="needs Linux's /proc, whose files report size 0"
)
def test_a_file_that_reports_no_size_is_read_whole() -> None:
    cmdline = Path("/proc/self/cmdline")
    assert cmdline.stat().st_size == 0
    assert len(cmdline.read_bytes()) > 1
    assert read_bounded(cmdline, 10_000) == cmdline.read_bytes()
    with pytest.raises(ValidationError, match="more than the limit of 1 bytes"):
        read_bounded(cmdline, 1)


def test_text_is_counted_in_bytes() -> None:
    text = '"' + "é" * 60 + '"'  # 62 characters, 122 bytes of UTF-8
    with pytest.raises(ValidationError, match="more than the limit of 100"):
        coparent.convert.parse_json(text, max_bytes=100)
    assert coparent.convert.parse_json(text, max_bytes=122) == "é" * 60
    assert coparent.convert.parse_json('"' + "é" * 10 + '"', max_bytes=100) == "é" * 10


def test_resolve_reads_a_bounded_saved_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "big.conflicts.json"
    saved.write_bytes(b" " * 2000 + b"{}")
    monkeypatch.setattr(coparent.merging, "MERGE_MAX_BYTES", 1000)
    assert main(["resolve", str(saved), "/x", "--take", "ours", "--by", "Sam"]) == 1
    assert "more than the limit" in capsys.readouterr().err
