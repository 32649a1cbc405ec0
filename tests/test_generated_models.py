"""A pydantic model generated from each schema by datamodel-code-generator (a tool nobody here
wrote) reads every example, and what it writes back loads in coparent as the same document.

pydantic writes UTC as ``Z``; coparent reads it (and writes ``+00:00``)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import coparent
import coparent.convert

ROOT = Path(__file__).resolve().parent.parent
DOCS = list(coparent.convert.DOCUMENT_TYPES.values())


def _generate(cls: type[Any], folder: Path) -> tuple[Any, str]:
    """A pydantic v2 model generated from the committed schema: its root class and source."""
    source = folder / f"{cls.KIND}_model.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(ROOT / "schemas" / f"{cls.KIND}.schema.json"),
            "--input-file-type",
            "jsonschema",
            "--output",
            str(source),
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--target-python-version",
            "3.11",
            "--class-name",
            "Document",
            "--disable-timestamp",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    spec = importlib.util.spec_from_file_location(f"generated_{cls.KIND}", source)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.Document, source.read_text("utf-8")


@pytest.mark.parametrize("cls", DOCS)
def test_a_generated_pydantic_model_round_trips_the_example(cls: type[Any], tmp_path: Path) -> None:
    model, source = _generate(cls, tmp_path)
    # No decoy classes that accept anything (from placeholder definitions).
    assert "RootModel[Any]" not in source
    example = json.loads((ROOT / "docs" / "examples" / f"{cls.KIND}.json").read_text("utf-8"))
    value = model.model_validate(example)
    written = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    # pydantic writes UTC as Z, which coparent reads as the same moment.
    assert written["updated_at"].endswith("Z")
    assert example["updated_at"].endswith("+00:00")
    assert coparent.from_dict(written, cls) == coparent.from_dict(example, cls)
    # And the model refuses what coparent refuses.
    with pytest.raises(ValueError, match="validation error"):
        model.model_validate({**example, "unknown_field": 1})
