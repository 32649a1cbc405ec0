"""``--locale LANG`` on the command line (issue 17): render, diff, merge, resolve and calendar
write coparent's own words in the language asked for; the oracle is the Welsh ``.po`` file."""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
from coparent.cli import main
from coparent.i18n import LOCALE_DIR, PSEUDO_LOCALE
from coparent.model._examples import example_plan
from pdftext import pdf_text
from test_translations import _bare_words, _data_of, _po, _versions, _welsh_form

#: The languages with a compiled catalogue, read from the folder the wheel ships.
CATALOGUES = sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir())


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """The demo's three versions of the plan: the last agreed one, Siân's and Tom's."""
    for name, doc in zip(("agreed", "sian", "tom"), _versions(), strict=True):
        coparent.dump(doc, tmp_path / f"{name}.json")
    coparent.dump(example_plan(), tmp_path / "plan.json")
    return tmp_path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(args)
    return status, capsys.readouterr().out


def test_diff_in_welsh(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(plans / "sian.json"), str(plans / "tom.json")]
    status, out = _run(["diff", *files, "--locale", "cy"], capsys)
    assert status == 0
    # The default names of the two versions, and a section's status.
    assert _po("First version") in out
    assert _po("Second version") in out
    assert _po("Agreed") in out
    assert "First version" not in out
    assert "Agreed" not in out
    # Without --locale, today's English.
    assert "First version" in _run(["diff", *files], capsys)[1]
    html = _run(["diff", *files, "--format", "html", "--locale", "cy"], capsys)[1]
    assert _po("Second version") in html
    assert "Second version" not in html


def test_the_pseudo_locale_leaves_no_english_word_in_a_diff(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(plans / "sian.json"), str(plans / "tom.json")]
    labels = ["--a-label", "Siân", "--b-label", "Tom"]
    status, out = _run(["diff", *files, *labels, "--locale", PSEUDO_LOCALE], capsys)
    assert status == 0
    assert out.strip()
    assert not _bare_words(out, _data_of(*_versions())), out[:400]


