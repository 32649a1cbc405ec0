"""The architecture holds: one field layer. Outside ``coparent.model`` no module reads the attrs
fields or their metadata itself; everything goes through :mod:`coparent.model.introspect`."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "coparent"
MODEL = SRC / "model"

#: Reading fields or their metadata behind the spec tree's back.
FORBIDDEN = re.compile(
    r"\battrs\.(fields|fields_dict|has)\(|\bfield_info\(|\bfields_of\(|\bfrom attrs import\b"
)

#: Modules that may read fields directly: none. (The list stays, empty, so that a module that
#: must be an exception is named here with its reason.)
ALLOWED_FOR_NOW: frozenset[str] = frozenset()


def _offenders() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if MODEL in path.parents:
            continue
        lines = [
            f"{number}: {line.strip()}"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if FORBIDDEN.search(line)
        ]
        if lines:
            found[path.relative_to(SRC).as_posix()] = lines
    return found


def test_only_the_model_reads_attrs_fields() -> None:
    unexpected = {
        name: lines for name, lines in _offenders().items() if name not in ALLOWED_FOR_NOW
    }
    assert unexpected == {}, "read the spec tree (coparent.model.introspect.spec_of) instead"


def test_the_allow_list_only_shrinks() -> None:
    """An allowed module that no longer reads fields directly must leave the list."""
    assert sorted(ALLOWED_FOR_NOW - set(_offenders())) == []


def test_the_pattern_catches_what_it_should() -> None:
    caught = [
        "for a in attrs.fields(cls):",
        "attrs.fields_dict(Holiday)['end']",
        "if attrs.has(tp):",
        "title = field_info(a).title",
        "specs = fields_of(cls)",
        "from attrs import fields",
    ]
    missed = ["spec_of(cls).fields", "import attrs", "attrs.evolve(doc, notes='')"]
    assert [bool(FORBIDDEN.search(line)) for line in caught] == [True] * len(caught)
    assert [bool(FORBIDDEN.search(line)) for line in missed] == [False] * len(missed)
