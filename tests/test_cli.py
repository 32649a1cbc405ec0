"""Every ``coparent`` command, end to end, through a subprocess: output, files, exit codes.

``test_every_command_is_tested_here`` fails when a command exists that this file does not run,
so a new command cannot land untested.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import coparent
import coparent.convert
from coparent.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
SRC = Path(coparent.__file__).resolve().parent.parent

#: The commands this file runs end to end (beyond ``--help``), as their argv prefixes.
TESTED = {
    ("demo",),
    ("validate",),
    ("schema", "export"),
    ("diff",),
    ("merge",),
    ("resolve",),
    ("merge-export",),
    ("calendar",),
    ("render",),
    ("check",),
}


def run(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m coparent ARGV``, as a user would run it; captures text output."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, "-m", "coparent", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def _commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every leaf command of ``parser`` (``("schema", "export")`` and so on)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))
            return
    yield prefix


ALL_COMMANDS = sorted(_commands(_parser()))


def test_every_command_is_tested_here() -> None:
    assert set(ALL_COMMANDS) == TESTED


@pytest.mark.parametrize("command", [(), *ALL_COMMANDS], ids=lambda c: " ".join(c) or "coparent")
def test_help_on_every_command(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: coparent")
    assert result.stderr == ""
    # A description of what the command does, beyond the usage line.
    assert len(result.stdout.splitlines()) > 3


@pytest.mark.parametrize("command", [(), *ALL_COMMANDS], ids=lambda c: " ".join(c) or "coparent")
def test_help_states_the_exit_codes(command: tuple[str, ...]) -> None:
    out = run(*command, "--help").stdout
    assert "exit codes:\n  0  success\n" in out
    assert "\n  2  bad usage" in out


def test_demo_writes_documents_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "demo out"
    result = run("demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out.resolve()) in result.stdout
    written = [line.strip() for line in result.stdout.splitlines()[1:]]
    assert written
    for name in written:
        assert (out / name).is_file()
    for kind, cls in coparent.convert.DOCUMENT_TYPES.items():
        assert coparent.load(out / f"{kind}.json") == cls.example()
        page = (out / "html" / f"{kind}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")


def test_demo_into_a_file_instead_of_a_folder_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("demo", "--out", str(blocker))
    assert result.returncode == 1
    assert result.stderr.startswith("coparent: ")
    assert "Traceback" not in result.stderr


def test_validate_valid_documents() -> None:
    files = sorted(EXAMPLES.glob("*.json"))
    result = run("validate", *map(str, files))
    assert result.returncode == 0, result.stderr
    kinds = {json.loads(f.read_text(encoding="utf-8"))["kind"] for f in files}
    for kind in kinds:
        assert f": valid {kind}" in result.stdout
    assert result.stderr == ""


def test_validate_invalid_document_lists_every_problem_on_stderr(tmp_path: Path) -> None:
    data = coparent.to_dict(coparent.ParentingPlan.example())
    data["children"][0]["date_of_birth"] = "2024-02-30"
    data["colour"] = "blue"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    good = EXAMPLES / "referral.json"
    result = run("validate", str(bad), str(good))
    assert result.returncode == 1
    assert f"{bad}: invalid" in result.stderr
    assert "/children/0/date_of_birth" in result.stderr
    assert "/colour" in result.stderr
    assert f"{good}: valid referral" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run("validate", str(missing))
    assert result.returncode == 1
    assert f"{missing}: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_not_json(tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    result = run("validate", str(junk))
    assert result.returncode == 1
    assert f"{junk}: invalid" in result.stderr


def test_validate_without_files_is_a_usage_error() -> None:
    result = run("validate")
    assert result.returncode == 2
    assert "usage: coparent validate" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path: Path) -> None:
    files = [str(EXAMPLES / "parenting_plan.json")] * 3
    quiet = run("validate", *files)
    assert quiet.returncode == 0
    assert quiet.stderr == ""  # stderr is a pipe here: no bar
    shown = run("validate", "--progress", *files)
    assert shown.returncode == 0
    assert "validate [" in shown.stderr
    assert shown.stderr.rstrip().endswith("3/3")
    # The bar never shows what is in a document or the file names.
    assert "parenting_plan" not in shown.stderr
    assert shown.stdout == quiet.stdout


def test_schema_export_writes_the_committed_schemas(tmp_path: Path) -> None:
    result = run("schema", "export", str(tmp_path / "schemas"))
    assert result.returncode == 0, result.stderr
    written = sorted(Path(line) for line in result.stdout.splitlines())
    kinds = coparent.convert.DOCUMENT_TYPES
    suffixes = ("schema", "uischema", "jsonforms")
    expected = [f"{k}.{suffix}.json" for k in kinds for suffix in suffixes]
    assert [p.name for p in written] == sorted(expected)
    for path in written:
        assert path.read_text(encoding="utf-8") == (ROOT / "schemas" / path.name).read_text(
            encoding="utf-8"
        )


def test_validate_many_files_in_parallel_keeps_their_order(tmp_path: Path) -> None:
    names = []
    for n in range(12):
        source = EXAMPLES / ("referral.json" if n % 3 else "review.json")
        target = tmp_path / f"doc{n:02}.json"
        target.write_bytes(source.read_bytes())
        names.append(str(target))
    (tmp_path / "doc05.json").write_text("[]", encoding="utf-8")
    parallel = run("validate", "--jobs", "2", "--progress", *names)
    serial = run("validate", "--jobs", "1", *names)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert [line.split(":")[0] for line in parallel.stdout.splitlines()] == [
        n for n in names if not n.endswith("doc05.json")
    ]
    assert f"{tmp_path / 'doc05.json'}: invalid" in parallel.stderr
    assert parallel.stderr.rstrip().endswith("12/12")


def test_validate_jobs() -> None:
    every_core = run("validate", "--jobs", "0", str(EXAMPLES / "review.json"))
    assert every_core.returncode == 0, every_core.stderr
    for bad in ("-1", "two"):
        result = run("validate", "--jobs", bad, str(EXAMPLES / "review.json"))
        assert result.returncode == 2
        assert "0 for every core" in result.stderr


def _plan_versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The example plan (base) and two parents' edits of the same answer, saved."""
    import attrs

    base = coparent.ParentingPlan.example()

    def edit(text: str) -> coparent.ParentingPlan:
        return attrs.evolve(base, communication=attrs.evolve(base.communication, frequency=text))

    paths = (tmp_path / "base.json", tmp_path / "ours.json", tmp_path / "theirs.json")
    for path, doc in zip(
        paths, (base, edit("A call every Sunday"), edit("A text every evening")), strict=True
    ):
        coparent.dump(doc, path)
    return paths


