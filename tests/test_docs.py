"""The documentation stays true: its Python examples run, and the model reference is current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

import coparent
import coparent.model
from coparent._model_reference import model_reference
from coparent.model._base import field_info

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: A ```python block runs unless the line before its fence is this comment (with a reason).
SKIP = re.compile(r"<!-- not run: .+ -->\s*$")
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ``python`` code blocks of a Markdown page with their line numbers, minus skipped ones."""
    blocks = []
    for match in BLOCK.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if not SKIP.search(before):
            blocks.append((text.count("\n", 0, match.start()) + 1, match.group(1)))
    return blocks


#: Every page with Python examples (the generated reference has none), and the README.
PAGES = sorted(
    p
    for p in [ROOT / "README.md", *DOCS.rglob("*.md")]
    if python_blocks(p.read_text(encoding="utf-8"))
)


def test_the_model_reference_is_up_to_date() -> None:
    committed = (DOCS / "reference" / "model.md").read_text(encoding="utf-8")
    assert committed == model_reference(), (
        "regenerate it: python -m coparent._model_reference docs/reference/model.md"
    )


def test_the_model_reference_lists_every_field_with_its_title() -> None:
    text = model_reference()
    for cls in (coparent.ParentingPlan, coparent.model.Holiday, coparent.model.RiskInformation):
        section = text.split(f"## {cls.__name__}\n", 1)[1].split("\n## ", 1)[0]
        for a in attrs.fields(cls):
            assert f"| `{a.name}`" in section
            assert f"| {field_info(a).title} |" in section
    assert "| `half_term` | Half term |" in text


def test_block_finder_sees_blocks_and_skips() -> None:
    page = "```python\nx = 1\n```\n\n<!-- not run: needs a network -->\n```python\ny\n```\n"
    assert python_blocks(page) == [(1, "x = 1\n")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_in_the_docs_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Blocks of a page share one namespace, as a reader running them in order would.
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for line, code in python_blocks(page.read_text(encoding="utf-8")):
        try:
            exec(compile(code, f"{page.name}:{line}", "exec"), namespace)
        except Exception as e:
            pytest.fail(f"{page.relative_to(ROOT)}, block at line {line}: {e!r}")
    capsys.readouterr()


def test_the_docs_have_examples() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"README.md", "docs/index.md", "docs/tour/documents.md", "docs/privacy.md"} <= names


def test_the_api_reference_covers_every_public_module() -> None:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: (\S+)$", page, re.MULTILINE))
    public = set(coparent._LAZY.values()) - {"coparent.model"}
    assert public <= documented
    model = ("plan", "schedule", "people", "referral", "review")
    assert {f"coparent.model.{m}" for m in model} <= documented


def _hooks() -> Any:
    spec = importlib.util.spec_from_file_location("docs_hooks", ROOT / "tools" / "docs_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nav_lists_only_pages_that_exist(tmp_path: Path) -> None:
    (tmp_path / "here.md").write_text("# Here\n", encoding="utf-8")
    nav = [{"Home": "here.md"}, {"Tour": [{"Gone": "gone.md"}, "here.md"]}, {"Empty": ["gone.md"]}]
    config = _hooks().on_config({"nav": nav, "docs_dir": str(tmp_path)})
    assert config["nav"] == [{"Home": "here.md"}, {"Tour": ["here.md"]}]


def test_snapshots_are_listed_with_readable_captions(tmp_path: Path) -> None:
    hooks = _hooks()
    (tmp_path / "snapshots").mkdir()
    (tmp_path / "snapshots" / "referral-parent_b-p3.png").write_bytes(b"png")
    page = hooks.on_page_markdown(
        f"# Snapshots\n\n{hooks.SNAPSHOT_MARKER}\n", None, {"docs_dir": str(tmp_path)}, None
    )
    assert "### Referral, for the second parent, page 3" in page
    assert "(snapshots/referral-parent_b-p3.png)" in page
