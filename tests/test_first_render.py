"""A first PDF in a new process loads only what a PDF needs (issue 18), and the shortcuts that
made it so give the same answers as the way they replaced.

Subprocess tests ask a fresh interpreter which modules it loaded: a render must not import the
converter (whose first use generates thousands of lines of code), the migrations, the HTML and
text outputs, diff, merge, the schemas or Babel. They are about which modules load, never about
time; ``benchmarks/bench_pdf.py`` times the first render. The others compare English dates with
Babel's, time zone names with ``zoneinfo.available_timezones()``, and withholding paths on the
objects with withholding them in the JSON through the converter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zoneinfo
from datetime import date
from typing import Any

import attrs
import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import get_day_names, get_month_names
from hypothesis import given
from hypothesis import strategies as st

import coparent
from coparent import _tree, formatting, redaction
from coparent.convert import from_dict, to_dict
from coparent.model import ParentingPlan, ParentRef, Referral, Review, schedule
from coparent.model.introspect import Kind
from coparent.testing import documents

#: Modules a PDF of a plan, referral or review has no use for.
NOT_FOR_A_PDF = (
    "coparent.convert",
    "coparent._converter_code",
    "coparent.versions",
    "coparent.migrations",
    "coparent._files",
    "coparent.differences",
    "coparent.merging",
    "coparent.progress",
    "coparent.schema",
    "coparent.render.html",
    "coparent.render.text",
    "jsonschema",
    "babel",  # an English document's dates come from coparent's own names (tested below)
)


def _loaded_after(statements: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``statements``."""
    code = f"import json, sys\n{statements}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(run.stdout))


def test_a_first_pdf_of_the_example_plan_loads_no_converter_nor_other_output() -> None:
    loaded = _loaded_after(
        "import coparent\n"
        "from coparent import Audience\n"
        "pdf = coparent.render_pdf(coparent.ParentingPlan.example(), "
        "audience=Audience.facilitator())\n"
        "assert pdf.startswith(b'%PDF')"
    )
    assert "coparent.render.pdf" in loaded  # the check below would pass on a failed run
    assert "fpdf" in loaded
    assert sorted(loaded & set(NOT_FOR_A_PDF)) == []


@pytest.mark.parametrize("kind", ["ParentingPlan", "Referral", "Review"])
@pytest.mark.parametrize("audience", ["facilitator()", "court()", "parent(ParentRef.B)"])
def test_no_pdf_loads_the_converter(kind: str, audience: str) -> None:
    # The referral and review examples withhold paths from both parents (withheld_from_parents):
    # a parent's PDF of them takes those out without the converter.
    loaded = _loaded_after(
        "import coparent\n"
        "from coparent import Audience\n"
        "from coparent.model import ParentRef\n"
        f"coparent.render_pdf(coparent.{kind}.example(), audience=Audience.{audience})"
    )
    assert "coparent.render.pdf" in loaded
    assert sorted(loaded & {"coparent.convert", "coparent._converter_code"}) == []


@pytest.mark.parametrize("output", ["to_html", "to_text"])
def test_no_html_or_text_of_a_document_loads_the_converter(output: str) -> None:
    loaded = _loaded_after(
        "import coparent\n"
        "from coparent import Audience\n"
        "from coparent.model import ParentRef\n"
        "for cls in (coparent.ParentingPlan, coparent.Referral, coparent.Review):\n"
        f"    coparent.{output}(cls.example(), audience=Audience.parent(ParentRef.A))\n"
    )
    assert f"coparent.render.{output.removeprefix('to_')}" in loaded
    unexpected = {"coparent.convert", "coparent._converter_code", "coparent.merging", "babel"}
    assert sorted(loaded & unexpected) == []


def test_importing_the_redaction_loads_no_converter() -> None:
    # Every output redacts first, so this is what each of them pays before its own work.
    loaded = _loaded_after("from coparent.redaction import Audience, redact")
    assert "coparent.redaction" in loaded
    assert sorted(loaded & set(NOT_FOR_A_PDF)) == []


