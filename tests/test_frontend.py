"""Front ends, for real: ajv (what web forms validate with) agrees with Python's jsonschema on a
corpus of valid and invalid documents, and the example web form in docs/web-form works in
headless Chromium, end to end.

These tests need Node.js, the web form's npm packages and Debian's chromium; the ``frontend``
nox session installs the packages, builds the page and runs them with
``-m frontend``.
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import os
import re
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import coparent
import coparent.convert
import coparent.model
from coparent.cli import export_schemas
from coparent.convert import TIME_PATTERN
from coparent.model._base import EMAIL_PATTERN, ITEM_ID_PATTERN
from coparent.model.introspect import Kind
from strategies import any_document

ROOT = Path(__file__).resolve().parent.parent
WEB_FORM = ROOT / "docs" / "web-form"
JS = Path(__file__).resolve().parent / "js"

# Deselected by default (pyproject's addopts); the frontend nox session checks for node, npm
# and chromium, installs the packages, builds the page and runs these with `-m frontend`.
pytestmark = pytest.mark.frontend


def _node(*args: str, timeout: float = 240) -> Any:
    done = subprocess.run(
        ["node", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


# --- the corpus -------------------------------------------------------------------------------


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _leaves(
    schema: dict[str, Any], data: Any, root: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every value in ``data`` with the (resolved) schema that describes it."""
    schema = _resolve(schema, root)
    yield path, schema
    for key in ("anyOf", "oneOf"):
        for option in schema.get(key, []):
            option = _resolve(option, root)
            if option.get("type") == "object" and isinstance(data, dict):
                tag = option["properties"].get("type", {}).get("const")
                if tag is None or tag == data.get("type"):
                    yield from _leaves(option, data, root, path)
    if isinstance(data, dict) and "properties" in schema:
        for name, value in data.items():
            yield from _leaves(schema["properties"][name], value, root, (*path, name))
    if isinstance(data, list) and "items" in schema:
        for index, value in enumerate(data):
            yield from _leaves(schema["items"], value, root, (*path, index))


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def _delete(data: Any, path: tuple[str | int, ...]) -> Any:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return out


_BAD = {
    "date": ["2025-02-30", "2023-02-29", "2025-13-01", "25-01-01", "２０２５-01-01",
             "٢٠٢٥-٠١-٠١", "2025-01-01T00:00:00", "0000-01-01", "2025-01-01\n"],
    "time": ["24:00:00", "7:00:00", "17:00", "１７:00:00", "17:00:60", "17:00:00+01:00",
             "17:00:00\n"],
    "date-time": ["2025-02-30T10:00:00+00:00", "2025-01-01T10:00:00Z",
                  "2025-01-01T10:00:00", "2025-01-01 10:00:00+00:00",
                  "2025-01-01T10:00:00+00:00\n"],
    "email": ["sam", "sam@", "sam@@example.org", "sam @example.org", "sam@example",
              "sam@example.", "mia@exämple.org", "zoë@example.org", "sam@example.org\n"],
    "uuid": ["6F1C2A4E-7B3D-4C5E-9F10-2A3B4C5D6E7F", "6f1c2a4e7b3d4c5e9f102a3b4c5d6e7f", "",
             "6f1c2a4e-7b3d-4c5e-9f10-2a3b4c5d6e7f\n"],
    "item-id": ["", "-abc", "a b", "a" * 65, "١٢٣", "mia\n", "mia\r\n", "mia\n\n"],
    "integer": [1.5, 1.0, True, "2", None, 10**20],
    "string": [7, None, True, ["text"], {"text": 1}],
    "choice": ["Monday", "", 0, None],
}  # fmt: skip


def _category(schema: dict[str, Any], root: dict[str, Any]) -> str | None:
    if schema.get("format") in ("date", "date-time", "email", "uuid"):
        return str(schema["format"])
    if schema.get("pattern") == TIME_PATTERN:
        return "time"
    if schema.get("pattern") == ITEM_ID_PATTERN:
        return "item-id"
    types = schema.get("type")
    if types == "integer" or (isinstance(types, list) and "integer" in types):
        return "integer"
    if "oneOf" in schema and all("const" in o for o in schema["oneOf"]):
        return "choice"
    if types == "string" and "const" not in schema:
        return "string"
    return None


