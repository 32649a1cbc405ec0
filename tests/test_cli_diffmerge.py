"""``coparent diff``, ``merge`` and ``resolve`` end to end, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import coparent
from coparent import MergeResult
from coparent._demo_data import parent_a_version, parent_b_version

SRC = str(Path(coparent.__file__).resolve().parent.parent)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(
        [sys.executable, "-m", "coparent", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_diff_prints_the_differences_by_section(plans: Path) -> None:
    done = run("diff", "sian.json", "tom.json", "--a-label", "Siân", "--b-label", "Tom", cwd=plans)
    assert done.returncode == 0, done.stderr
    assert "18 differences in 5 of 20 sections." in done.stdout
    assert "Money: Differs (4 fields)" in done.stdout
    assert "      Tom: 18:00" in done.stdout


def test_diff_as_json_patch_and_html_files(plans: Path) -> None:
    done = run("diff", "sian.json", "tom.json", "--format", "patch", cwd=plans)
    assert done.returncode == 0, done.stderr
    ops = json.loads(done.stdout)
    expected = coparent.diff(parent_a_version(), parent_b_version()).to_json_patch()
    assert ops == expected
    done = run("diff", "sian.json", "tom.json", "--format", "html", "-o", "d.html", cwd=plans)
    assert done.returncode == 0, done.stderr
    assert (plans / "d.html").read_text(encoding="utf-8").startswith('<div class="coparent-diff">')
    assert done.stdout == ""


def test_merge_with_conflicts_writes_both_files_and_exits_1(plans: Path) -> None:
    done = run(
        "merge", "--base", "agreed.json", "sian.json", "tom.json", "-o", "merged.json", cwd=plans
    )
    assert done.returncode == 1, done.stderr
    assert "4 conflicts to resolve" in done.stdout
    assert "/living_arrangements/holidays/oct-half-term-2026" in done.stdout
    merged = coparent.load(plans / "merged.json")
    saved = MergeResult.from_json((plans / "merged.conflicts.json").read_bytes())
    assert saved.document == merged
    assert len(saved.conflicts) == 4
    assert "Tom pays £340" not in done.stdout  # document contents stay out of the output


def test_resolving_a_saved_merge_one_conflict_at_a_time(plans: Path) -> None:
    run("merge", "--base", "agreed.json", "sian.json", "tom.json", "-o", "m.json", cwd=plans)
    steps = [
        ("/updated_at", "--value", '"2026-11-14T11:05:00+00:00"'),
        ("/living_arrangements/schedule/slots/wednesday-tea/end_time", "--take", "theirs"),
        ("/living_arrangements/holidays/oct-half-term-2026", "--take", "ours"),
        ("/living_arrangements/holidays/christmas-2026/allocation", "--take", "base"),
    ]
    for n, (path, how, what) in enumerate(steps):
        done = run(
            "resolve",
            "m.conflicts.json",
            path,
            how,
            what,
            "--by",
            "Gwen",
            "-o",
            "m.json",
            cwd=plans,
        )
        assert done.returncode == (0 if n == len(steps) - 1 else 1), done.stderr
    assert "All conflicts resolved" in done.stdout
    final = coparent.load(plans / "m.json")
    assert final.updated_at is not None
    assert final.updated_at.isoformat() == "2026-11-14T11:05:00+00:00"
    coparent.validate(coparent.to_dict(final))
    saved = MergeResult.from_json((plans / "m.conflicts.json").read_bytes())
    assert [r.by for r in saved.resolutions] == ["Gwen"] * 4


def test_merge_of_identical_versions_is_clean(plans: Path) -> None:
    done = run("merge", "sian.json", "sian.json", "-o", "same.json", cwd=plans)
    assert done.returncode == 0, done.stderr
    assert "Merged cleanly" in done.stdout
    assert coparent.load(plans / "same.json") == parent_a_version()
    assert not (plans / "same.conflicts.json").exists()


def test_usage_errors_exit_2_and_bad_documents_exit_1(plans: Path) -> None:
    assert run("merge", "sian.json", "tom.json", cwd=plans).returncode == 2  # no -o
    assert run("diff", "sian.json", cwd=plans).returncode == 2
    (plans / "bad.json").write_text('{"kind": "parenting_plan"}', encoding="utf-8")
    done = run("diff", "sian.json", "bad.json", cwd=plans)
    assert done.returncode == 1
    assert "schema_version" in done.stderr
    coparent.dump(coparent.Review.example(), plans / "review.json")
    done = run("diff", "sian.json", "review.json", cwd=plans)
    assert done.returncode == 1
    assert "same kind" in done.stderr
    done = run("resolve", "sian.json", "/title", "--take", "ours", "--by", "Gwen", cwd=plans)
    assert done.returncode == 1
    assert "not a saved coparent merge" in done.stderr