def test_the_converter_still_knows_the_documents() -> None:
    # DOCUMENT_TYPES moved to a module of its own so that redaction need not load the
    # converter; coparent.convert still names the same objects.
    import coparent
    from coparent import _documents, convert

    assert convert.DOCUMENT_TYPES is _documents.DOCUMENT_TYPES
    assert set(convert.DOCUMENT_TYPES.values()) == {
        coparent.ParentingPlan,
        coparent.Referral,
        coparent.Review,
    }
    assert all(kind == cls.KIND for kind, cls in convert.DOCUMENT_TYPES.items())


def test_the_notebook_view_loads_the_html_output_when_first_shown() -> None:
    loaded = _loaded_after(
        "import coparent.render\n"
        "assert 'coparent.render.html' not in sys.modules\n"
        "html = coparent.ParentingPlan.example()._repr_html_()\n"
        "assert '<' in html"
    )
    assert "coparent.render.html" in loaded
    assert "fpdf" not in loaded


# -- English dates without Babel: the same words as Babel's ------------------------------------


@given(st.dates(), st.booleans())
def test_an_english_date_reads_as_babel_writes_it(day: date, weekday: bool) -> None:
    pattern = "EEEE d MMMM y" if weekday else "d MMMM y"
    expected = babel_format_date(day, pattern, locale="en_GB")
    assert formatting.format_date(day, weekday=weekday, locale="en") == expected
    assert formatting.format_date(day, weekday=weekday, locale="en_XA") == expected


@pytest.mark.parametrize("width", ["abbreviated", "narrow", "short", "wide"])
def test_english_weekday_names_are_babels(width: Any) -> None:
    names = get_day_names(width, locale="en_GB")
    assert [formatting.weekday_name(i, width=width, locale="en") for i in range(7)] == [
        names[i] for i in range(7)
    ]


def test_english_month_names_are_babels() -> None:
    names = get_month_names("wide", context="stand-alone", locale="en_GB")
    assert [formatting.month_name(m, locale="en") for m in range(1, 13)] == [
        names[m] for m in range(1, 13)
    ]


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_month_that_is_not_one_fails_as_babel_fails(month: int) -> None:
    with pytest.raises(KeyError):
        get_month_names("wide", context="stand-alone", locale="en_GB")[month]
    with pytest.raises(KeyError):
        formatting.month_name(month, locale="en")


def test_welsh_dates_still_come_from_babel() -> None:
    day = date(2016, 2, 29)
    assert formatting.format_date(day, locale="cy") == babel_format_date(
        day, "d MMMM y", locale="cy"
    )
    assert formatting.month_name(2, locale="cy") == "Chwefror"


# -- time zone names without walking the zone folders: the same answer as the stdlib ----------

_ZONES = sorted(zoneinfo.available_timezones())


@given(
    st.one_of(
        st.sampled_from(_ZONES),
        st.sampled_from(_ZONES).map(lambda z: z.lower()),
        st.sampled_from(["posixrules", "right/UTC", "posix/UTC", "Europe", "", "Europe/../UTC"]),
        st.text(max_size=30),
    )
)
def test_a_zone_name_is_valid_exactly_when_the_stdlib_lists_it(name: str) -> None:
    assert schedule._is_zone_name(name) == (name in zoneinfo.available_timezones())


def test_the_packaged_zone_list_is_part_of_the_stdlib_list() -> None:
    packaged = schedule._packaged_zone_names()
    assert len(packaged) > 400  # read, not silently empty: tzdata is a dependency
    assert packaged <= zoneinfo.available_timezones()


# -- withholding paths on the objects: the same as through the JSON, as it was done before -----


