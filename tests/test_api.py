"""The public API: every name in ``coparent.__all__`` resolves, and importing is cheap."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import coparent
import coparent.model


def test_every_public_name_resolves() -> None:
    for name in coparent.__all__:
        assert getattr(coparent, name) is not None, name


def test_the_top_level_is_small_enough_to_hold_in_your_head() -> None:
    assert len(coparent.__all__) <= 60
    assert coparent.__all__ == sorted(coparent.__all__)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("Child", "coparent.model"),
        ("breaking_changes", "coparent.versions"),
        ("Clash", "coparent.scheduling"),
    ],
)
def test_a_name_that_moved_says_where_it_went(name: str, where: str) -> None:
    with pytest.raises(AttributeError, match=f"moved to {where}"):
        getattr(coparent, name)
    assert getattr(importlib.import_module(where), name) is not None


def test_public_submodules_load_on_first_use() -> None:
    code = "import coparent; print(coparent.model.Child.__name__, coparent.versions.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Child", "coparent.versions"]


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
    # a public function of the same name are named for what they hold (merging.py), and this
    # keeps it so.
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
