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

import pytest

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