def _json_leaves(value: Any, out: list[str]) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _json_leaves(item, out)
    elif isinstance(value, list):
        for item in value:
            _json_leaves(item, out)
    elif isinstance(value, str) and value:
        out.append(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append(str(value))


class _NotWithheld(Exception):
    """The oracle found nothing up to the document that could be withheld for a path."""


def _withhold_through_json(doc: Any, paths: tuple[str, ...]) -> tuple[Any, list[str]]:
    """The oracle: each path emptied in the document's JSON keyed by id (through the converter,
    as coparent did before), and the texts taken out. Where the converter refuses the result
    (the field is required, or a rule between fields breaks without it), the path's list item
    or the field holding it is emptied instead, up to the document."""
    import copy

    t = _tree
    cls, found = type(doc), []
    data = to_dict(doc)
    envelope = {k: v for k, v in data.items() if k not in t.body_of(data)}
    tree = t.to_keyed(cls, t.body_of(data))
    for path in paths:
        keys = t.keys_of(path)
        try:
            t.locate(cls, tree, keys)
        except LookupError:
            continue  # fits nothing: skipped
        for end in range(len(keys), 0, -1):
            trial = copy.deepcopy(tree)
            container, key, spec, is_item = t.locate(cls, trial, keys[:end])
            if key not in container:
                break  # an optional object that is absent: nothing to withhold
            default = None if is_item else t.default_json(spec)
            if default is attrs.NOTHING:
                continue
            leaves: list[str] = []
            _json_leaves(container[key], leaves)
            if is_item:
                del container[key]
            else:
                container[key] = t.keyed_value(spec, default)
            try:
                from_dict({**envelope, **t.from_keyed(cls, trial)}, cls)
            except coparent.ValidationError:
                continue
            tree = trial
            found += [x for x in leaves if " " in x.strip() or spec.kind is Kind.TEXT]
            break
        else:
            raise _NotWithheld(path)
    return from_dict({**envelope, **t.from_keyed(cls, tree)}, cls), found


def _keyed_paths(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every path of keys into a keyed tree (items by id), and list indexes as keys."""
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _keyed_paths(v, (*prefix, str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _keyed_paths(v, (*prefix, str(i)))
    return out


@st.composite
def _documents_and_paths(draw: st.DrawFn) -> tuple[Any, tuple[str, ...]]:
    cls = draw(st.sampled_from([ParentingPlan, Referral, Review]))
    doc = draw(st.one_of(st.just(cls.example()), documents(cls)))  # the examples: long texts
    data = to_dict(doc)
    keyed = _keyed_paths(_tree.to_keyed(cls, _tree.body_of(data)))
    shallow = [p for p in keyed if len(p) <= 3]  # sections, items and their fields, mostly
    real = st.sampled_from(shallow or keyed).map(_tree.pointer)
    junk = st.sampled_from(["", "/", "/no_such_field", "/children/no-such-id", "/id/x"])
    paths = draw(st.lists(st.one_of(real, real, junk), max_size=4))
    return doc, tuple(paths)


@given(_documents_and_paths())
def test_withholding_paths_on_the_objects_equals_withholding_them_in_the_json(
    case: tuple[Any, tuple[str, ...]],
) -> None:
    doc, paths = case
    try:
        expected, expected_found = _withhold_through_json(doc, paths)
    except _NotWithheld as e:
        with pytest.raises(coparent.ValidationError, match="cannot be withheld") as refused:
            redaction._withhold_paths(doc, paths, [])
        assert str(e) in str(refused.value)
        return
    found: list[str] = []
    assert redaction._withhold_paths(doc, paths, found) == expected
    assert sorted(found) == sorted(expected_found)


@pytest.mark.parametrize("cls", [ParentingPlan, Referral, Review])
def test_the_examples_withheld_paths_come_out_as_through_the_json(cls: Any) -> None:
    doc = cls.example()
    paths = (*doc.withheld_from_parents, "/children/0", "/notes")
    expected, expected_found = _withhold_through_json(doc, paths)
    found: list[str] = []
    assert redaction._withhold_paths(doc, paths, found) == expected
    assert sorted(found) == sorted(expected_found)
    parent = coparent.redact(doc, coparent.Audience.parent(ParentRef.A))
    assert to_dict(parent) == to_dict(from_dict(to_dict(parent), cls))  # still a valid document
