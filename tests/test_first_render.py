"""A first PDF in a new process loads only what a PDF needs (issue 18).

Each test runs a fresh interpreter and asks which modules it loaded: a render must not import
the converter (whose first use generates thousands of lines of code), the migrations, the HTML
and text outputs, diff, merge or the schemas. These tests are about which modules load, never
about time; ``benchmarks/bench_pdf.py`` times the first render.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zoneinfo
from datetime import date
from typing import Any

import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import get_day_names, get_month_names
from hypothesis import given
from hypothesis import strategies as st

from coparent import formatting
from coparent.model import schedule

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
@pytest.mark.parametrize("audience", ["facilitator()", "court()"])
def test_no_staff_pdf_loads_the_converter(kind: str, audience: str) -> None:
    loaded = _loaded_after(
        "import coparent\n"
        "from coparent import Audience\n"
        f"coparent.render_pdf(coparent.{kind}.example(), audience=Audience.{audience})"
    )
    assert "coparent.render.pdf" in loaded
    assert sorted(loaded & {"coparent.convert", "coparent._converter_code"}) == []


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
