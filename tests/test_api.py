"""The public API: every name in ``coparent.__all__`` resolves, and importing is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import coparent
import coparent.model


def test_every_public_name_resolves() -> None:
    for name in coparent.__all__:
        assert getattr(coparent, name) is not None, name


def test_lazy_model_names_match_the_model() -> None:
    assert sorted(coparent._MODEL_NAMES) == sorted(coparent.model.__all__)


def test_lazy_names_are_all_public() -> None:
    assert set(coparent._LAZY) <= set(coparent.__all__)
    assert set(coparent.__all__) - set(coparent._LAZY) == {"__version__"}


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = coparent.no_such_thing  # type: ignore[attr-defined]  # the point of the test


def test_import_loads_no_heavy_module() -> None:
    code = (
        "import sys, coparent; "
        "heavy = {'fpdf', 'jsonschema', 'cattrs', 'attrs', 'coparent.model'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_using_documents_does_not_load_pdf_or_jsonschema() -> None:
    code = (
        "import sys, coparent; "
        "coparent.from_json("
        "coparent.to_json(coparent.ParentingPlan.example()), coparent.ParentingPlan); "
        "print(sorted({'fpdf', 'jsonschema'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_submodule_shadows_a_public_name() -> None:
    # Importing a submodule sets an attribute of the package: a module named like a public
    # function (merge.py beside coparent.merge) would replace the function. Modules that hold
    # a public function of the same name are private (_merge.py), and this keeps it so.
    code = (
        "import importlib, pkgutil, coparent\n"
        "before = {n: getattr(coparent, n) for n in coparent.__all__}\n"
        "for m in pkgutil.walk_packages(coparent.__path__, 'coparent.'):\n"
        "    if m.name != 'coparent.__main__':  # running it is the command line\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in coparent.__all__ if getattr(coparent, n) is not before[n]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
