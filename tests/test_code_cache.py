"""The generated converter's compiled code kept on disk: read back only when it is exactly what
compiling the same source gives, never a half-written or damaged file, nothing where bytecode
is not written."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

import coparent
from coparent import _code_cache, _converter_code

SOURCE = "def double(x):\n    return 2 * x\n\n\nTABLE = {'a': double}\n"
FILENAME = "<coparent converter test>"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "pycache"
    monkeypatch.setattr(_code_cache, "folder", lambda: folder)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return folder


def _no_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> CodeType:
        raise AssertionError("compiled again")

    monkeypatch.setattr(_code_cache, "compile", refuse, raising=False)


def test_code_read_back_is_what_compiling_gives(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _code_cache.compiled(SOURCE, FILENAME)
    assert [p.name.startswith("converter-") for p in cache.iterdir()] == [True]
    _no_compile(monkeypatch)
    again = _code_cache.compiled(SOURCE, FILENAME)
    assert again == compile(SOURCE, FILENAME, "exec") == first
    ns: dict[str, Any] = {}
    exec(again, ns)
    assert ns["TABLE"]["a"](21) == 42


def test_another_source_or_file_name_is_compiled_anew(cache: Path) -> None:
    _code_cache.compiled(SOURCE, FILENAME)
    other = _code_cache.compiled(SOURCE.replace("2 * x", "3 * x"), FILENAME)
    renamed = _code_cache.compiled(SOURCE, "<coparent converter other>")
    assert other == compile(SOURCE.replace("2 * x", "3 * x"), FILENAME, "exec")
    assert renamed.co_filename == "<coparent converter other>"
    assert len(list(cache.iterdir())) == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "other header"])
def test_a_damaged_file_is_ignored_and_written_again(cache: Path, damage: str) -> None:
    _code_cache.compiled(SOURCE, FILENAME)
    (path,) = cache.iterdir()
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) - 7]
    elif damage == "flip":
        data = data[:-3] + bytes([data[-3] ^ 0x40]) + data[-2:]
    elif damage == "empty":
        data = b""
    else:
        data = b"x" + data[1:]
    path.write_bytes(data)
    code = _code_cache.compiled(SOURCE, FILENAME)
    assert code == compile(SOURCE, FILENAME, "exec")
    assert path.read_bytes() != data  # written whole again


def test_nothing_is_written_where_bytecode_is_not(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert _code_cache.compiled(SOURCE, FILENAME) == compile(SOURCE, FILENAME, "exec")
    assert not cache.exists()


def test_a_folder_that_cannot_be_made_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(_code_cache, "folder", lambda: blocker / "pycache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert _code_cache.compiled(SOURCE, FILENAME) == compile(SOURCE, FILENAME, "exec")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


_LOAD = """
import hashlib, json, sys
import coparent
from coparent import _code_cache
text = open(sys.argv[1], "rb").read()
plan = coparent.from_json(text, coparent.ParentingPlan)
files = sorted(p.name for p in _code_cache.folder().glob("converter-*.bin"))
print(json.dumps([hashlib.sha256(coparent.to_json_bytes(plan)).hexdigest(), files]))
"""


def test_a_second_process_loads_with_the_first_ones_code(tmp_path: Path) -> None:
    """Under ``PYTHONPYCACHEPREFIX`` the code goes where CPython's bytecode goes; a new process
    reads it and loads the same document."""
    plan = tmp_path / "plan.json"
    plan.write_bytes(coparent.to_json_bytes(coparent.ParentingPlan.example()))
    env = {
        "PYTHONPYCACHEPREFIX": str(tmp_path / "prefix"),
        "PYTHONPATH": str(Path(coparent.__file__).parents[1]),
        "PATH": "",
    }

    def run() -> list[Any]:
        done = subprocess.run(
            [sys.executable, "-c", _LOAD, str(plan)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        return list(json.loads(done.stdout))

    first_digest, first_files = run()
    assert first_files, "the first process wrote its code"
    written = {p.name for p in (tmp_path / "prefix").rglob("converter-*.bin")}
    assert written == set(first_files)
    second_digest, second_files = run()
    assert second_digest == first_digest
    assert second_digest == hashlib.sha256(plan.read_bytes()).hexdigest()
    assert second_files == first_files  # read back, not written under another name


def test_the_generator_compiles_through_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = _code_cache.compiled

    def spy(source: str, filename: str) -> CodeType:
        seen.append(filename)
        return real(source, filename)

    monkeypatch.setattr(_code_cache, "compiled", spy)
    import attrs

    @attrs.frozen(kw_only=True)
    class CacheProbe:
        name: str = ""

    _converter_code.ensure(CacheProbe)
    assert len(seen) == 1
    assert "CacheProbe" in seen[0]
    assert len(list(cache.iterdir())) == 1
    assert coparent.from_dict({"name": "x"}, CacheProbe) == CacheProbe(name="x")


def test_an_interpreter_without_bytecode_compiles_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys.implementation, "cache_tag", None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert _code_cache.compiled(SOURCE, FILENAME) == compile(SOURCE, FILENAME, "exec")


def test_a_failed_write_leaves_no_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "replace", refuse)
    assert _code_cache.compiled(SOURCE, FILENAME) == compile(SOURCE, FILENAME, "exec")
    assert list(cache.iterdir()) == []  # the temporary file is gone too


def test_written_code_is_as_readable_as_coparents_own_files(cache: Path) -> None:
    _code_cache.compiled(SOURCE, FILENAME)
    (path,) = cache.iterdir()
    own = Path(_code_cache.__file__).stat().st_mode & 0o444
    assert path.stat().st_mode & 0o444 == own
