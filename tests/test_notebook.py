"""docs/quickstart.ipynb runs from top to bottom without an error, and shows documents as HTML."""

from __future__ import annotations

import html as html_module
import json
import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import coparent
import coparent.model
from coparent.model.introspect import spec_of

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "quickstart.ipynb"
SRC = Path(coparent.__file__).resolve().parent.parent


def test_the_committed_notebook_has_no_outputs() -> None:
    # Outputs would go stale and could carry someone's data into the repository.
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None


def test_the_quickstart_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    # Local sockets (ipc) rather than TCP where the system has them.
    km = KernelManager(kernel_name="python3", transport="ipc" if os.name == "posix" else "tcp")
    if os.name == "posix":
        km.ip = str(tmp_path / "kernel")
    client = NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(tmp_path)}})
    # Raises CellExecutionError, naming the cell, on any error. cleanup_kc: shut the kernel down
    # and close its sockets even though the test made the kernel manager (else they linger and
    # a ResourceWarning fails whichever test is running when they are collected).
    client.execute(cleanup_kc=True)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    # The plan and the schedule section showed themselves as HTML tables.
    assert any("<h2>Parenting plan: Parenting plan for Mia and Leo</h2>" in h for h in html)
    schedule = spec_of(coparent.model.WeeklySchedule).title
    assert any(f"<h2>{html_module.escape(schedule)}</h2>" in h for h in html)
    # A document in a notebook shows what every reader may see, and says how to see more.
    assert any("coparent.Audience.facilitator()" in h for h in html)
    # The diff of the two versions, and the calendar as month grids.
    assert any("A call every Sunday" in h and "A text every evening" in h for h in html)
    assert any('class="coparent-calendar"' in h for h in html)
    assert (tmp_path / "quickstart-out" / "plan.json").is_file()
    # The facilitator sees the confidential phone number, the other parent does not.
    # One string per cell: under load a kernel may send one cell's output in several pieces.
    printed = [
        "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
        for cell in nb.cells
        if cell.cell_type == "code"
    ]
    assert "True\nFalse\n" in printed
    assert (tmp_path / "quickstart-out" / "plan-for-alex.pdf").read_bytes().startswith(b"%PDF-")