def _mutations(kind: str, data: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """Invalid (mostly) variants of a valid document: one of each kind of mistake per document."""
    out: list[dict[str, Any]] = [
        {**data, "unknown_field": 1},
        {**data, "kind": "not_" + kind},
        {**data, "schema_version": 0},
        {**data, "schema_version": "1"},
        {**data, "id": None},
        _delete(data, ("kind",)),
    ]
    done: set[str] = set()
    for path, schema in _leaves(root, data, root):
        if path and isinstance(path[-1], str) and schema.get("type") == "object":
            out.append(_set(data, path, {**_get(data, path), "surprise": True}))
            if schema["required"]:
                out.append(_delete(data, (*path, schema["required"][0])))
        category = _category(schema, root)
        if category is None or category in done or not path:
            continue
        done.add(category)
        out += [_set(data, path, bad) for bad in _BAD[category]]
    return out


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _generated(count: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(any_document())
    def collect(doc: Any) -> None:
        found.append(coparent.to_dict(doc))

    collect()
    return found


def _python_verdict(kind: str, data: Any) -> bool:
    try:
        coparent.validate(data, coparent.convert.DOCUMENT_TYPES[kind])
    except coparent.ValidationError:
        return False
    return True


def test_ajv_and_jsonschema_agree(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    export_schemas(schemas)
    roots = {
        kind: coparent.json_schema(cls) for kind, cls in coparent.convert.DOCUMENT_TYPES.items()
    }
    valid = [coparent.to_dict(cls.example()) for cls in coparent.convert.DOCUMENT_TYPES.values()]
    valid += _generated(60)
    corpus = [{"kind": d["kind"], "data": d} for d in valid]
    for d in valid:
        corpus += [
            {"kind": d["kind"], "data": m} for m in _mutations(d["kind"], d, roots[d["kind"]])
        ]
    corpus_file = tmp_path / "corpus.json"
    corpus_file.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")

    result = _node(str(JS / "ajv_verdicts.cjs"), str(schemas), str(corpus_file))
    assert result["warnings"] == [], "ajv strict mode warned about the schemas"
    assert sorted(result["kinds"]) == sorted(coparent.convert.DOCUMENT_TYPES)
    disagreements = []
    for item, verdict in zip(corpus, result["verdicts"], strict=True):
        python = _python_verdict(item["kind"], item["data"])
        if python != verdict["valid"]:
            disagreements.append((python, verdict["errors"][:3], item["data"]))
    assert not disagreements, (
        f"{len(disagreements)} of {len(corpus)} disagree; first: {disagreements[0]!r:.1500}"
    )
    verdicts = [v["valid"] for v in result["verdicts"]]
    assert all(verdicts[: len(valid)]), "a dumped document is invalid"
    # The corpus really tests both verdicts: most mutations are invalid, a few stay valid.
    assert verdicts.count(False) > len(corpus) // 2
    assert len(corpus) > 1000


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("sam@example.org", True),
        ("sam.jones+plan@mail.example.co.uk", True),
        ("zoë@example.org", True),
        ("sam@exämple.org", True),
        ("sam@example", False),
        ("sam@@example.org", False),
        ("sam @example.org", False),
        ("sam@example.org\n", False),
    ],
)
def test_email_addresses_in_both(tmp_path: Path, address: str, valid: bool) -> None:
    """The library's own email rule (any script, one @, a dot in the domain) is the judge."""
    import re

    assert bool(re.search(EMAIL_PATTERN, address)) is valid
    doc = coparent.to_dict(coparent.ParentingPlan.example())
    doc["parent_a"]["contact"]["email"] = address
    export_schemas(tmp_path)
    corpus = tmp_path / "corpus.json"
    corpus.write_text(json.dumps([{"kind": doc["kind"], "data": doc}]), encoding="utf-8")
    result = _node(str(JS / "ajv_verdicts.cjs"), str(tmp_path), str(corpus))
    assert result["verdicts"][0]["valid"] is valid
    assert _python_verdict(doc["kind"], doc) is valid


# --- the web form in a browser -----------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test's output stays clean


@pytest.fixture
def served_form() -> Iterator[str]:
    dist = WEB_FORM / "dist"
    assert (dist / "bundle.js").exists(), "build the page first: npm ci && npm run build"
    handler: Callable[..., Any] = functools.partial(_QuietHandler, directory=str(dist))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def test_web_form_end_to_end(served_form: str, tmp_path: Path) -> None:
    screenshot = Path(os.environ.get("COPARENT_SCREENSHOT") or tmp_path / "web-form.png")
    chromium = os.environ.get("COPARENT_CHROMIUM", "/usr/bin/chromium")
    out = _node(str(JS / "fill_form.cjs"), served_form, str(screenshot), chromium)
    assert out["problems"] == [], "the page raised errors"
    # axe-core ran on every step of the three forms (with their errors showing, for two) and
    # found nothing serious or critical.
    assert all(run["steps"] >= 5 for run in out["axe"]), out["axe"]
    found = [v for run in out["axe"] for v in run["found"]]
    assert found == []
    # The empty form was refused in the browser, naming the missing names by their titles.
    assert "Full name" in out["emptyErrors"], out["emptyErrors"]
    # Errors are plain English from the schema's titles: no regular expression, no ajv jargon.
    for shown in ("emptyErrors", "badErrors", "referralEmptyErrors", "reviewEmptyErrors"):
        text = out[shown]
        assert "please fill this in" in text, (shown, text)
        assert "This field" not in text, (shown, text)  # every field named by its title
        for jargon in ("must match", "pattern", "^", "[0-9]", "must be null", "oneOf", "anyOf"):
            assert jargon not in text, (shown, jargon, text)
    email_title = coparent.json_schema(coparent.ParentingPlan)["$defs"]["ContactDetails"][
        "properties"
    ]["email"]["title"]
    assert f"{email_title}: enter it like" in out["badErrors"], out["badErrors"]
    # A required choice is not pre-filled with its first option (constAsDefaults: skipOneOf).
    referrer_kind = coparent.json_schema(coparent.Referral)["$defs"]["Referrer"]["properties"][
        "kind"
    ]["title"]
    assert f"{referrer_kind}: please fill this in" in out["referralEmptyErrors"]
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    # Dates typed day first and times on the 24-hour clock (as a British parent types them,
    # whatever the browser's language) read back tidied, and are stored as ISO 8601 below.
    shown = out["shownAfterTyping"]
    assert {typed: box["value"] for typed, box in shown.items()} == {
        "4/5/2018": "04/05/2018",
        "17:30": "17:30",
        "18.00": "18:00",
        "24/07/2027": "24/07/2027",
        "31.08.2027": "31/08/2027",
        "2/11/2026": "02/11/2026",
    }
    assert shown["4/5/2018"]["hint"] == "Day, month and year, such as 24/07/2027"
    assert shown["17:30"]["hint"] == "24-hour clock, such as 17:30"

    data = json.loads(out["plan"])
    coparent.validate(data)
    assert data["children"][0]["date_of_birth"] == "2018-05-04"
    assert data["living_arrangements"]["holidays"][0]["end"] == "2027-08-31"
    assert data["living_arrangements"]["schedule"]["slots"][0]["end_time"] == "18:00:00"
    plan = coparent.from_json(out["plan"], coparent.ParentingPlan)
    la = data["living_arrangements"]
    expected = coparent.ParentingPlan(
        id=uuid.UUID(data["id"]),
        parent_a=coparent.model.Person(id=data["parent_a"]["id"], name="Sam Jones"),
        parent_b=coparent.model.Person(
            id=data["parent_b"]["id"],
            name="Alex Jones",
            contact=coparent.model.ContactDetails(email="alex@example.org"),
        ),
        children=(
            coparent.model.Child(
                id=data["children"][0]["id"],
                name="Mia Jones",
                date_of_birth=date(2018, 5, 4),
                needs="Asthma: inhaler travels with her.",
            ),
        ),
        living_arrangements=coparent.model.LivingArrangements(
            schedule=coparent.model.WeeklySchedule(
                slots=(
                    coparent.model.WeeklySlot(
                        id=la["schedule"]["slots"][0]["id"],
                        parent=coparent.ParentRef.B,
                        start_day=coparent.model.Weekday.FRIDAY,
                        start_time=time(17, 30),
                        end_day=coparent.model.Weekday.SUNDAY,
                        end_time=time(18, 0),
                        every_n_weeks=2,
                        # Picked by its name from the plan's handovers, never typed.
                        pickup_handover_id=la["handovers"][0]["id"],
                    ),
                )
            ),
            residence=coparent.model.Residence.SHARED,
            handovers=(
                coparent.model.Handover(
                    id=la["handovers"][0]["id"],
                    place=coparent.model.HandoverPlace.PUBLIC_PLACE,
                    place_details="Outside the library",
                ),
            ),
            holidays=(
                coparent.model.Holiday(
                    id=la["holidays"][0]["id"],
                    name="Summer holidays 2027",
                    kind=coparent.model.HolidayKind.SUMMER,
                    start=date(2027, 7, 24),
                    end=date(2027, 8, 31),
                    allocation=coparent.model.Allocation.SPLIT,
                ),
            ),
        ),
    )
    assert plan == expected
    # The page filled every id; nobody typed one.
    ids = [plan.parent_a.id, plan.parent_b.id, plan.children[0].id]
    ids += [la["schedule"]["slots"][0]["id"], la["holidays"][0]["id"]]
    assert len(set(ids)) == len(ids)

    referral_data = json.loads(out["referral"])
    referral = coparent.from_json(out["referral"], coparent.Referral)
    assert referral == coparent.Referral(
        id=uuid.UUID(referral_data["id"]),
        made_on=date(2026, 11, 2),
        referrer=coparent.model.Referrer(
            kind=coparent.model.ReferrerKind.COURT, name="Family Court at Cardiff"
        ),
        service=coparent.model.ContactCentreService(
            contact_type=coparent.model.ContactType.SUPPORTED
        ),
        parent_a=coparent.model.Person(id=referral_data["parent_a"]["id"], name="Sam Jones"),
        parent_b=coparent.model.Person(id=referral_data["parent_b"]["id"], name="Alex Jones"),
    )


# --- TypeScript types, generated by tools nobody here wrote ----------------------------------


def test_generated_typescript_types_compile_strictly_against_the_examples(tmp_path: Path) -> None:
    """openapi-typescript (from schemas/openapi.json) and json-schema-to-typescript (from each
    schema) write types; ``tsc --strict`` checks each example as a value of both, and that a
    wrong kind or schema version is refused (``@ts-expect-error`` fails when nothing errs)."""
    out = tmp_path / "types"
    made = _node(str(WEB_FORM / "types.mjs"), str(out))
    assert {"openapi.d.ts", "parenting_plan.d.ts", "examples.ts"} <= set(made["files"])
    openapi_types = (out / "openapi.d.ts").read_text("utf-8")
    for name in ("ParentingPlan", "Referral", "Review", "Person"):
        assert f"{name}: {{" in openapi_types, name
    # Types are named after the short $defs titles, not their sentences.
    plan_types = (out / "parenting_plan.d.ts").read_text("utf-8")
    assert "export interface ParentingPlan {" in plan_types
    assert "export interface WeeklySlot {" in plan_types
    assert "AParentingPlan" not in plan_types

    def tsc() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["npx", "--no-install", "tsc", "-p", str(out)],
            cwd=WEB_FORM,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )

    done = tsc()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # The oracle works: a misspelt property in an example is a compile error.
    examples = out / "examples.ts"
    examples.write_text(examples.read_text("utf-8").replace('"title":', '"titel":', 1), "utf-8")
    broken = tsc()
    assert broken.returncode != 0
    assert "titel" in broken.stdout