def test_diff_two_versions(tmp_path: Path) -> None:
    _, ours, theirs = _plan_versions(tmp_path)
    result = run("diff", str(ours), str(theirs))
    assert result.returncode == 0, result.stderr
    assert "A call every Sunday" in result.stdout
    assert "A text every evening" in result.stdout
    html = run("diff", str(ours), str(theirs), "--format", "html", "-o", str(tmp_path / "d.html"))
    assert html.returncode == 0
    assert "<" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_merge_with_a_conflict_then_resolve_it(tmp_path: Path) -> None:
    base, ours, theirs = _plan_versions(tmp_path)
    out = tmp_path / "merged.json"
    merged = run("merge", "--base", str(base), str(ours), str(theirs), "-o", str(out))
    assert merged.returncode == 1
    assert "/communication/frequency" in merged.stdout
    saved = tmp_path / "merged.conflicts.json"
    assert saved.is_file()
    resolved = run(
        "resolve",
        str(saved),
        "/communication/frequency",
        "--take",
        "theirs",
        "--by",
        "Gwen",
        "-o",
        str(out),
    )
    assert resolved.returncode == 0, resolved.stderr
    plan = coparent.load(out)
    assert isinstance(plan, coparent.ParentingPlan)
    assert plan.communication.frequency == "A text every evening"


def test_merge_without_conflicts(tmp_path: Path) -> None:
    base, ours, _ = _plan_versions(tmp_path)
    out = tmp_path / "merged.json"
    result = run("merge", "--base", str(base), str(ours), str(base), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert coparent.load(out) == coparent.load(ours)


def test_calendar_with_ics(tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    result = run(
        "calendar",
        str(EXAMPLES / "parenting_plan.json"),
        "--from",
        "2026-11-02",
        "--to",
        "2026-12-01",
        "--ics",
        str(ics),
    )
    assert result.returncode in (0, 1), result.stderr
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    bad = run(
        "calendar",
        str(EXAMPLES / "parenting_plan.json"),
        "--from",
        "2026-11-31",
        "--to",
        "2026-12-01",
    )
    assert bad.returncode == 2


def test_render_a_pdf_for_one_reader(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    result = run(
        "render", str(EXAMPLES / "parenting_plan.json"), "-o", str(out), "--audience", "parent_b"
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    # The first parent's address is confidential: the second parent's copy leaves it out,
    # the facilitator's copy has it.
    assert "Heol y Felin" not in text
    staff = tmp_path / "staff.pdf"
    shown = run(
        "render",
        str(EXAMPLES / "parenting_plan.json"),
        "-o",
        str(staff),
        "--audience",
        "facilitator",
    )
    assert shown.returncode == 0, shown.stderr
    assert "Heol y Felin" in "".join(page.extract_text() for page in PdfReader(staff).pages)


def test_render_usage_and_missing_file(tmp_path: Path) -> None:
    no_audience = run("render", str(EXAMPLES / "review.json"), "-o", str(tmp_path / "r.pdf"))
    assert no_audience.returncode == 2
    missing = run(
        "render", str(tmp_path / "nope.json"), "-o", str(tmp_path / "r.pdf"), "--audience", "court"
    )
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_render_many_files_into_a_folder(tmp_path: Path) -> None:
    files = [str(EXAMPLES / f"{kind}.json") for kind in coparent.convert.DOCUMENT_TYPES]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    out = tmp_path / "pdfs"
    result = run("render", *files, str(bad), "-o", str(out), "--audience", "court", "--jobs", "2")
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == sorted(f"{kind}-court.pdf" for kind in coparent.convert.DOCUMENT_TYPES)
    into_a_file = run("render", *files, "-o", str(tmp_path / "one.pdf"), "--audience", "court")
    assert into_a_file.returncode == 2


def test_check_finds_nothing_in_the_examples_and_reads_any_kind(tmp_path: Path) -> None:
    import coparent

    plan, referral = tmp_path / "plan.json", tmp_path / "referral.json"
    coparent.dump(coparent.ParentingPlan.example(), plan)
    coparent.dump(coparent.Referral.example(), referral)
    result = run("check", str(plan), str(referral), "--referral", str(referral))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{plan}: 0 findings", f"{referral}: 0 findings"]
    missing = run("check", str(tmp_path / "nope.json"))
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr
