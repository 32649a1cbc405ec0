"""``coparent render`` over many files: a folder of PDFs, errors per file, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import coparent
import coparent.convert
from pdftext import pdf_text


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coparent", *args], capture_output=True, text=True, check=False
    )


def test_render_many_files_into_a_folder(tmp_path: Path) -> None:
    files = [
        str(coparent.dump(cls.example(), tmp_path / f"{cls.KIND}.json"))
        for cls in coparent.convert.DOCUMENT_TYPES.values()
    ]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "review", "schema_version": 1}), encoding="utf-8")
    out = tmp_path / "pdfs"
    done = _run("render", *files, str(bad), "-o", str(out), "--audience", "parent_b", "--jobs", "2")
    assert done.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "parenting_plan-parent_b.pdf",
        "referral-parent_b.pdf",
        "review-parent_b.pdf",
    ]
    assert "bad.json: invalid" in done.stderr
    assert "/held_on: required field is missing" in done.stderr
    # The second parent's copy of the referral leaves the risk information out.
    referral_text = pdf_text((out / "referral-parent_b.pdf").read_bytes())
    risk = coparent.Referral.example().risk
    assert risk.substance_misuse
    assert risk.substance_misuse not in referral_text
    assert "not shown to either parent" in referral_text


def test_render_many_needs_a_folder(tmp_path: Path) -> None:
    files = [str(coparent.dump(coparent.Review.example(), tmp_path / f"{i}.json")) for i in "ab"]
    done = _run("render", *files, "-o", str(tmp_path / "x.pdf"), "--audience", "court")
    assert done.returncode == 2
    assert "need a folder" in done.stderr


def test_render_many_shows_progress_when_asked(tmp_path: Path) -> None:
    files = [str(coparent.dump(coparent.Review.example(), tmp_path / f"{i}.json")) for i in "ab"]
    done = _run("render", *files, "-o", str(tmp_path / "out"), "--audience", "court", "--progress")
    assert done.returncode == 0
    assert "render [" in done.stderr
    assert "2/2" in done.stderr
    assert "Gwen" not in done.stderr  # counts only, never contents