# --- JSON Forms with its Material renderers --------------------------------------------------


def _jsonforms_labels(element: dict[str, Any], *, details: bool) -> list[str]:
    """The labels of a JSON Forms layout's groups and controls (and of list items' detail
    layouts, with ``details``)."""
    found = [element["label"]] if element["type"] in ("Group", "Control") else []
    for child in element.get("elements", []):
        found += _jsonforms_labels(child, details=details)
    detail = element.get("options", {}).get("detail")
    if details and detail is not None:
        found += _jsonforms_labels(detail, details=details)
    return found


def _ids_in(data: Any) -> set[str]:
    """Every id in a document: its own and each item's (the values a form must not show)."""
    if isinstance(data, list):
        return {i for item in data for i in _ids_in(item)}
    if not isinstance(data, dict):
        return set()
    own = {data["id"]} if isinstance(data.get("id"), str) else set()
    return own.union(*(_ids_in(v) for v in data.values()))


def _titles_of(kinds: set[Kind]) -> set[str]:
    from coparent.model.introspect import all_classes

    classes = all_classes(*coparent.convert.DOCUMENT_TYPES.values())
    return {f.title for spec in classes for f in spec.fields if f.kind in kinds}


def test_jsonforms_material_renderers_show_every_document(served_form: str) -> None:
    """coparent's JSON Forms UI schema with JSON Forms' Material renderers in Chromium: every
    category renders with its labels, no id is shown, every option of a choice is named, and
    the example documents load without a validation error."""
    from coparent.uischema import jsonforms_ui_schema

    chromium = os.environ.get("COPARENT_CHROMIUM", "/usr/bin/chromium")
    url = served_form.replace("/index.html", "/jsonforms.html")
    out = _node(str(JS / "jsonforms_page.cjs"), url, chromium)
    assert out["problems"] == [], out["problems"]
    hidden = {Kind.ID, Kind.UUID, Kind.DATETIME}
    # Titles only ever of fields software fills in ("Id"); "Parenting plan" also names a choice.
    hidden_titles = _titles_of(hidden) - _titles_of(set(Kind) - hidden)
    assert "Id" in hidden_titles
    references = _titles_of({Kind.REFERENCE})
    # Titles only ever of dates, of clock times.
    dates = _titles_of({Kind.DATE}) - _titles_of(set(Kind) - {Kind.DATE})
    times = _titles_of({Kind.TIME}) - _titles_of(set(Kind) - {Kind.TIME})
    shown_dates: list[str] = []
    shown_times: list[str] = []
    for kind, cls in coparent.convert.DOCUMENT_TYPES.items():
        run = out[kind]
        ui = jsonforms_ui_schema(cls)
        schema = coparent.json_schema(cls)
        # The example loaded, JSON Forms validated it (with ajv, draft 2020-12) and found nothing.
        assert run["changes"] >= 1, kind
        assert run["errors"] == [], (kind, run["errors"][:5])
        assert run["categories"] == [c["label"] for c in ui["elements"]], kind
        example = coparent.to_dict(cls.example())
        ids = _ids_in(example)
        option_titles = {
            resolved.get("title")
            for node in [*schema["$defs"].values(), *schema["properties"].values()]
            for option in node.get("oneOf", []) + node.get("anyOf", [])
            for resolved in [_resolve(option, schema)]
        }
        for seen, category in zip(run["seen"], ui["elements"], strict=True):
            where = (kind, seen["category"])
            # Every section renders: something to fill in, and no renderer missing.
            assert seen["inputs"], where
            assert "No applicable renderer" not in seen["text"], where
            # Its labels are the UI schema's, and the first item of each list shows its own.
            labels = set(seen["labels"])
            for label in _jsonforms_labels(category, details=False):
                assert label in labels, (where, label)
            if seen["opened"]:
                assert (
                    set(_jsonforms_labels(category, details=True)) & labels
                    > set(_jsonforms_labels(category, details=False)) & labels
                ), where
            # Every option of a choice is named by its title, never "anyOf-1".
            for tab in seen["optionTabs"]:
                assert tab in option_titles, (where, tab)
            # No id box, no id as a list item's name: an id shows only as a reference's value.
            assert not labels & hidden_titles, (where, labels & hidden_titles)
            assert not {line.strip() for line in seen["text"].splitlines()} & ids, where
            for box in seen["inputs"]:
                if box["value"] in ids:
                    assert box["label"] in references or box["label"] == "", (where, box)
                if box["label"] in dates and box["value"]:
                    shown_dates.append(box["value"])
                if box["label"] in times and box["value"]:
                    shown_times.append(box["value"])
        assert str(example["id"]) not in json.dumps(run["seen"]), kind
    # Dates day first (DD/MM/YYYY), clock times on the 24-hour clock, as the UK writes them.
    assert shown_dates
    assert all(re.fullmatch(r"[0-3]\d/[01]\d/\d{4}", d) for d in shown_dates), shown_dates
    assert shown_times
    assert all(re.fullmatch(r"[0-2]\d:[0-5]\d", t) for t in shown_times), shown_times
    assert any(int(t[:2]) > 12 for t in shown_times), shown_times