def test_merge_and_resolve_in_welsh(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = plans / "merged.json"
    merge = ["merge", "--base", str(plans / "agreed.json"), str(plans / "sian.json")]
    status, out = _run(
        [*merge, str(plans / "tom.json"), "-o", str(out_file), "--locale", "cy"], capsys
    )
    assert status == 1
    saved = coparent.MergeResult.from_json((plans / "merged.conflicts.json").read_bytes())
    n = len(saved.conflicts)
    head = _welsh_form(
        "{count} conflict to resolve; wrote {out} and {saved}:",
        "{count} conflicts to resolve; wrote {out} and {saved}:",
        n,
    )
    assert out.splitlines()[0].startswith(head.split("{out}")[0].format(count=n))
    for c in saved.conflicts:
        assert f"  {c.path}  ({_po(c.kind.label).lower()})" in out
    assert "to resolve" not in out

    path = saved.conflicts[0].path
    resolve = ["resolve", str(plans / "merged.conflicts.json"), path, "--take", "ours"]
    status, out = _run(
        [*resolve, "--by", "Gwen", "--audience", "facilitator", "--locale", "cy"], capsys
    )
    assert status == 1
    left = _welsh_form("{count} conflict left in {file}", "{count} conflicts left in {file}", n - 1)
    assert out == left.format(count=n - 1, file=plans / "merged.conflicts.json") + "\n"
    assert "left in" not in out


def test_calendar_and_its_ics_in_welsh(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ics = plans / "plan.ics"
    when = ["--from", "2026-12-01", "--to", "2026-12-15"]
    status, out = _run(
        ["calendar", str(plans / "plan.json"), *when, "--ics", str(ics), "--locale", "cy"], capsys
    )
    assert status == 0
    assert _po("Nights: {a} {nights_a}, {b} {nights_b}{unsettled}").split("{a}")[0] in out
    assert _po("Wrote {out}").format(out=ics) in out
    assert "Nights:" not in out
    assert "Wrote" not in out
    text = ics.read_text(encoding="utf-8")
    assert f"X-WR-CALNAME:{_po('Parenting plan')}" in text
    # Without --locale, the English plan's calendar is English as before.
    english = _run(["calendar", str(plans / "plan.json"), *when], capsys)[1]
    assert "Nights:" in english


def test_render_in_welsh_one_pdf_and_many(plans: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = plans / "plan.pdf"
    render = ["render", str(plans / "plan.json"), "--audience", "court"]
    status, out = _run([*render, "-o", str(pdf), "--locale", "cy"], capsys)
    assert status == 0
    done = _po("{out}: {size} bytes, for {reader}")
    assert out.startswith(done.split("{size}")[0].format(out=pdf))
    assert out.rstrip().endswith(
        done.split("{reader}")[0].split("{size}")[1] + _po("Court").lower()
    )
    text = pdf_text(pdf.read_bytes())
    assert _po("Living arrangements") in text
    assert "Living arrangements" not in text

    folder = plans / "pdfs"
    many = ["render", str(plans / "plan.json"), str(plans / "sian.json"), "-o", str(folder)]
    status, out = _run([*many, "--audience", "court", "--locale", "cy", "--jobs", "1"], capsys)
    assert status == 0
    assert f"{plans / 'plan.json'}: {_po('wrote {name}').format(name='plan-court.pdf')}" in out
    assert "wrote" not in out
    for name in ("plan-court.pdf", "sian-court.pdf"):
        assert _po("Living arrangements") in pdf_text((folder / name).read_bytes())


def test_render_without_locale_follows_the_documents_language(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    welsh_plan = plans / "cy.json"
    coparent.dump(attrs.evolve(example_plan(), language="cy-GB"), welsh_plan)
    pdf = plans / "cy.pdf"
    assert main(["render", str(welsh_plan), "-o", str(pdf), "--audience", "court"]) == 0
    assert _po("Living arrangements") in pdf_text(pdf.read_bytes())
    args = ["render", str(welsh_plan), "-o", str(pdf), "--audience", "court", "--locale", "en"]
    assert main(args) == 0
    assert "Living arrangements" in pdf_text(pdf.read_bytes())
    capsys.readouterr()


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "sian.json", "tom.json"],
        ["merge", "sian.json", "tom.json", "-o", "m.json"],
        ["resolve", "m.conflicts.json", "/x", "--take", "ours", "--by", "Gwen"],
        ["calendar", "plan.json", "--from", "2026-12-01", "--to", "2026-12-15"],
        ["render", "plan.json", "-o", "plan.pdf", "--audience", "court"],
        ["check", "plan.json"],
    ],
)
def test_an_unknown_locale_is_bad_usage_naming_the_option_and_the_languages(
    command: list[str], plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--locale", "pl"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "argument --locale" in err
    assert "'pl'" in err
    for name in ["en", *CATALOGUES]:
        assert name in err.splitlines()[-1]
    assert "Traceback" not in err
    assert not list(plans.glob("*.pdf"))
    assert not (plans / "m.json").exists()


@given(
    language=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=3),
    region=st.sampled_from(["", "-GB", "_GB", "-US"]),
)
def test_locale_accepts_exactly_english_and_the_catalogues_languages(
    language: str, region: str
) -> None:
    from coparent._cli_diffmerge import locale_name

    tag = language + region
    known = {"en"} | {name.split("_")[0].lower() for name in CATALOGUES}
    if language in known:
        assert locale_name(tag) == tag
        assert locale_name(tag.upper()) == tag.upper()
    else:
        with pytest.raises(argparse.ArgumentTypeError, match="no translation for"):
            locale_name(tag)


def test_a_problem_with_a_file_reads_in_the_locale_asked_for(
    plans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = plans / "broken.json"
    broken.write_text('{"kind": "parenting_plan", "schema_version": 0}', encoding="utf-8")
    with pytest.raises(coparent.ValidationError) as caught:
        coparent.load(broken)
    assert caught.value.describe("cy") != str(caught.value)
    when = ["--from", "2026-12-01", "--to", "2026-12-15"]
    for command in (
        ["diff", str(broken), str(plans / "tom.json")],
        ["calendar", str(broken), *when],
    ):
        assert main([*command, "--locale", "cy"]) == 1
        assert capsys.readouterr().err == f"coparent: {caught.value.describe('cy')}\n"
        assert main(command) == 1
        assert capsys.readouterr().err == f"coparent: {caught.value}\n"
