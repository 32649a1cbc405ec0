"""The command line makes a parent's copy of every output (issue 12): diff, merge, resolve,
calendar and render take ``--audience``, and nothing withheld reaches a parent's copy."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import coparent
import typed_in
from coparent import ParentingPlan
from coparent.cli import main
from coparent.redaction import WITHHELD_MARK
from pdftext import pdf_text, squash

ADDRESS = "99 Hidden Lane"


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The issue's merge: she moves; the other version unticks her confidentiality."""
    base = ParentingPlan.example()
    person = base.parent_a
    address = attrs.evolve(person.contact.address, line1=ADDRESS)
    ours = attrs.evolve(
        base, parent_a=attrs.evolve(person, contact=attrs.evolve(person.contact, address=address))
    )
    theirs = attrs.evolve(base, parent_a=attrs.evolve(person, contact_details_confidential=False))
    paths = (tmp_path / "base.json", tmp_path / "ours.json", tmp_path / "theirs.json")
    for doc, path in zip((base, ours, theirs), paths, strict=True):
        coparent.dump(doc, path)
    return paths


def test_a_parents_diff_leaves_out_the_address_and_says_so(
    three: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, _ = three
    assert main(["diff", str(base), str(ours), "--audience", "parent_b"]) == 0
    out = capsys.readouterr().out
    assert ADDRESS not in out
    assert "No differences" not in out
    assert "withheld from this copy" in out
    assert main(["diff", str(base), str(ours)]) == 0
    assert ADDRESS in capsys.readouterr().out


def test_merge_keeps_the_mark_and_only_staff_may_lower_it(
    three: tuple[Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = three
    out = tmp_path / "merged.json"
    code = main(["merge", "--base", str(base), str(ours), str(theirs), "-o", str(out)])
    assert code == 1
    text = capsys.readouterr().out
    assert "Merged cleanly" not in text
    assert "/parent_a/contact_details_confidential" in text
    merged = coparent.load(out, ParentingPlan)
    assert merged.parent_a.contact_details_confidential
    saved = tmp_path / "merged.conflicts.json"
    # the agreement report from the saved merge, for the other parent
    pdf = tmp_path / "report.pdf"
    assert main(["render", str(saved), "-o", str(pdf), "--audience", "parent_b"]) == 0
    assert squash(ADDRESS) not in squash(pdf_text(pdf.read_bytes()))
    assert main(["render", str(saved), "-o", str(pdf), "--audience", "facilitator"]) == 0
    capsys.readouterr()
    path = "/parent_a/contact_details_confidential"
    assert main(["resolve", str(saved), path, "--take", "theirs", "--by", "Tom"]) == 1
    assert "only the centre's staff" in capsys.readouterr().err
    args = ["resolve", str(saved), path, "--take", "theirs", "--by", "Gwen"]
    assert main([*args, "--audience", "facilitator", "-o", str(out)]) == 0
    assert not coparent.load(out, ParentingPlan).parent_a.contact_details_confidential


def test_a_parents_calendar_and_ics_leave_out_the_handover_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = ParentingPlan.example()
    places = [h.place_details for h in plan.living_arrangements.handovers]
    path = tmp_path / "plan.json"
    coparent.dump(plan, path)
    ics = tmp_path / "tom.ics"
    window = ["--from", "2026-12-01", "--to", "2027-01-31"]
    main(["calendar", str(path), *window, "--ics", str(ics), "--audience", "parent_b"])
    shown = capsys.readouterr().out + ics.read_text(encoding="utf-8")
    assert not any(p in shown for p in places)
    main(["calendar", str(path), *window, "--ics", str(ics)])
    shown = capsys.readouterr().out + ics.read_text(encoding="utf-8")
    assert any(p in shown for p in places)


def test_a_parents_diff_merge_and_report_scrub_withheld_values_typed_into_free_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12: the new versions type the mother's details and the school into a handover's
    conditions and a holiday's name; the other parent's copy shows none of them."""
    plan = ParentingPlan.example()
    secrets = [squash(s) for s in typed_in.secrets(plan)]
    paths = [tmp_path / f"{n}.json" for n in ("base", "ours", "theirs")]
    for doc, path in zip(
        (plan, typed_in.typing_them(plan), typed_in.typing_them_elsewhere(plan)), paths, strict=True
    ):
        coparent.dump(doc, path)
    base, ours, theirs = (str(p) for p in paths)
    parent = typed_in.OTHER_PARENT.value

    def shown(argv: list[str]) -> str:
        main(argv)
        return squash(capsys.readouterr().out)

    for form in ("text", "html", "json", "patch"):
        out = shown(["diff", base, ours, "--format", form, "--audience", parent])
        assert not [s for s in secrets if s in out], form
        assert squash(WITHHELD_MARK) in out, form
        staff = shown(["diff", base, ours, "--format", form, "--audience", "facilitator"])
        assert all(s in staff for s in secrets), form
    merged = str(tmp_path / "merged.json")
    printed = shown(["merge", "--base", base, ours, theirs, "-o", merged, "--audience", parent])
    assert not [s for s in secrets if s in printed]
    saved = tmp_path / "merged.conflicts.json"
    conflict = coparent.MergeResult.from_json(saved.read_bytes()).conflicts[0].path
    pdf = tmp_path / "report.pdf"
    for step in ("open", "resolved"):
        assert main(["render", str(saved), "-o", str(pdf), "--audience", parent]) == 0
        text = squash(pdf_text(pdf.read_bytes()))
        assert not [s for s in secrets if s in text], step
        assert squash(WITHHELD_MARK) in text, step
        assert main(["render", str(saved), "-o", str(pdf), "--audience", "facilitator"]) == 0
        assert all(s in squash(pdf_text(pdf.read_bytes())) for s in secrets), step
        resolve = ["resolve", str(saved), conflict, "--take", "ours", "--by", "Gwen"]
        main([*resolve, "--audience", "facilitator"])
    capsys.readouterr()
