"""Issue 19: no wrong family's file, no input that costs minutes, no stranded merge, no traceback.

Each test here fails without its fix. File I/O (special files, bounded reads, temp files) is in
test_files.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import coparent
import coparent.render._layout as layout
from coparent import Audience, ParentingPlan, ValidationError
from coparent.cli import main
from coparent.convert import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    TIME_PATTERN,
    UUID_PATTERN,
    parse_json,
)
from coparent.differences import ListOrder, _list_ops
from coparent.errors import MAX_PROBLEMS, RenderError
from coparent.merging import MergeResult
from coparent.model._base import EMAIL_PATTERN, ITEM_ID_PATTERN
from coparent.scheduling import calendar, month_grid

SRC = str(Path(coparent.__file__).resolve().parent.parent)


def _plan_dict() -> dict[str, Any]:
    return coparent.to_dict(ParentingPlan.example())


# --- batch render: no overwriting --------------------------------------------------------------


def test_render_refuses_inputs_that_would_write_the_same_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for family in ("famA", "famB"):
        (tmp_path / family).mkdir()
        coparent.dump(ParentingPlan.example(), tmp_path / family / "plan.json")
    out = tmp_path / "out"
    a, b = str(tmp_path / "famA" / "plan.json"), str(tmp_path / "famB" / "plan.json")
    assert main(["render", a, b, "-o", str(out), "--audience", "parent_b", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{a} and {b} would each write plan-parent_b.pdf" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_render_many_says_which_input_made_which_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = coparent.dump(ParentingPlan.example(), tmp_path / "smith.json")
    b = coparent.dump(ParentingPlan.example(), tmp_path / "jones.json")
    out = tmp_path / "out"
    assert (
        main(["render", str(a), str(b), "-o", str(out), "--audience", "court", "--jobs", "1"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert f"{a}: wrote smith-court.pdf" in lines
    assert f"{b}: wrote jones-court.pdf" in lines


# --- bounded problems ---------------------------------------------------------------------------


def test_many_bad_items_stop_at_max_problems() -> None:
    import tracemalloc

    data = _plan_dict()
    data["living_arrangements"]["schedule"]["slots"] = [1] * 100_000
    text = json.dumps(data)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as caught:
            coparent.from_json(text, ParentingPlan)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    e = caught.value
    assert len(e.errors) == MAX_PROBLEMS == 100
    assert e.more == 100_000 - MAX_PROBLEMS
    assert str(e).startswith("100,000 problems in a parenting_plan:")
    assert str(e).endswith("... and 99,900 more problems")
    # Paths are built for the first 100 problems only: about 4 MB (mostly the parsed list),
    # where building all of them took about 40 MB (743 MB for a 6 MB document).
    assert peak < 15_000_000, f"{peak / 1e6:.0f} MB"


def test_validation_error_keeps_at_most_max_problems() -> None:
    errors = (coparent.ErrorDetail(path=f"/{i}", message="bad") for i in range(250))
    e = ValidationError(errors, what="x", more=5)
    assert len(e.errors) == MAX_PROBLEMS
    assert e.more == 155
    import pickle

    again = pickle.loads(pickle.dumps(e))
    assert (again.errors, again.more, str(again)) == (e.errors, e.more, str(e))


def test_validate_lists_the_first_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _plan_dict()
    data["children"] = [1] * 1000
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "invalid: 1,000 problems, the first 100 listed" in err
    assert err.count("expected an object") == 100


# --- render_pdf: bounded ----------------------------------------------------------------------


def test_render_pdf_stops_at_max_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "MAX_PAGES", 3)
    with pytest.raises(RenderError, match="more than 3 pages"):
        coparent.render_pdf(ParentingPlan.example(), audience=Audience.parse("court"))
    assert layout.MAX_PAGES == 3


def test_the_page_limit_is_far_above_real_documents() -> None:
    assert layout.MAX_PAGES == 1000
    data = coparent.render_pdf(ParentingPlan.example(), audience=Audience.parse("court"))
    assert data.startswith(b"%PDF")


# --- JSON Patch: no longer quadratic ------------------------------------------------------------


def _apply(before: list[str], ops: list[dict[str, Any]]) -> list[str]:
    cur = list(before)
    for op in ops:
        if op["op"] == "remove":
            cur.pop(int(op["path"].rsplit("/", 1)[1]))
        elif op["op"] == "move":
            item = cur.pop(int(op["from"].rsplit("/", 1)[1]))
            cur.insert(int(op["path"].rsplit("/", 1)[1]), item)
        else:
            cur.insert(int(op["path"].rsplit("/", 1)[1]), op["value"])
    return cur


def _order(before: list[str], after: list[str]) -> ListOrder:
    return ListOrder(
        path="/x", keys=("x",), pointer_b="/x", by_id=True, before=tuple(before), after=tuple(after)
    )


@pytest.mark.parametrize("seed", range(40))
def test_list_ops_turn_the_first_order_into_the_second(seed: int) -> None:
    rng = random.Random(seed)
    ids = [f"i{n}" for n in range(rng.randrange(0, 30))]
    before = rng.sample(ids, rng.randrange(0, len(ids) + 1))
    after = rng.sample(ids, rng.randrange(0, len(ids) + 1))
    added = {i: i for i in after if i not in before}
    ops = _list_ops(_order(before, after), added)
    assert _apply(before, ops) == after
    moves = [op for op in ops if op["op"] == "move"]
    assert len(moves) < max(1, len(set(before) & set(after)))


def test_list_ops_are_those_of_the_former_algorithm() -> None:
    # Written out from the former (quadratic) version: the ops themselves are unchanged.
    order = _order(["a", "b", "c", "d", "e"], ["d", "a", "x", "c", "b"])
    assert _list_ops(order, {"x": "X"}) == [
        {"op": "remove", "path": "/x/4"},
        {"op": "move", "from": "/x/3", "path": "/x/0"},
        {"op": "add", "path": "/x/2", "value": "X"},
        {"op": "move", "from": "/x/4", "path": "/x/3"},
    ]


def test_json_patch_of_32000_reordered_items_is_fast() -> None:
    ids = [f"i{n}" for n in range(32_000)]
    order = _order(ids, ids[::-1])
    start = time.perf_counter()
    ops = _list_ops(order, {})
    elapsed = time.perf_counter() - start
    assert len(ops) == 31_999
    assert _apply(ids[:50], _list_ops(_order(ids[:50], ids[:50][::-1]), {})) == ids[:50][::-1]
    assert elapsed < 2, f"{elapsed:.1f} s (the quadratic version took about 10 s)"


# --- merge and resolve write in a safe order (the plans fixture is in conftest.py) -----------


def _merge_argv(plans: Path, *extra: str) -> list[str]:
    return [
        "merge", "--base", str(plans / "agreed.json"), str(plans / "sian.json"),
        str(plans / "tom.json"), "-o", str(plans / "plan.json"), *extra,
    ]  # fmt: skip


def test_merge_writes_no_out_if_the_conflicts_cannot_be_saved(plans: Path) -> None:
    (plans / "blocked").mkdir()
    assert main(_merge_argv(plans, "--conflicts", str(plans / "blocked"))) == 1
    assert not (plans / "plan.json").exists(), "a merged file without its conflicts file"


def test_resolve_out_is_written_before_the_resolution_is_recorded(plans: Path) -> None:
    assert main(_merge_argv(plans)) == 1
    saved = plans / "plan.conflicts.json"
    paths = [c.path for c in MergeResult.from_json(saved.read_bytes()).conflicts]
    for path in paths[:-1]:
        assert main(["resolve", str(saved), path, "--take", "ours", "--by", "Gwen"]) == 1
    before = saved.read_bytes()
    (plans / "blocked").mkdir()
    argv = ["resolve", str(saved), paths[-1], "--take", "ours", "--by", "Gwen"]
    assert main([*argv, "-o", str(plans / "blocked")]) == 1
    assert saved.read_bytes() == before, "the resolution was recorded though -o failed"
    assert main([*argv, "-o", str(plans / "final.json")]) == 0
    assert (
        coparent.load(plans / "final.json")
        == MergeResult.from_json(saved.read_bytes()).final_document()
    )


def test_merge_export_writes_the_final_document(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_merge_argv(plans)) == 1
    saved = plans / "plan.conflicts.json"
    out = plans / "final.json"
    assert main(["merge-export", str(saved), "-o", str(out)]) == 1
    assert "still open" in capsys.readouterr().err
    assert not out.exists()
    for c in MergeResult.from_json(saved.read_bytes()).conflicts:
        assert main(["resolve", str(saved), c.path, "--take", "theirs", "--by", "Gwen"]) in (0, 1)
    assert main(["merge-export", str(saved), "-o", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert coparent.load(out) == MergeResult.from_json(saved.read_bytes()).final_document()


# --- Python and JavaScript agree on patterns --------------------------------------------------

PATTERNS = {
    "item id": (ITEM_ID_PATTERN, "mia"),
    "email": (EMAIL_PATTERN, "sam@example.org"),
    "date": (DATE_PATTERN, "2026-01-31"),
    "time": (TIME_PATTERN, "18:00:00"),
    "date-time": (DATETIME_PATTERN, "2026-01-31T18:00:00+00:00"),
    "uuid": (UUID_PATTERN, "6f1c2a4e-7b3d-4c5e-9f10-2a3b4c5d6e7f"),
}
ENDINGS = ("\n", "\r\n", "\n\n", "\r")


@pytest.mark.parametrize("name", PATTERNS)
def test_no_pattern_takes_a_trailing_newline_in_python(name: str) -> None:
    pattern, good = PATTERNS[name]
    assert re.search(pattern, good)
    for end in ENDINGS:
        assert not re.search(pattern, good + end), repr(good + end)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_no_pattern_takes_a_trailing_newline_in_javascript() -> None:
    cases = [(p, good + end) for p, good in PATTERNS.values() for end in ("", *ENDINGS)]
    script = (
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(([p, s]) => new RegExp(p, 'u').test(s))));"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    verdicts = json.loads(done.stdout)
    assert verdicts == [bool(re.search(p, s)) for p, s in cases]


def test_ids_and_emails_ending_in_a_newline_are_refused() -> None:
    data = _plan_dict()
    data["children"][0]["id"] += "\n"
    data["parent_a"]["contact"]["email"] += "\n"
    with pytest.raises(ValidationError) as caught:
        coparent.from_dict(data, ParentingPlan)
    paths = {e.path for e in caught.value.errors}
    assert paths == {"/children/0/id", "/parent_a/contact/email"}
    import jsonschema

    schema = coparent.json_schema(ParentingPlan)
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


# --- no non-finite numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("number", ["1e400", "-1e400", "1.5e309"])
def test_a_number_too_large_for_a_float_is_refused(number: str) -> None:
    with pytest.raises(ValidationError, match="not a number JSON allows"):
        parse_json(f'{{"a": {number}}}')


def test_a_saved_merge_with_1e400_is_refused(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_merge_argv(plans)) == 1
    saved = plans / "plan.conflicts.json"
    conflict = MergeResult.from_json(saved.read_bytes()).conflicts[0]
    assert main(["resolve", str(saved), conflict.path, "--value", "1e400", "--by", "Gwen"]) == 1
    assert "not a number JSON allows" in capsys.readouterr().err
    text = saved.read_text(encoding="utf-8")
    assert "Infinity" not in text
    data = json.loads(text)
    data["resolutions"] = [{"value": 1}]
    tampered = json.dumps(data).replace('"value": 1', '"value": 1e400')
    with pytest.raises(ValidationError, match="not a number JSON allows"):
        MergeResult.from_json(tampered)


# --- no tracebacks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"), [("0001-01-01", "0001-02-01"), ("9999-12-01", "9999-12-31")]
)
def test_calendar_at_the_ends_of_time(
    tmp_path: Path, start: str, end: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = coparent.dump(ParentingPlan.example(), tmp_path / "plan.json")
    assert main(["calendar", str(plan), "--from", start, "--to", end]) == 1
    err = capsys.readouterr().err
    assert "must be from 0001-02-01 to 9999-11-30" in err


def test_calendar_just_inside_the_ends_of_time() -> None:
    from coparent.render.ics import to_ics

    plan = ParentingPlan.example()
    for start, end in ((date(1, 2, 1), date(1, 3, 1)), (date(9999, 10, 1), date(9999, 11, 30))):
        for zone in ("Europe/London", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
            cal = calendar(plan, start, end, timezone=zone)
            assert to_ics(cal).startswith(b"BEGIN:VCALENDAR")
            cal._repr_html_()


@pytest.mark.parametrize(
    ("year", "month", "path"),
    [(2026, 13, "/month"), (2026, 0, "/month"), (9999, 12, "/year"), (1, 1, "/year")],
)
def test_month_grid_of_a_month_that_does_not_exist(year: int, month: int, path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        month_grid(ParentingPlan.example(), year, month)
    assert [e.path for e in caught.value.errors] == [path]


@pytest.mark.parametrize("updated_at", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-00:01"])
def test_updated_at_whose_offset_leaves_the_calendar_is_refused(updated_at: str) -> None:
    data = _plan_dict()
    data["updated_at"] = updated_at
    with pytest.raises(ValidationError, match="/updated_at: must be a moment from 0001-01-01"):
        coparent.from_dict(data, ParentingPlan)


@pytest.mark.parametrize("zone", ["Europe", "Etc", "America/Argentina"])
def test_a_time_zone_folder_is_not_a_time_zone(
    tmp_path: Path, zone: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = coparent.dump(ParentingPlan.example(), tmp_path / "plan.json")
    argv = ["calendar", str(plan), "--from", "2026-01-01", "--to", "2026-01-08", "--timezone", zone]
    assert main(argv) == 1
    assert f"{zone!r} is not a time zone name" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="bytes file names are POSIX")
def test_a_file_name_that_is_not_utf8_on_an_ascii_terminal(tmp_path: Path) -> None:
    name = os.fsdecode(b"pl\xffn.json")
    coparent.dump(ParentingPlan.example(), tmp_path / name)
    coparent.dump(ParentingPlan.example(), tmp_path / "plän.json")
    env = {
        **os.environ,
        "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "PYTHONIOENCODING": "ascii",
        "LANG": "C",
        "LC_ALL": "C",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coparent",
            "validate",
            os.fsencode(name),
            "plän.json",
            "gone\udcff",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    assert b"pl\\udcffn.json: valid parenting_plan" in done.stdout
    assert b"pl\\xe4n.json: valid parenting_plan" in done.stdout
