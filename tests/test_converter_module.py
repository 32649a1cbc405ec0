"""The generated converter written as a module file (``python -m coparent._converter_code
--write``), the starting point of an ahead-of-time build (see docs/performance.md, "What we
tried"): the file is a faithful copy of the generated functions, and its fingerprint tracks the
generator.

The written module is run here as plain Python, against the functions the converter uses: the
same objects, the same refusals, byte-identical JSON.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
from coparent import ParentingPlan, _converter_code
from coparent.convert import open_envelope
from coparent.model.introspect import Kind
from strategies import any_document
from test_convert import _agree, _mutated, _mutations


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The module ``--write`` writes, imported from its file, with its names installed from
    the generator that wrote the same source; and that generator."""
    path = tmp_path_factory.mktemp("accel") / "_converter_accel.py"
    assert _converter_code.main(["--write", str(path)]) == 0
    module = _import(path, "_converter_accel_written")
    source, generator = _converter_code.documents_source()
    assert _converter_code.fingerprint(source) == module.FINGERPRINT
    module._install(generator.ns)
    return module, generator


def _import(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def written_typed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """The typed variant (``--write --typed``), imported from its file as plain Python: it
    binds its names itself, from a fresh generator; and that generator."""
    path = tmp_path_factory.mktemp("accel") / "_converter_typed.py"
    assert _converter_code.main(["--write", str(path), "--typed"]) == 0
    module = _import(path, "_converter_typed_written")
    return module, module._GENERATOR


def _functions(written: tuple[Any, Any], what: str, cls: type[Any]) -> Any:
    module, generator = written
    return getattr(module, generator.fn(what, cls))


def test_the_written_module_holds_every_function_of_the_documents(
    written: tuple[Any, Any],
) -> None:
    module, _ = written
    for cls in (coparent.ParentingPlan, coparent.Referral, coparent.Review):
        for what in ("fast", "detailed", "dump", "shallow"):
            assert callable(_functions(written, what, cls))
    assert "_install" not in module.NAMES
    assert "_Invalid" in module.NAMES


@given(any_document(), st.lists(_mutations(), max_size=3))
def test_the_written_module_agrees_with_the_converter(
    written: tuple[Any, Any], doc: Any, mutations: list[Any]
) -> None:
    cls = type(doc)
    body = _mutated(open_envelope(cls, coparent.to_dict(doc)), mutations)
    _converter_code.ensure(cls)
    # The written fast function against the converter's detailed path (the reference): the
    # same object, or both refuse (the detailed path saying why).
    verdict = _agree(_functions(written, "fast", cls), _converter_code.DETAILED[cls], body)
    if not mutations:
        assert verdict == doc
    # Its dumps write the very bytes the converter writes.
    expected = orjson.dumps(_converter_code.DUMP[cls](doc))
    assert orjson.dumps(_functions(written, "dump", cls)(doc)) == expected
    shallow = _functions(written, "shallow", cls)(doc)
    assert orjson.dumps(shallow, default=_converter_code.orjson_default) == expected


@given(any_document(), st.lists(_mutations(), max_size=3))
def test_the_typed_module_agrees_with_the_converter_on_parsed_text(
    written_typed: tuple[Any, Any], doc: Any, mutations: list[Any]
) -> None:
    """The typed variant's fast functions stand for FAST_PARSED: given what orjson parsed,
    the same object as the detailed path, or both refuse."""
    cls = type(doc)
    body = _mutated(open_envelope(cls, coparent.to_dict(doc)), mutations)
    try:
        parsed = orjson.loads(orjson.dumps(body))
    except orjson.JSONEncodeError:  # a lone surrogate: no parsed text holds one
        return
    _converter_code.ensure(cls)
    verdict = _agree(_functions(written_typed, "fast", cls), _converter_code.DETAILED[cls], parsed)
    if not mutations:
        assert verdict == doc


def test_the_typed_module_is_typed_where_mypyc_needs_it(written_typed: tuple[Any, Any]) -> None:
    module, generator = written_typed
    source = Path(module.__file__).read_text(encoding="utf-8")
    fast = generator.fn("fast", ParentingPlan)
    assert f"def {fast}(d: object, extra: int = 0) -> Any:" in source
    assert "\n_parsed_text: Final = True\n" in source
    assert f"\n{next(n for n in module.NAMES if n.startswith('_C'))}: Final = _NS[" in source
    assert (
        f"\n{next(n for n in module.NAMES if n.startswith('_M'))}: Final[dict[str, Any]]" in source
    )
    assert source.count("= ()\n") == 1  # _EMPTY: an empty tuple's type sticks to a variable


def test_a_stale_typed_module_refuses_to_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "_converter_typed.py"
    assert _converter_code.main(["--write", str(path), "--typed"]) == 0
    check, convert, message, dump = _converter_code._SCALARS[Kind.BOOL]
    monkeypatch.setitem(_converter_code._SCALARS, Kind.BOOL, (f"({check})", convert, message, dump))
    with pytest.raises(ImportError, match="stale build"):
        _import(path, "_converter_typed_stale")


def test_the_fingerprint_is_the_same_in_another_process() -> None:
    source, _ = _converter_code.documents_source()
    script = (
        "from coparent import _converter_code as c; print(c.fingerprint(c.documents_source()[0]))"
    )
    other = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert other.stdout.strip() == _converter_code.fingerprint(source)


def test_a_changed_generator_changes_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _converter_code.fingerprint(_converter_code.documents_source()[0])
    check, convert, message, dump = _converter_code._SCALARS[Kind.BOOL]
    monkeypatch.setitem(_converter_code._SCALARS, Kind.BOOL, (f"({check})", convert, message, dump))
    assert _converter_code.fingerprint(_converter_code.documents_source()[0]) != before


def test_writing_the_module_leaves_the_converter_as_it_was(tmp_path: Path) -> None:
    _converter_code.ensure(ParentingPlan)
    tables = (_converter_code.FAST, _converter_code.DUMP, _converter_code.DETAILED)
    before = [dict(table) for table in tables]
    _converter_code.main(["--write", str(tmp_path / "m.py")])
    assert [dict(table) for table in tables] == before
