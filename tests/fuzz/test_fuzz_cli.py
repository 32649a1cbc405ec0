"""Fuzzing the command line in-process (run by ``nox -s fuzz``).

Random argument lists (real commands and junk, options in any order, real documents, a saved
merge, junk files, folders, symbolic links, missing paths) go to ``coparent.cli.main``. The
only allowed outcomes are exit codes 0, 1 and 2 with no traceback on stderr. Each run prints
how many argument lists it tried.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coparent
import coparent.convert
from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version
from coparent.cli import main

pytestmark = [
    pytest.mark.fuzz,
    pytest.mark.skipif(os.name != "posix", reason="uses a FIFO and symbolic links"),
]

EXAMPLES = int(os.environ.get("COPARENT_FUZZ_CLI_EXAMPLES", "400"))

COMMANDS = [
    "validate", "calendar", "diff", "merge", "resolve", "merge-export", "render", "schema",
    "demo", "", "-h", "--version", "nope", "validat",
]  # fmt: skip
# Dates are kept to short ranges: how long a range calendar expands is a separate limit.
DATES = ["2026-01-01", "2026-02-15", "2026-03-01", "2025-12-25", "0001-01-01", "9999-12-31",
         "2026-02-30", "2026-1-1", "x", ""]  # fmt: skip
JUNK = ["", "-", "--", "-o", "\x00", "é", "\udcff", "a" * 300, "../..", "/", "-1", "{}"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("cli")
    inputs = root / "in"
    inputs.mkdir()
    coparent.dump(parent_a_version(), inputs / "sian.json")
    coparent.dump(parent_b_version(), inputs / "tom.json")
    coparent.dump(last_agreed_version(), inputs / "agreed.json")
    for cls in coparent.convert.DOCUMENT_TYPES.values():
        coparent.dump(cls.example(), inputs / f"{cls.KIND}.json")
    merged = coparent.merge(last_agreed_version(), parent_a_version(), parent_b_version())
    (inputs / "plan.conflicts.json").write_text(merged.to_json(), encoding="utf-8")
    (inputs / "junk.json").write_bytes(b"\xff\xfe{not json")
    (inputs / "empty.json").write_bytes(b"")
    (inputs / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (inputs / "big.json").write_text(json.dumps({"kind": "parenting_plan", "x": "a" * 10**6}))
    (inputs / "folder").mkdir()
    (inputs / "link.json").symlink_to(inputs / "sian.json")
    (inputs / "dangling.json").symlink_to(inputs / "nowhere.json")
    (root / "out").mkdir()
    os.mkfifo(root / "out" / "pipe")  # stands for every special file; only ever an output
    old = os.getcwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(old)


def _files(root: Path) -> list[str]:
    names = sorted(p.name for p in (root / "in").iterdir())
    return [f"in/{n}" for n in names] + ["in/missing.json", "in", "/dev/null"]


def _outputs() -> list[str]:
    return [
        "out/a.json", "out/a.pdf", "out/cal.ics", "out", "out/new/deeper.json", "in/folder",
        "in/link.json", "in/dangling.json", "out/pipe", "out/sub", "",
    ]  # fmt: skip


def _argv(root: Path) -> st.SearchStrategy[list[str]]:
    files = st.sampled_from(_files(root))
    outs = st.sampled_from(_outputs())
    dates = st.sampled_from(DATES)
    merged = coparent.merge(last_agreed_version(), parent_a_version(), parent_b_version())
    paths = st.sampled_from([c.path for c in merged.conflicts] + ["/x", "", "/updated_at/0"])
    saved = st.sampled_from(
        ["in/plan.conflicts.json", "out/a.json", "in/sian.json", "in/junk.json"]
    )

    def opt(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return st.one_of(st.just([]), values.map(lambda v: [flag, v]))

    def cmd(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
        return st.tuples(*parts).map(lambda ps: [w for p in ps for w in p])

    def one(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
        return values.map(lambda v: [v])

    lit = st.just
    well_formed = st.one_of(
        cmd(lit(["validate"]), st.lists(files, min_size=1, max_size=3), opt("--jobs", lit("1"))),
        cmd(
            lit(["calendar"]), one(files), one(dates).map(lambda d: ["--from", *d]),
            one(dates).map(lambda d: ["--to", *d]), opt("--ics", outs),
            opt("--timezone", st.sampled_from(["Europe/London", "Europe", "Etc/UTC", "x"])),
            opt("--referral", files), opt("--review", files),
        ),
        cmd(
            lit(["diff"]), one(files), one(files), opt("-o", outs),
            opt("--format", st.sampled_from(["text", "html", "json", "patch"])),
        ),
        cmd(
            lit(["merge"]), opt("--base", files), one(files), one(files),
            outs.map(lambda o: ["-o", o]), opt("--conflicts", outs),
        ),
        cmd(
            lit(["resolve"]), one(saved), one(paths),
            st.one_of(
                st.sampled_from(["ours", "theirs", "base"]).map(lambda t: ["--take", t]),
                st.sampled_from(['"18:00:00"', "1e400", "[", "null", "7", '"x\\n"']).map(
                    lambda v: ["--value", v]
                ),
            ),
            lit(["--by", "Gwen"]), opt("-o", outs),
        ),
        cmd(lit(["merge-export"]), one(saved), outs.map(lambda o: ["-o", o])),
        cmd(
            lit(["render"]), st.lists(files, min_size=1, max_size=3),
            outs.map(lambda o: ["-o", o]),
            st.sampled_from(["court", "parent_a", "parent_b"]).map(lambda a: ["--audience", a]),
            lit(["--jobs", "1"]),
        ),
        cmd(lit(["schema", "export"]), one(outs)),
        lit(["demo"]),
    )  # fmt: skip
    # Outputs as positional words, but never the FIFO: reading it would wait for a writer.
    words = outs.filter(lambda o: o != "out/pipe")
    junk = st.lists(st.one_of(files, words, dates, paths, st.sampled_from(JUNK)), max_size=3)
    mixed = st.builds(
        lambda command, words: [command, *words],
        st.sampled_from(COMMANDS),
        st.lists(
            st.one_of(files, words, dates, st.sampled_from([*JUNK, "-o", "--by"])), max_size=6
        ),
    )

    def spoil(argv: list[str], extra: list[str], where: int, drop: bool) -> list[str]:
        if drop and len(argv) > 1:
            argv = argv[: where % len(argv)] + argv[where % len(argv) + 1 :]
        at = where % (len(argv) + 1)
        return argv[:at] + extra + argv[at:]

    spoiled = st.builds(spoil, well_formed, junk, st.integers(0, 20), st.booleans())
    return st.one_of(well_formed, well_formed, spoiled, mixed)


class _Hung(Exception):
    """A command line ran past its time limit (the fuzz test fails with its argv)."""


def _hung(signum: int, frame: object) -> None:
    raise _Hung("a command line took more than 60 s")


def test_random_command_lines(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One worker: a process pool per example would be slow, and forking under the fuzzer's
    # threads can deadlock. process_files itself is tested in test_batch.py.
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    previous = signal.signal(signal.SIGALRM, _hung)
    ran: dict[int, int] = {}
    demos: list[bool] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(_argv(workspace))
    def run(argv: list[str]) -> None:
        if argv[0] == "demo":  # the demo writes many files and PDFs: once for real is enough
            argv = ["demo", "--out", "out/demo" if not demos else "in/sian.json"]
            demos.append(True)
        out, err = io.StringIO(), io.StringIO()
        signal.alarm(60)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as e:  # argparse: usage errors and --help
                code = e.code if isinstance(e.code, int) else 2
            finally:
                signal.alarm(0)
        ran[code] = ran.get(code, 0) + 1
        assert code in (0, 1, 2), (argv, code, err.getvalue()[-2000:])
        assert "Traceback" not in err.getvalue(), (argv, err.getvalue()[-2000:])
        assert Path("out/pipe").is_fifo()
        assert Path("in/link.json").is_symlink()

    try:
        run()
    finally:
        signal.signal(signal.SIGALRM, previous)
    total = sum(ran.values())
    print(f"\nCLI fuzz: {total} command lines, exit codes {dict(sorted(ran.items()))}")
    assert total >= EXAMPLES // 2