# --- the notebook's HTML in dark themes ----------------------------------------------------

_DARK_NOTEBOOK = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>coparent in a dark notebook</title><style>
body{font-family:system-ui,sans-serif;margin:1rem;background:#ffffff;color:#000000}
@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#d4d4d4}}
body[data-jp-theme-light="false"]{background:#111111;color:#e0e0e0}
body.vscode-dark{background:#1f1f1f;color:#cccccc}
</style></head><body>{body}</body></html>"""


def _hex(rgb: str) -> str:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, 1)?\)", rgb)
    assert match, rgb
    return "#" + "".join(f"{int(c):02x}" for c in match.groups())


def test_the_notebook_reads_in_dark_themes(tmp_path: Path) -> None:
    """The calendar and a document as a notebook shows them, in Chromium under a dark system
    setting, JupyterLab's dark theme and VS Code's: every colour pair a reader sees (as the
    browser computes it) has a WCAG contrast of at least 4.5, and the tints are dark."""
    from coparent.render.html import notebook_html
    from coparent.scheduling import calendar
    from test_theme import contrast, luminance

    plan = coparent.quick_plan(
        parents=("Sam Jones", "Alex Jones"), children=["Mia"], starts_on=date(2027, 1, 4)
    )
    shown = notebook_html(plan.living_arrangements.schedule)
    shown += calendar(plan, date(2027, 1, 1), date(2027, 2, 1))._repr_html_()
    page = tmp_path / "dark.html"
    page.write_text(_DARK_NOTEBOOK.replace("{body}", shown), encoding="utf-8")
    screenshot = Path(os.environ.get("COPARENT_DARK_SCREENSHOT") or tmp_path / "dark.png")
    chromium = os.environ.get("COPARENT_CHROMIUM", "/usr/bin/chromium")
    out = _node(str(JS / "dark_notebook.cjs"), str(page), str(screenshot), chromium)
    assert sorted(out) == ["jupyterlab", "system", "vscode"]
    for theme, cells in out.items():
        for what, seen in cells.items():
            fg, bg = _hex(seen["color"]), _hex(seen["background"])
            assert contrast(fg, bg) >= 4.5, (theme, what, fg, bg)
            # Dark: light text on a dark background, the notebook's own or a dark tint.
            assert luminance(bg) < 0.1 < 0.5 < luminance(fg), (theme, what, fg, bg)
        assert cells["a"]["background"] != cells["b"]["background"], theme
    assert screenshot.read_bytes().startswith(b"\x89PNG")
